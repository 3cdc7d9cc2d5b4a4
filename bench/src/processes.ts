import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A server the benchmark started; `stop` ends it and waits for it to exit. */
export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Whatever happens to the benchmark (an exception, Ctrl-C), no server it started outlives it. */
process.on('exit', () => {
  for (const child of running)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Starts `node script` with `env` and waits until `readyPath` answers 200. */
export async function startServer(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  readyPath: string,
  timeoutMs = 60_000,
): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [script], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    running.delete(child);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited during start-up (code ${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(url + readyPath)).ok) return { url, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${name} did not answer ${readyPath} within ${timeoutMs / 1000} s:\n${output}`);
}

/** The real api from the build (production mode, log level warn) on the benchmark's database. */
export function startApi(databaseUrl: string, redisUrl: string): Promise<RunningServer> {
  return startServer(
    'api',
    join(__dirname, '..', '..', 'apps', 'api', 'src', 'main.js'),
    {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: 'bench-' + 'x'.repeat(40),
      JWT_ACCESS_TTL_SECONDS: '3600',
      DATABASE_URL: databaseUrl,
      DATABASE_READ_URLS: '',
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: '{xietong-bench}',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD: '',
    },
    '/api/health',
  );
}

/** Signs in to a running api and returns the headers of an authenticated request. */
export async function signIn(
  server: RunningServer,
  email: string,
  password: string,
): Promise<{ authorization: string }> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!login.ok) throw new Error(`bench login failed: ${login.status} ${await login.text()}`);
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { authorization: `Bearer ${accessToken}` };
}
