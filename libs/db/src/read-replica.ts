import { createHash } from 'node:crypto';
import type { Pool, QueryResultRow } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel.js';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * Runs a read on a replica when DATABASE_READ_URLS names some (TypeORM picks one), on the primary
 * otherwise. Only for reads that may lag the primary by a moment: lists, not a check before a write.
 */
export async function queryReplica<T>(dataSource: DataSource, sql: string, values: unknown[]): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    return await runner.query(sql, values);
  } finally {
    await runner.release();
  }
}

/**
 * Runs `work` in one transaction on a replica when there are some (hot standbys take read-only
 * REPEATABLE READ snapshots), on the primary otherwise: a report's reads see one moment of the
 * data, without loading the primary. Never for writes.
 */
export async function transactionOnReplica<T>(
  dataSource: DataSource,
  isolation: IsolationLevel,
  work: (reader: EntityManager) => Promise<T>,
): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    await runner.startTransaction(isolation);
    try {
      const result = await work(runner.manager);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    }
  } finally {
    await runner.release();
  }
}

/**
 * The statement's name: a digest of its text, so one text is prepared once per connection and two
 * texts never share a name (pg refuses a name reused for other text on the same connection).
 */
export function preparedStatementName(sql: string): string {
  return `xt_${createHash('sha1').update(sql).digest('base64url').slice(0, 20)}`;
}

/** The pg pool of the primary, or of a random replica for `replica` reads when there are some. */
export function poolOf(dataSource: DataSource, target: 'primary' | 'replica'): Pool {
  const driver = dataSource.driver as PostgresDriver;
  const replicas = driver.slaves as Pool[];
  if (target === 'replica' && replicas.length) return replicas[Math.floor(Math.random() * replicas.length)];
  return driver.master as Pool;
}

/**
 * A hot read as a named (prepared) statement through the pg pool under TypeORM: Postgres parses
 * and plans it once per connection instead of on every request (TypeORM's `query` never names
 * statements). For texts built from a bounded set of shapes only, since each stays prepared on
 * every pooled connection.
 */
export async function queryPrepared<T extends QueryResultRow>(
  dataSource: DataSource,
  target: 'primary' | 'replica',
  sql: string,
  values: unknown[],
): Promise<T[]> {
  const result = await poolOf(dataSource, target).query<T>({
    name: preparedStatementName(sql),
    text: sql,
    values,
  });
  return result.rows;
}
