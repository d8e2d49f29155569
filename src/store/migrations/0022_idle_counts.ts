/**
 * Maintained counts of every org's tokens by the day they were last used, so "idle for N days"
 * counts a few thousand rows per org instead of the hundreds of thousands of idle tokens a large
 * org has. Frozen once shipped.
 *
 * `token_idle_counts` holds one row per (org, source, kind, stored status, expiry passed, idle
 * day). The idle day is the UTC day of the last use, or of the creation for a token never used (the
 * inventory's idle filter counts a never-used token from its creation). Whether a token is expired
 * depends on the clock, and counting by expiry day as well would make two-dimensional cells (every
 * last-use day against every expiry day: hundreds of thousands per org). Instead each token carries
 * `expiry_passed`, set by a background sweep once its expiry has passed (and cleared if its expiry
 * moves back into the future); a reader corrects for the few tokens whose expiry passed since the
 * last sweep, found through `tokens_expiry_mark_idx`, so the answer never depends on the sweep's
 * timing.
 *
 * As with `token_counts` (migration 0021): SQLite row triggers update the cells directly;
 * PostgreSQL statement triggers append grouped deltas to `token_idle_count_deltas` (so concurrent
 * writers never wait on a count row), folded in by the same background step. An update that moves
 * no token between cells (a second use on the same day) writes nothing.
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

/** The idle-day bucket of a row: the day of its last use, or of its creation if never used. */
function idleDayOf(row: string, dialect: DialectName): RawBuilder<unknown> {
  const since = sql`coalesce(${col(row, 'last_active_at')}, ${col(row, 'created_at')})`;
  return dialect === 'postgres' ? sql`(${since} / ${sql.lit(DAY_MS)})` : sql`cast(${since} / ${sql.lit(DAY_MS)} as integer)`;
}

const KEY = sql.raw('org_id, source, kind, status, expiry_passed, idle_day');

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const { table } of TABLES) {
    await db.schema.alterTable(table).addColumn('expiry_passed', 'smallint', (c) => c.notNull().defaultTo(0)).execute();
    // Tokens already past their expiry are marked now; the sweep keeps it so from here on.
    await sql`update ${sql.table(table)} set expiry_passed = 1 where expires_at <= ${Date.now()}`.execute(db);
    // The sweep's and the readers' correction: tokens whose mark disagrees with the clock. On one
    // expression (the expiry, negated once marked), so both kinds of disagreement are tails of one
    // column's statistics (unmarked and past: from 0 to now; marked and not past: below -now) and
    // PostgreSQL estimates them as the few rows they are, not as a share of two independent columns.
    await sql`create index ${sql.raw(`${table}_expiry_mark_idx`)} on ${sql.table(table)} ((case when expiry_passed = 0 then expires_at else -expires_at end))`.execute(db);
  }
  for (const name of ['token_idle_counts', 'token_idle_count_deltas']) {
    let create = db.schema
      .createTable(name)
      .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
      .addColumn('source', 'varchar(64)', (c) => c.notNull())
      .addColumn('kind', 'varchar(32)', (c) => c.notNull())
      .addColumn('status', 'varchar(20)', (c) => c.notNull())
      .addColumn('expiry_passed', 'smallint', (c) => c.notNull())
      .addColumn('idle_day', 'bigint', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull());
    if (name === 'token_idle_counts') create = create.addPrimaryKeyConstraint('token_idle_counts_pk', ['org_id', 'idle_day', 'source', 'kind', 'status', 'expiry_passed']);
    await create.execute();
  }
  await db.schema.createIndex('token_idle_count_deltas_org_idx').on('token_idle_count_deltas').columns(['org_id', 'idle_day']).execute();

  for (const { table, sourceOf } of TABLES) {
    await sql`insert into token_idle_counts (${KEY}, n)
      select t.org_id, ${sourceOf('t')}, t.kind, t.status, t.expiry_passed, ${idleDayOf('t', dialect)}, count(*)
      from ${sql.table(table)} t where true group by 1, 2, 3, 4, 5, 6
      on conflict (${KEY}) do update set n = token_idle_counts.n + excluded.n`.execute(db);
  }

  if (dialect === 'postgres') {
    for (const { table, sourceOf } of TABLES) await createPostgresTriggers(db, table, sourceOf);
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

async function createPostgresTriggers(db: Kysely<any>, table: string, sourceOf: (row: string) => RawBuilder<unknown>): Promise<void> {
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

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const { table } of TABLES) {
    for (const op of dialect === 'postgres' ? ['insert', 'delete', 'update'] : ['ai', 'ad', 'au']) {
      const name = sql.raw(`${table}_idle_counts_${op}`);
      await sql`drop trigger if exists ${name} ${sql.raw(dialect === 'postgres' ? `on ${table}` : '')}`.execute(db);
      if (dialect === 'postgres') await sql`drop function if exists ${name}()`.execute(db);
    }
    await db.schema.dropIndex(`${table}_expiry_mark_idx`).ifExists().execute();
    await db.schema.alterTable(table).dropColumn('expiry_passed').execute();
  }
  await db.schema.dropTable('token_idle_count_deltas').execute();
  await db.schema.dropTable('token_idle_counts').execute();
}
