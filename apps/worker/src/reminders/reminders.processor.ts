import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnApplicationBootstrap } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { OutboxSweeper, ReminderScanner } from '@xietong/outbox';
import {
  assertHandlersCoverQueue,
  dispatchJob,
  JobHandlers,
  JOBS,
  QUEUES,
  ReminderScanJob,
} from '@xietong/queue';

export const REMINDER_SCAN_SCHEDULER = 'reminder-scan';
export const OUTBOX_SWEEP_SCHEDULER = 'outbox-sweep';

@Processor(QUEUES.reminders)
export class RemindersProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly handlers: JobHandlers = {
    [JOBS.reminderScan]: (job: Job<ReminderScanJob>) =>
      this.scanner.scan(job.data.asOf ? new Date(job.data.asOf) : new Date(), job.data.workItemIds),
    [JOBS.outboxSweep]: () => this.sweeper.sweep(),
  };

  constructor(
    private readonly scanner: ReminderScanner,
    private readonly sweeper: OutboxSweeper,
    @InjectQueue(QUEUES.reminders) private readonly queue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    assertHandlersCoverQueue(QUEUES.reminders, this.handlers);
  }

  /** Upserting is idempotent: every worker does it at boot, and each scheduler still fires once per tick. */
  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      REMINDER_SCAN_SCHEDULER,
      { every: this.config.reminderScanEverySeconds * 1000 },
      { name: JOBS.reminderScan, data: {} },
    );
    await this.queue.upsertJobScheduler(
      OUTBOX_SWEEP_SCHEDULER,
      { every: Math.max(10, Math.floor(this.config.outboxSweepAfterSeconds / 2)) * 1000 },
      { name: JOBS.outboxSweep, data: {} },
    );
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(QUEUES.reminders, this.handlers, job);
  }
}
