import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from '@xietong/domain';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface DatabaseSettings {
  databaseUrl: string;
  /** Read replicas for lists and reports; empty means the primary serves reads too. */
  databaseReadUrls?: string[];
  applicationName?: string;
  poolSize?: number;
}

/** Migrations are compiled beside this file in dist/ and loaded from source under ts-jest/swc. */
export const MIGRATIONS_GLOB = join(__dirname, '..', '..', '..', 'migrations', '*.{ts,js}');

export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  const extra = { max: settings.poolSize ?? 10, application_name: settings.applicationName ?? 'xietong' };
  const readUrls = settings.databaseReadUrls ?? [];
  const connection = readUrls.length
    ? { replication: { master: { url: settings.databaseUrl }, slaves: readUrls.map((url) => ({ url })) } }
    : { url: settings.databaseUrl };
  return {
    type: 'postgres',
    ...connection,
    entities: ENTITIES,
    migrations: [MIGRATIONS_GLOB.replace('{ts,js}', __filename.endsWith('.ts') ? 'ts' : 'js')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra,
  };
}
