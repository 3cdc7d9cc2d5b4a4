import { createServer } from 'node:net';

/** Whether a TCP port on loopback is free now. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * `count` distinct loopback ports free now, drawn at random from [from, from + span) so specs
 * running side by side rarely try the same; `alsoFree` asks for a twin port too (a Redis Cluster
 * node's bus listens on its port + 10000).
 */
export async function freePorts(
  count: number,
  from: number,
  span: number,
  alsoFree?: (port: number) => number,
): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = from + Math.floor(Math.random() * span);
    if (ports.includes(port) || !(await portIsFree(port))) continue;
    if (alsoFree && !(await portIsFree(alsoFree(port)))) continue;
    ports.push(port);
  }
  return ports;
}
