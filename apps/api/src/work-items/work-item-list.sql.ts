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
export function searchConditions(q: string | undefined, params: SqlParams): SearchConditions {
  const indexed: string[] = [];
  const substrings: string[] = [];
  for (const term of searchTerms(q)) {
    const value = params.add(term);
    if (isIndexableTerm(term))
      indexed.push(`search_bigrams(w.search_text) @> search_bigrams(${value}::text)`);
    substrings.push(`strpos(w.search_text, ${value}) > 0`);
  }
  return { indexed, substrings };
}

export interface SearchConditions {
  /** What the bigram index answers: candidates, a superset of the matches. */
  indexed: string[];
  /** The exact test, cheap on a row already read. */
  substrings: string[];
}

/**
 * How many items in deadline order a search reads before it asks the bigram index instead: a
 * hundred per item wanted (a term in one item in a hundred still fills the page), at most 5,000
 * rows (≈ 10 ms).
 */
export function searchWalkWindow(wanted: number): number {
  return Math.min(5000, 100 * wanted);
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
  const unsearched = [...where];
  const search = searchConditions(query.q, params);
  where.push(...search.indexed, ...search.substrings);
  const from = [
    'FROM work_items w',
    needsPlan ? 'JOIN plans p ON p.id = w.plan_id' : '',
    needsTask ? 'JOIN tasks t ON t.id = w.task_id' : '',
  ].join(' ');
  const filtered = `${from} WHERE ${where.join(' AND ')}`;
  const filterValues = [...params.values];
  const offset = cursor ? 0 : (query.page - 1) * query.pageSize;
  // One row past the cap tells "exactly the cap" from "more than the cap".
  const countLimit = `$${filterValues.length + 1}`;
  const count = {
    sql: `SELECT count(*)::int AS total FROM (SELECT 1 ${filtered} LIMIT ${countLimit}) capped`,
    values: [...filterValues, offset + query.pageSize + COUNT_BEYOND_PAGE + 1],
  };
  const after = cursor ? afterCursor(cursor, params) : null;
  const pageWhere = after ? `${filtered} AND ${after}` : filtered;
  const order = orderBy(query.sort);
  const { key } = sortKeyOf(query.sort);
  const limit = params.add(query.pageSize);
  const offsetParam = params.add(offset);
  const pageIds =
    search.substrings.length && query.sort === 'deadline'
      ? searchPageByDeadline({
          from,
          unsearched: after ? [...unsearched, after] : unsearched,
          search,
          sortKey: key.key,
          order,
          limit,
          offset: offsetParam,
          wanted: params.add(offset + query.pageSize),
          window: params.add(searchWalkWindow(offset + query.pageSize)),
        })
      : `SELECT w.id, (${key.key})::text AS sort_key ${pageWhere} ORDER BY ${order} LIMIT ${limit} OFFSET ${offsetParam}`;
  return {
    page: {
      sql: `WITH page AS (${pageIds})
            SELECT ${WORK_ITEM_COLUMNS}, latest."latestUpdate", page.sort_key AS "sortKey"
            FROM page JOIN work_items w ON w.id = page.id ${WORK_ITEM_JOINS} ${LATEST_UPDATE_JOIN}
            ORDER BY ${order}`,
      values: params.values,
    },
    count,
  };
}

interface SearchPageParts {
  from: string;
  unsearched: string[];
  search: SearchConditions;
  sortKey: string;
  order: string;
  limit: string;
  offset: string;
  wanted: string;
  window: string;
}

/**
 * A search page in deadline order, the same rows as filtering everything and sorting, read one of
 * two ways. A common term (协调会 is in four items of ten) fills the page from the first deadlines:
 * the (deadline, id) indexes give the items in order, strpos tests each, and the walk stops after
 * `window` rows; when it found what the page wants, those are the page, since no match can sort
 * before the rows it read. Otherwise matches are rare near the top, so the bigram index collects
 * them all (few, or the walk would have met them) and they are sorted: MATERIALIZED keeps Postgres
 * from walking the deadline index while computing every row's bigrams. Postgres's estimate cannot
 * choose between the two (it puts 海洋生态修复, in 8,127 items, at one row), so the statement tries
 * the cheap way first and skips the other with a one-time filter.
 */
function searchPageByDeadline(parts: SearchPageParts): string {
  const { from, unsearched, search, sortKey, order, limit, offset, wanted, window } = parts;
  const substrings = search.substrings.join(' AND ');
  const everything = [...unsearched, ...search.indexed, ...search.substrings].join(' AND ');
  return `WITH walked AS (
        SELECT w.id, w.deadline, (${sortKey})::text AS sort_key
        FROM (SELECT w.id, w.deadline, w.search_text ${from} WHERE ${unsearched.join(' AND ')}
              ORDER BY ${order} LIMIT ${window}) w
        WHERE ${substrings} ORDER BY ${order} LIMIT ${wanted}),
      matches AS MATERIALIZED (SELECT w.id, w.deadline ${from} WHERE ${everything})
    (SELECT w.id, w.sort_key FROM walked w WHERE (SELECT count(*) FROM walked) = ${wanted}
     ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
    UNION ALL
    (SELECT w.id, (${sortKey})::text FROM matches w WHERE (SELECT count(*) FROM walked) < ${wanted}
     ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})`;
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
