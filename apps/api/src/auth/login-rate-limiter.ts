import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '@xietong/queue';

const ACCOUNT_FAILURES = { limit: 5, windowSeconds: 15 * 60 };
const IP_ATTEMPTS = { limit: 30, windowSeconds: 60 };

/**
 * Fixed-window counters in Redis, so every api replica sees the same count. Failed attempts are
 * counted per account (guessing one password) and all attempts per IP (spraying many accounts).
 */
@Injectable()
export class LoginRateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async assertAllowed(email: string, ip: string): Promise<void> {
    const [accountFailures, ipAttempts] = await Promise.all([
      this.redis.get(this.accountKey(email)),
      this.increment(this.ipKey(ip), IP_ATTEMPTS.windowSeconds),
    ]);
    if (Number(accountFailures ?? 0) >= ACCOUNT_FAILURES.limit) {
      throw await this.tooMany(
        this.accountKey(email),
        '该账号登录失败次数过多',
        'Too many failed sign-ins for this account',
      );
    }
    if (ipAttempts > IP_ATTEMPTS.limit) {
      throw await this.tooMany(
        this.ipKey(ip),
        '您的地址登录尝试过多',
        'Too many sign-in attempts from your address',
      );
    }
  }

  async recordFailure(email: string): Promise<void> {
    await this.increment(this.accountKey(email), ACCOUNT_FAILURES.windowSeconds);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email));
  }

  private async increment(key: string, windowSeconds: number): Promise<number> {
    const [[, count]] = (await this.redis.multi().incr(key).expire(key, windowSeconds, 'NX').exec()) as [
      [Error | null, number],
    ];
    return count;
  }

  private async tooMany(key: string, reasonZh: string, reason: string): Promise<HttpException> {
    const retryAfterSeconds = Math.max(1, await this.redis.ttl(key));
    const minutes = Math.ceil(retryAfterSeconds / 60);
    return new HttpException(
      {
        message: `${reasonZh}，请 ${minutes} 分钟后再试。${reason}; try again in ${minutes} minute(s).`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  private accountKey(email: string): string {
    return `login:account:${email.toLowerCase()}`;
  }

  private ipKey(ip: string): string {
    return `login:ip:${ip}`;
  }
}
