/**
 * The GitHub connector against a stand-in GitHub (test/support/github-standin.ts) on loopback,
 * through the real client libraries, on both dialects: a sync of 1,000 grants and 50 pending
 * requests, the policy deciding the requests (approve, queue, deny) in batches of at most 100,
 * an approver's decision reaching GitHub, the webhook (a bad signature changes nothing), bulk
 * and idle revocation in calls of at most 100, and rate limits waited out.
 */
import { generateKeyPairSync } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorRequestJson } from '../../src/http/schemas/connector-requests.js';
import type { ConnectorJson, SyncRunJson } from '../../src/http/schemas/connectors.js';
import type { OrgTokenListResponse } from '../../src/http/schemas/org-tokens.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { githubTime, startGithubStandin, type GithubStandin, type StandinRequest } from '../support/github-standin.js';
import { seedUser } from '../support/seed.js';
import { sessionFor, sessionHeaders } from '../support/sessions.js';

const DAY = 86_400_000;
const GRANTS = 1000;
const OWNERS = 40;
const WEBHOOK_SECRET = 'whsec-test-0123456789abcdef';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

/** Read-only (the policy approves), write (queued for an approver), admin (the policy blocks). */
const READ = { repository: { metadata: 'read', contents: 'read' } };
const WRITE = { repository: { metadata: 'read', contents: 'write' } };
const ADMIN = { organization: { members: 'read' }, repository: { administration: 'admin' } };

function pendingRequest(id: number, login: string, ownerId: number, permissions: StandinRequest['permissions'], now: number): StandinRequest {
  return {
    id,
    reason: `Needed for job ${id}`,
    // dev1 shows a public e-mail, which matches a directory user.
    owner: { login, id: ownerId, email: login === 'dev1' ? 'Bob@Example.com' : null },
    repository_selection: 'all',
    permissions,
    created_at: githubTime(now - DAY),
    token_id: 50_000 + id,
    token_name: `request ${id}`,
    token_expired: false,
    token_expires_at: githubTime(now + 30 * DAY),
    token_last_used_at: null,
  };
}

describe.each(DIALECTS)('GitHub connector on %s', (dialect) => {
  let gh: GithubStandin;
  let gov: TestApp;
  let connector: ConnectorJson;
  let base: string;
  let aliceId: string;
  let bobId: string;
  const now = Date.now();
  const credential = JSON.stringify({ appId: '4242', installationId: '77', privateKey, webhookSecret: WEBHOOK_SECRET });

  const api = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const response = await gov.app.http.inject({ method, url, headers: bearer(gov.adminKey), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };
  const syncAndWait = async (): Promise<SyncRunJson> => {
    const started = await api('POST', `${base}/${connector.id}/sync`);
    expect(started.status, started.body).toBe(202);
    await gov.app.core.services.connectorSync.idle();
    return ((await api('GET', `${base}/${connector.id}`)).json() as ConnectorJson).lastSync!;
  };
  const requestsIn = async (status: string) => ((await api('GET', `${base}/${connector.id}/requests?status=${status}`)).json() as { data: ConnectorRequestJson[] }).data;
  const webhook = (body: string, signature: string, event = 'personal_access_token_request') =>
    gov.app.http.inject({ method: 'POST', url: `/api/v1/connectors/${connector.id}/github-webhook`, headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature, 'x-github-event': event }, payload: body });

  beforeAll(async () => {
    gh = await startGithubStandin({ org: 'acme', appId: '4242', installationId: '77', privateKeyPem: privateKey });
    for (let i = 0; i < GRANTS; i += 1) {
      const owner = i % OWNERS;
      const idle = i % 10 === 0;
      gh.grants.set(10_000 + i, {
        id: 10_000 + i,
        owner: { login: owner === 0 ? 'alice' : `dev${owner}`, id: 1000 + owner, email: owner === 1 ? 'Bob@Example.com' : null },
        repository_selection: i % 3 === 0 ? 'subset' : 'all',
        permissions: i % 2 === 0 ? READ : WRITE,
        access_granted_at: githubTime(now - 300 * DAY + i * 1000),
        token_id: 20_000 + i,
        token_name: `token ${i}`,
        token_expired: false,
        token_expires_at: i % 7 === 0 ? null : githubTime(now + 60 * DAY),
        token_last_used_at: idle ? githubTime(now - 200 * DAY) : githubTime(now - DAY),
      });
    }
    // 50 requests: 20 read-only, 15 write, 15 admin; by alice (linked login) and bob (public e-mail).
    for (let i = 0; i < 50; i += 1) {
      const permissions = i < 20 ? READ : i < 35 ? WRITE : ADMIN;
      const [login, ownerId] = i % 2 === 0 ? ['alice', 1000] : ['dev1', 1001];
      gh.requests.set(500 + i, pendingRequest(500 + i, login as string, ownerId as number, permissions, now));
    }
    gov = await startTestApp(dialect);
    base = `/admin/tokenward/v1/orgs/${gov.orgId}/connectors`;
    aliceId = (await seedUser(gov.app, gov.orgId, { email: 'alice@corp.example', name: 'Alice' })).id;
    bobId = (await seedUser(gov.app, gov.orgId, { email: 'bob@example.com', name: 'Bob' })).id;
  }, 60_000);

  afterAll(async () => {
    await gov?.close();
    await gh?.close();
  });

  it('adds a GitHub connector without ever answering or logging its key, and refuses a malformed App credential', async () => {
    const created = await api('POST', base, { type: 'github', name: 'Acme on GitHub', baseUrl: gh.url, upstreamOrgId: 'acme', credential });
    expect(created.status, created.body).toBe(201);
    connector = created.json() as ConnectorJson;
    expect(created.body).not.toContain('PRIVATE KEY');
    expect(created.body).not.toContain(WEBHOOK_SECRET);

    const tested = (await api('POST', `${base}/${connector.id}/test`)).json() as { ok: boolean; checks: Array<{ ok: boolean; detail: string }> };
    expect(tested.checks.filter((c) => !c.ok)).toEqual([]);

    const bad = await api('POST', base, { type: 'github', name: 'x', baseUrl: gh.url, upstreamOrgId: 'acme', credential: JSON.stringify({ appId: '1', installationId: '2', privateKey: 'not a key' }) });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/privateKey must be/);
    expect(bad.body).not.toContain('not a key');

    const linked = await api('PUT', `${base}/github-logins`, { links: [{ login: 'alice', userId: aliceId }] });
    expect(linked.status, linked.body).toBe(204);
  });

  it('syncs 1,000 grants and decides the 50 requests by policy: GitHub receives exactly those decisions, each call at most 100 ids', async () => {
    const callsBefore = gh.calls.length;
    const run = await syncAndWait();
    expect(run.state, run.error ?? '').toBe('succeeded');
    expect(run.counts).toMatchObject({ seen: GRANTS, discovered: GRANTS, gone: 0, pages: GRANTS / 100 });
    // digest L45: pages followed through `link` rel="next"; per_page 100, direction asc (L60).
    const grantPages = gh.calls.slice(callsBefore).filter((c) => c.method === 'GET' && c.path.includes('/personal-access-tokens'));
    expect(grantPages).toHaveLength(GRANTS / 100);
    expect(grantPages[0]!.path).toMatch(/per_page=100/);
    expect(grantPages[0]!.path).toMatch(/direction=asc/);

    const page = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?source=${connector.id}&q=token%2010&pageSize=50`)).json() as OrgTokenListResponse;
    expect(page.data.length).toBeGreaterThan(0);
    // Grant 10,001 (i = 1): write permissions on all repositories; its answer keeps GitHub's words beside the class.
    const matches = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?source=${connector.id}&q=token%201&pageSize=1000`)).json() as OrgTokenListResponse;
    const grant = matches.data.find((t) => t.label === 'token 1')!;
    const detail = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens/${grant.id}`)).json() as OrgTokenListResponse['data'][number];
    expect(detail.source).toMatchObject({
      type: 'github',
      scopes: [
        { name: 'github:repository/contents:write', words: 'repository contents: write', scopeClass: 'write' },
        { name: 'github:repository/metadata:read', words: 'repository metadata: read', scopeClass: 'read' },
      ],
      lastUsedIps: [],
      repositorySelection: 'all',
    });

    const reviews = gh.reviews;
    expect(reviews.every((r) => r.ids.length >= 1 && r.ids.length <= 100)).toBe(true);
    const approved = reviews.filter((r) => r.action === 'approve').flatMap((r) => r.ids).sort();
    const denied = reviews.filter((r) => r.action === 'deny').flatMap((r) => r.ids).sort();
    expect(approved).toEqual(Array.from({ length: 20 }, (_, i) => 500 + i));
    expect(denied).toEqual(Array.from({ length: 15 }, (_, i) => 535 + i));
    for (const review of reviews.filter((r) => r.action === 'deny')) expect(review.reason).toMatch(/^Denied by Tokenward policy ".+": it blocks tokens with admin permissions\.$/);
    expect(reviews.every((r) => (r.reason ?? '').length <= 1024)).toBe(true);

    const queued = await requestsIn('queued');
    expect(queued.map((r) => Number(r.externalId)).sort()).toEqual(Array.from({ length: 15 }, (_, i) => 520 + i));
    expect(queued.find((r) => r.owner?.login === 'alice')!.owner!.userId).toBe(aliceId);
    expect(queued.find((r) => r.owner?.login === 'dev1')!.owner!.userId).toBe(bobId);
    const scopes = queued[0]!.scopes;
    expect(scopes).toContainEqual({ name: 'github:repository/contents:write', scopeClass: 'write', github: 'repository contents: write' });
    expect(queued[0]!.policyReason).toMatch(/puts tokens with write permissions \(repository contents: write\) through approval/);

    // A second pass changes nothing: the decided requests are gone from GitHub, the queued ones stay queued.
    const reviewsBefore = gh.reviews.length;
    const second = await syncAndWait();
    expect(second.state).toBe('succeeded');
    expect(second.counts).toMatchObject({ seen: GRANTS + 20, discovered: 20, gone: 0 });
    expect(gh.reviews).toHaveLength(reviewsBefore);
    expect(await requestsIn('queued')).toHaveLength(15);
  }, 60_000);

  it('gives an approver, who may not read the connectors, the queue across every GitHub connector, each request with its connector and matched person', async () => {
    const approver = await sessionFor(gov.app, await seedUser(gov.app, gov.orgId, { name: 'Priya', email: 'priya@corp.example', role: 'approver' }));
    const asApprover = (url: string) => gov.app.http.inject({ method: 'GET', url, headers: sessionHeaders(approver, false) });
    expect((await asApprover(base)).statusCode).toBe(403);
    const answer = await asApprover(`${base}/requests`);
    expect(answer.statusCode, answer.body).toBe(200);
    const queue = (answer.json() as { data: ConnectorRequestJson[] }).data;
    expect(queue.map((r) => r.id)).toEqual((await requestsIn('queued')).map((r) => r.id));
    expect(queue.every((r) => r.connector.id === connector.id && r.connector.name === 'Acme on GitHub')).toBe(true);
    expect(queue.find((r) => r.owner?.login === 'alice')!.person).toEqual({ id: aliceId, name: 'Alice', email: 'alice@corp.example' });
    expect(queue.find((r) => r.owner?.login === 'dev1')!.person).toEqual({ id: bobId, name: 'Bob', email: 'bob@example.com' });
    const denied = (await asApprover(`${base}/requests?status=denied`)).json() as { data: ConnectorRequestJson[] };
    expect(denied.data.map((r) => r.id).sort()).toEqual((await requestsIn('denied')).map((r) => r.id).sort());
    expect((await asApprover(`/admin/tokenward/v1/orgs/${gov.orgId}/connectors/requests?status=nonsense`)).statusCode).toBe(400);
  });

  it('sends an approver\'s decisions to GitHub with their reason; a denial needs one, a reason over 1,024 characters is refused', async () => {
    const queued = await requestsIn('queued');
    const [first, ...others] = queued;
    const approve = await api('POST', `${base}/${connector.id}/requests/decide`, { requestIds: [first!.id], action: 'approve', reason: 'Fine for the release.' });
    expect(approve.status, approve.body).toBe(200);
    expect(gh.reviews.at(-1)).toEqual({ ids: [Number(first!.externalId)], action: 'approve', reason: 'Fine for the release.' });

    const noReason = await api('POST', `${base}/${connector.id}/requests/decide`, { requestIds: others.map((r) => r.id), action: 'deny' });
    expect(noReason.status).toBe(400);
    const tooLong = await api('POST', `${base}/${connector.id}/requests/decide`, { requestIds: others.map((r) => r.id), action: 'deny', reason: 'x'.repeat(1025) });
    expect(tooLong.status).toBe(400);
    const again = await api('POST', `${base}/${connector.id}/requests/decide`, { requestIds: [first!.id], action: 'deny', reason: 'no' });
    expect(again.status).toBe(409);

    const deny = await api('POST', `${base}/${connector.id}/requests/decide`, { requestIds: others.map((r) => r.id), action: 'deny', reason: 'Write access goes through the team lead.' });
    expect(deny.status, deny.body).toBe(200);
    expect(gh.reviews.at(-1)).toEqual({ ids: others.map((r) => Number(r.externalId)), action: 'deny', reason: 'Write access goes through the team lead.' });
    expect(await requestsIn('queued')).toEqual([]);
    expect((await requestsIn('denied')).filter((r) => r.decidedBy !== 'policy')).toHaveLength(14);
  });

  it('refuses a webhook with a bad signature and changes nothing; a signed one is decided at once', async () => {
    gh.requests.set(700, pendingRequest(700, 'alice', 1000, READ, now));
    const payload = JSON.stringify({
      action: 'created',
      personal_access_token_request: { ...pendingRequest(700, 'alice', 1000, READ, now), permissions: undefined, permissions_result: READ, permissions_added: READ, permissions_upgraded: {} },
      organization: { login: 'acme' },
      installation: { id: 77 },
    });
    const reviewsBefore = gh.reviews.length;
    const pendingBefore = await requestsIn('pending');
    const forged = await webhook(payload, await sign('wrong-secret', payload));
    expect(forged.statusCode).toBe(400);
    expect(forged.json().errors[0].title).toBe('INVALID_SIGNATURE');
    const unsigned = await webhook(payload, '');
    expect(unsigned.statusCode).toBe(400);
    expect(gh.reviews).toHaveLength(reviewsBefore);
    expect(await requestsIn('pending')).toEqual(pendingBefore);
    expect((await requestsIn('approved')).some((r) => r.externalId === '700')).toBe(false);

    const signed = await webhook(payload, await sign(WEBHOOK_SECRET, payload));
    expect(signed.statusCode, signed.body).toBe(200);
    expect(gh.reviews.at(-1)).toMatchObject({ ids: [700], action: 'approve' });
    expect((await requestsIn('approved')).some((r) => r.externalId === '700')).toBe(true);
  });

  it('revokes many grants in calls of at most 100 ids, and idle-revokes by the same rules', async () => {
    const rows = await gov.app.core.database.db.selectFrom('external_tokens').select('id').where('connector_id', '=', connector.id).where('status', '=', 'active').orderBy('id').limit(251).execute();
    const tokens = rows.slice(0, 250).map((r) => r.id);
    const before = gh.revocations.length;
    const revoked = await api('POST', `${base}/${connector.id}/revoke`, { tokenIds: tokens.slice(0, 250) });
    expect(revoked.status, revoked.body).toBe(200);
    expect(revoked.json()).toMatchObject({ revoked: 250, failed: 0 });
    expect(gh.revocations.slice(before).map((ids) => ids.length)).toEqual([100, 100, 50]);

    // One grant: the single revoke (digest L19, 204).
    const one = rows[250]!.id;
    const single = await api('DELETE', `${base}/${connector.id}/tokens/${one}`);
    expect(single.status, single.body).toBe(200);
    expect(gh.revocations.slice(before + 3)).toHaveLength(1);
    expect(gh.revocations.at(-1)).toHaveLength(1);

    const dry = (await api('POST', `${base}/${connector.id}/revoke-idle`, { idleDays: 90, dryRun: true })).json() as { plan: Array<{ tokenId: string }> };
    expect(dry.plan.length).toBeGreaterThan(0);
    const run = (await api('POST', `${base}/${connector.id}/revoke-idle`, { idleDays: 90 })).json() as { revoked: number; failed: number };
    expect(run).toMatchObject({ revoked: dry.plan.length, failed: 0 });
    expect(gh.revocations.slice(before + 4).every((ids) => ids.length <= 100)).toBe(true);

    // GitHub no longer lists them: the next sync finds nothing gone that Tokenward did not revoke.
    const after = await syncAndWait();
    expect(after.state).toBe('succeeded');
    expect(after.counts.gone).toBe(0);
  }, 60_000);

  it('waits out a primary rate limit and a secondary one instead of failing the sync', async () => {
    gh.setRemaining(2);
    gh.failWithSecondaryLimit(1);
    const calls = gh.calls.length;
    const run = await syncAndWait();
    expect(run.state, run.error ?? '').toBe('succeeded');
    const statuses = gh.calls.slice(calls).map((c) => c.status);
    expect(statuses.filter((s) => s === 403).length).toBeGreaterThanOrEqual(2);
    expect(gov.logs.join('\n')).not.toContain('PRIVATE KEY');
  }, 60_000);
});
