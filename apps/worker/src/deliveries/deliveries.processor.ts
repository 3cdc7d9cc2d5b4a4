import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { loadConfig } from '@xietong/config';
import { NotificationDeliveryError } from '@xietong/notify';
import { NotificationDeliverer } from '@xietong/outbox';
import {
  assertHandlersCoverQueue,
  DeliverNotificationJob,
  dispatchJob,
  JobHandlers,
  JOBS,
  QUEUES,
} from '@xietong/queue';

// Worker options are fixed when the class is declared, so they are read from the environment here.
const { deliveryConcurrency, queueStalledIntervalMs } = loadConfig();

@Processor(QUEUES.deliveries, {
  concurrency: deliveryConcurrency,
  stalledInterval: queueStalledIntervalMs,
  lockDuration: Math.max(queueStalledIntervalMs, 5000),
})
export class DeliveriesProcessor extends WorkerHost {
  private readonly handlers: JobHandlers = {
    [JOBS.deliverNotification]: (job: Job<DeliverNotificationJob>, token?: string) =>
      this.deliver(job, token),
  };

  constructor(private readonly deliverer: NotificationDeliverer) {
    super();
    assertHandlersCoverQueue(QUEUES.deliveries, this.handlers);
  }

  process(job: Job, token?: string): Promise<unknown> {
    return dispatchJob(QUEUES.deliveries, this.handlers, job, token);
  }

  private async deliver(job: Job<DeliverNotificationJob>, token: string | undefined): Promise<string> {
    const isLastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      const result = await this.deliverer.deliver(job.data.notificationId, isLastAttempt);
      if (result.outcome === 'deferred') {
        await job.moveToDelayed(result.until.getTime(), token);
        throw new DelayedError();
      }
      return result.outcome;
    } catch (error) {
      // Retrying cannot fix a refused address or a removed endpoint; the row already says failed.
      if (error instanceof NotificationDeliveryError && error.permanent)
        throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
