import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * dist/web sits at the repository root, whether this file runs compiled (dist/apps/api/src/web)
 * or from source (tests); the first dist/web with an index.html above `from` is the build.
 */
export function findWebBuild(from = __dirname): string | null {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'dist', 'web');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}
