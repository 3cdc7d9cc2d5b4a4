import { nextWorkItemState, RequestedWorkItemChange, WorkItemState } from './work-item-transitions';

const coordinator = (change: Partial<RequestedWorkItemChange>): RequestedWorkItemChange => ({
  withFinalUpdate: false,
  actorRole: 'coordinator',
  ...change,
});

describe(nextWorkItemState.name, () => {
  const notStarted: WorkItemState = { status: 'not_started', progress: 0 };
  const inProgress: WorkItemState = { status: 'in_progress', progress: 60 };
  const done: WorkItemState = { status: 'done', progress: 100 };
  const cancelled: WorkItemState = { status: 'cancelled', progress: 30 };

  it('starts an item when progress is first reported', () => {
    expect(nextWorkItemState(notStarted, coordinator({ progress: 10 }))).toEqual({
      allowed: true,
      next: { status: 'in_progress', progress: 10, reviewState: null },
    });
  });

  it('keeps an untouched item not started when progress stays 0', () => {
    expect(nextWorkItemState(notStarted, coordinator({ progress: 0 }))).toEqual({
      allowed: true,
      next: { ...notStarted, reviewState: null },
    });
  });

  it('finishes with progress 100 and a final update with evidence, then waits for review', () => {
    const outcome = nextWorkItemState(
      inProgress,
      coordinator({ status: 'done', progress: 100, withFinalUpdate: true, withEvidence: true }),
    );
    expect(outcome).toEqual({ allowed: true, next: { status: 'done', progress: 100, reviewState: 'pending' } });
  });

  it('refuses to finish a top-level item without evidence; a milestone needs none and no review', () => {
    const final = coordinator({ status: 'done', progress: 100, withFinalUpdate: true });
    expect(nextWorkItemState(inProgress, final)).toEqual({
      allowed: false,
      reason: expect.stringContaining('佐证材料'),
    });
    expect(nextWorkItemState({ ...inProgress, parentId: 'parent' }, final)).toEqual({
      allowed: true,
      next: { status: 'done', progress: 100, reviewState: null },
    });
  });

  it('freezes an item waiting for review or accepted, except for an admin', () => {
    const pending: WorkItemState = { ...done, reviewState: 'pending' };
    const accepted: WorkItemState = { ...done, reviewState: 'accepted' };
    expect(nextWorkItemState(pending, coordinator({ status: 'in_progress' }))).toEqual({
      allowed: false,
      reason: expect.stringContaining('待审核'),
    });
    expect(nextWorkItemState(accepted, coordinator({ status: 'in_progress' }))).toEqual({
      allowed: false,
      reason: expect.stringContaining('已销号'),
    });
    expect(nextWorkItemState(pending, coordinator({ progress: 100 }))).toEqual({
      allowed: true,
      next: { status: 'done', progress: 100, reviewState: 'pending' },
    });
    expect(
      nextWorkItemState(accepted, { status: 'in_progress', withFinalUpdate: false, actorRole: 'admin' }),
    ).toEqual({ allowed: true, next: { status: 'in_progress', progress: 100, reviewState: null } });
  });

  it('refuses to finish below 100 and names the progress', () => {
    const outcome = nextWorkItemState(inProgress, coordinator({ status: 'done', withFinalUpdate: true }));
    expect(outcome).toEqual({ allowed: false, reason: expect.stringContaining('现为 60%') });
  });

  it('refuses to finish without a final update and says how to post one', () => {
    const outcome = nextWorkItemState(inProgress, coordinator({ status: 'done', progress: 100 }));
    expect(outcome).toEqual({
      allowed: false,
      reason: expect.stringContaining('POST /api/work-items/:id/updates'),
    });
  });

  it.each([
    ['in_progress', 'not_started'],
    ['blocked', 'not_started'],
    ['done', 'blocked'],
    ['done', 'cancelled'],
    ['cancelled', 'done'],
  ] as const)('refuses %s → %s and lists what is allowed', (from, to) => {
    const outcome = nextWorkItemState(
      { status: from, progress: 100 },
      coordinator({ status: to, withFinalUpdate: true }),
    );
    expect(outcome).toEqual({ allowed: false, reason: expect.stringMatching(/只能改为/) });
  });

  it.each(['liaison', 'manager', 'viewer'] as const)(
    'leaves reopening to coordinators, not a %s',
    (actorRole) => {
      expect(nextWorkItemState(done, { status: 'in_progress', withFinalUpdate: false, actorRole })).toEqual({
        allowed: false,
        reason: expect.stringContaining('须由协调员操作'),
      });
      expect(
        nextWorkItemState(cancelled, { status: 'not_started', withFinalUpdate: false, actorRole }).allowed,
      ).toBe(false);
    },
  );

  it.each(['coordinator', 'admin'] as const)('lets a %s reopen a done or cancelled item', (actorRole) => {
    expect(nextWorkItemState(done, { status: 'in_progress', withFinalUpdate: false, actorRole })).toEqual({
      allowed: true,
      next: { status: 'in_progress', progress: 100, reviewState: null },
    });
    expect(
      nextWorkItemState(cancelled, { status: 'in_progress', withFinalUpdate: false, actorRole }).allowed,
    ).toBe(true);
  });

  it('keeps a done item at 100 and a cancelled item frozen', () => {
    expect(nextWorkItemState(done, coordinator({ progress: 90 })).allowed).toBe(false);
    expect(nextWorkItemState(done, coordinator({ progress: 100 })).allowed).toBe(true);
    expect(nextWorkItemState(cancelled, coordinator({ progress: 40 })).allowed).toBe(false);
  });

  it('lets blocked work resume and open work be cancelled', () => {
    expect(
      nextWorkItemState({ status: 'blocked', progress: 20 }, coordinator({ status: 'in_progress' })).allowed,
    ).toBe(true);
    expect(nextWorkItemState(inProgress, coordinator({ status: 'cancelled' }))).toEqual({
      allowed: true,
      next: { status: 'cancelled', progress: 60, reviewState: null },
    });
  });
});
