import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor } from '../audit/request-actor.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { SetPlanManagersDto } from './dto/set-plan-managers.dto';
import { PlanManagersService } from './plan-managers.service';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('plans/:id/managers')
export class PlanManagersController {
  constructor(private readonly planManagers: PlanManagersService) {}

  @Put()
  replace(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: SetPlanManagersDto,
  ) {
    return this.planManagers.replace(actor, id, body.userIds);
  }
}
