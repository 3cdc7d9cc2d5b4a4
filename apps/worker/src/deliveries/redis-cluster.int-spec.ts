import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Cluster } from 'ioredis';
import { QUEUES, redisConnectionOptions, reportSchedulerId } from '@xietong/queue';
import {
  createEmailReminderPlan,
  createOverdueMilestones,
  eventually,
  RedisCluster,
  SmtpSink,
  startAppProcess,
  startRedisCluster,
  startSmtpSink,
  stopProcess,
  TEST_DEMO_PASSWORD,
} from '@xietong/testing';
import { createTestApp, TestApp } from '../../../api/test/create-test-app';

/**
 * The deployment a national rollout uses, on one machine: a three-master Redis Cluster, two api
 * processes and two worker processes sharing nothing but Postgres, Redis and the JWT secret. A
 * person signs in on one api and is served by the other; reminders scanned at one api's request
 * all arrive though a worker is SIGKILLed mid-delivery; a report schedule made on one api fires
 * on the cluster and is mailed.
 */
describe('on a Redis Cluster with two api and two worker processes', () => {
  let cluster: RedisCluster;
  let sink: SmtpSink;
  let t: TestApp;
  let apis: { process: ChildProcess; url: string }[] = [];
  let workers: ChildProcess[] = [];
  let planId: string;
  let ownerId: string;
  let parentId: string;
  const jwtSecret = randomBytes(32).toString('hex');

  const sharedEnv = () => ({
    NODE_ENV: 'test',
    DATABASE_URL: t.config.databaseUrl,
    REDIS_URL: cluster.url,
    QUEUE_PREFIX: t.config.queuePrefix,
    JWT_SECRET: jwtSecret,
    SMTP_URL: sink.url,
    LOG_LEVEL: 'silent',
    REMINDER_SCAN_EVERY_SECONDS: '86400',
  });
  const startWorker = () => {
    const worker = startAppProcess('worker', {
      ...sharedEnv(),
      DELIVERY_CONCURRENCY: '8',
      DELIVERY_BACKOFF_MS: '100',
      QUEUE_STALLED_INTERVAL_MS: '1000',
      OUTBOX_SWEEP_AFTER_SECONDS: '2',
    });
    workers.push(worker);
    return worker;
  };
  const startApi = async (port: number) => {
    const url = `http://127.0.0.1:${port}`;
    const api = startAppProcess('api', { ...sharedEnv(), PORT: String(port), PUBLIC_URL: url });
    await eventually(
      () =>
        fetch(`${url}/api/health`).then(
          (response) => response.status,
          () => 0,
        ),
      (status) => status === 200,
      60_000,
    );
    apis.push({ process: api, url });
  };
  const call = async (
    api: number,
    path: string,
    token: string | null,
    init: RequestInit = {},
  ): Promise<{ status: number; body: Record<string, string> }> => {
    const response = await fetch(`${apis[api].url}${path}`, {
      ...init,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });
    const body = (response.status === 204 ? {} : await response.json()) as Record<string, string>;
    return { status: response.status, body };
  };
  const signIn = async (api: number, email: string) => {
    const { status, body } = await call(api, '/api/auth/login', null, {
      method: 'POST',
      body: JSON.stringify({ email, password: TEST_DEMO_PASSWORD }),
    });
    expect(status).toBe(200);
    return body.accessToken as string;
  };

  beforeAll(async () => {
    [cluster, sink] = await Promise.all([startRedisCluster(3), startSmtpSink()]);
    t = await createTestApp({ REDIS_URL: cluster.url, JWT_SECRET: jwtSecret, SMTP_URL: sink.url });
    ({ planId, ownerId, parentId } = await createEmailReminderPlan(t.db));
    // Two apis side by side, as behind a load balancer; ports next to the cluster's, free with it.
    await Promise.all([startApi(cluster.ports[0] + 1), startApi(cluster.ports[0] + 2)]);
    startWorker();
    startWorker();
  }, 180_000);

  afterAll(async () => {
    await Promise.all([
      ...apis.map((api) => stopProcess(api.process)),
      ...workers.map((w) => stopProcess(w)),
    ]);
    apis = [];
    workers = [];
    await t?.close();
    await sink?.close();
    await cluster?.close();
  });

  it('serves a session from either api and delivers every reminder through a worker SIGKILL', async () => {
    await createOverdueMilestones(t.db, { parentId, ownerId, count: 300, label: 'C' });

    // Signed in on the first api, the admin asks the second for a scan and reads its state on the first.
    const admin = await signIn(0, 'admin@xietong.local');
    const scan = await call(1, '/api/admin/reminders/scan', admin, { method: 'POST', body: '{}' });
    expect(scan.status).toBe(202);
    const finished = await eventually(
      async () => (await call(0, `/api/admin/reminders/scans/${scan.body.id}`, admin)).body,
      (body) => body.state === 'completed' || body.state === 'failed',
      60_000,
    );
    // A worker's own first scan at boot may have found some of them already: together, all 300.
    expect(finished.state).toBe('completed');

    await sink.waitFor(60, 120_000);
    await stopProcess(workers.shift() as ChildProcess, 'SIGKILL');
    startWorker();

    const ids: string[] = (
      await t.db.query(`SELECT id FROM notifications WHERE channel = 'email' AND recipient_id = $1`, [
        ownerId,
      ])
    ).map((row: { id: string }) => row.id);
    expect(ids).toHaveLength(300);
    await eventually(
      async () =>
        (await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE state <> 'sent'`))[0]
          .n as number,
      (pending) => pending === 0,
      180_000,
    );
    const delivered = sink.received.map((mail) => String(mail.headers.get('x-xietong-notification-id')));
    expect(new Set(delivered)).toEqual(new Set(ids));
    // At most the one message the killed worker was handing over arrives twice.
    expect(delivered.length - ids.length).toBeLessThanOrEqual(1);
  }, 400_000);

  it('fires a report schedule made on one api and mails the report', async () => {
    const manager = await signIn(1, 'manager@xietong.local');
    const [{ id: managerId }] = await t.db.query(
      `SELECT id FROM users WHERE email = 'manager@xietong.local'`,
    );
    await t.db.query(`INSERT INTO plan_managers (plan_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      planId,
      managerId,
    ]);
    const created = await call(0, '/api/report-schedules', manager, {
      method: 'POST',
      body: JSON.stringify({
        planId,
        name: '集群周报',
        cron: '0 8 * * 1',
        timezone: 'Asia/Shanghai',
        formats: ['csv'],
        recipientIds: [managerId],
      }),
    });
    expect(created.status).toBe(201);

    // Monday 08:00 is days away: the next firing the scheduler put on the cluster is run now.
    const connection = redisConnectionOptions(cluster.url) as Cluster;
    const reports = new Queue(QUEUES.reports, { connection, prefix: t.config.queuePrefix });
    try {
      const scheduler = await eventually(
        () => reports.getJobScheduler(reportSchedulerId(created.body.id)),
        (found) => Boolean(found?.next),
        30_000,
      );
      const firing = await reports.getJob(`repeat:${scheduler!.key}:${scheduler!.next}`);
      expect(firing).toBeDefined();
      await firing!.promote();
    } finally {
      await reports.close();
      await connection.quit();
    }
    const mails = await eventually(
      async () => sink.received.filter((mail) => mail.subject?.includes('集群周报')),
      (found) => found.length === 1,
      120_000,
    );
    expect(mails[0].attachments.map((file) => file.filename)).toEqual([expect.stringMatching(/\.csv$/)]);
    expect(mails[0].to).toBeDefined();
  }, 200_000);
});
