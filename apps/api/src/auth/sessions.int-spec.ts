import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { PUBLISHED_JWT_SECRET } from '@xietong/config';
import { createJointPlan, createUser, JointPlanFixture, TEST_REDIS_URL, UserFixture } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

/** Finding 5 and 12 of issue 13: a token ends with its session, its user, their role and organization. */
describe('sessions that end', () => {
  let t: TestApp;
  let plan: JointPlanFixture;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    plan = await createJointPlan(t.db);
    admin = await t.login('admin@xietong.local');
  });
  afterAll(() => t.close());

  const signIn = async (user: UserFixture) =>
    (await t.http().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200))
      .body as { accessToken: string; refreshToken: string };
  const me = (accessToken: string) => t.http().get('/api/me').set('Authorization', `Bearer ${accessToken}`);
  const patchItem = async (accessToken: string, expected: number) => {
    const [item] = await t.db.query(`SELECT id, version FROM work_items WHERE id = $1`, [
      plan.tasks[0].items.GX,
    ]);
    return t
      .http()
      .patch(`/api/work-items/${item.id}`)
      .set('Authorization', `Bearer ${accessToken}`)
      .send({ version: item.version, priority: item.version % 2 ? 'high' : 'low' })
      .expect(expected);
  };
  const changeUser = (userId: string, change: Record<string, unknown>) =>
    t.http().patch(`/api/admin/users/${userId}`).set('Authorization', admin).send(change).expect(200);

  it('ends at logout: the old access token is refused on its next request', async () => {
    const user = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
    const session = await signIn(user);
    await patchItem(session.accessToken, 200);
    await t.http().post('/api/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);
    const refused = await patchItem(session.accessToken, 401);
    expect(refused.body.detail).toMatch(/会话已结束.*session has ended/);
    await me(session.accessToken).expect(401);
  });

  it.each([
    ['deactivated', { active: false }],
    ['demoted to viewer', { role: 'viewer' }],
    ['moved to another organization', { organizationCode: 'GD' }],
  ])('ends when the user is %s', async (_case, change) => {
    const user = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
    const session = await signIn(user);
    await patchItem(session.accessToken, 200);
    const { organizationCode, ...rest } = change as { organizationCode?: string };
    const body = organizationCode
      ? {
          organizationId: (
            await t.db.query(`SELECT id FROM organizations WHERE code = $1`, [organizationCode])
          )[0].id,
        }
      : rest;
    await changeUser(user.id, body);
    await patchItem(session.accessToken, 401);
    await t
      .http()
      .post(`/api/work-items/${plan.tasks[0].items.GX}/updates`)
      .set('Authorization', `Bearer ${session.accessToken}`)
      .send({ text: '不应写入' })
      .expect(401);
    await t.http().post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });

  it('asks Postgres when Redis has no answer, so a change made there is seen too', async () => {
    const user = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
    const session = await signIn(user);
    await me(session.accessToken).expect(200);
    // Straight in SQL (no registry involved), then the cached answer expires.
    await t.db.query(`UPDATE users SET role = 'viewer' WHERE id = $1`, [user.id]);
    await deleteSessionCache(t);
    await me(session.accessToken).expect(401);
  });

  it('refuses tokens without exp, for unknown users, or signed with the published development secret', async () => {
    const user = await createUser(t.db, { role: 'admin', organizationCode: 'NDRC' });
    const session = await signIn(user);
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
    const { exp: _exp, iat: _iat, ...withoutExpiry } = claims;
    const ours = new JwtService({ secret: t.config.jwtSecret });

    const noExp = await me(await ours.signAsync(withoutExpiry)).expect(401);
    expect(noExp.body.detail).toMatch(/no expiry/);
    await me(await ours.signAsync({ ...withoutExpiry, sub: randomUUID() }, { expiresIn: 60 })).expect(401);
    await me(await ours.signAsync({ ...withoutExpiry, sid: randomUUID() }, { expiresIn: 60 })).expect(401);
    const published = new JwtService({ secret: PUBLISHED_JWT_SECRET });
    await me(await published.signAsync(withoutExpiry, { expiresIn: 60 })).expect(401);
    expect(t.config.jwtSecret).not.toBe(PUBLISHED_JWT_SECRET);
    // The genuine token still works: the refusals above are about the tokens, not the user.
    await me(session.accessToken).expect(200);
  });

  it('lets two tabs refresh with the same token at once, but not a replay after the new token was used', async () => {
    const user = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
    const first = await signIn(user);
    const [tabA, tabB] = await Promise.all(
      [1, 2].map(() => t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken })),
    );
    expect([tabA.status, tabB.status]).toEqual([200, 200]);
    await me(tabA.body.accessToken).expect(200);
    await me(tabB.body.accessToken).expect(200);
    await t.http().post('/api/auth/refresh').send({ refreshToken: tabA.body.refreshToken }).expect(200);
    // Now a descendant has been used: presenting the first token again is a replay.
    await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await me(tabB.body.accessToken).expect(401);
  });

  it('keeps sign-in answers out of every cache', async () => {
    const user = await createUser(t.db, { role: 'viewer', organizationCode: 'GX' });
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password: user.password });
    expect(login.headers['cache-control']).toBe('no-store');
    const refresh = await t.http().post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
    expect(refresh.headers['cache-control']).toBe('no-store');
    expect((await me(refresh.body.accessToken)).headers['cache-control']).toBe('no-store');
    const wrong = await t.http().post('/api/auth/login').send({ email: user.email, password: 'nope' });
    expect(wrong.headers['cache-control']).toBe('no-store');
  });
});

async function deleteSessionCache(t: TestApp): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys(`${t.config.queuePrefix}:session:*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
