import { deferForQuietHours } from './quiet-hours';

const night = { start: '22:00', end: '08:00' };

describe('deferForQuietHours', () => {
  it.each([
    ['2026-03-01T02:00:00Z', '10:00 Shanghai: outside', '2026-03-01T02:00:00.000Z'],
    ['2026-03-01T13:59:00Z', '21:59: just before', '2026-03-01T13:59:00.000Z'],
    ['2026-03-01T14:00:00Z', '22:00: quiet starts', '2026-03-02T00:00:00.000Z'],
    ['2026-03-01T15:30:00Z', '23:30: before midnight, to 08:00 tomorrow', '2026-03-02T00:00:00.000Z'],
    ['2026-03-01T16:00:00Z', '00:00: midnight', '2026-03-02T00:00:00.000Z'],
    ['2026-03-01T17:00:00Z', '01:00: after midnight, to 08:00 today', '2026-03-02T00:00:00.000Z'],
    ['2026-03-01T23:59:00Z', '07:59', '2026-03-02T00:00:00.000Z'],
    ['2026-03-02T00:00:00Z', '08:00: quiet has ended', '2026-03-02T00:00:00.000Z'],
    ['2026-12-31T15:00:00Z', '23:00 on New Year’s Eve, to 08:00 on 01-01', '2027-01-01T00:00:00.000Z'],
  ])('22:00–08:00 Asia/Shanghai, at %s (%s) → %s', (at, _why, expected) => {
    expect(deferForQuietHours(new Date(at), night, 'Asia/Shanghai').toISOString()).toBe(expected);
  });

  it('handles quiet hours within one day', () => {
    const lunch = { start: '12:00', end: '14:00' };
    expect(deferForQuietHours(new Date('2026-03-01T04:30:00Z'), lunch, 'Asia/Shanghai').toISOString()).toBe(
      '2026-03-01T06:00:00.000Z',
    );
    expect(deferForQuietHours(new Date('2026-03-01T06:00:00Z'), lunch, 'Asia/Shanghai').toISOString()).toBe(
      '2026-03-01T06:00:00.000Z',
    );
  });

  it('sends at once without quiet hours', () => {
    const at = new Date('2026-03-01T15:30:00Z');
    expect(deferForQuietHours(at, null, 'Asia/Shanghai')).toBe(at);
  });

  it('ends the quiet hours at 08:00 local even when the clocks change overnight', () => {
    // New York springs forward at 02:00 on 2026-03-08: 22:30 EST → 08:00 EDT.
    expect(
      deferForQuietHours(new Date('2026-03-08T03:30:00Z'), night, 'America/New_York').toISOString(),
    ).toBe('2026-03-08T12:00:00.000Z');
    expect(
      deferForQuietHours(new Date('2026-03-07T03:30:00Z'), night, 'America/New_York').toISOString(),
    ).toBe('2026-03-07T13:00:00.000Z');
  });
});
