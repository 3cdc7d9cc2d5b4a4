import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReportFilters, ReportFormat } from '@xietong/rules';

@Entity('report_schedules')
export class ReportSchedule {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index()
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

  @Column({ type: 'uuid' })
  createdById!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
