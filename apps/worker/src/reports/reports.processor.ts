import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import {
  assertHandlersCoverQueue,
  BuildReportJob,
  dispatchJob,
  JobHandlers,
  JOBS,
  QUEUES,
  ReportJobsProducer,
  ReportScheduleTiming,
  ScheduledReportJob,
} from '@xietong/queue';
import { ReportRunBuilder } from './report-run-builder';
import { ScheduledReportRunner } from './scheduled-report-runner';

@Processor(QUEUES.reports)
export class ReportsProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReportsProcessor.name);
  private readonly handlers: JobHandlers = {
    [JOBS.buildReport]: async (job: Job<BuildReportJob>) => {
      const { files } = await this.builder.build(job.data.runId);
      return { files: files.length };
    },
    [JOBS.scheduledReport]: (job: Job<ScheduledReportJob>) => this.scheduled.run(job),
  };

  constructor(
    private readonly builder: ReportRunBuilder,
    private readonly scheduled: ScheduledReportRunner,
    private readonly producer: ReportJobsProducer,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super();
    assertHandlersCoverQueue(QUEUES.reports, this.handlers);
  }

  /** Postgres holds the schedules; Redis only their timers, which a flush or a lost removal can upset. */
  async onApplicationBootstrap(): Promise<void> {
    const schedules: ReportScheduleTiming[] = await this.db.query(
      `SELECT id, cron, timezone FROM report_schedules`,
    );
    const { upserted, removed } = await this.producer.reconcile(schedules);
    this.logger.log(`report schedulers reconciled: ${upserted} upserted, ${removed} stale removed`);
  }

  process(job: Job, token?: string): Promise<unknown> {
    return dispatchJob(QUEUES.reports, this.handlers, job, token);
  }
}
