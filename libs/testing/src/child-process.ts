import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** Starts one of our apps from source in its own process, e.g. a worker a test will SIGKILL. */
export function startAppProcess(app: 'api' | 'worker', env: Record<string, string>): ChildProcess {
  const child = spawn(
    process.execPath,
    ['-r', join(__dirname, 'ts-register.js'), join(ROOT, 'apps', app, 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Keep the pipes drained so a chatty child never blocks on a full buffer.
  child.stdout?.resume();
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors = (errors + chunk.toString()).slice(-4000)));
  child.on('exit', (code, signal) => {
    if (code && signal === null) console.error(`${app} exited with ${code}:\n${errors}`);
  });
  return child;
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
