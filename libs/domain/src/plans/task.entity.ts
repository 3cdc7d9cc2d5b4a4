import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Plan } from './plan.entity';
import { Chapter } from './chapter.entity';

export const TASK_KINDS = ['requirement', 'task', 'safeguard'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

@Entity('tasks')
@Check('tasks_kind_check', `(kind = ANY (ARRAY['requirement'::text, 'task'::text, 'safeguard'::text]))`)
@Check('tasks_number_check', `(number > 0)`)
@Unique('tasks_plan_id_ref_key', ['planId', 'ref'])
@Index('tasks_chapter_idx', ['chapterId'])
// gin (title gin_trgm_ops): a shape TypeORM cannot declare, so the schema comparison leaves it to the migration
@Index('tasks_title_trgm_idx', { synchronize: false })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => Plan, 'id', { name: 'tasks_plan_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  planId!: string;

  @ForeignKey(() => Chapter, 'id', { name: 'tasks_chapter_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  chapterId!: string | null;

  /** (十一) → 11 */
  @Column({ type: 'int' })
  number!: number;

  /** As written, e.g. (十一) */
  @Column({ type: 'text' })
  code!: string;

  /**
   * Unique in the plan (`二(一)`): chapter numeral and codes down to the item. Re-imports find the
   * task by it, since numbering that restarts in each chapter repeats `number`.
   */
  @Column({ type: 'text' })
  ref!: string;

  /** The document's due date (`2025年底前` → 2025-12-31); null when it names none or says 持续推进. */
  @Column({ type: 'date', nullable: true })
  deadline!: string | null;

  /** The deadline as written, `持续推进` for ongoing work. */
  @Column({ type: 'text', nullable: true })
  deadlineText!: string | null;

  /** Earlier dates named in the task, `[{date, text}]`; each also becomes a sub-item of every unit's item. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  milestones!: { date: string; text: string }[];

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ type: 'text' })
  kind!: TaskKind;

  /** Line in the original document, for diagnostics and "show me the source". */
  @Column({ type: 'int', nullable: true })
  sourceLine!: number | null;
}
