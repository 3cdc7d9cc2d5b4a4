/** Pure arithmetic of the benchmarks: medians, percentiles, slowdowns and the printed table. */

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Linear interpolation between closest ranks (the spreadsheet PERCENTILE.INC definition). */
export function percentile(values: readonly number[], p: number): number {
  if (!values.length) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0–100, got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/** How a figure relates to cost: a duration or a peak memory is a cost, a throughput is the inverse of one. */
export type Unit = 'ms' | 'req/s' | 'MB';

export function isThroughput(unit: Unit): boolean {
  return unit === 'req/s';
}

/** Our cost over the baseline's cost for the same work: 1 is as fast, 2 twice as slow. */
export function slowdown(ours: number, baseline: number, unit: Unit): number {
  if (!(ours > 0) || !(baseline > 0))
    throw new Error(`slowdown needs positive figures, got ${ours} and ${baseline}`);
  return isThroughput(unit) ? baseline / ours : ours / baseline;
}

/** Rounds to a few significant digits so the JSON and the table stay readable. */
export function round(value: number, digits = 3): number {
  if (value === 0 || !Number.isFinite(value)) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, digits - 1 - magnitude);
  return Number(value.toFixed(decimals));
}

/**
 * Runs `rounds` rounds of ours then baseline (the order flips every round so neither always runs
 * on a cache the other warmed) and returns every sample of both.
 */
export async function alternate<T>(
  rounds: number,
  ours: (round: number) => Promise<T>,
  baseline: (round: number) => Promise<T>,
): Promise<{ ours: T[]; baseline: T[] }> {
  const samples = { ours: [] as T[], baseline: [] as T[] };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      samples.ours.push(await ours(round));
      samples.baseline.push(await baseline(round));
    } else {
      samples.baseline.push(await baseline(round));
      samples.ours.push(await ours(round));
    }
  }
  return samples;
}

export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => cell + ' '.repeat(widths[column] - displayWidth(cell))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** CJK characters take two columns in a terminal. */
function displayWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(char) ? 2 : 1;
  return width;
}
