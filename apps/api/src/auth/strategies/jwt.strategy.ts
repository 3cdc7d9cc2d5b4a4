import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { USER_ROLES } from '@xietong/rules';
import { AccessTokenClaims, AuthUser } from '../auth-user';
import { SessionRegistry } from '../session-registry';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The token carries role and organization so handlers need no lookup, but it is only honoured
 * while its session is open and the user still has that role and organization (SessionRegistry).
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sessions: SessionRegistry,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  async validate(claims: Partial<AccessTokenClaims> & { exp?: unknown }): Promise<AuthUser> {
    // jsonwebtoken only checks `exp` when present: a token without one would never expire.
    if (typeof claims.exp !== 'number' || !isWellFormed(claims)) {
      throw new UnauthorizedException(
        '访问令牌格式无效，请重新登录。The access token is malformed (no expiry or session); sign in again.',
      );
    }
    if (!(await this.sessions.isOpen(claims))) {
      throw new UnauthorizedException(
        '会话已结束（已退出、账号被停用或角色/单位已变更），请重新登录。This session has ended (signed out, account disabled, or role or organization changed); sign in again.',
      );
    }
    return {
      id: claims.sub,
      email: claims.email,
      role: claims.role,
      organizationId: claims.org,
      actingOrganizationId: claims.acting,
    };
  }
}

function isWellFormed(claims: Partial<AccessTokenClaims>): claims is AccessTokenClaims {
  return (
    [claims.sub, claims.sid, claims.org, claims.acting].every(
      (id) => typeof id === 'string' && UUID.test(id),
    ) &&
    typeof claims.email === 'string' &&
    (USER_ROLES as readonly unknown[]).includes(claims.role)
  );
}
