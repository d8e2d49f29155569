/**
 * Acceptance, with the real server process: usage recording is write-behind, yet SIGTERM
 * loses nothing, and SIGKILL loses at most the last flush window (1 s).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/process.js';

const FLUSH_WINDOW_MS = 1000;

describe.each(DIALECTS)('usage durability of the server process on %s', (dialect) => {
  let db: TestDatabase;
  let env: Record<string, string | undefined>;
  const adminKey = generateToken('admin_key').secret;

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    env = {
      PORT: '0',
      DATABASE_URL: db.databaseUrl,
      TOKENWARD_DATA_DIR: db.dataDir,
      TOKENWARD_PEPPER: randomBytes(32).toString('base64url'),
      TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey,
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => db.drop());

  async function start() {
    const cli = runCli(['serve'], env);
    const [, baseUrl] = await cli.waitFor(/listening on (http:\/\/\S+) /, 90_000);
    return { cli, baseUrl: baseUrl! };
  }

  /** `count` verifications of the bootstrap key itself (a token of the org), 25 at a time. */
  async function verifyMany(baseUrl: string, count: number, route: string): Promise<void> {
    for (let done = 0; done < count; done += 25) {
      const batch = Array.from({ length: Math.min(25, count - done) }, async () => {
        const response = await fetch(`${baseUrl}/api/v1/verify`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ token: adminKey, method: 'GET', route, ip: '198.51.100.9' }),
        });
        expect(((await response.json()) as { code: string }).code).toBe('VALID');
      });
      await Promise.all(batch);
    }
  }

  async function eventsByRoute(): Promise<Map<string, number>> {
    const handle: DatabaseHandle = openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
    try {
      const rows = await handle.db.selectFrom('usage_events').select(['route', (eb) => eb.fn.sum<number>('count').as('n')]).groupBy('route').execute();
      return new Map(rows.map((row) => [row.route ?? '', Number(row.n)]));
    } finally {
      await handle.close();
    }
  }

  it('stores all N events when stopped with SIGTERM right after the last answer', async () => {
    const server = await start();
    await verifyMany(server.baseUrl, 600, '/sigterm');
    server.cli.child.kill('SIGTERM');
    expect((await server.cli.exited).code).toBe(0);
    expect((await eventsByRoute()).get('/sigterm')).toBe(600);
  }, 180_000);

  it('keeps every event older than the flush window when killed with SIGKILL', async () => {
    const server = await start();
    await verifyMany(server.baseUrl, 400, '/before-window');
    await new Promise((resolve) => setTimeout(resolve, FLUSH_WINDOW_MS * 2.5));
    await verifyMany(server.baseUrl, 100, '/in-window');
    server.cli.child.kill('SIGKILL');
    expect((await server.cli.exited).signal).toBe('SIGKILL');
    const counts = await eventsByRoute();
    expect(counts.get('/before-window')).toBe(400);
    // The last window may be lost, never more: at most what was sent in it.
    expect(counts.get('/in-window') ?? 0).toBeLessThanOrEqual(100);
    expect(counts.get('/sigterm')).toBe(600);
  }, 180_000);
});
