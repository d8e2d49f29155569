/** Token requests, the approval queue. */
import type { Expression, Kysely, Selectable, SqlBool } from 'kysely';
import type { TokenRequest, TokenRequestStatus } from '../domain/token-request.js';
import { keysetCondition, keysetDirection, keysetResult, type KeysetRequest, type KeysetResult } from './keyset.js';
import { parseJsonArray, toDate, toDateOrNull } from './rows.js';
import type { Database, TokenRequestTable } from './schema.js';

function toRequest(row: Selectable<TokenRequestTable>): TokenRequest {
  return {
    id: row.id,
    orgId: row.org_id,
    requesterId: row.requester_id,
    label: row.label,
    scopes: parseJsonArray(row.scopes),
    lifetimeDays: row.lifetime_days,
    justification: row.justification,
    policyId: row.policy_id,
    status: row.status as TokenRequestStatus,
    decidedBy: row.decided_by,
    decidedAt: toDateOrNull(row.decided_at),
    decisionReason: row.decision_reason,
    grantedScopes: row.granted_scopes === null ? null : parseJsonArray(row.granted_scopes),
    grantedLifetimeDays: row.granted_lifetime_days,
    tokenId: row.token_id,
    createdAt: toDate(row.created_at),
    purpose: row.purpose ?? null,
    tags: row.tags ? parseJsonArray(row.tags) : [],
  };
}

export function createTokenRequestStore(db: Kysely<Database>) {
  return {
    async insert(request: TokenRequest): Promise<void> {
      await db
        .insertInto('token_requests')
        .values({
          id: request.id,
          org_id: request.orgId,
          requester_id: request.requesterId,
          label: request.label,
          scopes: JSON.stringify(request.scopes),
          lifetime_days: request.lifetimeDays,
          justification: request.justification,
          policy_id: request.policyId,
          status: request.status,
          created_at: request.createdAt.getTime(),
          purpose: request.purpose ?? null,
          tags: JSON.stringify(request.tags ?? []),
        })
        .execute();
    },

    /** Who filed each of `ids` (one query); unknown ids are absent. */
    async requestersOf(ids: readonly string[]): Promise<Map<string, { orgId: string; requesterId: string }>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('token_requests').select(['id', 'org_id', 'requester_id']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, { orgId: r.org_id, requesterId: r.requester_id }]));
    },

    async findById(orgId: string, id: string): Promise<TokenRequest | null> {
      const row = await db.selectFrom('token_requests').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toRequest(row) : null;
    },

    /**
     * Records a decision if the request is still pending; false when another decision won the race
     * (the status condition makes the update the arbiter).
     */
    async decide(
      orgId: string,
      id: string,
      decision: { status: 'approved' | 'denied'; decidedBy: string | null; at: Date; reason: string | null; grantedScopes?: string[]; grantedLifetimeDays?: number; tokenId?: string },
    ): Promise<boolean> {
      const result = await db
        .updateTable('token_requests')
        .set({
          status: decision.status,
          decided_by: decision.decidedBy,
          decided_at: decision.at.getTime(),
          decision_reason: decision.reason,
          granted_scopes: decision.grantedScopes ? JSON.stringify(decision.grantedScopes) : null,
          granted_lifetime_days: decision.grantedLifetimeDays ?? null,
          token_id: decision.tokenId ?? null,
        })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** The requester withdraws a pending request; false when it is not theirs or no longer pending. */
    async cancel(orgId: string, id: string, requesterId: string, at: Date): Promise<boolean> {
      const result = await db
        .updateTable('token_requests')
        .set({ status: 'cancelled', decided_by: requesterId, decided_at: at.getTime() })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('requester_id', '=', requesterId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /**
     * A keyset page of the org's requests (oldest first), optionally of one status or one requester,
     * or (`routed`) only those a condition on the requester admits, never the approver's own.
     */
    async list(
      orgId: string,
      filter: { status?: TokenRequestStatus | undefined; requesterId?: string | undefined; routed?: { approverId: string; condition: Expression<SqlBool> } | undefined },
      page: KeysetRequest,
    ): Promise<KeysetResult<TokenRequest>> {
      let query = db.selectFrom('token_requests').selectAll().where('org_id', '=', orgId);
      if (filter.status) query = query.where('status', '=', filter.status);
      if (filter.requesterId) query = query.where('requester_id', '=', filter.requesterId);
      if (filter.routed) query = query.where('requester_id', '<>', filter.routed.approverId).where(filter.routed.condition);
      const condition = keysetCondition('token_requests', page);
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      return keysetResult(rows, page, toRequest);
    },
  };
}

export type TokenRequestStore = ReturnType<typeof createTokenRequestStore>;
