/**
 * A second Tokenward playing "Atlassian" for connector tests: it serves the same admin API, so a
 * connector points at it. Filled in bulk through Kysely (10,000 tokens by HTTP would be slow).
 */
import { randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import { newId } from '../../src/domain/ids.js';
import { searchTextOf } from '../../src/domain/token-query.js';
import type { Database, TokenTable, UserTable } from '../../src/store/schema.js';
import type { Kysely } from 'kysely';
import { startTestApp, type TestApp } from './app.js';

export interface UpstreamFill {
  users: number;
  userTokens: number;
  serviceAccounts: number;
  tokensPerAccount: number;
  adminKeys: number;
  /** When the tokens were made and last used (ms); idle ones get `idleLastActiveMs`. */
  nowMs: number;
  /** Every `idleEvery`-th user token was last used at `idleLastActiveMs`. */
  idleEvery?: number;
  idleLastActiveMs?: number;
}

export interface FilledUpstream {
  userEmails: string[];
  userIds: string[];
  serviceAccountIds: string[];
}

const BATCH = 500;

function tokenRow(orgId: string, kind: string, label: string, createdAt: number, owner: { userId?: string; accountId?: string; name: string; email: string } | null): Insertable<TokenTable> {
  return {
    id: newId('tok'),
    org_id: orgId,
    kind,
    owner_user_id: owner?.userId ?? null,
    owner_service_account_id: owner?.accountId ?? null,
    label,
    digest: randomBytes(32).toString('hex'),
    display_prefix: 'twu_test',
    scopes: JSON.stringify(['read:jira-work']),
    status: 'active',
    created_at: createdAt,
    expires_at: createdAt + 365 * 86_400_000,
    last_active_at: createdAt,
    created_by: null,
    revoked_at: null,
    revoked_by: null,
    revoked_reason: null,
    search_text: searchTextOf(label, owner?.name ?? null, owner?.email ?? null),
    previous_digest: null,
    previous_digest_until: null,
    last_active_ip: null,
  };
}

export async function fillUpstream(db: Kysely<Database>, orgId: string, fill: UpstreamFill): Promise<FilledUpstream> {
  const users: Array<Insertable<UserTable>> = [];
  for (let i = 0; i < fill.users; i += 1) {
    const email = `person${i}@upstream.test`;
    users.push({ id: newId('usr'), org_id: orgId, email, email_lower: email, name: `Person ${i}`, role: 'member', account_type: 'managed', status: 'active', created_at: fill.nowMs, updated_at: fill.nowMs });
  }
  for (let i = 0; i < users.length; i += BATCH) await db.insertInto('users').values(users.slice(i, i + BATCH)).execute();
  const rows: Array<Insertable<TokenTable>> = [];
  for (let i = 0; i < fill.userTokens; i += 1) {
    const user = users[i % users.length]!;
    const row = tokenRow(orgId, 'user', `script ${i}`, fill.nowMs - (i % 1000) * 60_000, { userId: user.id, name: user.name, email: user.email });
    if (fill.idleEvery && i % fill.idleEvery === 0) row.last_active_at = fill.idleLastActiveMs ?? fill.nowMs;
    rows.push(row);
  }
  const accountIds: string[] = [];
  for (let a = 0; a < fill.serviceAccounts; a += 1) {
    const id = newId('sa');
    const email = `${id.toLowerCase()}@serviceaccount.upstream.test`;
    accountIds.push(id);
    await db
      .insertInto('service_accounts')
      .values({ id, org_id: orgId, email, display_name: `Bot ${a}`, description: null, picture: null, status: 'ACTIVE', created_by_id: null, created_at: fill.nowMs, updated_at: fill.nowMs, deleted_at: null, deleted_by: null })
      .execute();
    for (let t = 0; t < fill.tokensPerAccount; t += 1) rows.push(tokenRow(orgId, 'service_account', `bot ${a} key ${t}`, fill.nowMs, { accountId: id, name: `Bot ${a}`, email }));
  }
  for (let k = 0; k < fill.adminKeys; k += 1) rows.push(tokenRow(orgId, 'admin_key', `admin key ${k}`, fill.nowMs, null));
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto('tokens').values(rows.slice(i, i + BATCH)).execute();
  return { userEmails: users.map((u) => u.email), userIds: users.map((u) => u.id as string), serviceAccountIds: accountIds };
}

/** A second Tokenward on loopback playing "Atlassian" (SQLite), filled as asked. */
export async function startFilledUpstream(fill: Omit<UpstreamFill, 'nowMs'> & { nowMs?: number }): Promise<{ app: TestApp; url: string; filled: FilledUpstream }> {
  const app = await startTestApp('sqlite', { config: { rateLimitMax: 100_000 } });
  const url = await app.app.listen();
  const filled = await fillUpstream(app.app.core.database.db, app.orgId, { nowMs: Date.now(), ...fill });
  return { app, url, filled };
}
