/** SCIM bearer tokens (migration 0006, docs/scim.md). Only digests are stored. */
import type { Kysely, Selectable } from 'kysely';
import type { ScimToken } from '../domain/scim-token.js';
import { keysetCondition, keysetDirection, keysetResult, type KeysetRequest, type KeysetResult } from './keyset.js';
import { toDate, toDateOrNull, toMsOrNull } from './rows.js';
import type { Database, ScimTokenTable } from './schema.js';

function toScimToken(row: Selectable<ScimTokenTable>): ScimToken {
  return {
    id: row.id,
    orgId: row.org_id,
    label: row.label,
    displayPrefix: row.display_prefix,
    createdAt: toDate(row.created_at),
    createdBy: row.created_by,
    expiresAt: toDateOrNull(row.expires_at),
    lastUsedAt: toDateOrNull(row.last_used_at),
    revokedAt: toDateOrNull(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

export function createScimTokenStore(db: Kysely<Database>) {
  return {
    async insert(token: ScimToken, digest: string): Promise<void> {
      await db
        .insertInto('scim_tokens')
        .values({
          id: token.id,
          org_id: token.orgId,
          label: token.label,
          digest,
          display_prefix: token.displayPrefix,
          created_at: token.createdAt.getTime(),
          created_by: token.createdBy,
          expires_at: toMsOrNull(token.expiresAt),
          last_used_at: toMsOrNull(token.lastUsedAt),
          revoked_at: toMsOrNull(token.revokedAt),
          revoked_by: token.revokedBy,
        })
        .execute();
    },

    /** The token and its stored digest, for a constant-time comparison by the caller. */
    async findByDigest(digest: string): Promise<{ token: ScimToken; digest: string } | null> {
      const row = await db.selectFrom('scim_tokens').selectAll().where('digest', '=', digest).executeTakeFirst();
      return row ? { token: toScimToken(row), digest: row.digest } : null;
    },

    async findById(orgId: string, id: string): Promise<ScimToken | null> {
      const row = await db.selectFrom('scim_tokens').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toScimToken(row) : null;
    },

    /** A keyset page of the org's SCIM tokens, oldest first, revoked ones included. */
    async list(orgId: string, page: KeysetRequest): Promise<KeysetResult<ScimToken>> {
      let query = db.selectFrom('scim_tokens').selectAll().where('org_id', '=', orgId);
      const condition = keysetCondition('scim_tokens', page);
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      return keysetResult(rows, page, toScimToken);
    },

    /** True when this call revoked it (it existed in the org and was not revoked yet). */
    async revoke(orgId: string, id: string, by: string | null, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('scim_tokens')
        .set({ revoked_at: at.getTime(), revoked_by: by })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async touchLastUsed(id: string, at: Date): Promise<void> {
      await db.updateTable('scim_tokens').set({ last_used_at: at.getTime() }).where('id', '=', id).execute();
    },
  };
}

export type ScimTokenStore = ReturnType<typeof createScimTokenStore>;
