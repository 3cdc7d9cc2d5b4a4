import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  ForeignKey,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { ReportRun } from './report-run.entity';
import type { ReportFormat } from '@xietong/rules';

/**
 * Files live in Postgres with their run, so a restore of the database restores the reports too;
 * their bytes are in `report_file_chunks`, written and read a piece at a time.
 */
@Entity('report_files')
@Check(
  'report_files_format_check',
  `(format = ANY (ARRAY['html'::text, 'xlsx'::text, 'pdf'::text, 'csv'::text]))`,
)
@Check('report_files_size_check', `(size >= 0)`)
@Unique('report_files_run_id_format_key', ['runId', 'format'])
export class ReportFile {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ForeignKey(() => ReportRun, 'id', { name: 'report_files_run_id_fkey', onDelete: 'CASCADE' })
  @Column({ type: 'uuid' })
  runId!: string;

  @Column({ type: 'text' })
  format!: ReportFormat;

  @Column({ type: 'text' })
  fileName!: string;

  @Column({ type: 'text' })
  contentType!: string;

  @Column({ type: 'int' })
  size!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}

/** A file's bytes in order of `seq`; see `ReportFileStore`. */
@Entity('report_file_chunks')
@Check('report_file_chunks_seq_check', `(seq >= 0)`)
export class ReportFileChunk {
  @ForeignKey(() => ReportFile, 'id', { name: 'report_file_chunks_file_id_fkey', onDelete: 'CASCADE' })
  @PrimaryColumn({ type: 'uuid' })
  fileId!: string;

  @PrimaryColumn({ type: 'int' })
  seq!: number;

  @Column({ type: 'bytea' })
  data!: Buffer;
}
