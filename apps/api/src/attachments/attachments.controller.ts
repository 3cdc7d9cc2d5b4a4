import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { AttachmentsService } from './attachments.service';

/** Formats a browser shows itself open in the tab; everything else downloads. */
const SHOWN_INLINE = new Set(['application/pdf', 'image/jpeg', 'image/png', 'image/gif', 'image/webp']);

@ApiTags('attachments')
@ApiBearerAuth()
@Controller('attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  /** The file with its original (Chinese) name, RFC 6266 / RFC 5987 `filename*`. */
  @Get(':id')
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const { attachment, body } = await this.attachments.open(user, id);
    response.set({
      'Content-Type': attachment.contentType,
      'Content-Length': String(attachment.size),
      'Content-Disposition': contentDisposition(attachment.fileName, {
        type: SHOWN_INLINE.has(attachment.contentType) ? 'inline' : 'attachment',
      }),
      'Cache-Control': 'private, no-store',
    });
    await pipeline(body, response);
  }
}
