import { createTestApp, TestApp } from '../../test/create-test-app';

describe('auth', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const login = (email: string, password = 'xietong-demo') =>
    t.http().post('/api/auth/login').send({ email, password });

  it('signs a demo user in and tells them who they are', async () => {
    const tokens = await login('coordinator.gx@xietong.local').expect(200);
    expect(tokens.body).toEqual(
      expect.objectContaining({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        tokenType: 'Bearer',
      }),
    );
    const me = await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${tokens.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ email: 'coordinator.gx@xietong.local', role: 'coordinator' });
    expect(me.body.organization.name).toBe('广西壮族自治区');
  });

  it('lets a liaison office act for its province', async () => {
    const tokens = await login('liaison.gx@xietong.local').expect(200);
    const me = await t
      .http()
      .get('/api/me')
      .set('Authorization', `Bearer ${tokens.body.accessToken}`)
      .expect(200);
    const [guangxi] = await t.db.query(`SELECT id FROM organizations WHERE code = 'GX'`);
    expect(me.body.actingOrganizationId).toBe(guangxi.id);
    expect(me.body.organization.kind).toBe('liaison_office');
  });

  it('refuses wrong passwords and missing fields with problem details', async () => {
    const wrong = await login('coordinator.gd@xietong.local', 'nope').expect(401);
    expect(wrong.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(wrong.body).toMatchObject({ status: 401, detail: '邮箱或密码错误。Email or password is wrong.' });
    const missing = await t.http().post('/api/auth/login').send({}).expect(401);
    expect(missing.body.detail).toMatch(/email/);
  });

  it('rate-limits repeated failures on one account', async () => {
    for (let i = 0; i < 5; i++) await login('coordinator.hi@xietong.local', `guess-${i}`).expect(401);
    const blocked = await login('coordinator.hi@xietong.local').expect(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    expect(blocked.body.detail).toMatch(/Too many failed sign-ins/);
  });

  it('rotates refresh tokens and revokes the family when an old one is reused', async () => {
    const first = (await login('ndrc@xietong.local').expect(200)).body;
    const second = (
      await t.http().post('/api/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = (
      await t.http().post('/api/auth/refresh').send({ refreshToken: second.refreshToken }).expect(200)
    ).body;

    const reuse = await t
      .http()
      .post('/api/auth/refresh')
      .send({ refreshToken: first.refreshToken })
      .expect(401);
    expect(reuse.body.detail).toMatch(/already used/);
    // The thief's reuse closed every session of that sign-in, including the legitimate newest one.
    await t.http().post('/api/auth/refresh').send({ refreshToken: third.refreshToken }).expect(401);
  });

  it('logs out by revoking the refresh token, even once the access token has expired', async () => {
    const tokens = (await login('manager@xietong.local').expect(200)).body;
    await t.http().post('/api/auth/logout').send({ refreshToken: tokens.refreshToken }).expect(204);
    await t.http().post('/api/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
  });

  it('needs a token everywhere but login, refresh and health', async () => {
    await t.http().get('/api/health').expect(200);
    const anonymous = await t.http().get('/api/me').expect(401);
    expect(anonymous.body.detail).toMatch(/Sign in first/);
    await t.http().get('/api/me').set('Authorization', 'Bearer not-a-token').expect(401);
  });
});
