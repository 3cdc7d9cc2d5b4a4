import { Module } from '@nestjs/common';
import { QueueModule, ReportJobsProducer } from '@xietong/queue';
import { AuthorizationModule } from '../authorization/authorization.module';
import { ReportRunsService } from './report-runs.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [QueueModule, AuthorizationModule],
  controllers: [ReportsController],
  providers: [ReportRunsService, ReportJobsProducer],
})
export class ReportsModule {}
