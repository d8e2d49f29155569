/**
 * The statistics SQLite's query planner reads. Without them it guesses that an equality on the
 * first column of an index selects about ten rows, and at a million tokens some inventory queries
 * then walk the wrong index: the first page of tokens idle for 90 days took about 3 s, a broad text
 * search 110 ms, its count 200 ms, against 4-35 ms with statistics (docs/architecture.md).
 * PostgreSQL gathers its own (autovacuum analyzes a table as it changes), so this is SQLite's only.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './db.js';
import type { Database } from './schema.js';

/**
 * SQLite's own advice for a long-lived connection: `PRAGMA optimize` at open and now and then.
 * It picks a table only when one of its indexes has no statistics yet or the table's size changed
 * ten-fold since its last analysis, so it nearly always picks none. The mask looks at every table
 * rather than only those this connection has planned with (0x10000) and analyzes (0x2). It leaves
 * out the sampling bit (0x10): sampling stops counting an index's leading column after about 2,000
 * rows, so an org of a million tokens would be taken for 2,000, the very guess that sends its
 * queries down the wrong index.
 */
const OPTIMIZE_MASK = 0x10002;
/** PRAGMA optimize's own bit: list the analyses it would run, run none. */
const LIST_ONLY = 0x1;
const PLANNED = /^ANALYZE "main"\."((?:[^"]|"")+)"$/;

/**
 * Analyzes what `PRAGMA optimize` would, one index at a time with a turn of the event loop between
 * them: a full analysis at a million tokens takes 1.5 s, which would otherwise hold every request
 * for as long; index by index the longest hold is that of the largest index.
 *
 * It runs on the serving connection on purpose: a connection loads statistics with the schema,
 * so an analysis on another connection would not reach this one's planner.
 */
export async function refreshPlannerStatistics(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect !== 'sqlite') return;
  const planned = await sql<{ optimize: string }>`pragma optimize(${sql.raw(String(OPTIMIZE_MASK | LIST_ONLY))})`.execute(db);
  for (const { optimize } of planned.rows) {
    const table = PLANNED.exec(optimize)?.[1]?.replaceAll('""', '"');
    if (table === undefined) {
      // A form this code does not know (a newer SQLite): run it as SQLite wrote it.
      await sql.raw(optimize).execute(db);
      continue;
    }
    const indexes = await sql<{ name: string }>`select name from pragma_index_list(${table})`.execute(db);
    // A table without an index has only its row count to learn.
    const targets = indexes.rows.length > 0 ? indexes.rows.map((index) => index.name) : [table];
    for (const target of targets) {
      await yieldToEventLoop();
      await sql`analyze main.${sql.id(target)}`.execute(db);
    }
  }
}
