import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { PeopleQueryDto } from './dto/people-query.dto';
import { PeopleService } from './people.service';

@ApiTags('organizations')
@ApiBearerAuth()
@Controller('people')
export class PeopleController {
  constructor(private readonly people: PeopleService) {}

  /** For the owner filter: up to 20 people of the organizations whose items the user sees, own organization first. */
  @Get()
  search(@Query() query: PeopleQueryDto, @CurrentUser() user: AuthUser) {
    return this.people.search(user, query);
  }
}
