import { DataSource } from 'typeorm';
import { AppConfig } from '@xietong/config';
import { assertServicesReachable, buildDataSourceOptions, ensureDatabase } from '@xietong/db';

/** Checks the services, creates the database when missing and brings the schema up to date. */
export async function openMigratedDatabase(
  config: AppConfig,
  log: (line: string) => void,
): Promise<DataSource> {
  await assertServicesReachable(config.databaseUrl, config.redisUrl);
  if (await ensureDatabase(config.databaseUrl))
    log(`created database ${new URL(config.databaseUrl).pathname.slice(1)}`);
  const dataSource = new DataSource(
    buildDataSourceOptions({ databaseUrl: config.databaseUrl, applicationName: 'xietong-cli', poolSize: 4 }),
  );
  await dataSource.initialize();
  const applied = await dataSource.runMigrations();
  for (const migration of applied) log(`applied migration ${migration.name}`);
  return dataSource;
}
