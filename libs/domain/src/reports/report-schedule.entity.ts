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
import { Plan } from '../plans/plan.entity';
import { User } from '../users/user.entity';
import type { ReportFilters, ReportFormat } from '@xietong/rules';

@Entity('report_schedules')
@Check(
  'report_schedules_formats_check',
  `((cardinality(formats) > 0) AND (formats <@ ARRAY['html'::text, 'xlsx'::text, 'pdf'::text, 'csv'::text]))`,
)
@Index('report_schedules_plan_idx', ['planId'])
export class ReportSchedule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => Plan, 'id', { name: 'report_schedules_plan_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  planId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  cron!: string;

  @Column({ type: 'text', default: 'Asia/Shanghai' })
  timezone!: string;

  @Column({ type: 'text', array: true })
  formats!: ReportFormat[];

  @Column({ type: 'uuid', array: true })
  recipientIds!: string[];

  @Column({ type: 'jsonb', default: () => "'{}'" })
  filters!: ReportFilters;

  @Column({ type: 'text', default: 'zh-CN' })
  locale!: string;

  @ForeignKey(() => User, 'id', { name: 'report_schedules_created_by_id_fkey', onDelete: 'RESTRICT' })
  @Column({ type: 'uuid' })
  createdById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
