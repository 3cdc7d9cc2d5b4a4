import { NotificationKind } from '@xietong/domain';
import { nextDigestTime } from '@xietong/rules';
import { NotificationDraft } from './notification-draft';
import { RecipientDirectory } from './recipient-directory';

export interface UserNotification {
  kind: NotificationKind;
  /** Unique per decision; the recipient and channel are appended per row. */
  dedupeKey: string;
  workItemId: string | null;
  sendAfter: Date;
  /** Rendering input without the per-recipient fields (name, locale), which are added here. */
  payload: Record<string, unknown>;
}

/**
 * One draft per user and chosen channel (group robots are per organization, not per user). Mail
 * for people who asked for a daily digest waits for their next digest time and goes out with it.
 */
export function draftsForUsers(
  directory: RecipientDirectory,
  userIds: readonly string[],
  notification: UserNotification,
): NotificationDraft[] {
  return [...new Set(userIds)].flatMap((userId) => {
    const user = directory.user(userId);
    if (!user) return [];
    return user.channels
      .filter((channel) => channel !== 'webhook')
      .map((channel): NotificationDraft => {
        const digest = channel === 'email' && user.dailyDigest;
        return {
          recipientId: userId,
          webhookEndpointId: null,
          channel,
          kind: notification.kind,
          dedupeKey: `${notification.dedupeKey}:${userId}:${channel}`,
          workItemId: notification.workItemId,
          payload: {
            ...notification.payload,
            recipientName: user.name,
            locale: user.locale,
            ...(digest ? { digest: true } : {}),
          },
          sendAfter: digest ? nextDigestTime(notification.sendAfter, user.timeZone) : notification.sendAfter,
        };
      });
  });
}
