import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { QUEUE_DASHBOARD_PATH, QueueDashboard } from './admin/queue-dashboard/queue-dashboard';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { refuseDeepJson, refuseUnsafeInput, SafeInputPipe } from './common/safe-input';
import { createValidationPipe } from './common/validation.pipe';

/** Plan documents are the largest bodies we accept. */
export const BODY_LIMIT = '5mb';

/**
 * The web app's policy. Scripts only from our origin (Vite emits module scripts, none inline).
 * Styles also allow 'unsafe-inline': antd's CSS-in-JS inserts <style> elements at run time and
 * the report preview (a sandboxed srcdoc frame, which inherits this policy) is mail HTML made of
 * style attributes, which no nonce can cover. Injected CSS cannot run script, and nothing we
 * render lets people write markup, so scripts stay strict where it matters.
 */
const WEB_CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** API answers are data or downloads, never pages: a report opened directly may style itself, nothing more. */
const API_CSP = {
  defaultSrc: ["'none'"],
  styleSrc: ["'unsafe-inline'"],
  imgSrc: ['data:'],
  frameAncestors: ["'none'"],
  sandbox: [],
};

/** Everything main.ts sets up on the app, shared with the integration tests so they test the same thing. */
export function configureApp(app: NestExpressApplication): INestApplication {
  const config = app.get<AppConfig>(APP_CONFIG);
  app.useLogger(app.get(Logger));
  // Only the hops named by TRUST_PROXY may set the client's address; anyone else's
  // X-Forwarded-For would dodge the per-address sign-in limit and be written into the audit log.
  app.set('trust proxy', config.trustProxy);
  // Nest's type leaves out `verify` because it fills it in for `rawBody`, which we do not use.
  const jsonOptions = { limit: BODY_LIMIT, verify: refuseDeepJson };
  app.useBodyParser('json', jsonOptions);
  app.useBodyParser('text', { limit: BODY_LIMIT });
  app.use(refuseUnsafeInput);
  const webHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: WEB_CSP } });
  const apiHeaders = helmet({ contentSecurityPolicy: { useDefaults: false, directives: API_CSP } });
  // Swagger UI at /docs runs its own inline bootstrap: it keeps helmet's other headers only.
  const docsHeaders = helmet({ contentSecurityPolicy: false });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (request.path.startsWith('/api/') || request.path === '/api') {
      // Tokens, people's data and reports: no shared or browser cache may keep any of it.
      // Handlers that can be cached (calendar feeds) set their own value.
      response.setHeader('Cache-Control', 'no-store');
      return apiHeaders(request, response, next);
    }
    if (/^\/docs(\/|$|-json|-yaml)/.test(request.path)) return docsHeaders(request, response, next);
    return webHeaders(request, response, next);
  });
  // bull-board is an Express router of its own: mounted before Nest's routes, behind its pass check.
  app.use(QUEUE_DASHBOARD_PATH, app.get(QueueDashboard).handler());
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe(), new SafeInputPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('协同 Xietong API')
      .setDescription('Cross-province collaboration on regional development plans')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document);
  return app;
}
