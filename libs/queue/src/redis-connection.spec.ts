import { parseRedisUrl, RedisUrlError } from './redis-connection';

describe('REDIS_URL', () => {
  it('reads one server, with credentials, database and TLS', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6379')).toMatchObject({
      kind: 'standalone',
      options: { host: '127.0.0.1', port: 6379, db: 0, tls: undefined, maxRetriesPerRequest: null },
    });
    expect(parseRedisUrl('rediss://app:p%40ss@cache.internal:6380/2')).toMatchObject({
      kind: 'standalone',
      options: { host: 'cache.internal', port: 6380, db: 2, username: 'app', password: 'p@ss', tls: {} },
    });
    expect(parseRedisUrl('redis://cache').options).toMatchObject({ host: 'cache', port: 6379 });
  });

  it('reads a cluster from any of its nodes', () => {
    expect(parseRedisUrl('redis+cluster://:secret@10.0.0.1:7000,10.0.0.2:7001,[::1]:7002')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: '10.0.0.2', port: 7001 },
        { host: '::1', port: 7002 },
      ],
      options: expect.objectContaining({ password: 'secret', maxRetriesPerRequest: null }),
    });
  });

  it('reads Sentinels and the master they name', () => {
    expect(parseRedisUrl('redis+sentinel://:pw@s1:26379,s2:26379/xietong-master/1')).toMatchObject({
      kind: 'sentinel',
      options: {
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
        ],
        name: 'xietong-master',
        db: 1,
        password: 'pw',
      },
    });
  });

  it.each([
    ['http://127.0.0.1:6379', /REDIS_URL must be/],
    ['redis://a:1,b:2', /use redis\+cluster/],
    ['redis+cluster://a:1,b:2/3', /only database 0/],
    ['redis+sentinel://s1:26379', /master name/],
    ['redis://cache:6379/x', /not a database number/],
    ['redis://cache:port', /not host:port/],
  ])('refuses %s, saying why', (url, message) => {
    expect(() => parseRedisUrl(url)).toThrow(RedisUrlError);
    expect(() => parseRedisUrl(url)).toThrow(message);
  });
});
