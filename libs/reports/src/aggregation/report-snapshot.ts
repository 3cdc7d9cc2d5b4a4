import type {
  FinishedItem,
  NewlyOverdueItem,
  ProgressDelta,
  ReportChanges,
  ReportFigures,
  WorkItemRow,
  WorkItemStatus,
} from '../joint-report';

/**
 * What a report run keeps in `report_runs.summary`: the headline for the mail of the next run and,
 * per work item, what the next run compares against. Parallel arrays keep 50,000 items compact.
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

/** A work item as this run sees it, with what the comparison needs beyond the report row. */
export interface ItemState {
  row: WorkItemRow;
  overdue: boolean;
  daysOverdue: number;
  /** ISO timestamp */
  completedAt: string | null;
}

export function referenceOf(
  row: WorkItemRow,
): Pick<WorkItemRow, 'workItemId' | 'taskCode' | 'taskTitle' | 'organization'> {
  return {
    workItemId: row.workItemId,
    taskCode: row.taskCode,
    taskTitle: row.taskTitle,
    organization: row.organization,
  };
}

export function summarize(
  asOf: string,
  generatedAt: string,
  headline: ReportFigures,
  items: readonly ItemState[],
): ReportRunSummary {
  const summary: ReportRunSummary = {
    asOf,
    generatedAt,
    headline,
    items: { ids: [], statuses: [], progress: [], overdue: [] },
  };
  // One pass rather than one per column: with 50,000 items, reaching each item's row is what costs.
  const { ids, statuses, progress, overdue } = summary.items;
  for (const item of items) {
    ids.push(item.row.workItemId);
    statuses.push(item.row.status);
    progress.push(item.row.progress);
    overdue.push(item.overdue);
  }
  return summary;
}

export const NO_CHANGES: ReportChanges = Object.freeze({
  finished: [],
  newlyOverdue: [],
  progressDeltas: [],
});

/**
 * Items finished, newly overdue and with a different progress since the previous run. Items the
 * previous run did not cover (new, or outside its filters) are left out: there is nothing to
 * compare them with.
 */
export function changesSince(
  previous: ReportRunSummary,
  current: readonly ItemState[],
  generatedAt: string,
): ReportChanges {
  const before = new Map(previous.items.ids.map((id, index) => [id, index]));
  const finished: FinishedItem[] = [];
  const newlyOverdue: NewlyOverdueItem[] = [];
  const progressDeltas: ProgressDelta[] = [];
  for (const { row, overdue, daysOverdue, completedAt } of current) {
    const index = before.get(row.workItemId);
    if (index === undefined) continue;
    if (row.status === 'done' && previous.items.statuses[index] !== 'done') {
      finished.push({ ...referenceOf(row), finishedAt: completedAt ?? generatedAt });
    }
    if (overdue && !previous.items.overdue[index]) {
      newlyOverdue.push({ ...referenceOf(row), deadline: row.deadline!, daysOverdue });
    }
    const from = previous.items.progress[index];
    if (from !== row.progress) progressDeltas.push({ ...referenceOf(row), from, to: row.progress });
  }
  progressDeltas.sort((a, b) => Math.abs(b.to - b.from) - Math.abs(a.to - a.from));
  return { finished, newlyOverdue, progressDeltas };
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
