import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, RequestActor } from '../audit/request-actor.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { OrganizationListQueryDto } from '../organizations/dto/organization-list-query.dto';
import { OrganizationsService } from '../organizations/organizations.service';
import { AdminOrganizationsService } from './admin-organizations.service';
import { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';

@ApiTags('admin')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/organizations')
export class AdminOrganizationsController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly admin: AdminOrganizationsService,
  ) {}

  @Get()
  list(@Query() query: OrganizationListQueryDto) {
    return this.organizations.list(query);
  }

  @Post()
  create(@Actor() actor: RequestActor, @Body() body: CreateOrganizationDto) {
    return this.admin.create(actor, body);
  }

  @Patch(':id')
  update(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateOrganizationDto,
  ) {
    return this.admin.update(actor, id, body);
  }
}
