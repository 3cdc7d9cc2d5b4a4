import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { DeliveryProducer } from './delivery-producer';

/**
 * Redis only moves work: rows still pending a while after they were due are enqueued again, so a
 * flushed Redis, a lost enqueue or a crashed send loses no notification.
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
      `SELECT id FROM notifications
       WHERE state = 'pending' AND channel <> 'in_app' AND send_after < $1::timestamptz - make_interval(secs => $2)
       ORDER BY send_after LIMIT $3`,
      [now.toISOString(), this.config.outboxSweepAfterSeconds, limit],
    );
    return this.producer.reenqueue(rows.map((row) => row.id));
  }
}
