import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, UploadedFiles } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { EvidenceFiles } from '../attachments/evidence-upload';
import { Actor, RequestActor } from '../audit/request-actor.decorator';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { PageQueryDto } from '../work-items/dto/page-query.dto';
import { PostUpdateDto } from './dto/post-update.dto';
import { UpdatesService } from './updates.service';

@ApiTags('updates')
@ApiBearerAuth()
@Controller('work-items/:id/updates')
export class UpdatesController {
  constructor(private readonly updates: UpdatesService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQueryDto) {
    return this.updates.list(user, id, query);
  }

  @Post()
  @EvidenceFiles()
  post(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: PostUpdateDto,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
  ) {
    return this.updates.post(actor, id, body, files ?? []);
  }
}
