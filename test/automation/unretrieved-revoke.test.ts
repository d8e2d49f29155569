/**
 * The `unretrieved-revoke` job (hygiene, closing the gap): a token issued through a
 * one-time link that nobody redeemed within its 7 days is revoked, since nobody can hold its
 * secret; a redeemed one and one still inside its window are left. Fixed clock, both dialects; the
 * dry run lists exactly what the run does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/principal.js';
import { createStores } from '../../src/store/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY, movableClock } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { adminApi, memberApi } from '../support/policies.js';
import { seedUser } from '../support/seed.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');

describe.each(DIALECTS)('unretrieved-revoke on %s', (dialect) => {
  const time = movableClock(T0);
  let t: TestApp;
  let admin: Principal;

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: time.clock });
    admin = await t.app.core.services.tokens.authenticateAdminKey(t.adminKey);
  });
  afterAll(async () => t.close());

  it('revokes only the tokens whose link closed unredeemed, once', async () => {
    const ada = await seedUser(t.app, t.orgId);
    const issueByLink = async (label: string) => {
      const issued = await adminApi(t)('POST', '/tokens', { owner: { type: 'user', id: ada.id }, label, scopes: ['read:jira-work'], delivery: 'link' });
      expect(issued.statusCode, issued.body).toBe(201);
      return issued.json() as { id: string; delivery: { link: string } };
    };
    const forgotten = await issueByLink('forgotten');
    const redeemed = await issueByLink('redeemed');
    expect((await (await memberApi(t, ada))('POST', '/token-deliveries/redeem', { link: redeemed.delivery.link })).statusCode).toBe(200);
    time.advance(3 * DAY);
    const recent = await issueByLink('recent');

    time.advance(4 * DAY + 60_000); // the first two links are 7 days and a minute old; `recent` 4 days
    const dry = await t.app.core.services.jobs.dryRun(t.orgId, 'unretrieved-revoke');
    expect(dry.actions).toEqual([{ type: 'revoke_unretrieved', tokenId: forgotten.id, deliveryId: expect.any(String), retrievableUntil: new Date(T0.getTime() + 7 * DAY).toISOString() }]);
    const run = await t.app.core.services.jobs.runNow(admin, t.orgId, 'unretrieved-revoke', null);
    expect(run.status).toBe('succeeded');
    expect(run.actions).toEqual(dry.actions);

    const tokens = createStores(t.app.core.database.db).tokens;
    expect(await tokens.findById(t.orgId, forgotten.id)).toMatchObject({ status: 'revoked', revokedReason: 'never retrieved' });
    expect((await tokens.findById(t.orgId, redeemed.id))!.status).toBe('active');
    expect((await tokens.findById(t.orgId, recent.id))!.status).toBe('active');
    const revokedEvents = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'token.revoked', 10);
    expect(revokedEvents.map((e) => e.payload)).toEqual([expect.objectContaining({ token: expect.objectContaining({ id: forgotten.id }), reason: 'never_retrieved' })]);
    // The link itself no longer works either (it had expired), and a second run finds nothing.
    expect((await t.app.core.services.jobs.dryRun(t.orgId, 'unretrieved-revoke')).actions).toEqual([]);
  });
});
