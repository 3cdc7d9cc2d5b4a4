import { isIndexableTerm, searchTerms, TRAFFIC_LIGHT_DEFAULTS } from '@xietong/rules';
import { ScopedUser, workItemScopeSql } from '../authorization/scope.sql';
import { openStatusSql, SqlParams } from '@xietong/db';
import { WorkItemListQueryDto, WorkItemSort } from './dto/work-item-list-query.dto';
import { Page } from './dto/page-query.dto';
import { encodeWorkItemCursor, WorkItemCursor } from './work-item-cursor';
import {
  LATEST_UPDATE_JOIN,
  toWorkItemView,
  WORK_ITEM_COLUMNS,
  WORK_ITEM_JOINS,
  WorkItemRow,
  WorkItemView,
} from './work-item-row';

export interface WorkItemListStatements {
  page: { sql: string; values: unknown[] };
  count: { sql: string; values: unknown[] };
}

/**
 * A list page. `total` is exact when `totalExact`; otherwise at least that many items match (the
 * count stops {@link COUNT_BEYOND_PAGE} items past the page, so a huge result costs no more than a
 * small one). `nextCursor` continues after the last item shown (`after=`), null on the last page.
 */
export interface WorkItemPage extends Page<WorkItemView & { latestUpdate: unknown }> {
  totalExact: boolean;
  nextCursor: string | null;
}

/** How far past the page the total is counted: enough for a pager's next twenty pages. */
export const COUNT_BEYOND_PAGE = 1000;

interface SortKey {
  expression: string;
  /** The value as text (see WorkItemCursor.key), and back from a parameter. */
  key: string;
  fromKey: (param: string) => string;
  nullable: boolean;
}

const dateKey = (expression: string): Omit<SortKey, 'nullable'> => ({
  expression,
  key: `(${expression} - DATE '1970-01-01')`,
  fromKey: (param) => `(DATE '1970-01-01' + ${param}::int)`,
});
const numberKey = (expression: string): Omit<SortKey, 'nullable'> => ({
  expression,
  key: expression,
  fromKey: (param) => `${param}::bigint`,
});
const timestampKey = (expression: string): Omit<SortKey, 'nullable'> => ({
  expression,
  key: `(extract(epoch FROM ${expression}) * 1000000)::bigint`,
  fromKey: (param) => `(timestamptz 'epoch' + ${param}::bigint * interval '1 microsecond')`,
});

const SORT_KEYS: Readonly<Record<string, SortKey>> = {
  deadline: { ...dateKey('w.deadline'), nullable: false },
  progress: { ...numberKey('w.progress'), nullable: false },
  priority: {
    ...numberKey(`array_position(ARRAY['low', 'normal', 'high', 'urgent'], w.priority)`),
    nullable: false,
  },
  task: { ...numberKey('t.number'), nullable: false },
  updatedAt: { ...timestampKey('w.updated_at'), nullable: false },
  lastUpdateAt: { ...timestampKey('w.last_update_at'), nullable: true },
  status: {
    ...numberKey(
      `array_position(ARRAY['not_started', 'in_progress', 'blocked', 'done', 'cancelled'], w.status)`,
    ),
    nullable: false,
  },
  title: { expression: 'w.title', key: 'w.title', fromKey: (param) => `${param}::text`, nullable: false },
};

function sortKeyOf(sort: WorkItemSort): { key: SortKey; descending: boolean } {
  const descending = sort.startsWith('-');
  return { key: SORT_KEYS[descending ? sort.slice(1) : sort], descending };
}

function orderBy(sort: WorkItemSort): string {
  const { key, descending } = sortKeyOf(sort);
  // The id makes pages stable when many items share a deadline.
  return `${key.expression} ${descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST'}, w.id`;
}

/** Items after the cursor in `orderBy`'s order; ascending non-null keys compare as a row, which the indexes serve. */
function afterCursor(cursor: WorkItemCursor, params: SqlParams): string {
  const { key, descending } = sortKeyOf(cursor.sort);
  const id = `${params.add(cursor.id)}::uuid`;
  if (cursor.key === null) return `(${key.expression} IS NULL AND w.id > ${id})`;
  const value = key.fromKey(params.add(cursor.key));
  const after = descending
    ? `(${key.expression} < ${value} OR (${key.expression} = ${value} AND w.id > ${id}))`
    : `(${key.expression}, w.id) > (${value}, ${id})`;
  return key.nullable ? `(${after} OR ${key.expression} IS NULL)` : after;
}

const PLAN_TODAY = '(now() AT TIME ZONE p.time_zone)::date';
const IS_OVERDUE = `(${openStatusSql('w.status')} AND w.deadline < ${PLAN_TODAY})`;

/**
 * The traffic light of `trafficLight` (libs/rules) in SQL, with the default thresholds, so a
 * light filter selects in the database what the page then shows; an integration test holds the
 * two to the same answers.
 */
const { behindMargin, dueSoonDays, nearlyDone } = TRAFFIC_LIGHT_DEFAULTS;
const EXPECTED_PROGRESS = `CASE WHEN w.deadline - w.start_date <= 0
    THEN CASE WHEN ${PLAN_TODAY} >= w.deadline THEN 100 ELSE 0 END
    ELSE least(100, greatest(0, (${PLAN_TODAY} - w.start_date) * 100.0 / (w.deadline - w.start_date))) END`;
export const TRAFFIC_LIGHT_SQL = `CASE WHEN w.status = 'cancelled' THEN 'grey' WHEN w.status = 'done' THEN 'green'
    WHEN w.status = 'blocked' OR w.deadline < ${PLAN_TODAY} THEN 'red'
    WHEN ${EXPECTED_PROGRESS} - w.progress > ${behindMargin}
      OR (w.deadline - ${PLAN_TODAY} <= ${dueSoonDays} AND w.progress < ${nearlyDone}) THEN 'yellow'
    ELSE 'green' END`;

/**
 * Every term in the item's search text (see the work-item-search migration): the bigram index
 * narrows the rows, strpos keeps only true substrings. A one-character term cannot use the index
 * and is checked on the rows the other conditions leave.
 */
export function searchConditions(q: string | undefined, params: SqlParams): string[] {
  return searchTerms(q).flatMap((term) => {
    const value = params.add(term);
    const substring = `strpos(w.search_text, ${value}) > 0`;
    return isIndexableTerm(term)
      ? [`search_bigrams(w.search_text) @> search_bigrams(${value}::text)`, substring]
      : [substring];
  });
}

/**
 * The two statements of a work-item list page: the page (chosen on work_items alone, then joined
 * and given its latest update, so those touch only the rows shown) and the total, counted no
 * further than {@link COUNT_BEYOND_PAGE} past the page. Plans and tasks are joined only when a
 * filter or the sort needs them. With a cursor the page starts after it (keyset: no rows skipped
 * one by one as OFFSET does) and `page` is 1. Pure, so the benchmark's bare node:http baseline runs
 * exactly these statements.
 */
export function workItemListStatements(
  user: ScopedUser,
  query: WorkItemListQueryDto,
  cursor: WorkItemCursor | null = null,
): WorkItemListStatements {
  const params = new SqlParams();
  const where = [workItemScopeSql(user, 'w', params)];
  const needsTask = Boolean(query.chapter || query.sort.replace(/^-/, '') === 'task');
  const needsPlan = query.overdue !== undefined || Boolean(query.light?.length);
  if (query.planId) where.push(`w.plan_id = ${params.add(query.planId)}`);
  if (query.taskId) where.push(`w.task_id = ${params.add(query.taskId)}`);
  if (query.chapter) {
    where.push(
      `t.chapter_id IN (SELECT id FROM chapters WHERE plan_id = w.plan_id AND number = ${params.add(query.chapter)})`,
    );
  }
  if (query.organizationId) where.push(`w.organization_id = ${params.add(query.organizationId)}`);
  if (query.responsibility) where.push(`w.responsibility = ${params.add(query.responsibility)}`);
  if (query.ownerId) where.push(`w.owner_id = ${params.add(query.ownerId)}`);
  if (query.unassigned !== undefined) where.push(`w.owner_id IS ${query.unassigned ? '' : 'NOT '}NULL`);
  if (query.role) {
    where.push(
      `EXISTS (SELECT 1 FROM task_lead_units l WHERE l.task_id = w.task_id AND l.organization_id = w.organization_id AND l.role = ${params.add(query.role)})`,
    );
  }
  if (query.light?.length) where.push(`(${TRAFFIC_LIGHT_SQL}) = ANY(${params.add(query.light)}::text[])`);
  if (query.status?.length === 1) {
    // Equality (not ANY) lets the plan + status + deadline index return the page already in order.
    where.push(`w.status = ${params.add(query.status[0])}`);
  } else if (query.status?.length) {
    where.push(`w.status = ANY(${params.add(query.status)}::text[])`);
  }
  if (query.overdue !== undefined) where.push(query.overdue ? IS_OVERDUE : `NOT ${IS_OVERDUE}`);
  if (query.dueAfter) where.push(`w.deadline >= ${params.add(query.dueAfter)}::date`);
  if (query.dueBefore) where.push(`w.deadline <= ${params.add(query.dueBefore)}::date`);
  where.push(...searchConditions(query.q, params));
  const filtered = [
    'FROM work_items w',
    needsPlan ? 'JOIN plans p ON p.id = w.plan_id' : '',
    needsTask ? 'JOIN tasks t ON t.id = w.task_id' : '',
    `WHERE ${where.join(' AND ')}`,
  ].join(' ');
  const filterValues = [...params.values];
  const offset = cursor ? 0 : (query.page - 1) * query.pageSize;
  // One row past the cap tells "exactly the cap" from "more than the cap".
  const countLimit = `$${filterValues.length + 1}`;
  const count = {
    sql: `SELECT count(*)::int AS total FROM (SELECT 1 ${filtered} LIMIT ${countLimit}) capped`,
    values: [...filterValues, offset + query.pageSize + COUNT_BEYOND_PAGE + 1],
  };
  const pageWhere = cursor ? `${filtered} AND ${afterCursor(cursor, params)}` : filtered;
  const order = orderBy(query.sort);
  const { key } = sortKeyOf(query.sort);
  const limit = params.add(query.pageSize);
  const offsetParam = params.add(offset);
  return {
    page: {
      sql: `WITH page AS (SELECT w.id, (${key.key})::text AS sort_key ${pageWhere}
                          ORDER BY ${order} LIMIT ${limit} OFFSET ${offsetParam})
            SELECT ${WORK_ITEM_COLUMNS}, latest."latestUpdate", page.sort_key AS "sortKey"
            FROM page JOIN work_items w ON w.id = page.id ${WORK_ITEM_JOINS} ${LATEST_UPDATE_JOIN}
            ORDER BY ${order}`,
      values: params.values,
    },
    count,
  };
}

export type WorkItemListRow = WorkItemRow & { latestUpdate: unknown; sortKey: string | null };

/** The response for the rows and count the statements returned (shared with the benchmark's baseline). */
export function workItemPage(
  query: WorkItemListQueryDto,
  cursor: WorkItemCursor | null,
  rows: WorkItemListRow[],
  counted: number,
): WorkItemPage {
  const page = cursor ? 1 : query.page;
  const cap = (page - 1) * query.pageSize + query.pageSize + COUNT_BEYOND_PAGE;
  const last = rows[rows.length - 1];
  return {
    items: rows.map(({ sortKey: _sortKey, latestUpdate, ...row }) => ({
      ...toWorkItemView(row),
      latestUpdate,
    })),
    total: Math.min(counted, cap),
    totalExact: counted <= cap,
    page,
    pageSize: query.pageSize,
    nextCursor:
      last && rows.length === query.pageSize
        ? encodeWorkItemCursor({ sort: query.sort, key: last.sortKey, id: last.id })
        : null,
  };
}
