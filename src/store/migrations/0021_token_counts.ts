/**
 * Maintained counts of every org's tokens, so the inventory's counts answer without counting a
 * million rows. Frozen once shipped.
 *
 * `token_counts` holds one row per (org, source, kind, stored status, expiry day): `source` is
 * `tokenward` for the tokens table and the connector id for a connected system's tokens. Whether a
 * token is expired depends on the clock, so tokens that can expire are counted by the UTC day of
 * their expiry (`expires_at / 86400000`; a token that never expires sits on the expiry index's
 * sentinel day); a reader sums whole days before today as expired, after today as active, and
 * counts today's tokens one by one. Revoked and suspended tokens are what they are whatever their
 * expiry: they share day 0.
 *
 * Triggers keep the rows in step inside the writer's own statement, so every path that inserts,
 * changes or deletes a token (and cascades from deleted owners and orgs) counts, without each
 * store having to remember it. SQLite: row triggers (one writer, no contention). PostgreSQL:
 * statement triggers over the transition tables, so a bulk change of thousands of tokens is one
 * grouped upsert in key order instead of a row-lock per token; an update that moves no token
 * between cells (the usage flush's last-activity updates) writes nothing. Rows that fall to zero
 * stay (readers skip them).
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../db.js';

// Copies of the domain constants, frozen here as a migration must not change with later code.
const NEVER_EXPIRES = 8_640_000_000_000_000;
const DAY_MS = 86_400_000;

const TABLES = [
  { table: 'tokens', source: sql`'tokenward'`, sourceOf: () => sql`'tokenward'` },
  { table: 'external_tokens', source: sql`connector_id`, sourceOf: (row: string) => sql.raw(`${row}.connector_id`) },
] as const;

/** The expiry-day bucket of a row (`row` = `new`, `old`, or '' for the table's own columns). */
function dayOf(row: string, dialect: DialectName): RawBuilder<unknown> {
  const col = (name: string) => sql.raw(row ? `${row}.${name}` : name);
  const day = dialect === 'postgres' ? sql`coalesce(${col('expires_at')}, ${sql.lit(NEVER_EXPIRES)}) / ${sql.lit(DAY_MS)}` : sql`cast(coalesce(${col('expires_at')}, ${sql.lit(NEVER_EXPIRES)}) / ${sql.lit(DAY_MS)} as integer)`;
  return sql`(case when ${col('status')} in ('revoked', 'suspended') then 0 else ${day} end)`;
}

const KEY = sql.raw('org_id, source, kind, status, expires_day');

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('token_counts')
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('source', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('expires_day', 'bigint', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('token_counts_pk', ['org_id', 'source', 'kind', 'status', 'expires_day'])
    .execute();

  // No foreign key to organizations: a deleted org's cascade deletes its tokens after its rows
  // would be gone, and the triggers must still be able to count them down.
  for (const { table, source } of TABLES) {
    await sql`insert into token_counts (${KEY}, n)
      select org_id, ${source}, kind, status, ${dayOf('', dialect)}, count(*) from ${sql.table(table)} where true
      group by 1, 2, 3, 4, 5
      on conflict (${KEY}) do update set n = token_counts.n + excluded.n`.execute(db);
  }

  if (dialect === 'postgres') {
    for (const { table, source } of TABLES) await createPostgresTriggers(db, table, source);
    return;
  }
  for (const { table, sourceOf } of TABLES) {
    const upsert = (row: 'new' | 'old', delta: number) => sql`insert into token_counts (${KEY}, n)
        values (${sql.raw(row)}.org_id, ${sourceOf(row)}, ${sql.raw(row)}.kind, ${sql.raw(row)}.status, ${dayOf(row, dialect)}, ${sql.lit(delta)})
        on conflict (${KEY}) do update set n = n + ${sql.lit(delta)}`;
    const name = (suffix: string) => sql.raw(`${table}_counts_${suffix}`);
    await sql`create trigger ${name('ai')} after insert on ${sql.table(table)} begin ${upsert('new', 1)}; end`.execute(db);
    await sql`create trigger ${name('ad')} after delete on ${sql.table(table)} begin ${upsert('old', -1)}; end`.execute(db);
    await sql`create trigger ${name('au')} after update of org_id, kind, status, expires_at${sql.raw(table === 'external_tokens' ? ', connector_id' : '')} on ${sql.table(table)}
      when old.org_id is not new.org_id or old.kind is not new.kind or old.status is not new.status
        or ${dayOf('old', dialect)} is not ${dayOf('new', dialect)}${sql.raw(table === 'external_tokens' ? ' or old.connector_id is not new.connector_id' : '')}
      begin ${upsert('old', -1)}; ${upsert('new', 1)}; end`.execute(db);
  }
}

async function createPostgresTriggers(db: Kysely<any>, table: string, source: RawBuilder<unknown>): Promise<void> {
  const delta = (rows: string, sign: string) =>
    sql`select org_id, ${source} as source, kind, status, ${dayOf('', 'postgres')} as expires_day, ${sql.raw(sign)}count(*) as n
      from ${sql.raw(rows)} group by 1, 2, 3, 4, 5`;
  // Grouped, so each cell is touched once per statement, and in key order, so two statements
  // touching the same cells lock them in the same order.
  const apply = (deltas: RawBuilder<unknown>) => sql`insert into token_counts (${KEY}, n)
      select org_id, source, kind, status, expires_day, sum(n) from (${deltas}) d
      group by 1, 2, 3, 4, 5 having sum(n) <> 0 order by 1, 2, 3, 4, 5
      on conflict (${KEY}) do update set n = token_counts.n + excluded.n`;
  const bodies = {
    insert: apply(delta('new_rows', '')),
    delete: apply(delta('old_rows', '-')),
    update: apply(sql`${delta('old_rows', '-')} union all ${delta('new_rows', '')}`),
  };
  for (const [op, body] of Object.entries(bodies)) {
    const fn = sql.raw(`${table}_counts_${op}`);
    const compiled = body.compile(db);
    // Trigger bodies are stored text: the statement is inlined, it has no parameters.
    if (compiled.parameters.length > 0) throw new Error('trigger body must not take parameters');
    await sql`create function ${fn}() returns trigger language plpgsql as ${sql.lit(`begin ${compiled.sql}; return null; end`)}`.execute(db);
    const referencing = op === 'insert' ? 'new table as new_rows' : op === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
    await sql`create trigger ${fn} after ${sql.raw(op)} on ${sql.table(table)} referencing ${sql.raw(referencing)} for each statement execute function ${fn}()`.execute(db);
  }
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const { table } of TABLES) {
    for (const op of dialect === 'postgres' ? ['insert', 'delete', 'update'] : ['ai', 'ad', 'au']) {
      const name = sql.raw(`${table}_counts_${op}`);
      await sql`drop trigger if exists ${name} ${sql.raw(dialect === 'postgres' ? `on ${table}` : '')}`.execute(db);
      if (dialect === 'postgres') await sql`drop function if exists ${name}()`.execute(db);
    }
  }
  await db.schema.dropTable('token_counts').execute();
}
