import { OPEN_WORK_ITEM_STATUSES } from '@xietong/rules';

/** Collects positional parameters while a query is assembled from fragments, so values never enter SQL text. */
export class SqlParams {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * `column IN ('not_started', …)` with the open statuses written into the SQL text rather than bound:
 * the planner matches a partial index (`work_items_open_deadline_idx`) only against literal predicates.
 */
export function openStatusSql(column: string): string {
  return `${column} IN (${OPEN_WORK_ITEM_STATUSES.map((status) => `'${status}'`).join(', ')})`;
}
