import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ConfigError,
  DEFAULT_DEMO_PASSWORD,
  JWT_SECRET_FILE,
  loadConfig,
  PUBLISHED_JWT_SECRET,
} from './app-config';

describe(loadConfig.name, () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'xietong-config-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('gives working defaults for local development', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/xietong');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.demoPassword).toBe(DEFAULT_DEMO_PASSWORD);
    expect(config.trustProxy).toBe('loopback');
  });

  it('generates a development JWT secret once per instance, keeps it private, and never uses a published one', () => {
    const first = loadConfig({ DATA_DIR: dataDir }).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(first).not.toBe(PUBLISHED_JWT_SECRET);
    expect(loadConfig({ DATA_DIR: dataDir }).jwtSecret).toBe(first);
    const file = join(dataDir, JWT_SECRET_FILE);
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);

    const other = mkdtempSync(join(tmpdir(), 'xietong-config-'));
    try {
      expect(loadConfig({ DATA_DIR: other }).jwtSecret).not.toBe(first);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    expect(() => loadConfig({ DATA_DIR: dataDir, JWT_SECRET: PUBLISHED_JWT_SECRET })).toThrow(
      /JWT_SECRET: is the published development value/,
    );
  });

  it('reads TRUST_PROXY as Express expects it and refuses "trust everyone"', () => {
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe(
      '10.0.0.0/8, loopback',
    );
    expect(() => loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ DATA_DIR: dataDir, TRUST_PROXY: 'proxy.example.com' })).toThrow(/TRUST_PROXY/);
  });

  it('takes Redis Cluster and Sentinel URLs, and refuses a queue prefix without a hash tag on a cluster', () => {
    const cluster = 'redis+cluster://10.0.0.1:7000,10.0.0.2:7000';
    expect(loadConfig({ REDIS_URL: cluster }).queuePrefix).toBe('{xietong}');
    expect(loadConfig({ REDIS_URL: 'redis+sentinel://s1:26379/mymaster' }).redisUrl).toMatch(
      /^redis\+sentinel/,
    );
    expect(() => loadConfig({ REDIS_URL: cluster, QUEUE_PREFIX: 'xietong' })).toThrow(
      /QUEUE_PREFIX: needs a hash tag on a Redis Cluster/,
    );
    expect(() => loadConfig({ REDIS_URL: 'memcached://x:1' })).toThrow(
      /REDIS_URL: must be redis:\/\/host:port/,
    );
  });

  it('refuses to start in production without a real JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: PUBLISHED_JWT_SECRET })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(ConfigError);
  });

  it('seeds no demo users in production unless a non-default password is chosen', () => {
    const secret = 'a'.repeat(40);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret }).demoPassword).toBeNull();
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD }),
    ).toThrow(/DEMO_PASSWORD/);
  });

  it('lists every invalid setting in one message', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });
});
