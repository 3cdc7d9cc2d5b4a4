import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { DeliveryProducer } from '@xietong/queue';

/**
 * Redis only moves work: rows still pending a while after they were due, rows a dead worker left
 * `sending`, and transient failures past the retry window (at the capped backoff interval) are
 * enqueued again, so a flushed Redis, a lost enqueue, a crashed send or a day-long outage loses
 * no notification. Rows whose job still waits, retries or runs are left to it.
 */
@Injectable()
export class OutboxSweeper {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: DeliveryProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(now = new Date(), limit = 5000): Promise<number> {
    const rows: { id: string }[] = await this.dataSource.query(
      `(SELECT id FROM notifications
        WHERE state = 'pending' AND channel <> 'in_app' AND send_after < $1::timestamptz - make_interval(secs => $2)
        ORDER BY send_after LIMIT $3)
       UNION ALL
       (SELECT id FROM notifications
        WHERE (state = 'sending' AND last_attempt_at < $1::timestamptz - make_interval(secs => $2))
           OR (state = 'failed' AND failure_kind = 'transient'
               AND last_attempt_at < $1::timestamptz - make_interval(secs => $4::double precision / 1000))
        ORDER BY last_attempt_at LIMIT $3)`,
      [now.toISOString(), this.config.outboxSweepAfterSeconds, limit, this.config.deliveryBackoffMaxMs],
    );
    return this.producer.reenqueue(rows.map((row) => row.id));
  }
}
