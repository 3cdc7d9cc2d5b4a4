import { createJointPlan } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('calendar feed', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves the owner’s deadlines behind a revocable token instead of the login', async () => {
    await createJointPlan(t.db);
    const [owner] = await t.db.query(`SELECT id FROM users WHERE email = 'coordinator.gx@xietong.local'`);
    const [item] = await t.db
      .query(
        `UPDATE work_items SET owner_id = $1, deadline = '2026-12-15'
       WHERE id = (SELECT w.id FROM work_items w JOIN organizations o ON o.id = w.organization_id
                   WHERE o.code = 'GX' ORDER BY w.id LIMIT 1)
       RETURNING id`,
        [owner.id],
      )
      .then(([rows]) => rows);
    const auth = await t.login('coordinator.gx@xietong.local');
    const { url } = (await t.http().post('/api/me/calendar-token').set('Authorization', auth).expect(201))
      .body;
    const path = new URL(url).pathname;

    const feed = await t.http().get(path).expect(200);
    expect(feed.headers['content-type']).toMatch(/text\/calendar/);
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    expect(feed.text).toContain(`UID:${item.id}@xietong`);
    expect(feed.text).toContain('DTSTART;VALUE=DATE:20261215');
    expect(feed.text.split('BEGIN:VEVENT')).toHaveLength(2);

    await t.http().delete('/api/me/calendar-token').set('Authorization', auth).expect(204);
    const revoked = await t.http().get(path).expect(404);
    expect(revoked.body.detail).toMatch(/revoked/);
  });
});
