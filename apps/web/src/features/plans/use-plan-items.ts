import { api } from '../../api/client';
import { WorkItem, WorkItemPage } from '../../api/types';
import { useApi } from '../../api/use-api';

/** The API's largest page; a plan has a few hundred top-level items at most. */
const PAGE_SIZE = 200;
/** A guard against a runaway loop. */
const MAX_PAGES = 50;

/** Follows the list's cursor: each page costs the same however deep (no OFFSET), and the total may be capped. */
async function allPlanItems(planId: string, signal: AbortSignal): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  let after: string | null = null;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const batch: WorkItemPage<WorkItem> = await api<WorkItemPage<WorkItem>>('/api/work-items', {
      query: { planId, pageSize: PAGE_SIZE, sort: 'task', ...(after ? { after } : {}) },
      signal,
    });
    items.push(...batch.items);
    after = batch.nextCursor;
    if (!after) break;
  }
  // Sub-items are milestones of an item; the matrix and the chart show the items themselves.
  return items.filter((item) => item.parentId === null);
}

/** Every work item of a plan the user may see, for the matrix and the chart. */
export function usePlanItems(planId: string) {
  return useApi((signal) => allPlanItems(planId, signal), [planId]);
}
