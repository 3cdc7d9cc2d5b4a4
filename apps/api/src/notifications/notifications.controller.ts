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
import { InjectDataSource } from '@nestjs/typeorm';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsInt, IsISO8601, IsOptional, Max, Min } from 'class-validator';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import { ReminderScanner } from '@xietong/outbox';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators/current-user.decorator';
import { Roles } from '../auth/decorators/roles.decorator';

export class NotificationListQuery {
  @IsOptional()
  // Query strings carry "true"/"false"; Boolean("false") would be true.
  @Transform(({ value }) => ({ true: true, false: false })[String(value) as 'true' | 'false'] ?? value)
  @IsBoolean()
  unread?: boolean;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page = 1;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  pageSize = 50;
}

export class ReminderScanRequest {
  /**
   * Scan as if it were this time. The scan really notifies and uses up the reminders it sends, so
   * this is for test and staging systems only; production refuses it.
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  asOf?: string;
}

@ApiTags('notifications')
@ApiBearerAuth()
@Controller()
export class NotificationsController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scanner: ReminderScanner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The bell: in-app notifications that are due (quiet hours respected), newest first. */
  @Get('notifications')
  async list(@Query() query: NotificationListQuery, @CurrentUser() user: AuthUser) {
    const [{ items, total, unread }] = await this.db.query(
      `WITH mine AS (
         SELECT id, kind, payload, work_item_id AS "workItemId", send_after AS "createdAt", read_at AS "readAt"
         FROM notifications
         WHERE recipient_id = $1 AND channel = 'in_app' AND send_after <= now() AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
       )
       SELECT (SELECT coalesce(json_agg(page ORDER BY "createdAt" DESC), '[]') FROM
                 (SELECT * FROM mine ORDER BY "createdAt" DESC LIMIT $3 OFFSET $4) page) AS items,
              (SELECT count(*)::int FROM mine) AS total,
              (SELECT count(*)::int FROM mine WHERE "readAt" IS NULL) AS unread`,
      [user.id, query.unread ?? false, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items, total, unread, page: query.page, pageSize: query.pageSize };
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  async markRead(@Param('id', ParseUUIDPipe) id: string, @CurrentUser() user: AuthUser): Promise<void> {
    const rows = await this.db.query(
      `WITH marked AS (
         UPDATE notifications SET read_at = coalesce(read_at, now())
         WHERE id = $1 AND recipient_id = $2 AND channel = 'in_app' RETURNING id
       ) SELECT id FROM marked`,
      [id, user.id],
    );
    if (!rows.length) throw new NotFoundException('No such notification in your inbox.');
  }

  @Post('admin/reminders/scan')
  @HttpCode(200)
  @Roles('admin')
  scan(@Body() body: ReminderScanRequest) {
    if (body.asOf && this.config.nodeEnv === 'production') {
      throw new BadRequestException(
        'asOf 仅用于测试环境：扫描会真实发送并消耗提醒。asOf is for test systems only: a scan really sends and uses up reminders.',
      );
    }
    return this.scanner.scan(body.asOf ? new Date(body.asOf) : new Date());
  }

  /**
   * Deliveries that failed, with why in words, for admins to act on. `failureKind` transient rows
   * are still retried (every DELIVERY_BACKOFF_MAX_MS); permanent ones never are.
   */
  @Get('admin/notifications/failed')
  @Roles('admin')
  failed() {
    return this.db.query(
      `SELECT n.id, n.kind, n.channel, n.attempts, n.last_error AS "lastError", n.failure_kind AS "failureKind",
              n.last_attempt_at AS "lastAttemptAt", n.created_at AS "createdAt",
              u.email AS "recipientEmail", e.name AS "webhookName", n.work_item_id AS "workItemId"
       FROM notifications n LEFT JOIN users u ON u.id = n.recipient_id
       LEFT JOIN webhook_endpoints e ON e.id = n.webhook_endpoint_id
       WHERE n.state = 'failed' ORDER BY n.created_at DESC LIMIT 500`,
    );
  }

  /**
   * Outbox figures: rows by state, transient vs permanent failures, and `possibleDuplicates` — sends
   * repeated after a worker died between the receiver's acceptance and the sent mark (at most one per
   * crash; each repeat carries the first copy's Message-ID / Idempotency-Key).
   */
  @Get('admin/deliveries/metrics')
  @Roles('admin')
  async deliveryMetrics() {
    const [row] = await this.db.query(
      `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending,
              count(*) FILTER (WHERE state = 'sending')::int AS sending,
              count(*) FILTER (WHERE state = 'sent')::int AS sent,
              count(*) FILTER (WHERE state = 'failed' AND failure_kind = 'transient')::int AS "failedTransient",
              count(*) FILTER (WHERE state = 'failed' AND failure_kind IS DISTINCT FROM 'transient')::int AS "failedPermanent",
              coalesce(sum(redeliveries), 0)::int AS "possibleDuplicates"
       FROM notifications WHERE channel <> 'in_app'`,
    );
    return row;
  }
}
