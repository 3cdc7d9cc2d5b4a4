import { EntityManager } from 'typeorm';
import type { OrganizationDictionaryEntry } from '@xietong/plan-parser';

/** The parser's dictionary as the database holds it (seeded plus everything verified since). */
export async function loadOrganizationDictionary(
  manager: EntityManager,
): Promise<OrganizationDictionaryEntry[]> {
  return manager.query(
    `SELECT code, name, kind, short_names AS "shortNames", aliases FROM organizations WHERE verified ORDER BY code`,
  );
}
