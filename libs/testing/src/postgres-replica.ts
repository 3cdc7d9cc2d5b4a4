import { execFile } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { eventually } from './http-receiver';
import { freePorts } from './free-ports';

const run = promisify(execFile);

export interface StreamingReplicaSet {
  /** The primary's database, migrated and seeded like the test template. */
  primaryUrl: string;
  /** A hot standby of the primary, fed by streaming replication. */
  replicaUrl: string;
  /** Stops applying the primary's changes on the replica (it keeps receiving them), as lag would. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  close(): Promise<void>;
}

function postgresBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  return join('/usr/lib/postgresql', versions[versions.length - 1], 'bin');
}

/**
 * Runs a Postgres program as the postgres user when we are root (initdb and the server refuse
 * root), as ourselves otherwise.
 */
function asPostgres(program: string, args: string[]): Promise<{ stdout: string }> {
  const path = join(postgresBin(), program);
  return userInfo().uid === 0 ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
}

async function sql(url: string, text: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/**
 * A primary and a streaming replica, made the way an operator would: `initdb`, then
 * `pg_basebackup -R` from the running primary and a second server on the copy. Both listen on
 * loopback ports of their own and keep their files in a temporary directory `close` removes.
 */
export async function startStreamingReplicaSet(
  prepare: (primaryUrl: string) => Promise<void>,
): Promise<StreamingReplicaSet> {
  const root = mkdtempSync(join(tmpdir(), 'xietong-pg-replica-'));
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    chownSync(root, Number(stdout), Number(group));
  }
  const [primaryPort, replicaPort] = await freePorts(2, 25000, 2000);
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const start = (dir: string, port: number) =>
    asPostgres('pg_ctl', [
      '-D',
      dir,
      '-l',
      join(root, `${port}.log`),
      '-w',
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`,
      'start',
    ]);
  const stop = (dir: string) =>
    asPostgres('pg_ctl', ['-D', dir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
  const url = (port: number) => `postgres://postgres@127.0.0.1:${port}/xietong`;
  const close = async () => {
    await stop(replicaDir);
    await stop(primaryDir);
    rmSync(root, { recursive: true, force: true });
  };
  try {
    // trust for local and loopback connections, replication included, as on the test server.
    await asPostgres('initdb', [
      '-D',
      primaryDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    await start(primaryDir, primaryPort);
    await sql(`postgres://postgres@127.0.0.1:${primaryPort}/postgres`, 'CREATE DATABASE xietong');
    await prepare(url(primaryPort));
    await asPostgres('pg_basebackup', [
      '-h',
      '127.0.0.1',
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      replicaDir,
      '-X',
      'stream',
      // An immediate checkpoint, not a spread one that would make the copy wait for minutes.
      '--checkpoint=fast',
      // -R writes standby.signal and primary_conninfo: the copy starts as a streaming standby.
      '-R',
    ]);
    await start(replicaDir, replicaPort);
    await eventually(
      async () => {
        const client = new Client({ connectionString: url(primaryPort) });
        await client.connect();
        try {
          return (await client.query(`SELECT state FROM pg_stat_replication`)).rows.map((row) => row.state);
        } finally {
          await client.end();
        }
      },
      (states) => states.includes('streaming'),
      30_000,
    );
  } catch (error) {
    await close();
    throw error;
  }
  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(replicaPort),
    pauseReplay: () => sql(url(replicaPort), 'SELECT pg_wal_replay_pause()'),
    resumeReplay: () => sql(url(replicaPort), 'SELECT pg_wal_replay_resume()'),
    close,
  };
}
