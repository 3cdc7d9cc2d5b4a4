import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash, verify } from 'argon2';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { actingOrganizationSql } from '@xietong/domain';
import { UserRole } from '@xietong/rules';
import { AccessTokenClaims, AuthUser } from './auth-user';
import { LoginRateLimiter } from './login-rate-limiter';
import { SessionRegistry } from './session-registry';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

interface UserRow {
  id: string;
  email: string;
  role: UserRole;
  organization_id: string;
  acting_organization_id: string;
  password_hash: string;
  active: boolean;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Two tabs refreshing with the same token at the same moment: the slower one presents a token
 * the faster one just rotated. Within this window, and only while nothing issued since has been
 * used, that is a race, not a replay: it gets its own token in the same session.
 */
export const REFRESH_GRACE_SECONDS = 10;

@Injectable()
export class AuthService {
  /** Verified against when the email is unknown, so response time does not reveal which emails exist. */
  private readonly unknownUserHash = hash(randomBytes(16).toString('hex'));

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly rateLimiter: LoginRateLimiter,
    private readonly sessions: SessionRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async validateCredentials(email: string, password: string, ip: string): Promise<AuthUser | null> {
    const normalizedEmail = email.trim().toLowerCase();
    await this.rateLimiter.assertAllowed(normalizedEmail, ip);
    const [row] = await this.findUsers('lower(u.email) = $1', [normalizedEmail]);
    const matches = await verify(row?.password_hash ?? (await this.unknownUserHash), password).catch(
      () => false,
    );
    if (!row || !row.active || !matches) {
      await this.rateLimiter.recordFailure(normalizedEmail, ip);
      return null;
    }
    await this.rateLimiter.recordSuccess(normalizedEmail, ip);
    return toAuthUser(row);
  }

  async login(user: AuthUser, ip: string | undefined): Promise<TokenPair> {
    return this.issueTokens(user, randomUUID(), ip);
  }

  /**
   * Rotates the refresh token. Presenting a token that was already used means it leaked (or a
   * client raced itself): the whole family is revoked and the user must sign in again.
   */
  async refresh(refreshToken: string, ip: string | undefined): Promise<TokenPair> {
    const tokenHash = sha256(refreshToken);
    const consumed: { user_id: string; family_id: string }[] = await this.db.query(
      `WITH consumed AS (
         UPDATE refresh_tokens SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
         RETURNING user_id, family_id
       ) SELECT * FROM consumed`,
      [tokenHash],
    );
    if (!consumed.length) {
      const [known]: { user_id: string; family_id: string; used_at: Date | null; racing: boolean }[] =
        await this.db.query(
          `SELECT r.user_id, r.family_id, r.used_at,
                  (r.revoked_at IS NULL AND r.expires_at > now()
                   AND r.used_at > now() - make_interval(secs => $2)
                   AND NOT EXISTS (SELECT 1 FROM refresh_tokens later
                                   WHERE later.family_id = r.family_id AND later.created_at >= r.used_at
                                     AND later.used_at IS NOT NULL)) AS racing
           FROM refresh_tokens r WHERE r.token_hash = $1`,
          [tokenHash, REFRESH_GRACE_SECONDS],
        );
      if (known?.racing) return this.refreshFor(known.user_id, known.family_id, ip);
      if (known?.used_at) await this.revokeFamily(known.family_id);
      throw new UnauthorizedException(
        known?.used_at
          ? '此刷新令牌已被使用，为安全起见该次登录的所有会话已关闭，请重新登录。This refresh token was already used; for safety every session from that sign-in is now closed. Sign in again.'
          : '刷新令牌无效、已过期或已撤销，请重新登录。The refresh token is invalid, expired or revoked. Sign in again.',
      );
    }
    return this.refreshFor(consumed[0].user_id, consumed[0].family_id, ip);
  }

  /** Ends the session at once: its refresh tokens and, through the registry, its access tokens. */
  async logout(refreshToken: string): Promise<void> {
    const [token] = await this.db.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1`, [
      sha256(refreshToken),
    ]);
    if (token) await this.revokeFamily(token.family_id);
  }

  private async refreshFor(userId: string, familyId: string, ip: string | undefined): Promise<TokenPair> {
    const [row] = await this.findUsers('u.id = $1', [userId]);
    if (!row?.active) throw new UnauthorizedException('该账号已停用。This account is disabled.');
    return this.issueTokens(toAuthUser(row), familyId, ip);
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
    await this.sessions.forget([familyId]);
  }

  private async issueTokens(user: AuthUser, familyId: string, ip: string | undefined): Promise<TokenPair> {
    const claims: AccessTokenClaims = {
      sub: user.id,
      sid: familyId,
      email: user.email,
      role: user.role,
      org: user.organizationId,
      acting: user.actingOrganizationId,
    };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: this.config.jwtAccessTtlSeconds });
    const refreshToken = randomBytes(32).toString('base64url');
    await this.db.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, expires_at, ip)
       VALUES ($1, $2, $3, now() + make_interval(days => $4), $5)`,
      [user.id, familyId, sha256(refreshToken), this.config.refreshTokenTtlDays, ip ?? null],
    );
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.config.jwtAccessTtlSeconds };
  }

  private findUsers(where: string, params: unknown[]): Promise<UserRow[]> {
    return this.db.query(
      `SELECT u.id, u.email, u.role, u.organization_id, u.password_hash, u.active,
              ${actingOrganizationSql('o')} AS acting_organization_id
       FROM users u JOIN organizations o ON o.id = u.organization_id
       WHERE ${where}`,
      params,
    );
  }
}

function toAuthUser(row: UserRow): AuthUser {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    organizationId: row.organization_id,
    actingOrganizationId: row.acting_organization_id,
  };
}
