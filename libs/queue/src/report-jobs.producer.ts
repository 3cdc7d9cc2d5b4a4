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
   * Enqueues a run's build again when Redis no longer holds a live job for it (lost with a flush,
   * or finished without the run finishing). False when its job still waits or runs.
   */
  async reenqueueBuild(runId: string): Promise<boolean> {
    const existing = await this.reports.getJob(runId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
      await existing.remove();
    }
    await this.enqueueBuild(runId);
    return true;
  }

  /**
   * Makes Redis hold exactly the schedules Postgres holds: schedulers missing (a Redis flush),
   * changed, or whose next firing is gone are upserted; those of deleted schedules are removed.
   * A scheduler that is in place is left alone, so calling this often moves no firing.
   */
  async reconcile(
    schedules: readonly ReportScheduleTiming[],
  ): Promise<{ upserted: number; removed: number }> {
    let upserted = 0;
    for (const schedule of schedules) {
      const current = await this.reports.getJobScheduler(reportSchedulerId(schedule.id));
      const inPlace =
        current?.pattern === schedule.cron &&
        (current.tz ?? null) === schedule.timezone &&
        (await schedulerNextJobExists(this.reports, current));
      if (inPlace) continue;
      await this.upsertSchedule(schedule);
      upserted++;
    }
    const wanted = new Set(schedules.map((schedule) => reportSchedulerId(schedule.id)));
    const stale = (await this.reports.getJobSchedulers())
      .map((scheduler) => scheduler.key)
      .filter((key) => key.startsWith(SCHEDULER_PREFIX) && !wanted.has(key));
    for (const key of stale) await this.reports.removeJobScheduler(key);
    return { upserted, removed: stale.length };
  }
}

/**
 * A scheduler fires through the delayed job BullMQ keeps for its next time
 * (`repeat:<id>:<next>`); without it the scheduler exists but never fires again.
 */
export async function schedulerNextJobExists(
  queue: Queue,
  scheduler: { key: string; next?: number | null },
): Promise<boolean> {
  if (!scheduler.next) return false;
  return Boolean(await queue.getJob(`repeat:${scheduler.key}:${scheduler.next}`));
}
