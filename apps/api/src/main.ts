import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { ConfigError, loadConfig } from '@xietong/config';
import { assertServicesReachable, ServiceUnavailableError } from '@xietong/db';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  process.env.XIETONG_PROCESS = 'api';
  const config = loadConfig();
  await assertServicesReachable(config.databaseUrl, config.redisUrl);
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  await app.listen(config.port);
}

bootstrap().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof ServiceUnavailableError) {
    console.error(`xietong api: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
