import { Module } from '@nestjs/common';
import { OutboxModule } from '@xietong/outbox';
import { QueueModule } from '@xietong/queue';
import { ReportRunBuilder } from './report-run-builder';
import { ReportRunSweeper } from './report-run-sweeper';
import { ReportsProcessor } from './reports.processor';
import { ScheduledReportRunner } from './scheduled-report-runner';

@Module({
  imports: [QueueModule, OutboxModule],
  providers: [ReportsProcessor, ReportRunBuilder, ScheduledReportRunner, ReportRunSweeper],
  // The worker's health check asks whether its BullMQ worker is running.
  exports: [ReportsProcessor],
})
export class ReportsWorkerModule {}
