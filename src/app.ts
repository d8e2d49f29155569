/**
 * Composition root: config -> database -> stores -> services -> http, from plain factories.
 * Nothing else in the code base opens a database, reads the environment or builds a service.
 */
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { DestinationStream, Logger } from 'pino';
import { type Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import type { Pepper } from './domain/token-digest.js';
import { createLogger } from './http/logger.js';
import { createMetrics } from './http/metrics.js';
import { buildHttp } from './http/server.js';
import { bootstrap, checkPepper, StartupError, type BootstrapResult } from './service/bootstrap-service.js';
import { type IssuedInstanceKey } from './service/instance-service.js';
import { createDelegatedGrantService } from './service/delegated-grant-service.js';
import type { DelegatedUpstreamConfig } from './domain/gateway-caller-credentials.js';
import { type LinkDelivery } from './service/link-service.js';
import { createLinkMailer } from './service/link-mailer.js';
import { createAutomationWorker, type AutomationWorker } from './service/automation-worker.js';
import { DEFAULT_CONNECTOR_SYNC_OPTIONS, type ConnectorSyncOptions } from './service/connector-sync-service.js';
import { createSecretBox } from './domain/secret-box.js';
import { createDependencyHealth, storageFaultOf, type DependencyHealth } from './service/dependency-health.js';
import { createTokenChangeBus, type BusLivenessOptions } from './service/token-change-bus.js';
import { createUsageRecorder, type UsageRecorderOptions } from './service/usage-recorder.js';
import { createVerificationService, type VerificationPolicy } from './service/verification-service.js';
import { createVerificationPolicy } from './service/verification-policy.js';
import type { VerificationCacheOptions } from './service/verification-cache.js';
import { createPgChangeTransport } from './store/pg-change-transport.js';
import { createRedisChangeTransport } from './store/redis-change-transport.js';
import { createRedisUsageCounters } from './store/redis-usage-counters.js';
import { createUsageCounters } from './service/usage-counters.js';
import { createTokenLimitsService } from './service/token-limits-service.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './store/db.js';
import { refreshPlannerStatistics } from './store/planner-statistics.js';
import { foldCountDeltas } from './store/token-counts.js';
import { sweepExpiryMarks } from './store/token-idle-counts.js';
import { loadPepper } from './store/pepper-file.js';
import { VERSION } from './version.js';
import { assertKnownJobs, createServices, githubKeySourceOf } from './service-wiring.js';

export interface CoreOptions {
  config: Readonly<Config>;
  clock?: Clock;
  /** The externally visible base URL links point at; default TOKENWARD_PUBLIC_URL or http://HOST:PORT. */
  baseUrl?: () => string;
  /** The delivery seam of self-service links (docs/sign-in.md); default: dropped. */
  deliverLink?: LinkDelivery;
  /** Verification: cache size and TTL, usage flushing, the policy seam. Defaults suit production. */
  verification?: VerificationOptions | undefined;
  /** Connector syncs: lease length, upstream timeouts and page size. Defaults suit production. */
  connectors?: Partial<ConnectorSyncOptions> | undefined;
  /** Where outages of the database, Redis and the change listener are reported (the serving app's). */
  health?: DependencyHealth | undefined;
}

export interface VerificationOptions {
  cache?: Partial<VerificationCacheOptions> | undefined;
  usage?: Partial<UsageRecorderOptions> | undefined;
  policy?: VerificationPolicy | undefined;
  onError?: (error: unknown, context: string) => void;
  /** How the change bus judges that it hears the other nodes; defaults suit production. */
  liveness?: Partial<BusLivenessOptions> | undefined;
}

/** Database and services, with no HTTP: what the CLI's one-shot commands need. */
export async function createCore(options: CoreOptions) {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  assertKnownJobs(config);
  const { pepper } = loadPepper(config);
  const githubKeys = githubKeySourceOf(config, clock);
  const database = openWritableDatabase(config, pepper);
  try {
    await migrateToLatest(database);
    await checkPepper(database.db, pepper);
  } catch (error) {
    await database.close();
    throw startupErrorOfStorage(config, error);
  }
  const fallbackBaseUrl = config.publicUrl ?? `http://${displayHost(config.host)}:${config.port}`;
  const verification = options.verification ?? {};
  const onError = verification.onError ?? (() => undefined);
  // Token changes reach the other nodes over LISTEN/NOTIFY on PostgreSQL, unless Redis carries
  // them (createApp attaches it); SQLite is single-node.
  const bus = createTokenChangeBus({ onError, liveness: verification.liveness, onLivenessChange: (isLive) => options.health?.report('change_listener', isLive) });
  if (database.dialect === 'postgres' && config.databaseUrl && !config.redisUrl) {
    bus.attachTransport(createPgChangeTransport({ databaseUrl: config.databaseUrl, db: database.db, onError }));
  }
  // The env's tuning (TOKENWARD_VERIFY_CACHE_*, TOKENWARD_USAGE_*), unless the caller sets its own.
  const tuning = config.verification;
  const usageOptions = { flushIntervalMs: tuning.usageFlushMs, maxBatchEvents: tuning.usageFlushMaxEvents, maxBufferedEvents: tuning.usageBufferMaxEvents, ...verification.usage };
  const cacheOptions = { max: tuning.cacheMax, ttlMs: tuning.cacheTtlMs, ...verification.cache };
  // A flush that fails because the database is away is part of that outage (logged once, retried
  // at the next tick); any other failure is logged as it comes.
  const onUsageError = (error: unknown) => {
    const fault = storageFaultOf(error);
    if (options.health && fault) options.health.report(fault === 'read_only' ? 'disk' : 'database', false, error);
    else onError(error, 'flushing usage');
  };
  const usage = createUsageRecorder({ db: database.db, options: usageOptions, onError: onUsageError });
  // Rate-limit and quota counts: this node's memory; createApp attaches Redis when REDIS_URL is set.
  const usageCounters = createUsageCounters(onError);
  const verificationService = createVerificationService({ db: database.db, pepper, clock, bus, usage, policy: verification.policy ?? createVerificationPolicy(clock), cache: cacheOptions, counters: usageCounters });
  const services = {
    ...createServices(database, pepper, clock, {
      config,
      githubKeys,
      bus,
      baseUrl: options.baseUrl ?? (() => fallbackBaseUrl),
      deliverLink: options.deliverLink ?? (async () => undefined),
      usage,
      // A sync's claim on its connector lasts as long as a job run's (TOKENWARD_JOB_LEASE_MS).
      connectors: { ...DEFAULT_CONNECTOR_SYNC_OPTIONS, leaseMs: config.automation.jobLeaseMs, ...options.connectors },
    }),
    verification: verificationService,
    tokenLimits: createTokenLimitsService({ db: database.db, clock, bus, verification: verificationService }),
    usageRecorder: usage,
  };
  // PostgreSQL's count triggers append deltas (so concurrent writers never lock count rows):
  // folding them in now and then keeps the count reads short. Marking the tokens whose expiry has
  // passed keeps the idle counts' corrections to a few tokens. An outage's failures wait for the next tick.
  const maintainCounts = async () => {
    await sweepExpiryMarks(database.db, database.dialect, clock().getTime());
    await foldCountDeltas(database.db, database.dialect);
  };
  const countFold = setInterval(() => void maintainCounts().catch((error: unknown) => (storageFaultOf(error) ? undefined : onError(error, 'maintaining token counts'))), COUNT_FOLD_MS);
  countFold.unref();
  // SQLite's planner statistics: gathered now for tables that lack them (a new database, an
  // upgrade, new indexes) and refreshed as tables grow. A failure leaves the old statistics,
  // which still plan correctly, only slower.
  const refreshStatistics = () =>
    refreshPlannerStatistics(database.db, database.dialect).catch((error: unknown) => (storageFaultOf(error) ? undefined : onError(error, 'gathering query statistics')));
  await refreshStatistics();
  const statisticsRefresh = setInterval(() => void refreshStatistics(), STATISTICS_REFRESH_MS);
  statisticsRefresh.unref();
  let closed = false;
  return {
    config,
    clock,
    pepper,
    database,
    services,
    bus,
    usageCounters,
    /** Flushes buffered usage, then lets go of the bus and the database. */
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(countFold);
      clearInterval(statisticsRefresh);
      try {
        await services.connectorSync.close();
        await usage.close();
      } finally {
        services.verification.close();
        await bus.close().catch(() => undefined);
        await database.close();
      }
    },
  };
}

/**
 * `tokenward migrate`: the schema only, no bootstrap. The handle carries the pepper because
 * migration 0008 chains the audit entries already in the log under a key derived from it.
 */
export async function migrateDatabase(config: Readonly<Config>): Promise<{ applied: string[]; location: string }> {
  const { pepper } = loadPepper(config);
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pepper });
  try {
    return { applied: await migrateToLatest(database), location: database.location };
  } finally {
    await database.close();
  }
}

function openWritableDatabase(config: Readonly<Config>, pepper: Pepper): DatabaseHandle {
  try {
    return openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pepper, checkpointInBackground: true });
  } catch (error) {
    throw startupErrorOfStorage(config, error);
  }
}

/** A data directory the server cannot write is said in words at start, not as a driver's stack. */
function startupErrorOfStorage(config: Readonly<Config>, error: unknown): unknown {
  if (config.databaseUrl || storageFaultOf(error) !== 'read_only') return error;
  return new StartupError(
    `cannot write the database in ${config.dataDir} (${(error as Error).message}): make sure the disk has free space and the directory and its files are writable by the user running Tokenward.`,
  );
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type Services = Core['services'];

export interface AppOptions extends CoreOptions {
  /** Where logs go; stdout when unset. */
  logDestination?: DestinationStream;
  /** The in-process gateway's delegated upstream, whose connect pages members use. */
  delegatedUpstream?: DelegatedUpstreamConfig | undefined;
}

export interface App {
  core: Core;
  http: FastifyInstance;
  logger: Logger;
  bootstrap: BootstrapResult;
  /** The instance administrator's first key, when this start issued it (shown once), else null. */
  instanceKey: IssuedInstanceKey | null;
  /** The worker: started by `listen()` when TOKENWARD_AUTOMATION is on; tests drive `runPass`. */
  worker: AutomationWorker;
  /** Listens on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  baseUrl(): string;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = createLogger(config.logLevel, options.logDestination);
  const health = createDependencyHealth({ log: logger });
  health.track('database');
  health.track('disk');
  let baseUrl = config.publicUrl ?? `http://${displayHost(config.host)}:${config.port}`;
  // Self-service reset links go by e-mail through the org's SMTP settings (docs/sign-in.md); the
  // mailer needs the database, so it is made once the core is.
  let mailLink: LinkDelivery = async () => undefined;
  const core = await createCore({
    ...options,
    baseUrl: () => baseUrl,
    deliverLink: options.deliverLink ?? ((message) => mailLink(message)),
    verification: { ...options.verification, onError: options.verification?.onError ?? ((error, context) => logger.error({ err: error }, context)) },
    health,
  });
  mailLink = createLinkMailer({ db: core.database.db, smtpPasswords: createSecretBox(core.pepper, 'smtp-password'), smtpTimeoutMs: config.automation.smtpTimeoutMs, log: (fields, message) => logger.info(fields, message) });
  let redis: Redis | undefined;
  let limitsRedis: Redis | undefined;
  try {
    const bootstrapResult = await bootstrap(
      { db: core.database.db, pepper: core.pepper, clock: core.clock, tokens: core.services.tokens, links: core.services.links },
      { orgName: config.orgName, ownerEmail: config.ownerEmail, ownerName: 'Owner', presetAdminKey: config.bootstrapAdminKey },
    );
    const instanceKey = await core.services.instance.issueFirstKey(config.bootstrapInstanceKey);
    redis = config.redisUrl ? connectRedis(config.redisUrl, config.redisKeyPrefix, health) : undefined;
    if (redis) core.bus.attachTransport(createRedisChangeTransport({ publisher: redis, channelPrefix: config.redisKeyPrefix, onError: (error, context) => logger.warn({ err: error }, context) }));
    // Its own connection, failing fast: a verification never waits on a broken Redis (it counts in memory then).
    limitsRedis = redis?.duplicate({ enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: LIMITS_REDIS_TIMEOUT_MS });
    limitsRedis?.on('error', () => undefined);
    if (limitsRedis) core.usageCounters.attachShared(createRedisUsageCounters(limitsRedis));
    // A node that answered before its connections were up would count its first requests in its
    // own memory, outside the limits the other nodes share: start once they are up, or refused, or
    // after the connection timeout (then the node counts alone until Redis answers, as in an outage).
    if (redis && limitsRedis) await Promise.all([firstConnection(redis), firstConnection(limitsRedis)]);
    const pingDatabase = () => pingWithin(core.database.ping(), PING_TIMEOUT_MS).then(
      () => health.report('database', true),
      (error: unknown) => {
        health.report('database', false, error);
        throw error;
      },
    );
    // While the database is down, look every second, so its return is logged (and counted) soon.
    const databaseWatch = setInterval(() => {
      if (!health.isUp('database')) pingDatabase().catch(() => undefined);
      if (!health.isUp('disk')) {
        core.database.probeWrite().then(
          () => health.report('disk', true),
          () => undefined,
        );
      }
    }, 1000);
    databaseWatch.unref();
    const http = await buildHttp({
      logger,
      metrics: createMetrics(),
      services: core.services,
      pingDatabase,
      health,
      isVerifyingFromCache: () => core.bus.isLive(),
      baseUrl: () => baseUrl,
      version: VERSION,
      rateLimit: { max: config.rateLimitMax, windowSeconds: config.rateLimitWindowSeconds, redis, onRedisAnswer: (error) => health.report('redis', error === null, error ?? undefined) },
      signInRateLimit: { perEmail: config.loginRateLimitPerEmail, perIp: config.loginRateLimitPerIp },
      now: core.clock,
      trustProxy: config.trustProxy,
      upstreamConnections: options.delegatedUpstream ? createDelegatedGrantService({ db: core.database.db, pepper: core.pepper, clock: core.clock, upstream: options.delegatedUpstream }) : undefined,
    });
    const worker = createAutomationWorker({
      clock: core.clock,
      deliveries: core.services.deliveries,
      jobs: core.services.jobs,
      connectorSync: core.services.connectorSync,
      options: { pollMs: config.automation.pollMs, deliveryConcurrency: 10, isSchedulerEnabled: config.automation.isSchedulerEnabled },
      log: logger.child({ component: 'automation' }),
    });
    // Last: probing the other nodes starts once the slow, CPU-bound setup above is done.
    await core.bus.start();
    if (core.bus.silentForMs() !== null) health.track('change_listener');
    let closed = false;
    return {
      core,
      http,
      logger,
      bootstrap: bootstrapResult,
      instanceKey,
      worker,
      baseUrl: () => baseUrl,
      async listen() {
        await http.listen({ host: config.host, port: config.port });
        const address = http.server.address();
        if (!config.publicUrl && address && typeof address === 'object') baseUrl = `http://${displayHost(config.host)}:${address.port}`;
        // The worker runs in serving processes only: one-shot CLI commands never send anything.
        if (config.automation.isWorkerEnabled) worker.start();
        return baseUrl;
      },
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(databaseWatch);
        await worker.stop();
        await http.close();
        await redis?.quit().catch(() => undefined);
        await limitsRedis?.quit().catch(() => undefined);
        await core.close();
      },
    };
  } catch (error) {
    redis?.disconnect();
    limitsRedis?.disconnect();
    await core.close();
    throw error;
  }
}

/** How often pending token-count deltas are folded into the counts (PostgreSQL). */
const COUNT_FOLD_MS = 2000;
/**
 * SQLite advises a refresh about once a day; hourly keeps a fresh install that imports tens of
 * thousands of tokens (a first connector sync) from planning on empty-table guesses for long, and
 * a refresh with nothing grown ten-fold does no analysis.
 */
const STATISTICS_REFRESH_MS = 60 * 60_000;
/** How long a verification waits for Redis's rate-limit counts before counting in memory instead. */
const LIMITS_REDIS_TIMEOUT_MS = 250;
const PING_TIMEOUT_MS = 2000;
const REDIS_CONNECT_TIMEOUT_MS = 2000;

/** A database that does not answer (a stalled connection) is as unready as one that refuses. */
function pingWithin(ping: Promise<void>, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([ping, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The shared Redis connection. Commands fail at once while it is away (no offline queue) and
 * within a second when it stalls, so a request never waits on Redis: the rate limiters then let
 * requests through. Its outage is logged once and counted (dependency health).
 */
function connectRedis(url: string, keyPrefix: string, health: DependencyHealth): Redis {
  // The key prefix goes with every command, its duplicates' too (the limits connection, the subscriber).
  const redis = new Redis(url, { keyPrefix, maxRetriesPerRequest: 1, connectTimeout: REDIS_CONNECT_TIMEOUT_MS, commandTimeout: 1000, enableOfflineQueue: false });
  health.track('redis');
  redis.on('ready', () => health.report('redis', true));
  redis.on('error', (error: Error) => health.report('redis', false, error));
  redis.on('close', () => health.report('redis', false));
  return redis;
}

/** Settles when a Redis connection is first ready, or fails, or after its connection timeout. */
function firstConnection(connection: Redis): Promise<void> {
  if (connection.status === 'ready') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      connection.off('ready', done);
      connection.off('error', done);
      resolve();
    };
    const timer = setTimeout(done, REDIS_CONNECT_TIMEOUT_MS);
    connection.once('ready', done);
    connection.once('error', done);
  });
}

/** A wildcard bind address is not something to paste into curl. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
