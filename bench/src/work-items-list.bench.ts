import { deepStrictEqual } from 'node:assert/strict';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { BENCH_PASSWORD, BENCH_USERS, Dataset } from './dataset';
import { startServer, RunningServer } from './processes';
import { BenchmarkResult, result } from './results';
import { alternate, median, round } from './stats';

export interface ListBenchOptions {
  rounds: number;
  seconds: number;
  connections: number;
  /** Each round of the one-client latency run. */
  latencySeconds: number;
  redisUrl: string;
  log: (line: string) => void;
}

const DIST = join(__dirname, '..', '..');

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
): Promise<BenchmarkResult> {
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
    const ours = await startServer(
      'api',
      join(DIST, 'apps', 'api', 'src', 'main.js'),
      {
        ...process.env,
        NODE_ENV: 'production',
        JWT_SECRET: 'bench-' + 'x'.repeat(40),
        JWT_ACCESS_TTL_SECONDS: '3600',
        DATABASE_URL: dataset.url,
        DATABASE_READ_URLS: '',
        REDIS_URL: options.redisUrl,
        QUEUE_PREFIX: '{xietong-bench}',
        LOG_LEVEL: 'warn',
        DEMO_PASSWORD: '',
      },
      '/api/health',
    );
    servers.push(ours);
    const baseline = await startServer(
      'baseline list server',
      join(__dirname, 'baseline-list-server.js'),
      { ...process.env, DATABASE_URL: dataset.url, SCOPE_ORGANIZATION_ID: scope },
      '/api/health',
    );
    servers.push(baseline);

    const login = await fetch(`${ours.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: BENCH_USERS.coordinator.email, password: BENCH_PASSWORD }),
    });
    if (!login.ok) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };
    const headers = { authorization: `Bearer ${accessToken}` };

    // Same work: the two answers must be identical before either is timed.
    const answer = async (server: RunningServer) => {
      const response = await fetch(server.url + path, { headers });
      if (!response.ok) throw new Error(`${server.url}${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as { items: unknown[]; total: number };
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

    const load = async (server: RunningServer, seconds: number, connections = options.connections) => {
      const run = await autocannon({
        url: server.url + path,
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
    const pick = (side: typeof samples.ours, key: 'rps' | 'p99' | 'p50') => median(side.map((s) => s[key]));
    return result('work-items-list', pick(samples.ours, 'rps'), pick(samples.baseline, 'rps'), 'req/s', {
      p99ms: pick(samples.ours, 'p99'),
      baselineP99ms: pick(samples.baseline, 'p99'),
      p50ms: pick(samples.ours, 'p50'),
      baselineP50ms: pick(samples.baseline, 'p50'),
      oneClientP99ms: pick(single.ours, 'p99'),
      oneClientBaselineP99ms: pick(single.baseline, 'p99'),
      oneClientP50ms: pick(single.ours, 'p50'),
      oneClientBaselineP50ms: pick(single.baseline, 'p50'),
      targetP99Ms: 50,
      connections: options.connections,
      secondsPerRound: options.seconds,
      rounds: options.rounds,
      matchingItems: oursAnswer.total,
      request: `GET /api/work-items?planId=<largest plan>&status=in_progress&dueBefore=${query.get('dueBefore')}&sort=deadline&page=3&pageSize=50 as a coordinator`,
    });
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
