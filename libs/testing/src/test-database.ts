import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, ensureDatabase, quoteIdentifier } from '@xietong/db';
import { seedDemoUsers } from '../../../seeds/seed-demo-users';
import { seedOrganizations } from '../../../seeds/seed-organizations';

const SERVER_URL = process.env.TEST_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEMPLATE_ENV = 'XIETONG_TEST_TEMPLATE_DB';
export const TEST_DEMO_PASSWORD = 'xietong-demo';

export function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withServer<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Migrates and seeds a template once per jest run; each spec file then clones it in ~100 ms. */
export async function prepareTemplateDatabase(): Promise<string> {
  // Every jest project with services runs this global setup; they share the first one's template.
  const existing = process.env[TEMPLATE_ENV];
  if (existing) return existing;
  const name = `xietong_test_tpl_${process.pid}_${randomBytes(3).toString('hex')}`;
  await ensureDatabase(databaseUrl(name));
  await migrateAndSeed(databaseUrl(name));
  process.env[TEMPLATE_ENV] = name;
  return name;
}

/** The schema, the organization dictionary and the demo users, as every test database has them. */
export async function migrateAndSeed(url: string): Promise<void> {
  const dataSource = new DataSource(buildDataSourceOptions({ databaseUrl: url, poolSize: 2 }));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await seedOrganizations(dataSource);
    await seedDemoUsers(dataSource, TEST_DEMO_PASSWORD);
  } finally {
    await dataSource.destroy();
  }
}

export async function dropTemplateDatabase(): Promise<void> {
  const name = process.env[TEMPLATE_ENV];
  if (name) await dropDatabase(name);
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh database for one spec file, cloned from the migrated and seeded template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template)
    throw new Error(`${TEMPLATE_ENV} is not set: run integration specs through jest's integration project`);
  const name = `xietong_test_${randomBytes(6).toString('hex')}`;
  await withServer(async (client) => {
    // Two workers cloning the same template at the same moment can collide; a short retry settles it.
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`);
        return;
      } catch (error) {
        if (attempt >= 10 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await withServer((client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`));
}
