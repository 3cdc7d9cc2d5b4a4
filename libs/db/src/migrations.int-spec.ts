import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { databaseUrl, dropDatabase } from '@xietong/testing';
import { buildDataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

describe('migrations', () => {
  const name = `xietong_test_migrations_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    expect(await ensureDatabase(databaseUrl(name))).toBe(true);
    dataSource = new DataSource(buildDataSourceOptions({ databaseUrl: databaseUrl(name), poolSize: 2 }));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
    await dropDatabase(name);
  });

  const tables = async (): Promise<string[]> =>
    (
      await dataSource.query<{ table_name: string }[]>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`,
      )
    ).map((row) => row.table_name);

  it('migrates up from empty, down to empty, and up again', async () => {
    const applied = await dataSource.runMigrations();
    expect(applied.length).toBeGreaterThan(0);
    expect(await tables()).toEqual(
      expect.arrayContaining(['organizations', 'work_items', 'notifications', 'audit_log']),
    );

    for (let i = 0; i < applied.length; i++) await dataSource.undoLastMigration();
    expect(await tables()).toEqual([]);

    await dataSource.runMigrations();
    expect(await tables()).toHaveLength(23);
  });

  it('enforces the rules in the database, not only in code', async () => {
    const [org] = await dataSource.query(
      `INSERT INTO organizations (code, name, kind) VALUES ('T', '测试省', 'province') RETURNING id`,
    );
    const [plan] = await dataSource.query(
      `INSERT INTO plans (title, source_original, source_normalized, source_sha256) VALUES ('p', 'x', 'x', 'h') RETURNING id`,
    );
    const [task] = await dataSource.query(
      `INSERT INTO tasks (plan_id, number, code, ref, title, body, kind) VALUES ($1, 1, '(一)', '(一)', 't', 'b', 'task') RETURNING id`,
      [plan.id],
    );
    const insertItem = (progress: number, status = 'in_progress') =>
      dataSource.query(
        `INSERT INTO work_items (plan_id, task_id, organization_id, title, deadline, original_deadline, start_date, progress, status)
         VALUES ($1, $2, $3, 't', '2025-12-31', '2025-12-31', '2021-01-01', $4, $5)`,
        [plan.id, task.id, org.id, progress, status],
      );
    await expect(insertItem(101)).rejects.toThrow(/check constraint/);
    await expect(insertItem(50, 'done')).rejects.toThrow(/check constraint/);
    await insertItem(50);
    await expect(insertItem(60)).rejects.toThrow(/work_items_task_organization_uq/);

    await dataSource.query(`INSERT INTO audit_log (action, entity_type) VALUES ('test', 'x')`);
    await expect(dataSource.query(`UPDATE audit_log SET action = 'rewritten'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });
});
