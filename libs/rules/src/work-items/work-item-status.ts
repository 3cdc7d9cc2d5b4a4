export const WORK_ITEM_STATUSES = ['not_started', 'in_progress', 'blocked', 'done', 'cancelled'] as const;
export type WorkItemStatus = (typeof WORK_ITEM_STATUSES)[number];

export const WORK_ITEM_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type WorkItemPriority = (typeof WORK_ITEM_PRIORITIES)[number];

/** Statuses whose deadline still matters: reminders, overdue and traffic lights apply. */
export const OPEN_WORK_ITEM_STATUSES: readonly WorkItemStatus[] = ['not_started', 'in_progress', 'blocked'];

export function isOpenWorkItemStatus(status: WorkItemStatus): boolean {
  return OPEN_WORK_ITEM_STATUSES.includes(status);
}
