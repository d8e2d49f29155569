/**
 * The idle cells of migration 0022 keep a never-used token apart from a used one: its idle day is
 * `-1 - (day of creation)` instead of the day of its creation, so the cells answer both "not used
 * since" (a used token's day before the cutoff's, or a never-used one created before it: one range
 * of days, -cutoff to cutoff) and "last used between two instants" (used tokens only), which the
 * Atlassian-compatible `lastActiveAt` filter asks. The cells are rebuilt and the triggers replaced;
 * nothing else of 0022 changes. Frozen once shipped.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../db.js';

// Copies of the domain constant, frozen here as a migration must not change with later code.
const DAY_MS = 86_400_000;

const TABLES = [
  { table: 'tokens', sourceOf: (_row: string) => sql`'tokenward'` },
  { table: 'external_tokens', sourceOf: (row: string) => sql.raw(`${row}.connector_id`) },
] as const;

const col = (row: string, name: string) => sql.raw(`${row}.${name}`);

type DayOf = (row: string, dialect: DialectName) => RawBuilder<unknown>;

const dayOf = (instant: RawBuilder<unknown>, dialect: DialectName) =>
  dialect === 'postgres' ? sql`(${instant} / ${sql.lit(DAY_MS)})` : sql`cast(${instant} / ${sql.lit(DAY_MS)} as integer)`;

/** This migration's idle day: the day of the last use, or -1 less the day of creation if never used. */
const apartDayOf: DayOf = (row, dialect) =>
  sql`(case when ${col(row, 'last_active_at')} is null then -1 - ${dayOf(col(row, 'created_at'), dialect)} else ${dayOf(col(row, 'last_active_at'), dialect)} end)`;

/** Migration 0022's idle day, restored by `down`: the day of the last use, or of the creation. */
const sharedDayOf: DayOf = (row, dialect) => dayOf(sql`coalesce(${col(row, 'last_active_at')}, ${col(row, 'created_at')})`, dialect);

const KEY = sql.raw('org_id, source, kind, status, expiry_passed, idle_day');

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await install(db, dialect, apartDayOf);
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await install(db, dialect, sharedDayOf);
}

/** Drops the cell triggers, rebuilds the cells with `idleDayOf` and creates the triggers again with it. */
async function install(db: Kysely<any>, dialect: DialectName, idleDayOf: DayOf): Promise<void> {
  for (const { table } of TABLES) {
    for (const op of dialect === 'postgres' ? ['insert', 'delete', 'update'] : ['ai', 'ad', 'au']) {
      const name = sql.raw(`${table}_idle_counts_${op}`);
      await sql`drop trigger if exists ${name} ${sql.raw(dialect === 'postgres' ? `on ${table}` : '')}`.execute(db);
      if (dialect === 'postgres') await sql`drop function if exists ${name}()`.execute(db);
    }
  }
  await sql`delete from token_idle_counts`.execute(db);
  await sql`delete from token_idle_count_deltas`.execute(db);
  for (const { table, sourceOf } of TABLES) {
    await sql`insert into token_idle_counts (${KEY}, n)
      select t.org_id, ${sourceOf('t')}, t.kind, t.status, t.expiry_passed, ${idleDayOf('t', dialect)}, count(*)
      from ${sql.table(table)} t where true group by 1, 2, 3, 4, 5, 6
      on conflict (${KEY}) do update set n = token_idle_counts.n + excluded.n`.execute(db);
  }

  if (dialect === 'postgres') {
    for (const { table, sourceOf } of TABLES) await createPostgresTriggers(db, table, sourceOf, idleDayOf);
    return;
  }
  for (const { table, sourceOf } of TABLES) {
    const count = (row: 'new' | 'old', delta: '' | '-') =>
      sql`insert into token_idle_counts (${KEY}, n)
        values (${col(row, 'org_id')}, ${sourceOf(row)}, ${col(row, 'kind')}, ${col(row, 'status')}, ${col(row, 'expiry_passed')}, ${idleDayOf(row, dialect)}, ${sql.raw(delta)}1)
        on conflict (${KEY}) do update set n = n + excluded.n`;
    const name = (suffix: string) => sql.raw(`${table}_idle_counts_${suffix}`);
    const moved = sql.join(
      [
        sql`old.org_id is not new.org_id`,
        sql`old.kind is not new.kind`,
        sql`old.status is not new.status`,
        sql`old.expiry_passed is not new.expiry_passed`,
        sql`${idleDayOf('old', dialect)} is not ${idleDayOf('new', dialect)}`,
        ...(table === 'external_tokens' ? [sql`old.connector_id is not new.connector_id`] : []),
      ],
      sql` or `,
    );
    await sql`create trigger ${name('ai')} after insert on ${sql.table(table)} begin ${count('new', '')}; end`.execute(db);
    await sql`create trigger ${name('ad')} after delete on ${sql.table(table)} begin ${count('old', '-')}; end`.execute(db);
    await sql`create trigger ${name('au')} after update of org_id, kind, status, expiry_passed, last_active_at, created_at${sql.raw(table === 'external_tokens' ? ', connector_id' : '')} on ${sql.table(table)}
      when ${moved}
      begin ${count('old', '-')}; ${count('new', '')}; end`.execute(db);
  }
}

async function createPostgresTriggers(db: Kysely<any>, table: string, sourceOf: (row: string) => RawBuilder<unknown>, idleDayOf: DayOf): Promise<void> {
  const cells = (rows: string, sign: '' | '-') =>
    sql`(select r.org_id, ${sourceOf('r')} as source, r.kind, r.status, r.expiry_passed, ${idleDayOf('r', 'postgres')} as idle_day, ${sql.raw(sign)}count(*) as n
      from ${sql.raw(rows)} r group by 1, 2, 3, 4, 5, 6)`;
  const count = (deltas: RawBuilder<unknown>) => sql`insert into token_idle_count_deltas (${KEY}, n)
      select org_id, source, kind, status, expiry_passed, idle_day, sum(n) from ${deltas} d
      group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0`;
  const text = (statement: RawBuilder<unknown>) => {
    const compiled = statement.compile(db);
    if (compiled.parameters.length > 0) throw new Error('trigger body must not take parameters');
    return compiled.sql;
  };
  const bodies = {
    insert: text(count(cells('new_rows', ''))),
    delete: text(count(cells('old_rows', '-'))),
    update: text(count(sql`(select * from ${cells('old_rows', '-')} o union all select * from ${cells('new_rows', '')} n)`)),
  };
  for (const [op, body] of Object.entries(bodies)) {
    const fn = sql.raw(`${table}_idle_counts_${op}`);
    await sql`create function ${fn}() returns trigger language plpgsql as ${sql.lit(`begin ${body}; return null; end`)}`.execute(db);
    const referencing = op === 'insert' ? 'new table as new_rows' : op === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
    await sql`create trigger ${fn} after ${sql.raw(op)} on ${sql.table(table)} referencing ${sql.raw(referencing)} for each statement execute function ${fn}()`.execute(db);
  }
}
