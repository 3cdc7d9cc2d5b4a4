import { Module } from '@nestjs/common';
import { UpdatesModule } from '../updates/updates.module';
import { WorkItemsModule } from '../work-items/work-items.module';
import { BulkWorkController } from './bulk-work.controller';
import { BulkWorkService } from './bulk-work.service';

@Module({
  imports: [WorkItemsModule, UpdatesModule],
  controllers: [BulkWorkController],
  providers: [BulkWorkService],
})
export class BulkWorkModule {}
