import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { Notification } from '@xietong/domain';
import { explainDeliveryFailure } from '@xietong/notify';
import { DeliveryProducer } from '@xietong/queue';
import { AuditService } from '../audit/audit.service';
import { RequestActor } from '../audit/request-actor.decorator';
import { NotificationListQuery } from './dto/notification-list-query.dto';

const STATE_NAMES: Record<string, string> = { pending: '待发送', sending: '发送中', sent: '已发送' };

/** The in-app bell and the admins' list of deliveries that gave up. */
@Injectable()
export class NotificationsService {
  private readonly notifications: Repository<Notification>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    private readonly deliveries: DeliveryProducer,
  ) {
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

  /** Every in-app notification the person can see now (due, not in quiet hours) becomes read. */
  async markAllRead(userId: string): Promise<{ marked: number }> {
    const [, marked] = await this.db.query(
      `UPDATE notifications SET read_at = now()
       WHERE recipient_id = $1 AND channel = 'in_app' AND read_at IS NULL AND send_after <= now()`,
      [userId],
    );
    return { marked };
  }

  /**
   * Deliveries that failed, with why in words, for admins to act on. `failureKind` transient rows
   * are still retried (every DELIVERY_BACKOFF_MAX_MS); permanent ones never are.
   */
  async failed() {
    const rows: { lastError: string | null }[] = await this.db.query(
      `SELECT n.id, n.kind, n.channel, n.attempts, n.last_error AS "lastError", n.failure_kind AS "failureKind",
              n.last_attempt_at AS "lastAttemptAt", n.created_at AS "createdAt",
              u.email AS "recipientEmail", u.display_name AS "recipientName", e.name AS "webhookName",
              n.work_item_id AS "workItemId"
       FROM notifications n LEFT JOIN users u ON u.id = n.recipient_id
       LEFT JOIN webhook_endpoints e ON e.id = n.webhook_endpoint_id
       WHERE n.state = 'failed' ORDER BY n.created_at DESC LIMIT 500`,
    );
    // `lastError` stays as stored (the server's own words, for whoever fixes the address or robot).
    return rows.map((row) => {
      const { reason, text } = explainDeliveryFailure(row.lastError);
      return { ...row, reason, reasonText: text };
    });
  }

  /**
   * An administrator fixed the address or the robot and sends a failed delivery again now: the row
   * (and, for a digest, every row that mail carried) goes back to pending with a fresh retry
   * window, and its job is added again. Only failed rows: a pending or sent one has nothing to retry.
   */
  async retry(actor: RequestActor, id: string) {
    const ids = await this.db.transaction(async (manager) => {
      const [row] = await manager.query(
        `SELECT id, state, batch_id AS "batchId", last_error AS "lastError", failure_kind AS "failureKind"
         FROM notifications WHERE id = $1 AND channel <> 'in_app' FOR UPDATE`,
        [id],
      );
      if (!row) throw new NotFoundException('没有这条发送记录。No such delivery.');
      if (row.state !== 'failed') {
        throw new ConflictException(
          `这条通知现在是“${STATE_NAMES[row.state as string] ?? row.state}”，不是发送失败，无需重试。` +
            `This delivery is ${row.state}, not failed: there is nothing to retry.`,
        );
      }
      // An UPDATE answers [rows, count].
      const [retried]: [{ id: string }[], number] = await manager.query(
        `UPDATE notifications SET state = 'pending', failure_kind = NULL, first_failed_at = NULL
         WHERE state = 'failed' AND (id = $1 OR (batch_id IS NOT NULL AND batch_id = $2))
         RETURNING id`,
        [id, row.batchId],
      );
      await this.audit.record(manager, actor, {
        action: 'notification.retried',
        entityType: 'notification',
        entityId: id,
        before: { state: row.state, failureKind: row.failureKind, lastError: row.lastError },
        after: { state: 'pending', rows: retried.length },
      });
      return retried.map((retriedRow) => retriedRow.id);
    });
    // After the commit, so the job finds the row pending.
    await this.deliveries.reenqueue(ids);
    return { id, state: 'pending' as const, retried: ids.length };
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
