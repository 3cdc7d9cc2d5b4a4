import { alternate, formatTable, median, percentile, round, slowdown } from './stats';

describe('bench stats', () => {
  it('takes the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('interpolates percentiles between ranks and refuses nonsense', () => {
    const values = Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile(values, 0)).toBe(0);
    expect(percentile([10, 20], 75)).toBe(17.5);
    expect(() => percentile([], 50)).toThrow(/no values/);
    expect(() => percentile([1], 101)).toThrow(/0–100/);
  });

  it('computes slowdown as our cost over the baseline cost for durations and throughputs alike', () => {
    expect(slowdown(30, 10, 'ms')).toBe(3);
    expect(slowdown(10, 30, 'ms')).toBeCloseTo(1 / 3);
    // 500 req/s against 1,000 req/s: each of our requests costs twice as much.
    expect(slowdown(500, 1000, 'req/s')).toBe(2);
    expect(slowdown(1000, 500, 'req/s')).toBe(0.5);
    expect(() => slowdown(0, 1, 'ms')).toThrow(/positive/);
    expect(() => slowdown(1, Number.NaN, 'ms')).toThrow(/positive/);
  });

  it('rounds to significant digits', () => {
    expect(round(1234.567, 4)).toBe(1235);
    expect(round(0.0123456, 3)).toBe(0.0123);
    expect(round(1.5049, 3)).toBe(1.5);
    expect(round(0)).toBe(0);
  });

  it('alternates sides and flips who goes first each round', async () => {
    const calls: string[] = [];
    const samples = await alternate(
      3,
      async (r) => (calls.push(`ours${r}`), r),
      async (r) => (calls.push(`base${r}`), r * 10),
    );
    expect(calls).toEqual(['ours0', 'base0', 'base1', 'ours1', 'ours2', 'base2']);
    expect(samples).toEqual({ ours: [0, 1, 2], baseline: [0, 10, 20] });
  });

  it('pads table columns, counting CJK characters as two columns', () => {
    const table = formatTable(
      ['a', 'b'],
      [
        ['规划', 'x'],
        ['abcde', 'y'],
      ],
    ).split('\n');
    expect(table[0]).toBe('a      b');
    expect(table[2]).toBe('规划   x');
    expect(table[3]).toBe('abcde  y');
  });
});
