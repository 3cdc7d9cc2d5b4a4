export * from './data-source-options';
export * from './ensure-database';
export * from './service-check';
export * from './snake-naming.strategy';
export * from './database.module';
export * from './read-replica';
export * from './sql-params';
export * from './chunked-files';
