import { getQueueToken } from '@nestjs/bullmq';
import { TestingModule } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { QUEUES, reportSchedulerId } from '@xietong/queue';
import {
  changeWorkItem,
  createJointPlan,
  createUser,
  JointPlanFixture,
  SmtpSink,
  startSmtpSink,
} from '@xietong/testing';
import { SchedulerHealer } from '../../../worker/src/schedulers/scheduler-healer';
import { ScheduledReportRunner } from '../../../worker/src/reports/scheduled-report-runner';
import { createTestWorker } from '../../../worker/test/create-test-worker';
import { createTestApp, TestApp } from '../../test/create-test-app';

const firing = (scheduleId: string, at: number) => ({
  id: `repeat:${reportSchedulerId(scheduleId)}:${at}`,
  data: { scheduleId },
});

describe('report schedules', () => {
  let sink: SmtpSink;
  let t: TestApp;
  let worker: TestingModule;
  let queue: Queue;
  let manager: string;
  let plan: JointPlanFixture;
  let recipients: Record<string, string>;

  const schedules = (auth = manager) => ({
    create: (body: object) => t.http().post('/api/report-schedules').set('Authorization', auth).send(body),
    update: (id: string, body: object) =>
      t.http().patch(`/api/report-schedules/${id}`).set('Authorization', auth).send(body),
    remove: (id: string) => t.http().delete(`/api/report-schedules/${id}`).set('Authorization', auth),
    get: (id: string) => t.http().get(`/api/report-schedules/${id}`).set('Authorization', auth),
  });
  const schedulerKeys = async () =>
    (await queue.getJobSchedulers())
      .map((scheduler) => scheduler.key)
      .filter((key) => key.startsWith('report-schedule:'));
  const reportMails = () => sink.received.filter((mail) => mail.subject?.includes('联合进展报告'));

  beforeAll(async () => {
    sink = await startSmtpSink();
    t = await createTestApp({ SMTP_URL: sink.url, REMINDER_SCAN_EVERY_SECONDS: '86400' });
    worker = await createTestWorker(t.config);
    queue = worker.get<Queue>(getQueueToken(QUEUES.reports));
    manager = await t.login('manager@xietong.local');
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    const users: Array<{ email: string; id: string }> = await t.db.query(
      `SELECT email, id FROM users WHERE email IN ('manager@xietong.local', 'coordinator.gx@xietong.local')`,
    );
    recipients = Object.fromEntries(users.map((user) => [user.email.split('@')[0], user.id]));
    await changeWorkItem(t.db, plan.tasks[0].items.GD, {
      status: 'in_progress',
      progress: 40,
      deadline: '2025-10-31',
    });
  });

  afterAll(async () => {
    await worker.close();
    await t.close();
    await sink.close();
  });

  it('refuses bad cron expressions, time zones and recipients with what to fix', async () => {
    const valid = {
      planId: plan.id,
      cron: '0 8 * * 1',
      formats: ['xlsx'],
      recipientIds: [recipients.manager],
    };
    const cron = await schedules()
      .create({ ...valid, cron: '0 25 * * *' })
      .expect(400);
    expect(cron.body.detail).toMatch(/"0 25 \* \* \*" is not a valid cron expression.*e\.g\. "0 8 \* \* 1"/);
    const often = await schedules()
      .create({ ...valid, cron: '*/5 * * * *' })
      .expect(400);
    expect(often.body.detail).toMatch(/more than once an hour/);
    const zone = await schedules()
      .create({ ...valid, timezone: 'Beijing/Time' })
      .expect(400);
    expect(zone.body.detail).toMatch(/"Beijing\/Time" is not a time zone/);
    const formats = await schedules()
      .create({ ...valid, formats: ['docx'] })
      .expect(400);
    expect(formats.body.errors[0].field).toBe('formats');
    const stranger = '00000000-0000-4000-8000-000000000000';
    const unknown = await schedules()
      .create({ ...valid, recipientIds: [stranger] })
      .expect(422);
    expect(unknown.body.detail).toContain(stranger);
    // Yunnan leads no task of the plan: its coordinator may not receive the plan's report.
    const [outsider] = await t.db.query(
      `INSERT INTO users (email, password_hash, display_name, role, organization_id)
       SELECT 'coordinator.yn@xietong.local', 'x', '云南协调员', 'coordinator', id FROM organizations WHERE code = 'YN'
       RETURNING id`,
    );
    const refused = await schedules()
      .create({ ...valid, recipientIds: [outsider.id] })
      .expect(422);
    expect(refused.body.detail).toMatch(/云南协调员 看不到这个规划/);
    expect(await schedulerKeys()).toEqual([]);
  });

  it('lets only admins and the plan’s managers schedule', async () => {
    const body = {
      planId: plan.id,
      cron: '0 8 * * 1',
      formats: ['xlsx'],
      recipientIds: [recipients.manager],
    };
    const coordinator = await t.login('coordinator.gx@xietong.local');
    const refused = await schedules(coordinator).create(body).expect(403);
    expect(refused.body.detail).toMatch(/admin or manager/);
    const otherPlan = await createJointPlan(t.db);
    const notManaged = await schedules()
      .create({ ...body, planId: otherPlan.id })
      .expect(403);
    expect(notManaged.body.detail).toMatch(/不是《.+》的规划负责人/);
  });

  it('keeps one BullMQ job scheduler per schedule: upserted on create and change, removed on delete', async () => {
    const { body: created } = await schedules()
      .create({ planId: plan.id, cron: '0 8 * * 1', formats: ['xlsx'], recipientIds: [recipients.manager] })
      .expect(201);
    expect(created).toMatchObject({ timezone: 'Asia/Shanghai', name: '联合进展报告', locale: 'zh-CN' });
    expect(new Date(created.nextRunAt).getUTCDay()).toBe(1);
    const key = reportSchedulerId(created.id);
    expect(await queue.getJobScheduler(key)).toMatchObject({ pattern: '0 8 * * 1', tz: 'Asia/Shanghai' });

    await schedules().update(created.id, { cron: '30 9 1 * *', timezone: 'Asia/Urumqi' }).expect(200);
    expect(await queue.getJobScheduler(key)).toMatchObject({ pattern: '30 9 1 * *', tz: 'Asia/Urumqi' });
    expect(await schedulerKeys()).toEqual([key]);
    const [audit] = await t.db.query(
      `SELECT before->>'cron' AS before, after->>'cron' AS after FROM audit_log
       WHERE entity_id = $1 AND action = 'report_schedule.updated'`,
      [created.id],
    );
    expect(audit).toEqual({ before: '0 8 * * 1', after: '30 9 1 * *' });

    await schedules().remove(created.id).expect(204);
    expect(await schedulerKeys()).toEqual([]);
    await schedules().get(created.id).expect(404);
  });

  it('rebuilds the schedulers from Postgres when the worker heals after Redis lost them', async () => {
    const { body: kept } = await schedules()
      .create({ planId: plan.id, cron: '0 8 * * *', formats: ['csv'], recipientIds: [recipients.manager] })
      .expect(201);
    await queue.removeJobScheduler(reportSchedulerId(kept.id));
    const orphan = reportSchedulerId('11111111-1111-4111-8111-111111111111');
    await queue.upsertJobScheduler(orphan, { pattern: '0 9 * * *' }, { name: 'scheduled-report', data: {} });

    expect(await worker.get(SchedulerHealer).heal()).toEqual({ recreated: 1, removed: 1 });
    expect(await schedulerKeys()).toEqual([reportSchedulerId(kept.id)]);
    // In place now: another check changes nothing (and moves no firing).
    expect(await worker.get(SchedulerHealer).heal()).toEqual({ recreated: 0, removed: 0 });
    await schedules().remove(kept.id).expect(204);
  });

  it('mails a scheduled report by SMTP with its files attached, once per firing, and compares with the last one', async () => {
    const { body: schedule } = await schedules()
      .create({
        planId: plan.id,
        name: '北部湾月度联合进展报告',
        cron: '0 8 1 * *',
        formats: ['xlsx', 'csv'],
        recipientIds: [recipients.manager, recipients['coordinator.gx']],
      })
      .expect(201);
    const runner = worker.get(ScheduledReportRunner);

    const first = await runner.run(firing(schedule.id, 1_764_000_000_000));
    expect(first).toMatchObject({ mailed: 2, skipped: [] });
    // The manager's whole plan and Guangxi's view of it: two runs.
    expect(first.runIds).toHaveLength(2);
    // The same firing delivered twice builds the same runs and mails nobody again.
    expect(await runner.run(firing(schedule.id, 1_764_000_000_000))).toEqual({
      runIds: first.runIds,
      mailed: 0,
      skipped: [],
    });
    const mails = await sink.waitFor(2).then(reportMails);
    expect(mails).toHaveLength(2);
    const toManager = mails.find((mail) => mail.text?.includes('北部湾规划负责人'))!;
    expect(toManager.subject).toContain('北部湾月度联合进展报告');
    expect(toManager.text).toContain('逾期：1');
    expect(toManager.attachments.map((a) => a.filename).sort()).toEqual([
      expect.stringMatching(/联合进展报告-\d{4}-\d{2}-\d{2}\.csv$/),
      expect.stringMatching(/联合进展报告-\d{4}-\d{2}-\d{2}\.xlsx$/),
    ]);
    const csv = toManager.attachments.find((a) => a.filename?.endsWith('.csv'))!;
    expect(csv.content.toString('utf8').split(/\r?\n/).filter(Boolean)).toHaveLength(9 + 1);

    await changeWorkItem(t.db, plan.tasks[0].items.GX, { status: 'done' });
    await changeWorkItem(t.db, plan.tasks[2].items.HI, { deadline: '2025-11-01' });
    const second = await runner.run(firing(schedule.id, 1_766_600_000_000));
    expect(second.runIds).not.toEqual(expect.arrayContaining(first.runIds));
    await sink.waitFor(4);
    const latest = reportMails().filter(
      (mail) => mail !== toManager && mail.text?.includes('北部湾规划负责人'),
    );
    expect(latest.at(-1)!.text).toMatch(/逾期：2（上期 1）/);
    expect(latest.at(-1)!.text).toMatch(/本期完成：1/);
    expect(latest.at(-1)!.text).toMatch(/新增逾期：1/);
    const runs = await t.db.query(`SELECT count(*)::int AS count FROM report_runs WHERE schedule_id = $1`, [
      schedule.id,
    ]);
    expect(runs[0].count).toBe(4);
  });

  /** Findings 6 and 7 of issue 13: access is decided when the schedule fires, per recipient. */
  it('mails each recipient only what they may see now, and nothing to someone who lost the plan', async () => {
    const coordinator = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
    const mover = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
    const { body: schedule } = await schedules()
      .create({
        planId: plan.id,
        name: '北部湾周报（范围）',
        cron: '0 9 * * 1',
        formats: ['csv'],
        recipientIds: [recipients.manager, coordinator.id, mover.id],
      })
      .expect(201);
    // Moved to Yunnan, which leads no task of the plan, after the schedule was made.
    await t.db.query(
      `UPDATE users SET organization_id = (SELECT id FROM organizations WHERE code = 'YN') WHERE id = $1`,
      [mover.id],
    );
    const before = sink.received.length;
    const outcome = await worker.get(ScheduledReportRunner).run(firing(schedule.id, 1_767_000_000_000));
    expect(outcome).toMatchObject({ mailed: 2, skipped: [mover.id] });
    await sink.waitFor(before + 2);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const mails = sink.received.slice(before).filter((mail) => mail.subject?.includes('北部湾周报'));
    expect(mails).toHaveLength(2);
    expect(mails.some((mail) => mail.text?.includes(mover.email.split('@')[0]))).toBe(false);

    const rowsOf = (mail: (typeof mails)[number]) =>
      mail.attachments
        .find((a) => a.filename?.endsWith('.csv'))!
        .content.toString('utf8')
        .split(/\r?\n/)
        .filter(Boolean)
        .slice(1);
    const toManager = mails.find((mail) => mail.text?.includes('北部湾规划负责人'))!;
    const toCoordinator = mails.find((mail) => mail !== toManager)!;
    expect(toCoordinator.text).toContain(coordinator.email.split('@')[0]);
    // Task 3 (琼州海峡) is not led by Guangxi: its items are in the manager's report only.
    expect(rowsOf(toManager).some((row) => row.includes('琼州海峡'))).toBe(true);
    expect(rowsOf(toCoordinator).some((row) => row.includes('琼州海峡'))).toBe(false);
    expect(rowsOf(toCoordinator)).toHaveLength(6);
  });
});
