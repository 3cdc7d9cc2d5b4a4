import { DataSource } from 'typeorm';
import { loadConfig } from '@xietong/config';
import { buildDataSourceOptions } from './data-source-options';

/** The data source the TypeORM CLI uses (`npx typeorm -d dist/libs/db/src/data-source.js …`). */
export default new DataSource(buildDataSourceOptions({ databaseUrl: loadConfig().databaseUrl }));
