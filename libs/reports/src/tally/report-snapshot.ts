import type { ReportFigures, WorkItemStatus } from '../joint-report';

/**
 * What a report run keeps in `report_runs.summary`: the headline for the mail of the next run and,
 * per work item, what the next run compares against (see `JointReportTally`). Parallel arrays
 * keep 200,000 items compact.
 */
export interface ReportRunSummary {
  asOf: string;
  generatedAt: string;
  headline: ReportFigures;
  items: {
    ids: string[];
    statuses: WorkItemStatus[];
    progress: number[];
    overdue: boolean[];
  };
}

/** A stored summary from an older run, checked before it is trusted. */
export function isReportRunSummary(value: unknown): value is ReportRunSummary {
  const summary = value as Partial<ReportRunSummary> | null;
  return (
    typeof summary?.asOf === 'string' &&
    typeof summary.headline === 'object' &&
    Array.isArray(summary.items?.ids) &&
    Array.isArray(summary.items?.statuses) &&
    Array.isArray(summary.items?.progress) &&
    Array.isArray(summary.items?.overdue)
  );
}
