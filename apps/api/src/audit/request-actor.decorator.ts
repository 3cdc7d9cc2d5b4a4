import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Request } from 'express';
import { AuthUser } from '../auth/auth-user';

/** Who made a request and from where: what an audit entry needs besides the change itself. */
export interface RequestActor {
  user: AuthUser;
  ip: string | null;
  /** pino-http's id, echoed as X-Request-Id, so an entry can be matched to the request log. */
  requestId: string | null;
}

export const Actor = createParamDecorator((_data: unknown, context: ExecutionContext): RequestActor => {
  const request = context.switchToHttp().getRequest<Request & { id?: unknown }>();
  return {
    user: request.user as AuthUser,
    ip: request.ip ?? null,
    requestId: request.id === undefined ? null : String(request.id),
  };
});
