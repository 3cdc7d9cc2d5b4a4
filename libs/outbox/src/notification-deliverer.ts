import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, QueryRunner } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@xietong/config';
import {
  EmailAttachment,
  EmailChannel,
  Locale,
  NotificationDeliveryError,
  NotificationPayloads,
  RenderableKind,
  RenderedNotification,
  renderNotification,
  WebhookChannel,
} from '@xietong/notify';
import { type WebhookFormat } from '@xietong/domain';
import { localDate } from '@xietong/rules';

interface ClaimedNotification {
  id: string;
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
  /** Already sent, or another worker holds it right now. */
  | { outcome: 'skipped' }
  /** Quiet hours or a digest: not before this time. */
  | { outcome: 'deferred'; until: Date };

/**
 * Sends one outbox row. The row is locked while sending and marked sent just before the receiver
 * accepts (see `SendOptions.beforeAccept`), so a second worker, a stalled job run twice or a
 * re-enqueued row never sends it again.
 */
@Injectable()
export class NotificationDeliverer {
  private readonly email: EmailChannel;
  private readonly webhook = new WebhookChannel();
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.email = new EmailChannel({ smtpUrl: config.smtpUrl, from: config.mailFrom });
    this.publicUrl = config.publicUrl;
  }

  async deliver(notificationId: string, isLastAttempt: boolean, now = new Date()): Promise<DeliveryOutcome> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    let committed = false;
    try {
      await runner.startTransaction();
      // Digest rows of one recipient are sent together: their deliveries take turns, so the first
      // one gathers every due row and the others then find theirs already sent.
      await runner.query(
        `SELECT pg_advisory_xact_lock(hashtextextended('digest:' || recipient_id::text, 0))
         FROM notifications WHERE id = $1 AND channel = 'email' AND payload ? 'digest'`,
        [notificationId],
      );
      const [row]: ClaimedNotification[] = await runner.query(
        `SELECT n.id, n.recipient_id, n.channel, n.kind, n.payload, n.send_after, u.email,
                u.display_name AS recipient_name, u.time_zone, e.url, e.format, e.secret
         FROM notifications n
         LEFT JOIN users u ON u.id = n.recipient_id
         LEFT JOIN webhook_endpoints e ON e.id = n.webhook_endpoint_id
         WHERE n.id = $1 AND n.state = 'pending'
         FOR UPDATE OF n SKIP LOCKED`,
        [notificationId],
      );
      if (!row) return { outcome: 'skipped' };
      if (new Date(row.send_after).getTime() > now.getTime() + 1000) {
        return { outcome: 'deferred', until: new Date(row.send_after) };
      }
      // A digest mail carries every digest row of the recipient that is due; all are marked together.
      const batch =
        row.channel === 'email' && row.payload.digest ? await this.dueDigestRows(runner, row) : [row];
      const markSent = async () => {
        await runner.query(
          `UPDATE notifications SET state = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL
           WHERE id = ANY($1::uuid[])`,
          [batch.map((claimed) => claimed.id)],
        );
        await runner.commitTransaction();
        committed = true;
      };
      try {
        await this.send(row, batch, runner, markSent);
        return { outcome: 'sent' };
      } catch (error) {
        const failed = isLastAttempt || (error instanceof NotificationDeliveryError && error.permanent);
        // Before the mark, the failure is counted on the locked rows. After it (the receiver refused at
        // the very end), the row goes back to pending so that the retry sends it.
        await (committed ? this.dataSource : runner).query(
          `UPDATE notifications SET state = $2, last_error = $3, sent_at = NULL,
             attempts = attempts + CASE WHEN $4 THEN 0 ELSE 1 END
           WHERE id = ANY($1::uuid[])`,
          [batch.map((claimed) => claimed.id), failed ? 'failed' : 'pending', errorText(error), committed],
        );
        if (!committed) {
          await runner.commitTransaction();
          committed = true;
        }
        throw error;
      }
    } finally {
      if (!committed && runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
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
    row: ClaimedNotification,
    batch: ClaimedNotification[],
    runner: QueryRunner,
    beforeAccept: () => Promise<void>,
  ): Promise<void> {
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
          headers: { 'X-Xietong-Notification-Id': row.id },
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
      `SELECT file_name, content_type, content FROM report_files WHERE id = ANY($1::uuid[]) ORDER BY file_name`,
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
