import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { OrganizationListQueryDto } from './dto/organization-list-query.dto';
import { OrganizationsService } from './organizations.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  /** For pickers: any signed-in user may read the dictionary. */
  @Get()
  list(@Query() query: OrganizationListQueryDto) {
    return this.organizations.list(query);
  }

  /** Who can own the organization's items (its users and those of its liaison offices), for the owner picker. */
  @Get(':id/members')
  members(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser) {
    return this.organizations.members(id, user);
  }
}
