import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { DeliverNotificationJob, JOBS, QUEUES } from './queue-names';

/**
 * Attempts of the job itself, for errors around a delivery (the database unreachable). A failed
 * send is retried by the deliverer's own schedule (see `cappedBackoffMs`), which spans the retry
 * window; if these attempts run out, the row is still pending and the sweeper enqueues it again.
 */
export const DELIVERY_ATTEMPTS = 6;

/** Exponential from `firstMs`, capped at `maxMs`: the wait after the n-th failed attempt. */
export function cappedBackoffMs(failedAttempts: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(Math.max(0, failedAttempts - 1), 40));
}

/** The outbox row as far as its delivery job cares: in-app rows have no job, the rest wait for `sendAfter`. */
export interface DeliverableNotification {
  id: string;
  channel: string;
  sendAfter: Date;
}

/** One delivery job per outbox row; `jobId` = row id, so enqueuing a row twice adds one job. */
@Injectable()
export class DeliveryProducer {
  constructor(
    @InjectQueue(QUEUES.deliveries) private readonly deliveries: Queue<DeliverNotificationJob>,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get retry() {
    return {
      attempts: DELIVERY_ATTEMPTS,
      backoff: { type: 'exponential', delay: this.config.deliveryBackoffMs },
    };
  }

  /** Delays count from the real clock, even for a scan "as of" another time. */
  async enqueue(notifications: readonly DeliverableNotification[]): Promise<number> {
    const now = Date.now();
    const deliverable = notifications.filter((n) => n.channel !== 'in_app');
    for (let start = 0; start < deliverable.length; start += 1000) {
      await this.deliveries.addBulk(
        deliverable.slice(start, start + 1000).map((n) => ({
          name: JOBS.deliverNotification,
          data: { notificationId: n.id },
          opts: {
            jobId: n.id,
            delay: Math.max(0, n.sendAfter.getTime() - now),
            ...this.retry,
          },
        })),
      );
    }
    return deliverable.length;
  }

  /** Re-adds rows whose job is gone (Redis lost it) or finished without sending (the row is still pending, sending or failed). */
  async reenqueue(notificationIds: readonly string[]): Promise<number> {
    let added = 0;
    for (const id of notificationIds) {
      const existing = await this.deliveries.getJob(id);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed') continue;
        await existing.remove();
      }
      await this.deliveries.add(
        JOBS.deliverNotification,
        { notificationId: id },
        { jobId: id, ...this.retry },
      );
      added++;
    }
    return added;
  }
}
