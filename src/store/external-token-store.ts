/**
 * Tokens read from connected systems. A sync writes a page at a time: new tokens are inserted,
 * changed ones updated, and every token of the page is stamped with the run that saw it; when the
 * run has read every list, the connector's tokens it did not see are marked gone (kept, never
 * deleted). The unique (connector, kind, upstream id) key is what makes a re-read page harmless.
 */
import type { Kysely, Selectable } from 'kysely';
import { externalSearchTextOf, type ExternalToken, type ExternalTokenKind, type ExternalTokenStatus, type UpstreamDetails, type UpstreamToken } from '../domain/connectors.js';
import { newId } from '../domain/ids.js';
import { parseJsonArray, parseJsonObject, revocationColumns, toDate, toDateOrNull } from './rows.js';
import type { Database, ExternalTokenTable } from './schema.js';
import { orgOfIdList } from './org-id-list.js';

const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

export function toExternalToken(row: Selectable<ExternalTokenTable>): ExternalToken {
  return {
    id: row.id,
    orgId: row.org_id,
    connectorId: row.connector_id,
    kind: row.kind as ExternalTokenKind,
    externalId: row.external_id,
    ownerUserId: row.owner_user_id,
    owner: row.owner_external_id === null ? null : { externalId: row.owner_external_id, name: row.owner_name ?? '', email: row.owner_email ?? '' },
    label: row.label,
    scopes: parseJsonArray(row.scopes),
    status: row.status as ExternalTokenStatus,
    createdAt: toDate(Number(row.created_at)),
    expiresAt: toDateOrNull(num(row.expires_at)),
    lastActiveAt: toDateOrNull(num(row.last_active_at)),
    lastUsedIps: row.last_used_ips ? parseJsonArray(row.last_used_ips) : [],
    firstSeenAt: toDate(Number(row.first_seen_at)),
    goneAt: toDateOrNull(num(row.gone_at)),
    revokedAt: toDateOrNull(num(row.revoked_at)),
    revokedBy: row.revoked_by,
    revokedReason: row.revoked_reason,
    details: row.upstream_details ? (parseJsonObject(row.upstream_details) as UpstreamDetails) : null,
  };
}

/** Rows per INSERT: well under either dialect's limit on bound parameters. */
const INSERT_CHUNK = 500;

function upstreamColumns(token: UpstreamToken, ownerUserId: string | null) {
  return {
    owner_user_id: ownerUserId,
    owner_external_id: token.owner?.externalId ?? null,
    owner_name: token.owner?.name ?? null,
    owner_email: token.owner?.email ?? null,
    label: token.label,
    scopes: JSON.stringify(token.scopes),
    status: token.status,
    created_at: token.createdAt.getTime(),
    expires_at: token.expiresAt?.getTime() ?? null,
    last_active_at: token.lastActiveAt?.getTime() ?? null,
    last_used_ips: token.lastUsedIps && token.lastUsedIps.length > 0 ? JSON.stringify(token.lastUsedIps) : null,
    search_text: externalSearchTextOf(token.label, token.owner),
    gone_at: null,
    revoked_at: null,
    revoked_by: null,
    revoked_reason: null,
    upstream_details: token.details ? JSON.stringify(token.details) : null,
  };
}

export function createExternalTokenStore(db: Kysely<Database>) {
  return {
    /** The stored tokens of a page, by kind and upstream id (one query per kind). */
    async findByUpstreamIds(connectorId: string, tokens: readonly UpstreamToken[]): Promise<Map<string, ExternalToken>> {
      const found = new Map<string, ExternalToken>();
      const kinds = [...new Set(tokens.map((t) => t.kind))];
      for (const kind of kinds) {
        const ids = tokens.filter((t) => t.kind === kind).map((t) => t.externalId);
        for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
          const rows = await db
            .selectFrom('external_tokens')
            .selectAll()
            .where('connector_id', '=', connectorId)
            .where('kind', '=', kind)
            .where('external_id', 'in', ids.slice(i, i + INSERT_CHUNK))
            .execute();
          for (const row of rows) found.set(`${row.kind}:${row.external_id}`, toExternalToken(row));
        }
      }
      return found;
    },

    /** Directory users of the org by lower-cased e-mail (one query). */
    async userIdsByEmail(orgId: string, emails: readonly string[]): Promise<Map<string, string>> {
      const wanted = [...new Set(emails.map((e) => e.toLowerCase()).filter((e) => e !== ''))];
      if (wanted.length === 0) return new Map();
      const rows = await db.selectFrom('users').select(['id', 'email_lower']).where('org_id', '=', orgId).where('email_lower', 'in', wanted).execute();
      return new Map(rows.map((row) => [row.email_lower, row.id]));
    },

    async insertMany(
      orgId: string,
      connectorId: string,
      syncId: string,
      items: ReadonlyArray<{ token: UpstreamToken; ownerUserId: string | null }>,
      at: Date,
    ): Promise<ExternalToken[]> {
      const ms = at.getTime();
      const rows = items.map(({ token, ownerUserId }) => ({
        id: newId('ext'),
        org_id: orgId,
        connector_id: connectorId,
        kind: token.kind,
        external_id: token.externalId,
        ...upstreamColumns(token, ownerUserId),
        first_seen_at: ms,
        last_seen_at: ms,
        seen_sync_id: syncId,
        expiry_passed: 0,
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) await db.insertInto('external_tokens').values(rows.slice(i, i + INSERT_CHUNK)).execute();
      return rows.map((row) => toExternalToken(row));
    },

    async updateFromUpstream(id: string, token: UpstreamToken, ownerUserId: string | null, syncId: string, at: Date): Promise<void> {
      await db
        .updateTable('external_tokens')
        .set({ ...upstreamColumns(token, ownerUserId), last_seen_at: at.getTime(), seen_sync_id: syncId })
        .where('id', '=', id)
        .execute();
    },

    /** Stamps unchanged tokens as seen by this run (one statement per chunk). */
    async markSeen(ids: readonly string[], syncId: string, at: Date): Promise<void> {
      for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
        await db.updateTable('external_tokens').set({ seen_sync_id: syncId, last_seen_at: at.getTime() }).where('id', 'in', ids.slice(i, i + INSERT_CHUNK)).execute();
      }
    },

    /** Marks gone the connector's live tokens this run did not see; returns how many. */
    async markUnseenGone(connectorId: string, syncId: string, at: Date): Promise<number> {
      const result = await db
        .updateTable('external_tokens')
        .set({ status: 'revoked', gone_at: at.getTime(), revoked_at: at.getTime(), revoked_reason: 'no longer listed upstream' })
        .where('connector_id', '=', connectorId)
        .where('seen_sync_id', '<>', syncId)
        .where('status', '<>', 'revoked')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async find(orgId: string, id: string): Promise<ExternalToken | null> {
      const row = await db.selectFrom('external_tokens').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toExternalToken(row) : null;
    },

    async findMany(orgId: string, ids: readonly string[]): Promise<ExternalToken[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('external_tokens').selectAll().where(orgOfIdList(db, 'org_id', orgId)).where('id', 'in', [...ids]).execute();
      return rows.map(toExternalToken);
    },

    /** Live tokens of one upstream owner (by upstream id) on one connector. */
    async liveOfOwner(connectorId: string, ownerExternalId: string): Promise<ExternalToken[]> {
      const rows = await db
        .selectFrom('external_tokens')
        .selectAll()
        .where('connector_id', '=', connectorId)
        .where('owner_external_id', '=', ownerExternalId)
        .where('status', '<>', 'revoked')
        .execute();
      return rows.map(toExternalToken);
    },

    /** Live tokens of a connector in id order after `afterId`, a batch at a time. */
    async liveAfter(connectorId: string, afterId: string | null, limit: number): Promise<ExternalToken[]> {
      const rows = await db
        .selectFrom('external_tokens')
        .selectAll()
        .where('connector_id', '=', connectorId)
        .where('status', '<>', 'revoked')
        .$if(afterId !== null, (qb) => qb.where('id', '>', afterId!))
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toExternalToken);
    },

    /** Live tokens of a connector not used since `sinceMs` (never used: not created since), oldest first. */
    async idleOf(connectorId: string, sinceMs: number, limit: number): Promise<ExternalToken[]> {
      const rows = await db
        .selectFrom('external_tokens')
        .selectAll()
        .where('connector_id', '=', connectorId)
        .where('status', '<>', 'revoked')
        .where((eb) => eb(eb.fn.coalesce('last_active_at', 'created_at'), '<', sinceMs))
        .orderBy('created_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toExternalToken);
    },

    async markRevoked(ids: readonly string[], by: string | null, reason: string, at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db
        .updateTable('external_tokens')
        .set(revocationColumns(by, reason, at))
        .where('id', 'in', [...ids])
        .where('status', '<>', 'revoked')
        .execute();
    },

    /** Active user and service-account tokens of the org's connectors, oldest first (the idle-revoke job's candidates). */
    async activeNonAdminOfOrg(orgId: string): Promise<ExternalToken[]> {
      const rows = await db
        .selectFrom('external_tokens')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('status', '=', 'active')
        .where('kind', '!=', 'admin_key')
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toExternalToken);
    },

    /** Active tokens of the org's connectors expiring after `now` and at most `withinMs` later. */
    async expiringActiveOfOrg(orgId: string, now: Date, withinMs: number): Promise<ExternalToken[]> {
      const rows = await db
        .selectFrom('external_tokens')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('status', '=', 'active')
        .where('expires_at', '>', now.getTime())
        .where('expires_at', '<=', now.getTime() + withinMs)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toExternalToken);
    },

    /** `"<externalTokenId> <noticeKey>"` for every notice already recorded for these tokens. */
    async noticesOf(ids: readonly string[]): Promise<Set<string>> {
      const seen = new Set<string>();
      for (let i = 0; i < ids.length; i += INSERT_CHUNK) {
        const rows = await db.selectFrom('external_token_notices').select(['external_token_id', 'notice_key']).where('external_token_id', 'in', ids.slice(i, i + INSERT_CHUNK)).execute();
        for (const row of rows) seen.add(`${row.external_token_id} ${row.notice_key}`);
      }
      return seen;
    },

    /** Records a notice; false when it was already recorded (the action is then skipped). */
    async insertNotice(id: string, key: string, at: Date): Promise<boolean> {
      const result = await db
        .insertInto('external_token_notices')
        .values({ external_token_id: id, notice_key: key, created_at: at.getTime() })
        .onConflict((oc) => oc.columns(['external_token_id', 'notice_key']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    /** Live tokens of a connector, by kind and status (for sync summaries and checks). */
    async countsOfConnector(connectorId: string): Promise<Array<{ kind: ExternalTokenKind; status: ExternalTokenStatus; count: number }>> {
      const rows = await db
        .selectFrom('external_tokens')
        .select(['kind', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
        .where('connector_id', '=', connectorId)
        .groupBy(['kind', 'status'])
        .execute();
      return rows.map((row) => ({ kind: row.kind as ExternalTokenKind, status: row.status as ExternalTokenStatus, count: Number(row.n) }));
    },
  };
}

export type ExternalTokenStore = ReturnType<typeof createExternalTokenStore>;
