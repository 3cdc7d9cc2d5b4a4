/** 待审核 → 销号: a top-level item marked done waits for the plan's reviewer. */
export const REVIEW_STATES = ['pending', 'accepted'] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  pending: '待审核',
  accepted: '已销号',
};

export type ReviewDecision = 'accept' | 'send_back';

export type ReviewOutcome =
  | { allowed: true; next: { status: 'done' | 'in_progress'; reviewState: ReviewState | null } }
  | { allowed: false; reason: string };

/**
 * Accepting closes the item for good (销号); sending back reopens it as in progress with the
 * progress it had, so the owner continues from there. Only an item waiting for review can be
 * decided: an accepted one stays closed, an open one has nothing to decide.
 */
export function reviewCompletion(
  current: { status: string; reviewState: ReviewState | null },
  decision: ReviewDecision,
): ReviewOutcome {
  if (current.status !== 'done' || current.reviewState !== 'pending') {
    const now = current.reviewState === 'accepted' ? '已销号' : '尚未标记为已完成';
    return {
      allowed: false,
      reason: `只有“待审核”的事项才能${decision === 'accept' ? '销号' : '退回'}；这个事项${now}。Only an item pending review can be ${decision === 'accept' ? 'accepted' : 'sent back'}.`,
    };
  }
  return decision === 'accept'
    ? { allowed: true, next: { status: 'done', reviewState: 'accepted' } }
    : { allowed: true, next: { status: 'in_progress', reviewState: null } };
}
