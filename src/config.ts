/**
 * Configuration, read once at boot from the environment, validated and frozen. A bad value is a
 * `ConfigError` whose message is one line naming the variable, what it must be and what it was.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { Cron } from 'croner';
import { parseToken } from './domain/token-format.js';
import { ConfigError, fail, readHttpUrl, readIntInRange, readNonEmpty, readNonNegativeInt, readOnOff, readPositiveInt, type Env } from './config-env.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Raw pepper from TOKENWARD_PEPPER; unset means the data dir's generated pepper file. */
  pepper: string | undefined;
  bootstrapAdminKey: string | undefined;
  /** TOKENWARD_BOOTSTRAP_INSTANCE_KEY: the secret of the instance administrator's first key. */
  bootstrapInstanceKey?: string | undefined;
  logLevel: LogLevel;
  orgName: string;
  ownerEmail: string;
  /** Base URL printed to users and used in links; unset means http://HOST:PORT. */
  publicUrl: string | undefined;
  /** Requests one admin key (or one anonymous IP) may make per window. */
  rateLimitMax: number;
  rateLimitWindowSeconds: number;
  /** redis://... : state that nodes must share live (rate-limit counters); unset: in-process. */
  redisUrl: string | undefined;
  /**
   * TOKENWARD_REDIS_PREFIX: put before every Redis key and channel name, so installations (or
   * test runs) sharing one Redis never count or hear each other's; empty by default.
   */
  redisKeyPrefix: string;
  /** A session unused this long ends. */
  sessionIdleMinutes: number;
  /** A session ends this long after sign-in, however busy. */
  sessionMaxHours: number;
  /** Sign-in attempts per e-mail, and per client IP, in a 15-minute window. */
  loginRateLimitPerEmail: number;
  loginRateLimitPerIp: number;
  /** GitHub secret-scanning reports (docs/leaked-tokens.md): where the signing keys come from. */
  secretScanning: SecretScanningConfig;
  /** The jobs scheduler, the delivery worker and webhook delivery (docs/automation.md). */
  automation: AutomationConfig;
  /** The verification cache and the usage write-behind (docs/verification.md). */
  verification: VerificationTuning;
  /**
   * TOKENWARD_TRUST_PROXY: which reverse proxies' X-Forwarded-For / -Proto / -Host are believed
   * (their addresses or networks, or how many hops); unset: none, the peer's address is the client.
   */
  trustProxy?: TrustProxy | undefined;
  /** TOKENWARD_GATEWAY_CONFIG: a gateway file (docs/gateway.md) that `serve` runs in process; unset: no gateway. */
  gatewayConfigPath?: string | undefined;
}

/**
 * The verification cache and usage write-behind knobs. The defaults are those of
 * src/service/verification-cache.ts and usage-recorder.ts (test/config.test.ts keeps them equal).
 */
export interface VerificationTuning {
  /** TOKENWARD_VERIFY_CACHE_MAX: token snapshots kept in memory at most (LRU). */
  cacheMax: number;
  /** TOKENWARD_VERIFY_CACHE_TTL_MS: an entry is trusted at most this long without any invalidation. */
  cacheTtlMs: number;
  /** TOKENWARD_USAGE_FLUSH_MS: the write-behind window (and the SIGKILL loss bound). */
  usageFlushMs: number;
  /** TOKENWARD_USAGE_FLUSH_MAX_EVENTS: groups per flush transaction; this many waiting flush early. */
  usageFlushMaxEvents: number;
  /** TOKENWARD_USAGE_BUFFER_MAX_EVENTS: groups held in memory at most (the overflow bound). */
  usageBufferMaxEvents: number;
}

export const VERIFICATION_DEFAULTS: Readonly<VerificationTuning> = Object.freeze({
  cacheMax: 100_000,
  cacheTtlMs: 10_000,
  usageFlushMs: 1_000,
  usageFlushMaxEvents: 1_000,
  usageBufferMaxEvents: 100_000,
});

export interface AutomationConfig {
  /** TOKENWARD_AUTOMATION: off stops the worker (no deliveries, no job runs) in this process. */
  isWorkerEnabled: boolean;
  /** TOKENWARD_SCHEDULER: off keeps the worker but creates no scheduled runs on this node. */
  isSchedulerEnabled: boolean;
  pollMs: number;
  jobLeaseMs: number;
  jobStepDelayMs: number;
  webhookTimeoutMs: number;
  /** TOKENWARD_SMTP_TIMEOUT_MS: one e-mail's whole send, connection to the last reply. */
  smtpTimeoutMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  allowPrivateWebhookUrls: boolean;
  /** TOKENWARD_JOB_SCHEDULES: cron expressions (UTC) replacing jobs' default schedules. */
  jobSchedules: Readonly<Record<string, string>>;
}

export interface SecretScanningConfig {
  /** GitHub's key list; fetched when a report names a key we do not hold. */
  keysUrl: string;
  /** A fixed key list file in GitHub's shape; when set, nothing is fetched. */
  keysFile: string | undefined;
  /** Optional token for fetching the key list (GitHub rate-limits anonymous calls). */
  githubToken: string | undefined;
}

export const DEFAULT_GITHUB_KEYS_URL = 'https://api.github.com/meta/public_keys/secret_scanning';

export { ConfigError };

export const MIN_PEPPER_LENGTH = 32;

/** Proxies to believe: addresses or CIDR networks, or a number of hops in front of the server. */
export type TrustProxy = { addresses: string[] } | { hops: number };

/** Throws ConfigError on the first bad value. */
export function loadConfig(env: Env = process.env): Readonly<Config> {
  const config: Config = {
    port: readPort(env),
    host: readNonEmpty(env, 'HOST') ?? '127.0.0.1',
    dataDir: resolve(readNonEmpty(env, 'TOKENWARD_DATA_DIR') ?? './data'),
    databaseUrl: readDatabaseUrl(env),
    pepper: readPepper(env),
    bootstrapAdminKey: readBootstrapKey(env),
    bootstrapInstanceKey: readBootstrapInstanceKey(env),
    logLevel: readLogLevel(env),
    orgName: readNonEmpty(env, 'TOKENWARD_ORG_NAME') ?? 'default',
    ownerEmail: readEmail(env),
    publicUrl: readPublicUrl(env),
    rateLimitMax: readPositiveInt(env, 'TOKENWARD_RATE_LIMIT_MAX', 1000),
    rateLimitWindowSeconds: readPositiveInt(env, 'TOKENWARD_RATE_LIMIT_WINDOW_SECONDS', 60),
    redisUrl: readRedisUrl(env),
    redisKeyPrefix: readRedisKeyPrefix(env),
    sessionIdleMinutes: readPositiveInt(env, 'TOKENWARD_SESSION_IDLE_MINUTES', 120),
    sessionMaxHours: readPositiveInt(env, 'TOKENWARD_SESSION_MAX_HOURS', 12),
    loginRateLimitPerEmail: readPositiveInt(env, 'TOKENWARD_LOGIN_RATE_LIMIT_PER_EMAIL', 10),
    loginRateLimitPerIp: readPositiveInt(env, 'TOKENWARD_LOGIN_RATE_LIMIT_PER_IP', 50),
    secretScanning: {
      keysUrl: readHttpUrl(env, 'TOKENWARD_GITHUB_KEYS_URL') ?? DEFAULT_GITHUB_KEYS_URL,
      keysFile: readNonEmpty(env, 'TOKENWARD_GITHUB_KEYS_FILE'),
      githubToken: readNonEmpty(env, 'TOKENWARD_GITHUB_TOKEN'),
    },
    automation: readAutomation(env),
    verification: readVerificationTuning(env),
    gatewayConfigPath: readGatewayConfigPath(env),
    trustProxy: readTrustProxy(env),
  };
  return Object.freeze(config);
}

function readTrustProxy(env: Env): TrustProxy | undefined {
  const raw = readNonEmpty(env, 'TOKENWARD_TRUST_PROXY');
  if (raw === undefined) return undefined;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops >= 1 && hops <= 10) return { hops };
  } else {
    const addresses = raw.split(',').map((part) => part.trim());
    const isAddressOrNetwork = (part: string) => {
      const [address, prefix, extra] = part.split('/');
      const family = isIP(address ?? '');
      if (family === 0 || extra !== undefined) return false;
      return prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
    };
    if (addresses.length > 0 && addresses.every(isAddressOrNetwork)) return { addresses };
  }
  throw new ConfigError(`TOKENWARD_TRUST_PROXY must be the proxies' addresses or networks, comma-separated (e.g. 10.0.0.0/8,127.0.0.1), or a number of hops from 1 to 10; got "${raw}".`);
}

function readGatewayConfigPath(env: Env): string | undefined {
  const raw = readNonEmpty(env, 'TOKENWARD_GATEWAY_CONFIG');
  return raw === undefined ? undefined : resolve(raw);
}

function readPort(env: Env): number {
  const raw = readNonEmpty(env, 'PORT');
  if (raw === undefined) return 8080;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) fail('PORT', 'an integer from 0 to 65535', raw);
  return Number(raw);
}

function readDatabaseUrl(env: Env): string | undefined {
  const raw = readNonEmpty(env, 'DATABASE_URL');
  if (raw === undefined) return undefined;
  let protocol: string;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    fail('DATABASE_URL', 'a postgres:// URL (or unset for SQLite in the data dir)', redactedForMessage(raw));
  }
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') {
    fail('DATABASE_URL', 'a postgres:// URL (or unset for SQLite in the data dir)', redactedForMessage(raw));
  }
  return raw;
}

function redactedForMessage(url: string): string {
  return url.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
}

function readPepper(env: Env): string | undefined {
  const raw = env.TOKENWARD_PEPPER;
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_PEPPER_LENGTH) {
    // Never echo a secret, even a bad one.
    throw new ConfigError(`TOKENWARD_PEPPER must be at least ${MIN_PEPPER_LENGTH} characters, got ${raw.length}.`);
  }
  return raw;
}

function readBootstrapKey(env: Env): string | undefined {
  const raw = readNonEmpty(env, 'TOKENWARD_BOOTSTRAP_ADMIN_KEY');
  if (raw === undefined) return undefined;
  let kind: string;
  try {
    kind = parseToken(raw).kind;
  } catch {
    throw new ConfigError(
      'TOKENWARD_BOOTSTRAP_ADMIN_KEY must be a well-formed Tokenward admin key (twa_..., with a valid checksum); `tokenward admin-key generate` prints one.',
    );
  }
  if (kind !== 'admin_key') throw new ConfigError('TOKENWARD_BOOTSTRAP_ADMIN_KEY must be an admin key (twa_...), not another kind of token.');
  return raw;
}

function readBootstrapInstanceKey(env: Env): string | undefined {
  const raw = readNonEmpty(env, 'TOKENWARD_BOOTSTRAP_INSTANCE_KEY');
  if (raw === undefined) return undefined;
  let kind: string;
  try {
    kind = parseToken(raw).kind;
  } catch {
    throw new ConfigError(
      'TOKENWARD_BOOTSTRAP_INSTANCE_KEY must be a well-formed Tokenward instance key (twi_..., with a valid checksum); `tokenward instance-key generate` prints one.',
    );
  }
  if (kind !== 'instance') throw new ConfigError('TOKENWARD_BOOTSTRAP_INSTANCE_KEY must be an instance key (twi_...), not another kind of token.');
  return raw;
}

function readLogLevel(env: Env): LogLevel {
  const raw = readNonEmpty(env, 'LOG_LEVEL');
  if (raw === undefined) return 'info';
  const level = raw.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) fail('LOG_LEVEL', `one of ${LOG_LEVELS.join(', ')}`, raw);
  return level as LogLevel;
}

function readEmail(env: Env): string {
  const raw = readNonEmpty(env, 'TOKENWARD_OWNER_EMAIL');
  if (raw === undefined) return 'owner@tokenward.local';
  if (!/^[^\s@]+@[^\s@]+$/.test(raw)) fail('TOKENWARD_OWNER_EMAIL', 'an e-mail address', raw);
  return raw;
}

function readPublicUrl(env: Env): string | undefined {
  const raw = readNonEmpty(env, 'TOKENWARD_PUBLIC_URL');
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    fail('TOKENWARD_PUBLIC_URL', 'an http:// or https:// URL', raw);
  }
  return raw.replace(/\/+$/, '');
}

/**
 * Bounds, own choice: the TTL is the safety net behind the invalidation messages, so at most a
 * minute; the flush window is the SIGKILL loss bound, so at most 10 s; a flush batch is one
 * transaction (on SQLite it blocks the event loop while it writes), so at most 100,000 groups; the
 * buffer holds at least one batch and at most 1,000,000 groups (a few hundred MB).
 */
function readVerificationTuning(env: Env): VerificationTuning {
  const d = VERIFICATION_DEFAULTS;
  const usageFlushMaxEvents = readIntInRange(env, 'TOKENWARD_USAGE_FLUSH_MAX_EVENTS', d.usageFlushMaxEvents, 1, 100_000);
  const usageBufferMaxEvents = readIntInRange(env, 'TOKENWARD_USAGE_BUFFER_MAX_EVENTS', d.usageBufferMaxEvents, 1, 1_000_000);
  if (usageBufferMaxEvents < usageFlushMaxEvents) {
    fail('TOKENWARD_USAGE_BUFFER_MAX_EVENTS', `at least TOKENWARD_USAGE_FLUSH_MAX_EVENTS (${usageFlushMaxEvents})`, String(usageBufferMaxEvents));
  }
  return {
    cacheMax: readIntInRange(env, 'TOKENWARD_VERIFY_CACHE_MAX', d.cacheMax, 1, 10_000_000),
    cacheTtlMs: readIntInRange(env, 'TOKENWARD_VERIFY_CACHE_TTL_MS', d.cacheTtlMs, 100, 60_000),
    usageFlushMs: readIntInRange(env, 'TOKENWARD_USAGE_FLUSH_MS', d.usageFlushMs, 10, 10_000),
    usageFlushMaxEvents,
    usageBufferMaxEvents,
  };
}

function readRedisUrl(env: Env): string | undefined {
  const raw = readNonEmpty(env, 'REDIS_URL');
  if (raw === undefined) return undefined;
  let protocol = '';
  try {
    protocol = new URL(raw).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') fail('REDIS_URL', 'a redis:// or rediss:// URL', redactedForMessage(raw));
  return raw;
}

function readRedisKeyPrefix(env: Env): string {
  const raw = readNonEmpty(env, 'TOKENWARD_REDIS_PREFIX');
  if (raw === undefined) return '';
  if (!/^[A-Za-z0-9:_.-]{1,64}$/.test(raw)) fail('TOKENWARD_REDIS_PREFIX', 'up to 64 letters, digits and : _ . -', raw);
  return raw;
}

function readAutomation(env: Env): AutomationConfig {
  const webhookTimeoutMs = readPositiveInt(env, 'TOKENWARD_WEBHOOK_TIMEOUT_MS', 15_000);
  if (webhookTimeoutMs > 30_000) fail('TOKENWARD_WEBHOOK_TIMEOUT_MS', 'at most 30000 (the Standard Webhooks limit)', String(webhookTimeoutMs));
  return {
    isWorkerEnabled: readOnOff(env, 'TOKENWARD_AUTOMATION', true),
    isSchedulerEnabled: readOnOff(env, 'TOKENWARD_SCHEDULER', true),
    pollMs: readPositiveInt(env, 'TOKENWARD_WORKER_POLL_MS', 1_000),
    jobLeaseMs: readPositiveInt(env, 'TOKENWARD_JOB_LEASE_MS', 120_000),
    jobStepDelayMs: readNonNegativeInt(env, 'TOKENWARD_JOB_STEP_DELAY_MS', 0),
    webhookTimeoutMs,
    smtpTimeoutMs: readIntInRange(env, 'TOKENWARD_SMTP_TIMEOUT_MS', 15_000, 1_000, 120_000),
    retryBaseMs: readPositiveInt(env, 'TOKENWARD_RETRY_BASE_MS', 5_000),
    maxAttempts: readPositiveInt(env, 'TOKENWARD_RETRY_MAX_ATTEMPTS', 10),
    allowPrivateWebhookUrls: readOnOff(env, 'TOKENWARD_WEBHOOK_ALLOW_PRIVATE_URLS', false),
    jobSchedules: readJobSchedules(env),
  };
}

/** Settings for tests and one-shot commands: no worker, no scheduler. */
export const AUTOMATION_OFF: Readonly<AutomationConfig> = Object.freeze({
  isWorkerEnabled: false,
  isSchedulerEnabled: false,
  pollMs: 1_000,
  jobLeaseMs: 120_000,
  jobStepDelayMs: 0,
  webhookTimeoutMs: 15_000,
  smtpTimeoutMs: 15_000,
  retryBaseMs: 5_000,
  maxAttempts: 10,
  allowPrivateWebhookUrls: true,
  jobSchedules: {},
});

/**
 * `name=cron;name=cron`, e.g. `weekly-digest=0 9 * * 1;idle-revoke=0 3 * * *`. Each expression is
 * checked by croner now, so a typo stops the server at start rather than silently never running.
 */
function readJobSchedules(env: Env): Record<string, string> {
  const raw = readNonEmpty(env, 'TOKENWARD_JOB_SCHEDULES');
  if (raw === undefined) return {};
  const schedules: Record<string, string> = {};
  for (const part of raw.split(';').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z0-9-]+)\s*=\s*(.+)$/.exec(part);
    if (!match) fail('TOKENWARD_JOB_SCHEDULES', 'a list of job-name=cron expression, separated by ;', raw);
    try {
      new Cron(match[2]!, { paused: true, timezone: 'UTC' }).stop();
    } catch {
      fail('TOKENWARD_JOB_SCHEDULES', `a valid cron expression for ${match[1]}`, match[2]!);
    }
    schedules[match[1]!] = match[2]!;
  }
  return schedules;
}
