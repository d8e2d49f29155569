/** The audit log API on both dialects: filters, keyset paging, streamed export, retention. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import type { AuditEntry } from '../../src/domain/models.js';
import { auditEntry } from '../../src/service/audit-service.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody, scopedKey } from '../support/http.js';

interface EntryJson {
  seq: number;
  id: string;
  at: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
  hash: string | null;
}
interface EntryPage {
  data: EntryJson[];
  links: { self: string; next: string | null; prev: string | null };
}

const DAY = 86_400_000;
const BULK = 620;

describe.each(DIALECTS)('audit log API on %s', (dialect) => {
  let t: TestApp;
  let base: string;
  let otherOrg: string;
  const start = Date.parse('2026-02-01T00:00:00.000Z');
  let nowMs = start;

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs++) });
    base = `/admin/tokenward/v1/orgs/${t.orgId}/audit-log`;
    otherOrg = newOrgId();
    const stores = createStores(t.app.core.database.db);
    await stores.organizations.insert({ id: otherOrg, name: 'other', createdAt: new Date(start) });
    const clock = () => new Date(nowMs++);
    const add = (input: Partial<AuditEntry> & { action: string }) =>
      stores.audit.append(auditEntry({ orgId: t.orgId, actorType: 'admin_key', actorId: 'tok_admin', ...input }, clock));
    for (let i = 0; i < 30; i += 1) {
      await add({ action: i % 3 === 0 ? 'token.revoked' : 'token.created', targetType: 'token', targetId: `tok_${i % 5}`, details: { i } });
      await add({ action: 'user.created', actorType: 'system', actorId: null, targetType: 'user', targetId: `usr_${i}` });
      await stores.audit.append(auditEntry({ orgId: otherOrg, actorType: 'system', actorId: null, action: 'token.created', details: { secretOrg: true } }, clock));
    }
    await add({ action: 'token.created', actorId: '=HYPERLINK("http://evil")', details: { label: '+cmd' } });
  });
  afterAll(async () => t.close());

  const get = (path: string, key = t.adminKey) => t.app.http.inject({ url: `${base}${path}`, headers: bearer(key) });
  const all = async (query: string): Promise<EntryJson[]> => ((await get(`?pageSize=1000&${query}`)).json() as EntryPage).data;

  it('lists the org entries newest first, never another org', async () => {
    const response = await get('');
    expect(response.statusCode).toBe(200);
    const page = response.json() as EntryPage;
    const seqs = page.data.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.data[0]).toMatchObject({ action: 'token.created', actorId: '=HYPERLINK("http://evil")', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(response.body).not.toContain('secretOrg');
    expect(page.links.prev).toBeNull();
  });

  it('filters by action, action family, actor, target and time', async () => {
    expect((await all('action=token.revoked')).length).toBe(10);
    expect((await all('action=token.*')).every((e) => e.action.startsWith('token.'))).toBe(true);
    expect((await all('action=token.*')).length).toBe(31); // admin_key.created (bootstrap) is not in the family
    expect((await all('actorType=system&action=user.created')).length).toBe(30);
    expect((await all('actorId=tok_admin')).length).toBe(30);
    expect((await all('targetType=token&targetId=tok_3')).map((e) => e.targetId)).toEqual(Array(6).fill('tok_3'));
    const entries = await all('action=user.created');
    const middle = entries[10]!;
    const from = await all(`action=user.created&from=${encodeURIComponent(middle.at)}`);
    expect(from.at(-1)!.id).toBe(middle.id);
    const to = await all(`action=user.created&to=${encodeURIComponent(middle.at)}`);
    expect(to.length + from.length).toBe(30);
  });

  it('walks every entry once by links.next and back by links.prev', async () => {
    const expected = (await all('action=token.*')).map((e) => e.id);
    const pages: EntryPage[] = [];
    let cursor: string | null = null;
    do {
      const page: EntryPage = (await get(`?action=token.*&pageSize=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      pages.push(page);
      cursor = page.links.next;
    } while (cursor);
    expect(pages.flatMap((p) => p.data.map((e) => e.id))).toEqual(expected);
    for (let n = 1; n < pages.length; n += 1) {
      const back = (await get(`?action=token.*&pageSize=7&cursor=${encodeURIComponent(pages[n]!.links.prev!)}`)).json() as EntryPage;
      expect(back.data.map((e) => e.id)).toEqual(pages[n - 1]!.data.map((e) => e.id));
    }
    // A cursor replayed with other filters, or forged, is refused.
    expectErrorBody((await get(`?action=user.created&cursor=${encodeURIComponent(pages[1]!.links.self)}`)).json(), 400, 'INVALID_PAGE_CURSOR');
    expectErrorBody((await get('?cursor=abc.def')).json(), 400, 'INVALID_PAGE_CURSOR');
  });

  it('refuses bad filters with 400', async () => {
    for (const query of ['from=yesterday', 'to=2026-13-45T00:00:00Z', 'actorType=robot', 'action=a%20b', 'pageSize=0', `from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z`]) {
      const response = await get(`?${query}`);
      expect(response.statusCode, query).toBe(400);
      expectErrorBody(response.json(), 400, 'VALIDATION_FAILED');
    }
  });

  it('streams the export as JSON Lines and CSV over HTTP, oldest first, with the same filters', async () => {
    const clock = () => new Date(nowMs++);
    // More than one export batch (500), in one transaction to keep the test quick.
    await t.app.core.database.db.transaction().execute(async (trx) => {
      const stores = createStores(trx);
      for (let i = 0; i < BULK; i += 1) await stores.audit.append(auditEntry({ orgId: t.orgId, actorType: 'system', actorId: null, action: 'bulk.entry', details: { i } }, clock));
    });
    const url = `${await t.app.listen()}${base}/export`;
    const jsonl = await fetch(`${url}?action=bulk.entry`, { headers: bearer(t.adminKey) });
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toContain('application/x-ndjson');
    expect(jsonl.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="tokenward-audit-${t.orgId}-\\d{8}T\\d{6}Z\\.jsonl"$`));
    const lines = (await jsonl.text()).trimEnd().split('\n').map((line) => JSON.parse(line) as EntryJson);
    expect(lines.map((e) => e.details.i)).toEqual(Array.from({ length: BULK }, (_, i) => i));

    const csv = await fetch(`${url}?format=csv&action=token.created`, { headers: bearer(t.adminKey) });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('.csv"');
    const rows = (await csv.text()).trimEnd().split('\n');
    expect(rows[0]).toBe('seq,id,at,actor_type,actor_id,action,target_type,target_id,ip,details,hash');
    expect(rows.length - 1).toBe((await all('action=token.created')).length);
    // Spreadsheet formulas are neutralized; the JSON export keeps the value as is.
    expect(rows.at(-1)).toContain(`"'=HYPERLINK(""http://evil"")"`);

    expect((await fetch(`${url}?format=xml`, { headers: bearer(t.adminKey) })).status).toBe(400);
    expect((await fetch(url)).status).toBe(401);
  });

  it('keeps forever by default; sets retention within bounds, audited; purges now and stays verifiable', async () => {
    expect((await get('/settings')).json()).toEqual({ retentionDays: null });
    const put = (payload: unknown, key = t.adminKey) => t.app.http.inject({ method: 'PUT', url: `${base}/settings`, headers: bearer(key), payload: payload as object });
    for (const bad of [{ retentionDays: 29 }, { retentionDays: 36501 }, { retentionDays: 1.5 }, {}, { retentionDays: 30, extra: 1 }]) {
      expect((await put(bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    const reader = await scopedKey(t, ['read:audit-log:admin']);
    expect((await get('', reader)).statusCode).toBe(200);
    expectErrorBody((await put({ retentionDays: 30 }, reader)).json(), 401, 'INSUFFICIENT_SCOPE');

    expect((await put({ retentionDays: 30 })).json()).toEqual({ retentionDays: 30 });
    expect((await get('/settings')).json()).toEqual({ retentionDays: 30 });
    const [changed] = await all('action=audit.retention_changed');
    expect(changed).toMatchObject({ details: { before: null, after: 30 }, actorType: 'admin_key' });

    nowMs = start + 45 * DAY;
    const count = async () => (await t.app.core.database.db.selectFrom('audit_log').select(['id']).where('org_id', '=', t.orgId).execute()).length;
    const before = await count();
    const purge = await t.app.http.inject({ method: 'POST', url: `${base}/purge`, headers: bearer(t.adminKey) });
    expect(purge.statusCode).toBe(200);
    const result = purge.json() as { purged: number; before: string };
    expect(Date.parse(result.before)).toBeGreaterThan(nowMs - 30 * DAY - 10);
    expect(Date.parse(result.before)).toBeLessThanOrEqual(nowMs - 30 * DAY);
    // Everything but the retention change (written at day 0 too, so also due) and the purge entry itself.
    expect(result.purged).toBeGreaterThan(BULK);
    expect(await count()).toBe(before - result.purged + 1);
    expect(await t.app.core.services.auditChain.verifyChain()).toMatchObject({ ok: true });
    expect((await put({ retentionDays: null })).json()).toEqual({ retentionDays: null });
  });
});
