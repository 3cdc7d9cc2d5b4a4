import { Module } from '@nestjs/common';
import { evidenceUploadModule } from '../attachments/evidence-upload';
import { AuthorizationModule } from '../authorization/authorization.module';
import { WorkItemsModule } from '../work-items/work-items.module';
import { ThreadsController } from './threads.controller';
import { UpdatesController } from './updates.controller';
import { UpdatesService } from './updates.service';

@Module({
  imports: [AuthorizationModule, WorkItemsModule, evidenceUploadModule()],
  controllers: [UpdatesController, ThreadsController],
  providers: [UpdatesService],
  exports: [UpdatesService],
})
export class UpdatesModule {}
