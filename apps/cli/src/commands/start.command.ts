import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AppConfig } from '@xietong/config';
import { DEMO_STAFF, DEMO_USERS } from '../../../../seeds/seed-demo-users';
import { openMigratedDatabase } from './prepare-database';
import { seedAll } from './seed.command';

const DIST_APPS = join(__dirname, '..', '..', '..');

async function waitForHealth(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error('the api exited during start-up (see its log above)');
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the api did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

/**
 * `npm start`: prepare the database, then run api and worker as two processes sharing this
 * terminal. Ctrl-C stops both cleanly; if one dies, the other is stopped too.
 */
export async function start(config: AppConfig): Promise<void> {
  const log = (line: string) => console.error(`[xietong] ${line}`);
  const dataSource = await openMigratedDatabase(config, log);
  try {
    await seedAll(dataSource, config, log);
  } finally {
    await dataSource.destroy();
  }

  const children = (['api', 'worker'] as const).map((name) =>
    spawn(process.execPath, ['--enable-source-maps', join(DIST_APPS, name, 'src', 'main.js')], {
      stdio: 'inherit',
      env: { ...process.env, XIETONG_PROCESS: name },
    }),
  );
  let stopping = false;
  const stopAll = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log(`stopping api and worker (${signal})`);
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  const exits = children.map(
    (child, index) =>
      new Promise<number>((resolve) =>
        child.on('exit', (code) => {
          if (!stopping)
            log(`${index === 0 ? 'api' : 'worker'} exited with code ${code}; stopping the other`);
          stopAll('SIGTERM');
          resolve(code ?? 1);
        }),
      ),
  );

  const url = `http://localhost:${config.port}`;
  try {
    await waitForHealth(`${url}/api/health`, children[0]);
    const password = config.demoPassword ? ` (password: ${config.demoPassword})` : '';
    console.log(
      [
        '',
        `协同 Xietong is running at ${url}  (API ${url}/api, OpenAPI ${url}/docs)`,
        `Demo logins${password}:`,
        ...DEMO_USERS.map((user) => `  ${user.email.padEnd(32)} ${user.role.padEnd(12)} ${user.displayName}`),
        `  and the demo's owners: ${DEMO_STAFF.map((user) => `${user.email} (${user.displayName})`).join(', ')}`,
        'Press Ctrl-C to stop.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    log((error as Error).message);
    stopAll('SIGTERM');
  }
  const codes = await Promise.all(exits);
  process.exitCode =
    stopping && codes.every((code) => code === 0 || code === 130) ? 0 : Math.max(...codes, 1);
}
