import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const EXTENSION_STATES = ['pending', 'approved', 'rejected'] as const;
export type ExtensionState = (typeof EXTENSION_STATES)[number];

/** An owner's request for a new deadline; every request and decision is kept for reports. */
@Entity('deadline_extensions')
export class DeadlineExtension {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
  @Column({ type: 'uuid' })
  workItemId!: string;

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

  @Column({ type: 'uuid', nullable: true })
  decidedById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
