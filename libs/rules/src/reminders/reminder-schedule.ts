/**
 * Which deadline reminders an item is due now. Pure: the scan feeds it items, the plan's policy
 * and the time, and writes one outbox row per decision, recipient and channel.
 */
import { OPEN_WORK_ITEM_STATUSES } from '../work-items/work-item-status';
import { deferForQuietHours } from './quiet-hours';
import type { ReminderPolicy } from './reminder-policy';
import { dayCounting } from './working-days';
import { localDate } from './zoned-time';

export type DeadlineReminderKind = 'due_soon' | 'due_today' | 'overdue' | 'escalation';

/** `owner`: the item's owner, or its organization's coordinators when it has none. `escalation`: coordinators and the plan's managers. */
export type DeadlineAudience = 'owner' | 'escalation';

export interface DeadlineItem {
  id: string;
  /** YYYY-MM-DD in the plan's time zone. */
  deadline: string;
  status: string;
}

export interface DueReminder {
  kind: DeadlineReminderKind;
  audience: DeadlineAudience;
  /** `before:3`, `due`, `overdue:6` or `escalate:7`. */
  threshold: string;
  /**
   * Unique per item, kind, threshold and deadline: a postponed item is reminded again for its new
   * deadline. One decision may reach several recipients and channels, so the outbox key extends it.
   */
  dedupeKey: string;
  /** Not before this instant: now, or the end of the quiet hours now falls in. */
  sendAfter: Date;
  /** Days (working days when the policy counts them) from today to the deadline; negative once overdue. */
  daysToDeadline: number;
}

/**
 * The deadline reminders an item is due at `now`: at most one for its owner — only the most recent
 * threshold passed, so an item due tomorrow gets one reminder, not five — and at most one
 * escalation. Closed items get none.
 */
export function dueReminders(item: DeadlineItem, policy: ReminderPolicy, now: Date): DueReminder[] {
  if (!OPEN_WORK_ITEM_STATUSES.some((status) => status === item.status)) return [];
  const counting = dayCounting(policy.workingDays);
  const today = localDate(now, policy.timeZone);
  const isPast = today > item.deadline;
  const daysLeft = isPast ? 0 : counting.between(today, item.deadline);
  const daysOverdue = isPast ? counting.between(item.deadline, today) : 0;

  const thresholds: Array<Pick<DueReminder, 'kind' | 'audience' | 'threshold'>> = [];
  const ownerThreshold = latestOwnerThreshold(
    policy,
    isPast || today === item.deadline,
    daysLeft,
    daysOverdue,
  );
  if (ownerThreshold) thresholds.push({ ...ownerThreshold, audience: 'owner' });
  if (policy.escalateAfterDaysOverdue > 0 && isPast && daysOverdue >= policy.escalateAfterDaysOverdue) {
    thresholds.push({
      kind: 'escalation',
      audience: 'escalation',
      threshold: `escalate:${policy.escalateAfterDaysOverdue}`,
    });
  }

  const sendAfter = deferForQuietHours(now, policy.quietHours, policy.timeZone);
  return thresholds.map((decision) => ({
    ...decision,
    dedupeKey: `reminder:${item.id}:${decision.kind}:${decision.threshold}:${item.deadline}`,
    sendAfter,
    daysToDeadline: isPast ? -daysOverdue : daysLeft,
  }));
}

/**
 * Whether the reminder `dedupeKey` names was already due at `since` (and still is at `now`): a
 * receiver added at `since` — a new group robot — gets what becomes due after it exists, not the
 * backlog of reminders that were due before.
 */
export function alreadyDueAt(
  item: DeadlineItem,
  policy: ReminderPolicy,
  dedupeKey: string,
  since: Date,
  now: Date,
): boolean {
  if (since.getTime() > now.getTime()) return false;
  return dueReminders(item, policy, since).some((reminder) => reminder.dedupeKey === dedupeKey);
}

/** The owner's reminder alone: `dueReminders` without the escalation. */
export function dueReminder(item: DeadlineItem, policy: ReminderPolicy, now: Date): DueReminder | null {
  return dueReminders(item, policy, now).find((reminder) => reminder.audience === 'owner') ?? null;
}

/** Thresholds form a timeline (before:14 … before:1, due, overdue:3, overdue:6 …); this is the last one reached. */
function latestOwnerThreshold(
  policy: ReminderPolicy,
  dueDayReached: boolean,
  daysLeft: number,
  daysOverdue: number,
): Pick<DueReminder, 'kind' | 'threshold'> | null {
  const every = policy.overdueEveryDays;
  if (every > 0 && daysOverdue >= every) {
    return { kind: 'overdue', threshold: `overdue:${daysOverdue - (daysOverdue % every)}` };
  }
  if (dueDayReached && policy.onDueDate) return { kind: 'due_today', threshold: 'due' };
  const reached = policy.daysBefore.filter((days) => days >= daysLeft);
  return reached.length > 0 ? { kind: 'due_soon', threshold: `before:${Math.min(...reached)}` } : null;
}

export interface ReminderPeople {
  ownerId: string | null;
  coordinatorIds: string[];
  managerIds: string[];
}

/** User ids a decision goes to: the owner, else the organization's coordinators; escalations to coordinators and managers. */
export function reminderRecipients(audience: DeadlineAudience, people: ReminderPeople): string[] {
  if (audience === 'owner') return people.ownerId ? [people.ownerId] : [...new Set(people.coordinatorIds)];
  return [...new Set([...people.coordinatorIds, ...people.managerIds])];
}
