/**
 * Machines look after themselves, and leaks found anywhere are killed by value, over HTTP on both
 * dialects: a CI token reads and rotates itself (both values verify during the grace period, only
 * the new one after it, on a fixed clock); revoke by value takes 1,000 values of which 10 are real
 * and revokes exactly those 10, answering as it answers for values that match nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { expectErrorBody } from '../support/http.js';
import { adminApi, auditActions, verifySecret } from '../support/policies.js';
import { seedServiceAccount, seedToken, seedUser } from '../support/seed.js';

const HOUR_MS = 3_600_000;

describe.each(DIALECTS)('tokens that look after themselves on %s', (dialect) => {
  let t: TestApp;
  let nowMs = Date.parse('2026-06-01T00:00:00.000Z');

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: () => new Date(nowMs) });
  });
  afterAll(async () => t.close());

  const self = (value: string) => t.app.http.inject({ method: 'GET', url: '/api/v1/tokens/self', headers: bearer(value) });
  const rotate = (value: string, payload?: object) => t.app.http.inject({ method: 'POST', url: '/api/v1/tokens/self/rotate', headers: bearer(value), ...(payload ? { payload } : {}) });

  it('a CI token rotates itself: both values verify during the grace period, only the new one after it', async () => {
    const bot = await seedServiceAccount(t.app, t.orgId);
    const issued = await adminApi(t)('POST', '/tokens', { owner: { type: 'service-account', id: bot.id }, label: 'ci', scopes: ['read:jira-work', 'write:jira-work'] });
    expect(issued.statusCode, issued.body).toBe(201);
    const oldValue = issued.json().token as string;

    const me = await self(oldValue);
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({
      id: issued.json().id,
      owner: { type: 'service-account', id: bot.id },
      scopes: ['read:jira-work', 'write:jira-work'],
      usableScopes: ['read:jira-work', 'write:jira-work'],
      expiresAt: new Date(nowMs + 90 * 24 * HOUR_MS).toISOString(),
      policy: { name: 'Default authentication policy', maxLifetimeDays: 90 },
      isPreviousValue: false,
    });
    expect(me.body).not.toContain(oldValue);
    for (const bad of ['', 'Bearer nonsense', `Bearer ${generateToken('service_account').secret}`]) {
      expectErrorBody((await t.app.http.inject({ method: 'GET', url: '/api/v1/tokens/self', headers: bad ? { authorization: bad } : {} })).json(), 401, 'UNAUTHENTICATED');
    }
    expectErrorBody((await rotate(oldValue, { gracePeriodHours: 25 })).json(), 400, 'VALIDATION_FAILED');

    const rotated = await rotate(oldValue, { gracePeriodHours: 2 });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const newValue = rotated.json().token as string;
    expect(newValue).not.toBe(oldValue);
    expect(rotated.json()).toMatchObject({ id: issued.json().id, expiresAt: issued.json().expiresAt });

    nowMs += 2 * HOUR_MS - 1;
    expect(await verifySecret(t, oldValue, null, ['write:jira-work'])).toMatchObject({ allowed: true });
    expect(await verifySecret(t, newValue, null, ['write:jira-work'])).toMatchObject({ allowed: true });
    expect((await self(oldValue)).json()).toMatchObject({ isPreviousValue: true, previousValueValidUntil: new Date(nowMs + 1).toISOString() });
    expect((await self(newValue)).json()).toMatchObject({ isPreviousValue: false });
    // The replaced value cannot take the token over.
    expectErrorBody((await rotate(oldValue)).json(), 409, 'CONFLICT');

    nowMs += 1;
    expect(await verifySecret(t, oldValue, null)).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
    expectErrorBody((await self(oldValue)).json(), 401, 'UNAUTHENTICATED');
    expect(await verifySecret(t, newValue, null, ['read:jira-work'])).toMatchObject({ allowed: true });
    expect((await self(newValue)).statusCode).toBe(200);
    expect(await auditActions(t)).toContain('token.rotated');
  });

  it('revoke by value: of 1,000 values 10 are real, exactly those 10 are revoked, and the answer says nothing', async () => {
    const owner = await seedUser(t.app, t.orgId);
    const real = await Promise.all(Array.from({ length: 10 }, (_, i) => seedToken(t.app, t.orgId, { type: 'user', id: owner.id }, { label: `leaked ${i}` })));
    const bystanders = await Promise.all(Array.from({ length: 3 }, (_, i) => seedToken(t.app, t.orgId, { type: 'user', id: owner.id }, { label: `kept ${i}` })));
    const unknown = Array.from({ length: 990 }, (_, i) => (i % 3 === 0 ? `not a token ${i}` : generateToken(i % 3 === 1 ? 'user' : 'service_account').secret));
    const values = [...unknown.slice(0, 500), ...real.map((r) => r.secret), ...unknown.slice(500)];
    expect(values).toHaveLength(1000);
    const post = (tokens: string[]) => t.app.http.inject({ method: 'POST', url: '/api/v1/tokens/revoke-by-value', payload: { tokens } });

    const answer = await post(values);
    expect(answer.statusCode, answer.body).toBe(202);
    const nothingMatched = await post(unknown.slice(0, 1000));
    expect(nothingMatched.statusCode).toBe(202);
    expect({ ...nothingMatched.json(), received: 1000 }).toEqual({ ...answer.json(), received: 1000 });
    expect(answer.json()).toEqual({ received: 1000, message: expect.any(String) });

    const stores = createStores(t.app.core.database.db);
    for (const r of real) expect((await stores.tokens.findById(t.orgId, r.token.id))?.status).toBe('revoked');
    for (const b of bystanders) expect((await stores.tokens.findById(t.orgId, b.token.id))?.status).toBe('active');
    const leakedEvents = (await stores.events.listOfType(t.orgId, 'token.leaked', 100)).filter((e) => real.some((r) => JSON.stringify(e.payload).includes(r.token.id)));
    expect(leakedEvents).toHaveLength(10);
    expect((await auditActions(t)).filter((a) => a === 'token.leaked')).toHaveLength(10);
    // Reported again: still revoked once, audited once.
    expect((await post(real.map((r) => r.secret))).statusCode).toBe(202);
    expect((await auditActions(t)).filter((a) => a === 'token.leaked')).toHaveLength(10);
    expect(await verifySecret(t, real[0]!.secret, null)).toMatchObject({ allowed: false, code: 'REVOKED' });

    expectErrorBody((await post([...values, 'one too many'])).json(), 400, 'VALIDATION_FAILED');
    // Limited per address: ten calls a minute (four made above, the refused one included).
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await post(['x'])).statusCode);
    expect(statuses).toEqual([202, 202, 202, 202, 202, 202, 429]);
  });
});
