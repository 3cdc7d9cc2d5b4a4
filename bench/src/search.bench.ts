import { Client } from 'pg';
import { searchTerms } from '@xietong/rules';
import type { WorkItemListQueryDto } from '../../apps/api/src/work-items/dto/work-item-list-query.dto';
import { workItemListStatements } from '../../apps/api/src/work-items/work-item-list.sql';
import { BENCH_PASSWORD, BENCH_USERS, Dataset } from './dataset';
import { signIn, startApi } from './processes';
import { BenchmarkResult, result } from './results';
import { percentile, round } from './stats';

/**
 * What people type into the search box, asked nationally (an admin sees all 197,000 items, the
 * widest scope): a word of a task title (1 in 24 tasks), a name in no item, a phrase of the update
 * threads (about 4 in 10 items have it) and two words that must both appear.
 */
export const SEARCHES = ['港口', '平陆运河', '协调会', '海洋生态修复 推进'] as const;

export interface SearchBenchOptions {
  /** Requests per search through the api. */
  requests: number;
  /** Runs per search of the unindexed baseline (each reads every item, task and update). */
  baselineRuns: number;
  redisUrl: string;
  log: (line: string) => void;
}

/**
 * `GET /api/work-items?q=` through the real api, one client, against the same search written as
 * ILIKE over item titles, task titles and text and an EXISTS over the updates: the query the
 * bigram index replaces. Both must count the same items. The indexed statements run bare through
 * pg (no HTTP, no Nest) are measured too, to show what the api adds.
 */
export async function benchSearch(dataset: Dataset, options: SearchBenchOptions): Promise<BenchmarkResult> {
  const { log } = options;
  const client = new Client({ connectionString: dataset.url });
  await client.connect();
  const api = await startApi(dataset.url, options.redisUrl);
  try {
    const headers = await signIn(api, BENCH_USERS.admin.email, BENCH_PASSWORD);
    const ask = async (q: string) => {
      const started = performance.now();
      const response = await fetch(
        `${api.url}/api/work-items?${new URLSearchParams({ q, pageSize: '20' })}`,
        {
          headers,
        },
      );
      if (!response.ok) throw new Error(`search ${q}: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { total: number; totalExact: boolean };
      return { ms: performance.now() - started, total: body.total, totalExact: body.totalExact };
    };
    const admin = { id: '', role: 'admin' as const, actingOrganizationId: '' };
    const bare = async (q: string) => {
      const { page, count } = workItemListStatements(admin, {
        q,
        sort: 'deadline',
        page: 1,
        pageSize: 20,
      } as WorkItemListQueryDto);
      const started = performance.now();
      await Promise.all([client.query(page.sql, page.values), client.query(count.sql, count.values)]);
      return performance.now() - started;
    };
    const unindexed = async (q: string) => {
      const values: string[] = [];
      const conditions = searchTerms(q).map((term) => {
        values.push(`%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
        const p = `$${values.length}`;
        return `(w.title ILIKE ${p} OR t.title ILIKE ${p} OR t.body ILIKE ${p}
                 OR EXISTS (SELECT 1 FROM work_item_updates u WHERE u.work_item_id = w.id AND u.text ILIKE ${p}))`;
      });
      const filtered = `FROM work_items w JOIN tasks t ON t.id = w.task_id WHERE ${conditions.join(' AND ')}`;
      const started = performance.now();
      const [, total] = await Promise.all([
        client.query(`SELECT w.id ${filtered} ORDER BY w.deadline, w.id LIMIT 20`, values),
        client.query<{ total: number }>(`SELECT count(*)::int AS total ${filtered}`, values),
      ]);
      return { ms: performance.now() - started, total: total.rows[0].total };
    };

    const ours: number[] = [];
    const bareMs: number[] = [];
    const baseline: number[] = [];
    const matches: Record<string, number> = {};
    for (const q of SEARCHES) {
      const [first, yardstick] = [await ask(q), await unindexed(q)];
      // The api counts no further than a thousand past the page (capped total).
      if (first.totalExact ? first.total !== yardstick.total : first.total > yardstick.total)
        throw new Error(`search ${q}: the api counts ${first.total} items, ILIKE ${yardstick.total}`);
      matches[q] = yardstick.total;
      await bare(q);
      for (let i = 0; i < options.requests; i++) {
        ours.push((await ask(q)).ms);
        bareMs.push(await bare(q));
      }
      for (let i = 0; i < options.baselineRuns; i++) baseline.push((await unindexed(q)).ms);
      log(
        `  search ${q}: ${yardstick.total} items (the api counts ${first.total}${first.totalExact ? '' : '+'})`,
      );
    }
    const p99 = (values: number[]) => round(percentile(values, 99));
    log(`  search: api p99 ${p99(ours)} ms, bare pg p99 ${p99(bareMs)} ms, ILIKE p99 ${p99(baseline)} ms`);
    return result('search', p99(ours), p99(baseline), 'ms', {
      p99ms: p99(ours),
      p50ms: round(percentile(ours, 50)),
      barePgP99ms: p99(bareMs),
      barePgP50ms: round(percentile(bareMs, 50)),
      baselineP99ms: p99(baseline),
      baselineP50ms: round(percentile(baseline, 50)),
      targetP99Ms: 50,
      requestsPerSearch: options.requests,
      baselineRunsPerSearch: options.baselineRuns,
      matchingItems: matches,
      request: 'GET /api/work-items?q=<search>&pageSize=20 as an admin (every item), one client',
      baseline:
        'the same page and count by ILIKE over item title, task title and text, and EXISTS over updates',
    });
  } finally {
    await api.stop();
    await client.end();
  }
}
