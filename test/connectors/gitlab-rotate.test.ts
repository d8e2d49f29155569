/**
 * Rotation of GitLab tokens against the GitLab stand-in: the new value reaches its owner once
 * through a one-time link and the old token is revoked upstream; a rotation whose answer is lost
 * (the stand-in acts, then drops the connection) is never sent twice, is reported as unknown,
 * and is resolved by reading the token again. Runs on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorJson } from '../../src/http/schemas/connectors.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { startGitlabStandin, type GitlabStandin, type StandinToken } from '../support/gitlab-standin.js';
import { seedUser } from '../support/seed.js';
import { sessionFor, sessionHeaders, type TestSession } from '../support/sessions.js';

describe.each(DIALECTS)('GitLab rotation, governing side on %s', (dialect) => {
  let standin: GitlabStandin;
  let gov: TestApp;
  let base: string;
  let connector: ConnectorJson;
  let owner: TestSession;
  let stranger: TestSession;
  const tokens: StandinToken[] = [];

  const api = async (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) => {
    const response = await gov.app.http.inject({ method, url, headers: bearer(gov.adminKey), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };
  const redeem = async (session: TestSession, link: string) => {
    const response = await gov.app.http.inject({ method: 'POST', url: '/api/v1/me/connector-rotations/redeem', headers: sessionHeaders(session), payload: { link } });
    return { status: response.statusCode, body: response.body, json: () => response.json() };
  };
  const tokenIdOf = async (externalId: number) =>
    (await gov.app.core.database.db.selectFrom('external_tokens').select('id').where('external_id', '=', String(externalId)).executeTakeFirstOrThrow()).id;
  const statusOf = async (id: string) => (await gov.app.core.database.db.selectFrom('external_tokens').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  beforeAll(async () => {
    standin = await startGitlabStandin();
    const person = standin.addUser({ username: 'ada', name: 'Ada', email: 'ada@gitlab.test', bot: false });
    for (let i = 0; i < 3; i += 1) tokens.push(standin.addToken({ name: `laptop ${i}`, user_id: person.id, scopes: ['api'] }));
    standin.groups.push({ id: 77, full_path: 'acme/platform' });
    const bot = standin.addUser({ username: 'group_77_bot', name: 'acme/platform bot', email: 'group_77_bot@noreply.gitlab.test', bot: true });
    tokens.push(standin.addToken({ name: 'ci', user_id: bot.id, resource: { type: 'group', id: 77 }, access_level: 30, scopes: ['read_registry'] }));
    gov = await startTestApp(dialect);
    base = `/admin/tokenward/v1/orgs/${gov.orgId}/connectors`;
    owner = await sessionFor(gov.app, await seedUser(gov.app, gov.orgId, { email: 'ada@gitlab.test', name: 'Ada' }));
    stranger = await sessionFor(gov.app, await seedUser(gov.app, gov.orgId, { email: 'bob@gitlab.test', name: 'Bob' }));
    connector = (await api('POST', base, { type: 'gitlab', name: 'GitLab', baseUrl: standin.url, upstreamOrgId: 'gitlab.test', credential: standin.adminToken })).json() as ConnectorJson;
    const run = await gov.app.core.services.connectorSync.syncAndWait((await gov.app.core.services.connectors.get(gov.orgId, connector.id)).connector);
    expect(run.state, run.error ?? '').toBe('succeeded');
  }, 60_000);

  afterAll(async () => {
    await gov?.close();
    await standin?.close();
  });

  it('delivers the new value once to the owner through a one-time link, and the old token is revoked upstream', async () => {
    const old = tokens[0]!;
    const tokenId = await tokenIdOf(old.id);
    const asked = await api('POST', `${base}/${connector.id}/tokens/${tokenId}/rotate`, { expiresInDays: 30 });
    expect(asked.status, asked.body).toBe(201);
    const { rotation, link } = asked.json() as { rotation: { id: string; state: string }; link: string };
    expect(rotation.state).toBe('pending');
    // Nothing happens upstream before the link is opened.
    expect(standin.stats.rotations.get(old.id)).toBeUndefined();
    expect(old.active).toBe(true);
    // Only its recipient may open it.
    expect((await redeem(stranger, link)).status).toBe(410);

    const opened = await redeem(owner, link);
    expect(opened.status, opened.body).toBe(200);
    const fresh = [...standin.tokens.values()].find((t) => t.family === old.id && t.id !== old.id)!;
    expect(opened.json()).toMatchObject({ tokenId, token: fresh.value });
    expect(old).toMatchObject({ active: false, revoked: true });
    expect(fresh.active).toBe(true);
    expect(standin.stats.rotations.get(old.id)).toBe(1);
    expect(await statusOf(tokenId)).toBe('revoked');

    // Once: a second opening is gone and sends nothing upstream.
    expect((await redeem(owner, link)).status).toBe(410);
    expect(standin.stats.rotations.get(old.id)).toBe(1);
    expect(fresh.active).toBe(true);
    // The value is stored nowhere and logged nowhere.
    const db = gov.app.core.database.db;
    for (const table of ['connector_rotations', 'external_tokens', 'audit_log', 'events'] as const) {
      expect(JSON.stringify(await db.selectFrom(table).selectAll().execute())).not.toContain(fresh.value);
    }
    expect(gov.logs.join('')).not.toContain(fresh.value);
    const state = (await api('GET', `${base}/${connector.id}/rotations/${rotation.id}`)).json();
    expect(state).toMatchObject({ state: 'rotated' });
  });

  it('never rotates twice when the answer is lost: reports the unknown outcome, then resolves it by reading the token', async () => {
    const old = tokens[1]!;
    const tokenId = await tokenIdOf(old.id);
    const { rotation, link } = (await api('POST', `${base}/${connector.id}/tokens/${tokenId}/rotate`, {})).json() as { rotation: { id: string }; link: string };
    standin.dropAfterNextRotate();
    const lost = await redeem(owner, link);
    expect(lost.status, lost.body).toBe(502);
    expect(lost.json().errors[0]).toMatchObject({ title: 'UPSTREAM_OUTCOME_UNKNOWN' });
    expect(standin.stats.rotations.get(old.id)).toBe(1);
    // GitLab acted: the old token is revoked and a new one lives, its value never seen.
    const orphan = [...standin.tokens.values()].find((t) => t.family === old.id && t.id !== old.id)!;
    expect(orphan.active).toBe(true);
    expect((await api('GET', `${base}/${connector.id}/rotations/${rotation.id}`)).json()).toMatchObject({ state: 'unknown' });

    // Neither the same link nor a new request sends it again while the outcome is unknown.
    expect((await redeem(owner, link)).status).toBe(410);
    const again = await api('POST', `${base}/${connector.id}/tokens/${tokenId}/rotate`, {});
    expect(again.status).toBe(409);
    expect(again.json().errors[0].detail).toMatch(/unknown outcome/);
    expect(standin.stats.rotations.get(old.id)).toBe(1);
    // A repeated rotation would have revoked the whole chain; it did not happen.
    expect(orphan.active).toBe(true);

    const resolved = await api('POST', `${base}/${connector.id}/rotations/${rotation.id}/resolve`);
    expect(resolved.status, resolved.body).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'resolved_rotated', outcome: expect.stringMatching(/rotation happened/) });
    expect(await statusOf(tokenId)).toBe('revoked');
    expect(standin.stats.rotations.get(old.id)).toBe(1);
    expect((await api('POST', `${base}/${connector.id}/rotations/${rotation.id}/resolve`)).status).toBe(409);
  });

  it('resolves to "not rotated" when the request never reached GitLab, and a refused rotation leaves the token as it was', async () => {
    const old = tokens[2]!;
    const tokenId = await tokenIdOf(old.id);
    // An answer lost before GitLab acted: outcome unknown, then read back as still working.
    const first = (await api('POST', `${base}/${connector.id}/tokens/${tokenId}/rotate`, {})).json() as { rotation: { id: string }; link: string };
    await gov.app.core.database.db.updateTable('connector_rotations').set({ state: 'unknown' }).where('id', '=', first.rotation.id).execute();
    const resolved = (await api('POST', `${base}/${connector.id}/rotations/${first.rotation.id}/resolve`)).json();
    expect(resolved).toMatchObject({ state: 'resolved_not_rotated' });
    expect(old.active).toBe(true);

    // GitLab refuses (the token was revoked behind Tokenward's back): reported, token unchanged in Tokenward.
    const second = (await api('POST', `${base}/${connector.id}/tokens/${tokenId}/rotate`, {})).json() as { rotation: { id: string }; link: string };
    Object.assign(old, { active: false });
    const refused = await redeem(owner, second.link);
    expect(refused.status).toBe(502);
    expect(refused.json().errors[0]).toMatchObject({ title: 'UPSTREAM_FAILED' });
    expect(await statusOf(tokenId)).toBe('active');
    expect((await api('GET', `${base}/${connector.id}/rotations/${second.rotation.id}`)).json()).toMatchObject({ state: 'refused', upstreamStatus: 401 });
  });

  it('rotates a group token to the recipient an admin names, since a group is not a person', async () => {
    const old = tokens[3]!;
    const tokenId = await tokenIdOf(old.id);
    const unnamed = await api('POST', `${base}/${connector.id}/tokens/${tokenId}/rotate`, {});
    expect(unnamed.status).toBe(400);
    expect(unnamed.json().errors[0].detail).toMatch(/recipientUserId/);
    const asked = await api('POST', `${base}/${connector.id}/tokens/${tokenId}/rotate`, { recipientUserId: owner.user.id, expiresInDays: 7 });
    expect(asked.status, asked.body).toBe(201);
    const opened = await redeem(owner, (asked.json() as { link: string }).link);
    expect(opened.status, opened.body).toBe(200);
    const fresh = [...standin.tokens.values()].find((t) => t.family === old.id && t.id !== old.id)!;
    expect(fresh).toMatchObject({ resource: { type: 'group', id: 77 }, active: true });
    expect(opened.json().token).toBe(fresh.value);
    expect(old.active).toBe(false);
  });
});
