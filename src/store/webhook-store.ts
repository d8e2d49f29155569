/** Webhook endpoints per org. The signing secret is stored sealed, never in clear. */
import type { Kysely, Selectable } from 'kysely';
import type { EventType } from '../domain/events.js';
import type { WebhookEndpoint, WebhookFormat } from '../domain/automation.js';
import { parseJsonArray, toDate } from './rows.js';
import type { Database, WebhookEndpointTable } from './schema.js';

export type { WebhookEndpoint, WebhookFormat } from '../domain/automation.js';


/**
 * The secret column holds the sealed secret, or during a rotation `<new> <old>@<until ms>`: sealed
 * values are base64url parts joined by dots, never a space or an `@`. Kept in one column so the
 * shipped migration 0009 stays as it is.
 */
function parseSecretColumn(value: string): { current: string; previous: string | null; previousUntilMs: number } {
  const [current, rotating] = value.split(' ');
  if (!rotating) return { current: current!, previous: null, previousUntilMs: 0 };
  const at = rotating.lastIndexOf('@');
  return { current: current!, previous: rotating.slice(0, at), previousUntilMs: Number(rotating.slice(at + 1)) };
}

export function toWebhookEndpoint(row: Selectable<WebhookEndpointTable>): WebhookEndpoint {
  return {
    id: row.id,
    orgId: row.org_id,
    url: row.url,
    description: row.description,
    eventTypes: parseJsonArray(row.event_types) as EventType[],
    format: row.format as WebhookFormat,
    enabled: row.enabled === 1,
    disabledReason: row.disabled_reason,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export interface WebhookChanges {
  url?: string | undefined;
  description?: string | null | undefined;
  eventTypes?: EventType[] | undefined;
  format?: WebhookFormat | undefined;
  enabled?: boolean | undefined;
}

export function createWebhookStore(db: Kysely<Database>) {
  return {
    async insert(endpoint: WebhookEndpoint, secretSealed: string): Promise<void> {
      await db
        .insertInto('webhook_endpoints')
        .values({
          id: endpoint.id,
          org_id: endpoint.orgId,
          url: endpoint.url,
          description: endpoint.description,
          event_types: JSON.stringify(endpoint.eventTypes),
          format: endpoint.format,
          secret_sealed: secretSealed,
          enabled: endpoint.enabled ? 1 : 0,
          disabled_reason: endpoint.disabledReason,
          created_at: endpoint.createdAt.getTime(),
          updated_at: endpoint.updatedAt.getTime(),
        })
        .execute();
    },
    async findById(orgId: string, id: string): Promise<WebhookEndpoint | null> {
      const row = await db.selectFrom('webhook_endpoints').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toWebhookEndpoint(row) : null;
    },
    /** With the sealed secrets that sign at `now` (the current one, and the previous during a rotation), for the sender only. */
    async findWithSecrets(id: string, now: Date): Promise<{ endpoint: WebhookEndpoint; secretsSealed: string[] } | null> {
      const row = await db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const { current, previous, previousUntilMs } = parseSecretColumn(row.secret_sealed);
      const isRotating = previous !== null && previousUntilMs > now.getTime();
      return { endpoint: toWebhookEndpoint(row), secretsSealed: isRotating ? [current, previous] : [current] };
    },
    /** Replaces the secret; the old one keeps signing until `previousUntil`. */
    async rotateSecret(orgId: string, id: string, secretSealed: string, previousUntil: Date, at: Date): Promise<WebhookEndpoint | null> {
      const row = await db.selectFrom('webhook_endpoints').select('secret_sealed').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      if (!row) return null;
      const { current } = parseSecretColumn(row.secret_sealed);
      await db
        .updateTable('webhook_endpoints')
        .set({ secret_sealed: `${secretSealed} ${current}@${previousUntil.getTime()}`, updated_at: at.getTime() })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .execute();
      return this.findById(orgId, id);
    },
    /** Oldest first; an org holds at most MAX_WEBHOOKS_PER_ORG endpoints, so one page is all. */
    async listOfOrg(orgId: string): Promise<WebhookEndpoint[]> {
      const rows = await db.selectFrom('webhook_endpoints').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toWebhookEndpoint);
    },
    /** Enabled endpoints of several orgs at once, for the dispatcher (one query per batch). */
    async listEnabledOfOrgs(orgIds: readonly string[]): Promise<WebhookEndpoint[]> {
      if (orgIds.length === 0) return [];
      const rows = await db.selectFrom('webhook_endpoints').selectAll().where('org_id', 'in', [...orgIds]).where('enabled', '=', 1).execute();
      return rows.map(toWebhookEndpoint);
    },
    async countOfOrg(orgId: string): Promise<number> {
      const row = await db.selectFrom('webhook_endpoints').select((eb) => eb.fn.countAll<number | string>().as('n')).where('org_id', '=', orgId).executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async update(orgId: string, id: string, changes: WebhookChanges, at: Date): Promise<WebhookEndpoint | null> {
      const set: Partial<Selectable<WebhookEndpointTable>> = { updated_at: at.getTime() };
      if (changes.url !== undefined) set.url = changes.url;
      if (changes.description !== undefined) set.description = changes.description;
      if (changes.eventTypes !== undefined) set.event_types = JSON.stringify(changes.eventTypes);
      if (changes.format !== undefined) set.format = changes.format;
      if (changes.enabled !== undefined) {
        set.enabled = changes.enabled ? 1 : 0;
        set.disabled_reason = changes.enabled ? null : 'disabled by an admin';
      }
      await db.updateTable('webhook_endpoints').set(set).where('org_id', '=', orgId).where('id', '=', id).execute();
      return this.findById(orgId, id);
    },
    /** The receiver answered 410 Gone: stop sending (Standard Webhooks §Delivery). */
    async disable(id: string, reason: string, at: Date): Promise<void> {
      await db.updateTable('webhook_endpoints').set({ enabled: 0, disabled_reason: reason, updated_at: at.getTime() }).where('id', '=', id).execute();
    },
    async delete(orgId: string, id: string): Promise<boolean> {
      const result = await db.deleteFrom('webhook_endpoints').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}

export type WebhookStore = ReturnType<typeof createWebhookStore>;
