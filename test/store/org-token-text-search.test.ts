/**
 * The inventory's `q` over every kind: a term of three characters or more is read through the
 * trigram index (PostgreSQL's pg_trgm, SQLite's FTS5) and sorted, a shorter one is a scan. Either
 * way, every page, forwards and back, holds exactly the tokens that the same listing without `q`
 * holds whose label, owner or purpose contains the term, in the same order, for broad terms and
 * narrow ones, and for every sort; Tokenward's own tokens and a connected system's alike. Revoked
 * tokens, which PostgreSQL reads through an index of their own, are found alone and beside the
 * others, and counted as listed.
 */
import { type Insertable, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { INVENTORY_KINDS, type LifecycleStatus } from '../../src/domain/org-token-query.js';
import { searchTextOf, sortKeyOf, type Sort, type SortField } from '../../src/domain/token-query.js';
import { createOrgTokenStore, type OrgTokenRow, type OrgTokenSearch } from '../../src/store/org-token-store.js';
import type { Database, ExternalTokenTable, TokenTable } from '../../src/store/schema.js';
import type { KeysetPosition } from '../../src/store/token-search-store.js';
import { DIALECTS, openMigratedTestDatabase } from '../support/databases.js';

const DAY = 86_400_000;
const NOW = Date.parse('2026-06-01T12:00:00Z');
const USER_TOKENS = 1200;
const KEYS = 120;
const ACCOUNT_TOKENS = 280;
const EXTERNAL_TOKENS = 300;
const PAGE = 20;

/** A small deterministic generator: the same org on every run. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

describe.each(DIALECTS)('text search over every kind of token, on %s', (dialect) => {
  let opened: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  const orgId = newOrgId();
  /** What `q` is matched against, token by token: the search text and the purpose. */
  const textOf = new Map<string, string>();

  beforeAll(async () => {
    opened = await openMigratedTestDatabase(dialect);
    const { db } = opened.handle;
    const random = rng(7);
    await db.insertInto('organizations').values({ id: orgId, name: 'search', created_at: NOW }).execute();
    // One person in forty is an Okafor (2.5% of the user tokens).
    const users = Array.from({ length: 40 }, (_, i) => {
      const name = i % 40 === 3 ? 'Ada Okafor' : `Person ${String.fromCharCode(97 + (i % 26))}${i}`;
      const email = `${name.toLowerCase().replace(' ', '.')}@example.com`;
      return { id: `usr_s${i}`, org_id: orgId, email, email_lower: email, name, role: 'member', account_type: 'managed', status: 'active', created_at: NOW - 900 * DAY, updated_at: NOW };
    });
    await db.insertInto('users').values(users).execute();
    await db
      .insertInto('service_accounts')
      .values({ id: 'sa_s0', org_id: orgId, email: 'deploy-bot@serviceaccount.example.com', display_name: 'deploy bot', description: null, picture: null, status: 'active', created_by_id: null, created_at: NOW - 900 * DAY, updated_at: NOW, deleted_at: null, deleted_by: null })
      .execute();
    const rows: Array<Insertable<TokenTable>> = [];
    const total = USER_TOKENS + KEYS + ACCOUNT_TOKENS;
    for (let i = 0; i < total; i++) {
      const kind = i < USER_TOKENS ? 'user' : i < USER_TOKENS + KEYS ? 'admin_key' : 'service_account';
      const user = users[i % users.length]!;
      // "zeta" in a tenth of the labels (broad), "quark" in one token of 300 (narrow).
      const word = random() < 0.1 ? 'zeta' : random() < 0.0033 ? 'quark' : 'plain';
      const label = `${word} ${i % 7 === 0 ? 'Build' : 'job'} ${i}`;
      const createdAt = NOW - Math.floor(random() * 400 * DAY);
      const roll = random();
      const searchText = kind === 'user' ? searchTextOf(label, user.name, user.email) : kind === 'service_account' ? searchTextOf(label, 'deploy bot', 'deploy-bot@serviceaccount.example.com') : searchTextOf(label, null, null);
      textOf.set(`tok_s${i}`, searchText);
      rows.push({
        id: `tok_s${i}`, org_id: orgId, kind, owner_user_id: kind === 'user' ? user.id : null, owner_service_account_id: kind === 'service_account' ? 'sa_s0' : null,
        label, digest: `s${i}`.padStart(64, '0'), display_prefix: 'twu_test', scopes: '["read:jira-work"]',
        status: roll < 0.05 ? 'revoked' : roll < 0.1 ? 'suspended' : 'active',
        created_at: createdAt, expires_at: random() < 0.1 ? null : createdAt + 365 * DAY,
        last_active_at: random() < 0.2 ? null : NOW - Math.floor(random() * 300 * DAY),
        created_by: null, revoked_at: null, revoked_by: null, revoked_reason: null, search_text: searchText,
      });
    }
    for (let i = 0; i < rows.length; i += 500) await db.insertInto('tokens').values(rows.slice(i, i + 500)).execute();
    // A purpose is searched too: a few tokens say "quark" only there.
    const purposeful = ['tok_s5', 'tok_s1500', `tok_s${USER_TOKENS + 3}`];
    await db
      .insertInto('token_controls')
      .values(purposeful.map((id) => ({ token_id: id, org_id: orgId, purpose: 'Quark importer', tags: '[]', suspended_at: null, suspended_by: null, suspend_reason: null, updated_at: NOW })))
      .execute();
    for (const id of purposeful) textOf.set(id, `${textOf.get(id)}\nquark importer []`);

    // A connected system's tokens of every kind, beside Tokenward's own: the same words in their
    // labels, some owned by an Okafor.
    await db
      .insertInto('connectors')
      .values({ id: 'con_s0', org_id: orgId, type: 'gitlab', name: 'GitLab', base_url: 'https://gitlab.example.com', upstream_org_id: 'acme', credential_sealed: 'sealed', schedule_minutes: 60, unmatched_policy_id: null, next_sync_at: null, lease_run_id: null, lease_until: null, created_at: NOW, updated_at: NOW })
      .execute();
    const external: Array<Insertable<ExternalTokenTable>> = [];
    for (let i = 0; i < EXTERNAL_TOKENS; i++) {
      const kind = INVENTORY_KINDS[i % INVENTORY_KINDS.length]!;
      const word = random() < 0.1 ? 'zeta' : random() < 0.01 ? 'quark' : 'plain';
      const label = `${word} ${i % 5 === 0 ? 'build' : 'pipeline'} ${i}`;
      const [ownerName, ownerEmail] = kind === 'admin_key' ? [null, null] : i % 9 === 0 ? ['Ada Okafor', 'ada.okafor@example.com'] : [`Dev ${i}`, `dev${i}@example.com`];
      const createdAt = NOW - Math.floor(random() * 400 * DAY);
      const roll = random();
      const searchText = searchTextOf(label, ownerName, ownerEmail);
      textOf.set(`ext_s${i}`, searchText);
      external.push({
        id: `ext_s${i}`, org_id: orgId, connector_id: 'con_s0', kind, external_id: `${i}`, owner_user_id: null, owner_external_id: ownerName === null ? null : `u${i}`, owner_name: ownerName, owner_email: ownerEmail,
        label, scopes: '["api"]', status: roll < 0.05 ? 'revoked' : roll < 0.1 ? 'suspended' : 'active',
        created_at: createdAt, expires_at: random() < 0.1 ? null : createdAt + 365 * DAY, last_active_at: random() < 0.2 ? null : NOW - Math.floor(random() * 300 * DAY),
        last_used_ips: null, search_text: searchText, first_seen_at: NOW, last_seen_at: NOW, seen_sync_id: 'sync_s0', gone_at: null, revoked_at: null, revoked_by: null, revoked_reason: null, upstream_details: null,
      });
    }
    for (let i = 0; i < external.length; i += 500) await db.insertInto('external_tokens').values(external.slice(i, i + 500)).execute();
  }, 120_000);
  afterAll(async () => opened?.close());

  const searchOf = (q: string | null, statuses: readonly LifecycleStatus[]): OrgTokenSearch => ({
    orgId, kinds: INVENTORY_KINDS, statuses, q, dates: {}, scope: null, neverUsed: null, idleSinceMs: null, ownerId: null, nowMs: NOW, source: null, tag: null, hasPurpose: null,
  });

  /** Every page forwards, then every page back from the end; both as one list of ids in display order. */
  async function walk(search: OrgTokenSearch, sort: Sort, limit: number): Promise<{ forwards: string[]; backwards: string[] }> {
    const store = createOrgTokenStore(opened.handle.db as Kysely<Database>, dialect);
    const positionAt = (row: OrgTokenRow, direction: 'next' | 'prev'): KeysetPosition => ({ direction, key: sortKeyOf(row.token, sort.field), id: row.token.id, isInclusive: false });
    const forwards: OrgTokenRow[] = [];
    let position: KeysetPosition | null = null;
    for (;;) {
      const page = await store.page(search, sort, position, limit);
      forwards.push(...page.items);
      if (!page.hasMore) break;
      position = positionAt(page.items[page.items.length - 1]!, 'next');
    }
    const backwards: OrgTokenRow[] = [];
    const last = forwards[forwards.length - 1];
    if (last) {
      backwards.push(last);
      position = positionAt(last, 'prev');
      for (;;) {
        const page = await store.page(search, sort, position, limit);
        backwards.unshift(...page.items);
        if (!page.hasMore) break;
        position = positionAt(page.items[0]!, 'prev');
      }
    }
    return { forwards: forwards.map((row) => row.token.id), backwards: backwards.map((row) => row.token.id) };
  }

  const SORTS: Sort[] = (['createdAt', 'lastActiveAt', 'expiresAt', 'label'] as SortField[]).flatMap((field) => [
    { field, descending: true },
    { field, descending: false },
  ]);
  // Revoked tokens are read through an index of their own on PostgreSQL (not the trigram index):
  // alone, and beside the others.
  const STATUS_SETS: Array<readonly LifecycleStatus[]> = [['active', 'expired', 'suspended'], ['active'], ['revoked'], ['active', 'expired', 'suspended', 'revoked']];

  it.each(['zeta', 'quark', 'okafor', 'build', 'ze'])('answers q=%s as the listing without q, filtered', async (q) => {
    for (const statuses of STATUS_SETS) {
      for (const sort of SORTS.filter((_, i) => (q === 'zeta' ? i % 2 === 0 : i % 3 === 0))) {
        const all = (await walk(searchOf(null, statuses), sort, 500)).forwards;
        const expected = all.filter((id) => textOf.get(id)!.includes(q));
        const { forwards, backwards } = await walk(searchOf(q, statuses), sort, PAGE);
        expect(forwards, `${q} ${sort.field} ${sort.descending} ${statuses.join()}`).toEqual(expected);
        expect(backwards).toEqual(expected);
      }
    }
    // Counts ignore status: each status's tokens whose text holds q, revoked ones among them.
    const store = createOrgTokenStore(opened.handle.db as Kysely<Database>, dialect);
    const counted = new Map<string, number>();
    for (const cell of await store.countByKindAndStatus(searchOf(q, []))) counted.set(cell.status, (counted.get(cell.status) ?? 0) + cell.count);
    for (const status of ['active', 'expired', 'suspended', 'revoked'] as const) {
      const listed = (await walk(searchOf(q, [status]), { field: 'createdAt', descending: true }, 500)).forwards.length;
      expect(counted.get(status) ?? 0, `${q} ${status}`).toBe(listed);
    }
    if (q === 'zeta' || q === 'build') expect(counted.get('revoked') ?? 0).toBeGreaterThan(0);
    // Broad terms and narrow ones: many pages, and less than one.
    expect(Array.from(textOf.values()).filter((text) => text.includes(q)).length).toBeGreaterThan(q === 'quark' ? 3 : 25);
  }, 120_000);

  // PostgreSQL reads revoked tokens through an index of their own, apart from the others: a
  // listing of every status, without `q` too, is the listings of each status merged in its order.
  it('lists revoked tokens beside the others in every order, as the listings of each status merged', async () => {
    const store = createOrgTokenStore(opened.handle.db as Kysely<Database>, dialect);
    const byStatus = new Map<LifecycleStatus, Map<string, OrgTokenRow>>();
    // Each field once, in both directions between them.
    for (const sort of [SORTS[0]!, SORTS[3]!, SORTS[4]!, SORTS[7]!]) {
      const keyed = new Map<string, string | number>();
      for (const status of ['active', 'expired', 'suspended', 'revoked'] as const) {
        const rows = new Map<string, OrgTokenRow>();
        let position: KeysetPosition | null = null;
        for (;;) {
          const page = await store.page(searchOf(null, [status]), sort, position, 500);
          for (const row of page.items) rows.set(row.token.id, row);
          if (!page.hasMore) break;
          const last = page.items[page.items.length - 1]!;
          position = { direction: 'next', key: sortKeyOf(last.token, sort.field), id: last.token.id, isInclusive: false };
        }
        byStatus.set(status, rows);
        for (const [id, row] of rows) keyed.set(id, sortKeyOf(row.token, sort.field));
      }
      const merged = [...keyed.keys()].sort((a, b) => {
        const [ka, kb] = [keyed.get(a)!, keyed.get(b)!];
        const order = ka < kb ? -1 : ka > kb ? 1 : a < b ? -1 : a > b ? 1 : 0;
        return sort.descending ? -order : order;
      });
      const { forwards, backwards } = await walk(searchOf(null, ['active', 'expired', 'suspended', 'revoked']), sort, PAGE);
      expect(forwards, `${sort.field} ${sort.descending}`).toEqual(merged);
      expect(backwards).toEqual(merged);
      const mixed = (await walk(searchOf(null, ['active', 'revoked']), sort, PAGE)).forwards;
      expect(mixed).toEqual(merged.filter((id) => byStatus.get('active')!.has(id) || byStatus.get('revoked')!.has(id)));
    }
    const revoked = await opened.handle.db.selectFrom('tokens').select((eb) => eb.fn.countAll<number | string>().as('n')).where('org_id', '=', orgId).where('status', '=', 'revoked').executeTakeFirstOrThrow();
    const revokedExternal = await opened.handle.db.selectFrom('external_tokens').select((eb) => eb.fn.countAll<number | string>().as('n')).where('org_id', '=', orgId).where('status', '=', 'revoked').executeTakeFirstOrThrow();
    expect(byStatus.get('revoked')!.size).toBe(Number(revoked.n) + Number(revokedExternal.n));
    expect(Number(revoked.n)).toBeGreaterThan(20);
  }, 120_000);
});
