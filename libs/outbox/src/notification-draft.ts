import type { DeliveryChannel, NotificationKind } from '@xietong/domain';

/** A notification about to be written to the outbox. */
export interface NotificationDraft {
  recipientId: string | null;
  webhookEndpointId: string | null;
  channel: DeliveryChannel;
  kind: NotificationKind;
  /** Unique per decision, recipient and channel: writing the same draft twice is harmless. */
  dedupeKey: string;
  workItemId: string | null;
  /** What the message renders from, plus `locale`. */
  payload: Record<string, unknown>;
  sendAfter: Date;
}

export interface WrittenNotification {
  id: string;
  channel: DeliveryChannel;
  sendAfter: Date;
}
