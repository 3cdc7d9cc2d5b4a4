import { EntityManager } from 'typeorm';
import { NotificationDraft, WrittenNotification } from './notification-draft';

/**
 * Inserts drafts, skipping those whose dedupe key exists, and returns only the new rows. In-app
 * notifications need no delivery: the row is the notification, visible once `send_after` passes.
 */
export async function writeNotifications(
  manager: EntityManager,
  drafts: readonly NotificationDraft[],
): Promise<WrittenNotification[]> {
  if (!drafts.length) return [];
  const rows: { id: string; channel: WrittenNotification['channel']; send_after: Date }[] =
    await manager.query(
      `INSERT INTO notifications (recipient_id, webhook_endpoint_id, channel, kind, dedupe_key, work_item_id, payload,
                                send_after, state, sent_at)
     SELECT d.recipient_id, d.webhook_endpoint_id, d.channel, d.kind, d.dedupe_key, d.work_item_id, d.payload,
            d.send_after,
            CASE WHEN d.channel = 'in_app' THEN 'sent' ELSE 'pending' END,
            CASE WHEN d.channel = 'in_app' THEN d.send_after END
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::jsonb[], $8::timestamptz[])
       AS d(recipient_id, webhook_endpoint_id, channel, kind, dedupe_key, work_item_id, payload, send_after)
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id, channel, send_after`,
      [
        drafts.map((d) => d.recipientId),
        drafts.map((d) => d.webhookEndpointId),
        drafts.map((d) => d.channel),
        drafts.map((d) => d.kind),
        drafts.map((d) => d.dedupeKey),
        drafts.map((d) => d.workItemId),
        drafts.map((d) => JSON.stringify(d.payload)),
        drafts.map((d) => d.sendAfter.toISOString()),
      ],
    );
  return rows.map((row) => ({ id: row.id, channel: row.channel, sendAfter: new Date(row.send_after) }));
}
