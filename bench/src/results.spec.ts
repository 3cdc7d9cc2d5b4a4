import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import {
  historyFileName,
  isResultsFile,
  readPrevious,
  result,
  resultsFile,
  resultsTable,
  writeResults,
} from './results';

const DATASET = {
  provinces: 34,
  centralBodies: 80,
  plans: 300,
  tasks: 15000,
  workItems: 197000,
  updates: 1000000,
};

describe('bench results', () => {
  it('derives the slowdown from the two figures', () => {
    expect(result('work-items-list', 1234, 2000, 'req/s', { p99ms: 41 })).toEqual({
      name: 'work-items-list',
      ours: 1234,
      baseline: 2000,
      unit: 'req/s',
      slowdown: 1.62,
      detail: { p99ms: 41 },
    });
    expect(result('joint-report', 90, 60, 'ms').slowdown).toBe(1.5);
  });

  it('has the shape CONTRACT.md gives for latest.json', () => {
    const file = resultsFile(new Date('2026-05-01T10:20:30.123Z'), DATASET, [
      result('plan-parse', 2, 1, 'ms'),
    ]);
    expect(file).toEqual({
      at: '2026-05-01T10:20:30.123Z',
      machine: expect.stringMatching(/cores/),
      dataset: DATASET,
      results: [
        expect.objectContaining({ name: 'plan-parse', ours: 2, baseline: 1, unit: 'ms', slowdown: 2 }),
      ],
    });
    expect(isResultsFile(file)).toBe(true);
    expect(isResultsFile({ ...file, results: [{ ...file.results[0], name: 'other' }] })).toBe(false);
    expect(isResultsFile({ at: 1 })).toBe(false);
  });

  it('names history files so they sort by time and contain no colons', () => {
    expect(historyFileName('2026-05-01T10:20:30.123Z')).toBe('2026-05-01T10-20-30Z.json');
  });

  it('writes latest.json and a dated copy, and reads the latest back as the previous run', async () => {
    const directory = await mkdtemp(join(os.tmpdir(), 'bench-results-'));
    try {
      expect(await readPrevious(directory)).toBeNull();
      const file = resultsFile(new Date('2026-05-01T10:20:30Z'), DATASET, [
        result('reminder-scan', 30, 20, 'ms'),
      ]);
      await writeResults(directory, file);
      expect((await readdir(directory)).sort()).toEqual(['2026-05-01T10-20-30Z.json', 'latest.json']);
      expect(JSON.parse(await readFile(join(directory, 'latest.json'), 'utf8'))).toEqual(file);
      expect(await readPrevious(directory)).toEqual(file);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('prints each slowdown beside the previous run’s', () => {
    const previous = resultsFile(new Date(), DATASET, [result('joint-report', 40, 20, 'ms')]);
    const now = resultsFile(new Date(), DATASET, [
      result('joint-report', 60, 20, 'ms', { workItems: 50000 }),
    ]);
    const table = resultsTable(now, previous);
    expect(table).toMatch(/joint-report\s+60 ms\s+20 ms\s+3\.00\s+2 → 3\s+workItems=50000/);
    expect(resultsTable(now, null)).toMatch(/3\.00\s+–/);
  });
});
