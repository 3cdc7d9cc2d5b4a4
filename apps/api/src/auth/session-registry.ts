import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource, EntityManager } from 'typeorm';
import { actingOrganizationSql } from '@xietong/domain';
import { REDIS } from '@xietong/queue';
import { AccessTokenClaims } from './auth-user';

/**
 * How long Redis may vouch for a session before Postgres is asked again. Ending a session deletes
 * its entry at once; this bound only matters for changes made straight in SQL, or when Redis was
 * unreachable at the moment a session ended.
 */
export const SESSION_CACHE_SECONDS = 30;
/** Past this Redis counts as down for this request and Postgres answers instead. */
const REDIS_TIMEOUT_MS = 250;

/**
 * Whether an access token's session (`sid`, the refresh-token family of one sign-in) is still
 * open, for a user who still exists, is active and has the role and organization the token
 * claims. Postgres is the truth; Redis keeps a short positive answer so most requests cost one
 * GET. Every way a session ends (logout, refresh-token reuse, an admin changing the user) deletes
 * that answer, so the old token is refused on its next request.
 */
@Injectable()
export class SessionRegistry {
  private readonly logger = new Logger(SessionRegistry.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async isOpen(claims: AccessTokenClaims): Promise<boolean> {
    const key = sessionKey(claims.sid);
    const fingerprint = fingerprintOf(claims);
    const cached = await this.fromRedis(() => this.redis.get(key));
    if (cached.ok && cached.value === fingerprint) return true;
    const open = await this.openInPostgres(claims);
    if (open && cached.ok)
      await this.fromRedis(() => this.redis.set(key, fingerprint, 'EX', SESSION_CACHE_SECONDS));
    return open;
  }

  /** Call after the sessions' rows were revoked (in `manager`'s transaction, if any, once it commits). */
  async forget(sessionIds: readonly string[]): Promise<void> {
    if (!sessionIds.length) return;
    const result = await this.fromRedis(() => this.redis.del(...sessionIds.map(sessionKey)));
    if (!result.ok) {
      this.logger.warn(
        `Redis unreachable while ending ${sessionIds.length} session(s); their tokens are refused within ${SESSION_CACHE_SECONDS} s`,
      );
    }
  }

  /** Revokes every session of a user (its refresh tokens) and returns their ids for `forget`. */
  async revokeUserSessions(manager: EntityManager, userId: string): Promise<string[]> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected count].
    const [rows]: [{ family_id: string }[], number] = await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL
       RETURNING family_id`,
      [userId],
    );
    return [...new Set(rows.map((row) => row.family_id))];
  }

  private async openInPostgres(claims: AccessTokenClaims): Promise<boolean> {
    const [row] = await this.db.query(
      `SELECT 1 FROM users u JOIN organizations o ON o.id = u.organization_id
       WHERE u.id = $1 AND u.active AND u.role = $2 AND u.organization_id = $3
         AND ${actingOrganizationSql('o')} = $4
         AND EXISTS (SELECT 1 FROM refresh_tokens rt
                     WHERE rt.family_id = $5 AND rt.user_id = u.id AND rt.revoked_at IS NULL)`,
      [claims.sub, claims.role, claims.org, claims.acting, claims.sid],
    );
    return row !== undefined;
  }

  private async fromRedis<T>(command: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    if (this.redis.status !== 'ready') return { ok: false };
    let timer: NodeJS.Timeout | undefined;
    try {
      const value = await Promise.race([
        command(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('Redis timeout')), REDIS_TIMEOUT_MS);
        }),
      ]);
      return { ok: true, value };
    } catch {
      return { ok: false };
    } finally {
      clearTimeout(timer);
    }
  }
}

const sessionKey = (sessionId: string) => `session:${sessionId}`;
const fingerprintOf = (claims: AccessTokenClaims) =>
  [claims.sub, claims.role, claims.org, claims.acting].join('|');
