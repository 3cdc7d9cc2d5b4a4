import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import {
  LATEST_UPDATE_JOIN,
  toWorkItemView,
  WORK_ITEM_COLUMNS,
  WORK_ITEM_JOINS,
  WorkItemRow,
} from '../../apps/api/src/work-items/work-item-row';

/**
 * The yardstick for `GET /api/work-items`: node:http and pg, no framework, no auth, no validation,
 * no logging, running the very statements WorkItemsQueryService.list runs for an organization-scoped
 * user (coordinator, liaison, viewer) and answering the same JSON. The column list, joins and the
 * row → view mapping are imported from the api; the WHERE/ORDER/LIMIT assembly below is a copy of
 * the service's (which builds them inline), so the benchmark compares the responses of both before
 * it measures anything.
 *
 * Environment: DATABASE_URL, PORT, SCOPE_ORGANIZATION_ID (the user's acting organization).
 */
const scopeOrganizationId = process.env.SCOPE_ORGANIZATION_ID;
if (!scopeOrganizationId) throw new Error('SCOPE_ORGANIZATION_ID is required');

// The api's pool size (libs/db buildDataSourceOptions).
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 10,
  application_name: 'xietong-bench-baseline',
});

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

async function list(search: URLSearchParams) {
  const page = Number(search.get('page') ?? 1);
  const pageSize = Number(search.get('pageSize') ?? 20);
  const params = new Params();
  const where = [
    `w.task_id IN (SELECT task_id FROM task_lead_units WHERE organization_id = ${params.add(scopeOrganizationId)})`,
  ];
  if (search.get('planId')) where.push(`w.plan_id = ${params.add(search.get('planId'))}`);
  if (search.get('status'))
    where.push(`w.status = ANY(${params.add(search.get('status')!.split(','))}::text[])`);
  if (search.get('dueBefore')) where.push(`w.deadline <= ${params.add(search.get('dueBefore'))}::date`);
  const filtered = `FROM work_items w JOIN plans p ON p.id = w.plan_id JOIN tasks t ON t.id = w.task_id
                    WHERE ${where.join(' AND ')}`;
  const filterValues = [...params.values];
  const order = `w.deadline ASC NULLS LAST, w.id`;
  const [rows, count] = await Promise.all([
    pool.query(
      `WITH page AS (
         SELECT w.id ${filtered}
         ORDER BY ${order}
         LIMIT ${params.add(pageSize)} OFFSET ${params.add((page - 1) * pageSize)}
       )
       SELECT ${WORK_ITEM_COLUMNS}, latest."latestUpdate"
       FROM page JOIN work_items w ON w.id = page.id ${WORK_ITEM_JOINS} ${LATEST_UPDATE_JOIN}
       ORDER BY ${order}`,
      params.values,
    ),
    pool.query(`SELECT count(*)::int AS total ${filtered}`, filterValues),
  ]);
  return {
    items: (rows.rows as (WorkItemRow & { latestUpdate: unknown })[]).map((row) => ({
      ...toWorkItemView(row),
      latestUpdate: row.latestUpdate,
    })),
    total: count.rows[0].total as number,
    page,
    pageSize,
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/api/health') return send(response, 200, { status: 'ok' });
  if (url.pathname !== '/api/work-items') return send(response, 404, { title: 'Not Found' });
  list(url.searchParams).then(
    (page) => send(response, 200, page),
    (error: unknown) => send(response, 500, { title: String(error) }),
  );
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
const shutdown = () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
  server.closeAllConnections();
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
