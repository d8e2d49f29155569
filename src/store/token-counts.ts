/**
 * The inventory's counts read from `token_counts` (kept by the triggers of migration 0021): a few
 * hundred rows per org (and scope) instead of a count over every token. Only the days a count
 * cannot take whole are read token by token, each an index range over the day's tokens: today
 * (some of its tokens have expired by now, some not), and the two days an expiry window's edges
 * cut through.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { TOKENWARD_SOURCE } from '../domain/connectors.js';
import type { DateBounds } from '../domain/date-filters.js';
import { INVENTORY_KINDS, isSourceType, type InventoryKind, type LifecycleStatus } from '../domain/org-token-query.js';
import { DAY_MS } from '../domain/time.js';
import { NEVER_EXPIRES_SORT_MS } from '../domain/token-query.js';
import type { DialectName } from './db.js';
import type { Database } from './schema.js';

export interface CountCell {
  /** `tokenward` or a connector id. */
  source: string;
  /** `tokenward` or the connected system's type. */
  sourceType: string;
  kind: InventoryKind;
  status: LifecycleStatus;
  count: number;
}

/** What a maintained count may be narrowed by. */
export interface MaintainedCountFilter {
  /** `tokenward`, a system type or a connector id; null: every source. */
  source: string | null;
  /** Tokens holding this scope; null: every token. */
  scope: string | null;
  /** Tokens whose expiry lies in these bounds (the inventory's `expiresAt` filter); null: any. */
  expiry: DateBounds | null;
}

/** The day bucket of a token that never expires (the expiry index's sentinel, in days). */
const NEVER_EXPIRES_DAY = Math.floor(NEVER_EXPIRES_SORT_MS / DAY_MS);

/**
 * The cells' sources a `source` filter names (null: every source) and each source's type. A system's
 * type (every connector of it) is matched through the org's connectors.
 */
export async function countSources(db: Kysely<Database>, orgId: string, source: string | null): Promise<{ typeOf: (cellSource: string) => string; sources: string[] | null }> {
  const connectorTypes = new Map(
    (await db.selectFrom('connectors').select(['id', 'type']).where('org_id', '=', orgId).execute()).map((connector) => [connector.id, connector.type] as const),
  );
  const typeOf = (cellSource: string) => (cellSource === TOKENWARD_SOURCE ? TOKENWARD_SOURCE : (connectorTypes.get(cellSource) ?? 'unknown'));
  const sources = source === null ? null : isSourceType(source) ? [...connectorTypes].filter(([, type]) => type === source).map(([id]) => id) : [source];
  return { typeOf, sources };
}

/** Every org token matching `filter`, by source, kind and status at `nowMs`. */
export async function readMaintainedCounts(db: Kysely<Database>, orgId: string, nowMs: number, filter: MaintainedCountFilter): Promise<CountCell[]> {
  const { source, scope, expiry } = filter;
  const today = Math.floor(nowMs / DAY_MS);
  const { typeOf, sources } = await countSources(db, orgId, source);
  if (sources !== null && sources.length === 0) return [];
  // The folded counts and the deltas not yet folded, read in one statement (one snapshot), so a
  // fold that commits meanwhile is seen entirely or not at all.
  const cellsOf = (table: 'token_counts' | 'token_count_deltas') => {
    let cells = db
      .selectFrom(table)
      .select(['source', 'kind', 'status', 'expires_day', 'n'])
      .where('org_id', '=', orgId)
      .where('scope', '=', scope ?? '')
      .where('kind', 'in', [...INVENTORY_KINDS])
      .where('n', '<>', 0);
    if (sources !== null) cells = sources.length === 1 ? cells.where('source', '=', sources[0]!) : cells.where('source', 'in', sources);
    return cells;
  };
  const rows = await cellsOf('token_counts').unionAll(cellsOf('token_count_deltas')).execute();

  const totals = new Map<string, CountCell>();
  const add = (source: string, kind: InventoryKind, status: LifecycleStatus, count: number) => {
    const key = `${source}\n${kind}\n${status}`;
    const cell = totals.get(key);
    if (cell) cell.count += count;
    else totals.set(key, { source, sourceType: typeOf(source), kind, status, count });
  };
  // The days the window's edges cut through, read token by token; so is today for the tokens
  // whose status depends on the clock (a revoked or suspended token's does not).
  const edgeDays = new Set<number>();
  if (expiry?.minMs != null) edgeDays.add(Math.floor(expiry.minMs / DAY_MS));
  if (expiry?.maxMs != null) edgeDays.add(Math.floor(expiry.maxMs / DAY_MS));
  edgeDays.delete(NEVER_EXPIRES_DAY);
  const exactDays = new Set([...edgeDays, today]);
  exactDays.delete(NEVER_EXPIRES_DAY);
  // Any other day lies wholly inside the window or wholly outside it.
  const isInside = (day: number) => expiry === null || ((expiry.minMs === null || day * DAY_MS >= expiry.minMs) && (expiry.maxMs === null || (day + 1) * DAY_MS - 1 <= expiry.maxMs));
  const exactSources = new Set<string>();
  for (const row of rows) {
    const kind = row.kind as InventoryKind;
    const n = Number(row.n);
    const day = Number(row.expires_day);
    const stored = row.status as LifecycleStatus;
    const isRevokedOrSuspended = stored === 'revoked' || stored === 'suspended';
    if (day === NEVER_EXPIRES_DAY) {
      if (expiry === null || expiry.includeNull) add(row.source, kind, isRevokedOrSuspended ? stored : 'active', n);
    } else if ((isRevokedOrSuspended ? edgeDays : exactDays).has(day)) exactSources.add(row.source);
    else if (isInside(day)) add(row.source, kind, isRevokedOrSuspended ? stored : day < today ? 'expired' : 'active', n);
  }
  if (exactSources.size > 0) {
    const rangesOf = (days: Set<number>) =>
      [...days].flatMap((day) => {
        const fromMs = Math.max(day * DAY_MS, expiry?.minMs ?? -Infinity);
        const toMs = Math.min((day + 1) * DAY_MS - 1, expiry?.maxMs ?? Infinity);
        return fromMs <= toMs ? [{ fromMs, toMs }] : [];
      });
    const counted = await countExpiringWithin(db, orgId, [...exactSources], scope, { clocked: rangesOf(exactDays), settled: rangesOf(edgeDays) }, nowMs);
    for (const cell of counted) add(cell.source, cell.kind, cell.status, cell.count);
  }
  return [...totals.values()].filter((cell) => cell.count !== 0);
}

/**
 * The tokens whose expiry lies in one of the ranges (each within a day), by source, kind and status
 * at `nowMs`: active ones (active or expired by now) in `clocked`, revoked and suspended ones in
 * `settled`. Each part is its own members, so that on PostgreSQL the active tokens are a range of
 * the expiry index (which holds no revoked token) and the revoked ones a read of their own index.
 */
async function countExpiringWithin(
  db: Kysely<Database>,
  orgId: string,
  sources: string[],
  scope: string | null,
  ranges: { clocked: Array<{ fromMs: number; toMs: number }>; settled: Array<{ fromMs: number; toMs: number }> },
  nowMs: number,
): Promise<Array<{ source: string; kind: InventoryKind; status: LifecycleStatus; count: number }>> {
  // The expiry index's key, so each day is one range per kind.
  const expiry = sql`coalesce(t.expires_at, ${sql.lit(NEVER_EXPIRES_SORT_MS)})`;
  const kinds = sql.join(INVENTORY_KINDS);
  const holding = scope === null ? sql`` : sql`and exists (select 1 from token_scopes s where s.token_id = t.id and s.scope = ${scope})`;
  const connectors = sources.filter((s) => s !== TOKENWARD_SOURCE);
  const parts = [
    { ranges: ranges.clocked, where: sql`t.status = 'active'`, status: sql`case when ${expiry} <= ${nowMs} then 'expired' else 'active' end` },
    { ranges: ranges.settled, where: sql`t.status = 'suspended'`, status: sql`'suspended'` },
    { ranges: ranges.settled, where: sql`t.status = 'revoked'`, status: sql`'revoked'` },
  ];
  const members: RawBuilder<unknown>[] = [];
  for (const part of parts) {
    for (const { fromMs, toMs } of part.ranges) {
      const inRange = sql`t.org_id = ${orgId} and t.kind in (${kinds}) and ${part.where} and ${expiry} >= ${fromMs} and ${expiry} <= ${toMs} ${holding}`;
      const status = sql`cast(${part.status} as varchar(20))`;
      if (sources.includes(TOKENWARD_SOURCE)) {
        members.push(sql`select cast(${TOKENWARD_SOURCE} as varchar(64)) as source, t.kind as kind, ${status} as status, count(*) as n from tokens t where ${inRange} group by 2, 3`);
      }
      if (connectors.length > 0) {
        members.push(sql`select t.connector_id as source, t.kind as kind, ${status} as status, count(*) as n from external_tokens t
          where ${inRange} and t.connector_id in (${sql.join(connectors)}) group by 1, 2, 3`);
      }
    }
  }
  if (members.length === 0) return [];
  const result = await sql<{ source: string; kind: string; status: string; n: number | string }>`${sql.join(members, sql` union all `)}`.execute(db);
  return result.rows.map((row) => ({ source: row.source, kind: row.kind as InventoryKind, status: row.status as LifecycleStatus, count: Number(row.n) }));
}

/** Each maintained count table, its delta table and its primary key's columns in key order. */
const FOLDED = [
  { counts: 'token_counts', deltas: 'token_count_deltas', key: ['org_id', 'scope', 'source', 'kind', 'status', 'expires_day'] },
  { counts: 'token_idle_counts', deltas: 'token_idle_count_deltas', key: ['org_id', 'idle_day', 'source', 'kind', 'status', 'expiry_passed'] },
] as const;

/** Ties the fold to one session at a time across every node (an arbitrary, fixed key). */
const FOLD_LOCK_KEY = 7_302_115_021;

/**
 * Moves the pending deltas into `token_counts` and `token_idle_counts` (PostgreSQL; a no-op on SQLite, where the triggers
 * update the counts directly). One node folds at a time: the others skip. Readers add the deltas,
 * so folding changes no answer; it only keeps the deltas few. Writers only append deltas, and the
 * fold locks count rows in key order, so neither waits on the other in a cycle.
 * Returns the number of delta rows folded.
 */
export async function foldCountDeltas(db: Kysely<Database>, dialect: DialectName): Promise<number> {
  if (dialect !== 'postgres') return 0;
  return db.transaction().execute(async (tx) => {
    const locked = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${FOLD_LOCK_KEY}) as locked`.execute(tx);
    if (!locked.rows[0]?.locked) return 0;
    let moved = 0;
    for (const { counts, deltas, key } of FOLDED) {
      // Upserted in the primary key's order, so two folds never lock count rows in a cycle.
      const columns = sql.raw(key.join(', '));
      const result = await sql<{ moved: string | number }>`with moved as (delete from ${sql.table(deltas)} returning *),
          summed as (select ${columns}, sum(n) as n, count(*) as rows from moved group by ${columns}),
          upserted as (
            insert into ${sql.table(counts)} (${columns}, n)
            select ${columns}, n from summed where n <> 0
            order by ${columns}
            on conflict (${columns}) do update set n = ${sql.table(counts)}.n + excluded.n
          )
        select coalesce(sum(rows), 0) as moved from summed`.execute(tx);
      moved += Number(result.rows[0]?.moved ?? 0);
    }
    return moved;
  });
}
