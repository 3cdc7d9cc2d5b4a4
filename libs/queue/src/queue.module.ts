import { BullModule } from '@nestjs/bullmq';
import { Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import type { ConnectionOptions } from 'bullmq';
import { Cluster } from 'ioredis';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { DeliveryProducer } from './delivery.producer';
import { QUEUES } from './queue-names';
import { ReminderJobsProducer } from './reminder-jobs.producer';
import { ReportJobsProducer } from './report-jobs.producer';
import { redisConnectionOptions } from './redis-connection';

const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

/**
 * BullMQ's connection, made once. On a cluster it is a client BullMQ borrows and never closes, so
 * this module quits it when the application shuts down (after the queues and workers, which use it).
 */
@Module({
  providers: [
    {
      provide: QUEUE_CONNECTION,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): ConnectionOptions => redisConnectionOptions(config.redisUrl),
    },
  ],
  exports: [QUEUE_CONNECTION],
})
class QueueConnectionModule implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: ConnectionOptions) {}

  async onApplicationShutdown(): Promise<void> {
    const connection = this.connection;
    if (connection instanceof Cluster) await connection.quit().catch(() => connection.disconnect());
  }
}

const queues = Object.values(QUEUES).map((name) => BullModule.registerQueue({ name }));
const producers = [DeliveryProducer, ReminderJobsProducer, ReportJobsProducer];

/**
 * The BullMQ connection, every queue and every producer: the api and the worker put jobs on queues only
 * through these producers; processors live in the worker.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      imports: [QueueConnectionModule],
      inject: [APP_CONFIG, QUEUE_CONNECTION],
      useFactory: (config: AppConfig, connection: ConnectionOptions) => ({
        connection,
        prefix: config.queuePrefix,
        defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 5000 },
      }),
    }),
    ...queues,
  ],
  providers: producers,
  exports: [...queues, ...producers],
})
export class QueueModule {}
