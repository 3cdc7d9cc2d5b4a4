import { createUser } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

/** Findings 9 and 13 of issue 13: whose address a request comes from, and what a wrong password costs. */
describe('client identity and lockout', () => {
  describe('behind the default TRUST_PROXY (a proxy on loopback)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    const login = (email: string, password: string, clientIp: string) =>
      t.http().post('/api/auth/login').set('X-Forwarded-For', clientIp).send({ email, password });

    it('locks the account for the address that guessed, while its owner elsewhere only waits', async () => {
      const owner = await createUser(t.db, { role: 'coordinator', organizationCode: 'HI' });
      for (let i = 0; i < 5; i++) await login(owner.email, `guess-${i}`, '198.51.100.9').expect(401);
      const locked = await login(owner.email, owner.password, '198.51.100.9').expect(429);
      expect(locked.headers['retry-after']).toBeDefined();
      expect(locked.body.detail).toMatch(/from your address/);

      const started = Date.now();
      await login(owner.email, owner.password, '203.0.113.20').expect(200);
      // Five failures from anywhere: each attempt on the account now waits (1 s at five).
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    });

    it('takes the address the proxy saw, not one the client put in front of it', async () => {
      const user = await createUser(t.db, { role: 'viewer', organizationCode: 'GX' });
      // The client sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the address it saw.
      await login(user.email, user.password, '10.9.9.9, 203.0.113.77').expect(200);
      const [token] = await t.db.query(
        `SELECT ip FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [user.id],
      );
      expect(token.ip).toBe('203.0.113.77');
    });

    it('keeps a caller’s request id only when it is a plain token', async () => {
      const ok = await t.http().get('/api/health').set('X-Request-Id', 'client-42.a_b');
      expect(ok.headers['x-request-id']).toBe('client-42.a_b');
      for (const forged of ['evil\tid', 'x'.repeat(65), 'a b', '<script>', 'id;drop']) {
        const replaced = await t.http().get('/api/health').set('X-Request-Id', forged);
        expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    });
  });

  describe('reached directly (TRUST_PROXY=false)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: 'false' });
    });
    afterAll(() => t.close());

    it('counts a rotating forged X-Forwarded-For as one address, and never stores it', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) {
        const response = await t
          .http()
          .post('/api/auth/login')
          .set('X-Forwarded-For', `198.18.${i}.1`)
          .send({ email: `nobody${i}@test.local`, password: 'x' });
        statuses.push(response.status);
      }
      expect(statuses.filter((status) => status === 429).length).toBe(10);
    });

    it('audits the connection’s address and a safe request id, whatever the headers claim', async () => {
      // A fresh app: the address above is rate-limited now.
      const fresh = await createTestApp({ TRUST_PROXY: 'false' });
      try {
        const admin = await fresh.login('admin@xietong.local');
        const [organization] = await fresh.db.query(`SELECT id FROM organizations WHERE code = 'GX-LO-GD'`);
        await fresh
          .http()
          .patch(`/api/admin/organizations/${organization.id}`)
          .set('Authorization', admin)
          .set('X-Forwarded-For', '6.6.6.6')
          .set('X-Request-Id', 'forged id with spaces')
          .send({ aliases: ['驻粤办'] })
          .expect(200);
        const [entry] = await fresh.db.query(
          `SELECT ip, request_id FROM audit_log WHERE entity_id = $1 ORDER BY created_at DESC LIMIT 1`,
          [organization.id],
        );
        expect(entry.ip).not.toContain('6.6.6.6');
        expect(entry.ip).toMatch(/127\.0\.0\.1|::1/);
        expect(entry.request_id).toMatch(/^[0-9a-f-]{36}$/);
      } finally {
        await fresh.close();
      }
    });
  });
});
