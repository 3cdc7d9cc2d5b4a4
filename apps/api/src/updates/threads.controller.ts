import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { ThreadsQueryDto } from './dto/threads-query.dto';
import { UpdatesService } from './updates.service';

@ApiTags('updates')
@ApiBearerAuth()
@Controller('work-items/:id/threads')
export class ThreadsController {
  constructor(private readonly updates: UpdatesService) {}

  /** Every lead unit's thread on the item's task the caller may see, in one answer (the item page). */
  @Get()
  threads(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ThreadsQueryDto,
  ) {
    return this.updates.threads(user, id, query.perThread);
  }
}
