import { prepareTemplateDatabase } from './test-database';

/** Runs once per `jest` run: builds the migrated, seeded template every integration spec clones. */
export default async function globalSetup(): Promise<void> {
  await prepareTemplateDatabase();
}
