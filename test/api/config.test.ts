import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config';

describe('loadConfig', () => {
  it('applies safe defaults and freezes the result', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('/srv/app/data'));
    expect(config.logLevel).toBe('info');
    expect(config.basemapStyleUrl).toBeNull();
    expect(config.trustProxy).toBe(false);
    expect(config.sessionTtlHours).toBe(12);
    expect(config.databaseUrl).toBeNull();
    expect(Object.isFrozen(config)).toBe(true);
    expect(loadConfig({ SESSION_TTL_HOURS: '0.5' }).sessionTtlHours).toBe(0.5);
    expect(config.publicOrigins).toEqual([]);
    expect(config.frameAncestors).toEqual(["'self'"]);
    expect(config.requestTimeoutSeconds).toBe(30);
    expect(config.maxExpensiveRequests).toBe(8);
  });

  it('reads the trusted origin, framing, timeout and concurrency settings', () => {
    const config = loadConfig({
      PUBLIC_ORIGIN: 'https://map.laocai.gov.vn',
      FRAME_ANCESTORS: "'self' https://*.laocai.gov.vn",
      REQUEST_TIMEOUT_SECONDS: '10',
      MAX_EXPENSIVE_REQUESTS: '2',
    });
    expect(config).toMatchObject({
      publicOrigins: ['https://map.laocai.gov.vn'],
      frameAncestors: ["'self'", 'https://*.laocai.gov.vn'],
      requestTimeoutSeconds: 10,
      maxExpensiveRequests: 2,
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATA_DIR: '/var/lib/map',
        LOG_LEVEL: 'WARN',
        GEODATA_DIR: 'geo',
        CLIENT_DIR: '/www',
        BASEMAP_STYLE_URL: 'https://tiles.example.org/style.json',
        TRUST_PROXY: '2',
        DATABASE_URL: 'postgresql://lcmap:secret@db.example.vn:5432/lcmap?sslmode=require',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: '/var/lib/map',
      logLevel: 'warn',
      geodataDir: path.resolve('/srv/app/geo'),
      clientDir: '/www',
      basemapStyleUrl: 'https://tiles.example.org/style.json',
      trustProxy: 2,
      databaseUrl: 'postgresql://lcmap:secret@db.example.vn:5432/lcmap?sslmode=require',
    });
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
    ]);
  });

  it.each([
    [{ PORT: 'http' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ BASEMAP_STYLE_URL: 'tiles/style.json' }, /BASEMAP_STYLE_URL/],
    [{ BASEMAP_STYLE_URL: 'file:///etc/passwd' }, /BASEMAP_STYLE_URL/],
    [{ TRUST_PROXY: 'yes please' }, /TRUST_PROXY/],
    [{ SESSION_TTL_HOURS: '0' }, /SESSION_TTL_HOURS/],
    [{ SESSION_TTL_HOURS: 'forever' }, /SESSION_TTL_HOURS/],
    [{ DATABASE_URL: 'mysql://u:p@h/db' }, /DATABASE_URL must be postgres:/],
    [{ DATABASE_URL: 'postgres://u:p@h:5432' }, /DATABASE_URL/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ PUBLIC_ORIGIN: 'map.example.vn' }, /PUBLIC_ORIGIN/],
    [{ PUBLIC_ORIGIN: 'ftp://map.example.vn' }, /PUBLIC_ORIGIN/],
    [{ FRAME_ANCESTORS: '*' }, /FRAME_ANCESTORS/],
    [{ REQUEST_TIMEOUT_SECONDS: '0' }, /REQUEST_TIMEOUT_SECONDS/],
    [{ REQUEST_TIMEOUT_SECONDS: '1e3' }, /REQUEST_TIMEOUT_SECONDS/],
    [{ MAX_EXPENSIVE_REQUESTS: '-1' }, /MAX_EXPENSIVE_REQUESTS/],
  ])('throws a clear ConfigError for %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('never repeats a DATABASE_URL password in its message', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://lcmap:s3cret-pw@db/x' })).toThrow(/^(?!.*s3cret-pw)/s);
  });
});
