import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
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

  it('never echoes a secret in its messages', () => {
    const message = errorOf({ TOKENWARD_PEPPER: 'short-secret-value' });
    expect(message).not.toContain('short-secret-value');
    expect(errorOf({ DATABASE_URL: 'mysql://admin:hunter2@db/x' })).not.toContain('hunter2');
  });
});
