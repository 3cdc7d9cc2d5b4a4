import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { WorkItem } from '../work-items/work-item.entity';
import { Task } from '../plans/task.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import type { WorkItemStatus } from '@xietong/rules';

export const UPDATE_KINDS = ['progress', 'send_back', 'extension', 'accepted'] as const;
export type UpdateKind = (typeof UPDATE_KINDS)[number];

/** 进展反馈: visible to every organization that leads the same task. */
@Entity('work_item_updates')
// (addressed_organization_id, created_at DESC) in the migration: TypeORM compares the columns, not their order
@Index('work_item_updates_addressed_idx', ['addressedOrganizationId', 'createdAt'], {
  where: `addressed_organization_id IS NOT NULL`,
})
@Check(
  'work_item_updates_kind_check',
  `(kind = ANY (ARRAY['progress'::text, 'send_back'::text, 'extension'::text]))`,
)
@Check('work_item_updates_progress_check', `((progress >= 0) AND (progress <= 100))`)
@Check('work_item_updates_text_check', `(length(text) > 0)`)
// (work_item_id, created_at DESC) in the migration: TypeORM compares the columns, not their order
@Index('work_item_updates_item_idx', ['workItemId', 'createdAt'])
// (task_id, created_at DESC) in the migration: TypeORM compares the columns, not their order
@Index('work_item_updates_task_idx', ['taskId', 'createdAt'])
export class WorkItemUpdate {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => WorkItem, 'id', { name: 'work_item_updates_work_item_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  workItemId!: string;

  /** Denormalised so the joint task view reads every lead unit's updates in one query. */
  @ForeignKey(() => Task, 'id', { name: 'work_item_updates_task_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  taskId!: string;

  @ForeignKey(() => User, 'id', { name: 'work_item_updates_author_id_fkey', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  authorId!: string;

  @ForeignKey(() => Organization, 'id', {
    name: 'work_item_updates_organization_id_fkey',
    onDelete: 'RESTRICT',
  })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @Column({ type: 'text', default: 'progress' })
  kind!: UpdateKind;

  @Column({ type: 'text' })
  text!: string;

  /** Another lead unit this update asks something of; it waits in that unit's 待办 until it answers. */
  @ForeignKey(() => Organization, 'id', {
    name: 'work_item_updates_addressed_organization_id_fkey',
    onDelete: 'SET NULL',
  })
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
