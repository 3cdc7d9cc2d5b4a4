import { Module } from '@nestjs/common';
import { OutboxModule } from '@xietong/outbox';
import { QueueModule } from '@xietong/queue';
import { AuditModule } from '../audit/audit.module';
import { AuthorizationModule } from '../authorization/authorization.module';
import { TasksModule } from '../tasks/tasks.module';
import { DeadlineExtensionsController } from './deadline-extensions.controller';
import { DeadlineExtensionsService } from './deadline-extensions.service';
import { WorkItemEditsService } from './work-item-edits.service';
import { WorkItemEventsService } from './work-item-events.service';
import { WorkItemWriter } from './work-item-writer.service';
import { WorkItemsController } from './work-items.controller';
import { WorkItemsQueryService } from './work-items-query.service';

@Module({
  imports: [AuthorizationModule, AuditModule, TasksModule, OutboxModule, QueueModule],
  controllers: [WorkItemsController, DeadlineExtensionsController],
  providers: [
    WorkItemsQueryService,
    WorkItemWriter,
    WorkItemEditsService,
    DeadlineExtensionsService,
    WorkItemEventsService,
  ],
  exports: [WorkItemWriter, WorkItemEventsService, WorkItemEditsService],
})
export class WorkItemsModule {}
