/**
 * Token requests read from a connected system (GitHub's fine-grained token requests) and the
 * logins that link a connected system's people to directory users. A request is keyed by
 * (connector, upstream request id), so reading it again (a poll, a webhook, both) updates one row.
 */
import type { Kysely, Selectable } from 'kysely';
import type { ExternalRequest, ExternalRequestStatus, UpstreamDetails, UpstreamRequest } from '../domain/connectors.js';
import { newId } from '../domain/ids.js';
import { parseJsonArray, parseJsonObject, toDate, toDateOrNull } from './rows.js';
import type { Database, ExternalTokenRequestTable } from './schema.js';
import { orgOfIdList } from './org-id-list.js';

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toRequest(row: Selectable<ExternalTokenRequestTable>): ExternalRequest {
  return {
    id: row.id,
    orgId: row.org_id,
    connectorId: row.connector_id,
    externalId: row.external_id,
    upstreamTokenId: row.upstream_token_id,
    ownerUserId: row.owner_user_id,
    owner: row.owner_external_id === null ? null : { externalId: row.owner_external_id, name: row.owner_login ?? '', email: row.owner_email ?? '' },
    label: row.label,
    scopes: parseJsonArray(row.scopes),
    details: row.upstream_details ? (parseJsonObject(row.upstream_details) as UpstreamDetails) : null,
    justification: row.justification,
    createdAt: toDate(Number(row.created_at)),
    expiresAt: toDateOrNull(num(row.expires_at)),
    status: row.status as ExternalRequestStatus,
    policyId: row.policy_id,
    policyName: row.policy_name,
    policyReason: row.policy_reason,
    decidedBy: row.decided_by,
    decidedAt: toDateOrNull(num(row.decided_at)),
    decisionReason: row.decision_reason,
    upstreamStatus: num(row.upstream_status),
    upstreamAnswer: row.upstream_answer,
  };
}

const CHUNK = 500;

export interface RequestDecisionRecord {
  status: 'approved' | 'denied' | 'queued';
  policyId: string | null;
  policyName: string | null;
  policyReason: string;
  decidedBy: string | null;
  reason: string | null;
  upstreamStatus: number | null;
  upstreamAnswer: string | null;
}

export function createExternalRequestStore(db: Kysely<Database>) {
  return {
    /**
     * Inserts the requests not known yet (status pending) and refreshes the known ones' upstream
     * fields; returns the connector's rows of these ids after the write.
     */
    async upsertMany(orgId: string, connectorId: string, items: ReadonlyArray<{ request: UpstreamRequest; ownerUserId: string | null }>, at: Date): Promise<ExternalRequest[]> {
      const out: ExternalRequest[] = [];
      for (let i = 0; i < items.length; i += CHUNK) {
        const chunk = items.slice(i, i + CHUNK);
        const ids = chunk.map((c) => c.request.externalId);
        const known = new Set(
          (await db.selectFrom('external_token_requests').select('external_id').where('connector_id', '=', connectorId).where('external_id', 'in', ids).execute()).map((r) => r.external_id),
        );
        const columns = ({ request, ownerUserId }: { request: UpstreamRequest; ownerUserId: string | null }) => ({
          upstream_token_id: request.upstreamTokenId,
          owner_user_id: ownerUserId,
          owner_external_id: request.owner?.externalId ?? null,
          owner_login: request.owner?.name ?? null,
          owner_email: request.owner?.email || null,
          label: request.label.slice(0, 500),
          scopes: JSON.stringify(request.scopes),
          upstream_details: request.details ? JSON.stringify(request.details) : null,
          justification: request.justification?.slice(0, 2000) ?? null,
          created_at: request.createdAt.getTime(),
          expires_at: request.expiresAt?.getTime() ?? null,
          last_seen_at: at.getTime(),
        });
        const fresh = chunk.filter((c) => !known.has(c.request.externalId));
        if (fresh.length > 0) {
          await db
            .insertInto('external_token_requests')
            .values(
              fresh.map((c) => ({
                id: newId('xrq'),
                org_id: orgId,
                connector_id: connectorId,
                external_id: c.request.externalId,
                ...columns(c),
                status: 'pending',
                policy_id: null,
                policy_name: null,
                policy_reason: null,
                decided_by: null,
                decided_at: null,
                decision_reason: null,
                upstream_status: null,
                upstream_answer: null,
                first_seen_at: at.getTime(),
              })),
            )
            .execute();
        }
        for (const c of chunk.filter((c) => known.has(c.request.externalId))) {
          await db.updateTable('external_token_requests').set(columns(c)).where('connector_id', '=', connectorId).where('external_id', '=', c.request.externalId).execute();
        }
        const rows = await db.selectFrom('external_token_requests').selectAll().where('connector_id', '=', connectorId).where('external_id', 'in', ids).execute();
        out.push(...rows.map(toRequest));
      }
      return out;
    },

    /** Open requests (pending or queued) that a full read of the upstream no longer lists: decided or withdrawn there. */
    async closeUnlisted(connectorId: string, listedExternalIds: ReadonlySet<string>, at: Date, why: string): Promise<number> {
      const open = await db.selectFrom('external_token_requests').select(['id', 'external_id']).where('connector_id', '=', connectorId).where('status', 'in', ['pending', 'queued']).execute();
      const gone = open.filter((r) => !listedExternalIds.has(r.external_id)).map((r) => r.id);
      for (let i = 0; i < gone.length; i += CHUNK) {
        await db.updateTable('external_token_requests').set({ status: 'closed', decided_at: at.getTime(), decision_reason: why }).where('id', 'in', gone.slice(i, i + CHUNK)).execute();
      }
      return gone.length;
    },

    /** Closes one open request by its upstream id (the upstream said it was decided or withdrawn). */
    async closeByExternalId(connectorId: string, externalId: string, at: Date, why: string): Promise<boolean> {
      const result = await db
        .updateTable('external_token_requests')
        .set({ status: 'closed', decided_at: at.getTime(), decision_reason: why })
        .where('connector_id', '=', connectorId)
        .where('external_id', '=', externalId)
        .where('status', 'in', ['pending', 'queued'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Requests of the connectors in these statuses, oldest first (one query, whatever the number of connectors). */
    async listByStatus(connectorIds: string | readonly string[], statuses: readonly ExternalRequestStatus[], limit: number): Promise<ExternalRequest[]> {
      const ids = typeof connectorIds === 'string' ? [connectorIds] : [...connectorIds];
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('external_token_requests')
        .selectAll()
        .where('connector_id', 'in', ids)
        .where('status', 'in', [...statuses])
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toRequest);
    },

    async findMany(orgId: string, ids: readonly string[]): Promise<ExternalRequest[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('external_token_requests').selectAll().where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...ids]).execute();
      return rows.map(toRequest);
    },

    /**
     * Records a decision on requests still in `from` (a conditional update, so two deciders never
     * both win one request); returns the ids this caller moved.
     */
    async decide(ids: readonly string[], from: readonly ExternalRequestStatus[], record: RequestDecisionRecord, at: Date): Promise<string[]> {
      const moved: string[] = [];
      for (const id of ids) {
        const result = await db
          .updateTable('external_token_requests')
          .set({
            status: record.status,
            policy_id: record.policyId,
            policy_name: record.policyName,
            policy_reason: record.policyReason.slice(0, 1100),
            decided_by: record.decidedBy,
            decided_at: record.status === 'queued' ? null : at.getTime(),
            decision_reason: record.reason?.slice(0, 1100) ?? null,
            upstream_status: record.upstreamStatus,
            upstream_answer: record.upstreamAnswer?.slice(0, 600) ?? null,
          })
          .where('id', '=', id)
          .where('status', 'in', [...from])
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) moved.push(id);
      }
      return moved;
    },

    // Logins of people in connected systems.

    /** Directory users by lower-cased login in one connected system (one query). */
    async userIdsByLogin(orgId: string, system: string, logins: readonly string[]): Promise<Map<string, string>> {
      const wanted = [...new Set(logins.map((l) => l.toLowerCase()).filter((l) => l !== ''))];
      if (wanted.length === 0) return new Map();
      const rows = await db.selectFrom('external_user_links').select(['login_lower', 'user_id']).where('org_id', '=', orgId).where('system', '=', system).where('login_lower', 'in', wanted).execute();
      return new Map(rows.map((row) => [row.login_lower, row.user_id]));
    },

    /** Sets (or replaces) the login of users in a connected system. */
    async linkLogins(orgId: string, system: string, links: ReadonlyArray<{ login: string; userId: string }>, at: Date): Promise<void> {
      for (const link of links) {
        const login = link.login.toLowerCase();
        await db.deleteFrom('external_user_links').where('org_id', '=', orgId).where('system', '=', system).where((eb) => eb.or([eb('login_lower', '=', login), eb('user_id', '=', link.userId)])).execute();
        await db.insertInto('external_user_links').values({ org_id: orgId, system, login_lower: login, user_id: link.userId, created_at: at.getTime() }).execute();
      }
    },
  };
}

export type ExternalRequestStore = ReturnType<typeof createExternalRequestStore>;
