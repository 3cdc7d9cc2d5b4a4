import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { BuildReportJob, JOBS, QUEUES, ScheduledReportJob } from './queue-names';

const SCHEDULER_PREFIX = 'report-schedule:';

/** What BullMQ needs to know about a report schedule. */
export interface ReportScheduleTiming {
  id: string;
  cron: string;
  timezone: string;
}

export function reportSchedulerId(scheduleId: string): string {
  return `${SCHEDULER_PREFIX}${scheduleId}`;
}

const REPORT_RETRY = { attempts: 3, backoff: { type: 'exponential', delay: 5000 } };

/**
 * Puts report work on the `reports` queue. Builds are keyed by run id, so enqueuing a run twice
 * builds it once; each schedule is one job scheduler, so it fires once per tick however many
 * workers run, and upserting it again changes it rather than doubling it.
 */
@Injectable()
export class ReportJobsProducer {
  constructor(
    @InjectQueue(QUEUES.reports) private readonly reports: Queue<BuildReportJob | ScheduledReportJob>,
  ) {}

  async enqueueBuild(runId: string): Promise<void> {
    await this.reports.add(JOBS.buildReport, { runId }, { jobId: runId, ...REPORT_RETRY });
  }

  async upsertSchedule(schedule: ReportScheduleTiming): Promise<void> {
    await this.reports.upsertJobScheduler(
      reportSchedulerId(schedule.id),
      { pattern: schedule.cron, tz: schedule.timezone },
      // A firing that fails on a passing database error is retried rather than never mailed.
      { name: JOBS.scheduledReport, data: { scheduleId: schedule.id }, opts: REPORT_RETRY },
    );
  }

  async removeSchedule(scheduleId: string): Promise<void> {
    await this.reports.removeJobScheduler(reportSchedulerId(scheduleId));
  }

  /**
   * Makes Redis hold exactly the schedules Postgres holds: after a Redis flush or a delete whose
   * scheduler removal was lost, the worker's boot puts things right.
   */
  async reconcile(
    schedules: readonly ReportScheduleTiming[],
  ): Promise<{ upserted: number; removed: number }> {
    for (const schedule of schedules) await this.upsertSchedule(schedule);
    const wanted = new Set(schedules.map((schedule) => reportSchedulerId(schedule.id)));
    const stale = (await this.reports.getJobSchedulers())
      .map((scheduler) => scheduler.key)
      .filter((key) => key.startsWith(SCHEDULER_PREFIX) && !wanted.has(key));
    for (const key of stale) await this.reports.removeJobScheduler(key);
    return { upserted: schedules.length, removed: stale.length };
  }
}
