import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DataSource } from 'typeorm';
import { PlanImporter } from '@xietong/domain';
import { decodePlanText } from '@xietong/plan-parser';

export const SAMPLE_PLAN_FILE = 'beibu-gulf-city-cluster-implementation-plan-2022.txt';

/** seeds/plans sits at the repository root both from source (tests) and from dist/ (npm start, Docker). */
export function samplePlansDirectory(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'seeds', 'plans');
    if (existsSync(join(candidate, SAMPLE_PLAN_FILE))) return candidate;
  }
  throw new Error(`seeds/plans/${SAMPLE_PLAN_FILE} not found above ${from}`);
}

/**
 * Imports the Beibu Gulf plan through the same importer as the API, once: when any plan exists
 * (this one, re-titled, or the users' own), it does nothing. The demo manager manages it.
 */
export async function seedSamplePlan(dataSource: DataSource): Promise<string | null> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM plans`);
  if (count > 0) return null;
  const text = decodePlanText(await readFile(join(samplePlansDirectory(), SAMPLE_PLAN_FILE))).text;
  const result = await new PlanImporter(dataSource).import({ text, actorId: null });
  await dataSource.query(
    `INSERT INTO plan_managers (plan_id, user_id) SELECT $1, id FROM users WHERE email = 'manager@xietong.local'
     ON CONFLICT DO NOTHING`,
    [result.planId],
  );
  return result.parsed.title;
}
