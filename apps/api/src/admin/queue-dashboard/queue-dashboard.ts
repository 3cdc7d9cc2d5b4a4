import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Queue } from 'bullmq';
import { CookieOptions, NextFunction, Request, RequestHandler, Response, Router } from 'express';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { QUEUES } from '@xietong/queue';
import { AccessTokenClaims } from '../../auth/auth-user';
import { SessionRegistry } from '../../auth/session-registry';

/** Outside /api (whose policy allows no script) and outside the web app's own routes. */
export const QUEUE_DASHBOARD_PATH = '/ops/queues';
const COOKIE = 'xietong_queue_dashboard';
const AUDIENCE = 'queue-dashboard';
const PASS_SECONDS = 15 * 60;

export interface DashboardPass {
  name: string;
  value: string;
  options: CookieOptions;
}

/**
 * bull-board over the three queues, for admins only. A browser opening a page sends no bearer
 * token, so an admin's signed-in web app first asks for a pass: a short-lived token bound to their
 * session, in an HttpOnly, SameSite=Strict cookie sent only to the dashboard's path. Every request
 * checks it as the api checks access tokens (signature, expiry, the session still open with that
 * role), so signing out, deactivation or demotion closes the dashboard too.
 */
@Injectable()
export class QueueDashboard {
  private readonly passes: JwtService;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionRegistry,
    @InjectQueue(QUEUES.reminders) private readonly reminders: Queue,
    @InjectQueue(QUEUES.deliveries) private readonly deliveries: Queue,
    @InjectQueue(QUEUES.reports) private readonly reports: Queue,
  ) {
    this.passes = new JwtService({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } });
  }

  /** The pass for the admin whose (already verified) access token this is. */
  passFor(accessToken: string): DashboardPass {
    const { sub, sid, email, role, org, acting } = this.passes.verify<AccessTokenClaims>(accessToken, {
      algorithms: ['HS256'],
    });
    return {
      name: COOKIE,
      value: this.passes.sign(
        { sub, sid, email, role, org, acting },
        { audience: AUDIENCE, expiresIn: PASS_SECONDS },
      ),
      options: {
        httpOnly: true,
        sameSite: 'strict',
        secure: this.config.publicUrl.startsWith('https:'),
        path: QUEUE_DASHBOARD_PATH,
        maxAge: PASS_SECONDS * 1000,
      },
    };
  }

  /** The dashboard behind its pass check, to mount at {@link QUEUE_DASHBOARD_PATH}. */
  handler(): RequestHandler {
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: [this.reminders, this.deliveries, this.reports].map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: '协同 · 队列' } },
    });
    const router = Router();
    router.use((request, response, next) => void this.admit(request, response, next));
    router.use(board.getRouter() as RequestHandler);
    return router;
  }

  private async admit(request: Request, response: Response, next: NextFunction): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    try {
      await this.assertPass(cookie(request, COOKIE));
      next();
    } catch (error) {
      const detail =
        error instanceof UnauthorizedException
          ? error.message
          : '队列面板的通行凭证无效或已过期。The queue dashboard pass is invalid or has expired.';
      response
        .status(401)
        .type('application/problem+json')
        .send(
          JSON.stringify({
            type: 'about:blank',
            title: 'Unauthorized',
            status: 401,
            detail: `${detail} 请以管理员身份登录协同，从“系统管理”页的“队列面板”按钮打开。Sign in to Xietong as an admin and open it from Admin → Queue dashboard.`,
          }),
        );
    }
  }

  private async assertPass(pass: string | undefined): Promise<void> {
    if (!pass) throw new UnauthorizedException('没有队列面板的通行凭证。No queue dashboard pass.');
    const claims = this.passes.verify<AccessTokenClaims & { exp: number }>(pass, {
      algorithms: ['HS256'],
      audience: AUDIENCE,
    });
    if (claims.role !== 'admin')
      throw new UnauthorizedException('队列面板仅供管理员使用。The queue dashboard is for admins.');
    if (!(await this.sessions.isOpen(claims))) {
      throw new UnauthorizedException('会话已结束。The session this pass belongs to has ended.');
    }
  }
}

/** One cookie's value; the dashboard needs no parser for the rest. */
function cookie(request: Request, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return decodeURIComponent(value.join('='));
  }
  return undefined;
}
