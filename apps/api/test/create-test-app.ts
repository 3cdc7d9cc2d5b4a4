import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { APP_CONFIG, AppConfig, loadConfig } from '@xietong/config';
import {
  createTestDatabase,
  deleteRedisPrefix,
  eventually,
  TEST_DEMO_PASSWORD,
  TEST_REDIS_URL,
  TestDatabase,
  uniqueQueuePrefix,
} from '@xietong/testing';
import { DataSource } from 'typeorm';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/configure-app';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: TestDatabase;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** Signs in (demo password by default) and returns the bearer header value. */
  login(email: string, password?: string): Promise<string>;
  /**
   * Asks for a reminder scan as an admin does (`POST /api/admin/reminders/scan`) and waits for a worker
   * to finish it; returns the scan's summary. Needs a worker on the same queue prefix.
   */
  scanReminders(asOf?: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** The real api on its own cloned database and Redis prefix, configured exactly as main.ts does. */
export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: uniqueQueuePrefix(),
    LOG_LEVEL: 'silent',
    SMTP_URL: 'smtp://127.0.0.1:1',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .compile();
  const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false });
  configureApp(app);
  await app.init();
  const http = () => request(app.getHttpServer());
  const login = async (email: string, password = TEST_DEMO_PASSWORD) => {
    const response = await http().post('/api/auth/login').send({ email, password }).expect(200);
    return `Bearer ${response.body.accessToken}`;
  };
  return {
    app,
    config,
    database,
    db: app.get(DataSource),
    http,
    login,
    async scanReminders(asOf) {
      const admin = await login('admin@xietong.local');
      const accepted = await http()
        .post('/api/admin/reminders/scan')
        .set('Authorization', admin)
        .send(asOf ? { asOf } : {})
        .expect(202);
      const status = await eventually(
        async () =>
          (
            await http()
              .get(`/api/admin/reminders/scans/${accepted.body.id}`)
              .set('Authorization', admin)
              .expect(200)
          ).body,
        (body) => body.state === 'completed' || body.state === 'failed',
        60_000,
      );
      if (status.state === 'failed') throw new Error(`reminder scan failed: ${status.failedReason}`);
      return status.result;
    },
    async close() {
      await app.close();
      await deleteRedisPrefix(config.queuePrefix);
      await database.drop();
    },
  };
}
