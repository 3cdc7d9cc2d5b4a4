import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Job } from 'bullmq';
import {
  assertHandlersCoverQueue,
  BuildReportJob,
  dispatchJob,
  JobHandlers,
  JOBS,
  QUEUES,
  ScheduledReportJob,
} from '@xietong/queue';
import { ReportRunBuilder } from './report-run-builder';
import { ReportRunSweeper } from './report-run-sweeper';
import { ScheduledReportRunner } from './scheduled-report-runner';

@Processor(QUEUES.reports)
export class ReportsProcessor extends WorkerHost {
  private readonly handlers: JobHandlers = {
    [JOBS.buildReport]: async (job: Job<BuildReportJob>) => {
      // A scheduled run reaches here when the sweeper enqueued it again: it is mailed as well.
      const resumed = await this.scheduled.resume(job.data.runId);
      if (resumed) return resumed;
      const { files } = await this.builder.build(job.data.runId);
      return { files: files.length };
    },
    [JOBS.scheduledReport]: (job: Job<ScheduledReportJob>) => this.scheduled.run(job),
    [JOBS.reportRunSweep]: () => this.runSweeper.sweep(),
  };

  constructor(
    private readonly builder: ReportRunBuilder,
    private readonly scheduled: ScheduledReportRunner,
    private readonly runSweeper: ReportRunSweeper,
  ) {
    super();
    assertHandlersCoverQueue(QUEUES.reports, this.handlers);
  }

  process(job: Job, token?: string): Promise<unknown> {
    return dispatchJob(QUEUES.reports, this.handlers, job, token);
  }
}
