import { BadRequestException, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Request } from 'express';
import { Strategy } from 'passport-local';
import { AuthUser } from '../auth-user';
import { AuthService } from '../auth.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(request: Request, email: unknown, password: unknown): Promise<AuthUser> {
    if (typeof email !== 'string' || typeof password !== 'string') {
      throw new BadRequestException('邮箱和密码须为字符串。email and password must be strings.');
    }
    const user = await this.auth.validateCredentials(email, password, request.ip ?? 'unknown');
    if (!user) throw new UnauthorizedException('邮箱或密码错误。Email or password is wrong.');
    return user;
  }
}
