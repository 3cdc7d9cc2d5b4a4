import { Client } from 'pg';
import { createRedisClient } from '@xietong/queue';

export class ServiceUnavailableError extends Error {}

/** host:port (or the list of them for a Redis Cluster or Sentinels), without credentials. */
function describeTarget(url: string): string {
  const hosts = url
    .replace(/^[^:]+:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .split('/')[0];
  return /:\d+/.test(hosts) ? hosts : `${hosts}:${url.startsWith('redis') ? 6379 : 5432}`;
}

/**
 * Checks Postgres and Redis before anything starts, so a missing service is one readable line
 * (what, where, how to start it) instead of a stack trace from deep inside a driver.
 */
export async function assertServicesReachable(databaseUrl: string, redisUrl: string): Promise<void> {
  const maintenanceUrl = new URL(databaseUrl);
  maintenanceUrl.pathname = '/postgres';
  const client = new Client({ connectionString: maintenanceUrl.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ServiceUnavailableError(
      `PostgreSQL is not reachable at ${describeTarget(databaseUrl)} (DATABASE_URL; ${(error as Error).message}). ` +
        `Start it with \`docker compose up -d postgres\` or the local service ` +
        `(\`pg_ctlcluster <version> main start\`), or point DATABASE_URL at a running server.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }

  const redis = createRedisClient(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 3000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new ServiceUnavailableError(
      `Redis is not reachable at ${describeTarget(redisUrl)} (REDIS_URL; ${(error as Error).message}). ` +
        `Start it with \`docker compose up -d redis\` or \`redis-server --daemonize yes\`, or point REDIS_URL at a running server.`,
    );
  } finally {
    redis.disconnect();
  }
}
