/**
 * Acceptance: OIDC single sign-on end to end against a real provider on loopback
 * (oidc-provider 8), over real HTTP on both dialects: just-in-time creation, the group claim
 * landing the person in the mapped group (and leaving it when the claim changes), a refused
 * e-mail domain, and the settings' secret never shown or stored in clear.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { signInWithSso, startTestProvider, type TestProvider } from '../support/oidc.js';
import { sessionHeaders } from '../support/sessions.js';

const exec = promisify(execFile);
/** A response body as the tests read it: any JSON. */
const json = async (response: Response | Promise<Response>): Promise<any> => (await response).json();

describe.each(DIALECTS)('OIDC single sign-on on %s', (dialect) => {
  let t: TestApp;
  let idp: TestProvider;
  let base: string;
  let admin: (method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: string, payload?: object) => Promise<Response>;
  const groups: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp(dialect);
    base = await t.app.listen();
    idp = await startTestProvider(`${base}/api/v1/auth/sso/callback`);
    admin = (method, path, payload) =>
      fetch(`${base}/admin/tokenward/v1/orgs/${t.orgId}${path}`, {
        method,
        headers: { ...bearer(t.adminKey), ...(payload ? { 'content-type': 'application/json' } : {}) },
        ...(payload ? { body: JSON.stringify(payload) } : {}),
      });
    for (const name of ['Engineers', 'Operations', 'Hand-picked']) groups[name] = (await json(admin('POST', '/groups', { name }))).id;
    idp.accounts.set('alice', { email: 'alice@acme.test', name: 'Alice Liddell', groups: ['tw-engineers', 'not-mapped'] });
    idp.accounts.set('mallory', { email: 'mallory@evil.test', name: 'Mallory', groups: ['tw-engineers'] });
    idp.accounts.set('victor', { email: 'victor@acme.test', email_verified: false });
  });
  afterAll(async () => {
    await idp?.close();
    await t?.close();
  });

  const configure = (extra: object = {}) =>
    admin('PUT', '/sso', {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      scopes: 'openid email profile groups',
      allowedDomains: ['acme.test'],
      groupClaim: 'groups',
      groupMapping: { 'tw-engineers': groups.Engineers, 'tw-ops': groups.Operations },
      ...extra,
    });

  it('stores the settings after discovering the issuer, and never shows the client secret', async () => {
    expectErrorBody(await json(admin('GET', '/sso')), 404, 'SSO_NOT_CONFIGURED');
    const bad = await configure({ issuer: 'http://127.0.0.1:9/nothing-here' });
    expect(bad.status).toBe(400);
    expect((await configure({ issuer: 'http://idp.example.com' })).status).toBe(400); // http only on loopback
    expect((await configure({ groupMapping: { x: 'grp_unknown' } })).status).toBe(400);

    const saved = await configure();
    const text = await saved.text();
    expect(saved.status, text).toBe(200);
    expect(text).not.toContain(idp.clientSecret);
    expect(JSON.parse(text)).toMatchObject({
      issuer: idp.issuer,
      hasClientSecret: true,
      allowedDomains: ['acme.test'],
      jitEnabled: true,
      redirectUri: `${base}/api/v1/auth/sso/callback`,
      startUrl: `${base}/api/v1/auth/sso/${t.orgId}/start`,
    });
    const read = await (await admin('GET', '/sso')).text();
    expect(read).not.toContain(idp.clientSecret);
    expect(JSON.parse(read).clientId).toBe(idp.clientId);
  });

  it('signs a new person in end to end, creates them as a managed member, and puts them in the mapped group', async () => {
    const outcome = await signInWithSso(base, t.orgId, 'alice', { returnTo: '/tokens?tab=mine' });
    expect(outcome.status, outcome.body).toBe(302);
    expect(outcome.location).toBe('/tokens?tab=mine');
    expect(outcome.sessionSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const session = await json(fetch(`${base}/api/v1/auth/session`, { headers: { cookie: `tw_session=${outcome.sessionSecret}` } }));
    const me = await json(fetch(`${base}/api/v1/me`, { headers: { cookie: `tw_session=${outcome.sessionSecret}` } }));
    expect(me).toMatchObject({ email: 'alice@acme.test', name: 'Alice Liddell', role: 'member', accountType: 'managed', orgId: t.orgId });
    expect(me.groups).toEqual([{ id: groups.Engineers, name: 'Engineers' }]);
    expect(session.user.id).toBe(me.id);

    const engineers = await json(admin('GET', `/groups/${groups.Engineers}`));
    expect(engineers.memberIds).toContain(me.id);
    const audit = await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 500);
    expect(audit.find((e) => e.action === 'user.created' && e.targetId === me.id)).toMatchObject({ actorType: 'system', actorId: 'sso', details: { via: 'sso' } });
    expect(audit.find((e) => e.action === 'user.signed_in' && e.actorId === me.id)?.details).toEqual({ method: 'sso' });
  });

  it('follows the group claim at every sign-in, leaving memberships of unmapped groups alone', async () => {
    const aliceId = (await json(admin('GET', '/users?q=alice@acme.test'))).data[0].id as string;
    expect((await admin('PUT', `/groups/${groups['Hand-picked']}/members`, { userIds: [aliceId] })).status).toBe(200);
    idp.accounts.set('alice', { email: 'alice@acme.test', name: 'Alice Liddell', groups: ['tw-ops'] });
    const outcome = await signInWithSso(base, t.orgId, 'alice');
    expect(outcome.status, outcome.body).toBe(302);
    expect(outcome.location).toBe('/');
    const me = await json(fetch(`${base}/api/v1/me`, { headers: { cookie: `tw_session=${outcome.sessionSecret}` } }));
    expect(me.groups.map((g: { name: string }) => g.name).sort()).toEqual(['Hand-picked', 'Operations']);
  });

  it('refuses a person whose e-mail domain is not allowed, with a clear error and no account made', async () => {
    const outcome = await signInWithSso(base, t.orgId, 'mallory');
    expect(outcome.status).toBe(403);
    expect(outcome.sessionSecret).toBeUndefined();
    const body = JSON.parse(outcome.body);
    expectErrorBody(body, 403, 'SSO_EMAIL_DOMAIN_NOT_ALLOWED');
    expect(body.errors[0].detail).toBe('E-mail addresses at evil.test may not sign in to this organization.');
    expect((await json(admin('GET', '/users?q=mallory'))).data).toEqual([]);
    // A browser gets the same refusal as a page.
    const page = await signInWithSso(base, t.orgId, 'mallory', { accept: 'text/html' });
    expect(page.status).toBe(403);
    expect(page.body).toContain('<h1>Sign-in failed</h1>');
    expect(page.body).toContain('E-mail addresses at evil.test may not sign in to this organization.');
  });

  it('refuses an unverified e-mail, a flow not started in this browser, and a deactivated person', async () => {
    const unverified = await signInWithSso(base, t.orgId, 'victor');
    expect(unverified.status).toBe(401);
    expectErrorBody(JSON.parse(unverified.body), 401, 'SSO_FAILED');

    const noFlow = await signInWithSso(base, t.orgId, 'alice', { dropFlowCookie: true });
    expect(noFlow.status).toBe(401);
    expect(JSON.parse(noFlow.body).errors[0].detail).toMatch(/not started in this browser/);

    const aliceId = (await json(admin('GET', '/users?q=alice@acme.test'))).data[0].id as string;
    await admin('POST', `/users/${aliceId}/deactivate`);
    const deactivated = await signInWithSso(base, t.orgId, 'alice');
    expect(deactivated.status).toBe(401);
    expect(JSON.parse(deactivated.body).errors[0].detail).toMatch(/deactivated/);
    await admin('POST', `/users/${aliceId}/reactivate`);
  });

  it('signs an existing person in with their own role, and creates nobody when just-in-time creation is off', async () => {
    const created = await json(admin('POST', '/users', { email: 'Bob@acme.test', name: 'Bob', role: 'admin' }));
    idp.accounts.set('bob', { email: 'bob@ACME.test', groups: [] });
    const bob = await signInWithSso(base, t.orgId, 'bob');
    expect(bob.status, bob.body).toBe(302);
    const session = await json(fetch(`${base}/api/v1/auth/session`, { headers: { cookie: `tw_session=${bob.sessionSecret}` } }));
    expect(session.user).toMatchObject({ id: created.id, role: 'admin' });
    // An admin signed in with SSO reaches the admin API with the session.
    const users = await fetch(`${base}/admin/tokenward/v1/orgs/${t.orgId}/users`, { headers: sessionHeaders({ secret: bob.sessionSecret!, csrfToken: session.csrfToken }) });
    expect(users.status).toBe(200);

    // A PUT without clientSecret keeps the stored one.
    expect((await admin('PUT', '/sso', { issuer: idp.issuer, clientId: idp.clientId, allowedDomains: ['acme.test'], jitEnabled: false })).status).toBe(200);
    idp.accounts.set('carol', { email: 'carol@acme.test' });
    const carol = await signInWithSso(base, t.orgId, 'carol');
    expect(carol.status).toBe(401);
    expect(JSON.parse(carol.body).errors[0].detail).toMatch(/does not create accounts/);
  });

  it('keeps the client secret encrypted in the database, and stops SSO when the settings are removed', async () => {
    if (dialect === 'sqlite') {
      const bytes = readdirSync(t.db.dataDir)
        .filter((name) => name.startsWith('tokenward.db'))
        .map((name) => readFileSync(join(t.db.dataDir, name)).toString('latin1'))
        .join('');
      expect(bytes).toContain('sso_configs');
      expect(bytes).not.toContain(idp.clientSecret);
    } else {
      const { stdout } = await exec('pg_dump', ['--data-only', '--table=sso_configs', t.db.databaseUrl!]);
      expect(stdout).toContain(idp.clientId);
      expect(stdout).not.toContain(idp.clientSecret);
    }
    expect(t.logs.join('')).not.toContain(idp.clientSecret);
    expect((await admin('DELETE', '/sso')).status).toBe(204);
    const start = await fetch(`${base}/api/v1/auth/sso/${t.orgId}/start`, { redirect: 'manual' });
    expect(start.status).toBe(404);
    expectErrorBody(await start.json(), 404, 'SSO_NOT_CONFIGURED');
  });
});
