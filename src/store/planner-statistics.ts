/**
 * The statistics SQLite's query planner reads. Without them it guesses that an equality on the
 * first column of an index selects about ten rows, and at a million tokens some inventory queries
 * then walk the wrong index: the first page of tokens idle for 90 days took about 3 s, a broad text
 * search 110 ms, its count 200 ms, against 4-35 ms with statistics (docs/architecture.md).
 * PostgreSQL gathers its own (autovacuum analyzes a table as it changes), so this is SQLite's only.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './db.js';
import type { Database } from './schema.js';

/**
 * SQLite's own advice for a long-lived connection: `PRAGMA optimize` at open and now and then.
 * It analyzes a table only when one of its indexes has no statistics yet or the table's size
 * changed ten-fold since its last analysis, so it is nearly always a no-op. The mask looks at every
 * table rather than only those this connection has planned with (0x10000) and analyzes (0x2). It
 * leaves out the sampling bit (0x10): sampling stops counting an index's leading column after about
 * 2,000 rows, so an org of a million tokens would be taken for 2,000, the very guess that sends its
 * queries down the wrong index. A full analysis at a million tokens takes 1.5 s; at start it comes
 * before the server listens, and later it only runs on a table that grew ten-fold.
 *
 * It runs on the serving connection on purpose: a connection loads statistics with the schema,
 * so an analysis on another connection would not reach this one's planner.
 */
const OPTIMIZE_MASK = 0x10002;

export async function refreshPlannerStatistics(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  await sql.raw(`pragma optimize = ${OPTIMIZE_MASK}`).execute(db);
}
