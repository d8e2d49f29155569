/** Policies feed the idle-revoke job: a token's idle limit is its owner's policy's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HygieneAction } from '../../src/domain/hygiene.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DAY, movableClock, setLastActive } from '../support/automation.js';
import { DIALECTS } from '../support/databases.js';
import { adminApi, createGroup, policyBody } from '../support/policies.js';
import { seedToken, seedUser } from '../support/seed.js';

const T0 = new Date('2026-03-01T12:00:00.000Z');

describe.each(DIALECTS)('idle limits from policies on %s', (dialect) => {
  const time = movableClock(T0);
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(dialect, { clock: time.clock });
  });
  afterAll(async () => t.close());

  it("revokes a token idle past its owner's policy limit, and leaves the others to the org setting", async () => {
    const strict = await seedUser(t.app, t.orgId);
    const relaxed = await seedUser(t.app, t.orgId);
    const group = await createGroup(t, 'Strict', [strict.id]);
    expect((await adminApi(t)('POST', '/policies', policyBody('Idle 30', { tokenCreation: 'allowed', maxLifetimeDays: 365, idleRevokeAfterDays: 30 }, { groupIds: [group], priority: 2 }))).statusCode).toBe(201);
    const strictToken = await seedToken(t.app, t.orgId, { type: 'user', id: strict.id }, { expiresAt: new Date(T0.getTime() + 200 * DAY) });
    const relaxedToken = await seedToken(t.app, t.orgId, { type: 'user', id: relaxed.id }, { expiresAt: new Date(T0.getTime() + 200 * DAY) });
    await setLastActive(t.app, strictToken.token.id, new Date(T0.getTime() - 40 * DAY));
    await setLastActive(t.app, relaxedToken.token.id, new Date(T0.getTime() - 40 * DAY));
    const { actions } = await t.app.core.services.jobs.dryRun(t.orgId, 'idle-revoke');
    const revoked = (actions as HygieneAction[]).filter((a) => a.type === 'revoke_idle').map((a) => ('tokenId' in a ? a.tokenId : ''));
    expect(revoked).toEqual([strictToken.token.id]);
  });
});
