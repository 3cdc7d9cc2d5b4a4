import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { APP_CONFIG, AppConfig, ConfigModule, logTransport } from '@xietong/config';
import { DatabaseModule } from '@xietong/db';
import { QueueModule, RedisModule } from '@xietong/queue';
import { AuthModule } from './auth/auth.module';
import { HealthModule } from './health/health.module';
import { InboxModule } from './inbox/inbox.module';
import { AdminModule } from './admin/admin.module';
import { AuditModule } from './audit/audit.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PlansModule } from './plans/plans.module';
import { TasksModule } from './tasks/tasks.module';
import { UpdatesModule } from './updates/updates.module';
import { BulkWorkModule } from './bulk/bulk-work.module';
import { SavedViewsModule } from './saved-views/saved-views.module';
import { WorkItemsModule } from './work-items/work-items.module';
import { PlanImportModule } from './plan-import/plan-import.module';
import { NotificationsModule } from './notifications/notifications.module';
import { CalendarModule } from './calendar/calendar.module';
import { SettingsModule } from './settings/settings.module';
import { ReportSchedulesModule } from './report-schedules/report-schedules.module';
import { ReportsModule } from './reports/reports.module';
import { WebModule } from './web/web.module';

const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        pinoHttp: {
          level: config.logLevel,
          base: { process: 'api' },
          transport: logTransport(config),
          genReqId: (request, response) => {
            // A caller's id is kept (it ties our log to theirs) only when it cannot smuggle
            // anything into logs or the audit trail; otherwise we make our own.
            const sent = request.headers['x-request-id'];
            const id = typeof sent === 'string' && SAFE_REQUEST_ID.test(sent) ? sent : randomUUID();
            response.setHeader('X-Request-Id', id);
            return id;
          },
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          // A calendar feed's URL is its credential: keep it out of the logs.
          serializers: {
            req: (request: { url?: string }) => ({
              ...request,
              url: request.url?.replace(/\/api\/calendar\/[^/?]+/, '/api/calendar/***'),
            }),
          },
          autoLogging: { ignore: (request) => request.url === '/api/health' },
        },
      }),
    }),
    DatabaseModule,
    RedisModule,
    QueueModule,
    HealthModule,
    AuthModule,
    AuditModule,
    OrganizationsModule,
    PlansModule,
    TasksModule,
    WorkItemsModule,
    UpdatesModule,
    BulkWorkModule,
    SavedViewsModule,
    InboxModule,
    AdminModule,
    PlanImportModule,
    NotificationsModule,
    CalendarModule,
    SettingsModule,
    ReportsModule,
    ReportSchedulesModule,
    WebModule,
  ],
})
export class AppModule {}
