import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from './free-ports';
import { eventually } from './http-receiver';

const run = promisify(execFile);

export interface RedisCluster {
  /** `redis+cluster://127.0.0.1:p1,…`, the form REDIS_URL takes in production. */
  url: string;
  ports: number[];
  close(): Promise<void>;
}

/**
 * A Redis Cluster of `masters` masters (no replicas) on loopback, made the way an operator would:
 * `redis-server --cluster-enabled yes` per node, then `redis-cli --cluster create`. It keeps
 * nothing on disk beyond a temporary directory removed by `close`.
 */
export async function startRedisCluster(masters = 3): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'xietong-redis-cluster-'));
  // Each node's cluster bus listens on its port + 10000.
  const ports = await freePorts(masters, 17000, 2500, (port) => port + 10000);
  const nodes: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, `nodes-${port}.conf`),
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        // BullMQ's requirement: a queue's keys are never evicted.
        '--maxmemory-policy',
        'noeviction',
      ],
      { stdio: 'ignore' },
    ),
  );
  const close = async () => {
    await Promise.all(
      nodes.map(
        (node) =>
          new Promise<void>((resolve) => {
            if (node.exitCode !== null || node.signalCode !== null) return resolve();
            node.once('exit', () => resolve());
            node.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      await eventually(
        () =>
          run('redis-cli', ['-p', String(port), 'ping']).then(
            ({ stdout }) => stdout.trim(),
            () => 'down',
          ),
        (answer) => answer === 'PONG',
        10_000,
      );
    }
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    // Every node must agree that all slots are served before a client may rely on it.
    for (const port of ports) {
      await eventually(
        async () => (await run('redis-cli', ['-p', String(port), 'cluster', 'info'])).stdout,
        (info) => /cluster_state:ok/.test(info),
        20_000,
      );
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { url: `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`, ports, close };
}
