import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { ReportFormat } from '@xietong/rules';

/** Files live in Postgres with their run, so a restore of the database restores the reports too. */
@Entity('report_files')
@Unique(['runId', 'format'])
export class ReportFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  runId!: string;

  @Column({ type: 'text' })
  format!: ReportFormat;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  contentType!: string;

  @Column({ type: 'bytea', select: false })
  content!: Buffer;

  @Column({ type: 'int' })
  size!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
