/**
 * The GitLab connector against the GitLab stand-in: a sync of 5,000 tokens across personal,
 * impersonation, group and project tokens, through the GitLab client library with only the base
 * URL pointing at the stand-in. Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorJson, SyncRunJson } from '../../src/http/schemas/connectors.js';
import type { OrgTokenCountsResponse, OrgTokenJson } from '../../src/http/schemas/org-tokens.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { startGitlabStandin, type GitlabStandin } from '../support/gitlab-standin.js';
import { seedUser } from '../support/seed.js';

const PEOPLE = 300;
const PATS_PER_PERSON = 10;
const IMPERSONATION_TOKENS = 200;
const GROUPS = 100;
const TOKENS_PER_GROUP = 10;
const PROJECTS = 200;
const TOKENS_PER_PROJECT = 4;
const PATS = PEOPLE * PATS_PER_PERSON;
const RESOURCE_TOKENS = GROUPS * TOKENS_PER_GROUP + PROJECTS * TOKENS_PER_PROJECT;
const TOTAL = PATS + IMPERSONATION_TOKENS + RESOURCE_TOKENS;

/** 3,000 personal tokens, 200 impersonation tokens, 1,000 group and 800 project tokens (each with its bot user). */
function fill(standin: GitlabStandin): void {
  const dayMs = 86_400_000;
  const people = Array.from({ length: PEOPLE }, (_, i) => standin.addUser({ username: `person${i}`, name: `Person ${i}`, email: `person${i}@gitlab.test`, bot: false }));
  for (const [i, person] of people.entries()) {
    for (let j = 0; j < PATS_PER_PERSON; j += 1) {
      const used = (i * PATS_PER_PERSON + j) % 7 === 0;
      standin.addToken({
        name: `laptop ${j}`,
        user_id: person.id,
        scopes: j % 2 === 0 ? ['read_api', 'read_repository'] : ['api'],
        last_used_at: used ? new Date(Date.now() - 3 * dayMs).toISOString() : null,
        last_used_ips: used ? ['192.0.2.10', '198.51.100.7'] : [],
      });
    }
  }
  for (let i = 0; i < IMPERSONATION_TOKENS; i += 1) standin.addToken({ name: `support session ${i}`, user_id: people[i % PEOPLE]!.id, impersonation: true, scopes: ['api', 'sudo'] });
  for (let g = 0; g < GROUPS; g += 1) {
    const group = { id: 1000 + g, full_path: `acme/team-${g}` };
    standin.groups.push(group);
    for (let k = 0; k < TOKENS_PER_GROUP; k += 1) {
      const bot = standin.addUser({ username: `group_${group.id}_bot_${k}`, name: `${group.full_path} bot`, email: `group_${group.id}_bot_${k}@noreply.gitlab.test`, bot: true });
      standin.addToken({ name: `ci ${k}`, user_id: bot.id, resource: { type: 'group', id: group.id }, access_level: 30, scopes: ['read_registry'] });
    }
  }
  for (let p = 0; p < PROJECTS; p += 1) {
    const project = { id: 5000 + p, path_with_namespace: `acme/app-${p}` };
    standin.projects.push(project);
    for (let k = 0; k < TOKENS_PER_PROJECT; k += 1) {
      const bot = standin.addUser({ username: `project_${project.id}_bot_${k}`, name: `${project.path_with_namespace} bot`, email: `project_${project.id}_bot_${k}@noreply.gitlab.test`, bot: true });
      standin.addToken({ name: `deploy ${k}`, user_id: bot.id, resource: { type: 'project', id: project.id }, access_level: 40, scopes: ['write_repository'] });
    }
  }
  // A revoked token is not live: it is never read into the inventory.
  standin.addToken({ name: 'old', user_id: people[0]!.id, revoked: true, active: false });
}

describe.each(DIALECTS)('GitLab connector sync, governing side on %s', (dialect) => {
  let standin: GitlabStandin;
  let gov: TestApp;
  let base: string;
  let connector: ConnectorJson;

  const api = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => {
    const response = await gov.app.http.inject({ method, url, headers: bearer(gov.adminKey), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };
  const counts = async (query: string) => (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens/counts?${query}`)).json() as OrgTokenCountsResponse;
  const syncAndWait = async (): Promise<SyncRunJson> => {
    const started = await api('POST', `${base}/${connector.id}/sync`);
    expect(started.status, started.body).toBe(202);
    await gov.app.core.services.connectorSync.idle();
    return ((await api('GET', `${base}/${connector.id}`)).json() as ConnectorJson).lastSync!;
  };

  beforeAll(async () => {
    // A window of 500 requests a second, enforced with 429s: the sync must pace itself on
    // RateLimit-Remaining and RateLimit-Reset to never meet one.
    standin = await startGitlabStandin({ windowLimit: 500 });
    fill(standin);
    gov = await startTestApp(dialect);
    base = `/admin/tokenward/v1/orgs/${gov.orgId}/connectors`;
    await seedUser(gov.app, gov.orgId, { email: 'PERSON0@gitlab.test', name: 'Person Zero' });
  }, 60_000);

  afterAll(async () => {
    await gov?.close();
    await standin?.close();
  });

  it('adds a GitLab connector without answering its token, and tests the connection', async () => {
    const created = await api('POST', base, { type: 'gitlab', name: 'Acme GitLab', baseUrl: `${standin.url}/`, upstreamOrgId: 'gitlab.acme.test', credential: standin.adminToken });
    expect(created.status, created.body).toBe(201);
    connector = created.json() as ConnectorJson;
    expect(created.body).not.toContain(standin.adminToken);
    const tested = (await api('POST', `${base}/${connector.id}/test`)).json();
    expect(tested.checks.filter((c: { ok: boolean }) => !c.ok)).toEqual([]);

    const wrong = (await api('POST', base, { type: 'gitlab', name: 'Wrong token', baseUrl: standin.url, upstreamOrgId: 'x', credential: 'glpat-wrong' })).json() as ConnectorJson;
    const wrongTest = (await api('POST', `${base}/${wrong.id}/test`)).json();
    expect(wrongTest.ok).toBe(false);
    expect(wrongTest.checks[0].detail).toMatch(/not accepted/);
    await api('DELETE', `${base}/${wrong.id}`);
  });

  it('syncs 5,000 tokens with exact counts per kind, once each, pacing on the rate limit', async () => {
    // Digest: a 429 carries Retry-After; the connector waits it out and goes on.
    standin.throttleNext();
    const run = await syncAndWait();
    expect(run.state, run.error ?? '').toBe('succeeded');
    expect(run.counts).toMatchObject({ seen: TOTAL, discovered: TOTAL, updated: 0, gone: 0 });
    // Only the forced one: the connector paced itself on the headers and never ran over the window.
    expect(standin.stats.throttled).toBe(1);
    expect(standin.stats.requests).toBeGreaterThan(500);
    const mine = await counts(`source=${connector.id}`);
    expect(mine.total).toBe(TOTAL);
    expect(mine.byOwnerKind).toMatchObject({ user: PATS + IMPERSONATION_TOKENS, 'service-account': RESOURCE_TOKENS });
    const db = gov.app.core.database.db;
    const rows = await db.selectFrom('external_tokens').select(['kind', 'label', 'scopes', 'last_used_ips', 'owner_external_id', 'owner_user_id']).execute();
    expect(rows).toHaveLength(TOTAL);
    expect(rows.filter((r) => r.label.endsWith('(impersonation)'))).toHaveLength(IMPERSONATION_TOKENS);
    expect(rows.filter((r) => r.owner_external_id?.startsWith('group:'))).toHaveLength(GROUPS * TOKENS_PER_GROUP);
    expect(rows.filter((r) => r.owner_external_id?.startsWith('project:'))).toHaveLength(PROJECTS * TOKENS_PER_PROJECT);
    expect(rows.filter((r) => r.last_used_ips !== null).every((r) => JSON.parse(r.last_used_ips!).join() === '192.0.2.10,198.51.100.7')).toBe(true);
    expect(rows.filter((r) => r.last_used_ips !== null).length).toBe(Math.ceil(PATS / 7));
    // GitLab's scope names are kept as they are.
    expect(new Set(rows.map((r) => r.scopes))).toEqual(new Set(['["read_api","read_repository"]', '["api"]', '["api","sudo"]', '["read_registry"]', '["write_repository"]']));
    // The directory person's tokens carry the directory owner.
    expect(rows.filter((r) => r.owner_user_id !== null).length).toBe(PATS_PER_PERSON + Math.ceil(IMPERSONATION_TOKENS / PEOPLE));

    // One token's answer in the inventory: GitLab's scopes beside their class, last use and the addresses.
    const used = await db.selectFrom('external_tokens').select('id').where('last_used_ips', 'is not', null).where('scopes', '=', '["api"]').executeTakeFirstOrThrow();
    const one = (await api('GET', `/admin/tokenward/v1/orgs/${gov.orgId}/tokens/${used.id}`)).json() as OrgTokenJson;
    expect(one.lastActiveAt).not.toBeNull();
    expect(one.source).toMatchObject({ type: 'gitlab', scopes: [{ name: 'api', words: 'api', scopeClass: 'write' }], lastUsedIps: ['192.0.2.10', '198.51.100.7'], repositorySelection: null });

    const second = await syncAndWait();
    expect(second.counts).toMatchObject({ seen: TOTAL, discovered: 0, updated: 0, gone: 0 });
  }, 120_000);

  it('marks gone a token revoked in GitLab, and revokes a group token upstream from Tokenward', async () => {
    const victim = [...standin.tokens.values()].find((t) => t.resource === null && !t.impersonation && t.active)!;
    victim.active = false;
    victim.revoked = true;
    const run = await syncAndWait();
    expect(run.counts).toMatchObject({ seen: TOTAL - 1, gone: 1 });

    const db = gov.app.core.database.db;
    const groupToken = await db.selectFrom('external_tokens').select(['id', 'external_id']).where('owner_external_id', '=', 'group:1000').where('status', '=', 'active').executeTakeFirstOrThrow();
    const revoked = await api('DELETE', `${base}/${connector.id}/tokens/${groupToken.id}`);
    expect(revoked.status, revoked.body).toBe(200);
    expect(standin.tokens.get(Number(groupToken.external_id))).toMatchObject({ active: false, revoked: true });
    // Revoked again upstream meanwhile: GitLab answers 400, reported as a failure.
    const pat = await db.selectFrom('external_tokens').select(['id', 'external_id']).where('kind', '=', 'user').where('status', '=', 'active').where('label', 'not like', '%impersonation%').executeTakeFirstOrThrow();
    Object.assign(standin.tokens.get(Number(pat.external_id))!, { active: false, revoked: true });
    const refused = await api('DELETE', `${base}/${connector.id}/tokens/${pat.id}`);
    expect(refused.status).toBe(502);
    expect(refused.json().errors[0].detail).toMatch(/400/);
  }, 60_000);

  it('judges GitLab scopes by class: a policy allowing read and write classes flags only sudo', async () => {
    const policy = await api('POST', `/admin/tokenward/v1/orgs/${gov.orgId}/policies`, {
      data: { type: 'policy', attributes: { type: 'authentication', name: 'GitLab users', rule: { tokenCreation: 'allowed', maxLifetimeDays: 365, allowedScopes: ['class:read', 'class:write'] } } },
    });
    expect(policy.status, policy.body).toBe(201);
    await api('PATCH', `${base}/${connector.id}`, { unmatchedPolicyId: policy.json().data.id });
    const report = (await api('GET', `${base}/${connector.id}/violations`)).json();
    const scopeRows = report.data.filter((row: { violations: Array<{ kind: string }> }) => row.violations.some((v) => v.kind === 'scopes' ));
    expect(scopeRows.length).toBeGreaterThan(0);
    for (const row of scopeRows) expect(row.violations.find((v: { kind: string }) => v.kind === 'scopes').reason).toBe('Scopes outside the policy: sudo.');
  });
});
