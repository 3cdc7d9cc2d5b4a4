import { Injectable, UnauthorizedException } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<TUser>(error: unknown, user: TUser | false, info?: { message?: string }): TUser {
    if (error) throw error;
    if (!user) {
      throw new UnauthorizedException(
        info?.message === 'Missing credentials'
          ? '请填写邮箱和密码。Send a JSON body {"email": "…", "password": "…"}.'
          : '邮箱或密码错误。Email or password is wrong.',
      );
    }
    return user;
  }
}
