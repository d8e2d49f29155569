/** A whole app (real database, real services, Fastify) for HTTP tests, with its logs captured. */
import { Writable } from 'node:stream';
import { createApp, type App, type AppOptions, type VerificationOptions } from '../../src/app.js';
import { AUTOMATION_OFF, VERIFICATION_DEFAULTS, type Config } from '../../src/config.js';
import type { Clock } from '../../src/domain/clock.js';
import type { DialectName } from '../../src/store/db.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestApp {
  app: App;
  db: TestDatabase;
  orgId: string;
  /** The bootstrap admin key: every admin scope. */
  adminKey: string;
  logs: string[];
  close(): Promise<void>;
}

export function testConfig(db: TestDatabase, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: db.dataDir,
    databaseUrl: db.databaseUrl,
    pepper: undefined,
    bootstrapAdminKey: undefined,
    logLevel: 'info',
    orgName: 'acme',
    ownerEmail: 'owner@acme.test',
    publicUrl: undefined,
    rateLimitMax: 1000,
    rateLimitWindowSeconds: 60,
    redisUrl: undefined,
    redisKeyPrefix: '',
    sessionIdleMinutes: 120,
    sessionMaxHours: 12,
    loginRateLimitPerEmail: 10,
    loginRateLimitPerIp: 50,
    secretScanning: { keysUrl: 'http://127.0.0.1:9/unused-github-keys', keysFile: undefined, githubToken: undefined },
    automation: AUTOMATION_OFF,
    verification: VERIFICATION_DEFAULTS,
    ...overrides,
  };
}

export interface TestAppOptions {
  config?: Partial<Config>;
  clock?: Clock;
  /** Where self-service links go (the delivery seam); default: the app's own (logs the link id only). */
  deliverLink?: AppOptions['deliverLink'];
  /** Verification cache, usage flushing and policy seam. */
  verification?: VerificationOptions;
  /** Connector syncs: lease, upstream timeouts and page size. */
  connectors?: AppOptions['connectors'];
  /** Runs before `ready()`: the place to add test-only routes. */
  beforeReady?: (http: App['http']) => void;
  /** The in-process gateway's delegated upstream (members' connect pages). */
  delegatedUpstream?: AppOptions['delegatedUpstream'];
}

export async function startTestApp(dialect: DialectName, options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase(dialect);
  const logs: string[] = [];
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await createApp({
    config: testConfig(db, options.config),
    clock: options.clock,
    logDestination,
    deliverLink: options.deliverLink,
    // The change bus's liveness has tests of its own. Here a loaded machine must not make a node
    // distrust its cache, nor replace its change listener (a probe unanswered for 2 s does), which
    // drops every cached token and makes a test's count of cache misses or its close flaky.
    verification: { liveness: { liveWindowMs: 60_000, probeDeadlineMs: 60_000 }, ...options.verification },
    connectors: options.connectors,
    delegatedUpstream: options.delegatedUpstream,
  }).catch(async (error: unknown) => {
    // A start refused (a bad setting) leaves no database behind.
    await db.drop();
    throw error;
  });
  if (!app.bootstrap.firstStart) throw new Error('expected a first start on a fresh database');
  options.beforeReady?.(app.http);
  await app.http.ready();
  return {
    app,
    db,
    orgId: app.bootstrap.org.id,
    adminKey: app.bootstrap.adminKey.secret,
    logs,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export function bearer(key: string): { authorization: string } {
  return { authorization: `Bearer ${key}` };
}
