import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NOTIFICATION_PREFERENCES_DEFAULT_SQL } from '@xietong/domain';
import { DEFAULT_NOTIFICATION_PREFERENCES } from '@xietong/rules';
import { databaseUrl, dropDatabase } from '@xietong/testing';
import { buildDataSourceOptions } from './data-source-options';
import { ensureDatabase } from './ensure-database';

/**
 * Migrations are the only way the schema changes and the entities are how code reads it, so the two
 * must describe the same tables: after migrating an empty database, TypeORM's schema builder must find
 * nothing to change. An entity column, index, unique or foreign key the migrations lack (or the other
 * way round) shows here as the SQL that would reconcile them.
 */
describe('schema drift between entities and migrations', () => {
  const name = `xietong_test_drift_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    await ensureDatabase(databaseUrl(name));
    dataSource = new DataSource(buildDataSourceOptions({ databaseUrl: databaseUrl(name), poolSize: 2 }));
    await dataSource.initialize();
    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(name);
  });

  it('finds nothing to change after the migrations ran', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('gives new users the default notification preferences the rules name', () => {
    expect(JSON.parse(NOTIFICATION_PREFERENCES_DEFAULT_SQL.slice(1, -1))).toEqual(
      DEFAULT_NOTIFICATION_PREFERENCES,
    );
  });
});
