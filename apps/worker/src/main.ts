import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '@xietong/config';
import { assertServicesReachable, ServiceUnavailableError } from '@xietong/db';
import { WorkerModule } from './worker.module';

async function bootstrap(): Promise<void> {
  process.env.XIETONG_PROCESS = 'worker';
  const config = loadConfig();
  await assertServicesReachable(config.databaseUrl, config.redisUrl);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Closing the context closes the BullMQ workers (finishing their current jobs) and the DB pool.
  app.enableShutdownHooks();
  app.get(Logger).log('worker started');
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ServiceUnavailableError) {
    console.error(`xietong worker: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
