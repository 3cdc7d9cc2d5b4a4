import { Module } from '@nestjs/common';
import { AuthorizationModule } from '../authorization/authorization.module';
import { TasksController } from './tasks.controller';
import { TaskViewService } from './task-view.service';

@Module({
  imports: [AuthorizationModule],
  controllers: [TasksController],
  providers: [TaskViewService],
  exports: [TaskViewService],
})
export class TasksModule {}
