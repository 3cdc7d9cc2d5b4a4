import { AddressInfo, createServer } from 'node:net';
import { TestingModule } from '@nestjs/testing';
import { createTestApp, TestApp } from '../../../api/test/create-test-app';
import { createTestWorker } from '../../test/create-test-worker';
import { RemindersProcessor } from '../reminders/reminders.processor';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('worker health check', () => {
  let t: TestApp;
  let worker: TestingModule;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    port = await freePort();
    worker = await createTestWorker({ ...t.config, workerHealthPort: port });
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const health = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/health`);
    return { status: response.status, body: await response.json() };
  };

  it('answers 200 while Postgres, Redis and every queue worker are up, and 503 naming the queue that stopped', async () => {
    expect(await health()).toEqual({
      status: 200,
      body: {
        status: 'ok',
        postgres: true,
        redis: true,
        queues: { reminders: true, deliveries: true, reports: true },
      },
    });

    await worker.get(RemindersProcessor).worker.close();
    expect(await health()).toMatchObject({
      status: 503,
      body: { status: 'error', queues: { reminders: false } },
    });
  });

  it('answers nothing but /health', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(404);
  });
});
