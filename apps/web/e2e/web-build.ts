import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const REPOSITORY = join(__dirname, '..', '..', '..');
const BUILT_INDEX = join(REPOSITORY, 'dist', 'web', 'index.html');
const INPUTS = [
  join(REPOSITORY, 'apps', 'web', 'src'),
  join(REPOSITORY, 'apps', 'web', 'index.html'),
  join(REPOSITORY, 'apps', 'web', 'vite.config.mts'),
  // The web app bundles the pure rules (@xietong/rules) as they are.
  join(REPOSITORY, 'libs', 'rules', 'src'),
  join(REPOSITORY, 'package-lock.json'),
];

function newestChange(path: string): number {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((entry) => newestChange(join(path, entry))));
}

/**
 * dist/web as `npm run build` makes it, rebuilt when a source is newer, so the e2e tests drive
 * the current app on a clean clone too. Vite runs as its own process: it is ESM-only and Jest's
 * module system cannot load it.
 */
export async function ensureWebBuild(): Promise<void> {
  if (existsSync(BUILT_INDEX) && statSync(BUILT_INDEX).mtimeMs >= Math.max(...INPUTS.map(newestChange)))
    return;
  await promisify(execFile)(
    process.execPath,
    [
      join(REPOSITORY, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.mts',
      '--logLevel',
      'warn',
    ],
    {
      cwd: REPOSITORY,
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}
