/**
 * Composition root: config -> database -> stores -> services -> http, from plain factories.
 * Nothing else in the code base opens a database, reads the environment or builds a service.
 */
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { DestinationStream, Logger } from 'pino';
import type { Config } from './config.js';
import { systemClock, type Clock } from './domain/clock.js';
import { deriveCursorKey } from './domain/cursor.js';
import type { Pepper } from './domain/token-digest.js';
import { createLogger } from './http/logger.js';
import { createMetrics } from './http/metrics.js';
import { buildHttp } from './http/server.js';
import { bootstrap, checkPepper, type BootstrapResult } from './service/bootstrap-service.js';
import { createGroupDirectoryService } from './service/group-directory-service.js';
import { createOrganizationService } from './service/organization-service.js';
import { createOrgTokenService } from './service/org-token-service.js';
import { createServiceAccountService } from './service/service-account-service.js';
import { createTokenInventoryService } from './service/token-inventory-service.js';
import { createTokenService } from './service/token-service.js';
import { createUserDirectoryService } from './service/user-directory-service.js';
import { migrateToLatest, openDatabase, type DatabaseHandle } from './store/db.js';
import { loadPepper } from './store/pepper-file.js';
import { VERSION } from './version.js';

export interface CoreOptions {
  config: Readonly<Config>;
  clock?: Clock;
}

/** Database and services, with no HTTP: what the CLI's one-shot commands need. */
export async function createCore(options: CoreOptions) {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const { pepper } = loadPepper(config);
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(database);
    await checkPepper(database.db, pepper);
  } catch (error) {
    await database.close();
    throw error;
  }
  const services = createServices(database, pepper, clock);
  return { config, clock, pepper, database, services, close: () => database.close() };
}

function createServices(database: DatabaseHandle, pepper: Pepper, clock: Clock) {
  const { db } = database;
  // Signs page cursors; services that page take it (see src/domain/cursor.ts).
  const cursorKey = deriveCursorKey(pepper);
  return {
    tokens: createTokenService({ db, pepper, clock }),
    organizations: createOrganizationService({ db }),
    directoryUsers: createUserDirectoryService({ db, clock, cursorKey }),
    directoryGroups: createGroupDirectoryService({ db, clock, cursorKey }),
    serviceAccounts: createServiceAccountService({ db, clock, cursorKey }),
    inventory: createTokenInventoryService({ db, dialect: database.dialect, clock, cursorKey }),
    orgTokens: createOrgTokenService({ db, dialect: database.dialect, clock, cursorKey }),
  };
}

export type Core = Awaited<ReturnType<typeof createCore>>;
export type Services = Core['services'];

export interface AppOptions extends CoreOptions {
  /** Where logs go; stdout when unset. */
  logDestination?: DestinationStream;
}

export interface App {
  core: Core;
  http: FastifyInstance;
  logger: Logger;
  bootstrap: BootstrapResult;
  /** Listens on the configured host and port; resolves to the base URL. */
  listen(): Promise<string>;
  baseUrl(): string;
  close(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = createLogger(config.logLevel, options.logDestination);
  const core = await createCore(options);
  let redis: Redis | undefined;
  try {
    const bootstrapResult = await bootstrap(
      { db: core.database.db, pepper: core.pepper, clock: core.clock, tokens: core.services.tokens },
      { orgName: config.orgName, ownerEmail: config.ownerEmail, ownerName: 'Owner', presetAdminKey: config.bootstrapAdminKey },
    );
    let baseUrl = config.publicUrl ?? `http://${displayHost(config.host)}:${config.port}`;
    redis = config.redisUrl ? new Redis(config.redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 2000 }) : undefined;
    redis?.on('error', (error: Error) => logger.warn({ err: error }, 'redis error'));
    const http = await buildHttp({
      logger,
      metrics: createMetrics(),
      services: core.services,
      pingDatabase: () => core.database.ping(),
      baseUrl: () => baseUrl,
      version: VERSION,
      rateLimit: { max: config.rateLimitMax, windowSeconds: config.rateLimitWindowSeconds, redis },
    });
    let closed = false;
    return {
      core,
      http,
      logger,
      bootstrap: bootstrapResult,
      baseUrl: () => baseUrl,
      async listen() {
        await http.listen({ host: config.host, port: config.port });
        const address = http.server.address();
        if (!config.publicUrl && address && typeof address === 'object') baseUrl = `http://${displayHost(config.host)}:${address.port}`;
        return baseUrl;
      },
      async close() {
        if (closed) return;
        closed = true;
        await http.close();
        await redis?.quit().catch(() => undefined);
        await core.close();
      },
    };
  } catch (error) {
    redis?.disconnect();
    await core.close();
    throw error;
  }
}

/** A wildcard bind address is not something to paste into curl. */
function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '[::]') return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}
