/** Password hashes, kept apart from `users` so no user query can return one. */
import type { Kysely } from 'kysely';
import type { User } from '../domain/models.js';
import type { Database } from './schema.js';
import { toUser } from './user-store.js';

export interface SignInCandidate {
  user: User;
  passwordHash: string;
}

export function createCredentialStore(db: Kysely<Database>) {
  return {
    /** Sets (or replaces) the user's password hash. */
    async setPasswordHash(userId: string, passwordHash: string, at: Date): Promise<void> {
      await db
        .insertInto('user_credentials')
        .values({ user_id: userId, password_hash: passwordHash, updated_at: at.getTime() })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ password_hash: passwordHash, updated_at: at.getTime() }))
        .execute();
    },

    /**
     * Active users with a password whose e-mail matches (any case), in one query, across orgs
     * unless `orgId` is given: e-mails are unique per org only. At most `limit`.
     */
    async findSignInCandidates(email: string, orgId: string | undefined, limit: number): Promise<SignInCandidate[]> {
      let query = db
        .selectFrom('users')
        .innerJoin('user_credentials', 'user_credentials.user_id', 'users.id')
        .selectAll('users')
        .select('user_credentials.password_hash')
        .where('users.email_lower', '=', email.trim().toLowerCase())
        .where('users.status', '=', 'active');
      if (orgId !== undefined) query = query.where('users.org_id', '=', orgId);
      const rows = await query.orderBy('users.created_at').orderBy('users.id').limit(limit).execute();
      return rows.map((row) => ({ user: toUser(row), passwordHash: row.password_hash }));
    },

    /** Users with this e-mail (any case), any status, across orgs unless `orgId` is given. */
    async findUsersByEmail(email: string, orgId: string | undefined, limit: number): Promise<User[]> {
      let query = db.selectFrom('users').selectAll().where('email_lower', '=', email.trim().toLowerCase());
      if (orgId !== undefined) query = query.where('org_id', '=', orgId);
      const rows = await query.orderBy('created_at').orderBy('id').limit(limit).execute();
      return rows.map(toUser);
    },

    async hasPassword(userId: string): Promise<boolean> {
      const row = await db.selectFrom('user_credentials').select('user_id').where('user_id', '=', userId).executeTakeFirst();
      return row !== undefined;
    },
  };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;
