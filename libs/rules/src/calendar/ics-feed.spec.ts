import { buildIcsFeed, type IcsFeedItem } from './ics-feed';

const now = new Date('2026-03-01T02:03:04.567Z');
const item: IcsFeedItem = {
  uid: '6f1c2a9e-0000-4000-8000-000000000001',
  title: '(十二)畅通陆海运输大通道 — 广西壮族自治区',
  description: '牵头：广西壮族自治区, 国家发展改革委; 进度 40%\n下一步：完成可研',
  deadline: '2026-12-31',
  url: 'https://xietong.example.cn/work-items/6f1c2a9e?tab=updates&x=1,2',
  status: 'in_progress',
};

/** Undoes line folding (RFC 5545 §3.1) so assertions can read whole properties. */
function unfold(feed: string): string[] {
  return feed.replace(/\r\n /g, '').split('\r\n');
}

describe('buildIcsFeed', () => {
  const feed = buildIcsFeed({ calendarName: '我的截止日期 · 协同', items: [item], now });
  const lines = unfold(feed);

  it('writes a calendar with CRLF line endings, named for subscribing clients', () => {
    expect(feed.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(feed.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Xietong//Deadlines//ZH-CN',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:我的截止日期 · 协同',
    ]);
  });

  it('makes each deadline an all-day event ending the next day, across the year end', () => {
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTSTAMP:20260301T020304Z');
  });

  it('gives the same item the same UID in every feed', () => {
    const again = unfold(
      buildIcsFeed({ calendarName: 'x', items: [{ ...item, title: '改名' }], now: new Date() }),
    );
    expect(lines).toContain('UID:6f1c2a9e-0000-4000-8000-000000000001@xietong');
    expect(again).toContain('UID:6f1c2a9e-0000-4000-8000-000000000001@xietong');
  });

  it('escapes commas, semicolons, backslashes and newlines in text, not in the URL', () => {
    expect(lines).toContain(
      'DESCRIPTION:牵头：广西壮族自治区\\, 国家发展改革委\\; 进度 40%\\n下一步：完成可研',
    );
    expect(lines).toContain('URL:https://xietong.example.cn/work-items/6f1c2a9e?tab=updates&x=1,2');
    const tricky = unfold(
      buildIcsFeed({ calendarName: 'a\\b', items: [{ ...item, title: 'x;y\r\nz' }], now }),
    );
    expect(tricky).toContain('X-WR-CALNAME:a\\\\b');
    expect(tricky).toContain('SUMMARY:x\\;y\\nz');
  });

  it('folds lines at 75 octets without splitting a Chinese character', () => {
    const long = { ...item, description: '推进北部湾港口群协同发展，'.repeat(12) };
    const folded = buildIcsFeed({ calendarName: '协同', items: [long], now }).split('\r\n');
    const continuations = folded.filter((line) => line.startsWith(' '));
    expect(continuations.length).toBeGreaterThan(5);
    for (const line of folded) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
      expect(line).not.toContain('\uFFFD');
    }
    // Octet-exact folding leaves no room for another 3-octet character on a folded line.
    const descriptionStart = folded.findIndex((line) => line.startsWith('DESCRIPTION:'));
    expect(Buffer.byteLength(folded[descriptionStart], 'utf8')).toBeGreaterThan(72);
    expect(unfold(folded.join('\r\n'))).toContain(`DESCRIPTION:${long.description}`);
  });

  it('sets an alarm the morning before the deadline for open items only', () => {
    expect(lines.slice(lines.indexOf('BEGIN:VALARM'), lines.indexOf('END:VALARM') + 1)).toEqual([
      'BEGIN:VALARM',
      'ACTION:DISPLAY',
      `DESCRIPTION:明天截止：${item.title}`,
      'TRIGGER;RELATED=START:-PT15H',
      'END:VALARM',
    ]);
    const closed = unfold(
      buildIcsFeed({
        calendarName: '协同',
        items: [
          { ...item, uid: 'a', status: 'done' },
          { ...item, uid: 'b', status: 'cancelled' },
        ],
        now,
      }),
    );
    expect(closed).not.toContain('BEGIN:VALARM');
    expect(closed).toContain(`SUMMARY:【已完成】${item.title}`);
    expect(closed.filter((line) => line.startsWith('STATUS:'))).toEqual([
      'STATUS:CONFIRMED',
      'STATUS:CANCELLED',
    ]);
  });

  it('writes one event per item and an empty calendar for none', () => {
    const two = unfold(buildIcsFeed({ calendarName: '协同', items: [item, { ...item, uid: 'b' }], now }));
    expect(two.filter((line) => line === 'BEGIN:VEVENT')).toHaveLength(2);
    const empty = unfold(buildIcsFeed({ calendarName: '协同', items: [], now }));
    expect(empty).not.toContain('BEGIN:VEVENT');
    expect(empty.at(-2)).toBe('END:VCALENDAR');
  });

  it('refuses a deadline that is not a date', () => {
    expect(() =>
      buildIcsFeed({ calendarName: '协同', items: [{ ...item, deadline: '2026/12/31' }], now }),
    ).toThrow('YYYY-MM-DD');
  });
});
