import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { QUEUES } from './queue-names';
import { redisConnectionOptions } from './redis-connection';

const queues = Object.values(QUEUES).map((name) => BullModule.registerQueue({ name }));

/** The BullMQ connection and every queue, for producers in the api and processors in the worker. */
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
  exports: queues,
})
export class QueueModule {}
