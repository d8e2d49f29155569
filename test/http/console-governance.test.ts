/**
 * Who governs what, over HTTP on both dialects: each policy's people, service accounts and live
 * tokens; the inventory's governing-policy column (list and CSV) in a fixed number of queries per
 * page; the people and service account columns.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEvent } from 'kysely';
import { deriveCursorKey } from '../../src/domain/cursor.js';
import { parseOrgTokenQuery } from '../../src/domain/org-token-query.js';
import { createOrgTokenService } from '../../src/service/org-token-service.js';
import { openDatabase } from '../../src/store/db.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedGovernanceStory, type GovernanceStory } from '../support/governance-story.js';
import { adminApi } from '../support/policies.js';
import { seedToken } from '../support/seed.js';

describe.each(DIALECTS)('who governs what on %s', (dialect) => {
  let t: TestApp;
  let story: GovernanceStory;
  let nowMs = Date.UTC(2026, 10, 20, 9, 0, 0);

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs) });
    story = await seedGovernanceStory(t, (ms) => (nowMs += ms));
  });
  afterAll(async () => t?.close());

  it('counts the people, service accounts and live tokens each policy governs, by effective policy', async () => {
    const response = await adminApi(t)('GET', '/policies/coverage');
    expect(response.statusCode, response.body).toBe(200);
    const rows = (response.json() as { data: Array<{ policyId: string; people: number; serviceAccounts: number; liveTokens: number }> }).data;
    const names = (await adminApi(t)('GET', '/policies?pageSize=100')).json() as { data: Array<{ id: string; attributes: { name: string } }> };
    const byName = Object.fromEntries(rows.map((row) => [names.data.find((p) => p.id === row.policyId)!.attributes.name, { people: row.people, serviceAccounts: row.serviceAccounts, liveTokens: row.liveTokens }]));
    expect(byName).toEqual(story.coverage);
  });

  it('follows a change of priority at once: raising Strict review above Engineering moves Cy and his token', async () => {
    const api = adminApi(t);
    const current = (await api('GET', `/policies/${story.ids.strictPolicy}`)).json() as { data: { attributes: Record<string, unknown> } };
    const { name, rule, assignees } = current.data.attributes as { name: string; rule: unknown; assignees: unknown };
    const raised = await api('PUT', `/policies/${story.ids.strictPolicy}`, { data: { type: 'policy', attributes: { type: 'authentication', name, rule, assignees, priority: 15 } } });
    expect(raised.statusCode, raised.body).toBe(200);
    try {
      const rows = (await api('GET', '/policies/coverage')).json().data as Array<{ policyId: string; people: number; liveTokens: number }>;
      expect(rows.find((r) => r.policyId === story.ids.strictPolicy)).toMatchObject({ people: 1, liveTokens: 1 });
      expect(rows.find((r) => r.policyId === story.ids.engineeringPolicy)).toMatchObject({ people: 0, liveTokens: 0 });
    } finally {
      await api('PUT', `/policies/${story.ids.strictPolicy}`, { data: { type: 'policy', attributes: { type: 'authentication', name, rule, assignees, priority: 5 } } });
    }
  });

  it('names the governing policy of every token in the inventory and its CSV; admin keys have none', async () => {
    const response = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens?pageSize=100`, headers: bearer(t.adminKey) });
    expect(response.statusCode, response.body).toBe(200);
    const data = (response.json() as { data: Array<{ label: string; ownerKind: string; governingPolicy: { id: string; name: string } | null }> }).data;
    const shown = Object.fromEntries(data.filter((row) => row.label in story.governing).map((row) => [row.label, row.governingPolicy?.name ?? null]));
    expect(shown).toEqual(story.governing);
    for (const key of data.filter((row) => row.ownerKind === 'admin-key')) expect(key.governingPolicy).toBeNull();

    const csv = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/export.csv`, headers: bearer(t.adminKey) });
    expect(csv.statusCode).toBe(200);
    const [header, ...lines] = csv.body.trim().split('\n');
    const column = header!.split(',').indexOf('governingPolicy');
    expect(column).toBeGreaterThan(0);
    const bob = lines.find((line) => line.includes('bob deploy'))!;
    expect(bob.split(',')[column]).toBe('Operations tight');
  });

  it('reads a page of the inventory with its governing policies in the same number of queries for 3 rows as for 40', async () => {
    for (let i = 0; i < 30; i += 1) await seedToken(t.app, t.orgId, { type: 'user', id: i % 2 === 0 ? story.ids.bob! : story.ids.dee! }, { label: `bulk ${i}` });
    const queries: string[] = [];
    const logged = openDatabase({ databaseUrl: t.db.databaseUrl, dataDir: t.db.dataDir, log: (event: LogEvent) => queries.push(event.query.sql) });
    try {
      const service = createOrgTokenService({ db: logged.db, dialect, clock: () => new Date(nowMs), cursorKey: deriveCursorKey(Buffer.alloc(32, 7)) });
      const countFor = async (pageSize: number) => {
        queries.length = 0;
        const page = await service.list(t.orgId, parseOrgTokenQuery({ pageSize: String(pageSize) }));
        expect(page.items.length).toBe(pageSize);
        expect(page.items.filter((item) => item.token.owner).every((item) => item.governingPolicy !== null)).toBe(true);
        return queries.length;
      };
      const small = await countFor(3);
      const large = await countFor(40);
      // The page, its activity columns, what each token is for, its governing policies.
      expect(small).toBe(4);
      expect(large).toBe(small);
    } finally {
      await logged.close();
    }
  });

  it("gives a page of people their groups, live tokens and last sign-in", async () => {
    const { ids } = story;
    const response = await adminApi(t)('GET', `/people-columns?ids=${[ids.ada, ids.bob, ids.eve, ids.dee].join(',')}`);
    expect(response.statusCode, response.body).toBe(200);
    const rows = Object.fromEntries((response.json() as { data: Array<{ userId: string; groups: Array<{ name: string }>; liveTokens: number; lastSignInAt: string | null }> }).data.map((row) => [row.userId, row]));
    expect(rows[ids.ada!]).toMatchObject({ groups: [{ name: 'Engineering' }], liveTokens: 2 });
    expect(rows[ids.bob!]!.groups.map((g) => g.name)).toEqual(['Engineering', 'Operations']);
    expect(rows[ids.eve!]).toMatchObject({ liveTokens: 0, lastSignInAt: null });
    expect(rows[ids.dee!]).toMatchObject({ groups: [], lastSignInAt: null });
    // The later of Ada's two sign-ins, two hours after the first.
    expect(new Date(rows[ids.ada!]!.lastSignInAt!).getTime()).toBe(nowMs);
  });

  it("gives a page of service accounts their live tokens, last use and accountable owner", async () => {
    const { ids } = story;
    const response = await adminApi(t)('GET', `/service-account-columns?ids=${ids.builder},${ids.syncer}`);
    expect(response.statusCode, response.body).toBe(200);
    const [builder, syncer] = (response.json() as { data: Array<{ liveTokens: number; lastActiveAt: string | null; owner: { type: string; name: string } | null }> }).data;
    expect(builder).toMatchObject({ liveTokens: 2, lastActiveAt: null, owner: { type: 'user', id: ids.bob, name: 'Bob Okafor', needsReassignment: false } });
    expect(syncer).toMatchObject({ liveTokens: 1, owner: null });
  });

  it('keeps the figures to admins who may read them', async () => {
    for (const path of ['/policies/coverage', '/people-columns?ids=x', '/service-account-columns?ids=x']) {
      const response = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/${t.orgId}${path}` });
      expect(response.statusCode, path).toBe(401);
      const other = await t.app.http.inject({ url: `/admin/tokenward/v1/orgs/org_someone_else${path}`, headers: bearer(t.adminKey) });
      expect(other.statusCode, path).toBe(403);
    }
  });
});
