import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { User } from '../users/user.entity';

@Entity('plans')
@Check('plans_check', `((period_start IS NULL) OR (period_end IS NULL) OR (period_start <= period_end))`)
@Unique('plans_title_key', ['title'])
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Re-importing a document with the same title updates this plan in place. */
  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  issuer!: string | null;

  @Column({ type: 'int', nullable: true })
  periodStart!: number | null;

  @Column({ type: 'int', nullable: true })
  periodEnd!: number | null;

  /** Deadlines are calendar dates in this zone. */
  @Column({ type: 'text', default: 'Asia/Shanghai' })
  timeZone!: string;

  @Column({ type: 'text', select: false })
  sourceOriginal!: string;

  @Column({ type: 'text', select: false })
  sourceNormalized!: string;

  @Column({ type: 'text' })
  sourceSha256!: string;

  /** Overrides of the default reminder policy (thresholds, working days, quiet hours…). */
  @Column({ type: 'jsonb', nullable: true })
  reminderPolicy!: Record<string, unknown> | null;

  /** Periodic update expected from every lead unit, e.g. weekly by Friday 12:00. */
  @Column({ type: 'jsonb', nullable: true })
  reportingCadence!: Record<string, unknown> | null;

  /** Who approves extensions and reviews completions (see SupervisionPolicy); null = defaults. */
  @Column({ type: 'jsonb', nullable: true })
  supervisionPolicy!: Record<string, unknown> | null;

  @ForeignKey(() => User, 'id', { name: 'plans_created_by_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  createdById!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
