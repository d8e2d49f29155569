/**
 * Connectors against a real "Atlassian": a second Tokenward (its own database, listening on
 * loopback) serves the admin API the connector reads. The governing side runs on both dialects,
 * each syncing the acceptance volume (10,000 user tokens, 20 service accounts with tokens, 5 admin
 * keys) from one upstream on SQLite, filled in bulk once for the file. The tests that change the
 * upstream (a new token, revokes, idle tokens) each pick tokens of their own, so the two dialects
 * never depend on each other's changes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorJson, SyncRunJson } from '../../src/http/schemas/connectors.js';
import type { OrgTokenCountsResponse, OrgTokenListResponse } from '../../src/http/schemas/org-tokens.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedUser } from '../support/seed.js';
import { DAY } from '../support/automation.js';
import { startFilledUpstream, type FilledUpstream } from '../support/upstream.js';

const USER_TOKENS = 10_000;
const SERVICE_ACCOUNTS = 20;
const TOKENS_PER_ACCOUNT = 2;
const ADMIN_KEYS = 5;
/** The user tokens each dialect's tests make idle upstream: ten of their own (`script 40`-`49`, `script 50`-`59`). */
const IDLE_LABELS = { sqlite: 'script 4_', postgres: 'script 5_' } as const;

let upstream: TestApp;
let upstreamUrl: string;
let filled: FilledUpstream;

beforeAll(async () => {
  const started = await startFilledUpstream({ users: 200, userTokens: USER_TOKENS, serviceAccounts: SERVICE_ACCOUNTS, tokensPerAccount: TOKENS_PER_ACCOUNT, adminKeys: ADMIN_KEYS });
  [upstream, upstreamUrl, filled] = [started.app, started.url, started.filled];
}, 120_000);

afterAll(async () => {
  await upstream?.close();
});

describe.each(DIALECTS)('Atlassian connector, governing side on %s', (dialect) => {
  let gov: TestApp;
  let connector: ConnectorJson;
  let base: string;
  let personZero: string;

  const api = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const response = await gov.app.http.inject({ method, url, headers: bearer(gov.adminKey), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };
  const up = async (method: 'GET' | 'DELETE' | 'POST', path: string) => {
    const response = await upstream.app.http.inject({ method, url: path, headers: bearer(upstream.adminKey) });
    return response;
  };
  const upstreamCount = async (path: string) => Number((await up('GET', path)).body);
  const syncAndWait = async (): Promise<SyncRunJson> => {
    const started = await api('POST', `${base}/${connector.id}/sync`);
    expect(started.status, started.body).toBe(202);
    await gov.app.core.services.connectorSync.idle();
    const after = (await api('GET', `${base}/${connector.id}`)).json() as ConnectorJson;
    return after.lastSync!;
  };
  const counts = async (query: string) => (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens/counts?${query}`)).json() as OrgTokenCountsResponse;

  beforeAll(async () => {
    // Ten live tokens of this dialect's own, unused for 200 days.
    await upstream.app.core.database.db
      .updateTable('tokens')
      .set({ last_active_at: Date.now() - 200 * DAY })
      .where('label', 'like', IDLE_LABELS[dialect])
      .where('status', '=', 'active')
      .execute();
    gov = await startTestApp(dialect);
    base = `/admin/tokenward/v1/orgs/${gov.orgId}/connectors`;
    // One upstream person is also in the governing directory: their tokens get a directory owner.
    personZero = (await seedUser(gov.app, gov.orgId, { email: filled.userEmails[0]!.toUpperCase(), name: 'Person Zero' })).id;
  }, 120_000);

  afterAll(async () => {
    await gov?.close();
  });

  it('adds a connector without ever answering its credential, and tests the connection in words', async () => {
    const created = await api('POST', base, { type: 'atlassian', name: 'Acme Cloud', baseUrl: `${upstreamUrl}/`, upstreamOrgId: upstream.orgId, credential: upstream.adminKey });
    expect(created.status, created.body).toBe(201);
    connector = created.json() as ConnectorJson;
    expect(connector).toMatchObject({ type: 'atlassian', baseUrl: upstreamUrl, scheduleMinutes: 60, lastSync: null });
    expect(created.body).not.toContain(upstream.adminKey);

    const tested = await api('POST', `${base}/${connector.id}/test`);
    expect(tested.status, tested.body).toBe(200);
    expect(tested.json().checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);

    const wrong = await api('POST', base, { type: 'atlassian', name: 'Wrong org', baseUrl: upstreamUrl, upstreamOrgId: '00000000-0000-4000-8000-000000000000', credential: upstream.adminKey });
    const wrongTest = (await api('POST', `${base}/${(wrong.json() as ConnectorJson).id}/test`)).json();
    expect(wrongTest.ok).toBe(false);
    expect(wrongTest.checks[0].detail).toMatch(/organization/);
    await api('DELETE', `${base}/${(wrong.json() as ConnectorJson).id}`);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await api('POST', base, { type: 'atlassian', name: 'Nowhere', baseUrl: `http://127.0.0.1:${port}`, upstreamOrgId: 'x', credential: 'k' });
    const unreachableTest = (await api('POST', `${base}/${(unreachable.json() as ConnectorJson).id}/test`)).json();
    expect(unreachableTest.checks[0].detail).toMatch(/refused the connection/);
    await api('DELETE', `${base}/${(unreachable.json() as ConnectorJson).id}`);

    const bad = await api('POST', base, { type: 'bitbucket', name: 'x', baseUrl: upstreamUrl, upstreamOrgId: 'x', credential: 'k' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/type must be one of: atlassian/);
  }, 60_000);

  it('syncs every upstream token into the inventory with counts equal to the upstream\'s, and a second sync changes nothing', async () => {
    const first = await syncAndWait();
    expect(first.state, first.error ?? '').toBe('succeeded');
    const userCount = await upstreamCount(`/admin/api-access/v1/orgs/${upstream.orgId}/api-tokens/count`);
    const keyCount = await upstreamCount(`/admin/api-access/v1/orgs/${upstream.orgId}/api-keys/count`);
    let accountTokens = 0;
    for (const id of filled.serviceAccountIds) accountTokens += ((await up('GET', `/admin/api-access/v1/orgs/${upstream.orgId}/service-accounts/${id}/api-tokens`)).json() as unknown[]).length;
    // The other dialect's tests may have added and revoked a few upstream.
    expect(Math.abs(userCount - USER_TOKENS)).toBeLessThan(50);
    expect(first.counts).toMatchObject({ seen: userCount + keyCount + accountTokens, discovered: userCount + keyCount + accountTokens, gone: 0 });

    const mine = await counts(`source=${connector.id}`);
    expect(mine.byOwnerKind).toEqual({ user: userCount, 'service-account': accountTokens, 'admin-key': keyCount });
    expect(mine.byStatus).toMatchObject({ active: userCount + accountTokens + keyCount, suspended: 0, revoked: 0 });
    expect(mine.bySource).toEqual({ [connector.id]: userCount + accountTokens + keyCount });
    const all = await counts('');
    expect(all.bySource.tokenward).toBe(1); // the governing server's own bootstrap key
    expect((await counts('source=tokenward')).total).toBe(1);

    const second = await syncAndWait();
    expect(second.state).toBe('succeeded');
    // Only the connector's own admin key changed upstream: the first sync's calls were its last activity.
    expect(second.counts).toMatchObject({ seen: first.counts.seen, discovered: 0, gone: 0 });
    expect(second.counts.updated).toBeLessThanOrEqual(1);
    expect((await counts(`source=${connector.id}`)).byOwnerKind).toEqual(mine.byOwnerKind);
    const rows = await gov.app.core.database.db.selectFrom('external_tokens').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(first.counts.seen);
  }, 120_000);

  it('shows each token with its source and owner, and keeps the Atlassian-compatible API to Tokenward\'s own tokens', async () => {
    const page = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?source=${connector.id}&q=person0@&ownerKind=user&pageSize=5`)).json() as OrgTokenListResponse;
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data[0]!.source).toMatchObject({ type: 'atlassian', connectorId: connector.id });
    expect(page.data[0]!.owner).toMatchObject({ kind: 'user', name: 'Person Zero' });
    const other = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?source=${connector.id}&q=person1@&ownerKind=user&pageSize=1`)).json() as OrgTokenListResponse;
    expect(other.data[0]!.owner).toMatchObject({ kind: 'external', email: 'person1@upstream.test' });
    const next = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?pageSize=3`)).json() as OrgTokenListResponse;
    expect(next.data).toHaveLength(3);
    const csv = await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens/export.csv?source=${connector.id}&ownerKind=admin-key`);
    expect(csv.body.trim().split('\n')).toHaveLength(1 + 6);
    expect(csv.body).toContain(connector.id);

    const t2 = await gov.app.http.inject({ method: 'GET', url: `/admin/api-access/v1/orgs/${gov.orgId}/api-tokens/count`, headers: bearer(gov.adminKey) });
    expect(t2.body).toBe('0');
    const k1 = await gov.app.http.inject({ method: 'GET', url: `/admin/api-access/v1/orgs/${gov.orgId}/api-keys/count`, headers: bearer(gov.adminKey) });
    expect(k1.body).toBe('1');
  });

  it('holds each token against its owner\'s policy, or the connector\'s policy for owners not in the directory', async () => {
    const strict = await api('POST', `/admin/tokenward/v1/orgs/${gov.orgId}/policies`, {
      data: { type: 'policy', attributes: { type: 'authentication', name: 'Contractors', rule: { tokenCreation: 'allowed', maxLifetimeDays: 30, idleRevokeAfterDays: 90 } } },
    });
    expect(strict.status, strict.body).toBe(201);
    const policyId = strict.json().data.id as string;
    expect((await api('PATCH', `${base}/${connector.id}`, { unmatchedPolicyId: policyId })).status).toBe(200);
    const live = (await counts(`source=${connector.id}`)).total;
    const ofPersonZero = (await counts(`source=${connector.id}&ownerId=${personZero}`)).total;
    expect(ofPersonZero).toBeGreaterThan(0);
    const report = await api('GET', `${base}/${connector.id}/violations`);
    expect(report.status, report.body).toBe(200);
    const body = report.json();
    // Everyone's year-long tokens break a lifetime limit: the unmatched owners' Contractors policy
    // (30 days), and the directory person's default policy (90 days on a fresh install).
    expect(body).toMatchObject({ judged: live, unjudged: 0, total: live });
    expect(body.byKind.lifetime).toBe(live);
    expect(body.data.filter((row: { policyName: string }) => row.policyName !== 'Contractors').length).toBeLessThanOrEqual(ofPersonZero);
    expect(body.byKind.idle).toBeGreaterThan(0);
    expect(body.data[0]).toMatchObject({ policyName: 'Contractors', violations: expect.arrayContaining([{ kind: 'lifetime', reason: expect.stringMatching(/the policy allows at most 30/) }]) });
  });

  it('raises token.discovered for a token new upstream, and marks gone a token revoked upstream', async () => {
    const owner = filled.userIds[3]!;
    const created = await upstream.app.core.services.tokens.issueOwnedToken({
      orgId: upstream.orgId,
      owner: { type: 'user', id: owner },
      label: 'minted after the first sync',
      scopes: [],
      expiresAt: undefined,
      createdBy: null,
      audit: { actorType: 'system', actorId: 'test', ip: null },
    });
    const listed = (await up('GET', `/admin/api-access/v1/orgs/${upstream.orgId}/api-tokens?q=script 17&pageSize=1`)).json() as { data: Array<{ id: string; user: { id: string } }> };
    const victim = listed.data[0]!;
    expect((await up('DELETE', `/users/${victim.user.id}/manage/api-tokens/${victim.id}`)).statusCode).toBe(204);

    const run = await syncAndWait();
    expect(run.counts).toMatchObject({ discovered: 1, gone: 1 });
    const discovered = await gov.app.core.database.db.selectFrom('events').select(['payload']).where('type', '=', 'token.discovered').execute();
    expect(discovered).toHaveLength(1);
    expect(JSON.parse(discovered[0]!.payload).token).toMatchObject({ label: 'minted after the first sync', source: { connectorId: connector.id, externalId: created.token.id } });
    const completed = await gov.app.core.database.db.selectFrom('events').select('id').where('type', '=', 'connector.sync_completed').execute();
    expect(completed.length).toBeGreaterThanOrEqual(3);
    const gone = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?source=${connector.id}&status=revoked`)).json() as OrgTokenListResponse;
    expect(gone.data.map((t) => t.source)).toEqual([expect.objectContaining({ externalId: victim.id, goneAt: expect.any(String) })]);
  }, 60_000);

  it('revokes a token upstream, audited with the upstream answer; a refusal is reported, not shown as done', async () => {
    const page = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?source=${connector.id}&ownerKind=user&pageSize=2`)).json() as OrgTokenListResponse;
    const [one, two] = page.data;
    const revoked = await api('DELETE', `${base}/${connector.id}/tokens/${one!.id}`);
    expect(revoked.status, revoked.body).toBe(200);
    const upstreamLeft = (await up('GET', `/admin/api-access/v1/orgs/${upstream.orgId}/api-tokens?q=${encodeURIComponent(one!.label)}&pageSize=1000`)).json() as { data: Array<{ id: string }> };
    expect(upstreamLeft.data.map((t) => t.id)).not.toContain((one!.source as { externalId: string }).externalId);
    const audit = await gov.app.core.database.db.selectFrom('audit_log').select(['action', 'details']).where('target_id', '=', one!.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['external_token.revoked']);
    expect(JSON.parse(audit[0]!.details).upstream).toMatchObject({ status: 204 });

    // Upstream revoked it already: the per-user endpoint answers 404, which is reported.
    const two_ = (two!.source as { externalId: string }).externalId;
    const ownerId = ((await up('GET', `/admin/api-access/v1/orgs/${upstream.orgId}/api-tokens?q=${encodeURIComponent(two!.label)}&pageSize=1000`)).json() as { data: Array<{ id: string; user: { id: string } }> }).data.find((t) => t.id === two_)!.user.id;
    await up('DELETE', `/users/${ownerId}/manage/api-tokens/${two_}`);
    const refused = await api('DELETE', `${base}/${connector.id}/tokens/${two!.id}`);
    expect(refused.status).toBe(502);
    expect(refused.json().errors[0]).toMatchObject({ title: 'UPSTREAM_FAILED' });
    const still = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens/${two!.id}`)).json();
    expect(still.status).toBe('active');

    const accountToken = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?source=${connector.id}&ownerKind=service-account&pageSize=1`)).json() as OrgTokenListResponse;
    const single = await api('DELETE', `${base}/${connector.id}/tokens/${accountToken.data[0]!.id}`);
    expect(single.status).toBe(422);
    const all = await api('POST', `${base}/${connector.id}/revoke`, { owner: (accountToken.data[0]!.owner as { id: string }).id });
    expect(all.json()).toMatchObject({ revoked: TOKENS_PER_ACCOUNT, failed: 0 });
  }, 60_000);

  it('cleans up idle tokens: the dry run lists exactly the upstream\'s idle tokens, and the run revokes them upstream', async () => {
    // The previous test revoked a token in Atlassian behind Tokenward's back: a sync first.
    expect((await syncAndWait()).counts.gone).toBe(1);
    const idleUpstream = () => upstreamCount(`/admin/api-access/v1/orgs/${upstream.orgId}/api-tokens/count?lastActiveAtSearchType=gt&lastActiveAtUom=day&lastActiveAtValue=90`);
    const before = await idleUpstream();
    expect(before).toBeGreaterThan(0);
    const dry = await api('POST', `${base}/${connector.id}/revoke-idle`, { idleDays: 90, dryRun: true });
    expect(dry.status, dry.body).toBe(200);
    const plan = dry.json().plan as Array<{ tokenId: string; action: string; kind: string }>;
    expect(plan).toHaveLength(before);
    expect(plan.every((item) => item.action === 'revoke' && item.kind === 'user')).toBe(true);
    expect(await idleUpstream()).toBe(before);

    const run = await api('POST', `${base}/${connector.id}/revoke-idle`, { idleDays: 90 });
    expect(run.json()).toMatchObject({ dryRun: false, revoked: before, failed: 0 });
    expect(run.json().plan.map((item: { tokenId: string }) => item.tokenId)).toEqual(plan.map((item) => item.tokenId));
    expect(await idleUpstream()).toBe(0);
    expect((await api('POST', `${base}/${connector.id}/revoke-idle`, { idleDays: 90, dryRun: true })).json().plan).toEqual([]);
  }, 120_000);

  it('never holds the credential in clear in the database, the logs or an answer', async () => {
    const secret = upstream.adminKey;
    const db = gov.app.core.database.db;
    const answers = [await api('GET', base), await api('GET', `${base}/${connector.id}`), await api('PATCH', `${base}/${connector.id}`, { credential: secret })];
    for (const answer of answers) expect(answer.body).not.toContain(secret);
    expect(gov.logs.join('')).not.toContain(secret);
    const tables = ['connectors', 'connector_syncs', 'audit_log', 'events'] as const;
    for (const table of tables) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
      expect(JSON.stringify(rows.rows)).not.toContain(secret);
    }
    if (dialect === 'sqlite') {
      for (const file of readdirSync(gov.db.dataDir)) expect(readFileSync(join(gov.db.dataDir, file)).includes(secret)).toBe(false);
    }
  });
});
