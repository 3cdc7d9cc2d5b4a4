import { Module } from '@nestjs/common';
import { QueueModule } from '@xietong/queue';
import { AuthorizationModule } from '../authorization/authorization.module';
import { ReportRunsService } from './report-runs.service';
import { ReportsController } from './reports.controller';

@Module({
  imports: [QueueModule, AuthorizationModule],
  controllers: [ReportsController],
  providers: [ReportRunsService],
})
export class ReportsModule {}
