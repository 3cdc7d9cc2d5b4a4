import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
}
