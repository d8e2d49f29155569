/** Driver errors the stores turn into domain errors. */

/** A unique index refused the row: PostgreSQL SQLSTATE 23505, or SQLite's constraint codes. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** What kept the database from answering, when it is not the request's fault. */
export type StorageFault = 'unavailable' | 'read_only';

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNREACHABLE_MESSAGES = [/connection terminated/i, /timeout exceeded when trying to connect/i, /not queryable/i, /Client was closed/i];

/**
 * A database error caused by the database's state rather than the request: the server down or
 * restarting (PostgreSQL SQLSTATE classes 08 and 57P, or the driver's network errors), or unable
 * to write (SQLite's disk full, read-only file or I/O error). Null for anything else.
 */
export function storageFaultOf(error: unknown): StorageFault | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    if (code.startsWith('SQLITE_FULL') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) return 'read_only';
    if (code === '53100' || code === '25006') return 'read_only'; // PostgreSQL disk full; a read-only transaction (a standby)
    if (code.startsWith('08') || code.startsWith('57P') || UNREACHABLE_CODES.has(code)) return 'unavailable';
  }
  const message = error instanceof Error ? error.message : '';
  return UNREACHABLE_MESSAGES.some((pattern) => pattern.test(message)) ? 'unavailable' : null;
}
