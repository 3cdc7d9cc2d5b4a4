import { Module } from '@nestjs/common';
import { QueueModule } from '@xietong/queue';
import { AuthorizationModule } from '../authorization/authorization.module';
import { ReportSchedulesController } from './report-schedules.controller';
import { ReportSchedulesService } from './report-schedules.service';

@Module({
  imports: [QueueModule, AuthorizationModule],
  controllers: [ReportSchedulesController],
  providers: [ReportSchedulesService],
})
export class ReportSchedulesModule {}
