import {
  isIndexableTerm,
  OPEN_WORK_ITEM_STATUSES,
  searchTerms,
  TRAFFIC_LIGHT_DEFAULTS,
} from '@xietong/rules';
import { ScopedUser, workItemScopeSql } from '../authorization/scope.sql';
import { SqlParams } from '../authorization/sql-params';
import { WorkItemListQueryDto, WorkItemSort } from './dto/work-item-list-query.dto';
import { LATEST_UPDATE_JOIN, WORK_ITEM_COLUMNS, WORK_ITEM_JOINS } from './work-item-row';

export interface WorkItemListStatements {
  page: { sql: string; values: unknown[] };
  count: { sql: string; values: unknown[] };
}

const ASCENDING: Readonly<Record<string, string>> = {
  deadline: 'w.deadline',
  progress: 'w.progress',
  priority: `array_position(ARRAY['low', 'normal', 'high', 'urgent'], w.priority)`,
  task: 't.number',
  updatedAt: 'w.updated_at',
  lastUpdateAt: 'w.last_update_at',
  status: `array_position(ARRAY['not_started', 'in_progress', 'blocked', 'done', 'cancelled'], w.status)`,
  title: 'w.title',
};

function orderBy(sort: WorkItemSort): string {
  const descending = sort.startsWith('-');
  const expression = ASCENDING[descending ? sort.slice(1) : sort];
  // The id makes pages stable when many items share a deadline.
  return `${expression} ${descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST'}, w.id`;
}

const OPEN_STATUSES_SQL = OPEN_WORK_ITEM_STATUSES.map((status) => `'${status}'`).join(', ');
const PLAN_TODAY = '(now() AT TIME ZONE p.time_zone)::date';
const IS_OVERDUE = `(w.status IN (${OPEN_STATUSES_SQL}) AND w.deadline < ${PLAN_TODAY})`;

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
 * and given its latest update, so those touch only the rows shown) and the total. Plans and tasks
 * are joined only when a filter or the sort needs them: the total is the hot path at national
 * scale and reads just an index of work_items otherwise. Pure, so the benchmark's bare node:http
 * baseline runs exactly these statements.
 */
export function workItemListStatements(
  user: ScopedUser,
  query: WorkItemListQueryDto,
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
  const order = orderBy(query.sort);
  const limit = params.add(query.pageSize);
  const offset = params.add((query.page - 1) * query.pageSize);
  return {
    page: {
      sql: `WITH page AS (SELECT w.id ${filtered} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
            SELECT ${WORK_ITEM_COLUMNS}, latest."latestUpdate"
            FROM page JOIN work_items w ON w.id = page.id ${WORK_ITEM_JOINS} ${LATEST_UPDATE_JOIN}
            ORDER BY ${order}`,
      values: params.values,
    },
    count: { sql: `SELECT count(*)::int AS total ${filtered}`, values: filterValues },
  };
}
