import type { ConnectionOptions, RedisOptions } from 'bullmq';
import Redis, { Cluster } from 'ioredis';

/**
 * Where Redis is, from REDIS_URL:
 * - `redis://[user:password@]host:port[/db]` (`rediss://` for TLS): one server;
 * - `redis+cluster://[user:password@]host1:port1,host2:port2,…` (`rediss+cluster://`): a Redis
 *   Cluster, found from any of the nodes listed;
 * - `redis+sentinel://[user:password@]host1:port1,host2:port2,…/mastername[/db]`: the master
 *   that these Sentinels name (the password is the master's).
 */
export type RedisTarget =
  | { kind: 'standalone'; options: RedisOptions }
  | { kind: 'cluster'; nodes: { host: string; port: number }[]; options: RedisOptions }
  | { kind: 'sentinel'; options: RedisOptions };

const REDIS_URL =
  /^(rediss?)(?:\+(cluster|sentinel))?:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/?#@]+)(?:\/([^?#]*))?$/;

export class RedisUrlError extends Error {}

function hosts(list: string): { host: string; port: number }[] {
  return list.split(',').map((entry) => {
    const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(entry.trim());
    if (!match) throw new RedisUrlError(`"${entry}" is not host:port`);
    return { host: match[1].replace(/^\[|\]$/g, ''), port: Number(match[2] ?? 6379) };
  });
}

function database(text: string | undefined): number {
  if (!text) return 0;
  if (!/^\d{1,2}$/.test(text)) throw new RedisUrlError(`"/${text}" is not a database number`);
  return Number(text);
}

export function parseRedisUrl(redisUrl: string): RedisTarget {
  const match = REDIS_URL.exec(redisUrl.trim());
  if (!match) {
    throw new RedisUrlError(
      'REDIS_URL must be redis://host:port, redis+cluster://host1:port1,host2:port2 or redis+sentinel://host1:port1,host2:port2/mastername',
    );
  }
  const [, scheme, topology, user, password, hostList, path] = match;
  const options: RedisOptions = {
    username: user ? decodeURIComponent(user) : undefined,
    password: password ? decodeURIComponent(password) : undefined,
    tls: scheme === 'rediss' ? {} : undefined,
    // BullMQ's workers block on Redis and must never give up on a command.
    maxRetriesPerRequest: null,
  };
  const nodes = hosts(hostList);
  if (topology === 'cluster') {
    if (path) throw new RedisUrlError('a Redis Cluster has only database 0: drop the path');
    return { kind: 'cluster', nodes, options };
  }
  if (topology === 'sentinel') {
    const [name, db, ...rest] = (path ?? '').split('/');
    if (!name || rest.length)
      throw new RedisUrlError('redis+sentinel:// needs the master name: …/mastername');
    return {
      kind: 'sentinel',
      options: { ...options, sentinels: nodes, name: decodeURIComponent(name), db: database(db) },
    };
  }
  if (nodes.length !== 1)
    throw new RedisUrlError('redis:// names one server; use redis+cluster:// for several');
  return { kind: 'standalone', options: { ...options, ...nodes[0], db: database(path) } };
}

/**
 * A client for REDIS_URL, any form. `keyPrefix` (rate limits) must hash-tag like the queue prefix
 * on a cluster, so a MULTI stays in one slot.
 */
export function createRedisClient(redisUrl: string, extra: RedisOptions = {}): Redis | Cluster {
  const target = parseRedisUrl(redisUrl);
  if (target.kind !== 'cluster') return new Redis({ ...target.options, ...extra });
  const { keyPrefix, lazyConnect, retryStrategy, ...redisOptions } = { ...target.options, ...extra };
  return new Cluster(target.nodes, {
    keyPrefix,
    lazyConnect,
    clusterRetryStrategy: retryStrategy ?? undefined,
    redisOptions,
  });
}

/**
 * BullMQ's `connection`: options for one server or a Sentinel-managed master (BullMQ opens its
 * own connections), a Cluster client for a cluster (BullMQ duplicates it where it blocks). On a
 * cluster every key of a queue must hash to one slot, hence a hash-tagged prefix such as `{xietong}`
 * (the configuration refuses any other there).
 */
export function redisConnectionOptions(redisUrl: string): ConnectionOptions {
  const target = parseRedisUrl(redisUrl);
  return target.kind === 'cluster' ? createRedisClient(redisUrl) : target.options;
}
