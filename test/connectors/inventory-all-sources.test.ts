/**
 * One inventory over every source: Tokenward's own tokens and the tokens of three connectors,
 * synced from three peers on loopback (a second Tokenward playing Atlassian, the GitHub stand-in
 * and the GitLab stand-in). One list call shows all four kinds together, the `source` filter picks
 * each alone (by connector id or by the connected system's type), the counts split by source add
 * up, the CSV says where each token comes from, and one idle-revoke dry run lists the idle tokens
 * of all four sources and changes nothing. Governing side on both dialects; the peers are shared
 * (nothing here changes them).
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HygieneAction } from '../../src/domain/hygiene.js';
import type { ConnectorJson } from '../../src/http/schemas/connectors.js';
import type { OrgTokenCountsResponse, OrgTokenJson, OrgTokenListResponse } from '../../src/http/schemas/org-tokens.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DAY, setLastActive } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { githubTime, startGithubStandin, type GithubStandin } from '../support/github-standin.js';
import { startGitlabStandin, type GitlabStandin } from '../support/gitlab-standin.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';
import { startFilledUpstream, type FilledUpstream } from '../support/upstream.js';

const SOURCE_TYPES = ['tokenward', 'atlassian', 'github', 'gitlab'] as const;
type SourceType = (typeof SOURCE_TYPES)[number];
const IDLE_DAYS = 90;
const LONG_AGO = Date.now() - 200 * DAY;
const RECENTLY = Date.now() - DAY;

/** Atlassian: 30 user tokens (every 5th idle), two service accounts of two tokens (the first idle), one admin key. */
const ATLASSIAN = { users: 6, userTokens: 30, idleEvery: 5, serviceAccounts: 2, tokensPerAccount: 2, adminKeys: 1 };
const ATLASSIAN_IDLE_USER_TOKENS = ATLASSIAN.userTokens / ATLASSIAN.idleEvery;
/** GitHub: 12 fine-grained grants, every 4th idle. */
const GITHUB_GRANTS = 12;
const GITHUB_IDLE = GITHUB_GRANTS / 4;

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });

let atlassian: { app: TestApp; url: string; filled: FilledUpstream };
let gh: GithubStandin;
let gl: GitlabStandin;
/** GitLab tokens the dry run must list, by label. */
const gitlabIdle: string[] = [];

beforeAll(async () => {
  atlassian = await startFilledUpstream({ ...ATLASSIAN, idleLastActiveMs: LONG_AGO });
  await atlassian.app.app.core.database.db
    .updateTable('tokens')
    .set({ last_active_at: LONG_AGO })
    .where('owner_service_account_id', '=', atlassian.filled.serviceAccountIds[0]!)
    .execute();

  gh = await startGithubStandin({ org: 'acme', appId: '4242', installationId: '77', privateKeyPem: privateKey });
  for (let i = 0; i < GITHUB_GRANTS; i += 1) {
    gh.grants.set(10_000 + i, {
      id: 10_000 + i,
      owner: { login: `dev${i % 3}`, id: 1000 + (i % 3), email: null },
      repository_selection: 'all',
      permissions: { repository: { metadata: 'read', contents: 'read' } },
      access_granted_at: githubTime(LONG_AGO - DAY),
      token_id: 20_000 + i,
      token_name: `grant ${i}`,
      token_expired: false,
      token_expires_at: githubTime(Date.now() + 60 * DAY),
      token_last_used_at: githubTime(i % 4 === 0 ? LONG_AGO : RECENTLY),
    });
  }

  gl = await startGitlabStandin();
  const made = new Date(LONG_AGO - DAY).toISOString();
  const person = gl.addUser({ username: 'ada', name: 'Ada', email: 'ada@gitlab.test', bot: false });
  const used = (label: string, isIdle: boolean) => {
    if (isIdle) gitlabIdle.push(label);
    return { name: label, created_at: made, last_used_at: new Date(isIdle ? LONG_AGO : RECENTLY).toISOString() };
  };
  gl.addToken({ ...used('laptop', false), user_id: person.id });
  gl.addToken({ ...used('old laptop', true), user_id: person.id });
  // Never used since it was made 200 days ago: idle from its creation.
  gitlabIdle.push('forgotten');
  gl.addToken({ name: 'forgotten', created_at: made, last_used_at: null, user_id: person.id });
  gl.addToken({ ...used('support session', false), user_id: person.id, impersonation: true, scopes: ['api', 'sudo'] });
  gl.groups.push({ id: 77, full_path: 'acme/platform' });
  const groupBot = gl.addUser({ username: 'group_77_bot', name: 'acme/platform bot', email: 'group_77_bot@noreply.gitlab.test', bot: true });
  gl.addToken({ ...used('ci', false), user_id: groupBot.id, resource: { type: 'group', id: 77 }, access_level: 30, scopes: ['read_registry'] });
  gl.addToken({ ...used('old ci', true), user_id: groupBot.id, resource: { type: 'group', id: 77 }, access_level: 30, scopes: ['read_registry'] });
  gl.projects.push({ id: 500, path_with_namespace: 'acme/app' });
  const projectBot = gl.addUser({ username: 'project_500_bot', name: 'acme/app bot', email: 'project_500_bot@noreply.gitlab.test', bot: true });
  gl.addToken({ ...used('old deploy', true), user_id: projectBot.id, resource: { type: 'project', id: 500 }, access_level: 40, scopes: ['write_repository'] });
}, 120_000);

afterAll(async () => {
  await atlassian?.app.close();
  await gh?.close();
  await gl?.close();
});

describe.each(DIALECTS)('one inventory over Tokenward, Atlassian, GitHub and GitLab tokens, on %s', (dialect) => {
  let gov: TestApp;
  const connectorOf = {} as Record<Exclude<SourceType, 'tokenward'>, ConnectorJson>;
  const seen = {} as Record<Exclude<SourceType, 'tokenward'>, number>;
  let ownIdleTokenId: string;

  const api = async (method: 'GET' | 'POST' | 'PATCH', path: string, payload?: unknown) => {
    const response = await gov.app.http.inject({ method, url: `/admin/tokenward/v1/orgs/${gov.orgId}${path}`, headers: bearer(gov.adminKey), ...(payload === undefined ? {} : { payload: payload as object }) });
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response;
  };
  const list = async (query: string) => (await api('GET', `/tokens?pageSize=1000&${query}`)).json() as OrgTokenListResponse;
  const counts = async (query: string) => (await api('GET', `/tokens/counts?${query}`)).json() as OrgTokenCountsResponse;
  const typeOf = (token: OrgTokenJson) => token.source.type as SourceType;
  const tally = (tokens: OrgTokenJson[]) => Object.fromEntries(SOURCE_TYPES.map((type) => [type, tokens.filter((t) => typeOf(t) === type).length])) as Record<SourceType, number>;
  /** Every token's status on both sides, to show a dry run changed nothing. */
  const snapshot = async () => {
    const db = gov.app.core.database.db;
    const own = await db.selectFrom('tokens').select(['id', 'status', 'revoked_at']).orderBy('id').execute();
    const external = await db.selectFrom('external_tokens').select(['id', 'status', 'revoked_at', 'gone_at']).orderBy('id').execute();
    const audit = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const events = await db.selectFrom('events').select('type').where('type', 'in', ['token.idle_revoked', 'token.idle_warning', 'token.revoked']).execute();
    const upstreamRevoked = await atlassian.app.app.core.database.db.selectFrom('tokens').select('id').where('status', '=', 'revoked').execute();
    return {
      own,
      external,
      audit: Number(audit.n),
      events: events.length,
      upstreamRevoked: upstreamRevoked.length,
      githubRevocations: gh.revocations.length,
      gitlabLive: [...gl.tokens.values()].filter((t) => t.active && !t.revoked).length,
    };
  };

  beforeAll(async () => {
    gov = await startTestApp(dialect);
    const add = async (type: 'atlassian' | 'github' | 'gitlab', payload: Record<string, unknown>) => {
      const created = await api('POST', '/connectors', { type, ...payload });
      connectorOf[type] = created.json() as ConnectorJson;
      const run = await gov.app.core.services.connectorSync.syncAndWait((await gov.app.core.services.connectors.get(gov.orgId, connectorOf[type].id)).connector);
      expect(run.state, run.error ?? '').toBe('succeeded');
      seen[type] = run.counts.seen;
    };
    await add('atlassian', { name: 'Acme Cloud', baseUrl: atlassian.url, upstreamOrgId: atlassian.app.orgId, credential: atlassian.app.adminKey });
    await add('github', { name: 'Acme on GitHub', baseUrl: gh.url, upstreamOrgId: 'acme', credential: JSON.stringify({ appId: '4242', installationId: '77', privateKey, webhookSecret: 'whsec-0123456789abcdef' }) });
    await add('gitlab', { name: 'Acme GitLab', baseUrl: gl.url, upstreamOrgId: 'gitlab.acme.test', credential: gl.adminToken });

    // Tokenward's own: a person's three tokens (one idle) and a service account's token, beside
    // the bootstrap admin key.
    const alice = await seedUser(gov.app, gov.orgId, { email: 'alice@acme.test', name: 'Alice' });
    for (const label of ['alice laptop', 'alice ci']) await seedToken(gov.app, gov.orgId, { type: 'user', id: alice.id }, { label });
    ownIdleTokenId = (await seedToken(gov.app, gov.orgId, { type: 'user', id: alice.id }, { label: 'alice old' })).token.id;
    await setLastActive(gov.app, ownIdleTokenId, new Date(LONG_AGO));
    const account = await seedServiceAccount(gov.app, gov.orgId, { displayName: 'Deploy' });
    await seedToken(gov.app, gov.orgId, { type: 'service_account', id: account.id }, { label: 'deploy' });
    await api('PATCH', '/automation/settings', { idleRevokeAfterDays: IDLE_DAYS, idleWarningDays: 7 });
  }, 120_000);

  afterAll(async () => {
    await gov?.close();
  });

  it('lists the tokens of all four sources in one call, as many of each as were synced', async () => {
    const all = await list('');
    expect(all.links.next).toBeNull();
    expect(tally(all.data)).toEqual({ tokenward: 1 + 3 + 1, atlassian: seen.atlassian, github: GITHUB_GRANTS, gitlab: seen.gitlab });
    expect(seen.atlassian).toBe(ATLASSIAN.userTokens + ATLASSIAN.serviceAccounts * ATLASSIAN.tokensPerAccount + ATLASSIAN.adminKeys + 1);
    expect(seen.gitlab).toBe(7);
    for (const type of ['atlassian', 'github', 'gitlab'] as const) {
      expect(all.data.filter((t) => typeOf(t) === type).every((t) => 'connectorId' in t.source && t.source.connectorId === connectorOf[type].id)).toBe(true);
    }
    // GitLab's group and project tokens are service-account tokens of the inventory.
    expect(all.data.filter((t) => typeOf(t) === 'gitlab' && t.ownerKind === 'service-account').map((t) => t.label).sort()).toEqual(['ci', 'old ci', 'old deploy']);
  });

  it('filters by source: tokenward, a connector id, or a connected system\'s type, each alone', async () => {
    const all = tally((await list('')).data);
    const own = await list('source=tokenward');
    expect(own.data.length).toBe(all.tokenward);
    expect(own.data.every((t) => typeOf(t) === 'tokenward')).toBe(true);
    for (const type of ['atlassian', 'github', 'gitlab'] as const) {
      const byId = await list(`source=${connectorOf[type].id}`);
      const byType = await list(`source=${type}`);
      expect(byId.data.length).toBe(all[type]);
      expect(byId.data.every((t) => typeOf(t) === type)).toBe(true);
      expect(byType.data.map((t) => t.id)).toEqual(byId.data.map((t) => t.id));
    }
    // Any case, like the other filter words; combined with the other filters.
    expect((await list('source=GitLab&ownerKind=service-account')).data.map((t) => t.label).sort()).toEqual(['ci', 'old ci', 'old deploy']);
    expect((await list('source=con_nothing')).data).toEqual([]);
    const tooLong = await gov.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${gov.orgId}/tokens?source=${'x'.repeat(200)}`, headers: bearer(gov.adminKey) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().errors[0].detail).toMatch(/source must be tokenward, atlassian, github, gitlab or a connector id/);
  });

  it('counts split by source add up to the total, and each source counted alone gives its share', async () => {
    const everything = await counts('status=active,suspended,expired,revoked');
    const sum = (values: Record<string, number>) => Object.values(values).reduce((a, b) => a + b, 0);
    const listed = tally((await list('')).data);
    expect(everything.bySourceType).toEqual(listed);
    expect(sum(everything.bySourceType)).toBe(everything.total);
    expect(sum(everything.bySource)).toBe(everything.total);
    expect(sum(everything.byOwnerKind)).toBe(everything.total);
    expect(sum(everything.byStatus)).toBe(everything.total);
    expect(everything.cells.reduce((a, c) => a + c.count, 0)).toBe(everything.total);
    expect(everything.bySource).toEqual({
      tokenward: listed.tokenward,
      [connectorOf.atlassian.id]: listed.atlassian,
      [connectorOf.github.id]: listed.github,
      [connectorOf.gitlab.id]: listed.gitlab,
    });
    // One (owner kind, status) holds a cell per source: admin keys of Tokenward and of Atlassian.
    const adminActive = everything.cells.filter((c) => c.ownerKind === 'admin-key' && c.status === 'active');
    expect(adminActive.map((c) => c.sourceType).sort()).toEqual(['atlassian', 'tokenward']);
    for (const kind of ['user', 'service-account', 'admin-key'] as const) {
      expect(everything.cells.filter((c) => c.ownerKind === kind).reduce((a, c) => a + c.count, 0)).toBe(everything.byOwnerKind[kind]);
    }
    for (const type of SOURCE_TYPES) {
      const alone = await counts(`source=${type}`);
      expect(alone.total).toBe(listed[type]);
      expect(alone.bySourceType).toEqual({ [type]: listed[type] });
      expect(alone.cells.every((c) => c.sourceType === type)).toBe(true);
    }
  });

  it('exports every source to CSV, each row saying where the token comes from', async () => {
    const csv = (await api('GET', '/tokens/export.csv')).body;
    const [header, ...rows] = csv.trim().split('\n');
    const columns = header!.split(',');
    expect(columns.slice(-5)).toEqual(['source', 'externalId', 'purpose', 'tags', 'sourceType']);
    // Read from the end: no cell after `source` holds a comma here.
    const cells = rows.map((line) => line.split(',').slice(-5));
    const listed = tally((await list('')).data);
    expect(rows).toHaveLength(Object.values(listed).reduce((a, b) => a + b, 0));
    expect(Object.fromEntries(SOURCE_TYPES.map((type) => [type, cells.filter((c) => c[4] === type).length]))).toEqual(listed);
    expect(cells.filter((c) => c[4] === 'tokenward').every((c) => c[0] === 'tokenward' && c[1] === '')).toBe(true);
    for (const type of ['atlassian', 'github', 'gitlab'] as const) {
      expect(cells.filter((c) => c[4] === type).every((c) => c[0] === connectorOf[type].id && c[1] !== '')).toBe(true);
    }
    const gitlabOnly = (await api('GET', '/tokens/export.csv?source=gitlab')).body.trim().split('\n');
    expect(gitlabOnly).toHaveLength(1 + listed.gitlab);
  });

  it('one idle-revoke dry run lists the idle tokens of all four sources, the same the inventory finds idle, and changes nothing', async () => {
    const before = await snapshot();
    const actions = (await (await api('POST', '/jobs/idle-revoke/dry-run')).json()).actions as HygieneAction[];
    const connectorType = new Map(Object.entries(connectorOf).map(([type, c]) => [c.id, type]));
    const labelOf = new Map((await list('')).data.map((t) => [t.id, t.label]));
    const revokes = actions.flatMap((a) => (a.type === 'revoke_idle_external' ? [a] : []));
    const flags = actions.flatMap((a) => (a.type === 'flag_idle_external' ? [a] : []));
    const ofType = (type: string) => revokes.filter((a) => connectorType.get(a.connectorId) === type);

    expect(actions.filter((a) => a.type === 'revoke_idle').map((a) => 'tokenId' in a && a.tokenId)).toEqual([ownIdleTokenId]);
    expect(ofType('atlassian')).toHaveLength(ATLASSIAN_IDLE_USER_TOKENS);
    expect(ofType('github')).toHaveLength(GITHUB_IDLE);
    // GitLab revokes group and project tokens one by one: they are revoked, not flagged.
    expect(ofType('gitlab').map((a) => a.label).sort()).toEqual([...gitlabIdle].sort());
    expect(ofType('gitlab').filter((a) => a.kind === 'service_account').map((a) => a.label).sort()).toEqual(['old ci', 'old deploy']);
    // Only Atlassian's service-account tokens, which it revokes only all at once, are flagged.
    expect(flags.map((a) => [connectorType.get(a.connectorId), a.kind])).toEqual([
      ['atlassian', 'service_account'],
      ['atlassian', 'service_account'],
    ]);
    expect(revokes.every((a) => a.revokeAfterDays === IDLE_DAYS && a.idleDays >= 199)).toBe(true);
    expect(actions).toHaveLength(1 + ATLASSIAN_IDLE_USER_TOKENS + GITHUB_IDLE + gitlabIdle.length + 2);

    // The same tokens the inventory finds idle, admin keys aside (no job revokes those).
    const idle = await list(`idleDays=${IDLE_DAYS}&ownerKind=user,service-account&status=active`);
    const planned = actions.map((a) => ('externalTokenId' in a ? a.externalTokenId : 'tokenId' in a ? a.tokenId : ''));
    expect(planned.sort()).toEqual(idle.data.map((t) => t.id).sort());
    expect(new Set(idle.data.map(typeOf))).toEqual(new Set(SOURCE_TYPES));
    expect(planned.every((id) => labelOf.has(id))).toBe(true);

    expect(await snapshot()).toEqual(before);
    expect(before.gitlabLive).toBe(7);
    expect(before.githubRevocations).toBe(0);
  });
});
