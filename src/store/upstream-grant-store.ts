/**
 * Members' upstream OAuth grants (the gateway's delegated mode). Token columns hold sealed values;
 * this store neither seals nor opens them. Every write bumps `version`: the refresh claim and its
 * completion are compare-and-swaps on it, so two nodes never both spend one refresh token.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface UpstreamGrantRow {
  id: string;
  orgId: string;
  userId: string;
  upstream: string;
  subject: string | null;
  status: 'active' | 'reconnect';
  refreshTokenSealed: string | null;
  accessTokenSealed: string | null;
  accessExpiresAtMs: number | null;
  refreshClaimedUntilMs: number | null;
  version: number;
}

export interface IssuedTokens {
  accessTokenSealed: string;
  accessExpiresAtMs: number | null;
  refreshTokenSealed: string | null;
}

export function createUpstreamGrantStore(db: Kysely<Database>) {
  const byMember = (orgId: string, userId: string, upstream: string) =>
    db.selectFrom('upstream_grants').selectAll().where('org_id', '=', orgId).where('user_id', '=', userId).where('upstream', '=', upstream);

  return {
    async find(orgId: string, userId: string, upstream: string): Promise<UpstreamGrantRow | null> {
      const row = await byMember(orgId, userId, upstream).executeTakeFirst();
      if (!row) return null;
      return {
        id: row.id,
        orgId: row.org_id,
        userId: row.user_id,
        upstream: row.upstream,
        subject: row.subject,
        status: row.status === 'active' ? 'active' : 'reconnect',
        refreshTokenSealed: row.refresh_token,
        accessTokenSealed: row.access_token,
        accessExpiresAtMs: row.access_expires_at === null ? null : Number(row.access_expires_at),
        refreshClaimedUntilMs: row.refresh_claimed_until === null ? null : Number(row.refresh_claimed_until),
        version: Number(row.version),
      };
    },

    /** A new connection replaces whatever the member had for this upstream. */
    async connect(grant: { id: string; orgId: string; userId: string; upstream: string; subject: string | null } & IssuedTokens, at: Date): Promise<void> {
      const values = {
        subject: grant.subject,
        status: 'active',
        refresh_token: grant.refreshTokenSealed,
        access_token: grant.accessTokenSealed,
        access_expires_at: grant.accessExpiresAtMs,
        refresh_claimed_until: null,
        updated_at: at.getTime(),
      };
      await db
        .insertInto('upstream_grants')
        .values({ id: grant.id, org_id: grant.orgId, user_id: grant.userId, upstream: grant.upstream, version: 1, created_at: at.getTime(), ...values })
        .onConflict((oc) => oc.columns(['org_id', 'user_id', 'upstream']).doUpdateSet((eb) => ({ ...values, version: eb('upstream_grants.version', '+', 1) })))
        .execute();
    },

    /** Claims the refresh if the grant is still at `version`; true when this caller won it. */
    async claimRefresh(id: string, version: number, untilMs: number): Promise<boolean> {
      const result = await db.updateTable('upstream_grants').set({ refresh_claimed_until: untilMs, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Stores the refreshed tokens, if the claim (`claimedVersion`) still holds. */
    async completeRefresh(id: string, claimedVersion: number, tokens: IssuedTokens, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('upstream_grants')
        .set({
          access_token: tokens.accessTokenSealed,
          access_expires_at: tokens.accessExpiresAtMs,
          ...(tokens.refreshTokenSealed ? { refresh_token: tokens.refreshTokenSealed } : {}),
          refresh_claimed_until: null,
          version: claimedVersion + 1,
          updated_at: at.getTime(),
        })
        .where('id', '=', id)
        .where('version', '=', claimedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Lets go of a claim after a refresh that failed for a passing reason (the next call tries again). */
    async releaseClaim(id: string, claimedVersion: number): Promise<void> {
      await db.updateTable('upstream_grants').set({ refresh_claimed_until: null, version: claimedVersion + 1 }).where('id', '=', id).where('version', '=', claimedVersion).execute();
    },

    /** The upstream refused the grant: the member must connect again. Tokens are dropped. */
    async requireReconnect(id: string, at: Date): Promise<void> {
      await db
        .updateTable('upstream_grants')
        .set((eb) => ({ status: 'reconnect', refresh_token: null, access_token: null, access_expires_at: null, refresh_claimed_until: null, version: eb('version', '+', 1), updated_at: at.getTime() }))
        .where('id', '=', id)
        .execute();
    },
  };
}

export type UpstreamGrantStore = ReturnType<typeof createUpstreamGrantStore>;
