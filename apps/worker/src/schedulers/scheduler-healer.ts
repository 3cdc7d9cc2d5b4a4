import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import {
  JobName,
  JOBS,
  QUEUES,
  REDIS,
  ReportJobsProducer,
  ReportScheduleTiming,
  schedulerNextJobExists,
} from '@xietong/queue';

export const REMINDER_SCAN_SCHEDULER = 'reminder-scan';
export const OUTBOX_SWEEP_SCHEDULER = 'outbox-sweep';
export const REPORT_RUN_SWEEP_SCHEDULER = 'report-run-sweep';

interface FixedScheduler {
  queue: Queue;
  id: string;
  every: number;
  name: JobName;
}

export interface HealResult {
  /** Schedulers (fixed and report schedules) that were missing or stuck and were created again. */
  recreated: number;
  removed: number;
}

/**
 * Job schedulers live in Redis, which can lose them (a flush, a failover to an empty replica)
 * while the worker keeps running. Every worker re-creates the missing ones — the reminder scan,
 * the outbox and report-run sweepers, one per report schedule in Postgres — at boot, every
 * `SCHEDULER_HEAL_EVERY_SECONDS` and as soon as its Redis connection is ready again after a
 * reconnect. The check is local (a timer, not a job), since a job could be lost the same way.
 * Schedulers in place are left alone, so any number of workers healing moves no firing.
 */
@Injectable()
export class SchedulerHealer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SchedulerHealer.name);
  private readonly fixed: FixedScheduler[];
  private timer?: NodeJS.Timeout;
  private healing: Promise<HealResult> | null = null;
  private readonly onReconnect = () => {
    this.logger.warn('Redis connection ready again; checking job schedulers');
    void this.healQuietly();
  };

  constructor(
    @InjectQueue(QUEUES.reminders) reminders: Queue,
    @InjectQueue(QUEUES.reports) reports: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectDataSource() private readonly db: DataSource,
    private readonly reportJobs: ReportJobsProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.fixed = [
      {
        queue: reminders,
        id: REMINDER_SCAN_SCHEDULER,
        every: config.reminderScanEverySeconds,
        name: JOBS.reminderScan,
      },
      {
        queue: reminders,
        id: OUTBOX_SWEEP_SCHEDULER,
        every: Math.max(10, Math.floor(config.outboxSweepAfterSeconds / 2)),
        name: JOBS.outboxSweep,
      },
      {
        queue: reports,
        id: REPORT_RUN_SWEEP_SCHEDULER,
        every: Math.max(5, Math.min(60, Math.floor(config.reportRunTimeoutSeconds / 4))),
        name: JOBS.reportRunSweep,
      },
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    // At boot every fixed scheduler is upserted, so a changed interval setting takes effect.
    for (const scheduler of this.fixed) await this.upsert(scheduler);
    await this.heal();
    this.timer = setInterval(() => void this.healQuietly(), this.config.schedulerHealEverySeconds * 1000);
    this.timer.unref();
    // The client is ready by now: every later 'ready' follows a reconnect.
    this.redis.on('ready', this.onReconnect);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.redis.off('ready', this.onReconnect);
  }

  /** One check at a time; a call during a check waits for it. */
  heal(): Promise<HealResult> {
    this.healing ??= this.check().finally(() => (this.healing = null));
    return this.healing;
  }

  private async healQuietly(): Promise<void> {
    try {
      const { recreated, removed } = await this.heal();
      if (recreated || removed) {
        this.logger.warn(`job schedulers healed: ${recreated} re-created, ${removed} stale removed`);
      }
    } catch (error) {
      // Redis or Postgres down: the next tick or reconnect tries again.
      this.logger.warn({ err: error }, 'could not check job schedulers');
    }
  }

  private async check(): Promise<HealResult> {
    let recreated = 0;
    for (const scheduler of this.fixed) {
      const current = await scheduler.queue.getJobScheduler(scheduler.id);
      if (current && (await schedulerNextJobExists(scheduler.queue, current))) continue;
      await this.upsert(scheduler);
      recreated++;
    }
    const schedules: ReportScheduleTiming[] = await this.db.query(
      `SELECT id, cron, timezone FROM report_schedules`,
    );
    const reports = await this.reportJobs.reconcile(schedules);
    return { recreated: recreated + reports.upserted, removed: reports.removed };
  }

  private async upsert({ queue, id, every, name }: FixedScheduler): Promise<void> {
    await queue.upsertJobScheduler(id, { every: every * 1000 }, { name, data: {} });
  }
}
