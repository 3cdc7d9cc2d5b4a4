import { Module } from '@nestjs/common';
import { ConfigModule } from '@xietong/config';
import { DatabaseModule } from '@xietong/db';
import { QueueModule, RedisModule } from '@xietong/queue';
import { WorkerLoggerModule } from './worker-logger.module';

/** No HTTP: an application context holding the BullMQ processors. */
@Module({
  imports: [ConfigModule, WorkerLoggerModule, DatabaseModule, RedisModule, QueueModule],
})
export class WorkerModule {}
