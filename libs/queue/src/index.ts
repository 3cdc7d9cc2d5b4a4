export * from './queue-names';
export * from './queue.module';
export * from './redis-connection';
export * from './redis.module';
export * from './job-handlers';
export * from './delivery.producer';
export * from './reminder-jobs.producer';
export * from './report-jobs.producer';
