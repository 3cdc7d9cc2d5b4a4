import type { PoolClient } from 'pg';
import Cursor from 'pg-cursor';
import type { EntityManager } from 'typeorm';

/**
 * The rows of a query in batches of `batchSize`, read through a server-side cursor (pg-cursor) on
 * the manager's own connection: inside a transaction every batch reads its snapshot, and only one
 * batch is in memory at a time. Without a transaction the rows come from a connection of its own.
 */
export async function* queryInBatches<T>(
  manager: EntityManager,
  sql: string,
  params: unknown[],
  batchSize: number,
): AsyncGenerator<T[]> {
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  const ownRunner = runner !== manager.queryRunner;
  try {
    const client = (await runner.connect()) as PoolClient;
    const cursor = client.query(new Cursor<T>(sql, params));
    try {
      for (;;) {
        const rows = await cursor.read(batchSize);
        if (rows.length === 0) return;
        yield rows;
      }
    } finally {
      await cursor.close();
    }
  } finally {
    if (ownRunner) await runner.release();
  }
}
