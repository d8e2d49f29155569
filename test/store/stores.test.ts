import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId, newOrgId } from '../../src/domain/ids.js';
import type { Token, User } from '../../src/domain/models.js';
import { digestToken } from '../../src/domain/token-digest.js';
import { generateToken } from '../../src/domain/token-format.js';
import { migrateToLatest, type DatabaseHandle } from '../../src/store/db.js';
import { createStores, type Stores } from '../../src/store/stores.js';
import { DIALECTS, openMigratedTestDatabase } from '../support/databases.js';

const pepper = Buffer.from('p'.repeat(32));
const t0 = new Date('2026-01-01T00:00:00.000Z');

function tokenFor(orgId: string, owner: User | null, overrides: Partial<Token> = {}): { token: Token; digest: string; secret: string } {
  const generated = generateToken(owner ? 'user' : 'admin_key');
  const token: Token = {
    id: newId('tok'),
    orgId,
    kind: owner ? 'user' : 'admin_key',
    owner: owner ? { type: 'user', id: owner.id } : null,
    label: 'ci',
    displayPrefix: generated.displayPrefix,
    scopes: ['read:jira-work'],
    status: 'active',
    createdAt: t0,
    expiresAt: new Date('2027-01-01T00:00:00.000Z'),
    lastActiveAt: null,
    createdBy: null,
    revokedAt: null,
    revokedBy: null,
    revokedReason: null,
    ...overrides,
  };
  return { token, digest: digestToken(pepper, generated.secret), secret: generated.secret };
}

describe.each(DIALECTS)('stores on %s', (dialect) => {
  let handle: DatabaseHandle;
  let close: () => Promise<void>;
  let stores: Stores;
  const orgId = newOrgId();
  let user: User;

  beforeAll(async () => {
    const opened = await openMigratedTestDatabase(dialect);
    handle = opened.handle;
    close = opened.close;
    stores = createStores(handle.db);
    await stores.organizations.insert({ id: orgId, name: 'acme', createdAt: t0 });
    user = { id: newId('usr'), orgId, email: 'Ada@Example.com', name: 'Ada', role: 'member', accountType: 'managed', status: 'active', createdAt: t0, updatedAt: t0 };
    await stores.users.insert(user);
  });
  afterAll(async () => close());

  it('runs on the dialect it says', () => {
    expect(handle.dialect).toBe(dialect);
  });

  it('migrates idempotently', async () => {
    expect(await migrateToLatest(handle)).toEqual([]);
  });

  it('finds users by id, by e-mail in any case, and many at once', async () => {
    expect(await stores.users.findById(orgId, user.id)).toEqual(user);
    expect((await stores.users.findByEmail(orgId, 'ada@EXAMPLE.com'))?.id).toBe(user.id);
    expect((await stores.users.findByIds(orgId, [user.id, user.id, 'usr_missing'])).size).toBe(1);
    await expect(stores.users.insert({ ...user, id: newId('usr'), email: 'ADA@example.com' })).rejects.toThrow();
  });

  it('stores each event payload of a batch as the JSON text of the payload, byte for byte', async () => {
    const payloads = [
      { token: { id: 'tok_1', label: 'caf\u00e9 \u2603 "quoted" back\\slash', expiresAt: null }, reason: 'line\nbreak\ttab' },
      { token: { id: 'tok_2', label: 'nul\u0000inside \ud83d\ude00' }, count: 2.5, list: [1, { deep: [true, false] }] },
      { token: { id: 'tok_3', label: 'half a pair \ud83d, and \\ud83d as text' } },
    ];
    // Apart, as a batch with a NUL character or half a surrogate pair is sent another way on PostgreSQL.
    for (const payload of payloads) await stores.events.recordMany([{ orgId, type: 'token.revoked', payload, occurredAt: t0 } as never]);
    const stored = await handle.db.selectFrom('events').select(['payload']).where('org_id', '=', orgId).where('type', '=', 'token.revoked').execute();
    expect(stored.map((row) => row.payload).sort()).toEqual(payloads.map((payload) => JSON.stringify(payload)).sort());
  });

  it('stores a token by digest only and reads it back whole', async () => {
    const { token, digest, secret } = tokenFor(orgId, user);
    await stores.tokens.insert(token, digest);
    const found = await stores.tokens.findByDigest(digest);
    expect(found?.token).toEqual(token);
    expect(JSON.stringify(found)).not.toContain(secret);
    expect(await stores.tokens.findByDigest(digestToken(pepper, generateToken('user').secret))).toBeNull();
    expect(await stores.tokens.findById(orgId, token.id)).toEqual(token);
    expect(await stores.tokens.findById(newOrgId(), token.id)).toBeNull();
  });

  it('refuses a second token with the same digest', async () => {
    const first = tokenFor(orgId, user);
    await stores.tokens.insert(first.token, first.digest);
    await expect(stores.tokens.insert({ ...first.token, id: newId('tok') }, first.digest)).rejects.toThrow();
  });

  it('pages by keyset (created_at, id) with no gaps or repeats, and revokes once', async () => {
    const other = newOrgId();
    await stores.organizations.insert({ id: other, name: 'other', createdAt: t0 });
    const ids: string[] = [];
    for (let i = 0; i < 7; i += 1) {
      // Three share a timestamp, so the id breaks the tie.
      const { token, digest } = tokenFor(other, null, { createdAt: new Date(t0.getTime() + Math.floor(i / 3) * 1000) });
      await stores.tokens.insert(token, digest);
      ids.push(token.id);
    }
    const seen: string[] = [];
    let after: { createdAtMs: number; id: string } | undefined;
    for (;;) {
      const page = await stores.tokens.listByKind(other, 'admin_key', { after, limit: 3 });
      seen.push(...page.items.map((t) => t.id));
      if (!page.hasMore) break;
      const last = page.items.at(-1)!;
      after = { createdAtMs: last.createdAt.getTime(), id: last.id };
    }
    expect(seen.sort()).toEqual([...ids].sort());
    expect(await stores.tokens.revoke(other, ids[0]!, 'usr_x', 'leaked', t0)).toBe(true);
    expect(await stores.tokens.revoke(other, ids[0]!, 'usr_x', 'again', t0)).toBe(false);
    expect(await stores.tokens.findById(other, ids[0]!)).toMatchObject({ status: 'revoked', revokedBy: 'usr_x', revokedReason: 'leaked', revokedAt: t0 });
  });

  it('claims a setting once', async () => {
    expect(await stores.settings.insertIfAbsent('k', 'v1')).toBe(true);
    expect(await stores.settings.insertIfAbsent('k', 'v2')).toBe(false);
    expect(await stores.settings.get('k')).toBe('v1');
    expect(await stores.settings.get('missing')).toBeNull();
  });

  it('appends audit entries in order, newest first when listed', async () => {
    for (const action of ['a.one', 'a.two']) {
      await stores.audit.append({ id: newId('aud'), orgId, at: t0, actorType: 'system', actorId: null, action, targetType: null, targetId: null, ip: '127.0.0.1', details: { n: 1 } });
    }
    const entries = await stores.audit.listRecent(orgId, 2);
    expect(entries.map((e) => e.action)).toEqual(['a.two', 'a.one']);
    expect(entries[0]?.details).toEqual({ n: 1 });
  });

  it('rolls back a failed transaction as a whole', async () => {
    const { token, digest } = tokenFor(orgId, user);
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await createStores(trx).tokens.insert(token, digest);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await stores.tokens.findById(orgId, token.id)).toBeNull();
  });
});
