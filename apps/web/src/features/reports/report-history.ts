import { ReportRun } from '../../api/types';

export const FIGURE_KEYS = [
  'items',
  'done',
  'inProgress',
  'notStarted',
  'blocked',
  'overdue',
  'averageProgress',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

/**
 * Each finished run beside the finished run before it (runs come newest first), so history shows
 * what changed since last time.
 */
export function withPreviousRun(runs: ReportRun[]): { run: ReportRun; previous: ReportRun | undefined }[] {
  const finished = runs.filter((run) => run.state === 'done' && run.summary);
  return runs.map((run) => {
    const index = finished.indexOf(run);
    return { run, previous: index >= 0 ? finished[index + 1] : undefined };
  });
}

export function figureChange(
  run: ReportRun,
  previous: ReportRun | undefined,
  key: FigureKey,
): number | undefined {
  const now = run.summary?.headline[key];
  const before = previous?.summary?.headline[key];
  return now === undefined || before === undefined ? undefined : Math.round((now - before) * 10) / 10;
}
