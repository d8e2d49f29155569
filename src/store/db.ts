/**
 * Opens the database: SQLite (better-sqlite3, the embedded default) or PostgreSQL (pg), behind one
 * Kysely type, and runs migrations. Everything above this file is dialect-blind, except where a
 * store needs SQL that differs and asks `dialect`.
 */
import { StartupError } from '../domain/errors.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Driver, type LogEvent } from 'kysely';
import pg from 'pg';
import { deriveAuditChainKey } from '../domain/audit-chain.js';
import { pepperFingerprint } from '../domain/token-digest.js';
import { AuditChainKeyPlugin } from './audit-chain-key.js';
import { startCheckpointer } from './sqlite-checkpointer.js';
import { migrationsFor } from './migrations/index.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Where the data lives, for humans: a file path or the PostgreSQL URL without its password. */
  location: string;
  ping(): Promise<void>;
  /** Fails when the database cannot take a write (SQLite: disk full, read-only file); writes nothing that matters. */
  probeWrite(): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** `postgres://...`; unset means SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** SQLite file name inside `dataDir`. */
  sqliteFileName?: string;
  log?: (event: LogEvent) => void;
  poolSize?: number;
  /**
   * The server's pepper: audit entries appended through this handle are chained under a key
   * derived from it (src/store/audit-chain-key.ts). The composition root always passes it.
   */
  pepper?: Buffer | undefined;
  /**
   * SQLite: the write-ahead log is checkpointed by a thread of its own (src/store/sqlite-checkpointer.ts)
   * rather than by whichever commit crosses its threshold. The core asks for it (the server and the
   * commands that open the core); `tokenward migrate` leaves it to SQLite.
   */
  checkpointInBackground?: boolean;
}

function withAuditChainKey(db: Kysely<Database>, pepper: Buffer | undefined): Kysely<Database> {
  return pepper ? db.withPlugin(new AuditChainKeyPlugin(deriveAuditChainKey(pepper), pepperFingerprint(pepper))) : db;
}

const INT8_OID = 20;
const SQLITE_CACHE_KIB = 64 * 1024;

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options);
  return openSqlite(options);
}

function openSqlite(options: DatabaseOptions): DatabaseHandle {
  mkdirSync(options.dataDir, { recursive: true });
  const file = join(options.dataDir, options.sqliteFileName ?? 'tokenward.db');
  const database = new SQLite(file);
  // WAL: readers never block the writer. synchronous=FULL: a commit that was acknowledged survives
  // a crash of the process and of the machine (NORMAL would only survive the process).
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // 64 MiB of page cache instead of SQLite's 2 MiB: a text search or count that reads tens of
  // thousands of rows of a large org then finds most pages here rather than asking the OS for each
  // (at a million tokens: a broad search 67-71 -> 50-52 ms, its count 50-51 -> 37 ms). Taken only
  // as pages are read.
  database.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const checkpointer = options.checkpointInBackground ? startCheckpointer(database, file) : null;
  const db = withAuditChainKey(new Kysely<Database>({ dialect: new FaultTolerantSqliteDialect(database), log: options.log }), options.pepper);
  return {
    db,
    dialect: 'sqlite',
    location: file,
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    // Changes the header's user_version and back in one transaction: the header page is written
    // (a real write, failing as any other would), and nothing is changed.
    probeWrite: async () => {
      const version = Number(database.pragma('user_version', { simple: true }));
      database.transaction(() => {
        database.pragma(`user_version = ${version + 1}`);
        database.pragma(`user_version = ${version}`);
      })();
    },
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * SQLite ends a transaction itself when a write fails for lack of room or an I/O error; Kysely's
 * ROLLBACK then fails with "no transaction is active" and hides the real error (the full disk).
 * Rolling back only a transaction still open keeps the real error for the caller.
 */
class FaultTolerantSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SQLite.Database) {
    super({ database });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.database.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

function openPostgres(url: string, options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // A server that neither answers nor refuses (a stalled network) must not hold a request forever.
    connectionTimeoutMillis: 5000,
    keepAlive: true,
    // bigint columns hold epoch milliseconds and counts: both fit a JS number.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A client that loses its server must not crash the process: idle ones report it to the pool,
  // checked-out ones (inside a transaction, between two queries) to a listener of their own. The
  // next query on it fails and the pool discards it; the request gets a 503.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    // Queued ahead of the first query the pool hands this client. Parallel workers are new server
    // processes, started for each query that uses them; on a machine without huge pages each one
    // maps every shared buffer it reads anew. For the short index-driven pages and counts this
    // server runs, that costs more than the split saves: a broad text-search page at a million
    // tokens took 62 ms (p50) with two workers and 32 ms without. A session setting rather than a
    // startup option, which connection poolers such as PgBouncer refuse by default. If it fails, the
    // connection is broken and its next query fails too (and the pool discards it).
    client.query('set max_parallel_workers_per_gather = 0').catch(() => undefined);
  });
  const db = withAuditChainKey(new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: options.log }), options.pepper);
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    probeWrite: async () => {
      await sql`select 1`.execute(db);
    },
    close: () => db.destroy(),
  };
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}

/** Brings the schema to the latest migration; safe to run from several nodes at once on PostgreSQL. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrationsFor(handle.dialect) },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const missing = /corrupted migrations: previously executed migration (\S+) is missing/.exec(String((error as Error).message ?? error));
    if (missing) {
      // An older release started on a database a newer one already migrated (a rollback without
      // restoring the backup): refuse in one line rather than run old code on a newer schema.
      throw new StartupError(
        `This database was upgraded by a newer Tokenward (it has the schema change ${missing[1]}, which this version does not know). Run the newer version again, or restore the backup taken before the upgrade.`,
      );
    }
    throw error instanceof Error ? error : new Error(String(error));
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
