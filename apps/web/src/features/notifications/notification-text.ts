import { Notification } from '../../api/types';

/** One line about what a notification concerns: the task and item, and the update's author and text. */
export function describeNotification(notification: Notification): string {
  const { itemTitle, taskCode, planTitle, updateText, authorName } = notification.payload as Record<
    string,
    string | undefined
  >;
  const subject = [taskCode, itemTitle ?? planTitle].filter(Boolean).join(' ');
  const extra = updateText ? `${authorName ?? ''}：${updateText}` : '';
  return [subject, extra].filter(Boolean).join(' — ');
}

/**
 * Where a notification leads inside the app: its work item, else the path of its own link (a
 * report), else nowhere. Links of another origin are never followed from here.
 */
export function notificationPath(notification: Notification, origin = window.location.origin): string | null {
  if (notification.workItemId) return `/work-items/${notification.workItemId}`;
  const link = notification.payload.link;
  if (typeof link !== 'string') return null;
  try {
    const url = new URL(link, origin);
    return url.origin === origin ? `${url.pathname}${url.search}` : null;
  } catch {
    return null;
  }
}
