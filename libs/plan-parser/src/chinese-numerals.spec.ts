import { fiveYearPlanPeriod, parseChineseNumeral } from './chinese-numerals';

describe('parseChineseNumeral', () => {
  it.each([
    ['一', 1],
    ['十', 10],
    ['十一', 11],
    ['二十', 20],
    ['三十五', 35],
    ['九十九', 99],
    ['一百零二', 102],
    ['两百', 200],
  ])('%s → %d', (written, value) => {
    expect(parseChineseNumeral(written)).toBe(value);
  });

  it.each(['', '十十', '二二', '五十十', '百', 'abc', '一一一一一一一一一'])('refuses %p', (written) => {
    expect(parseChineseNumeral(written)).toBeUndefined();
  });
});

describe('fiveYearPlanPeriod', () => {
  it('maps the five-year plans to their years, including the 1963–1965 gap', () => {
    expect(fiveYearPlanPeriod(14)).toEqual({ start: 2021, end: 2025 });
    expect(fiveYearPlanPeriod(11)).toEqual({ start: 2006, end: 2010 });
    expect(fiveYearPlanPeriod(3)).toEqual({ start: 1966, end: 1970 });
    expect(fiveYearPlanPeriod(1)).toEqual({ start: 1953, end: 1957 });
    expect(fiveYearPlanPeriod(0)).toBeUndefined();
  });
});
