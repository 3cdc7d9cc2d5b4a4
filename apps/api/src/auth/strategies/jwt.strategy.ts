import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { AccessTokenClaims, AuthUser } from '../auth-user';

/** Stateless: the short-lived token carries role and organization, so replicas need no session store. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: config.jwtSecret,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): AuthUser {
    return {
      id: claims.sub,
      email: claims.email,
      role: claims.role,
      organizationId: claims.org,
      actingOrganizationId: claims.acting,
    };
  }
}
