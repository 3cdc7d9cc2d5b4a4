import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from 'typeorm';
import { ReportSchedule } from './report-schedule.entity';
import { User } from '../users/user.entity';
import { Plan } from '../plans/plan.entity';
import { Organization } from '../organizations/organization.entity';
import type { ReportFilters, ReportFormat } from '@xietong/rules';

export const REPORT_RUN_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type ReportRunState = (typeof REPORT_RUN_STATES)[number];

/** One build of a joint report; keeps its figures so the next run can show what changed. */
@Entity('report_runs')
@Check(
  'report_runs_formats_check',
  `((cardinality(formats) > 0) AND (formats <@ ARRAY['html'::text, 'xlsx'::text, 'pdf'::text, 'csv'::text]))`,
)
@Check(
  'report_runs_state_check',
  `(state = ANY (ARRAY['queued'::text, 'running'::text, 'done'::text, 'failed'::text]))`,
)
@Index('report_runs_plan_idx', ['planId', 'createdAt'])
@Index('report_runs_schedule_idx', ['scheduleId', 'createdAt'])
@Index('report_runs_requested_by_created_idx', ['requestedById', 'createdAt'], {
  where: 'requested_by_id IS NOT NULL',
})
export class ReportRun {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => Plan, 'id', { name: 'report_runs_plan_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  planId!: string;

  @ForeignKey(() => ReportSchedule, 'id', { name: 'report_runs_schedule_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  scheduleId!: string | null;

  @ForeignKey(() => User, 'id', { name: 'report_runs_requested_by_id_fkey', onDelete: 'SET NULL' })
  @Column({ type: 'uuid', nullable: true })
  requestedById!: string | null;

  /**
   * Whose view the run holds: null for the whole plan (admins, the plan's managers), otherwise
   * only the tasks this organization leads, as its coordinators, liaisons and viewers see them.
   */
  @ForeignKey(() => Organization, 'id', {
    name: 'report_runs_scope_organization_id_fkey',
    onDelete: 'CASCADE',
  })
  @Column({ type: 'uuid', nullable: true })
  scopeOrganizationId!: string | null;

  @Column({ type: 'text', array: true })
  formats!: ReportFormat[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  filters!: ReportFilters;

  @Column({ type: 'text', default: 'zh-CN' })
  locale!: string;

  @Column({ type: 'text', default: 'queued' })
  state!: ReportRunState;

  /** Headline figures and per-item snapshot used to compute the next run's changes. */
  @Column({ type: 'jsonb', nullable: true })
  summary!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
