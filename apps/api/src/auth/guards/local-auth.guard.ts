import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<TUser>(error: unknown, user: TUser | false, info?: { message?: string }): TUser {
    if (error) throw error;
    if (!user) {
      throw new UnauthorizedException(
        info?.message === 'Missing credentials'
          ? 'Send a JSON body {"email": "…", "password": "…"}.'
          : 'Email or password is wrong.',
      );
    }
    return user;
  }
}
