import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { WorkItem } from './work-item.entity';
import { User } from '../users/user.entity';

export const EXTENSION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** An owner's request for a new deadline; every request and decision is kept for reports. */
@Entity('deadline_extensions')
@Check(
  'deadline_extensions_progress_at_request_check',
  `((progress_at_request >= 0) AND (progress_at_request <= 100))`,
)
@Check('deadline_extensions_reason_check', `(length(reason) > 0)`)
@Check(
  'deadline_extensions_state_check',
  `(state = ANY (ARRAY['pending'::text, 'approved'::text, 'rejected'::text]))`,
)
@Index('deadline_extensions_one_pending_uq', ['workItemId'], {
  unique: true,
  where: `state = 'pending'::text`,
})
@Index('deadline_extensions_work_item_idx', ['workItemId'])
export class DeadlineExtension {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkItem, 'id', { name: 'deadline_extensions_work_item_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  workItemId!: string;

  @ForeignKey(() => User, 'id', { name: 'deadline_extensions_requested_by_id_fkey', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  requestedById!: string;

  @Column({ type: 'text' })
  reason!: string;

  @Column({ type: 'smallint' })
  progressAtRequest!: number;

  @Column({ type: 'date' })
  previousDeadline!: string;

  @Column({ type: 'date' })
  requestedDeadline!: string;

  @Column({ type: 'text', default: 'pending' })
  state!: ExtensionState;

  @ForeignKey(() => User, 'id', { name: 'deadline_extensions_decided_by_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
