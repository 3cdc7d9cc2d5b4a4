import { TestingModule } from '@nestjs/testing';
import {
  createJointPlan,
  eventually,
  JointPlanFixture,
  migrateAndSeed,
  startStreamingReplicaSet,
  StreamingReplicaSet,
} from '@xietong/testing';
import { createTestWorker } from '../../../worker/test/create-test-worker';
import { createTestApp, TestApp } from '../../test/create-test-app';

/**
 * DATABASE_READ_URLS against a real streaming replica (pg_basebackup of a primary the test
 * starts). The replica's replay is paused, as lag would hold it back: what the read-heavy routes
 * (list, search, export, joint report) answer then shows where they read; writes and the item
 * itself stay on the primary.
 */
describe('reads from a streaming replica', () => {
  let servers: StreamingReplicaSet;
  let t: TestApp;
  let worker: TestingModule;
  let plan: JointPlanFixture;
  let admin: string;

  beforeAll(async () => {
    servers = await startStreamingReplicaSet(migrateAndSeed);
    t = await createTestApp({ DATABASE_URL: servers.primaryUrl, DATABASE_READ_URLS: servers.replicaUrl });
    worker = await createTestWorker(t.config);
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    admin = await t.login('admin@xietong.local');
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await servers?.close();
  });

  const search = async (q: string) =>
    (
      await t
        .http()
        .get('/api/work-items')
        .query({ planId: plan.id, q })
        .set('Authorization', admin)
        .expect(200)
    ).body.total as number;
  const reportCsv = async () => {
    const run = await t
      .http()
      .post(`/api/plans/${plan.id}/reports`)
      .set('Authorization', admin)
      .send({ formats: ['csv'] })
      .expect(202);
    await eventually(
      async () =>
        (await t.http().get(`/api/reports/${run.body.id}`).set('Authorization', admin).expect(200)).body
          .state,
      (state) => state === 'done' || state === 'failed',
      60_000,
    );
    const file = await t
      .http()
      .get(`/api/reports/${run.body.id}/download`)
      .query({ format: 'csv' })
      .set('Authorization', admin)
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    return file.body as string;
  };

  /** The CSV's 最近更新 (latest update) cell of task (一)'s Guangxi row. */
  const guangxiLatestUpdate = (csv: string) =>
    csv
      .split(/\r?\n/)
      .find((line) => line.startsWith('（一）') && line.includes('广西壮族自治区'))
      ?.split(',')
      .at(-1);

  it('serves the list, search, export and the joint report from the replica, the item from the primary', async () => {
    const item = plan.tasks[0].items.GX;
    // The plan made on the primary reaches the replica.
    await eventually(
      () => search('北部湾'),
      (total) => total > 0,
      30_000,
    );

    await servers.pauseReplay();
    try {
      await t
        .http()
        .post(`/api/work-items/${item}/updates`)
        .set('Authorization', admin)
        .send({ text: '副本延迟标记：钦州港航道完成验收' })
        .expect(201);
      // The write and the item's own thread are on the primary…
      const thread = await t
        .http()
        .get(`/api/work-items/${item}/updates`)
        .set('Authorization', admin)
        .expect(200);
      expect(JSON.stringify(thread.body)).toContain('副本延迟标记');
      // …the read-heavy routes on the replica, which has not applied it yet.
      expect(await search('副本延迟标记')).toBe(0);
      const exported = await t
        .http()
        .get('/api/work-items/export.xlsx')
        .query({ planId: plan.id, q: '副本延迟标记' })
        .set('Authorization', admin)
        .expect(200);
      expect(exported.headers['content-type']).toMatch(/spreadsheetml/);
      expect(guangxiLatestUpdate(await reportCsv())).toBe('');
    } finally {
      await servers.resumeReplay();
    }
    await eventually(
      () => search('副本延迟标记'),
      (total) => total === 1,
      30_000,
    );
    expect(guangxiLatestUpdate(await reportCsv())).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  }, 180_000);
});
