import { createServer, Server } from 'node:http';
import { WorkerHost } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { REDIS } from '@xietong/queue';
import { DeliveriesProcessor } from '../deliveries/deliveries.processor';
import { RemindersProcessor } from '../reminders/reminders.processor';
import { ReportsProcessor } from '../reports/reports.processor';

export interface WorkerHealth {
  status: 'ok' | 'error';
  postgres: boolean;
  redis: boolean;
  /** Each queue's BullMQ worker in this process, and whether it is taking jobs. */
  queues: Record<string, boolean>;
}

/**
 * The worker has no HTTP API, so Docker cannot ask it whether it is alive: with `WORKER_HEALTH_PORT`
 * set it answers `GET /health` (200 or 503, with what failed) on that port, as the api's
 * `/api/health` does. A process that still runs but whose workers stopped taking jobs answers 503.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;
  private readonly processors: Record<string, WorkerHost>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    reminders: RemindersProcessor,
    deliveries: DeliveriesProcessor,
    reports: ReportsProcessor,
  ) {
    this.processors = { reminders, deliveries, reports };
  }

  async check(): Promise<WorkerHealth> {
    const [postgres, redis] = await Promise.all([
      this.db.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      this.redis.ping().then(
        (answer) => answer === 'PONG',
        () => false,
      ),
    ]);
    const queues = Object.fromEntries(
      Object.entries(this.processors).map(([name, processor]) => [name, processor.worker.isRunning()]),
    );
    const ok = postgres && redis && Object.values(queues).every(Boolean);
    return { status: ok ? 'ok' : 'error', postgres, redis, queues };
  }

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.workerHealthPort;
    if (port === undefined) return;
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/health') {
        response.writeHead(404).end();
        return;
      }
      void this.check().then((health) => {
        response
          .writeHead(health.status === 'ok' ? 200 : 503, { 'content-type': 'application/json' })
          .end(JSON.stringify(health));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject).listen(port, resolve);
    });
    this.logger.log(`health check on port ${port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
