/**
 * Token inventory at scale: seeds N user tokens in one org, then times the filtered
 * list and count through the real service (p50/p95), and a bulk revoke of 100,000 tokens.
 *
 *   npx tsx bench/search.ts [--rows 1000000] [--dialect sqlite|postgres|both] [--runs 40] [--revoke 100000]
 *   npx tsx bench/search.ts --mode all-kinds [--rows 1000000] [--dialect both] [--runs 40]
 *   npx tsx bench/search.ts --mode console-columns [--rows 100000] [--dialect both] [--runs 40]
 *
 * `--mode console-columns` (default 100,000 tokens) times the inventory's first pages with the
 * console's activity columns (calls in 30 days from the daily totals, the last address): 30% of
 * tokens used on 10 of the last 30 days. It prints the page with the columns beside the activity
 * query alone, so the cost of the columns reads as a share of the page. The org has 40 groups
 * (everyone in two), 14 policies on groups, people and service accounts, and the default: the
 * page's governing-policy column is timed on its own too.
 *
 * `--mode all-kinds` measures only Tokenward's inventory of every kind (GET
 * …/orgs/{orgId}/tokens and …/counts, through the same service the routes call) on a mixed org:
 * 90% member tokens, 9% service-account tokens, 1% admin API keys; every filter of the API, the
 * counts, and the next page.
 *
 * Seeding writes rows straight through Kysely in large batches (a bench may); on PostgreSQL the
 * trigram GIN index is dropped during the load and rebuilt after, as a bulk import would.
 * PostgreSQL: TOKENWARD_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql, type Insertable, type Kysely } from 'kysely';
import pg from 'pg';
import { deriveCursorKey } from '../src/domain/cursor.js';
import { newOrgId } from '../src/domain/ids.js';
import { parseOrgTokenFilters, parseOrgTokenQuery, type OrgTokenFilterParams, type OrgTokenQueryParams } from '../src/domain/org-token-query.js';
import { parseInventoryFilters, parseInventoryQuery, searchTextOf, USER_TOKEN_FILTERS, type InventoryQueryParams } from '../src/domain/token-query.js';
import { createOrgTokenService } from '../src/service/org-token-service.js';
import { createGovernanceService } from '../src/service/governance-service.js';
import { defaultPolicyIdOf, OPEN_RULE } from '../src/domain/policy.js';
import { createInventoryActivity } from '../src/store/inventory-activity.js';
import { createTokenInventoryService } from '../src/service/token-inventory-service.js';
import { migrateToLatest, openDatabase, type DatabaseHandle, type DialectName } from '../src/store/db.js';
import type { Database, ServiceAccountTable, TokenTable, UserTable } from '../src/store/schema.js';
import { refreshPlannerStatistics } from '../src/store/planner-statistics.js';
import { foldCountDeltas } from '../src/store/token-counts.js';
import { sweepExpiryMarks } from '../src/store/token-idle-counts.js';
import { DAY_MS } from '../src/domain/time.js';

const DAY = DAY_MS;
const NOW = Date.parse('2026-06-01T00:00:00Z');
const TOKENS_PER_USER = 20;
const FIRST = ['ada', 'alan', 'grace', 'linus', 'margaret', 'ken', 'barbara', 'donald', 'edsger', 'frances', 'john', 'radia', 'tim', 'vint', 'whitfield', 'leslie', 'niklaus', 'sophie', 'yukihiro', 'guido'];
const LAST = ['lovelace', 'turing', 'hopper', 'torvalds', 'hamilton', 'thompson', 'liskov', 'knuth', 'dijkstra', 'allen', 'backus', 'perlman', 'lee', 'cerf', 'diffie', 'lamport', 'wirth', 'wilson', 'matsumoto', 'rossum', 'okafor', 'nakamura', 'silva', 'novak', 'kowalski'];
const WORDS = ['deploy', 'ci', 'backup', 'sync', 'export', 'report', 'jira', 'confluence', 'script', 'laptop', 'migration', 'monitor'];

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

/** A deterministic generator, so both dialects get the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The planner statistics a server has: on SQLite those it gathers itself at start and as tables
 * grow; on PostgreSQL those autovacuum's analyze gathers, and VACUUM sets the visibility map that
 * index-only scans need. Returns, for SQLite, how long that took and the longest the event loop
 * waited meanwhile (what a request arriving then would wait), for the seeding line.
 */
async function gatherStatistics(db: Kysely<Database>, dialect: DialectName): Promise<string> {
  if (dialect === 'postgres') {
    await sql`vacuum analyze`.execute(db);
    return '';
  }
  let longestMs = 0;
  let lastTurn = performance.now();
  let isGathering = true;
  const turn = () => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - lastTurn);
    lastTurn = now;
    if (isGathering) setImmediate(turn);
  };
  setImmediate(turn);
  const started = performance.now();
  await refreshPlannerStatistics(db, dialect);
  isGathering = false;
  return `; statistics gathered in ${(performance.now() - started).toFixed(0)} ms, the event loop held at most ${longestMs.toFixed(0)} ms at a time`;
}

/** PostgreSQL: drops the trigram index for a bulk load; the returned step builds it again as the migrations defined it. */
async function dropSearchIndex(db: Kysely<Database>): Promise<() => Promise<void>> {
  const found = await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = 'tokens_search_trgm_idx'`.execute(db);
  const definition = found.rows[0]!.indexdef;
  await sql`drop index tokens_search_trgm_idx`.execute(db);
  return async () => {
    await sql.raw(definition).execute(db);
  };
}

async function openBench(dialect: DialectName): Promise<{ handle: DatabaseHandle; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tokenward-bench-'));
  if (dialect === 'sqlite') {
    const handle = openDatabase({ dataDir, checkpointInBackground: true }); // as the server opens it
    return { handle, drop: async () => { await handle.close(); rmSync(dataDir, { recursive: true, force: true }); } };
  }
  const adminUrl = process.env.TOKENWARD_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `tw_bench_${randomBytes(4).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try { await client.query(text); } finally { await client.end(); }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ databaseUrl: url.toString(), dataDir });
  return {
    handle,
    drop: async () => {
      await handle.close();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One org with `rows` user tokens of `rows / 20` managed users; returns its id. */
/**
 * `inCreationOrder`: rows are inserted in the order their tokens were created, as a server writes
 * them (a token's row is written when it is issued), so a walk in creation order reads the table's
 * pages in turn. Otherwise creation times are drawn at random, which spreads the list sort keys.
 */
async function seedOrg(db: Kysely<Database>, rows: number, seed: number, idPrefix: string, isMixed = false, inCreationOrder = false): Promise<string> {
  const orgId = newOrgId();
  const random = rng(seed);
  await db.insertInto('organizations').values({ id: orgId, name: `bench ${idPrefix}`, created_at: NOW }).execute();
  const userCount = Math.max(1, Math.ceil(rows / TOKENS_PER_USER));
  const users: Array<Insertable<UserTable>> = [];
  for (let i = 0; i < userCount; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const email = `${first}.${last}.${i}@example.com`;
    users.push({
      id: `usr_${idPrefix}${i}`, org_id: orgId, email, email_lower: email, name: `${first} ${last}`, role: 'member',
      account_type: 'managed', status: random() < 0.03 ? 'deactivated' : 'active', created_at: NOW - 800 * DAY, updated_at: NOW,
    });
  }
  for (let i = 0; i < users.length; i += 2000) {
    await db.insertInto('users').values(users.slice(i, i + 2000)).execute();
  }
  // Mixed (the all-kinds mode): token i with i % 100 in 90..98 belongs to a service account
  // (10 tokens each), i % 100 == 99 is an admin API key.
  const accountCount = isMixed ? Math.max(1, Math.ceil((rows * 0.09) / 10)) : 0;
  const accounts: Array<Insertable<ServiceAccountTable>> = [];
  for (let i = 0; i < accountCount; i++) {
    const word = WORDS[i % WORDS.length]!;
    accounts.push({ id: `sa_${idPrefix}${i}`, org_id: orgId, email: `${word}-${i}@serviceaccount.example.com`, display_name: `${word} bot ${i}`, description: null, picture: null, status: 'active', created_by_id: null, created_at: NOW - 800 * DAY, updated_at: NOW, deleted_at: null, deleted_by: null });
  }
  for (let i = 0; i < accounts.length; i += 2000) await db.insertInto('service_accounts').values(accounts.slice(i, i + 2000)).execute();
  const BATCH = 1000;
  const PER_TX = 50_000;
  for (let start = 0; start < rows; start += PER_TX) {
    await db.transaction().execute(async (trx) => {
      for (let b = start; b < Math.min(rows, start + PER_TX); b += BATCH) {
        const chunk: Array<Insertable<TokenTable>> = [];
        for (let i = b; i < Math.min(rows, b + BATCH, start + PER_TX); i++) {
          const user = users[i % userCount]!;
          const createdAt = inCreationOrder ? NOW - 500 * DAY + Math.floor((i / rows) * 500 * DAY) : NOW - Math.floor(random() * 500 * DAY);
          const label = `${WORDS[Math.floor(random() * WORDS.length)]} ${i}`;
          const roll = random();
          const slot = i % 100;
          const account = isMixed && slot >= 90 && slot < 99 ? accounts[Math.floor(i / 100) % accountCount]! : null;
          const isAdminKey = isMixed && slot === 99;
          const kind = account ? 'service_account' : isAdminKey ? 'admin_key' : 'user';
          chunk.push({
            id: `tok_${idPrefix}${i}`, org_id: orgId, kind, owner_user_id: kind === 'user' ? (user.id as string) : null, owner_service_account_id: account ? (account.id as string) : null,
            label, digest: `${idPrefix}${i}`.padStart(64, '0'), display_prefix: 'twu_bench', scopes: random() < 0.3 ? '["read:jira-work","write:jira-work"]' : '["read:jira-work"]',
            status: roll < 0.02 ? 'revoked' : roll < 0.07 ? 'suspended' : 'active',
            created_at: createdAt, expires_at: createdAt + 365 * DAY,
            // Marked as a running server's sweep marked it when it expired: the sweep below then
            // finds nothing, instead of rewriting half the table at once.
            expiry_passed: createdAt + 365 * DAY <= NOW ? 1 : 0,
            last_active_at: random() < 0.2 ? null : NOW - Math.floor(random() * 400 * DAY),
            created_by: null, revoked_at: null, revoked_by: null, revoked_reason: null,
            search_text: account ? searchTextOf(label, account.display_name as string, account.email as string) : isAdminKey ? searchTextOf(label, null, null) : searchTextOf(label, user.name as string, user.email as string),
          });
        }
        await trx.insertInto('tokens').values(chunk).execute();
      }
    });
  }
  return orgId;
}

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1)]!;
}

async function time(label: string, runs: number, work: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < 3; i++) await work();
  const samples: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await work();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const shown = typeof result === 'number' ? `= ${result}` : `${(result as { items: unknown[] }).items.length} rows`;
  const p95 = percentile(samples, 95);
  // The target of every list and count: p95 under 50 ms.
  const mark = p95 < 50 ? '' : '   p95 NOT under the 50 ms target';
  console.log(`  ${label.padEnd(58)} p50 ${percentile(samples, 50).toFixed(1).padStart(7)} ms   p95 ${p95.toFixed(1).padStart(7)} ms   (${shown})${mark}`);
}

async function benchDialect(dialect: DialectName, rows: number, runs: number, revokeRows: number): Promise<void> {
  console.log(`\n== ${dialect}: ${rows.toLocaleString('en')} tokens ==`);
  const { handle, drop } = await openBench(dialect);
  try {
    await migrateToLatest(handle);
    const { db } = handle;
    if (dialect === 'sqlite') await sql`pragma synchronous = off`.execute(db); // seeding only; restored below
    const rebuildSearchIndex = dialect === 'postgres' ? await dropSearchIndex(db) : async () => {};
    let started = performance.now();
    const orgId = await seedOrg(db, rows, 42, 'a');
    const revokeOrgId = revokeRows > 0 ? await seedOrg(db, revokeRows, 7, 'r', false, true) : null;
    await rebuildSearchIndex();
    // The expiry marks swept and the counts' pending deltas folded in, as a running server does every 2 s.
    await sweepExpiryMarks(db, dialect, NOW);
    await foldCountDeltas(db, dialect);
    const statistics = await gatherStatistics(db, dialect);
    if (dialect === 'sqlite') await sql`pragma synchronous = full`.execute(db);
    console.log(`  seeded ${(rows + revokeRows).toLocaleString('en')} tokens in ${((performance.now() - started) / 1000).toFixed(1)} s${statistics}`);

    const service = createTokenInventoryService({ db, dialect, clock: () => new Date(NOW), cursorKey: deriveCursorKey(Buffer.alloc(32, 1)) });
    // A person's address (about 0.2% of tokens) and a broad surname (4%): admins search both ways.
    // Each call parses its query as the route does, then asks the service (as before the parse moved to the route).
    const list = (params: InventoryQueryParams) => service.searchUserTokens(orgId, parseInventoryQuery(params, USER_TOKEN_FILTERS));
    const count = (params: InventoryQueryParams) => service.countUserTokens(orgId, parseInventoryFilters(params, USER_TOKEN_FILTERS));
    const filters = { q: 'grace.okafor', status: 'allowed', lastActiveAtSearchType: 'gt', lastActiveAtUom: 'day', lastActiveAtValue: 90 };
    const listQuery = { ...filters, sort: '-lastActiveAt', pageSize: 100 };
    await time('list  q + status + lastActiveAt gt 90d, sort -lastActiveAt', runs, () => list(listQuery));
    await time('count q + status + lastActiveAt gt 90d', runs, () => count(filters));
    const firstPage = await list(listQuery);
    const next = firstPage.links.next;
    if (next) await time('list  same, second page (cursor)', runs, () => list({ ...listQuery, cursor: next }));
    const wide = { ...listQuery, q: 'okafor' };
    await time('list  broad q (4% of rows) + status + lastActiveAt, sort', runs, () => list(wide));
    await time('count broad q (4% of rows) + status + lastActiveAt', runs, () => count({ ...filters, q: 'okafor' }));
    const broad = { status: 'allowed', lastActiveAtSearchType: 'gt', lastActiveAtUom: 'day', lastActiveAtValue: 90 };
    await time('list  status + lastActiveAt gt 90d (no q), sort -lastActiveAt', runs, () => list({ ...broad, sort: '-lastActiveAt' }));
    await time('list  no filter, default sort', runs, () => list({}));
    await time('count status + lastActiveAt gt 90d (no q)', Math.min(runs, 10), () => count(broad));
    await time('count no filter', Math.min(runs, 10), () => count({}));
    await time('count status=allowed (no q)', Math.min(runs, 10), () => count({ status: 'allowed' }));

    // Tokenward's own inventory of every kind (a UNION ALL of one range read per kind).
    const everything = createOrgTokenService({ db, dialect, clock: () => new Date(NOW), cursorKey: deriveCursorKey(Buffer.alloc(32, 1)) });
    await time('all kinds: list no filter, default sort', runs, () => everything.list(orgId, parseOrgTokenQuery({})));
    const allFirst = await everything.list(orgId, parseOrgTokenQuery({ sort: '-lastActiveAt' }));
    if (allFirst.links.next) await time('all kinds: list sort -lastActiveAt, second page', runs, () => everything.list(orgId, parseOrgTokenQuery({ sort: '-lastActiveAt', cursor: allFirst.links.next! })));
    await time('all kinds: list q (a person) + status=active, sort +expiresAt', runs, () => everything.list(orgId, parseOrgTokenQuery({ q: 'grace.okafor', status: 'active', sort: '+expiresAt' })));
    await time('all kinds: list idleDays=90 + scope, sort -createdAt', runs, () => everything.list(orgId, parseOrgTokenQuery({ idleDays: '90', scope: 'read:jira-work' })));
    await time('all kinds: list expiring in 30 days, sort +expiresAt', runs, () => everything.list(orgId, parseOrgTokenQuery({ status: 'active', expiresAtSearchType: 'lt', expiresAtUom: 'day', expiresAtValue: '30', sort: '+expiresAt' })));
    const countOf = (query: OrgTokenFilterParams) => async () => (await everything.counts(orgId, parseOrgTokenFilters(query))).total;
    await time('all kinds: counts by status and kind, no filter', Math.min(runs, 10), countOf({}));
    await time('all kinds: counts by status and kind, q (a person)', runs, countOf({ q: 'grace.okafor' }));

    if (revokeOrgId) {
      started = performance.now();
      const principal = { kind: 'admin_key' as const, tokenId: 'tok_bench', orgId: revokeOrgId, scopes: [] };
      // Meanwhile another admin keeps searching the other org: the server must keep answering.
      let revoking = true;
      const during: number[] = [];
      const searcher = (async () => {
        while (revoking) {
          const at = performance.now();
          await list(listQuery);
          during.push(performance.now() - at);
          // Requests reach a server through I/O; without this the loop would be pure microtasks
          // (better-sqlite3 is synchronous) and starve the event loop, which no real client can do.
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      const revoked = await service.revokeAllUserTokens(principal, revokeOrgId, null);
      revoking = false;
      await searcher;
      const seconds = (performance.now() - started) / 1000;
      const target = revokeRows === 100_000 ? ` (target < 5 s: ${seconds < 5 ? 'met' : 'NOT met'})` : '';
      console.log(`  bulk revoke: ${revoked.toLocaleString('en')} tokens (of ${revokeRows.toLocaleString('en')} seeded, some pre-revoked) in ${seconds.toFixed(2)} s${target}`);
      during.sort((a, b) => a - b);
      const pick = (q: number) => during[Math.min(during.length - 1, Math.floor(q * during.length))]!.toFixed(1);
      console.log(`  searches answered during the bulk revoke: ${during.length}, p50 ${pick(0.5)} ms, p95 ${pick(0.95)} ms, max ${pick(1)} ms`);
    }
  } finally {
    await drop();
  }
}

/** The all-kinds inventory alone, on a mixed org, with every filter the console offers. */
async function benchAllKinds(dialect: DialectName, rows: number, runs: number): Promise<void> {
  console.log(`\n== ${dialect}: all kinds, ${rows.toLocaleString('en')} tokens (90% members', 9% service accounts', 1% admin keys) ==`);
  const { handle, drop } = await openBench(dialect);
  try {
    await migrateToLatest(handle);
    const { db } = handle;
    if (dialect === 'sqlite') await sql`pragma synchronous = off`.execute(db);
    const rebuildSearchIndex = dialect === 'postgres' ? await dropSearchIndex(db) : async () => {};
    const started = performance.now();
    const orgId = await seedOrg(db, rows, 42, 'a', true);
    await rebuildSearchIndex();
    // The expiry marks swept and the counts' pending deltas folded in, as a running server does every 2 s.
    await sweepExpiryMarks(db, dialect, NOW);
    await foldCountDeltas(db, dialect);
    const statistics = await gatherStatistics(db, dialect);
    if (dialect === 'sqlite') await sql`pragma synchronous = full`.execute(db);
    console.log(`  seeded ${rows.toLocaleString('en')} tokens in ${((performance.now() - started) / 1000).toFixed(1)} s${statistics}`);

    const inventory = createOrgTokenService({ db, dialect, clock: () => new Date(NOW), cursorKey: deriveCursorKey(Buffer.alloc(32, 1)) });
    // Each call parses its query as the route does, then asks the service.
    const list = (label: string, query: OrgTokenQueryParams) => time(`list  ${label}`, runs, () => inventory.list(orgId, parseOrgTokenQuery(query)));
    const nextPage = async (label: string, query: OrgTokenQueryParams) => {
      const first = await inventory.list(orgId, parseOrgTokenQuery(query));
      if (first.links.next) await time(`next  ${label}`, runs, () => inventory.list(orgId, parseOrgTokenQuery({ ...query, cursor: first.links.next! })));
      else console.log(`  next  ${label}: one page only`);
    };
    // Counts answer every status and kind of the filtered set (the console's chips and table), so
    // status and ownerKind do not narrow them.
    const count = (label: string, query: OrgTokenFilterParams, n = runs) => time(`count ${label}`, n, async () => (await inventory.counts(orgId, parseOrgTokenFilters(query))).total);

    await list('no filter, sort -createdAt', {});
    await nextPage('no filter, sort -createdAt', {});
    await list('sort -lastActiveAt', { sort: '-lastActiveAt' });
    await nextPage('sort -lastActiveAt', { sort: '-lastActiveAt' });
    await list('sort +label', { sort: '+label' });
    await list('q a person (0.2%), sort +expiresAt', { q: 'grace.okafor', sort: '+expiresAt' });
    await list('q broad (4%) + status=active', { q: 'okafor', status: 'active' });
    await nextPage('q broad (4%) + status=active', { q: 'okafor', status: 'active' });
    await list('q broad (4%), every status', { q: 'okafor', status: 'active,expired,suspended,revoked' });
    await list('status=revoked', { status: 'revoked' });
    await list('ownerKind=service-account', { ownerKind: 'service-account' });
    await nextPage('ownerKind=service-account', { ownerKind: 'service-account' });
    await list('ownerKind=admin-key + status=active', { ownerKind: 'admin-key', status: 'active' });
    await list('scope=write:jira-work', { scope: 'write:jira-work' });
    await list('neverUsed=true', { neverUsed: 'true' });
    await list('idleDays=90 + status=active', { idleDays: '90', status: 'active' });
    await nextPage('idleDays=90 + status=active', { idleDays: '90', status: 'active' });
    await list('expiring in 30 days, sort +expiresAt', { status: 'active', expiresAtSearchType: 'lt', expiresAtUom: 'day', expiresAtValue: '30', sort: '+expiresAt' });
    await list('created between two dates', { createdAtSearchType: 'range', createdAtUom: 'day', createdAtRangeFrom: '100', createdAtRangeTo: '200' });
    await count('no filter (by status and kind)', {}, Math.min(runs, 10));
    await count('q a person', { q: 'grace.okafor' });
    await count('q broad (4%)', { q: 'okafor' }, Math.min(runs, 10));
    await count('scope=write:jira-work', { scope: 'write:jira-work' }, Math.min(runs, 10));
    await count('idleDays=90', { idleDays: '90' }, Math.min(runs, 10));
    await count('expiring in 30 days', { expiresAtSearchType: 'lt', expiresAtUom: 'day', expiresAtValue: '30' }, Math.min(runs, 10));
  } finally {
    await drop();
  }
}

/** The console's inventory columns at scale: usage for 30% of the tokens, then the first pages. */
async function benchConsoleColumns(dialect: DialectName, rows: number, runs: number): Promise<void> {
  console.log(`\n== ${dialect}: console inventory columns, ${rows.toLocaleString('en')} tokens ==`);
  const { handle, drop } = await openBench(dialect);
  try {
    await migrateToLatest(handle);
    const { db } = handle;
    if (dialect === 'sqlite') await sql`pragma synchronous = off`.execute(db);
    const started = performance.now();
    const orgId = await seedOrg(db, rows, 42, 'c', true);
    const random = rng(7);
    const today = Math.floor(NOW / DAY);
    const daily: Array<Insertable<Database['usage_daily']>> = [];
    for (let i = 0; i < rows; i++) {
      if (random() >= 0.3) continue;
      for (let d = 0; d < 30; d += 3) daily.push({ token_id: `tok_c${i}`, day: today - d, org_id: orgId, calls: 1 + Math.floor(random() * 50), errors: 0, first_at: (today - d) * DAY, last_at: (today - d) * DAY + 1000 });
    }
    for (let i = 0; i < daily.length; i += 2000) await db.insertInto('usage_daily').values(daily.slice(i, i + 2000)).execute();
    await sql`update tokens set last_active_ip = '198.51.100.' || (length(id) % 200) where last_active_at is not null`.execute(db);
    await seedPolicies(db, orgId, Math.ceil(rows / TOKENS_PER_USER), Math.ceil((rows * 0.09) / 10));
    // The expiry marks swept and the counts' pending deltas folded in, as a running server does every 2 s.
    await sweepExpiryMarks(db, dialect, NOW);
    await foldCountDeltas(db, dialect);
    const statistics = await gatherStatistics(db, dialect);
    if (dialect === 'sqlite') await sql`pragma synchronous = full`.execute(db);
    console.log(`  seeded ${rows.toLocaleString('en')} tokens and ${daily.length.toLocaleString('en')} daily usage rows in ${((performance.now() - started) / 1000).toFixed(1)} s${statistics}`);
    const inventory = createOrgTokenService({ db, dialect, clock: () => new Date(NOW), cursorKey: deriveCursorKey(Buffer.alloc(32, 1)) });
    const activity = createInventoryActivity(db);
    const governance = createGovernanceService({ db, clock: () => new Date(NOW) });
    for (const [label, query] of [['no filter, sort -createdAt', {}], ['sort -lastActiveAt', { sort: '-lastActiveAt' }], ['status=active, sort +expiresAt', { status: 'active', sort: '+expiresAt' }]] as const) {
      await time(`first page of 50 with the columns: ${label}`, runs, () => inventory.list(orgId, parseOrgTokenQuery({ ...query, pageSize: '50' })));
      const ids = (await inventory.list(orgId, parseOrgTokenQuery({ ...query, pageSize: '50' }))).items.map((item) => item.token.id);
      await time(`  the activity columns' query alone`, runs, async () => ({ items: [...(await activity.ofTokens(orgId, ids, today - 29)).values()] }));
      const owners = (await inventory.list(orgId, parseOrgTokenQuery({ ...query, pageSize: '50' }))).items.flatMap((item) => (item.token.owner ? [item.token.owner] : []));
      await time(`  the governing-policy query alone`, runs, async () => ({ items: [...(await governance.governingPolicies(orgId, owners)).values()] }));
    }
    // The policies page's "governs N people, M live tokens": every owner of the org resolved at once.
    const caller = { principal: { kind: 'admin_key' as const, tokenId: 'tok_bench', orgId, scopes: ['read:policies:admin'] }, ip: null };
    await time(`policies page: people and live tokens per policy (whole org)`, Math.min(runs, 10), async () => ({ items: await governance.policyCoverage(caller, orgId) }));
  } finally {
    await drop();
  }
}

/**
 * Policies as a large org has them: 40 groups, every person in two; 12 policies on groups (some
 * disabled), 200 people and 100 service accounts assigned directly, and the default.
 */
async function seedPolicies(db: Kysely<Database>, orgId: string, userCount: number, accountCount: number): Promise<void> {
  const GROUPS = 40;
  await db.insertInto('groups').values(Array.from({ length: GROUPS }, (_, g) => ({ id: `grp_b${g}`, org_id: orgId, name: `team ${g}`, created_at: NOW }))).execute();
  const members: Array<{ group_id: string; user_id: string; created_at: number }> = [];
  for (let u = 0; u < userCount; u++) members.push({ group_id: `grp_b${u % GROUPS}`, user_id: `usr_c${u}`, created_at: NOW }, { group_id: `grp_b${(u * 7 + 3) % GROUPS}`, user_id: `usr_c${u}`, created_at: NOW });
  const unique = [...new Map(members.map((m) => [`${m.group_id}:${m.user_id}`, m])).values()];
  for (let i = 0; i < unique.length; i += 2000) await db.insertInto('group_members').values(unique.slice(i, i + 2000)).execute();
  const rule = JSON.stringify({ ...OPEN_RULE, maxLifetimeDays: 90 });
  const policy = (id: string, priority: number, status = 'enabled', isDefault = 0) => ({ id, org_id: orgId, name: `policy ${id}`, status, priority, is_default: isDefault, rule, created_at: NOW, updated_at: NOW });
  await db.insertInto('policies').values([policy(defaultPolicyIdOf(orgId), 0, 'enabled', 1), ...Array.from({ length: 14 }, (_, p) => policy(`pol_b${p}`, 1 + (p % 5) * 10, p % 6 === 5 ? 'disabled' : 'enabled'))]).execute();
  const assignments: Array<{ policy_id: string; org_id: string; assignee_type: string; assignee_id: string }> = [];
  for (let g = 0; g < GROUPS; g++) assignments.push({ policy_id: `pol_b${g % 12}`, org_id: orgId, assignee_type: 'group', assignee_id: `grp_b${g}` });
  for (let u = 0; u < Math.min(200, userCount); u++) assignments.push({ policy_id: 'pol_b12', org_id: orgId, assignee_type: 'user', assignee_id: `usr_c${u * 7}` });
  for (let a = 0; a < Math.min(100, accountCount); a++) assignments.push({ policy_id: 'pol_b13', org_id: orgId, assignee_type: 'service_account', assignee_id: `sa_c${a}` });
  const kept = [...new Map(assignments.map((a) => [`${a.policy_id}:${a.assignee_type}:${a.assignee_id}`, a])).values()];
  for (let i = 0; i < kept.length; i += 1000) await db.insertInto('policy_assignments').values(kept.slice(i, i + 1000)).execute();
}

const rows = Number(arg('rows', arg('mode', '') === 'console-columns' ? '100000' : '1000000'));
const runs = Number(arg('runs', '40'));
const revokeRows = Number(arg('revoke', '100000'));
const which = arg('dialect', 'both');
const dialects: DialectName[] = which === 'both' ? ['sqlite', 'postgres'] : [which as DialectName];
const mode = arg('mode', 'user-tokens');
for (const dialect of dialects) {
  if (mode === 'all-kinds') await benchAllKinds(dialect, rows, runs);
  else if (mode === 'console-columns') await benchConsoleColumns(dialect, rows, runs);
  else await benchDialect(dialect, rows, runs, revokeRows);
}
