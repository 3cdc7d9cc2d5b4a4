import { Module } from '@nestjs/common';
import { ConfigModule } from '@xietong/config';
import { DatabaseModule } from '@xietong/db';
import { OutboxModule } from '@xietong/outbox';
import { QueueModule, RedisModule } from '@xietong/queue';
import { DeliveriesProcessor } from './deliveries/deliveries.processor';
import { WorkerHealthServer } from './health/worker-health.server';
import { RemindersProcessor } from './reminders/reminders.processor';
import { ReportsWorkerModule } from './reports/reports.module';
import { SchedulerHealer } from './schedulers/scheduler-healer';
import { WorkerLoggerModule } from './worker-logger.module';

/** No HTTP API: an application context holding the BullMQ processors (and, when asked, a health port). */
@Module({
  imports: [
    ConfigModule,
    WorkerLoggerModule,
    DatabaseModule,
    RedisModule,
    QueueModule,
    OutboxModule,
    ReportsWorkerModule,
  ],
  providers: [RemindersProcessor, DeliveriesProcessor, SchedulerHealer, WorkerHealthServer],
})
export class WorkerModule {}
