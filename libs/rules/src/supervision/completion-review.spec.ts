import { reviewCompletion } from './completion-review';

describe(reviewCompletion.name, () => {
  it('accepts or sends back an item waiting for review', () => {
    const pending = { status: 'done', reviewState: 'pending' as const };
    expect(reviewCompletion(pending, 'accept')).toEqual({
      allowed: true,
      next: { status: 'done', reviewState: 'accepted' },
    });
    expect(reviewCompletion(pending, 'send_back')).toEqual({
      allowed: true,
      next: { status: 'in_progress', reviewState: null },
    });
  });

  it('has nothing to decide on an accepted or open item', () => {
    expect(reviewCompletion({ status: 'done', reviewState: 'accepted' }, 'send_back')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/已销号/),
    });
    expect(reviewCompletion({ status: 'in_progress', reviewState: null }, 'accept')).toMatchObject({
      allowed: false,
      reason: expect.stringMatching(/尚未标记为已完成/),
    });
  });
});
