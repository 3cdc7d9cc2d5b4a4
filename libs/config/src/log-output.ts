import type { AppConfig } from './app-config';

/**
 * Where pino writes: readable, coloured lines for a developer whose terminal is the output, one JSON
 * object per line for everything that reads logs (Docker, CI, files, a log shipper). `LOG_FORMAT`
 * overrides the guess (`npm run dev` runs behind concurrently's pipes and asks for pretty). Production
 * always gets JSON — pino-pretty is a development dependency and is not in the image.
 */
export function logTransport(
  config: Pick<AppConfig, 'nodeEnv' | 'logFormat'>,
  output: { isTTY?: boolean } = process.stdout,
): { target: string; options: Record<string, unknown> } | undefined {
  const pretty = config.logFormat ? config.logFormat === 'pretty' : Boolean(output.isTTY);
  if (config.nodeEnv === 'production' || !pretty) return undefined;
  return {
    target: 'pino-pretty',
    options: { colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,process' },
  };
}
