/**
 * What verification reads on a cache miss (issue #7): the token by digest, through the token
 * store's one digest look-up (so the policies work's rotation grace applies here too), and its
 * owner's name, e-mail and whether they may still use tokens. Two indexed point reads.
 */
import type { Kysely } from 'kysely';
import type { Token } from '../domain/models.js';
import type { OwnerSnapshot } from '../domain/verification.js';
import type { Database } from './schema.js';
import { createTokenStore } from './token-store.js';

export interface VerificationRecord {
  token: Token;
  /** The stored digest, for the caller's constant-time comparison. */
  digest: string;
  owner: OwnerSnapshot | null;
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
      if (!user) return { type: 'user', id: token.owner.id, name: '', email: '', isActive: false };
      return { type: 'user', id: user.id, name: user.name, email: user.email, isActive: user.status === 'active' };
    }
    const account = await db
      .selectFrom('service_accounts')
      .select(['id', 'display_name', 'email', 'status', 'deleted_at'])
      .where('org_id', '=', token.orgId)
      .where('id', '=', token.owner.id)
      .executeTakeFirst();
    if (!account) return { type: 'service_account', id: token.owner.id, name: '', email: '', isActive: false };
    return {
      type: 'service_account',
      id: account.id,
      name: account.display_name,
      email: account.email,
      isActive: account.status === 'ACTIVE' && account.deleted_at === null,
    };
  }

  return {
    /**
     * A rotated-away secret (issue #6) is found during its grace period only, and its record
     * expires when the grace period ends, so a cached snapshot of it stops verifying then too.
     */
    async findForVerification(digest: string, now: Date): Promise<VerificationRecord | null> {
      const found = await tokens.findBySecretDigest(digest, now);
      if (!found) return null;
      const { token, graceUntil } = found;
      const expiresAt = graceUntil && (token.expiresAt === null || graceUntil < token.expiresAt) ? graceUntil : token.expiresAt;
      return { token: { ...token, expiresAt }, digest: found.digest, owner: await ownerOf(token) };
    },
  };
}

export type VerificationQueries = ReturnType<typeof createVerificationQueries>;
