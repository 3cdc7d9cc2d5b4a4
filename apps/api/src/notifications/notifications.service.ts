import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { Notification } from '@xietong/domain';
import { NotificationListQuery } from './dto/notification-list-query.dto';

/** The in-app bell and the admins' list of deliveries that gave up. */
@Injectable()
export class NotificationsService {
  private readonly notifications: Repository<Notification>;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.notifications = db.getRepository(Notification);
  }

  /** Due in-app notifications (quiet hours respected), newest first, with the unread count for the badge. */
  async list(userId: string, query: NotificationListQuery) {
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
      [userId, query.unread ?? false, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return { items, total, unread, page: query.page, pageSize: query.pageSize };
  }

  /** Marking twice keeps the first time read; another person's notification is as unknown as a missing one. */
  async markRead(id: string, userId: string): Promise<void> {
    const mine = { id, recipientId: userId, channel: 'in_app' as const };
    if (!(await this.notifications.existsBy(mine)))
      throw new NotFoundException('通知不存在或不属于您。No such notification in your inbox.');
    await this.notifications.update({ ...mine, readAt: IsNull() }, { readAt: () => 'now()' });
  }

  /**
   * Deliveries that failed, with why in words, for admins to act on. `failureKind` transient rows
   * are still retried (every DELIVERY_BACKOFF_MAX_MS); permanent ones never are.
   */
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
