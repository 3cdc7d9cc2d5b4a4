import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import { OutboxSweeper, ReminderScanner } from '@xietong/outbox';
import {
  assertHandlersCoverQueue,
  dispatchJob,
  JobHandlers,
  JOBS,
  QUEUES,
  ReminderScanJob,
} from '@xietong/queue';

@Processor(QUEUES.reminders)
export class RemindersProcessor extends WorkerHost {
  private readonly handlers: JobHandlers = {
    [JOBS.reminderScan]: (job: Job<ReminderScanJob>) =>
      this.scanner.scan(job.data.asOf ? new Date(job.data.asOf) : new Date(), job.data.workItemIds),
    [JOBS.outboxSweep]: () => this.sweeper.sweep(),
  };

  constructor(
    private readonly scanner: ReminderScanner,
    private readonly sweeper: OutboxSweeper,
  ) {
    super();
    assertHandlersCoverQueue(QUEUES.reminders, this.handlers);
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob(QUEUES.reminders, this.handlers, job);
  }
}
