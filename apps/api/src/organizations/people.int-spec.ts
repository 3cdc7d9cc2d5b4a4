import { createJointPlan, createUser, JointPlanFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('GET /api/people (the owner filter’s picker) and the list filtered by that owner', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  let ministryPerson: { id: string; email: string };
  let guangdongPerson: { id: string; email: string };

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    // Someone of a ministry that leads only a task Guangxi does not lead (task 3: GD, HI, MOT).
    ministryPerson = await createUser(t.db, {
      role: 'coordinator',
      organizationCode: 'MOT',
      displayName: '交通运输部黄工',
    });
    guangdongPerson = await createUser(t.db, {
      role: 'coordinator',
      organizationCode: 'GD',
      displayName: '广东黄科长',
    });
    await t.db.query(`UPDATE work_items SET owner_id = $1 WHERE id = $2`, [
      guangdongPerson.id,
      plan.tasks[0].items.GD,
    ]);
  });
  afterAll(() => t.close());

  const people = async (email: string, query: Record<string, string>) =>
    (
      await t
        .http()
        .get('/api/people')
        .query(query)
        .set('Authorization', await t.login(email))
        .expect(200)
    ).body as {
      id: string;
      email: string;
      displayName: string;
      organizationName: string;
    }[];

  it('finds, for a Guangxi coordinator, the people of the units leading tasks with Guangxi (own first), not others', async () => {
    const all = await people('coordinator.gx@xietong.local', {});
    const emails = all.map((person) => person.email);
    expect(emails).toEqual(
      expect.arrayContaining([
        'coordinator.gx@xietong.local',
        'liaison.gx@xietong.local',
        guangdongPerson.email,
      ]),
    );
    expect(emails).not.toContain(ministryPerson.email);
    // Own organization (its liaison office included) first, so "me and my colleagues" are at hand.
    expect(all[0].organizationName).toBe('广西壮族自治区');
    const liaison = all.find((person) => person.email === 'liaison.gx@xietong.local');
    expect(liaison?.organizationName).toBe('广西壮族自治区');

    const named = await people('coordinator.gx@xietong.local', { q: '黄' });
    expect(named.map((person) => person.email)).toEqual([guangdongPerson.email]);
    expect(await people('coordinator.gx@xietong.local', { id: ministryPerson.id })).toEqual([]);
  });

  it('gives Guangdong’s coordinator the ministry person of a task Guangdong leads, and the manager everyone of the plan', async () => {
    expect((await people('coordinator.gd@xietong.local', { q: '黄' })).map((p) => p.email).sort()).toEqual(
      [guangdongPerson.email, ministryPerson.email].sort(),
    );
    expect((await people('manager@xietong.local', { id: ministryPerson.id })).map((p) => p.email)).toEqual([
      ministryPerson.email,
    ]);
  });

  it('refuses a malformed id with a message, and lists by owner only within what the user sees', async () => {
    const bad = await t
      .http()
      .get('/api/people')
      .query({ id: 'nobody' })
      .set('Authorization', await t.login('coordinator.gx@xietong.local'))
      .expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/UUID/);

    const list = async (email: string) =>
      (
        await t
          .http()
          .get('/api/work-items')
          .query({ ownerId: guangdongPerson.id })
          .set('Authorization', await t.login(email))
          .expect(200)
      ).body;
    expect((await list('coordinator.gx@xietong.local')).items.map((item: { id: string }) => item.id)).toEqual(
      [plan.tasks[0].items.GD],
    );
    // Hainan shares that task too; a ministry that does not lead it sees nothing, whoever it asks about.
    const ministry = await t.login(ministryPerson.email);
    const hidden = await t
      .http()
      .get('/api/work-items')
      .query({ ownerId: guangdongPerson.id })
      .set('Authorization', ministry)
      .expect(200);
    expect(hidden.body.items).toEqual([]);
  });
});
