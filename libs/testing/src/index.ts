export * from './test-database';
export * from './test-redis';
export * from './smtp-sink';
export * from './child-process';
export * from './factories/joint-plan.factory';
export * from './factories/user.factory';
export * from './http-receiver';
export * from './factories/report-plan.factory';
