import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { ReminderJobsProducer } from '@xietong/queue';
import { Actor, RequestActor } from '../audit/request-actor.decorator';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';
import { NotificationListQuery } from './dto/notification-list-query.dto';
import { ReminderScanRequest } from './dto/reminder-scan.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    private readonly notifications: NotificationsService,
    private readonly reminders: ReminderJobsProducer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The bell: in-app notifications that are due (quiet hours respected), newest first. */
  @Get('notifications')
  list(@Query() query: NotificationListQuery, @CurrentUser() user: AuthUser) {
    return this.notifications.list(user.id, query);
  }

  /** 全部已读: what the bell and the notifications page show now; later arrivals stay unread. */
  @Post('notifications/read-all')
  @HttpCode(200)
  markAllRead(@CurrentUser() user: AuthUser): Promise<{ marked: number }> {
    return this.notifications.markAllRead(user.id);
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  markRead(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    return this.notifications.markRead(id, user.id);
  }

  /**
   * A national scan takes many seconds, longer than a request should wait: the worker runs it, and
   * `GET /api/admin/reminders/scans/:id` says how it went.
   */
  @Post('admin/reminders/scan')
  @HttpCode(202)
  @Roles('admin')
  async scan(@Body() body: ReminderScanRequest): Promise<{ id: string }> {
    if (body.asOf && this.config.nodeEnv === 'production') {
      throw new BadRequestException(
        'asOf 仅用于测试环境：扫描会真实发送并消耗提醒。asOf is for test systems only: a scan really sends and uses up reminders.',
      );
    }
    return { id: await this.reminders.enqueueScan(body.asOf ? { asOf: body.asOf } : {}) };
  }

  @Get('admin/reminders/scans/:id')
  @Roles('admin')
  async scanStatus(@Param('id') id: string) {
    const status = await this.reminders.scanStatus(id);
    if (!status)
      throw new NotFoundException(
        '没有这次提醒扫描（已过期或编号有误）。No such reminder scan: it expired or the id is wrong.',
      );
    return status;
  }

  /**
   * Deliveries that failed, with why in words, for admins to act on. `failureKind` transient rows
   * are still retried (every DELIVERY_BACKOFF_MAX_MS); permanent ones never are.
   */
  @Get('admin/notifications/failed')
  @Roles('admin')
  failed() {
    return this.notifications.failed();
  }

  /** Sends a failed delivery again now (after the address or robot was fixed); 409 unless it failed. */
  @Post('admin/notifications/:id/retry')
  @HttpCode(202)
  @Roles('admin')
  retry(@Actor() actor: RequestActor, @Param('id', ParseUUIDPipe) id: string) {
    return this.notifications.retry(actor, id);
  }

  /**
   * Outbox figures: rows by state, transient vs permanent failures, and `possibleDuplicates` — sends
   * repeated after a worker died between the receiver's acceptance and the sent mark (at most one per
   * crash; each repeat carries the first copy's Message-ID / Idempotency-Key).
   */
  @Get('admin/deliveries/metrics')
  @Roles('admin')
  deliveryMetrics() {
    return this.notifications.deliveryMetrics();
  }
}
