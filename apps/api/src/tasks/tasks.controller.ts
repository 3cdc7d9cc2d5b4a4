import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { PolicyService } from '../authorization/policy.service';
import { JointTaskView, TaskViewService } from './task-view.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('tasks')
export class TasksController {
  constructor(
    private readonly tasks: TaskViewService,
    private readonly policy: PolicyService,
  ) {}

  /** Every lead unit's item, owner, status and latest update side by side. */
  @Get(':id')
  async jointView(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<JointTaskView> {
    const task = await this.tasks.findTask(id);
    await this.policy.assertTask(user, task);
    return this.tasks.jointView(task);
  }
}
