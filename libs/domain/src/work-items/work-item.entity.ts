import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Task } from '../plans/task.entity';
import { Plan } from '../plans/plan.entity';
import { User } from '../users/user.entity';
import { Organization } from '../organizations/organization.entity';
import type { ReviewState, WorkItemPriority, WorkItemStatus } from '@xietong/rules';
import type { Responsibility } from '../plans/task-lead-unit.entity';

/**
 * One per task × lead unit, plus sub-items (milestones) under it. "Overdue" and the traffic light
 * are derived from deadline, status and progress, never stored.
 */
@Entity('work_items')
@Check('work_items_responsibility_check', `(responsibility = ANY (ARRAY['lead'::text, 'support'::text]))`)
@Index('work_items_parent_import_key_uq', ['parentId', 'importKey'], {
  unique: true,
  where: `import_key IS NOT NULL`,
})
@Check('work_items_extension_count_check', `(extension_count >= 0)`)
@Check('work_items_review_only_when_done', `((review_state IS NULL) OR (status = 'done'::text))`)
@Check('work_items_review_state_check', `(review_state = ANY (ARRAY['pending'::text, 'accepted'::text]))`)
@Index('work_items_review_pending_idx', ['planId'], { where: `review_state = 'pending'::text` })
// gin (search_bigrams(search_text)): a shape TypeORM cannot declare, so the schema comparison leaves it to the migration
@Index('work_items_search_idx', { synchronize: false })
@Check('work_items_check', `((status <> 'done'::text) OR (progress = 100))`)
@Check('work_items_check1', `(start_date <= deadline)`)
@Check(
  'work_items_priority_check',
  `(priority = ANY (ARRAY['low'::text, 'normal'::text, 'high'::text, 'urgent'::text]))`,
)
@Check('work_items_progress_check', `((progress >= 0) AND (progress <= 100))`)
@Check(
  'work_items_status_check',
  `(status = ANY (ARRAY['not_started'::text, 'in_progress'::text, 'blocked'::text, 'done'::text, 'cancelled'::text]))`,
)
@Check('work_items_version_check', `(version > 0)`)
@Index('work_items_deadline_idx', ['deadline', 'id'])
@Index('work_items_open_deadline_idx', ['deadline'], {
  where: `status = ANY (ARRAY['not_started'::text, 'in_progress'::text, 'blocked'::text])`,
})
@Index('work_items_organization_status_deadline_idx', ['organizationId', 'status', 'deadline'])
@Index('work_items_owner_idx', ['ownerId', 'deadline'], { where: `owner_id IS NOT NULL` })
@Index('work_items_parent_idx', ['parentId'], { where: `parent_id IS NOT NULL` })
@Index('work_items_plan_deadline_idx', ['planId', 'deadline', 'id'])
// (plan_id, status, deadline, id) INCLUDE (task_id): a shape TypeORM cannot declare, so the schema comparison leaves it to the migration
@Index('work_items_plan_status_deadline_idx', { synchronize: false })
@Index('work_items_task_idx', ['taskId'])
@Index('work_items_task_organization_uq', ['taskId', 'organizationId'], {
  unique: true,
  where: `parent_id IS NULL`,
})
// gin (title gin_trgm_ops): a shape TypeORM cannot declare, so the schema comparison leaves it to the migration
@Index('work_items_title_trgm_idx', { synchronize: false })
export class WorkItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Denormalised from the task so lists filter by plan without a join. */
  @ForeignKey(() => Plan, 'id', { name: 'work_items_plan_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  planId!: string;

  @ForeignKey(() => Task, 'id', { name: 'work_items_task_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  taskId!: string;

  @ForeignKey(() => Organization, 'id', { name: 'work_items_organization_id_fkey', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ForeignKey(() => WorkItem, 'id', { name: 'work_items_parent_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid', nullable: true })
  parentId!: string | null;

  /** Copied from the task–unit link so lists filter and show 配合 without joining it. */
  @Column({ type: 'text', default: 'lead' })
  responsibility!: Responsibility;

  @Column({ type: 'text' })
  title!: string;

  @ForeignKey(() => User, 'id', { name: 'work_items_owner_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  ownerId!: string | null;

  /** A calendar date in the plan's time zone. */
  @Column({ type: 'date' })
  deadline!: string;

  /** The deadline first set; extensions change `deadline` only, so reports can tell them apart. */
  @Column({ type: 'date' })
  originalDeadline!: string;

  @Column({ type: 'date' })
  startDate!: string;

  /** When the first deadline was fixed; from then on only an approved extension moves it. */
  @Column({ type: 'timestamptz', nullable: true })
  deadlineConfirmedAt!: Date | null;

  /** Approved extensions so far. */
  @Column({ type: 'int', default: 0 })
  extensionCount!: number;

  /** On a done top-level item: 待审核 until the reviewer accepts (销号) or sends it back. */
  @Column({ type: 'text', nullable: true })
  reviewState!: ReviewState | null;

  @ForeignKey(() => User, 'id', { name: 'work_items_reviewed_by_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  reviewedById!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  reviewedAt!: Date | null;

  /**
   * The deadline the document gave at the last import. While `deadline` equals it no person has
   * moved the item, so a re-import that changes the document's date moves it too.
   */
  @Column({ type: 'date', nullable: true })
  documentDeadline!: string | null;

  /** Set on sub-items an import made from a task's milestones (`milestone:1`), so re-imports update them. */
  @Column({ type: 'text', nullable: true })
  importKey!: string | null;

  @Column({ type: 'text', default: 'not_started' })
  status!: WorkItemStatus;

  @Column({ type: 'smallint', default: 0 })
  progress!: number;

  @Column({ type: 'text', default: 'normal' })
  priority!: WorkItemPriority;

  /** Set when the item was escalated (督办) to managers; extensions then need a manager. */
  @Column({ type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUpdateAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  /** Optimistic lock: every write is `UPDATE … WHERE id = $1 AND version = $2`. */
  @Column({ type: 'int', default: 1 })
  version!: number;

  @ForeignKey(() => User, 'id', { name: 'work_items_updated_by_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  updatedById!: string | null;

  /**
   * Lower-cased title, task title and text, and every update: what `q=` searches (bigram GIN
   * index). Written only by the database's triggers, never by the application.
   */
  @Column({ type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
