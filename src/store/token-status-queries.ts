/**
 * Bulk status changes of a user's tokens, for deactivation and reactivation. Kept out of
 * token-store.ts so the directory work and the token work change different files.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export function createTokenStatusQueries(db: Kysely<Database>) {
  return {
    /** active -> suspended for every token the user owns; revoked and suspended ones are left alone. */
    async suspendActiveUserTokens(orgId: string, userId: string): Promise<number> {
      const result = await db
        .updateTable('tokens')
        .set({ status: 'suspended' })
        .where('org_id', '=', orgId)
        .where('owner_user_id', '=', userId)
        .where('status', '=', 'active')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /**
     * suspended -> active. Expiry is a date, not a status, so an expired token comes back still
     * expired; revoked tokens are never touched.
     */
    async restoreSuspendedUserTokens(orgId: string, userId: string): Promise<number> {
      const result = await db
        .updateTable('tokens')
        .set({ status: 'active' })
        .where('org_id', '=', orgId)
        .where('owner_user_id', '=', userId)
        .where('status', '=', 'suspended')
        // A token an admin suspended stays suspended until an admin resumes it.
        .where('id', 'not in', db.selectFrom('token_controls').select('token_id').where('org_id', '=', orgId).where('suspended_at', 'is not', null))
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    /** One token from one status to another; false when it was not in `from`. */
    async setTokenStatus(orgId: string, tokenId: string, from: 'active' | 'suspended', to: 'active' | 'suspended'): Promise<boolean> {
      const result = await db.updateTable('tokens').set({ status: to }).where('org_id', '=', orgId).where('id', '=', tokenId).where('status', '=', from).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type TokenStatusQueries = ReturnType<typeof createTokenStatusQueries>;
