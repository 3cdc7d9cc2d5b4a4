import { randomUUID } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { createUser } from '@xietong/testing';
import { createTestApp, TestApp } from '../../test/create-test-app';

/** Redis only speeds the session check up: with it unreachable, Postgres answers every request. */
describe('sessions while Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails.
    t = await createTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
  });
  afterAll(() => t.close());

  it('accepts an open session and refuses an ended one, from Postgres alone', async () => {
    const user = await createUser(t.db, { role: 'coordinator', organizationCode: 'GX' });
    const sessionId = randomUUID();
    await t.db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at) VALUES ($1, $2, $3, now() + interval '1 day')`,
      [user.id, sessionId, randomUUID()],
    );
    const token = await new JwtService({ secret: t.config.jwtSecret }).signAsync(
      {
        sub: user.id,
        sid: sessionId,
        email: user.email,
        role: 'coordinator',
        org: user.organizationId,
        acting: user.organizationId,
      },
      { expiresIn: 60 },
    );
    const me = () => t.http().get('/api/me').set('Authorization', `Bearer ${token}`);
    const started = Date.now();
    await me().expect(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    await t.db.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1`, [sessionId]);
    await me().expect(401);
  });
});
