/**
 * Per-token controls (migration 0013): a token's purpose and tags, and an admin's suspension. One
 * row per token that has any; loaded for a page of tokens in one query.
 */
import type { Kysely, Selectable } from 'kysely';
import { parseJsonArray, toDateOrNull } from './rows.js';
import type { Database, TokenControlTable } from './schema.js';

export interface TokenControls {
  tokenId: string;
  purpose: string | null;
  tags: string[];
  /** An admin's suspension; null when none (a deactivated owner's suspension is not one). */
  suspension: { at: Date; by: string | null; reason: string } | null;
}

export const NO_CONTROLS = (tokenId: string): TokenControls => ({ tokenId, purpose: null, tags: [], suspension: null });

function toControls(row: Selectable<TokenControlTable>): TokenControls {
  return {
    tokenId: row.token_id,
    purpose: row.purpose,
    tags: parseJsonArray(row.tags),
    suspension: row.suspended_at === null ? null : { at: toDateOrNull(row.suspended_at)!, by: row.suspended_by, reason: row.suspend_reason ?? '' },
  };
}

export function createTokenControlStore(db: Kysely<Database>) {
  async function upsert(orgId: string, tokenId: string, set: Partial<Omit<TokenControlTable, 'token_id' | 'org_id'>>, at: Date): Promise<void> {
    const values = { token_id: tokenId, org_id: orgId, tags: '[]', ...set, updated_at: at.getTime() };
    await db
      .insertInto('token_controls')
      .values(values)
      .onConflict((oc) => oc.column('token_id').doUpdateSet({ ...set, updated_at: at.getTime() }))
      .execute();
  }

  return {
    async find(tokenId: string): Promise<TokenControls | null> {
      const row = await db.selectFrom('token_controls').selectAll().where('token_id', '=', tokenId).executeTakeFirst();
      return row ? toControls(row) : null;
    },

    /** The controls of many tokens (one query); tokens without a row are absent from the map. */
    async findMany(tokenIds: readonly string[]): Promise<Map<string, TokenControls>> {
      if (tokenIds.length === 0) return new Map();
      const rows = await db.selectFrom('token_controls').selectAll().where('token_id', 'in', [...tokenIds]).execute();
      return new Map(rows.map((row) => [row.token_id, toControls(row)]));
    },

    setPurpose(orgId: string, tokenId: string, purpose: string | null, tags: readonly string[], at: Date): Promise<void> {
      return upsert(orgId, tokenId, { purpose, tags: JSON.stringify(tags) }, at);
    },

    setSuspension(orgId: string, tokenId: string, suspension: { by: string | null; reason: string } | null, at: Date): Promise<void> {
      return upsert(
        orgId,
        tokenId,
        suspension ? { suspended_at: at.getTime(), suspended_by: suspension.by, suspend_reason: suspension.reason } : { suspended_at: null, suspended_by: null, suspend_reason: null },
        at,
      );
    },
  };
}

export type TokenControlStore = ReturnType<typeof createTokenControlStore>;
