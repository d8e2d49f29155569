/**
 * What verification reads on a cache miss: the token by digest, through the token
 * store's one digest look-up (so the policies work's rotation grace applies here too), and its
 * owner's name, e-mail, groups and whether they may still use tokens. Indexed point reads.
 */
import type { Kysely } from 'kysely';
import type { Token } from '../domain/models.js';
import type { UsageLimits } from '../domain/usage-limits.js';
import type { OwnerSnapshot } from '../domain/verification.js';
import type { Database } from './schema.js';
import { createTokenStore } from './token-store.js';
import { orgOfIdList } from './org-id-list.js';

export interface VerificationRecord {
  token: Token;
  /** The stored digest that matched, for the caller's constant-time comparison. */
  digest: string;
  owner: OwnerSnapshot | null;
  /** When the presented secret is the one a rotation replaced: the end of its grace period (ms, as stored). */
  matchesUntilMs: number | null;
  /** The token's expiry (ms, as stored): verification keeps every time in ms up to its answer. */
  expiresAtMs: number | null;
  /** The token's own rate limits and quota. */
  usageLimits: UsageLimits | null;
  /** The token's own IP allowlist; empty: none. */
  ipAllowlist: string[];
  /** The instance administrator disabled the token's org. */
  orgDisabled: boolean;
}

export function createVerificationQueries(db: Kysely<Database>) {
  const tokens = createTokenStore(db);

  async function ownerOf(token: Token): Promise<OwnerSnapshot | null> {
    if (!token.owner) return null;
    if (token.owner.type === 'user') {
      const user = await db
        .selectFrom('users')
        .select(['id', 'name', 'email', 'status'])
        .where('org_id', '=', token.orgId)
        .where('id', '=', token.owner.id)
        .executeTakeFirst();
      // A token whose owner row is gone cannot be used: treat the owner as inactive.
      if (!user) return { type: 'user', id: token.owner.id, name: '', email: '', groups: [], isActive: false };
      const groups = await db
        .selectFrom('group_members')
        .innerJoin('groups', 'groups.id', 'group_members.group_id')
        .select('groups.name')
        .where('group_members.user_id', '=', user.id)
        .where('groups.org_id', '=', token.orgId)
        .orderBy('groups.name')
        .execute();
      return { type: 'user', id: user.id, name: user.name, email: user.email, groups: groups.map((g) => g.name), isActive: user.status === 'active' };
    }
    const account = await db
      .selectFrom('service_accounts')
      .select(['id', 'display_name', 'email', 'status', 'deleted_at'])
      .where('org_id', '=', token.orgId)
      .where('id', '=', token.owner.id)
      .executeTakeFirst();
    if (!account) return { type: 'service_account', id: token.owner.id, name: '', email: '', groups: [], isActive: false };
    return {
      type: 'service_account',
      id: account.id,
      name: account.display_name,
      email: account.email,
      groups: [],
      isActive: account.status === 'ACTIVE' && account.deleted_at === null,
    };
  }

  return {
    /** Which of `ids` are tokens of the org (one query). */
    async tokenIdsOfOrg(orgId: string, ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await db.selectFrom('tokens').select('id').where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...ids]).execute();
      return new Set(rows.map((row) => row.id));
    },

    async findForVerification(digest: string, now: Date): Promise<VerificationRecord | null> {
      const found = await tokens.findBySecretDigest(digest, now);
      if (!found) return null;
      // The look-up found the previous secret only while its grace runs, and says until when.
      const matchesUntilMs = found.isPrevious ? found.graceUntilMs : null;
      const org = await db.selectFrom('organizations').select('disabled_at').where('id', '=', found.token.orgId).executeTakeFirst();
      const orgDisabled = org !== undefined && org.disabled_at !== null;
      return { token: found.token, digest: found.digest, owner: await ownerOf(found.token), matchesUntilMs, expiresAtMs: found.expiresAtMs, usageLimits: found.usageLimits, ipAllowlist: found.ipAllowlist, orgDisabled };
    },
  };
}

export type VerificationQueries = ReturnType<typeof createVerificationQueries>;
