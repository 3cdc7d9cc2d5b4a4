import { addCalendarDays, localDate } from '@xietong/rules';
import { createTestApp, TestApp } from '../../../api/test/create-test-app';
import { seedAll } from './seed.command';

/** What a second seed must leave exactly as it was. */
async function snapshot(t: TestApp) {
  const [row] = await t.db.query(
    `SELECT (SELECT md5(string_agg(concat_ws('|', id, version, owner_id, deadline, status, progress, review_state, updated_at), ',' ORDER BY id)) FROM work_items) AS items,
            (SELECT count(*)::int FROM work_item_updates) AS updates,
            (SELECT count(*)::int FROM deadline_extensions) AS extensions,
            (SELECT count(*)::int FROM audit_log) AS audit,
            (SELECT count(*)::int FROM users) AS users,
            (SELECT count(*)::int FROM notifications) AS notifications,
            (SELECT count(*)::int FROM plans) AS plans`,
  );
  return row;
}

describe('npm start’s seed: a demo dated from today', () => {
  let t: TestApp;
  // A day that is not the machine's today, so the spec proves the demo follows the day it is given.
  const today = addCalendarDays(localDate(new Date(), 'Asia/Shanghai'), 40);
  const lines: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    await seedAll(t.db, t.config, (line) => lines.push(line), { today });
  }, 120_000);
  afterAll(() => t?.close());

  it('spreads deadlines from today: some overdue, most due over the coming months, none left at the document’s past date', async () => {
    const [spread] = await t.db.query(
      `SELECT count(*) FILTER (WHERE deadline < $1 AND status IN ('not_started', 'in_progress', 'blocked'))::int AS overdue,
              count(*) FILTER (WHERE deadline >= $1 AND deadline < $1::date + 31)::int AS "nextMonth",
              count(*) FILTER (WHERE deadline >= $1::date + 31 AND deadline < $1::date + 92)::int AS "nextQuarter",
              count(*) FILTER (WHERE deadline >= $1::date + 92)::int AS later,
              count(*) FILTER (WHERE deadline < $1::date - 60)::int AS stale,
              count(*) FILTER (WHERE deadline_confirmed_at IS NULL)::int AS unconfirmed,
              count(*)::int AS total
       FROM work_items WHERE parent_id IS NULL`,
      [today],
    );
    expect(spread.total).toBeGreaterThan(150);
    expect(spread.overdue).toBeGreaterThanOrEqual(5);
    expect(spread.overdue).toBeLessThan(spread.total / 5);
    expect(spread.nextMonth).toBeGreaterThanOrEqual(10);
    expect(spread.nextQuarter).toBeGreaterThanOrEqual(30);
    expect(spread.later).toBeGreaterThanOrEqual(10);
    // Every deadline went through the deadline rule, which confirms the first one set.
    expect(spread).toMatchObject({ stale: 0, unconfirmed: 0 });
    expect(lines.join('\n')).toContain(`dated from ${today}`);
  });

  it('gives items owners of their own organization and threads dated in the weeks before today', async () => {
    const owners = await t.db.query(
      `SELECT o.code, count(DISTINCT w.owner_id)::int AS people, count(*)::int AS items,
              bool_and(${`CASE WHEN ok.kind = 'liaison_office' THEN ok.parent_id ELSE ok.id END`} = w.organization_id) AS "ownOrganization"
       FROM work_items w JOIN organizations o ON o.id = w.organization_id
       JOIN users u ON u.id = w.owner_id JOIN organizations ok ON ok.id = u.organization_id
       GROUP BY o.code ORDER BY o.code`,
    );
    const gx = owners.find((row: { code: string }) => row.code === 'GX');
    expect(gx.people).toBeGreaterThanOrEqual(3);
    expect(owners.every((row: { ownOrganization: boolean }) => row.ownOrganization)).toBe(true);
    expect(owners.map((row: { code: string }) => row.code)).toEqual(
      expect.arrayContaining(['GD', 'GX', 'HI', 'NDRC']),
    );

    const [threads] = await t.db.query(
      `SELECT count(*)::int AS updates, count(DISTINCT organization_id)::int AS organizations,
              count(DISTINCT (created_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS days,
              min((created_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS first,
              max((created_at AT TIME ZONE 'Asia/Shanghai')::date)::text AS last
       FROM work_item_updates`,
    );
    expect(threads.updates).toBeGreaterThanOrEqual(10);
    // Each step of a story on its own day, not all at the moment the seed ran.
    expect(threads.days).toBeGreaterThanOrEqual(10);
    expect(threads.organizations).toBeGreaterThanOrEqual(3); // Guangxi, its liaison office, Guangdong
    expect(threads.last < today).toBe(true);
    expect(threads.first >= addCalendarDays(today, -60)).toBe(true);
    const [story] = await t.db.query(
      `SELECT string_agg(up.kind, ',' ORDER BY up.created_at) AS kinds
       FROM work_item_updates up JOIN work_items w ON w.id = up.work_item_id
       WHERE w.extension_count = 1`,
    );
    // Asked, approved two days later: the thread reads in the order it happened.
    expect(story.kinds).toBe('progress,extension,extension');
    // The notices those steps sent carry the same days, so the bell reads like the threads.
    const [notices] = await t.db.query(
      `SELECT count(DISTINCT (created_at AT TIME ZONE 'Asia/Shanghai')::date)::int AS days FROM notifications`,
    );
    expect(notices.days).toBeGreaterThanOrEqual(5);
  });

  it('leaves one extension and one completion waiting for the manager, and an item sent back to its owner', async () => {
    const [states] = await t.db.query(
      `SELECT (SELECT count(*)::int FROM deadline_extensions WHERE state = 'pending') AS "pendingExtensions",
              (SELECT count(*)::int FROM deadline_extensions WHERE state = 'approved') AS "approvedExtensions",
              (SELECT count(*)::int FROM work_items WHERE review_state = 'pending') AS "pendingReview",
              (SELECT count(*)::int FROM work_items WHERE review_state = 'accepted') AS accepted,
              (SELECT count(*)::int FROM work_items WHERE status = 'blocked') AS blocked,
              (SELECT count(*)::int FROM work_items WHERE extension_count = 1 AND deadline > original_deadline) AS extended`,
    );
    expect(states).toEqual({
      pendingExtensions: 1,
      approvedExtensions: 1,
      pendingReview: 1,
      accepted: 1,
      blocked: 1,
      extended: 1,
    });

    const inbox = async (email: string) =>
      (
        await t
          .http()
          .get('/api/inbox')
          .set('Authorization', await t.login(email))
          .expect(200)
      ).body;
    const manager = await inbox('manager@xietong.local');
    expect(manager.counts).toMatchObject({ extension_to_decide: 1, completion_to_review: 1 });
    const guangxi = await inbox('coordinator.gx@xietong.local');
    expect(guangxi.counts).toMatchObject({ sent_back: 1, question: 1 });
    expect(guangxi.counts.unassigned).toBeGreaterThan(0);
    // Another organization sees none of Guangxi's decisions or send-backs.
    const guangdong = await inbox('coordinator.gd@xietong.local');
    expect(guangdong.counts).toMatchObject({
      extension_to_decide: 0,
      completion_to_review: 0,
      sent_back: 0,
      question: 0,
    });
    const hainan = await inbox('coordinator.hi@xietong.local');
    expect(hainan.items.filter((entry: { kind: string }) => entry.kind !== 'unassigned')).toEqual([]);
  });

  it('changes nothing when it runs again, as on every npm start', async () => {
    const before = await snapshot(t);
    const again: string[] = [];
    await seedAll(t.db, t.config, (line) => again.push(line), { today: addCalendarDays(today, 30) });
    expect(await snapshot(t)).toEqual(before);
    expect(again.join('\n')).not.toContain('demo activity');
  });
});

describe('npm start’s seed when the demo cannot play out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('still imports the plan and finishes, saying the demo stopped, when a demo owner was deactivated', async () => {
    await t.db.query(`UPDATE users SET active = false WHERE email = 'coordinator.gx@xietong.local'`);
    const lines: string[] = [];
    await seedAll(t.db, t.config, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(/sample plan: imported/);
    expect(lines.join('\n')).toMatch(/demo activity: stopped part-way.*账号已停用/);
    // Nothing was assigned to the deactivated person.
    const [{ count }] = await t.db.query(
      `SELECT count(*)::int AS count FROM work_items w JOIN users u ON u.id = w.owner_id WHERE NOT u.active`,
    );
    expect(count).toBe(0);
  }, 120_000);
});
