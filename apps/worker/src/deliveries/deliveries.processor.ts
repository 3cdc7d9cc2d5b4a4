import { Processor, WorkerHost } from '@nestjs/bullmq';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { loadConfig } from '@xietong/config';
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
  // A job can stall once per worker crash; the row, not the stall count, decides when to give up.
  maxStalledCount: 1000,
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
    const result = await this.deliverer.deliver(job.data.notificationId);
    switch (result.outcome) {
      // Quiet hours, a digest's time, or the backoff after a transient failure: the same job, later.
      case 'deferred':
      case 'retry':
        await job.moveToDelayed(result.until.getTime(), token);
        throw new DelayedError();
      // The row says failed and why; the sweeper retries it later if the cause was transient.
      case 'failed':
        throw new UnrecoverableError(result.reason);
      default:
        return result.outcome;
    }
  }
}
