import { formatLocalDateTime } from './zoned-time';

describe(formatLocalDateTime.name, () => {
  it('shows the wall clock in Shanghai by default, to the minute', () => {
    expect(formatLocalDateTime('2026-03-03T16:05:59Z')).toBe('2026-03-04 00:05');
    expect(formatLocalDateTime(new Date('2026-12-31T23:59:00Z'))).toBe('2027-01-01 07:59');
    expect(formatLocalDateTime('2026-07-01T00:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 02:00');
  });
});
