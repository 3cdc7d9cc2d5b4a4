import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { ReportJobsProducer } from '@xietong/queue';

/**
 * Report runs live in Postgres, their jobs in Redis: a run still queued or running
 * `REPORT_RUN_TIMEOUT_SECONDS` after it was requested, whose job Redis lost (a flush) or that
 * ended without finishing it (the worker died past the stall limit), is enqueued again.
 */
@Injectable()
export class ReportRunSweeper {
  private readonly logger = new Logger(ReportRunSweeper.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly producer: ReportJobsProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async sweep(now = new Date(), limit = 100): Promise<number> {
    const runs: { id: string }[] = await this.db.query(
      `SELECT id FROM report_runs
       WHERE state IN ('queued', 'running') AND created_at < $1::timestamptz - make_interval(secs => $2)
       ORDER BY created_at LIMIT $3`,
      [now.toISOString(), this.config.reportRunTimeoutSeconds, limit],
    );
    let requeued = 0;
    for (const run of runs) if (await this.producer.reenqueueBuild(run.id)) requeued++;
    if (requeued) this.logger.warn(`${requeued} report runs whose job was lost enqueued again`);
    return requeued;
  }
}
