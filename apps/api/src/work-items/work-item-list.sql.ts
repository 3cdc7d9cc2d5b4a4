import { OPEN_WORK_ITEM_STATUSES } from '@xietong/rules';
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
};

function orderBy(sort: WorkItemSort): string {
  const descending = sort.startsWith('-');
  const expression = ASCENDING[descending ? sort.slice(1) : sort];
  // The id makes pages stable when many items share a deadline.
  return `${expression} ${descending ? 'DESC NULLS LAST' : 'ASC NULLS LAST'}, w.id`;
}

const OPEN_STATUSES_SQL = OPEN_WORK_ITEM_STATUSES.map((status) => `'${status}'`).join(', ');
const IS_OVERDUE = `(w.status IN (${OPEN_STATUSES_SQL}) AND w.deadline < (now() AT TIME ZONE p.time_zone)::date)`;

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
  const search = query.q?.trim();
  const needsTask = Boolean(query.chapter || search || query.sort.replace(/^-/, '') === 'task');
  const needsPlan = query.overdue !== undefined;
  if (query.planId) where.push(`w.plan_id = ${params.add(query.planId)}`);
  if (query.taskId) where.push(`w.task_id = ${params.add(query.taskId)}`);
  if (query.chapter) {
    where.push(
      `t.chapter_id IN (SELECT id FROM chapters WHERE plan_id = w.plan_id AND number = ${params.add(query.chapter)})`,
    );
  }
  if (query.organizationId) where.push(`w.organization_id = ${params.add(query.organizationId)}`);
  if (query.ownerId) where.push(`w.owner_id = ${params.add(query.ownerId)}`);
  if (query.status?.length === 1) {
    // Equality (not ANY) lets the plan + status + deadline index return the page already in order.
    where.push(`w.status = ${params.add(query.status[0])}`);
  } else if (query.status?.length) {
    where.push(`w.status = ANY(${params.add(query.status)}::text[])`);
  }
  if (query.overdue !== undefined) where.push(query.overdue ? IS_OVERDUE : `NOT ${IS_OVERDUE}`);
  if (query.dueAfter) where.push(`w.deadline >= ${params.add(query.dueAfter)}::date`);
  if (query.dueBefore) where.push(`w.deadline <= ${params.add(query.dueBefore)}::date`);
  if (search) {
    const pattern = params.add(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(w.title ILIKE ${pattern} OR t.title ILIKE ${pattern})`);
  }
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
