import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UploadedFiles } from '@nestjs/common';
import { EvidenceFiles } from '../attachments/evidence-upload';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DeadlineExtension } from '@xietong/domain';
import { Actor, RequestActor } from '../audit/request-actor.decorator';
import { DeadlineExtensionsService } from './deadline-extensions.service';
import { ApproveExtensionDto, RejectExtensionDto } from './dto/decide-extension.dto';
import { RequestExtensionDto } from './dto/request-extension.dto';

@ApiTags('work-items')
@ApiBearerAuth()
@Controller()
export class DeadlineExtensionsController {
  constructor(private readonly extensions: DeadlineExtensionsService) {}

  /** JSON, or multipart with evidence `files`. */
  @Post('work-items/:id/extensions')
  @EvidenceFiles()
  request(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RequestExtensionDto,
    @UploadedFiles() files: Express.Multer.File[] | undefined,
  ): Promise<DeadlineExtension> {
    return this.extensions.request(actor, id, body, files ?? []);
  }

  @Post('extensions/:id/approve')
  @HttpCode(200)
  approve(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ApproveExtensionDto,
  ): Promise<DeadlineExtension> {
    return this.extensions.decide(actor, id, 'approved', body.note);
  }

  @Post('extensions/:id/reject')
  @HttpCode(200)
  reject(
    @Actor() actor: RequestActor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RejectExtensionDto,
  ): Promise<DeadlineExtension> {
    return this.extensions.decide(actor, id, 'rejected', body.note);
  }
}
