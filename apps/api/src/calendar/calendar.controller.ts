import { createHash, randomBytes } from 'node:crypto';
import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { Response } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { buildIcsFeed } from '@xietong/rules';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Public } from '../auth/decorators/public.decorator';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * A subscribable feed of the user's deadlines. Calendar apps cannot sign in, so the feed sits
 * behind a token of its own, stored hashed and revocable without touching the password.
 */
@ApiTags('calendar')
@Controller()
export class CalendarController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Creates a feed URL; any earlier one stops working. */
  @ApiBearerAuth()
  @Post('me/calendar-token')
  async createToken(@CurrentUser() user: AuthUser) {
    const token = randomBytes(24).toString('base64url');
    await this.db.query(`UPDATE users SET calendar_token_hash = $2 WHERE id = $1`, [user.id, sha256(token)]);
    return { url: `${this.config.publicUrl}/api/calendar/${token}.ics` };
  }

  @ApiBearerAuth()
  @Delete('me/calendar-token')
  @HttpCode(204)
  async revokeToken(@CurrentUser() user: AuthUser): Promise<void> {
    await this.db.query(`UPDATE users SET calendar_token_hash = NULL WHERE id = $1`, [user.id]);
  }

  @Public()
  @Get('calendar/:file')
  async feed(@Param('file') file: string, @Res() response: Response): Promise<void> {
    const token = file.replace(/\.ics$/, '');
    const [user] = await this.db.query(
      `SELECT id, display_name FROM users WHERE calendar_token_hash = $1 AND active`,
      [sha256(token)],
    );
    if (!user)
      throw new NotFoundException(
        'This calendar link is unknown or was revoked; create a new one in Xietong.',
      );
    const items = await this.db.query(
      `SELECT w.id AS uid, t.code || w.title AS title, p.title || ' · ' || o.name AS description,
              w.deadline::text AS deadline, w.status
       FROM work_items w JOIN tasks t ON t.id = w.task_id JOIN plans p ON p.id = w.plan_id
       JOIN organizations o ON o.id = w.organization_id
       WHERE w.owner_id = $1 ORDER BY w.deadline`,
      [user.id],
    );
    const body = buildIcsFeed({
      calendarName: `协同 · ${user.display_name}的截止日期`,
      items: items.map((item: { uid: string }) => ({
        ...item,
        url: `${this.config.publicUrl}/work-items/${item.uid}`,
      })),
      now: new Date(),
    });
    response.type('text/calendar; charset=utf-8').send(body);
  }
}
