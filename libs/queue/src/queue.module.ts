import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { DeliveryProducer } from './delivery.producer';
import { QUEUES } from './queue-names';
import { ReminderJobsProducer } from './reminder-jobs.producer';
import { ReportJobsProducer } from './report-jobs.producer';
import { redisConnectionOptions } from './redis-connection';

const queues = Object.values(QUEUES).map((name) => BullModule.registerQueue({ name }));
const producers = [DeliveryProducer, ReminderJobsProducer, ReportJobsProducer];

/**
 * The BullMQ connection, every queue and every producer: the api and the worker put jobs on queues only
 * through these producers; processors live in the worker.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOptions(config.redisUrl),
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
