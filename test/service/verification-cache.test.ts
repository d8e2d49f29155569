/** The verification cache and the token change bus, without I/O. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkChange, parseTokenChange, type TokenChange } from '../../src/domain/token-change.js';
import type { TokenSnapshot } from '../../src/domain/verification.js';
import { createTokenChangeBus } from '../../src/service/token-change-bus.js';
import { createVerificationCache } from '../../src/service/verification-cache.js';

function snapshot(tokenId: string, orgId = 'org1', ownerId = 'usr_1'): TokenSnapshot {
  return {
    tokenId,
    orgId,
    kind: 'user',
    status: 'active',
    scopes: [],
    expiresAtMs: null,
    owner: { type: 'user', id: ownerId, name: 'n', email: 'e', groups: [], isActive: true },
    policy: null,
    limits: [],
    matchesUntilMs: null,
    ipAllowlist: [],
  };
}

describe('verification cache', () => {
  it('drops entries by token, by owner, by org, and everything on resync', () => {
    const cache = createVerificationCache({ max: 100, ttlMs: 60_000 });
    cache.set('d1', snapshot('t1', 'org1', 'u1'), cache.beginLoad());
    cache.set('d2', snapshot('t2', 'org1', 'u2'), cache.beginLoad());
    cache.set('d3', snapshot('t3', 'org2', 'u3'), cache.beginLoad());
    cache.set('d4', null, cache.beginLoad());
    cache.invalidate({ kind: 'tokens', orgId: 'org1', tokenIds: ['t1'] });
    expect(cache.get('d1')).toBeUndefined();
    expect(cache.get('d2')).toBeDefined();
    cache.invalidate({ kind: 'owner', orgId: 'org1', owner: { type: 'user', id: 'u2' } });
    expect(cache.get('d2')).toBeUndefined();
    cache.invalidate({ kind: 'org', orgId: 'org1' });
    expect(cache.get('d3')).toBeDefined();
    cache.invalidate({ kind: 'org', orgId: 'org2' });
    expect(cache.get('d3')).toBeUndefined();
    expect(cache.get('d4')).toEqual({ snapshot: null });
    cache.invalidate({ kind: 'resync' });
    expect(cache.size).toBe(0);
  });

  it('does not cache a load that an invalidation overtook (the revoke-during-load race)', () => {
    const cache = createVerificationCache({ max: 100, ttlMs: 60_000 });
    const epoch = cache.beginLoad();
    cache.invalidate({ kind: 'tokens', orgId: 'org1', tokenIds: ['t1'] });
    cache.set('d1', snapshot('t1'), epoch); // read before the revocation committed: stale
    expect(cache.get('d1')).toBeUndefined();
  });

  it('forgets entries after the TTL, and keeps at most `max`', async () => {
    const cache = createVerificationCache({ max: 2, ttlMs: 30 });
    for (const id of ['a', 'b', 'c']) cache.set(id, snapshot(id), cache.beginLoad());
    expect(cache.size).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cache.get('c')).toBeUndefined();
  });
});

describe('token change bus', () => {
  it('delivers locally at once and hands every change to the transport', async () => {
    const sent: TokenChange[] = [];
    let deliverRemote: (change: TokenChange) => void = () => undefined;
    const bus = createTokenChangeBus({
      transport: {
        name: 'test',
        start: async (deliver) => void (deliverRemote = deliver),
        publish: async (change) => void sent.push(change),
        close: async () => undefined,
      },
    });
    const seen: TokenChange[] = [];
    bus.subscribe((change) => seen.push(change));
    await bus.start();
    bus.tokensChanged('o', ['t1']);
    bus.tokensChanged('o', []); // nothing changed: nothing sent
    bus.orgChanged('o');
    deliverRemote({ kind: 'owner', orgId: 'o', owner: { type: 'user', id: 'u' } });
    expect(seen.map((c) => c.kind)).toEqual(['tokens', 'org', 'owner']);
    expect(sent.map((c) => c.kind)).toEqual(['tokens', 'org']);
    await bus.close();
  });

  it('parses only well-formed changes, and chunks round-trip', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const parsed = parseTokenChange(value);
        expect(parsed === null || typeof parsed.kind === 'string').toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 700 }), fc.integer({ min: 1, max: 300 }), (ids, max) => {
        const parts = chunkChange({ kind: 'tokens', orgId: 'o', tokenIds: ids }, max);
        expect(parts.flatMap((p) => (p.kind === 'tokens' ? [...p.tokenIds] : []))).toEqual(ids);
        for (const part of parts) expect(parseTokenChange(JSON.parse(JSON.stringify(part)))).toEqual(part);
      }),
    );
  });
});
