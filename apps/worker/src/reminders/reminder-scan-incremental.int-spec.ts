import { TestingModule } from '@nestjs/testing';
import { ReminderScanner } from '@xietong/outbox';
import { createJointPlan, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../../api/test/create-test-app';
import { createTestWorker } from '../../test/create-test-worker';

/** A scan reads only the items whose reminders can have changed since the last one. */
describe('incremental reminder scan', () => {
  let t: TestApp;
  let worker: TestingModule;
  let scanner: ReminderScanner;
  let plan: JointPlanFixture;
  let items: number;

  beforeAll(async () => {
    t = await createTestApp({ REMINDER_SCAN_EVERY_SECONDS: '86400' });
    worker = await createTestWorker(t.config);
    scanner = worker.get(ReminderScanner);
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    // Only this plan's items are open; they are due 2026-12-31 (14/7/3/1 days before, on the day…).
    await t.db.query(`UPDATE work_items SET status = 'cancelled' WHERE plan_id <> $1`, [plan.id]);
    [{ n: items }] = await t.db.query(`SELECT count(*)::int AS n FROM work_items WHERE plan_id = $1`, [
      plan.id,
    ]);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  /** 10:00 in Shanghai, outside the quiet hours. */
  const at = (date: string) => new Date(`${date}T02:00:00Z`);

  it('reads each item again only on the day its next threshold comes, or once it changed', async () => {
    const first = await scanner.scan(at('2026-12-20'));
    expect(first.itemsScanned).toBe(items);
    expect(first.notificationsCreated).toBeGreaterThan(0);

    // Steady state: the same day, and the days before the 7-days-before threshold, read nothing.
    expect(await scanner.scan(new Date(at('2026-12-20').getTime() + 3_600_000))).toMatchObject({
      itemsScanned: 0,
      notificationsCreated: 0,
    });
    expect((await scanner.scan(at('2026-12-23'))).itemsScanned).toBe(0);

    const threshold = await scanner.scan(at('2026-12-24'));
    expect(threshold.itemsScanned).toBe(items);
    expect(threshold.notificationsCreated).toBeGreaterThan(0);
    expect((await scanner.scan(at('2026-12-24'))).itemsScanned).toBe(0);

    // A postponed item is read at once (a trigger clears its check), whoever changed it.
    const postponed = plan.tasks[0].items.GX;
    await t.db.query(`UPDATE work_items SET deadline = '2026-12-27' WHERE id = $1`, [postponed]);
    const afterChange = await scanner.scan(at('2026-12-24'));
    expect(afterChange.itemsScanned).toBe(1);
    const [{ n: dueSoon3 }] = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE work_item_id = $1 AND dedupe_key LIKE '%before:3:2026-12-27%'`,
      [postponed],
    );
    expect(dueSoon3).toBeGreaterThan(0);

    // An update (activity) and a change of the plan's policy clear the check too.
    await t.db.query(`UPDATE work_items SET last_update_at = now() WHERE id = $1`, [plan.tasks[1].items.GX]);
    expect((await scanner.scan(at('2026-12-24'))).itemsScanned).toBe(1);
    await t.db.query(`UPDATE plans SET reminder_policy = '{"daysBefore": [6]}' WHERE id = $1`, [plan.id]);
    expect((await scanner.scan(at('2026-12-24'))).itemsScanned).toBe(items);
  });

  it('looks at every item again when asked "as of" a time before the last scan, and writes nothing twice', async () => {
    const [{ n: before }] = await t.db.query(`SELECT count(*)::int AS n FROM notifications`);
    const back = await scanner.scan(at('2026-12-20'));
    expect(back.itemsScanned).toBe(items);
    const [{ n: afterBack }] = await t.db.query(`SELECT count(*)::int AS n FROM notifications`);
    // Only decisions new under the changed policy and deadline, never a repeat of a sent key.
    const [{ n: duplicates }] = await t.db.query(
      `SELECT count(*)::int AS n FROM (SELECT dedupe_key FROM notifications GROUP BY 1 HAVING count(*) > 1) d`,
    );
    expect(duplicates).toBe(0);
    expect(afterBack).toBeGreaterThanOrEqual(before);
  });

  it('keeps an item edited during the scan for the next one (the record is guarded by the row version)', async () => {
    const item = plan.tasks[2].items.HI;
    await t.db.query(
      `INSERT INTO work_item_reminder_checks (work_item_id, check_at, scanned_at)
       SELECT id, 'infinity', now() FROM work_items WHERE plan_id = $1
       ON CONFLICT (work_item_id) DO UPDATE SET check_at = 'infinity', scanned_at = now()`,
      [plan.id],
    );
    const [{ xmin }] = await t.db.query(`SELECT xmin::text AS xmin FROM work_items WHERE id = $1`, [item]);
    await t.db.query(`UPDATE work_items SET status = 'in_progress' WHERE id = $1`, [item]);
    // The scan's own record, with the version it read before the edit, writes nothing.
    await t.db.query(
      `INSERT INTO work_item_reminder_checks (work_item_id, check_at, scanned_at)
       SELECT w.id, 'infinity', now() FROM (VALUES ($1::uuid, $2::xid)) c(id, seen)
       JOIN work_items w ON w.id = c.id AND w.xmin = c.seen FOR SHARE OF w
       ON CONFLICT (work_item_id) DO UPDATE SET check_at = excluded.check_at`,
      [item, xmin],
    );
    expect(
      await t.db.query(`SELECT 1 FROM work_item_reminder_checks WHERE work_item_id = $1`, [item]),
    ).toEqual([]);
    expect((await scanner.scan(at('2026-12-25'))).itemsScanned).toBe(1);
    // Items named explicitly (a deadline just changed in the api) are read whatever their check says.
    expect((await scanner.scan(at('2026-12-25'), [plan.tasks[0].items.GX])).itemsScanned).toBe(1);
  });
});
