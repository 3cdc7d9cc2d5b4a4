import { directDeadlineRefusal, EXTENSION_ROUTE, extensionRequestRefusal, isDeadlineConfirmed } from './deadline-rule';

const unconfirmed = { deadline: '2026-12-31', deadlineConfirmedAt: null, escalatedAt: null };
const today = '2026-06-01';

describe(directDeadlineRefusal.name, () => {
  it('lets the first deadline be set while it is the plan default', () => {
    expect(directDeadlineRefusal(unconfirmed, { deadline: '2027-03-31', today })).toBeNull();
    expect(directDeadlineRefusal(unconfirmed, { deadline: '2026-06-01', today })).toBeNull();
  });

  it('refuses any direct change of a confirmed deadline, naming the extension route', () => {
    const confirmed = { ...unconfirmed, deadlineConfirmedAt: new Date('2026-05-01') };
    for (const deadline of ['2027-03-31', '2026-09-30']) {
      const refusal = directDeadlineRefusal(confirmed, { deadline, today });
      expect(refusal).toEqual({ kind: 'confirmed', reason: expect.stringContaining(EXTENSION_ROUTE) });
    }
  });

  it('treats an escalated item’s deadline as confirmed even if nobody confirmed it', () => {
    const escalated = { ...unconfirmed, escalatedAt: '2026-05-20T00:00:00Z' };
    expect(isDeadlineConfirmed(escalated)).toBe(true);
    expect(directDeadlineRefusal(escalated, { deadline: '2027-01-31', today })).toMatchObject({
      kind: 'confirmed',
      reason: expect.stringMatching(/已督办/),
    });
  });

  it('asks for an explicit confirmation of a past date', () => {
    expect(directDeadlineRefusal(unconfirmed, { deadline: '2026-05-31', today })).toMatchObject({
      kind: 'past_unconfirmed',
      reason: expect.stringContaining('confirmPastDeadline'),
    });
    expect(
      directDeadlineRefusal(unconfirmed, { deadline: '2026-05-31', today, confirmPastDeadline: true }),
    ).toBeNull();
  });
});

describe(extensionRequestRefusal.name, () => {
  it('wants a date after the deadline in force', () => {
    expect(extensionRequestRefusal({ deadline: '2026-12-31' }, { requestedDeadline: '2026-12-31', today })).toMatch(
      /须晚于/,
    );
    expect(extensionRequestRefusal({ deadline: '2026-12-31' }, { requestedDeadline: '2027-01-01', today })).toBeNull();
  });

  it('asks an overdue item’s requester to confirm a date that is still past', () => {
    const overdue = { deadline: '2026-03-31' };
    expect(extensionRequestRefusal(overdue, { requestedDeadline: '2026-04-30', today })).toMatch(/confirmPastDeadline/);
    expect(
      extensionRequestRefusal(overdue, { requestedDeadline: '2026-04-30', today, confirmPastDeadline: true }),
    ).toBeNull();
  });
});
