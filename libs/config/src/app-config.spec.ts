import { ConfigError, DEFAULT_DEMO_PASSWORD, DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config';

describe(loadConfig.name, () => {
  it('gives working defaults for local development', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/xietong');
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.port).toBe(3000);
    expect(config.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(config.demoPassword).toBe(DEFAULT_DEMO_PASSWORD);
  });

  it('refuses to start in production without a real JWT secret', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(
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
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(
      /PORT[\s\S]*DATABASE_URL|DATABASE_URL[\s\S]*PORT/,
    );
  });
});
