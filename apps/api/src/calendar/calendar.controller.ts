import { Controller, Delete, Get, HttpCode, NotFoundException, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Public } from '../auth/decorators/public.decorator';
import { CalendarService } from './calendar.service';

@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** Creates a feed URL; any earlier one stops working. */
  @ApiBearerAuth()
  @Post('me/calendar-token')
  createToken(@CurrentUser() user: AuthUser) {
    return this.calendar.createToken(user.id);
  }

  @ApiBearerAuth()
  @Delete('me/calendar-token')
  @HttpCode(204)
  revokeToken(@CurrentUser() user: AuthUser): Promise<void> {
    return this.calendar.revokeToken(user.id);
  }

  /** Calendar apps fetch this without signing in: the token in the file name is the credential. */
  @Public()
  @Get('calendar/:file')
  async feed(@Param('file') file: string, @Res() response: Response): Promise<void> {
    const body = await this.calendar.feed(file.replace(/\.ics$/, ''));
    if (body === undefined)
      throw new NotFoundException(
        '日历链接无效或已撤销，请在协同中重新生成。This calendar link is unknown or was revoked; create a new one in Xietong.',
      );
    response.type('text/calendar; charset=utf-8').send(body);
  }
}
