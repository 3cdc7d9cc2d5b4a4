import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Request } from 'express';
import { UserRole } from '@xietong/rules';
import { AuthUser } from '../auth-user';
import { ROLES } from '../decorators/roles.decorator';

const ROLE_NAMES: Record<UserRole, string> = {
  admin: '管理员',
  manager: '规划负责人',
  coordinator: '协调员',
  liaison: '联络员',
  viewer: '查看者',
};

@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<UserRole[] | undefined>(ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<Request>().user as AuthUser | undefined;
    if (user && roles.includes(user.role)) return true;
    throw new ForbiddenException(
      `此操作仅限${roles.map((role) => ROLE_NAMES[role]).join('或')}。Only ${roles.join(' or ')} users may do this; you are signed in as ${user?.role ?? 'nobody'}.`,
    );
  }
}
