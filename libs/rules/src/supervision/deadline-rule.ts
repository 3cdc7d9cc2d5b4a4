import { daysBetween } from '../work-items/traffic-light';

/** Where a later deadline must go once the first one is confirmed; named in every refusal. */
export const EXTENSION_ROUTE = 'POST /api/work-items/:id/extensions';

export interface DeadlineSubject {
  /** YYYY-MM-DD, the deadline in force. */
  deadline: string;
  /** When the coordinator (or a manager) fixed the first deadline; null while it is the plan's default. */
  deadlineConfirmedAt: Date | string | null;
  /** An escalated item (督办) is judged against its deadline already, so that deadline counts as confirmed. */
  escalatedAt: Date | string | null;
}

export type DeadlineRefusal =
  /** The deadline is confirmed: only an approved extension moves it (HTTP 409). */
  | { kind: 'confirmed'; reason: string }
  /** A date already past, sent without saying so on purpose (HTTP 400). */
  | { kind: 'past_unconfirmed'; reason: string };

export function isDeadlineConfirmed(item: DeadlineSubject): boolean {
  return item.deadlineConfirmedAt !== null || item.escalatedAt !== null;
}

/**
 * The one deadline rule. Setting a deadline directly (PATCH, bulk assignment) is allowed only
 * while the item's first deadline is not confirmed; after that a later date is an extension
 * request and an earlier one a new plan decision, so both are refused here and nowhere else.
 * A past date is refused unless the caller confirms it, because it makes the item overdue at once.
 */
export function directDeadlineRefusal(
  item: DeadlineSubject,
  requested: { deadline: string; today: string; confirmPastDeadline?: boolean },
): DeadlineRefusal | null {
  if (isDeadlineConfirmed(item)) {
    const why = item.deadlineConfirmedAt === null ? '事项已督办，截止日期' : '截止日期';
    return {
      kind: 'confirmed',
      reason: `${why} ${item.deadline} 已确定，不能直接修改；如需延期，请提交延期申请（${EXTENSION_ROUTE}，写明理由、目前进度和拟延至日期），由规划负责人审批。The deadline is confirmed: request an extension via ${EXTENSION_ROUTE}.`,
    };
  }
  return pastDateRefusal(requested.deadline, requested.today, requested.confirmPastDeadline);
}

/** A requested extension must lie after the deadline in force; a past date needs the same confirmation. */
export function extensionRequestRefusal(
  item: { deadline: string },
  requested: { requestedDeadline: string; today: string; confirmPastDeadline?: boolean },
): string | null {
  if (daysBetween(item.deadline, requested.requestedDeadline) <= 0) {
    return `申请的截止日期须晚于现在的截止日期 ${item.deadline}。The requested deadline must be after ${item.deadline}.`;
  }
  return pastDateRefusal(requested.requestedDeadline, requested.today, requested.confirmPastDeadline)?.reason ?? null;
}

function pastDateRefusal(
  date: string,
  today: string,
  confirmed: boolean | undefined,
): DeadlineRefusal | null {
  if (confirmed || daysBetween(today, date) >= 0) return null;
  return {
    kind: 'past_unconfirmed',
    reason: `截止日期 ${date} 早于今天（${today}），保存后事项立即逾期；如确需如此，请同时提交 confirmPastDeadline: true。The deadline ${date} is in the past: send confirmPastDeadline: true to save it anyway.`,
  };
}
