import { nextDigestTime } from './daily-digest';

describe(nextDigestTime.name, () => {
  it.each([
    ['2026-03-09T23:59:00Z', '2026-03-10T00:00:00.000Z'], // 07:59 in Shanghai: today at 08:00
    ['2026-03-10T00:00:00Z', '2026-03-10T00:00:00.000Z'], // exactly 08:00
    ['2026-03-10T02:00:00Z', '2026-03-11T00:00:00.000Z'], // 10:00: tomorrow
    ['2026-03-10T15:30:00Z', '2026-03-11T00:00:00.000Z'], // 23:30: tomorrow morning
  ])('from %s in Asia/Shanghai goes out at %s', (at, expected) => {
    expect(nextDigestTime(new Date(at), 'Asia/Shanghai').toISOString()).toBe(expected);
  });

  it('follows the user’s own zone', () => {
    expect(nextDigestTime(new Date('2026-03-10T02:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-03-10T07:00:00.000Z',
    );
  });
});
