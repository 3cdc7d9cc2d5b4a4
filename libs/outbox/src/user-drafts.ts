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
  /** Whose action this notice is about: they are never told of it, on any channel. */
  actorId?: string | null;
  /**
   * The lead unit whose item this notice reports on (a progress update): people of the other lead
   * units of the task get its mail in their daily digest, unless they asked for each post.
   */
  coLeadOrganizationId?: string;
}

/**
 * One draft per user and chosen channel (group robots are per organization, not per user). Mail
 * for people who asked for a daily digest waits for their next digest time and goes out with it,
 * as does mail about another lead unit's progress for people who did not ask for each post. The
 * person who acted gets nothing.
 */
export function draftsForUsers(
  directory: RecipientDirectory,
  userIds: readonly string[],
  notification: UserNotification,
): NotificationDraft[] {
  return [...new Set(userIds)].flatMap((userId) => {
    const user = directory.user(userId);
    if (!user || userId === notification.actorId) return [];
    const coLead =
      notification.coLeadOrganizationId !== undefined &&
      user.actingOrganizationId !== notification.coLeadOrganizationId;
    const grouped = coLead && user.coLeadUpdates !== 'each';
    return user.channels
      .filter((channel) => channel !== 'webhook')
      .map((channel): NotificationDraft => {
        const digest = channel === 'email' && (user.dailyDigest || grouped);
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
