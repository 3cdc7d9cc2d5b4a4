import { deepStrictEqual } from 'node:assert/strict';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client, Pool } from 'pg';
import { BENCH_PASSWORD, BENCH_USERS, Dataset } from './dataset';
import { RunningServer, signIn, startApi, startServer } from './processes';
import { BenchmarkResult, result } from './results';
import { alternate, median, percentile, round } from './stats';

export interface ListBenchOptions {
  rounds: number;
  seconds: number;
  connections: number;
  /** Each round of the one-client latency run. */
  latencySeconds: number;
  redisUrl: string;
  log: (line: string) => void;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * `GET /api/work-items` through the real api (`node dist/apps/api/src/main.js`: Nest, auth,
 * validation, logging at warn) against a bare node:http + pg server running the same SQL, both
 * loaded with autocannon in alternating rounds. A coordinator's everyday question: my plan's items
 * in progress due within nine months, by deadline, third page of 50.
 */
export async function benchWorkItemsList(
  dataset: Dataset,
  options: ListBenchOptions,
): Promise<BenchmarkResult[]> {
  const { log } = options;
  const scope = await scopeOf(dataset.url);
  const query = new URLSearchParams({
    planId: dataset.largestPlanId,
    status: 'in_progress',
    dueBefore: addDays(dataset.today, 270),
    sort: 'deadline',
    page: '3',
    pageSize: '50',
  });
  const path = `/api/work-items?${query}`;
  const servers: RunningServer[] = [];
  try {
    const ours = await startApi(dataset.url, options.redisUrl);
    servers.push(ours);
    const baseline = await startServer(
      'baseline list server',
      join(__dirname, 'baseline-list-server.js'),
      { ...process.env, DATABASE_URL: dataset.url, SCOPE_ORGANIZATION_ID: scope },
      '/api/health',
    );
    servers.push(baseline);

    const headers = await signIn(ours, BENCH_USERS.coordinator.email, BENCH_PASSWORD);

    // Same work: the two answers must be identical before either is timed.
    const answer = async (server: RunningServer, at = path) => {
      const response = await fetch(server.url + at, { headers });
      if (!response.ok) throw new Error(`${server.url}${at}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { items: { id: string }[]; total: number; nextCursor: string | null };
    };
    const [oursAnswer, baselineAnswer] = [await answer(ours), await answer(baseline)];
    deepStrictEqual(
      baselineAnswer,
      oursAnswer,
      'the baseline server must answer exactly what the api answers',
    );
    if (oursAnswer.items.length !== 50)
      throw new Error(`expected a full page, got ${oursAnswer.items.length} items`);
    log(`  work-items-list: ${oursAnswer.total} matching items, both servers answer the same page`);

    const load = async (
      server: RunningServer,
      seconds: number,
      connections = options.connections,
      at = path,
    ) => {
      const run = await autocannon({
        url: server.url + at,
        headers,
        connections,
        duration: seconds,
      });
      if (run.errors || run.timeouts || run.non2xx) {
        throw new Error(
          `${server.url}: ${run.errors} errors, ${run.timeouts} timeouts, ${run.non2xx} non-2xx responses`,
        );
      }
      return { rps: run.requests.average, p99: run.latency.p99, p50: run.latency.p50 };
    };
    await load(ours, 2);
    await load(baseline, 2);
    const samples = await alternate(
      options.rounds,
      async (i) => {
        const sample = await load(ours, options.seconds);
        log(`  work-items-list round ${i + 1} ours: ${round(sample.rps)} req/s, p99 ${sample.p99} ms`);
        return sample;
      },
      async (i) => {
        const sample = await load(baseline, options.seconds);
        log(`  work-items-list round ${i + 1} baseline: ${round(sample.rps)} req/s, p99 ${sample.p99} ms`);
        return sample;
      },
    );
    // Latency without queueing: one client at a time (with 10 on 2 cores, p99 is mostly waiting in line).
    const single = await alternate(
      options.rounds,
      () => load(ours, options.latencySeconds, 1),
      () => load(baseline, options.latencySeconds, 1),
    );
    log(
      `  work-items-list one client: ours p99 ${median(single.ours.map((s) => s.p99))} ms, baseline ${median(single.baseline.map((s) => s.p99))} ms`,
    );
    const pick = (side: { rps: number; p99: number; p50: number }[], key: 'rps' | 'p99' | 'p50') =>
      median(side.map((s) => s[key]));

    // Keyset: the same third page reached with the second page's cursor, against what the hardware
    // gives for it: the bare keyset query through pg (prepared, same pool size), no HTTP at all.
    const second = new URLSearchParams(query);
    second.set('page', '2');
    const cursor = (await answer(ours, `/api/work-items?${second}`)).nextCursor;
    if (!cursor) throw new Error('the second page returned no cursor');
    const keyset = new URLSearchParams(query);
    keyset.delete('page');
    keyset.set('after', cursor);
    const keysetPath = `/api/work-items?${keyset}`;
    const keysetAnswer = await answer(ours, keysetPath);
    deepStrictEqual(
      keysetAnswer.items.map((item) => item.id),
      oursAnswer.items.map((item) => item.id),
      'after=<page 2 cursor> must list the items of page 3',
    );
    const bare = await bareKeysetQuery(dataset.url, scope, {
      planId: dataset.largestPlanId,
      dueBefore: query.get('dueBefore')!,
      after: oursAnswer.items[0] as unknown as { id: string; deadline: string },
      pageSize: 50,
    });
    try {
      const hardware = await alternate(
        options.rounds,
        async (i) => {
          const sample = await load(ours, options.seconds, options.connections, keysetPath);
          log(`  work-items-keyset round ${i + 1} ours: ${round(sample.rps)} req/s, p99 ${sample.p99} ms`);
          return sample;
        },
        async (i) => {
          const sample = await bare.load(options.seconds, options.connections);
          log(
            `  work-items-keyset round ${i + 1} pg alone: ${round(sample.rps)} queries/s, p99 ${round(sample.p99)} ms`,
          );
          return sample;
        },
      );
      const hardwareSingle = await alternate(
        options.rounds,
        () => load(ours, options.latencySeconds, 1, keysetPath),
        () => bare.load(options.latencySeconds, 1),
      );
      return [
        result('work-items-list', pick(samples.ours, 'rps'), pick(samples.baseline, 'rps'), 'req/s', {
          p99ms: pick(samples.ours, 'p99'),
          baselineP99ms: pick(samples.baseline, 'p99'),
          p50ms: pick(samples.ours, 'p50'),
          baselineP50ms: pick(samples.baseline, 'p50'),
          oneClientP99ms: pick(single.ours, 'p99'),
          oneClientBaselineP99ms: pick(single.baseline, 'p99'),
          oneClientP50ms: pick(single.ours, 'p50'),
          oneClientBaselineP50ms: pick(single.baseline, 'p50'),
          targetRps: 500,
          targetP99Ms: 50,
          targetOneClientP99Ms: 10,
          connections: options.connections,
          secondsPerRound: options.seconds,
          rounds: options.rounds,
          matchingItems: oursAnswer.total,
          totalExact: (oursAnswer as { totalExact?: boolean }).totalExact,
          request: `GET /api/work-items?planId=<largest plan>&status=in_progress&dueBefore=${query.get('dueBefore')}&sort=deadline&page=3&pageSize=50 as a coordinator`,
        }),
        result('work-items-keyset', pick(hardware.ours, 'rps'), pick(hardware.baseline, 'rps'), 'req/s', {
          p99ms: pick(hardware.ours, 'p99'),
          pgAloneP99ms: round(pick(hardware.baseline, 'p99')),
          oneClientP99ms: pick(hardwareSingle.ours, 'p99'),
          oneClientPgAloneP99ms: round(pick(hardwareSingle.baseline, 'p99')),
          connections: options.connections,
          baseline:
            'pg alone, no HTTP: the prepared keyset query for the same 50 ids (scope, plan, status, deadline), 10 concurrent clients',
          request: 'the same page 3 as work-items-list, reached with after=<page 2 nextCursor>',
        }),
      ];
    } finally {
      await bare.end();
    }
  } finally {
    for (const server of servers.reverse()) await server.stop();
  }
}
async function scopeOf(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT CASE WHEN o.kind = 'liaison_office' AND o.parent_id IS NOT NULL THEN o.parent_id ELSE o.id END AS id
       FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.email = $1`,
      [BENCH_USERS.coordinator.email],
    );
    if (!rows.length) throw new Error(`the bench user ${BENCH_USERS.coordinator.email} is missing`);
    return rows[0].id;
  } finally {
    await client.end();
  }
}

interface BareKeysetOptions {
  planId: string;
  dueBefore: string;
  /** The first item of the page: the bare query starts just before it. */
  after: { id: string; deadline: string };
  pageSize: number;
}

/**
 * What the hardware gives for one keyset page: the smallest query returning the page's ids
 * (scope, filters, keyset, order, limit) as a prepared statement on a pool of the api's size,
 * driven by `connections` loops in this process. Each query starts at the page's first item
 * (`>=`), so it returns exactly the ids the api lists.
 */
async function bareKeysetQuery(url: string, scope: string, options: BareKeysetOptions) {
  const pool = new Pool({ connectionString: url, max: 10, application_name: 'xietong-bench-pg-alone' });
  const statement = {
    name: 'bench_bare_keyset',
    text: `SELECT w.id, w.title, w.deadline, w.status, w.progress FROM work_items w
           WHERE w.task_id IN (SELECT task_id FROM task_lead_units WHERE organization_id = $1)
             AND w.plan_id = $2 AND w.status = 'in_progress' AND w.deadline <= $3::date
             AND (w.deadline, w.id) >= ($4::date, $5::uuid)
           ORDER BY w.deadline, w.id LIMIT $6`,
    values: [
      scope,
      options.planId,
      options.dueBefore,
      options.after.deadline,
      options.after.id,
      options.pageSize,
    ],
  };
  const check = await pool.query(statement);
  if (check.rows.length !== options.pageSize || check.rows[0].id !== options.after.id)
    throw new Error('the bare keyset query does not return the page');
  return {
    async load(seconds: number, connections: number) {
      const latencies: number[] = [];
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: connections }, async () => {
          while (performance.now() < end) {
            const started = performance.now();
            await pool.query(statement);
            latencies.push(performance.now() - started);
          }
        }),
      );
      return {
        rps: latencies.length / seconds,
        p99: percentile(latencies, 99),
        p50: percentile(latencies, 50),
      };
    },
    end: () => pool.end(),
  };
}
