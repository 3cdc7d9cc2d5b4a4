import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report files in fixed-size pieces, as evidence files already are: the worker writes an XLSX or
 * CSV of 200,000 items while it is being generated and a download streams it back, so neither
 * holds a whole file (tens of MB) in memory. Files already stored become one chunk each.
 */
export class ReportFileChunks1796355200000 implements MigrationInterface {
  name = 'ReportFileChunks1796355200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE report_file_chunks (
        file_id uuid NOT NULL REFERENCES report_files (id) ON DELETE CASCADE,
        seq int NOT NULL CHECK (seq >= 0),
        data bytea NOT NULL,
        PRIMARY KEY (file_id, seq)
      )`);
    await db.query(
      `INSERT INTO report_file_chunks (file_id, seq, data) SELECT id, 0, content FROM report_files WHERE size > 0`,
    );
    await db.query(`ALTER TABLE report_files DROP COLUMN content`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE report_files ADD COLUMN content bytea`);
    await db.query(`
      UPDATE report_files f SET content = c.content
      FROM (SELECT file_id, string_agg(data, ''::bytea ORDER BY seq) AS content
            FROM report_file_chunks GROUP BY file_id) c
      WHERE c.file_id = f.id`);
    await db.query(`UPDATE report_files SET content = ''::bytea WHERE content IS NULL`);
    await db.query(`ALTER TABLE report_files ALTER COLUMN content SET NOT NULL`);
    await db.query(`DROP TABLE report_file_chunks`);
  }
}
