import { DataSource } from 'typeorm';
import { aggregateJointReport, jointReportBaselineSql, JointReportBaselineRow } from '@xietong/reports';
import { Dataset } from './dataset';
import { BenchmarkResult, result } from './results';
import { alternate, median, round } from './stats';

/**
 * The joint report of the largest plan (50,000 work items): `buildJointReport` — figures, every
 * item's light, matrix, lists, updates — in its REPEATABLE READ transaction, against the one
 * hand-written query the reports library provides as its yardstick (`jointReportBaselineSql`:
 * every figure and every matrix cell). Both must count the same items.
 */
export async function benchJointReport(
  dataSource: DataSource,
  dataset: Dataset,
  options: { rounds: number; log: (line: string) => void },
): Promise<BenchmarkResult> {
  const planId = dataset.largestPlanId;
  const asOf = dataset.today;
  const ours = async () => {
    const started = performance.now();
    const built = await dataSource.transaction('REPEATABLE READ', (manager) =>
      aggregateJointReport(manager, { planId, asOf }),
    );
    return {
      ms: performance.now() - started,
      items: built.report.headline.items,
      overdue: built.report.headline.overdue,
    };
  };
  const baseline = async () => {
    const started = performance.now();
    const rows: JointReportBaselineRow[] = await dataSource.query(jointReportBaselineSql, [planId, asOf]);
    const headline = rows.find((row) => row.organization_id === null && row.items !== null)!;
    return { ms: performance.now() - started, items: headline.items, overdue: headline.overdue };
  };
  const [first, yardstick] = [await ours(), await baseline()];
  if (first.items !== yardstick.items || first.overdue !== yardstick.overdue) {
    throw new Error(
      `joint report and baseline disagree: ${JSON.stringify({ ours: first, baseline: yardstick })}`,
    );
  }
  const samples = await alternate(options.rounds, ours, baseline);
  const oursMs = median(samples.ours.map((s) => s.ms));
  const baselineMs = median(samples.baseline.map((s) => s.ms));
  options.log(
    `  joint-report: ours ${round(oursMs)} ms, baseline ${round(baselineMs)} ms (${first.items} items)`,
  );
  return result('joint-report', oursMs, baselineMs, 'ms', {
    workItems: first.items,
    rounds: options.rounds,
    baseline:
      'jointReportBaselineSql: one hand-written query for every figure and matrix cell (light in SQL)',
  });
}
