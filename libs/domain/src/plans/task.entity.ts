import { Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const TASK_KINDS = ['requirement', 'task', 'safeguard'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

@Entity('tasks')
@Unique(['planId', 'number'])
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  planId!: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  chapterId!: string | null;

  /** (十一) → 11 */
  @Column({ type: 'int' })
  number!: number;

  /** As written, e.g. (十一) */
  @Column({ type: 'text' })
  code!: string;

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
