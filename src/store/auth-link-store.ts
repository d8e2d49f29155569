/** One-time links: invite, password reset, owner setup; found by the digest of their secret. */
import type { Kysely } from 'kysely';
import type { LinkKind, StoredLink } from '../domain/sign-in.js';
import type { Database } from './schema.js';

export interface NewLink extends StoredLink {
  digest: string;
  createdAt: Date;
  createdBy: string | null;
}

export function createAuthLinkStore(db: Kysely<Database>) {
  return {
    async insert(link: NewLink): Promise<void> {
      await db
        .insertInto('auth_links')
        .values({
          id: link.id,
          digest: link.digest,
          kind: link.kind,
          org_id: link.orgId,
          user_id: link.userId,
          created_at: link.createdAt.getTime(),
          expires_at: link.expiresAt.getTime(),
          used_at: null,
          created_by: link.createdBy,
        })
        .execute();
    },

    async findByDigest(digest: string): Promise<(StoredLink & { digest: string }) | null> {
      const row = await db.selectFrom('auth_links').selectAll().where('digest', '=', digest).executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        digest: row.digest,
        kind: row.kind as LinkKind,
        orgId: row.org_id,
        userId: row.user_id,
        expiresAt: new Date(row.expires_at),
        usedAt: row.used_at === null ? null : new Date(row.used_at),
      };
    },

    /**
     * Marks the link used if it still is not; true when this call did it. The `used_at is null`
     * condition makes redeeming race-free: of two concurrent redemptions only one updates the row.
     */
    async markUsed(id: string, at: Date): Promise<boolean> {
      const result = await db.updateTable('auth_links').set({ used_at: at.getTime() }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Spends every unused link of the user (of the given kinds, or all): older links die when a new one is made or a password is set. */
    async invalidateUnused(userId: string, kinds: readonly LinkKind[] | null, at: Date): Promise<number> {
      let query = db.updateTable('auth_links').set({ used_at: at.getTime() }).where('user_id', '=', userId).where('used_at', 'is', null);
      if (kinds) query = query.where('kind', 'in', [...kinds]);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type AuthLinkStore = ReturnType<typeof createAuthLinkStore>;
