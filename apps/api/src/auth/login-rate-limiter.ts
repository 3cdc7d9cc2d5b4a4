import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '@xietong/queue';
import { accountSlowdownMs, LOGIN_LIMITS } from '@xietong/rules';

/**
 * Counters in Redis, so every api replica sees the same count. Wrong passwords lock the pair
 * (account, client address) that made them; the account as a whole only slows down, so
 * someone guessing from elsewhere cannot lock its owner out. All attempts from one address are
 * counted too (spraying many accounts).
 */
@Injectable()
export class LoginRateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Refuses locked pairs and busy addresses; for an account under attack, waits before the check. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const [pairFailures, accountFailures, ipAttempts] = await Promise.all([
      this.redis.get(this.pairKey(email, ip)),
      this.redis.get(this.accountKey(email)),
      this.increment(this.ipKey(ip), LOGIN_LIMITS.addressWindowSeconds),
    ]);
    if (Number(pairFailures ?? 0) >= LOGIN_LIMITS.pairFailures) {
      throw await this.tooMany(
        this.pairKey(email, ip),
        '该账号在您的地址登录失败次数过多',
        'Too many failed sign-ins for this account from your address',
      );
    }
    if (ipAttempts > LOGIN_LIMITS.addressAttempts) {
      throw await this.tooMany(
        this.ipKey(ip),
        '您的地址登录尝试过多',
        'Too many sign-in attempts from your address',
      );
    }
    const delayMs = accountSlowdownMs(Number(accountFailures ?? 0));
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    await Promise.all([
      this.increment(this.pairKey(email, ip), LOGIN_LIMITS.failureWindowSeconds),
      this.increment(this.accountKey(email), LOGIN_LIMITS.failureWindowSeconds),
    ]);
  }

  /** The owner got in: their address is cleared, and the account stops slowing down. */
  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.redis.del(this.pairKey(email, ip), this.accountKey(email));
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

  private pairKey(email: string, ip: string): string {
    return `login:pair:${email.toLowerCase()}:${ip}`;
  }

  private ipKey(ip: string): string {
    return `login:ip:${ip}`;
  }
}
