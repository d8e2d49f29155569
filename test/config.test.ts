import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, VERIFICATION_DEFAULTS } from '../src/config.js';
import { DEFAULT_USAGE_OPTIONS } from '../src/service/usage-recorder.js';
import { DEFAULT_CACHE_OPTIONS } from '../src/service/verification-cache.js';
import { generateToken } from '../src/domain/token-format.js';

function errorOf(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has sane defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: undefined, logLevel: 'info', orgName: 'default' });
    expect(config.dataDir.endsWith('/data')).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
    expect(config).toMatchObject({ sessionIdleMinutes: 120, sessionMaxHours: 12, loginRateLimitPerEmail: 10, loginRateLimitPerIp: 50 });
  });

  it('reads TOKENWARD_GATEWAY_CONFIG as an absolute path; unset means no gateway', () => {
    expect(loadConfig({}).gatewayConfigPath).toBeUndefined();
    expect(loadConfig({ TOKENWARD_GATEWAY_CONFIG: 'conf/gateway.yaml' }).gatewayConfigPath).toBe(`${process.cwd()}/conf/gateway.yaml`);
  });

  it('reads every variable', () => {
    const key = generateToken('admin_key').secret;
    const config = loadConfig({
      PORT: '9090',
      HOST: '0.0.0.0',
      TOKENWARD_DATA_DIR: '/var/lib/tokenward',
      DATABASE_URL: 'postgres://u:p@db:5432/tw',
      TOKENWARD_PEPPER: 'x'.repeat(40),
      TOKENWARD_BOOTSTRAP_ADMIN_KEY: key,
      LOG_LEVEL: 'DEBUG',
      TOKENWARD_ORG_NAME: 'Acme',
      TOKENWARD_PUBLIC_URL: 'https://tw.example.com/',
      TOKENWARD_SESSION_IDLE_MINUTES: '30',
      TOKENWARD_SESSION_MAX_HOURS: '8',
      TOKENWARD_LOGIN_RATE_LIMIT_PER_EMAIL: '5',
      TOKENWARD_LOGIN_RATE_LIMIT_PER_IP: '20',
    });
    expect(config).toMatchObject({
      port: 9090,
      host: '0.0.0.0',
      dataDir: '/var/lib/tokenward',
      databaseUrl: 'postgres://u:p@db:5432/tw',
      bootstrapAdminKey: key,
      logLevel: 'debug',
      orgName: 'Acme',
      publicUrl: 'https://tw.example.com',
      sessionIdleMinutes: 30,
      sessionMaxHours: 8,
      loginRateLimitPerEmail: 5,
      loginRateLimitPerIp: 20,
    });
  });

  it('names the variable, the expectation and the bad value in one line', () => {
    expect(errorOf({ PORT: 'abc' })).toBe('PORT must be an integer from 0 to 65535, got "abc".');
    expect(errorOf({ PORT: '70000' })).toContain('PORT must be');
    expect(errorOf({ LOG_LEVEL: 'loud' })).toContain('LOG_LEVEL must be one of');
    expect(errorOf({ DATABASE_URL: 'mysql://x' })).toContain('DATABASE_URL must be a postgres:// URL');
    expect(errorOf({ TOKENWARD_BOOTSTRAP_ADMIN_KEY: 'twa_nope' })).toContain('TOKENWARD_BOOTSTRAP_ADMIN_KEY');
    expect(errorOf({ TOKENWARD_BOOTSTRAP_ADMIN_KEY: generateToken('user').secret })).toContain('admin key');
    expect(errorOf({ TOKENWARD_SESSION_IDLE_MINUTES: '0' })).toBe('TOKENWARD_SESSION_IDLE_MINUTES must be a whole number of at least 1, got "0".');
    for (const message of [errorOf({ PORT: '-1' }), errorOf({ TOKENWARD_PUBLIC_URL: 'ftp://x' })]) expect(message).not.toContain('\n');
  });

  it('reads the verification tuning, whose defaults are the cache and recorder defaults', () => {
    expect(loadConfig({}).verification).toEqual({
      cacheMax: DEFAULT_CACHE_OPTIONS.max,
      cacheTtlMs: DEFAULT_CACHE_OPTIONS.ttlMs,
      usageFlushMs: DEFAULT_USAGE_OPTIONS.flushIntervalMs,
      usageFlushMaxEvents: DEFAULT_USAGE_OPTIONS.maxBatchEvents,
      usageBufferMaxEvents: DEFAULT_USAGE_OPTIONS.maxBufferedEvents,
    });
    expect(VERIFICATION_DEFAULTS).toEqual(loadConfig({}).verification);
    const config = loadConfig({
      TOKENWARD_VERIFY_CACHE_MAX: '500000',
      TOKENWARD_VERIFY_CACHE_TTL_MS: '5000',
      TOKENWARD_USAGE_FLUSH_MS: '250',
      TOKENWARD_USAGE_FLUSH_MAX_EVENTS: '5000',
      TOKENWARD_USAGE_BUFFER_MAX_EVENTS: '5000',
    });
    expect(config.verification).toEqual({ cacheMax: 500_000, cacheTtlMs: 5000, usageFlushMs: 250, usageFlushMaxEvents: 5000, usageBufferMaxEvents: 5000 });
  });

  it('refuses verification tuning out of its bounds, naming the variable and the bounds', () => {
    expect(errorOf({ TOKENWARD_VERIFY_CACHE_MAX: '0' })).toBe('TOKENWARD_VERIFY_CACHE_MAX must be a whole number from 1 to 10000000, got "0".');
    expect(errorOf({ TOKENWARD_VERIFY_CACHE_MAX: '1e6' })).toContain('TOKENWARD_VERIFY_CACHE_MAX must be a whole number');
    // The TTL is the safety net behind invalidations: never off (0), never long.
    expect(errorOf({ TOKENWARD_VERIFY_CACHE_TTL_MS: '0' })).toBe('TOKENWARD_VERIFY_CACHE_TTL_MS must be a whole number from 100 to 60000, got "0".');
    expect(errorOf({ TOKENWARD_VERIFY_CACHE_TTL_MS: '600000' })).toContain('from 100 to 60000');
    // The flush window is the SIGKILL loss bound.
    expect(errorOf({ TOKENWARD_USAGE_FLUSH_MS: '60000' })).toBe('TOKENWARD_USAGE_FLUSH_MS must be a whole number from 10 to 10000, got "60000".');
    expect(errorOf({ TOKENWARD_USAGE_FLUSH_MS: '-5' })).toContain('TOKENWARD_USAGE_FLUSH_MS');
    expect(errorOf({ TOKENWARD_USAGE_FLUSH_MAX_EVENTS: '200000' })).toContain('TOKENWARD_USAGE_FLUSH_MAX_EVENTS must be a whole number from 1 to 100000');
    expect(errorOf({ TOKENWARD_USAGE_BUFFER_MAX_EVENTS: 'lots' })).toContain('TOKENWARD_USAGE_BUFFER_MAX_EVENTS must be a whole number from 1 to 1000000');
    // The buffer holds at least one flush batch.
    expect(errorOf({ TOKENWARD_USAGE_FLUSH_MAX_EVENTS: '5000', TOKENWARD_USAGE_BUFFER_MAX_EVENTS: '4000' })).toBe(
      'TOKENWARD_USAGE_BUFFER_MAX_EVENTS must be at least TOKENWARD_USAGE_FLUSH_MAX_EVENTS (5000), got "4000".',
    );
  });

  it('reads the trusted reverse proxies as addresses, networks or a hop count', () => {
    expect(loadConfig({}).trustProxy).toBeUndefined();
    expect(loadConfig({ TOKENWARD_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual({ addresses: ['10.0.0.0/8', '127.0.0.1', '::1'] });
    expect(loadConfig({ TOKENWARD_TRUST_PROXY: '2' }).trustProxy).toEqual({ hops: 2 });
    for (const bad of ['yes', '10.0.0.0/33', '0', '300.1.1.1', '10.0.0.1/8/2']) expect(errorOf({ TOKENWARD_TRUST_PROXY: bad })).toContain('TOKENWARD_TRUST_PROXY must be');
  });

  it('never echoes a secret in its messages', () => {
    const message = errorOf({ TOKENWARD_PEPPER: 'short-secret-value' });
    expect(message).not.toContain('short-secret-value');
    expect(errorOf({ DATABASE_URL: 'mysql://admin:hunter2@db/x' })).not.toContain('hunter2');
  });
});
