import { deferForQuietHours } from './quiet-hours';
import type { ReminderPolicy } from './reminder-policy';
import { dayCounting } from './working-days';
import { localDate } from './zoned-time';

export interface SilenceCandidate {
  id: string;
  status: string;
  /** The latest update, status change or assignment; the creation time when there is none. */
  lastActivityAt: Date;
}

export interface SilenceReminder {
  kind: 'silent';
  audience: 'owner';
  /** `silent:14`, then `silent:28` … while the silence lasts. */
  threshold: string;
  /** Changes with the last activity, so any update starts a new count. */
  dedupeKey: string;
  sendAfter: Date;
  /** Days (working days when the policy counts them) since the last activity. */
  daysSilent: number;
}

/**
 * Silence is a risk too: an item in progress that nobody has updated for `policy.silenceDays`
 * reminds its owner, and again every `silenceDays` while it stays silent.
 */
export function silenceReminder(
  item: SilenceCandidate,
  policy: ReminderPolicy,
  now: Date,
): SilenceReminder | null {
  if (item.status !== 'in_progress' || policy.silenceDays <= 0) return null;
  const lastActive = localDate(item.lastActivityAt, policy.timeZone);
  const daysSilent = dayCounting(policy.workingDays).between(lastActive, localDate(now, policy.timeZone));
  if (daysSilent < policy.silenceDays) return null;
  const threshold = `silent:${daysSilent - (daysSilent % policy.silenceDays)}`;
  return {
    kind: 'silent',
    audience: 'owner',
    threshold,
    dedupeKey: `silent:${item.id}:${threshold}:${lastActive}`,
    sendAfter: deferForQuietHours(now, policy.quietHours, policy.timeZone),
    daysSilent,
  };
}
