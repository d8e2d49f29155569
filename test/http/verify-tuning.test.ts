/**
 * The verification tuning env vars (TOKENWARD_VERIFY_CACHE_*, TOKENWARD_USAGE_*) reach the cache and
 * the usage recorder a server runs with, over real HTTP on both dialects. Their parsing is in
 * test/config.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { VERIFICATION_DEFAULTS, type VerificationTuning } from '../../src/config.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { seedToken, seedUser } from '../support/seed.js';

describe.each(DIALECTS)('verification tuning on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  const start = async (tuning: Partial<VerificationTuning>) => {
    const app = await startTestApp(dialect, { config: { verification: { ...VERIFICATION_DEFAULTS, ...tuning } } });
    t = app;
    const user = await seedUser(app.app, app.orgId);
    const token = async () => seedToken(app.app, app.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] });
    const verify = async (secret: string) => {
      const response = await app.app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: bearer(app.adminKey), payload: { token: secret, route: '/tuning' } });
      expect(response.json()).toMatchObject({ code: 'VALID' });
    };
    const usageRows = async (tokenId: string) => (await app.app.core.database.db.selectFrom('usage_events').select('count').where('token_id', '=', tokenId).execute()).length;
    return { app, token, verify, usageRows, misses: () => app.app.core.services.verification.cacheStats().misses };
  };

  it('TOKENWARD_VERIFY_CACHE_MAX bounds the cache: with 2 entries (the verifier key and one token), alternating tokens miss', async () => {
    const { token, verify, misses } = await start({ cacheMax: 2 });
    const [a, b] = [await token(), await token()];
    const before = misses();
    await verify(a.secret); // the verifier key and A are loaded
    await verify(b.secret); // B evicts A, the least recently used
    await verify(a.secret); // A again: loaded again
    expect(misses() - before).toBe(4);
  });

  it('TOKENWARD_USAGE_FLUSH_MS sets the write-behind window, TOKENWARD_USAGE_FLUSH_MAX_EVENTS flushes early when reached', async () => {
    // A 10 s window and a large batch: nothing is written 1.5 s later (the default window is 1 s).
    const slow = await start({ usageFlushMs: 10_000, usageFlushMaxEvents: 1000 });
    const quiet = await slow.token();
    await slow.verify(quiet.secret);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await slow.usageRows(quiet.token.id)).toBe(0);
    await slow.app.close();
    t = undefined;

    // The same window, but a batch of 1: the first event is written without waiting for it.
    const eager = await start({ usageFlushMs: 10_000, usageFlushMaxEvents: 1 });
    const busy = await eager.token();
    await eager.verify(busy.secret);
    const deadline = Date.now() + 5000;
    while ((await eager.usageRows(busy.token.id)) === 0) {
      if (Date.now() > deadline) throw new Error('the usage event was not flushed early');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
});
