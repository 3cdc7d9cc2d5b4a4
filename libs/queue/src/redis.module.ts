import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { createRedisClient } from './redis-connection';

/** A plain Redis client for health checks and rate limits (queues keep their own connections). */
export const REDIS = Symbol('REDIS');

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [APP_CONFIG],
      // Typed as a single server's client: every command used (GET, MULTI, TTL, PING) means the same on a cluster.
      useFactory: (config: AppConfig) =>
        createRedisClient(config.redisUrl, {
          maxRetriesPerRequest: 1,
          keyPrefix: `${config.queuePrefix}:`,
        }) as Redis,
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
