import { createJointPlan } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

describe('GET /api/organizations/:id/members', () => {
  let t: TestApp;
  let guangxi: string;
  let guangdong: string;

  beforeAll(async () => {
    t = await createTestApp();
    [{ id: guangxi }] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GX'`);
    [{ id: guangdong }] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GD'`);
  });
  afterAll(() => t.close());

  const members = async (email: string, organizationId: string, status: number) =>
    t
      .http()
      .get(`/api/organizations/${organizationId}/members`)
      .set('Authorization', await t.login(email))
      .expect(status);

  it('lists who can own Guangxi’s items, liaison office included, for Guangxi’s own people', async () => {
    const response = await members('liaison.gx@xietong.local', guangxi, 200);
    expect(response.body.map((m: { email: string }) => m.email).sort()).toEqual([
      'coordinator.gx@xietong.local',
      'liaison.gx@xietong.local',
    ]);
  });

  it('refuses another province’s coordinator with a reason, and a manager outside their plans', async () => {
    const refused = await members('coordinator.gd@xietong.local', guangxi, 403);
    expect(refused.body.detail).toMatch(/本单位/);
    await members('manager@xietong.local', guangdong, 403);
    await createJointPlan(t.db, { managerEmails: ['manager@xietong.local'] });
    await members('manager@xietong.local', guangdong, 200);
  });
});
