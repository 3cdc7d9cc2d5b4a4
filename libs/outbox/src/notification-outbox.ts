import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationDraft, WrittenNotification } from './notification-draft';
import { DeliveryProducer } from '@xietong/queue';
import { writeNotifications } from './outbox-writer';

/**
 * The one way to notify someone: rows first (in the caller's transaction when it has one), jobs
 * after the commit. If the enqueue is lost, the sweeper finds the pending rows.
 */
@Injectable()
export class NotificationOutbox {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly producer: DeliveryProducer,
  ) {}

  /** Writes within the caller's transaction; call `enqueue` with the result once it has committed. */
  write(manager: EntityManager, drafts: readonly NotificationDraft[]): Promise<WrittenNotification[]> {
    return writeNotifications(manager, drafts);
  }

  enqueue(written: readonly WrittenNotification[]): Promise<number> {
    return this.producer.enqueue(written);
  }

  /** Writes in a transaction of its own and enqueues. */
  async publish(drafts: readonly NotificationDraft[]): Promise<WrittenNotification[]> {
    const written = await this.dataSource.transaction((manager) => writeNotifications(manager, drafts));
    await this.producer.enqueue(written);
    return written;
  }
}
