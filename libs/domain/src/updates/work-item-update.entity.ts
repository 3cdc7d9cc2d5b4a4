import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { WorkItemStatus } from '@xietong/rules';

export const UPDATE_KINDS = ['progress', 'send_back', 'extension', 'accepted'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

/** 进展反馈: visible to every organization that leads the same task. */
@Entity('work_item_updates')
export class WorkItemUpdate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  workItemId!: string;

  /** Denormalised so the joint task view reads every lead unit's updates in one query. */
  @Column({ type: 'uuid' })
  taskId!: string;

  @Column({ type: 'uuid' })
  authorId!: string;

  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text', default: 'progress' })
  kind!: UpdateKind;

  @Column({ type: 'text' })
  text!: string;

  /** Another lead unit this update asks something of; it waits in that unit's 待办 until it answers. */
  @Column({ type: 'uuid', nullable: true })
  addressedOrganizationId!: string | null;

  @Column({ type: 'smallint', nullable: true })
  progress!: number | null;

  @Column({ type: 'text', nullable: true })
  statusFrom!: WorkItemStatus | null;

  @Column({ type: 'text', nullable: true })
  statusTo!: WorkItemStatus | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
