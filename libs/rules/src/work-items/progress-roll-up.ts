import { WorkItemStatus } from './work-item-status';

export interface ProgressContribution {
  status: WorkItemStatus;
  progress: number;
}

/**
 * The progress of a work item with milestones, or of a task from its lead units' items: the
 * rounded mean of the parts that still count. Cancelled parts drop out rather than drag the
 * mean down; null when nothing counts, so the caller keeps what it had.
 */
export function rollUpProgress(parts: readonly ProgressContribution[]): number | null {
  const counted = parts.filter((part) => part.status !== 'cancelled');
  if (!counted.length) return null;
  const total = counted.reduce((sum, part) => sum + part.progress, 0);
  return Math.round(total / counted.length);
}
