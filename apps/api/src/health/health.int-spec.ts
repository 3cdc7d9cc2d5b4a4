import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Redis from 'ioredis';
import { REDIS } from '@xietong/queue';
import { closedPort } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

const ROOT = join(__dirname, '../../../..');

/** Runs an app's main.ts from source and collects what it prints and how it exits. */
function runMain(
  app: 'api' | 'worker',
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['-r', join(ROOT, 'libs/testing/src/ts-register.js'), join(ROOT, `apps/${app}/src/main.ts`)],
      { env: { ...process.env, LOG_LEVEL: 'silent', ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('health and start-up', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('answers 200 while Postgres and Redis answer, and 503 naming Redis when it does not', async () => {
    const healthy = await t.http().get('/api/health').expect(200);
    // Terminus 12 adds the database ping's responseTime beside the status.
    expect(healthy.body.info).toEqual({
      postgres: { status: 'up', responseTime: expect.any(Number) },
      redis: { status: 'up' },
    });

    const redis = t.app.get<Redis>(REDIS);
    redis.disconnect();
    const unhealthy = await t.http().get('/api/health').expect(503);
    expect(unhealthy.body.error.redis.status).toBe('down');
    expect(unhealthy.body.details.postgres.status).toBe('up');
    await redis.connect();
  });

  it.each(['api', 'worker'] as const)(
    'the %s refuses to start without Postgres in one readable line, without a stack trace',
    async (app) => {
      const port = await closedPort();
      const { code, stderr } = await runMain(app, {
        DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/xietong`,
      });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        expect.stringMatching(
          new RegExp(
            `PostgreSQL is not reachable at 127\\.0\\.0\\.1:${port} \\(DATABASE_URL.*docker compose up -d postgres`,
          ),
        ),
      ]);
      expect(stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('names Redis when it is the one missing', async () => {
    const port = await closedPort();
    const { code, stderr } = await runMain('api', { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`Redis is not reachable at 127\\.0\\.0\\.1:${port} \\(REDIS_URL`));
  });

  it('refuses to start in production with the development JWT secret', async () => {
    const { code, stderr } = await runMain('api', { NODE_ENV: 'production', JWT_SECRET: '' });
    expect(code).toBe(1);
    expect(stderr).toMatch(/JWT_SECRET: is required in production/);
  });
});
