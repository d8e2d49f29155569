/**
 * Maintained counts of every org's tokens, and each token's scopes one per row, so the inventory's
 * counts and its `scope` filter answer without reading a million rows. Frozen once shipped.
 *
 * `token_counts` holds one row per (org, source, kind, stored status, expiry day, scope): `source`
 * is `tokenward` for the tokens table and the connector id for a connected system's tokens; scope
 * '' counts every token, any other scope the tokens holding it. Whether a token is expired depends
 * on the clock, so tokens that can expire are counted by the UTC day of their expiry
 * (`expires_at / 86400000`; a token that never expires sits on the expiry index's sentinel day); a
 * reader sums whole days before today as expired, after today as active, and counts today's tokens
 * one by one. Revoked and suspended tokens are what they are whatever their expiry, but keep their
 * expiry day too, so a count over an expiry window ("expiring in 30 days") reads whole days from
 * here for every status.
 *
 * `token_scopes` holds (token, scope, org) for both tables (ids never collide: `tok_`, `ext_`):
 * the scope filter is an index look-up instead of a text match over the JSON list.
 *
 * Triggers keep both in step inside the writer's own statement, so every path that inserts,
 * changes or deletes a token (and cascades from deleted owners and orgs) counts, without each
 * store having to remember it. SQLite: row triggers (one writer, no contention). PostgreSQL:
 * statement triggers over the transition tables, so a bulk change of thousands of tokens is one
 * grouped insert; an update that moves no token between cells (the usage flush's last-activity
 * updates) writes nothing. Rows that fall to zero stay (readers skip them).
 *
 * On PostgreSQL the triggers append their changes to `token_count_deltas` rather than update
 * `token_counts`: an update would lock the count rows until the writer commits, and two
 * transactions that change tokens of several orgs in opposite orders (two secret-scanning reports,
 * say) would wait on each other's count rows and deadlock. Appending locks nothing that another
 * writer needs. Readers add the pending deltas to the counts in the same statement, and one
 * background step at a time folds them in (see token-counts.ts). On SQLite the table stays empty.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DialectName } from '../db.js';

// Copies of the domain constants, frozen here as a migration must not change with later code.
const NEVER_EXPIRES = 8_640_000_000_000_000;
const DAY_MS = 86_400_000;

const TABLES = [
  { table: 'tokens', sourceOf: (_row: string) => sql`'tokenward'` },
  { table: 'external_tokens', sourceOf: (row: string) => sql.raw(`${row}.connector_id`) },
] as const;

/** A column of a row alias (`new`, `old`, a table alias). */
const col = (row: string, name: string) => sql.raw(`${row}.${name}`);

/** The expiry-day bucket of a row. */
function dayOf(row: string, dialect: DialectName): RawBuilder<unknown> {
  const expiry = sql`coalesce(${col(row, 'expires_at')}, ${sql.lit(NEVER_EXPIRES)})`;
  return dialect === 'postgres' ? sql`(${expiry} / ${sql.lit(DAY_MS)})` : sql`cast(${expiry} / ${sql.lit(DAY_MS)} as integer)`;
}

/** The distinct scopes of a row's JSON list, as a table `j(scope)` to join. */
function scopesOf(row: string, dialect: DialectName): RawBuilder<unknown> {
  return dialect === 'postgres'
    ? sql`(select distinct jsonb_array_elements_text(${col(row, 'scopes')}::jsonb) as scope) j`
    : sql`(select distinct value as scope from json_each(${col(row, 'scopes')})) j`;
}

const KEY = sql.raw('org_id, source, kind, status, expires_day, scope');

export async function up(db: Kysely<any>, dialect: DialectName): Promise<void> {
  await db.schema
    .createTable('token_counts')
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('source', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('expires_day', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'varchar(200)', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('token_counts_pk', ['org_id', 'scope', 'source', 'kind', 'status', 'expires_day'])
    .execute();
  // The same cells without a key: appends never conflict, so they never wait on each other.
  await db.schema
    .createTable('token_count_deltas')
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('source', 'varchar(64)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(20)', (c) => c.notNull())
    .addColumn('expires_day', 'bigint', (c) => c.notNull())
    .addColumn('scope', 'varchar(200)', (c) => c.notNull())
    .addColumn('n', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('token_count_deltas_org_scope_idx').on('token_count_deltas').columns(['org_id', 'scope']).execute();
  // No foreign keys: a deleted org's cascade deletes its tokens after its rows would be gone, and
  // the triggers must still be able to count them down.
  await db.schema
    .createTable('token_scopes')
    .addColumn('token_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('scope', 'varchar(200)', (c) => c.notNull())
    .addColumn('org_id', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('token_scopes_pk', ['token_id', 'scope'])
    .execute();
  await db.schema.createIndex('token_scopes_org_scope_idx').on('token_scopes').columns(['org_id', 'scope', 'token_id']).execute();

  // Each token's distinct scopes (SQLite has no LATERAL, but its json_each may read the row).
  const expanded = (table: string) =>
    dialect === 'postgres'
      ? sql`select t.*, j.scope from ${sql.table(table)} t cross join lateral ${scopesOf('t', dialect)}`
      : sql`select distinct t.*, j.value as scope from ${sql.table(table)} t, json_each(t.scopes) j`;
  for (const { table, sourceOf } of TABLES) {
    const cell = sql`t.org_id, ${sourceOf('t')}, t.kind, t.status, ${dayOf('t', dialect)}`;
    await sql`insert into token_counts (${KEY}, n)
      select ${cell}, '', count(*) from ${sql.table(table)} t where true group by 1, 2, 3, 4, 5, 6
      on conflict (${KEY}) do update set n = token_counts.n + excluded.n`.execute(db);
    await sql`insert into token_counts (${KEY}, n)
      select ${cell}, t.scope, count(*) from (${expanded(table)}) t where true group by 1, 2, 3, 4, 5, 6
      on conflict (${KEY}) do update set n = token_counts.n + excluded.n`.execute(db);
    await sql`insert into token_scopes (token_id, scope, org_id)
      select t.id, t.scope, t.org_id from (${expanded(table)}) t where true on conflict do nothing`.execute(db);
  }

  if (dialect === 'postgres') {
    for (const { table, sourceOf } of TABLES) await createPostgresTriggers(db, table, sourceOf);
    return;
  }
  for (const { table, sourceOf } of TABLES) {
    // Two plain statements per row (the every-token cell, then one per distinct scope): a row
    // trigger runs them for each token a bulk statement touches, so they stay simple.
    const count = (row: 'new' | 'old', delta: '' | '-') => {
      const cell = sql`${col(row, 'org_id')}, ${sourceOf(row)}, ${col(row, 'kind')}, ${col(row, 'status')}, ${dayOf(row, dialect)}`;
      return sql`insert into token_counts (${KEY}, n) values (${cell}, '', ${sql.raw(delta)}1)
          on conflict (${KEY}) do update set n = n + excluded.n;
        insert into token_counts (${KEY}, n) select ${cell}, j.value, ${sql.raw(delta)}1 from json_each(${col(row, 'scopes')}) j where true group by j.value
          on conflict (${KEY}) do update set n = n + excluded.n`;
    };
    const addScopes = sql`insert or ignore into token_scopes (token_id, scope, org_id) select new.id, j.scope, new.org_id from ${scopesOf('new', dialect)}`;
    const dropScopes = sql`delete from token_scopes where token_id = old.id`;
    const name = (suffix: string) => sql.raw(`${table}_counts_${suffix}`);
    const moved = sql.raw(
      [
        'old.org_id is not new.org_id',
        'old.kind is not new.kind',
        'old.status is not new.status',
        'old.expires_at is not new.expires_at',
        'old.scopes is not new.scopes',
        ...(table === 'external_tokens' ? ['old.connector_id is not new.connector_id'] : []),
      ].join(' or '),
    );
    await sql`create trigger ${name('ai')} after insert on ${sql.table(table)} begin ${count('new', '')}; ${addScopes}; end`.execute(db);
    await sql`create trigger ${name('ad')} after delete on ${sql.table(table)} begin ${count('old', '-')}; ${dropScopes}; end`.execute(db);
    await sql`create trigger ${name('au')} after update of org_id, kind, status, expires_at, scopes${sql.raw(table === 'external_tokens' ? ', connector_id' : '')} on ${sql.table(table)}
      when ${moved}
      begin ${count('old', '-')}; ${count('new', '')}; end`.execute(db);
    // Apart, so a status change (a revoke) does not rewrite the token's scope rows.
    await sql`create trigger ${name('su')} after update of org_id, scopes on ${sql.table(table)}
      when old.org_id is not new.org_id or old.scopes is not new.scopes
      begin ${dropScopes}; ${addScopes}; end`.execute(db);
  }
}

async function createPostgresTriggers(db: Kysely<any>, table: string, sourceOf: (row: string) => RawBuilder<unknown>): Promise<void> {
  // The rows grouped by cell and scope list first: a bulk statement's thousand tokens share a few
  // scope lists, so each list is parsed once per group, not once per token.
  const cells = (rows: string, sign: '' | '-') => sql`(with g as (
      select r.org_id, ${sourceOf('r')} as source, r.kind, r.status, ${dayOf('r', 'postgres')} as expires_day, r.scopes, count(*) as n
      from ${sql.raw(rows)} r group by 1, 2, 3, 4, 5, 6
    )
    select org_id, source, kind, status, expires_day, cast('' as varchar(200)) as scope, ${sql.raw(sign)}n as n from g
    union all
    select g.org_id, g.source, g.kind, g.status, g.expires_day, j.scope, ${sql.raw(sign)}g.n from g cross join lateral ${scopesOf('g', 'postgres')})`;
  // Grouped, so a statement appends one row per cell it changed.
  const count = (deltas: RawBuilder<unknown>) => sql`insert into token_count_deltas (${KEY}, n)
      select org_id, source, kind, status, expires_day, scope, sum(n) from ${deltas} d
      group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0`;
  const addScopes = (rows: RawBuilder<unknown>) => sql`insert into token_scopes (token_id, scope, org_id)
      select r.id, j.scope, r.org_id from ${rows} r cross join lateral ${scopesOf('r', 'postgres')} on conflict do nothing`;
  // Tokens whose scope list or org changed, by a set difference (hashed): a join of the two
  // transition tables, which have no index and no statistics, may be planned as a nested loop.
  const changed = sql`(select id, org_id, scopes from new_rows except select id, org_id, scopes from old_rows)`;
  // Trigger bodies are stored text: the statements are inlined, they take no parameters.
  const text = (statement: RawBuilder<unknown>) => {
    const compiled = statement.compile(db);
    if (compiled.parameters.length > 0) throw new Error('trigger body must not take parameters');
    return compiled.sql;
  };
  const bodies = {
    insert: `${text(count(cells('new_rows', '')))}; ${text(addScopes(sql`new_rows`))};`,
    delete: `${text(count(cells('old_rows', '-')))}; ${text(sql`delete from token_scopes s using old_rows o where s.token_id = o.id`)};`,
    // Most updates (revokes, last activity) leave the scopes alone: then the scope rows are not touched.
    update: `${text(count(sql`(select * from ${cells('old_rows', '-')} o union all select * from ${cells('new_rows', '')} n)`))};
      if exists (${text(sql`select 1 from ${changed} c`)}) then
        ${text(sql`delete from token_scopes s using ${changed} c where s.token_id = c.id`)}; ${text(addScopes(changed))};
      end if;`,
  };
  for (const [op, body] of Object.entries(bodies)) {
    const fn = sql.raw(`${table}_counts_${op}`);
    await sql`create function ${fn}() returns trigger language plpgsql as ${sql.lit(`begin ${body} return null; end`)}`.execute(db);
    const referencing = op === 'insert' ? 'new table as new_rows' : op === 'delete' ? 'old table as old_rows' : 'old table as old_rows new table as new_rows';
    await sql`create trigger ${fn} after ${sql.raw(op)} on ${sql.table(table)} referencing ${sql.raw(referencing)} for each statement execute function ${fn}()`.execute(db);
  }
}

export async function down(db: Kysely<any>, dialect: DialectName): Promise<void> {
  for (const { table } of TABLES) {
    for (const op of dialect === 'postgres' ? ['insert', 'delete', 'update'] : ['ai', 'ad', 'au', 'su']) {
      const name = sql.raw(`${table}_counts_${op}`);
      await sql`drop trigger if exists ${name} ${sql.raw(dialect === 'postgres' ? `on ${table}` : '')}`.execute(db);
      if (dialect === 'postgres') await sql`drop function if exists ${name}()`.execute(db);
    }
  }
  await db.schema.dropTable('token_scopes').execute();
  await db.schema.dropTable('token_count_deltas').execute();
  await db.schema.dropTable('token_counts').execute();
}
