/**
 * Local sign-in over HTTP on both dialects: the owner's first link, login and its
 * uniform failures, cookies, CSRF, logout, invites, password resets, expiry and deactivation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LinkMessage } from '../../src/service/link-service.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { sessionCookieOf, sessionHeaders, tokenOfLink } from '../support/sessions.js';

const OWNER_PASSWORD = 'correct horse battery staple';
const HOUR_MS = 3_600_000;

describe.each(DIALECTS)('local sign-in on %s', (dialect) => {
  let t: TestApp;
  let now = Date.parse('2026-05-01T08:00:00.000Z');
  const delivered: LinkMessage[] = [];
  /** Every secret this suite saw, for the grep at the end. */
  const secrets: string[] = [OWNER_PASSWORD];

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(now), deliverLink: async (message) => void delivered.push(message) });
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: object, headers: Record<string, string> = {}) => t.app.http.inject({ method: 'POST', url, payload, headers });
  const get = (url: string, headers: Record<string, string> = {}) => t.app.http.inject({ method: 'GET', url, headers });
  const admin = (method: 'GET' | 'POST', path: string, payload?: object) =>
    t.app.http.inject({ method, url: `/admin/tokenward/v1/orgs/${t.orgId}${path}`, headers: bearer(t.adminKey), ...(payload ? { payload } : {}) });
  const login = (email: string, password: string) => post('/api/v1/auth/login', { email, password });
  const session = (response: { headers: Record<string, unknown>; json(): unknown }) => {
    const cookie = sessionCookieOf(response.headers['set-cookie'] as string[] | string | undefined);
    secrets.push(cookie.value);
    const body = response.json() as { csrfToken: string; user: { id: string } };
    return { secret: cookie.value, csrfToken: body.csrfToken, userId: body.user.id, header: cookie.header };
  };

  async function newMember(email: string, password: string): Promise<string> {
    const created = await admin('POST', '/users', { email, name: email.split('@')[0]!, role: 'member' });
    expect(created.statusCode).toBe(201);
    const userId = created.json().id as string;
    const invite = await admin('POST', `/users/${userId}/invite`);
    const token = tokenOfLink(invite.json().url);
    secrets.push(token, password);
    expect((await post('/api/v1/auth/invites/accept', { token, password })).statusCode).toBe(200);
    return userId;
  }

  it("lets the owner set a password with the first-start link, once, and sign in", async () => {
    const link = t.app.bootstrap.firstStart ? t.app.bootstrap.ownerLink : null;
    expect(link?.url).toMatch(/\/setup\?token=[A-Za-z0-9_-]{43}$/);
    expect(link!.expiresAt.getTime() - now).toBe(24 * HOUR_MS);
    secrets.push(link!.secret);

    const tooShort = await post('/api/v1/auth/owner-setup', { token: link!.secret, password: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expectErrorBody(tooShort.json(), 400, 'VALIDATION_FAILED');

    const setup = await post('/api/v1/auth/owner-setup', { token: link!.secret, password: OWNER_PASSWORD });
    expect(setup.statusCode).toBe(200);
    expect(setup.json()).toMatchObject({ user: { email: 'owner@acme.test', role: 'owner', orgId: t.orgId } });
    const { header } = session(setup);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).toMatch(/Path=\//);
    expect(header).not.toMatch(/Secure/);

    const again = await post('/api/v1/auth/owner-setup', { token: link!.secret, password: OWNER_PASSWORD });
    expect(again.statusCode).toBe(400);
    expectErrorBody(again.json(), 400, 'LINK_INVALID');
    for (const token of ['garbage', 'A'.repeat(43)]) expectErrorBody((await post('/api/v1/auth/owner-setup', { token, password: OWNER_PASSWORD })).json(), 400, 'LINK_INVALID');

    const signedIn = await login('OWNER@acme.test', OWNER_PASSWORD);
    expect(signedIn.statusCode).toBe(200);
    const s = session(signedIn);
    const who = await get('/api/v1/auth/session', sessionHeaders(s, false));
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ user: { role: 'owner', orgId: t.orgId }, csrfToken: s.csrfToken });
  });

  it('refuses a wrong password, an unknown e-mail and a deactivated account with the same answer', async () => {
    const userId = await newMember('dora@acme.test', 'dora password 1234');
    const deactivated = await newMember('gone@acme.test', 'gone password 1234');
    expect((await admin('POST', `/users/${deactivated}/deactivate`)).statusCode).toBe(200);
    const answers = [
      await login('dora@acme.test', 'wrong password 1234'),
      await login('nobody@acme.test', 'dora password 1234'),
      await login('gone@acme.test', 'gone password 1234'),
    ];
    for (const answer of answers) {
      expect(answer.statusCode).toBe(401);
      expect(answer.headers['set-cookie']).toBeUndefined();
      const { errors } = answer.json() as { errors: Array<Record<string, string>> };
      expect({ ...errors[0], id: undefined }).toEqual({ id: undefined, status: '401', code: 'ADMIN-401-3', title: 'INVALID_CREDENTIALS', detail: 'The e-mail or the password is not right.' });
    }
    expect((await login('dora@acme.test', 'dora password 1234')).json().user.id).toBe(userId);
  });

  it('takes about as long for an unknown e-mail as for a wrong password (a dummy argon2 verification)', async () => {
    const signIn = t.app.core.services.signIn;
    const time = async (email: string) => {
      const started = process.hrtime.bigint();
      await expect(signIn.login({ email, password: 'not the password at all', ip: null })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await time('nobody@acme.test'); // the dummy hash is made on first use
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const unknown: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      unknown.push(await time(`nobody${i}@acme.test`));
      wrong.push(await time('dora@acme.test'));
    }
    const ratio = median(unknown) / median(wrong);
    // The leak would be an unknown e-mail answering without any argon2 work: a few percent of the
    // time. Loose bounds: the machine is shared and noisy, and the point is the order of magnitude.
    expect(ratio, `unknown ${median(unknown)} ms, wrong ${median(wrong)} ms`).toBeGreaterThan(0.25);
    expect(ratio, `unknown ${median(unknown)} ms, wrong ${median(wrong)} ms`).toBeLessThan(4);
  });

  it('asks for the CSRF token on state-changing requests made with the cookie, not with a bearer key', async () => {
    const s = session(await login('owner@acme.test', OWNER_PASSWORD));
    const create = (headers: Record<string, string>) => t.app.http.inject({ method: 'POST', url: `/admin/tokenward/v1/orgs/${t.orgId}/groups`, headers, payload: { name: `g${Math.random()}` } });
    const missing = await create(sessionHeaders(s, false));
    expect(missing.statusCode).toBe(403);
    expectErrorBody(missing.json(), 403, 'CSRF_FAILED');
    expect((await create({ ...sessionHeaders(s, false), 'x-csrf-token': `${s.csrfToken.slice(0, -1)}${s.csrfToken.endsWith('x') ? 'y' : 'x'}` })).statusCode).toBe(403);
    expect((await create(sessionHeaders(s))).statusCode).toBe(201);
    expect((await create(bearer(t.adminKey))).statusCode).toBe(201);
    // GET needs no CSRF token.
    expect((await get(`/admin/tokenward/v1/orgs/${t.orgId}/groups`, sessionHeaders(s, false))).statusCode).toBe(200);
    // The session's audit actor is the person; the key's is the key.
    const created = (await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 1000)).filter((e) => e.action === 'group.created');
    expect(created.map((e) => e.actorType).sort()).toEqual(['admin_key', 'user']);
    expect(created.find((e) => e.actorType === 'user')?.actorId).toBe(s.userId);
  });

  it('logs out on the server: the same cookie no longer works', async () => {
    const s = session(await login('owner@acme.test', OWNER_PASSWORD));
    expectErrorBody((await post('/api/v1/auth/logout', {}, sessionHeaders(s, false))).json(), 403, 'CSRF_FAILED');
    const out = await post('/api/v1/auth/logout', {}, sessionHeaders(s));
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/tw_session=;/);
    const after = await get('/api/v1/me', sessionHeaders(s));
    expect(after.statusCode).toBe(401);
    expectErrorBody(after.json(), 401, 'UNAUTHENTICATED');
    expect((await get(`/admin/tokenward/v1/orgs/${t.orgId}/users`, sessionHeaders(s))).statusCode).toBe(401);
  });

  it('invites: a link that sets the password once; a newer invite kills the older one; deactivated users get none', async () => {
    const created = await admin('POST', '/users', { email: 'ivy@acme.test', name: 'Ivy' });
    const userId = created.json().id as string;
    const first = await admin('POST', `/users/${userId}/invite`);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ userId, kind: 'invite', url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/invite\?token=/) });
    expect(Date.parse(first.json().expiresAt) - now).toBe(7 * 24 * HOUR_MS);
    const second = await admin('POST', `/users/${userId}/invite`);
    const [old, fresh] = [tokenOfLink(first.json().url), tokenOfLink(second.json().url)];
    secrets.push(old, fresh);
    expectErrorBody((await post('/api/v1/auth/invites/accept', { token: old, password: 'ivy password 12345' })).json(), 400, 'LINK_INVALID');
    // A link of one kind does not redeem at another kind's route.
    expectErrorBody((await post('/api/v1/auth/password-reset/complete', { token: fresh, password: 'ivy password 12345' })).json(), 400, 'LINK_INVALID');
    const accepted = await post('/api/v1/auth/invites/accept', { token: fresh, password: 'ivy password 12345' });
    expect(accepted.statusCode).toBe(200);
    session(accepted);
    expect((await login('ivy@acme.test', 'ivy password 12345')).statusCode).toBe(200);

    await admin('POST', `/users/${userId}/deactivate`);
    expect((await admin('POST', `/users/${userId}/invite`)).statusCode).toBe(409);
    await admin('POST', `/users/${userId}/reactivate`);
  });

  it('lets only one of two concurrent redemptions of a link win', async () => {
    const userId = (await admin('POST', '/users', { email: 'race@acme.test', name: 'Race' })).json().id as string;
    const token = tokenOfLink((await admin('POST', `/users/${userId}/invite`)).json().url);
    secrets.push(token);
    const signIn = t.app.core.services.signIn;
    const results = await Promise.allSettled([
      signIn.setPasswordWithLink('invite', token, 'first racer password', null),
      signIn.setPasswordWithLink('invite', token, 'second racer password', null),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [lost] = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toMatchObject({ code: 'LINK_INVALID' });
    for (const r of results) if (r.status === 'fulfilled') secrets.push(r.value.secret);
  });

  it('expires invite links', async () => {
    const userId = (await admin('POST', '/users', { email: 'late@acme.test', name: 'Late' })).json().id as string;
    const token = tokenOfLink((await admin('POST', `/users/${userId}/invite`)).json().url);
    now += 7 * 24 * HOUR_MS;
    expectErrorBody((await post('/api/v1/auth/invites/accept', { token, password: 'late password 1234' })).json(), 400, 'LINK_INVALID');
  });

  it('password reset: the same answer for any e-mail; the link goes to the delivery seam; completing ends old sessions', async () => {
    const userId = await newMember('rita@acme.test', 'rita password 1234');
    const old = session(await login('rita@acme.test', 'rita password 1234'));
    delivered.length = 0;
    const known = await post('/api/v1/auth/password-reset/request', { email: 'Rita@acme.test' });
    const unknown = await post('/api/v1/auth/password-reset/request', { email: 'nobody@acme.test' });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    // The request is answered before the link is made and handed on.
    await expect.poll(() => delivered.length, { timeout: 5000 }).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ kind: 'password_reset', user: { id: userId } });
    const token = tokenOfLink(delivered[0]!.url);
    secrets.push(token, 'rita new password 99');
    const done = await post('/api/v1/auth/password-reset/complete', { token, password: 'rita new password 99' });
    expect(done.statusCode).toBe(200);
    session(done);
    expect((await get('/api/v1/me', sessionHeaders(old))).statusCode).toBe(401);
    expect((await login('rita@acme.test', 'rita password 1234')).statusCode).toBe(401);
    expect((await login('rita@acme.test', 'rita new password 99')).statusCode).toBe(200);

    // An admin can make a reset link too; it is answered to the admin, valid one hour.
    const byAdmin = await admin('POST', `/users/${userId}/password-reset`);
    expect(byAdmin.statusCode).toBe(201);
    expect(Date.parse(byAdmin.json().expiresAt) - now).toBe(HOUR_MS);
    secrets.push(tokenOfLink(byAdmin.json().url));
  });

  it('ends sessions after the idle limit and after the absolute limit', async () => {
    const s = session(await login('dora@acme.test', 'dora password 1234'));
    now += 119 * 60_000;
    expect((await get('/api/v1/me', sessionHeaders(s))).statusCode).toBe(200);
    now += 119 * 60_000; // active within every 2 hours...
    expect((await get('/api/v1/me', sessionHeaders(s))).statusCode).toBe(200);
    now += 121 * 60_000; // ...but idle for more than 2 hours
    expect((await get('/api/v1/me', sessionHeaders(s))).statusCode).toBe(401);

    const busy = session(await login('dora@acme.test', 'dora password 1234'));
    for (let hours = 1; hours < 12; hours += 1) {
      now += HOUR_MS;
      expect((await get('/api/v1/me', sessionHeaders(busy))).statusCode).toBe(200);
    }
    now += HOUR_MS;
    expect((await get('/api/v1/me', sessionHeaders(busy))).statusCode).toBe(401);
  });

  it("kills a deactivated person's sessions at once", async () => {
    const s = session(await login('dora@acme.test', 'dora password 1234'));
    const me = await get('/api/v1/me', sessionHeaders(s));
    expect(me.statusCode).toBe(200);
    const userId = me.json().id as string;
    const deactivated = await admin('POST', `/users/${userId}/deactivate`);
    expect(deactivated.statusCode).toBe(200);
    expect(await t.app.core.services.sessions.authenticate(s.secret)).toBeNull();
    expect((await get('/api/v1/me', sessionHeaders(s))).statusCode).toBe(401);
    expect((await login('dora@acme.test', 'dora password 1234')).statusCode).toBe(401);
  });

  it('limits sign-in attempts per e-mail', async () => {
    const attempts = [];
    for (let i = 0; i < 11; i += 1) attempts.push((await login('target@acme.test', `guess number ${i}`)).statusCode);
    expect(attempts.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(attempts[10]).toBe(429);
    const limited = await login('target@acme.test', 'guess');
    expectErrorBody(limited.json(), 429, 'RATE_LIMITED');
    // Another e-mail from the same IP is still heard.
    expect((await login('other@acme.test', 'guess')).statusCode).toBe(401);
  });

  it('keeps passwords, session ids and link secrets out of the logs and the audit log', async () => {
    const logs = t.logs.join('');
    expect(logs.length).toBeGreaterThan(1000);
    const audit = JSON.stringify(await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 1000));
    expect(audit).toContain('user.signed_in');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(audit).not.toContain(secret);
    }
  });
});

describe('session cookie over https', () => {
  it('marks the cookie Secure when the public URL is https', async () => {
    const t = await startTestApp('sqlite', { config: { publicUrl: 'https://tokenward.example.com' } });
    try {
      const link = t.app.bootstrap.firstStart ? t.app.bootstrap.ownerLink : null;
      expect(link!.url).toMatch(/^https:\/\/tokenward\.example\.com\/setup\?token=/);
      const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/owner-setup', payload: { token: link!.secret, password: OWNER_PASSWORD } });
      expect(sessionCookieOf(response.headers['set-cookie']).header).toMatch(/; Secure/);
    } finally {
      await t.close();
    }
  });

  it('limits sign-in attempts per IP', async () => {
    const t = await startTestApp('sqlite', { config: { loginRateLimitPerIp: 3 } });
    try {
      const codes = [];
      for (let i = 0; i < 4; i += 1) codes.push((await t.app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: `p${i}@acme.test`, password: 'whatever password' } })).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });
});
