/**
 * Real databases for tests: a fresh SQLite file in a temp dir, or a fresh PostgreSQL database
 * created in the server at TOKENWARD_TEST_PG_URL (default: the machine's local server), dropped after.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DialectName } from '../../src/store/db.js';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

export const ADMIN_PG_URL = process.env.TOKENWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  dialect: DialectName;
  /** For configs: the PostgreSQL URL, or undefined for SQLite. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Frees everything: the temp dir and, on PostgreSQL, the database. */
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tokenward-test-'));
  if (dialect === 'sqlite') {
    return { dialect, databaseUrl: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `tw_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_PG_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    databaseUrl: url.toString(),
    dataDir,
    drop: async () => {
      await withAdminClient((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A migrated database handle on a fresh database; `close` also drops it. */
export async function openMigratedTestDatabase(dialect: DialectName): Promise<{ handle: DatabaseHandle; test: TestDatabase; close(): Promise<void> }> {
  const test = await createTestDatabase(dialect);
  const handle = openDatabase({ databaseUrl: test.databaseUrl, dataDir: test.dataDir });
  await migrateToLatest(handle);
  return {
    handle,
    test,
    close: async () => {
      await handle.close();
      await test.drop();
    },
  };
}
