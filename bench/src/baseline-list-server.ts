import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import type {
  WorkItemListQueryDto,
  WorkItemSort,
} from '../../apps/api/src/work-items/dto/work-item-list-query.dto';
import { decodeWorkItemCursor } from '../../apps/api/src/work-items/work-item-cursor';
import {
  WorkItemListRow,
  workItemListStatements,
  workItemPage,
} from '../../apps/api/src/work-items/work-item-list.sql';
import { preparedStatementName } from '../../libs/db/src/read-replica';

/**
 * The yardstick for `GET /api/work-items`: node:http and pg, no framework, no auth, no validation,
 * no logging, running the very statements WorkItemsQueryService.list runs (the api's own pure
 * `workItemListStatements`, prepared under the same names) for an organization-scoped user
 * (coordinator, liaison, viewer) and answering the same JSON; the benchmark compares the responses of both before it measures anything.
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

async function list(search: URLSearchParams) {
  const query = {
    planId: search.get('planId') ?? undefined,
    status: search.get('status')?.split(','),
    dueBefore: search.get('dueBefore') ?? undefined,
    sort: (search.get('sort') ?? 'deadline') as WorkItemSort,
    page: Number(search.get('page') ?? 1),
    pageSize: Number(search.get('pageSize') ?? 20),
    after: search.get('after') ?? undefined,
  } as WorkItemListQueryDto;
  const cursor = query.after ? decodeWorkItemCursor(query.after) : null;
  const { page, count } = workItemListStatements(
    { id: '', role: 'coordinator', actingOrganizationId: scopeOrganizationId! },
    query,
    cursor,
  );
  const named = (statement: { sql: string; values: unknown[] }) => ({
    name: preparedStatementName(statement.sql),
    text: statement.sql,
    values: statement.values,
  });
  const [rows, total] = await Promise.all([pool.query(named(page)), pool.query(named(count))]);
  return workItemPage(query, cursor, rows.rows as WorkItemListRow[], total.rows[0].total as number);
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
