import { randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { finished } from 'node:stream/promises';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, FILE_CHUNK_BYTES } from '@xietong/db';
import { createJointPlan, createTestDatabase, TestDatabase } from '@xietong/testing';
import { readReportFile, ReportFileChunkWriter } from './report-file-chunks';

describe('report files in chunks', () => {
  let database: TestDatabase;
  let db: DataSource;
  let fileId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(buildDataSourceOptions({ databaseUrl: database.url, poolSize: 2 }));
    await db.initialize();
    const plan = await createJointPlan(db);
    const [run] = await db.query(
      `INSERT INTO report_runs (plan_id, formats) VALUES ($1, '{pdf}') RETURNING id`,
      [plan.id],
    );
    [{ id: fileId }] = await db.query(
      `INSERT INTO report_files (run_id, format, file_name, content_type, size)
       VALUES ($1, 'pdf', 'r.pdf', 'application/pdf', 0) RETURNING id`,
      [run.id],
    );
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('cuts one large write and many small ones into full pieces and reads back the same bytes', async () => {
    const content = randomBytes(2 * FILE_CHUNK_BYTES + 1000);
    const writer = new ReportFileChunkWriter(db.manager, fileId);
    // A whole document at once (HTML, PDF), then rows a few bytes each (CSV).
    writer.write(content.subarray(0, FILE_CHUNK_BYTES + 10));
    for (let offset = FILE_CHUNK_BYTES + 10; offset < content.length; offset += 333) {
      writer.write(content.subarray(offset, Math.min(offset + 333, content.length)));
    }
    writer.end();
    await finished(writer);

    expect(writer.bytes).toBe(content.length);
    const sizes = await db.query(
      `SELECT seq, length(data) AS size FROM report_file_chunks WHERE file_id = $1 ORDER BY seq`,
      [fileId],
    );
    expect(sizes).toEqual([
      { seq: 0, size: FILE_CHUNK_BYTES },
      { seq: 1, size: FILE_CHUNK_BYTES },
      { seq: 2, size: 1000 },
    ]);
    expect((await buffer(readReportFile(db.manager, fileId))).equals(content)).toBe(true);
  });
});
