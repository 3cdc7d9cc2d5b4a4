import { Module } from '@nestjs/common';
import { OutboxModule } from '@xietong/outbox';
import { QueueModule } from '@xietong/queue';
import { AttachmentsController } from '../attachments/attachments.controller';
import { AttachmentsService } from '../attachments/attachments.service';
import { attachmentStorageProvider } from '../attachments/attachment-storage.provider';
import { evidenceUploadModule } from '../attachments/evidence-upload';
import { AuditModule } from '../audit/audit.module';
import { AuthorizationModule } from '../authorization/authorization.module';
import { TasksModule } from '../tasks/tasks.module';
import { CompletionReviewService } from './completion-review.service';
import { DeadlineExtensionsController } from './deadline-extensions.controller';
import { DeadlineExtensionsService } from './deadline-extensions.service';
import { WorkItemEditsService } from './work-item-edits.service';
import { WorkItemEventsService } from './work-item-events.service';
import { WorkItemWriter } from './work-item-writer.service';
import { WorkItemsController } from './work-items.controller';
import { WorkItemsQueryService } from './work-items-query.service';

@Module({
  imports: [AuthorizationModule, AuditModule, TasksModule, OutboxModule, QueueModule, evidenceUploadModule()],
  controllers: [WorkItemsController, DeadlineExtensionsController, AttachmentsController],
  providers: [
    WorkItemsQueryService,
    WorkItemWriter,
    WorkItemEditsService,
    CompletionReviewService,
    DeadlineExtensionsService,
    WorkItemEventsService,
    AttachmentsService,
    attachmentStorageProvider,
  ],
  exports: [WorkItemWriter, WorkItemEventsService, WorkItemEditsService, AttachmentsService],
})
export class WorkItemsModule {}
