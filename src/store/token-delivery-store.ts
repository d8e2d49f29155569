/** One-time token deliveries: see TokenDeliveryTable in schema.ts. */
import type { Kysely, Selectable } from 'kysely';
import { toDate, toDateOrNull } from './rows.js';
import type { Database, TokenDeliveryTable } from './schema.js';

export interface TokenDelivery {
  id: string;
  orgId: string;
  tokenId: string;
  recipientUserId: string;
  requestId: string | null;
  expiresAt: Date;
  redeemedAt: Date | null;
  createdAt: Date;
}

function toDelivery(row: Selectable<TokenDeliveryTable>): TokenDelivery {
  return {
    id: row.id,
    orgId: row.org_id,
    tokenId: row.token_id,
    recipientUserId: row.recipient_user_id,
    requestId: row.request_id,
    expiresAt: toDate(row.expires_at),
    redeemedAt: toDateOrNull(row.redeemed_at),
    createdAt: toDate(row.created_at),
  };
}

export function createTokenDeliveryStore(db: Kysely<Database>) {
  return {
    async insert(delivery: TokenDelivery, linkDigest: string | null): Promise<void> {
      await db
        .insertInto('token_deliveries')
        .values({
          id: delivery.id,
          org_id: delivery.orgId,
          token_id: delivery.tokenId,
          recipient_user_id: delivery.recipientUserId,
          request_id: delivery.requestId,
          link_digest: linkDigest,
          expires_at: delivery.expiresAt.getTime(),
          redeemed_at: null,
          created_at: delivery.createdAt.getTime(),
        })
        .execute();
    },

    async findByRequest(orgId: string, requestId: string): Promise<TokenDelivery | null> {
      const row = await db.selectFrom('token_deliveries').selectAll().where('org_id', '=', orgId).where('request_id', '=', requestId).executeTakeFirst();
      return row ? toDelivery(row) : null;
    },

    /** With the stored digest, for a constant-time compare by the caller. */
    async findByLinkDigest(linkDigest: string): Promise<{ delivery: TokenDelivery; linkDigest: string } | null> {
      const row = await db.selectFrom('token_deliveries').selectAll().where('link_digest', '=', linkDigest).executeTakeFirst();
      return row?.link_digest ? { delivery: toDelivery(row), linkDigest: row.link_digest } : null;
    },

    /** Marks it redeemed if nobody did before: false when another retrieval won (exactly once). */
    async redeem(id: string, at: Date): Promise<boolean> {
      const result = await db.updateTable('token_deliveries').set({ redeemed_at: at.getTime() }).where('id', '=', id).where('redeemed_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
  };
}

export type TokenDeliveryStore = ReturnType<typeof createTokenDeliveryStore>;
