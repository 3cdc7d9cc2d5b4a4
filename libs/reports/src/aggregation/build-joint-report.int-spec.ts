import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '@xietong/db';
import {
  changeWorkItem,
  createJointPlan,
  createTestDatabase,
  createVolumePlan,
  JointPlanFixture,
  postUpdate,
  TestDatabase,
} from '@xietong/testing';
import { buildJointReport } from './build-joint-report';
import {
  JointReportBaselineFiguresRow,
  JointReportBaselineItemRow,
  JointReportBaselineRow,
  jointReportBaselineSql,
} from './joint-report-baseline.sql';

const AS_OF = '2026-11-25';
const DAY = 86_400_000;

describe(buildJointReport.name, () => {
  let database: TestDatabase;
  let db: DataSource;
  let plan: JointPlanFixture;
  let organizationIds: Record<string, string>;

  const build = (request: Omit<Parameters<typeof buildJointReport>[1], 'planId'> = {}, planId = plan.id) =>
    db.transaction('REPEATABLE READ', (manager) =>
      buildJointReport(manager, { planId, asOf: AS_OF, ...request }),
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new DataSource(buildDataSourceOptions({ databaseUrl: database.url, poolSize: 2 }));
    await db.initialize();
    plan = await createJointPlan(db);
    const [task1, task2, task3] = plan.tasks;
    await changeWorkItem(db.manager, task1.items.GX, { status: 'in_progress', progress: 85 });
    await changeWorkItem(db.manager, task1.items.GD, {
      status: 'in_progress',
      progress: 60,
      deadline: '2026-10-31',
      ownerEmail: 'coordinator.gd@xietong.local',
    });
    await changeWorkItem(db.manager, task1.items.HI, { status: 'done' });
    await changeWorkItem(db.manager, task2.items.GX, { status: 'blocked', progress: 30 });
    await changeWorkItem(db.manager, task2.items.NDRC, {
      status: 'in_progress',
      progress: 95,
      deadline: '2026-12-10',
    });
    await changeWorkItem(db.manager, task3.items.GD, { status: 'cancelled', progress: 10 });
    await changeWorkItem(db.manager, task3.items.HI, {
      status: 'in_progress',
      progress: 50,
      deadline: '2026-12-15',
    });
    await changeWorkItem(db.manager, task3.items.MOT, { deadline: '2027-06-30' });
    await postUpdate(
      db.manager,
      task1.items.GX,
      'liaison.gx@xietong.local',
      '钦州港铁海联运班列已实现天天班。',
      {
        progress: 85,
        at: new Date(Date.now() - 2 * DAY),
      },
    );
    await postUpdate(db.manager, task2.items.GX, 'coordinator.gx@xietong.local', '上季度的旧消息。', {
      at: new Date(Date.now() - 45 * DAY),
    });
    await db.query(
      `INSERT INTO plan_indicators (plan_id, name, value, unit, year, source_text, source_line)
       VALUES ($1, '北部湾港集装箱吞吐量', 1000, '万标箱', 2030, '集装箱吞吐量达到1000万标箱', 12)`,
      [plan.id],
    );
    const rows: Array<{ code: string; id: string }> = await db.query(
      `SELECT code, id FROM organizations WHERE code = ANY($1)`,
      [['GX', 'GD', 'HI', 'NDRC', 'MOT']],
    );
    organizationIds = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  });

  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('counts the headline and every province and ministry, ranked by average progress', async () => {
    const { report } = await build();
    expect(report.headline).toEqual({
      items: 9,
      done: 1,
      inProgress: 4,
      notStarted: 2,
      blocked: 1,
      cancelled: 1,
      overdue: 1,
      averageProgress: 52.5,
    });
    expect(report.byProvince.map((f) => [f.rank, f.organization.name, f.averageProgress])).toEqual([
      [1, '海南省', 75],
      [2, '广东省', 60],
      [3, '广西壮族自治区', 57.5],
    ]);
    expect(report.byMinistry.map((f) => [f.rank, f.organization.kind, f.averageProgress])).toEqual([
      [1, 'ministry', 47.5],
      [2, 'ministry', 0],
    ]);
  });

  it('lights every matrix cell by the shared rule and ranks the 通报 by overdue, then behind schedule', async () => {
    const { report } = await build();
    const [task1, task2, task3] = plan.tasks;
    const light = (workItemId: string) => report.matrix.cells.find((c) => c.workItemId === workItemId)?.light;
    expect(report.matrix.tasks.map((t) => t.code)).toEqual(['（一）', '（二）', '（三）']);
    expect(report.matrix.cells).toHaveLength(9);
    expect([task1.items.GX, task1.items.GD, task1.items.HI, task1.items.NDRC].map(light)).toEqual([
      'green',
      'red',
      'green',
      'yellow',
    ]);
    expect([task2.items.GX, task2.items.NDRC, task3.items.GD, task3.items.HI].map(light)).toEqual([
      'red',
      'green',
      'grey',
      'yellow',
    ]);
    expect(report.ranking[0]).toMatchObject({
      rank: 1,
      organization: { name: '广东省' },
      overdue: 1,
      behindSchedule: 0,
    });
    expect(report.ranking.slice(1).map((r) => [r.rank, r.behindSchedule])).toEqual([
      [2, 1],
      [2, 1],
      [2, 1],
      [2, 1],
    ]);
  });

  it('lists overdue items with owner and days overdue, items due within 30 days, recent updates and indicators', async () => {
    const { report } = await build();
    expect(report.overdue).toEqual([
      expect.objectContaining({
        workItemId: plan.tasks[0].items.GD,
        owner: expect.objectContaining({ name: '广东协调员' }),
        deadline: '2026-10-31',
        daysOverdue: 25,
      }),
    ]);
    expect(report.dueSoon.map((d) => [d.workItemId, d.daysLeft])).toEqual([
      [plan.tasks[1].items.NDRC, 15],
      [plan.tasks[2].items.HI, 20],
    ]);
    expect(report.updatesSince).toEqual([
      expect.objectContaining({
        workItemId: plan.tasks[0].items.GX,
        taskCode: '（一）',
        organization: expect.objectContaining({ name: '广西壮族自治区' }),
        author: expect.objectContaining({ name: '广西驻粤办联络员' }),
        progress: 85,
      }),
    ]);
    expect(report.indicators).toEqual([
      { name: '北部湾港集装箱吞吐量', value: '1000', unit: '万标箱', year: 2030 },
    ]);
    expect(report.workItems).toHaveLength(9);
    expect(report.changes).toEqual({ finished: [], newlyOverdue: [], progressDeltas: [] });
  });

  it('gives each item its latest update and completion time as ISO timestamps with milliseconds', async () => {
    const other = await createJointPlan(db);
    const [task1, task2] = other.tasks;
    await postUpdate(db.manager, task1.items.GX, 'liaison.gx@xietong.local', '整秒。', {
      at: new Date('2026-11-20T08:30:00.000Z'),
    });
    await postUpdate(db.manager, task2.items.GX, 'liaison.gx@xietong.local', '半秒。', {
      at: new Date('2026-11-21T09:15:42.500Z'),
    });
    await changeWorkItem(db.manager, task1.items.GD, { status: 'done' });
    await db.query(`UPDATE work_items SET completed_at = '2026-11-22T10:00:01.042Z' WHERE id = $1`, [
      task1.items.GD,
    ]);
    const first = await build({}, other.id);
    await changeWorkItem(db.manager, task1.items.HI, { status: 'done' });
    await db.query(`UPDATE work_items SET completed_at = '2026-11-23T23:59:59.999Z' WHERE id = $1`, [
      task1.items.HI,
    ]);

    const { report } = await build(
      { previousRun: { at: first.report.generatedAt, summary: first.summary } },
      other.id,
    );

    const lastUpdateAt = (id: string) => report.workItems.find((w) => w.workItemId === id)!.lastUpdateAt;
    expect(lastUpdateAt(task1.items.GX)).toBe('2026-11-20T08:30:00.000Z');
    expect(lastUpdateAt(task2.items.GX)).toBe('2026-11-21T09:15:42.500Z');
    expect(lastUpdateAt(task1.items.GD)).toBeNull();
    expect(report.changes.finished).toEqual([
      expect.objectContaining({ workItemId: task1.items.HI, finishedAt: '2026-11-23T23:59:59.999Z' }),
    ]);
  });

  it('filters provinces without dropping ministries, and chapters', async () => {
    const byProvince = await build({ filters: { provinceIds: [organizationIds.GX] } });
    expect(byProvince.report.headline.items).toBe(5);
    expect(byProvince.report.byProvince.map((f) => f.organization.name)).toEqual(['广西壮族自治区']);
    expect(byProvince.report.byMinistry).toHaveLength(2);
    expect(byProvince.report.filters.provinces).toEqual([{ id: organizationIds.GX, name: '广西壮族自治区' }]);

    const byChapter = await build({ filters: { chapterNumbers: [2], ministryIds: [organizationIds.MOT] } });
    expect(byChapter.report.workItems.map((w) => w.taskCode)).toEqual(['（三）', '（三）', '（三）']);
    expect(byChapter.report.filters.chapters).toEqual([{ number: 2, title: '第2章' }]);
  });

  it('shows what changed since the previous run: finished, newly overdue and progress deltas', async () => {
    const other = await createJointPlan(db);
    const [task1, , task3] = other.tasks;
    await changeWorkItem(db.manager, task1.items.GX, { status: 'in_progress', progress: 85 });
    const first = await build({}, other.id);

    await changeWorkItem(db.manager, task1.items.GX, { status: 'done' });
    await changeWorkItem(db.manager, task3.items.HI, { deadline: '2026-11-20' });
    await changeWorkItem(db.manager, task1.items.NDRC, { status: 'in_progress', progress: 20 });
    const second = await build(
      { previousRun: { at: first.report.generatedAt, summary: first.summary } },
      other.id,
    );

    expect(second.report.previousRunAt).toBe(first.report.generatedAt);
    expect(second.report.changes.finished.map((f) => f.workItemId)).toEqual([task1.items.GX]);
    expect(second.report.changes.newlyOverdue).toEqual([
      expect.objectContaining({ workItemId: task3.items.HI, deadline: '2026-11-20', daysOverdue: 5 }),
    ]);
    expect(second.report.changes.progressDeltas.map((d) => [d.workItemId, d.from, d.to])).toEqual([
      [task1.items.NDRC, 0, 20],
      [task1.items.GX, 85, 100],
    ]);
    expect(second.summary.headline.done).toBe(first.summary.headline.done + 1);
  });

  it('agrees with the hand-written baseline on every figure and every matrix cell', async () => {
    const volume = await createVolumePlan(db, {
      tasks: 60,
      leadCodes: ['GX', 'GD', 'HI', 'YN', 'NDRC', 'MOT'],
      varied: true,
    });
    const { report } = await build({}, volume.id);
    const baseline: JointReportBaselineRow[] = await db.query(jointReportBaselineSql, [volume.id, AS_OF]);
    const figureRows = baseline.filter(
      (row): row is JointReportBaselineFiguresRow => row.work_item_id === null,
    );
    const itemRows = baseline.filter((row): row is JointReportBaselineItemRow => row.work_item_id !== null);

    const behindSchedule = new Map(
      report.ranking.map((entry) => [entry.organization.id, entry.behindSchedule]),
    );
    const ours = [
      {
        organization_id: null,
        ...report.headline,
        behindSchedule: report.ranking.reduce((sum, entry) => sum + entry.behindSchedule, 0),
      },
      ...[...report.byProvince, ...report.byMinistry].map(({ organization, rank: _rank, ...figures }) => ({
        organization_id: organization.id,
        ...figures,
        behindSchedule: behindSchedule.get(organization.id),
      })),
    ];
    const theirs = figureRows.map((row) => ({
      organization_id: row.organization_id,
      items: row.items,
      done: row.done,
      inProgress: row.in_progress,
      notStarted: row.not_started,
      blocked: row.blocked,
      cancelled: row.cancelled,
      overdue: row.overdue,
      averageProgress: expect.closeTo(row.average_progress, 9),
      behindSchedule: row.behind_schedule,
    }));
    const byOrganization = (a: { organization_id: string | null }, b: { organization_id: string | null }) =>
      String(a.organization_id).localeCompare(String(b.organization_id));
    expect(report.headline.items).toBe(360);
    expect(report.headline.overdue).toBeGreaterThan(0);
    expect(ours.sort(byOrganization)).toEqual(theirs.sort(byOrganization));

    const daysOverdue = new Map(report.overdue.map((item) => [item.workItemId, item.daysOverdue]));
    const ourCells = report.matrix.cells.map((cell) => ({
      work_item_id: cell.workItemId,
      task_id: cell.taskId,
      organization_id: cell.organizationId,
      status: cell.status,
      progress: cell.progress,
      deadline: cell.deadline,
      light: cell.light,
      days_overdue: daysOverdue.get(cell.workItemId) ?? 0,
    }));
    const theirCells = itemRows.map(
      ({ work_item_id, task_id, organization_id, status, progress, deadline, light, days_overdue }) => ({
        work_item_id,
        task_id,
        organization_id,
        status,
        progress,
        deadline,
        light,
        days_overdue,
      }),
    );
    const byItem = (a: { work_item_id: string }, b: { work_item_id: string }) =>
      a.work_item_id.localeCompare(b.work_item_id);
    expect(new Set(ourCells.map((cell) => cell.light))).toEqual(new Set(['green', 'yellow', 'red', 'grey']));
    expect(ourCells.sort(byItem)).toEqual(theirCells.sort(byItem));
  });
});
