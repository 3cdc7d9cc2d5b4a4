import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import {
  EmailAttachment,
  EmailChannel,
  Locale,
  NotificationDeliveryError,
  notificationMessageId,
  NotificationPayloads,
  RenderableKind,
  RenderedNotification,
  renderNotification,
  WebhookChannel,
} from '@xietong/notify';
import { type WebhookFormat } from '@xietong/domain';
import { localDate } from '@xietong/rules';
import { AcceptGate } from './accept-gate';
import { cappedBackoffMs } from '@xietong/queue';
import { REPORT_FILE_CONTENT_SQL } from '@xietong/reports';

interface ClaimedNotification {
  id: string;
  state: 'pending' | 'sending' | 'failed';
  attempts: number;
  batch_id: string | null;
  first_failed_at: Date | null;
  recipient_id: string | null;
  recipient_name: string | null;
  time_zone: string | null;
  channel: 'email' | 'webhook';
  kind: RenderableKind;
  payload: Record<string, unknown> & {
    locale?: string;
    digest?: boolean;
    attachments?: { reportFileId: string }[];
  };
  send_after: Date;
  email: string | null;
  url: string | null;
  format: WebhookFormat | null;
  secret: string | null;
}

export type DeliveryOutcome =
  | { outcome: 'sent' }
  /** Already sent or given up on. */
  | { outcome: 'skipped' }
  /** Quiet hours or a digest: not before this time. */
  | { outcome: 'deferred'; until: Date }
  /** A transient failure within the retry window: tried again at `until` (capped exponential backoff). */
  | { outcome: 'retry'; reason: string; until: Date }
  /** Permanent, or transient for longer than the retry window (the sweeper still retries those). */
  | { outcome: 'failed'; reason: string };

interface Claim {
  row: ClaimedNotification;
  /** The rows one message carries: one, or a digest's. */
  batch: ClaimedNotification[];
  /** Names the message (Message-ID, Idempotency-Key) the same way on every attempt. */
  messageKey: string;
}

const CLAIMABLE = `(n.state IN ('pending', 'sending') OR (n.state = 'failed' AND n.failure_kind = 'transient'))`;

/**
 * Sends one outbox row: marks it `sending` (committed) before the receiver can accept, `sent`
 * after. A crash in between leaves it `sending`; the stalled job or the sweeper then sends it
 * again under the same Message-ID / Idempotency-Key, so the receiver can drop the repeat, and the
 * row counts the redelivery. A session advisory lock, held across the send and released by
 * Postgres if this process dies, keeps a second worker (a stalled job run twice) from sending it
 * at the same time.
 */
@Injectable()
export class NotificationDeliverer {
  private readonly email: EmailChannel;
  private readonly webhook: WebhookChannel;
  private readonly gate = new AcceptGate();
  private readonly publicUrl: string;
  private readonly mailFrom: string;
  private readonly retryWindowSeconds: number;
  private readonly backoff: { firstMs: number; maxMs: number };
  private readonly retryEveryMinutes: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.email = new EmailChannel({ smtpUrl: config.smtpUrl, from: config.mailFrom });
    this.webhook = new WebhookChannel({ addressPolicy: { allowedHosts: config.webhookAllowedHosts } });
    this.publicUrl = config.publicUrl;
    this.mailFrom = config.mailFrom;
    this.retryWindowSeconds = config.deliveryRetryWindowSeconds;
    this.backoff = { firstMs: config.deliveryBackoffMs, maxMs: config.deliveryBackoffMaxMs };
    this.retryEveryMinutes = Math.max(1, Math.round(config.deliveryBackoffMaxMs / 60_000));
  }

  async deliver(notificationId: string, now = new Date()): Promise<DeliveryOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let lockKey: string | null = null;
    try {
      // Digest rows of one recipient take turns: the first gathers every due row, the others then find theirs sent.
      const [target]: { key: string }[] = await runner.query(
        `SELECT CASE WHEN channel = 'email' AND payload ? 'digest' THEN 'digest:' || recipient_id::text
                     ELSE 'delivery:' || id::text END AS key
         FROM notifications WHERE id = $1`,
        [notificationId],
      );
      if (!target) return { outcome: 'skipped' };
      lockKey = target.key;
      await runner.query(`SELECT pg_advisory_lock(hashtextextended($1, 0))`, [lockKey]);
      const claim = await this.claim(runner, notificationId, now);
      if ('outcome' in claim) return claim;
      return await this.sendClaimed(runner, claim, now);
    } finally {
      if (lockKey) {
        await runner
          .query(`SELECT pg_advisory_unlock(hashtextextended($1, 0))`, [lockKey])
          .catch(() => undefined);
      }
      await runner.release();
    }
  }

  /** Marks the message's rows `sending` and commits, before any byte reaches the receiver. */
  private async claim(
    runner: QueryRunner,
    notificationId: string,
    now: Date,
  ): Promise<Claim | DeliveryOutcome> {
    await runner.startTransaction();
    try {
      const [row]: ClaimedNotification[] = await runner.query(
        `SELECT n.id, n.state, n.attempts, n.batch_id, n.first_failed_at, n.recipient_id, n.channel, n.kind, n.payload,
                n.send_after, u.email, u.display_name AS recipient_name, u.time_zone, e.url, e.format, e.secret
         FROM notifications n
         LEFT JOIN users u ON u.id = n.recipient_id
         LEFT JOIN webhook_endpoints e ON e.id = n.webhook_endpoint_id
         WHERE n.id = $1 AND ${CLAIMABLE}
         FOR UPDATE OF n`,
        [notificationId],
      );
      if (!row) {
        await runner.commitTransaction();
        return { outcome: 'skipped' };
      }
      if (row.state === 'pending' && new Date(row.send_after).getTime() > now.getTime() + 1000) {
        await runner.commitTransaction();
        return { outcome: 'deferred', until: new Date(row.send_after) };
      }
      const digest = row.channel === 'email' && Boolean(row.payload.digest);
      const messageKey = row.batch_id ?? row.id;
      const batch = row.batch_id
        ? await this.batchRows(runner, row)
        : digest
          ? await this.dueDigestRows(runner, row)
          : [row];
      await runner.query(
        `UPDATE notifications SET state = 'sending', attempts = attempts + 1, last_attempt_at = $4,
           batch_id = $2, handed_over_at = NULL,
           redeliveries = redeliveries
             + CASE WHEN id = $3 AND state = 'sending' AND handed_over_at IS NOT NULL THEN 1 ELSE 0 END
         WHERE id = ANY($1::uuid[])`,
        [batch.map((claimed) => claimed.id), digest ? messageKey : null, row.id, now],
      );
      await runner.commitTransaction();
      return { row, batch, messageKey };
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    }
  }

  private async sendClaimed(runner: QueryRunner, claim: Claim, now: Date): Promise<DeliveryOutcome> {
    const ids = claim.batch.map((claimed) => claimed.id);
    let leave = () => {};
    try {
      await this.send(claim, runner, async () => {
        leave = await this.gate.enter();
        // From here the receiver may accept: a crash before the sent mark is a possible duplicate.
        await runner.query(`UPDATE notifications SET handed_over_at = now() WHERE id = ANY($1::uuid[])`, [
          ids,
        ]);
      });
    } catch (error) {
      leave();
      return this.recordFailure(runner, claim.row, ids, error, now);
    }
    // Accepted: until this commits, a crash leaves the row sending and it is sent once more.
    try {
      await runner.query(
        `UPDATE notifications SET state = 'sent', sent_at = now(), last_error = NULL, failure_kind = NULL
         WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    } finally {
      leave();
    }
    return { outcome: 'sent' };
  }

  /**
   * Transient failures go back to pending (the queue retries with a capped backoff) until they have
   * lasted the retry window; then the row says failed, and the sweeper keeps retrying it at the
   * capped interval. Permanent ones are failed at once and not retried. The row says which, in words.
   */
  private async recordFailure(
    runner: QueryRunner,
    row: ClaimedNotification,
    ids: string[],
    error: unknown,
    now: Date,
  ): Promise<DeliveryOutcome> {
    const permanent = error instanceof NotificationDeliveryError && error.permanent;
    const since = row.first_failed_at ? new Date(row.first_failed_at) : now;
    const expired = now.getTime() - since.getTime() >= this.retryWindowSeconds * 1000;
    const outcome: 'retry' | 'failed' = permanent || expired ? 'failed' : 'retry';
    const hours = Math.round((now.getTime() - since.getTime()) / 360_000) / 10;
    const status = permanent
      ? '不再重试。Not retried.'
      : expired
        ? `已持续失败 ${hours} 小时，系统仍每 ${this.retryEveryMinutes} 分钟重试一次。Failing for ${hours} h; still retried every ${this.retryEveryMinutes} min.`
        : '系统将自动重试。Will be retried.';
    const reason = `${errorText(error)} ${status}`;
    await runner.query(
      `UPDATE notifications SET state = $2, failure_kind = $3, last_error = $4, sent_at = NULL,
         first_failed_at = coalesce(first_failed_at, $5)
       WHERE id = ANY($1::uuid[])`,
      [ids, outcome === 'failed' ? 'failed' : 'pending', permanent ? 'permanent' : 'transient', reason, now],
    );
    if (outcome === 'failed') return { outcome, reason };
    const wait = cappedBackoffMs(row.attempts + 1, this.backoff.firstMs, this.backoff.maxMs);
    return { outcome, reason, until: new Date(now.getTime() + wait) };
  }

  /** A digest mail sent again carries the rows it carried the first time. */
  private async batchRows(runner: QueryRunner, row: ClaimedNotification): Promise<ClaimedNotification[]> {
    const others: ClaimedNotification[] = await runner.query(
      `SELECT id, kind, payload FROM notifications n
       WHERE batch_id = $1 AND id <> $2 AND ${CLAIMABLE} ORDER BY created_at FOR UPDATE`,
      [row.batch_id, row.id],
    );
    return [row, ...others];
  }

  private async dueDigestRows(runner: QueryRunner, row: ClaimedNotification): Promise<ClaimedNotification[]> {
    const others: ClaimedNotification[] = await runner.query(
      `SELECT id, kind, payload FROM notifications
       WHERE recipient_id = $1 AND id <> $2 AND channel = 'email' AND state = 'pending' AND payload ? 'digest'
         AND send_after <= now() + interval '1 second'
       ORDER BY created_at FOR UPDATE SKIP LOCKED`,
      [row.recipient_id, row.id],
    );
    return [row, ...others];
  }

  private render(row: ClaimedNotification, batch: ClaimedNotification[]): RenderedNotification {
    const locale: Locale = row.payload.locale === 'en' ? 'en' : 'zh-CN';
    if (!row.payload.digest) {
      return renderNotification(
        row.kind,
        row.payload as unknown as NotificationPayloads[typeof row.kind],
        locale,
      );
    }
    return renderNotification(
      'digest',
      {
        recipientName: row.recipient_name ?? '',
        date: localDate(new Date(), row.time_zone ?? 'Asia/Shanghai'),
        entries: batch.map((entry) => ({
          subject: this.render({ ...entry, payload: { ...entry.payload, digest: false } }, []).subject,
          link: String(entry.payload.link ?? this.publicUrl),
        })),
        link: this.publicUrl,
      },
      locale,
    );
  }

  private async send(
    { row, batch, messageKey }: Claim,
    runner: QueryRunner,
    beforeAccept: () => Promise<void>,
  ) {
    const rendered = this.render(row, batch);
    if (row.channel === 'email') {
      if (!row.email)
        throw new NotificationDeliveryError('email', 'The recipient has no email address.', {
          permanent: true,
        });
      await this.email.send(
        {
          to: row.email,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          attachments: await this.attachments(runner, row),
          headers: { 'X-Xietong-Notification-Id': messageKey },
          messageId: notificationMessageId(messageKey, this.mailFrom),
        },
        { beforeAccept },
      );
      return;
    }
    if (!row.url || !row.format) {
      throw new NotificationDeliveryError('webhook', 'The webhook endpoint was removed.', {
        permanent: true,
      });
    }
    await this.webhook.send(
      {
        idempotencyKey: row.id,
        url: row.url,
        secret: row.secret,
        format: row.format,
        message: {
          kind: row.kind,
          subject: rendered.subject,
          text: rendered.text,
          markdown: rendered.markdown,
          link: typeof row.payload.link === 'string' ? row.payload.link : undefined,
          data: { notificationId: row.id, ...row.payload },
        },
      },
      { beforeAccept },
    );
  }

  private async attachments(runner: QueryRunner, row: ClaimedNotification): Promise<EmailAttachment[]> {
    const ids = (row.payload.attachments ?? []).map((attachment) => attachment.reportFileId);
    if (!ids.length) return [];
    const files: { file_name: string; content_type: string; content: Buffer }[] = await runner.query(
      `SELECT f.file_name, f.content_type, ${REPORT_FILE_CONTENT_SQL} AS content
       FROM report_files f WHERE f.id = ANY($1::uuid[]) ORDER BY f.file_name`,
      [ids],
    );
    return files.map((file) => ({
      filename: file.file_name,
      content: file.content,
      contentType: file.content_type,
    }));
  }
}

function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 1000);
}
