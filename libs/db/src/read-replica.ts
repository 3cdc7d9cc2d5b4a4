import { DataSource } from 'typeorm';

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
