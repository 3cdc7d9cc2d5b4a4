import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { SaveViewDto } from './saved-view.dto';
import { SavedViewsService } from './saved-views.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('me/views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  list(@CurrentUser() user: AuthUser) {
    return this.views.list(user);
  }

  /** Creates a named view, or replaces the signed-in user's view of the same name. */
  @Post()
  save(@CurrentUser() user: AuthUser, @Body() dto: SaveViewDto) {
    return this.views.save(user, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.views.remove(user, id);
  }
}
