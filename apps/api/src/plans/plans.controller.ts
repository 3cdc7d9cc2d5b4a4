import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { PageQueryDto } from '../work-items/dto/page-query.dto';
import { PlanTaskQueryDto } from './dto/plan-task-query.dto';
import { PlansQueryService } from './plans-query.service';

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansQueryService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto) {
    return this.plans.list(user, query);
  }

  /** With chapters, indicators, lead units and managers. */
  @Get(':id')
  detail(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.plans.detail(user, id);
  }

  /** Each task with its lead provinces and ministries. */
  @Get(':id/tasks')
  tasks(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: PlanTaskQueryDto,
  ) {
    return this.plans.tasks(user, id, query);
  }
}
