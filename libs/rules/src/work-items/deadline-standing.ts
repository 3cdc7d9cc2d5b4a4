import { daysBetween } from './traffic-light';
import { WorkItemStatus } from './work-item-status';

/** How an item stands against its deadline in reports: 按期, 已延期 (approved new deadline), 逾期. */
export type DeadlineStanding = 'on_time' | 'extended' | 'overdue';

export interface DeadlineStandingInput {
  status: WorkItemStatus;
  /** YYYY-MM-DD, the deadline in force. */
  deadline: string;
  /** YYYY-MM-DD, the deadline first set. */
  originalDeadline: string;
  /** YYYY-MM-DD in the plan's time zone, when the item was marked done. */
  completedOn: string | null;
  /** YYYY-MM-DD in the plan's time zone. */
  today: string;
}

/**
 * Overdue wins: an extended item that still misses its new deadline is overdue. A done item is
 * judged by the day it was finished, a cancelled one never becomes overdue.
 */
export function deadlineStanding(input: DeadlineStandingInput): DeadlineStanding {
  const judgedOn = input.status === 'done' ? (input.completedOn ?? input.today) : input.today;
  const late = input.status !== 'cancelled' && daysBetween(input.deadline, judgedOn) > 0;
  if (late) return 'overdue';
  return daysBetween(input.originalDeadline, input.deadline) > 0 ? 'extended' : 'on_time';
}
