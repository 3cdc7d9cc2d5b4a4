import { api } from '../../api/client';
import { Page, WorkItem } from '../../api/types';
import { useApi } from '../../api/use-api';

/** The API's largest page; a plan has a few hundred top-level items at most. */
const PAGE_SIZE = 200;
/** A guard against a runaway loop should totals change while paging. */
const MAX_PAGES = 50;

async function allPlanItems(planId: string, signal: AbortSignal): Promise<WorkItem[]> {
  const items: WorkItem[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const batch = await api<Page<WorkItem>>('/api/work-items', {
      query: { planId, page, pageSize: PAGE_SIZE, sort: 'task' },
      signal,
    });
    items.push(...batch.items);
    if (items.length >= batch.total || batch.items.length < PAGE_SIZE) break;
  }
  // Sub-items are milestones of an item; the matrix and the chart show the items themselves.
  return items.filter((item) => item.parentId === null);
}

/** Every work item of a plan the user may see, for the matrix and the chart. */
export function usePlanItems(planId: string) {
  return useApi((signal) => allPlanItems(planId, signal), [planId]);
}
