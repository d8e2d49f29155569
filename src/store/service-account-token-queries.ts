/**
 * Token queries of the service-account endpoints (SA1, SA2, T4, T5, SA6). Kept apart from
 * token-store.ts, whose user-token queries another branch grows. Every query here is one statement
 * for any number of accounts: lists join the owning account, counts group by it (no N+1).
 */
import { sql, type Kysely } from 'kysely';
import type { ServiceAccount, Token } from '../domain/models.js';
import type { Database } from './schema.js';
import { toServiceAccount } from './service-account-store.js';
import { revocationColumns } from './rows.js';
import { toToken } from './token-store.js';
import { escapeLike } from '../domain/like-pattern.js';

export interface ServiceAccountTokenFilter {
  /** Only this account's tokens; unset: every service account of the org. */
  serviceAccountId?: string | undefined;
  /**
   * Case-insensitive (ASCII) substring of the label; unset or empty: no filter. our reading for SA1/SA2's
   * `tokenLabel`: a substring, like T1's `q`, since admins search by a fragment of a label.
   */
  labelContains?: string | undefined;
}

/** `%`, `_` and the escape character itself match literally inside a LIKE pattern escaped with `\`. */
function likeContains(text: string): string {
  return `%${escapeLike(text.toLowerCase())}%`;
}

export function createServiceAccountTokenQueries(db: Kysely<Database>) {
  return {
    /**
     * Unrevoked tokens of the org's live service accounts with their account, oldest first. Revoked
     * tokens are left out: Atlassian deletes a revoked token, so its lists never show one.
     */
    async listUnrevoked(orgId: string, filter: ServiceAccountTokenFilter): Promise<Array<{ token: Token; account: ServiceAccount }>> {
      let query = db
        .selectFrom('tokens')
        .innerJoin('service_accounts as sa', 'sa.id', 'tokens.owner_service_account_id')
        .selectAll('tokens')
        .select([
          'sa.id as sa_id',
          'sa.org_id as sa_org_id',
          'sa.email as sa_email',
          'sa.display_name as sa_display_name',
          'sa.description as sa_description',
          'sa.picture as sa_picture',
          'sa.status as sa_status',
          'sa.created_by_id as sa_created_by_id',
          'sa.created_at as sa_created_at',
          'sa.updated_at as sa_updated_at',
        ])
        .where('tokens.org_id', '=', orgId)
        .where('tokens.kind', '=', 'service_account')
        .where('tokens.status', '!=', 'revoked')
        .where('sa.org_id', '=', orgId)
        .where('sa.deleted_at', 'is', null);
      if (filter.serviceAccountId !== undefined) query = query.where('tokens.owner_service_account_id', '=', filter.serviceAccountId);
      if (filter.labelContains) {
        const pattern = likeContains(filter.labelContains);
        query = query.where(sql<boolean>`lower(${sql.ref('tokens.label')}) like ${pattern} escape '\\'`);
      }
      const rows = await query.orderBy('tokens.created_at').orderBy('tokens.id').execute();
      return rows.map((row) => ({
        token: toToken(row),
        account: toServiceAccount({
          id: row.sa_id,
          org_id: row.sa_org_id,
          email: row.sa_email,
          display_name: row.sa_display_name,
          description: row.sa_description,
          picture: row.sa_picture,
          status: row.sa_status,
          created_by_id: row.sa_created_by_id,
          created_at: row.sa_created_at,
          updated_at: row.sa_updated_at,
        }),
      }));
    },

    /** Unrevoked tokens per account, for the given accounts of the org; accounts without any are absent. */
    async countUnrevokedByAccount(orgId: string, serviceAccountIds: readonly string[]): Promise<Map<string, number>> {
      if (serviceAccountIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('tokens')
        .select(['owner_service_account_id as id', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('org_id', '=', orgId)
        .where('kind', '=', 'service_account')
        .where('status', '!=', 'revoked')
        .where('owner_service_account_id', 'in', [...serviceAccountIds])
        .groupBy('owner_service_account_id')
        .execute();
      return new Map(rows.flatMap((r) => (r.id === null ? [] : [[r.id, Number(r.n)] as const])));
    },

    /** Revokes every unrevoked token of one account in one statement; returns how many it revoked. */
    async revokeAllOfAccount(orgId: string, serviceAccountId: string, by: string | null, reason: string, at: Date): Promise<number> {
      const result = await db
        .updateTable('tokens')
        .set(revocationColumns(by, reason, at))
        .where('org_id', '=', orgId)
        .where('owner_service_account_id', '=', serviceAccountId)
        .where('status', '!=', 'revoked')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}

export type ServiceAccountTokenQueries = ReturnType<typeof createServiceAccountTokenQueries>;
