/**
 * Counts by last use read from `token_idle_counts` (kept by the triggers of migrations 0022 and
 * 0025): "idle for N days" and the Atlassian-compatible `lastActiveAt` window sum the org's cells of
 * the whole days they hold instead of counting every token. Read token by token: the days their ends
 * cut through (some of a day's tokens were used before the instant, some after), and the tokens whose
 * `expiry_passed` mark disagrees with the clock (expired since the last sweep, or given a later
 * expiry), a short range of their index.
 */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { TOKENWARD_SOURCE } from '../domain/connectors.js';
import { INVENTORY_KINDS, type InventoryKind, type LifecycleStatus } from '../domain/org-token-query.js';
import { DAY_MS } from '../domain/time.js';
import type { DialectName } from './db.js';
import type { Database } from './schema.js';
import { sortKeyExpr } from './token-search-store.js';
import { countSources, type CountCell } from './token-counts.js';

interface Counted {
  source: string;
  kind: string;
  status: string;
  n: number | string;
}

/** A correction row: `move` tokens counted under `status` that belong on the other side of expiry, `add` edge tokens. */
type Correction = Counted & { part: 'move' | 'add' };

/** Instants from `fromMs` (inclusive) to `toMs` (exclusive); null: open on that side. */
export interface Span {
  fromMs: number | null;
  toMs: number | null;
}

/** The tokens a use count takes: used ones last used within `used`, never-used ones created within `neverUsed` (null: none). */
export interface UseWindow {
  used: Span | null;
  neverUsed: Span | null;
}

/** The whole days of a span (`fromDay` to `toDay`, exclusive; null: open), and the parts of days at its ends. */
function daysOf(span: Span): { fromDay: number | null; toDay: number | null; partial: Array<{ fromMs: number; toMs: number }> } {
  // No token was used or created before the epoch.
  if (span.toMs !== null && span.toMs <= 0) return { fromDay: 0, toDay: 0, partial: [] };
  const fromMs = span.fromMs === null ? null : Math.max(0, span.fromMs);
  const fromDay = fromMs === null ? null : Math.ceil(fromMs / DAY_MS);
  const toDay = span.toMs === null ? null : Math.floor(span.toMs / DAY_MS);
  if (fromDay !== null && toDay !== null && fromDay > toDay) {
    // Both ends inside one day: no whole day, one part.
    return { fromDay: 0, toDay: 0, partial: fromMs! < span.toMs! ? [{ fromMs: fromMs!, toMs: span.toMs! }] : [] };
  }
  const partial: Array<{ fromMs: number; toMs: number }> = [];
  if (fromMs !== null && fromMs < fromDay! * DAY_MS) partial.push({ fromMs, toMs: fromDay! * DAY_MS });
  if (span.toMs !== null && toDay! * DAY_MS < span.toMs) partial.push({ fromMs: toDay! * DAY_MS, toMs: span.toMs });
  return { fromDay, toDay, partial };
}

/** Every org token not used since `idleSinceMs` (never used: not created since), by source, kind and status at `nowMs`. */
export async function readIdleCounts(db: Kysely<Database>, orgId: string, nowMs: number, idleSinceMs: number, source: string | null): Promise<CountCell[]> {
  const before = { fromMs: null, toMs: idleSinceMs };
  return readUseCounts(db, orgId, nowMs, { used: before, neverUsed: before }, source);
}

/**
 * The org's tokens in `window`, by source, kind and status at `nowMs`: the cells of the whole days
 * it holds (a used token's day of last use, or -1 less a never-used token's day of creation,
 * migration 0025), the days its ends cut through read token by token, and the tokens of the whole
 * days whose expiry mark disagrees with the clock moved to the other side of expiry.
 */
export async function readUseCounts(db: Kysely<Database>, orgId: string, nowMs: number, window: UseWindow, source: string | null): Promise<CountCell[]> {
  const { typeOf, sources } = await countSources(db, orgId, source);
  if (sources !== null && sources.length === 0) return [];
  const hasOwn = sources === null || sources.includes(TOKENWARD_SOURCE);
  const connectors = sources?.filter((s) => s !== TOKENWARD_SOURCE) ?? null;
  const hasConnectors = connectors === null || connectors.length > 0;
  const kinds = sql.join(INVENTORY_KINDS);
  const ofSources = (column: RawBuilder<unknown>) => (sources === null ? sql`` : sql`and ${column} in (${sql.join(sources)})`);
  const ofConnectors = connectors === null ? sql`` : sql`and t.connector_id in (${sql.join(connectors)})`;
  const used = window.used === null ? null : daysOf(window.used);
  const neverUsed = window.neverUsed === null ? null : daysOf(window.neverUsed);

  // The whole days, with the deltas not yet folded, in one statement. A never-used token created on
  // day c sits on day -1 - c.
  const wholeDays: RawBuilder<SqlBool>[] = [];
  const dayRange = (low: number | null, high: number | null) =>
    sql<SqlBool>`(${sql.join([sql`true`, ...(low === null ? [] : [sql`idle_day >= ${low}`]), ...(high === null ? [] : [sql`idle_day < ${high}`])], sql` and `)})`;
  if (used) wholeDays.push(dayRange(Math.max(0, used.fromDay ?? 0), used.toDay));
  if (neverUsed) wholeDays.push(dayRange(neverUsed.toDay === null ? null : -neverUsed.toDay, neverUsed.fromDay === null ? 0 : -neverUsed.fromDay));
  const cell = (table: string) => sql`select source, kind, status, expiry_passed, n from ${sql.table(table)}
    where org_id = ${orgId} and (${wholeDays.length === 0 ? sql`false` : sql.join(wholeDays, sql` or `)}) and kind in (${kinds}) ${ofSources(sql`source`)}`;
  const summed = sql<Counted & { expiry_passed: number | string }>`select source, kind, status, expiry_passed, sum(n) as n
    from (${cell('token_idle_counts')} union all ${cell('token_idle_count_deltas')}) c group by 1, 2, 3, 4`;

  // Tokens of those days whose mark disagrees with the clock: counted on the wrong side of expiry.
  const within = (column: RawBuilder<unknown>, fromDay: number | null, toDay: number | null) =>
    sql.join([sql`true`, ...(fromDay === null ? [] : [sql`${column} >= ${fromDay * DAY_MS}`]), ...(toDay === null ? [] : [sql`${column} < ${toDay * DAY_MS}`])], sql` and `);
  const wholeTokens: RawBuilder<unknown>[] = [];
  if (used) wholeTokens.push(sql`(t.last_active_at is not null and ${within(sql`t.last_active_at`, used.fromDay, used.toDay)})`);
  if (neverUsed) wholeTokens.push(sql`(t.last_active_at is null and ${within(sql`t.created_at`, neverUsed.fromDay, neverUsed.toDay)})`);
  const misfiled = (table: 'tokens' | 'external_tokens', mark: 0 | 1) => {
    const sourceCol = table === 'tokens' ? sql`cast(${TOKENWARD_SOURCE} as varchar(64))` : sql`t.connector_id`;
    return sql`select cast('move' as varchar(4)) as part, ${sourceCol} as source, t.kind as kind, cast(${mark === 0 ? 'active' : 'expired'} as varchar(20)) as status, count(*) as n
      from ${sql.table(table)} t
      where ${misfiledAt(nowMs, mark, 't.')} and t.org_id = ${orgId} and t.status = 'active' and t.kind in (${kinds}) and (${sql.join(wholeTokens, sql` or `)})
        ${table === 'external_tokens' ? ofConnectors : sql``}
      group by 1, 2, 3, 4`;
  };

  // The days the window's ends cut through, token by token: used tokens through the last-activity
  // index, never-used ones through the creation index.
  const status = sql`case when t.status = 'revoked' then 'revoked' when t.status = 'suspended' then 'suspended'
    when t.expires_at <= ${nowMs} then 'expired' else 'active' end`;
  const lastActive = sortKeyExpr('lastActiveAt').expr;
  const edges = (table: 'tokens' | 'external_tokens') => {
    const sourceCol = table === 'tokens' ? sql`cast(${TOKENWARD_SOURCE} as varchar(64))` : sql`t.connector_id`;
    const narrowed = sql`t.org_id = ${orgId} and t.kind in (${kinds}) ${table === 'external_tokens' ? ofConnectors : sql``}`;
    const counted = (where: RawBuilder<unknown>, statusOf: RawBuilder<unknown> = status) =>
      sql`select cast('add' as varchar(4)) as part, ${sourceCol} as source, t.kind as kind, ${statusOf} as status, count(*) as n from ${sql.table(table)} t
        where ${narrowed} and ${where} group by 1, 2, 3, 4`;
    const lastUsedWithin = (fromMs: number, toMs: number) => sql`${lastActive} >= ${fromMs} and ${lastActive} < ${toMs}`;
    // PostgreSQL's last-activity index holds no revoked token (migration 0027): revoked tokens are
    // read apart, through their own index, which carries their last use.
    const usedParts =
      table === 'tokens'
        ? (fromMs: number, toMs: number) => [
            counted(sql`${lastUsedWithin(fromMs, toMs)} and t.status <> 'revoked'`),
            counted(sql`${lastUsedWithin(fromMs, toMs)} and t.status = 'revoked'`, sql`cast('revoked' as varchar(20))`),
          ]
        : (fromMs: number, toMs: number) => [counted(lastUsedWithin(fromMs, toMs))];
    return [
      ...(used?.partial ?? []).flatMap(({ fromMs, toMs }) => usedParts(fromMs, toMs)),
      ...(neverUsed?.partial ?? []).map(({ fromMs, toMs }) => counted(sql`t.created_at >= ${fromMs} and t.created_at < ${toMs} and t.last_active_at is null`)),
    ];
  };

  const tables = [...(hasOwn ? (['tokens'] as const) : []), ...(hasConnectors ? (['external_tokens'] as const) : [])];
  const exact = [...(wholeTokens.length === 0 ? [] : tables.flatMap((table) => [misfiled(table, 0), misfiled(table, 1)])), ...tables.flatMap(edges)];
  const [cells, corrections] = await Promise.all([
    summed.execute(db),
    exact.length === 0 ? { rows: [] } : sql<Correction>`${sql.join(exact, sql` union all `)}`.execute(db),
  ]);

  const totals = new Map<string, CountCell>();
  const add = (cellSource: string, kind: InventoryKind, status: LifecycleStatus, count: number) => {
    const key = `${cellSource}\n${kind}\n${status}`;
    const found = totals.get(key);
    if (found) found.count += count;
    else totals.set(key, { source: cellSource, sourceType: typeOf(cellSource), kind, status, count });
  };
  for (const row of cells.rows) {
    const stored = row.status as LifecycleStatus;
    const status = stored === 'active' && Number(row.expiry_passed) === 1 ? 'expired' : stored;
    add(row.source, row.kind as InventoryKind, status, Number(row.n));
  }
  // A misfiled token moves from the side its mark put it on to the other; an edge token is added.
  for (const row of corrections.rows) {
    const kind = row.kind as InventoryKind;
    const n = Number(row.n);
    if (row.part === 'add') add(row.source, kind, row.status as LifecycleStatus, n);
    else {
      add(row.source, kind, row.status as LifecycleStatus, -n);
      add(row.source, kind, row.status === 'active' ? 'expired' : 'active', n);
    }
  }
  return [...totals.values()].filter((c) => c.count !== 0);
}

/**
 * Sets and clears the `expiry_passed` marks the clock has made wrong (both token tables); returns
 * how many changed. On PostgreSQL rows another transaction holds are skipped, not waited on: a
 * sweep never waits on (or deadlocks with) a bulk revoke, and readers correct for what it skipped
 * until the next sweep.
 */
export async function sweepExpiryMarks(db: Kysely<Database>, dialect: DialectName, nowMs: number): Promise<number> {
  let changed = 0;
  for (const table of ['tokens', 'external_tokens'] as const) {
    for (const mark of [0, 1] as const) {
      const misfiled = misfiledAt(nowMs, mark, '');
      const result =
        dialect === 'postgres'
          ? await sql`update ${sql.table(table)} set expiry_passed = ${1 - mark} where id = any(array(select id from ${sql.table(table)} where ${misfiled} for update skip locked))`.execute(db)
          : await sql`update ${sql.table(table)} set expiry_passed = ${1 - mark} where ${misfiled}`.execute(db);
      changed += Number(result.numAffectedRows ?? 0);
    }
  }
  return changed;
}

/**
 * Tokens marked `mark` that the clock says belong on the other side: unmarked yet past their expiry
 * (0), or marked yet not past it (1). Written on the expression of `tokens_expiry_mark_idx` (the
 * expiry, negated once marked): each is one range of that index.
 */
function misfiledAt(nowMs: number, mark: 0 | 1, alias: 't.' | ''): RawBuilder<boolean> {
  const key = sql.raw(`(case when ${alias}expiry_passed = 0 then ${alias}expires_at else -${alias}expires_at end)`);
  return mark === 0 ? sql<boolean>`${key} between 0 and ${nowMs}` : sql<boolean>`${key} < ${-nowMs}`;
}
