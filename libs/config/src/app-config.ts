import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/**
 * The secret earlier versions shipped for development. It is public, so tokens signed with it
 * would be forgeable: it is refused everywhere, never used.
 */
export const PUBLISHED_JWT_SECRET = 'xietong-development-secret-do-not-use-in-production';
export const DEFAULT_DEMO_PASSWORD = 'xietong-demo';
/** Where a development instance keeps what it generates for itself (the JWT secret). */
export const JWT_SECRET_FILE = 'jwt-secret';

const postgresUrl = z
  .string()
  .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL, e.g. postgres://postgres@127.0.0.1:5432/xietong');

const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    PUBLIC_URL: z.string().url().optional(),
    DATABASE_URL: postgresUrl.default('postgres://postgres@127.0.0.1:5432/xietong'),
    DATABASE_READ_URLS: z
      .string()
      .optional()
      .transform((value) =>
        value
          ? value
              .split(',')
              .map((url) => url.trim())
              .filter(Boolean)
          : [],
      ),
    REDIS_URL: z
      .string()
      .regex(
        /^rediss?(\+(cluster|sentinel))?:\/\//,
        'must be redis://host:port, redis+cluster://host1:port1,host2:port2 or redis+sentinel://host1:port1,host2:port2/mastername',
      )
      .default('redis://127.0.0.1:6379'),
    QUEUE_PREFIX: z.string().min(1).default('{xietong}'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
      .default('smtp://127.0.0.1:1025'),
    MAIL_FROM: z.string().default('协同 Xietong <no-reply@xietong.local>'),
    JWT_SECRET: z
      .string()
      .optional()
      .refine(
        (secret) => secret !== PUBLISHED_JWT_SECRET,
        'is the published development value; choose your own',
      ),
    DATA_DIR: z.string().min(1).default('.data'),
    TRUST_PROXY: z
      .string()
      .default('loopback')
      .refine(
        isTrustProxySetting,
        'must be "loopback", "false", a hop count such as 1, or a comma-separated list of addresses/CIDRs and the names loopback, linklocal, uniquelocal',
      ),
    JWT_ACCESS_TTL_SECONDS: z.coerce.number().int().positive().default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().positive().default(30),
    DEMO_PASSWORD: z.string().optional(),
    REMINDER_SCAN_EVERY_SECONDS: z.coerce.number().int().min(10).default(300),
    OUTBOX_SWEEP_AFTER_SECONDS: z.coerce.number().int().min(1).default(120),
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
    DELIVERY_BACKOFF_MS: z.coerce.number().int().min(10).default(2000),
    DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().min(10).default(300_000),
    DELIVERY_RETRY_WINDOW_SECONDS: z.coerce.number().int().min(1).default(86_400),
    SCHEDULER_HEAL_EVERY_SECONDS: z.coerce.number().int().min(1).default(60),
    REPORT_RUN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).default(900),
    WEBHOOK_ALLOWED_HOSTS: z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(',')
          .map((host) =>
            host
              .trim()
              .toLowerCase()
              .replace(/^\[(.*)\]$/, '$1'),
          )
          .filter(Boolean),
      ),
    QUEUE_STALLED_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
    ATTACHMENT_STORAGE: z.enum(['postgres', 's3']).default('postgres'),
    ATTACHMENT_MAX_FILE_MB: z.coerce.number().positive().max(2048).default(20),
    ATTACHMENT_MAX_ITEM_MB: z.coerce.number().positive().max(100_000).default(200),
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('true'),
    REPORT_MAX_ITEMS: z.coerce.number().int().min(1).optional(),
    REPORT_RUNS_CONCURRENT_PER_USER: z.coerce.number().int().min(1).max(100).default(2),
    REPORT_RUNS_PER_HOUR_PER_USER: z.coerce.number().int().min(1).max(10_000).default(30),
    IMPORT_MAX_TASKS: z.coerce.number().int().min(1).optional(),
    IMPORT_MAX_WORK_ITEMS: z.coerce.number().int().min(1).optional(),
    /** The worker answers GET /health on this port when set (docker-compose's health check). */
    WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Unset: readable lines on a terminal, JSON otherwise; `npm run dev` asks for pretty through its pipes. */
    LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  })
  .superRefine((env, ctx) => {
    if (env.ATTACHMENT_STORAGE === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({
        code: 'custom',
        path: ['S3_BUCKET'],
        message: 'is required when ATTACHMENT_STORAGE=s3',
      });
    }
    // BullMQ's scripts touch several keys of a queue at once; on a cluster they must share a slot.
    if (/^rediss?\+cluster:/.test(env.REDIS_URL) && !/\{[^}]+\}/.test(env.QUEUE_PREFIX)) {
      ctx.addIssue({
        code: 'custom',
        path: ['QUEUE_PREFIX'],
        message:
          'needs a hash tag on a Redis Cluster, e.g. {xietong}, so that each queue keeps its keys in one slot',
      });
    }
    if (env.NODE_ENV !== 'production') return;
    if (!env.JWT_SECRET || env.JWT_SECRET.length < 32) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message:
          'is required in production: set it to a random string of at least 32 characters (e.g. `openssl rand -hex 32`)',
      });
    }
    if (env.DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD) {
      ctx.addIssue({
        code: 'custom',
        path: ['DEMO_PASSWORD'],
        message: 'must not be the public default in production: unset it (no demo users) or choose another',
      });
    }
  });

export interface AppConfig {
  nodeEnv: 'development' | 'test' | 'production';
  port: number;
  publicUrl: string;
  databaseUrl: string;
  databaseReadUrls: string[];
  redisUrl: string;
  queuePrefix: string;
  smtpUrl: string;
  mailFrom: string;
  /** JWT_SECRET, or outside production a random one generated once and kept under DATA_DIR. */
  jwtSecret: string;
  /** Express's `trust proxy`: which hops may tell us the client's address in X-Forwarded-For. */
  trustProxy: boolean | number | string;
  jwtAccessTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** Null in production unless set explicitly: then no demo users are seeded. */
  demoPassword: string | null;
  reminderScanEverySeconds: number;
  outboxSweepAfterSeconds: number;
  deliveryConcurrency: number;
  /** First retry delay of a failed delivery; doubles each attempt up to `deliveryBackoffMaxMs`. */
  deliveryBackoffMs: number;
  deliveryBackoffMaxMs: number;
  /** How long transient failures (server down, greylisting, HTTP 5xx) are retried before the row says failed. */
  deliveryRetryWindowSeconds: number;
  /** How often each worker checks that its job schedulers still exist in Redis (and re-creates them). */
  schedulerHealEverySeconds: number;
  /** A report run still queued or running this long after it was requested is enqueued again. */
  reportRunTimeoutSeconds: number;
  /** Webhook hosts exempt from the private-address refusal (lower case, IPv6 without brackets). */
  webhookAllowedHosts: string[];
  /** How soon a job whose worker died is handed to another worker. */
  queueStalledIntervalMs: number;
  /**
   * Work items one report may cover, beyond which people are asked to filter; none by default:
   * the XLSX and CSV stream and the documents keep to their summaries, so size no longer needs one.
   */
  reportMaxItems: number | null;
  /** Report runs one person may have queued or running at once. */
  reportRunsConcurrentPerUser: number;
  /** Report runs one person may request in any hour. */
  reportRunsPerHourPerUser: number;
  /** Per-import ceilings on tasks and on work items (task × unit, milestones included); unset = the importer's. */
  importMaxTasks?: number;
  importMaxWorkItems?: number;
  logLevel: string;
  attachments: {
    /** Where evidence files live: chunked rows in Postgres (default) or an S3-compatible bucket. */
    storage: 'postgres' | 's3';
    maxFileBytes: number;
    /** All files of one work item together. */
    maxItemBytes: number;
    s3: {
      endpoint?: string;
      region: string;
      bucket?: string;
      accessKeyId?: string;
      secretAccessKey?: string;
      forcePathStyle: boolean;
    };
  };
  workerHealthPort: number | undefined;
  logFormat: 'pretty' | 'json' | undefined;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; every problem is listed in one message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL,
    databaseReadUrls: e.DATABASE_READ_URLS,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    jwtSecret: e.JWT_SECRET ?? generatedJwtSecret(resolve(e.DATA_DIR)),
    trustProxy: trustProxyValue(e.TRUST_PROXY),
    jwtAccessTtlSeconds: e.JWT_ACCESS_TTL_SECONDS,
    refreshTokenTtlDays: e.REFRESH_TOKEN_TTL_DAYS,
    demoPassword: e.DEMO_PASSWORD ?? (production ? null : DEFAULT_DEMO_PASSWORD),
    reminderScanEverySeconds: e.REMINDER_SCAN_EVERY_SECONDS,
    outboxSweepAfterSeconds: e.OUTBOX_SWEEP_AFTER_SECONDS,
    deliveryConcurrency: e.DELIVERY_CONCURRENCY,
    deliveryBackoffMs: e.DELIVERY_BACKOFF_MS,
    deliveryBackoffMaxMs: e.DELIVERY_BACKOFF_MAX_MS,
    deliveryRetryWindowSeconds: e.DELIVERY_RETRY_WINDOW_SECONDS,
    schedulerHealEverySeconds: e.SCHEDULER_HEAL_EVERY_SECONDS,
    reportRunTimeoutSeconds: e.REPORT_RUN_TIMEOUT_SECONDS,
    webhookAllowedHosts: e.WEBHOOK_ALLOWED_HOSTS,
    queueStalledIntervalMs: e.QUEUE_STALLED_INTERVAL_MS,
    reportMaxItems: e.REPORT_MAX_ITEMS ?? null,
    reportRunsConcurrentPerUser: e.REPORT_RUNS_CONCURRENT_PER_USER,
    reportRunsPerHourPerUser: e.REPORT_RUNS_PER_HOUR_PER_USER,
    importMaxTasks: e.IMPORT_MAX_TASKS,
    importMaxWorkItems: e.IMPORT_MAX_WORK_ITEMS,
    logLevel: e.LOG_LEVEL,
    attachments: {
      storage: e.ATTACHMENT_STORAGE,
      maxFileBytes: Math.round(e.ATTACHMENT_MAX_FILE_MB * 1024 * 1024),
      maxItemBytes: Math.round(e.ATTACHMENT_MAX_ITEM_MB * 1024 * 1024),
      s3: {
        endpoint: e.S3_ENDPOINT,
        region: e.S3_REGION,
        bucket: e.S3_BUCKET,
        accessKeyId: e.S3_ACCESS_KEY_ID,
        secretAccessKey: e.S3_SECRET_ACCESS_KEY,
        forcePathStyle: e.S3_FORCE_PATH_STYLE === 'true',
      },
    },
    workerHealthPort: e.WORKER_HEALTH_PORT,
    logFormat: e.LOG_FORMAT,
  };
}

/**
 * Outside production nobody should have to set a secret, yet a constant in the code would let
 * anyone sign tokens for any instance: each instance generates its own on first start and keeps it
 * (0600) so tokens survive restarts and every process on the machine agrees.
 */
function generatedJwtSecret(dataDir: string): string {
  const file = join(dataDir, JWT_SECRET_FILE);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another process (the worker, a second api) created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32)
    throw new ConfigError(
      `${file} holds a JWT secret shorter than 32 characters; delete it to generate a new one.`,
    );
  return secret;
}

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const IP_OR_CIDR = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]+)(\/\d{1,3})?$/i;

function isTrustProxySetting(value: string): boolean {
  if (value === 'false' || value === 'true' || /^\d{1,2}$/.test(value)) return value !== 'true';
  return value
    .split(',')
    .map((part) => part.trim())
    .every((part) => TRUST_PROXY_NAMES.has(part) || IP_OR_CIDR.test(part));
}

function trustProxyValue(value: string): boolean | number | string {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
