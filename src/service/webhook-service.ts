/**
 * Admin management of webhook endpoints and their deliveries (docs/notifications.md).
 * The signing secret is returned once, at creation or rotation, and stored sealed.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import type { CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import { isEventType, type EventType } from '../domain/events.js';
import { newId } from '../domain/ids.js';
import { actorOf, type Principal } from '../domain/principal.js';
import type { SecretBox } from '../domain/secret-box.js';
import { checkWebhookUrl, generateWebhookSecret, MAX_WEBHOOKS_PER_ORG } from '../domain/webhooks.js';
import type { Delivery, DeliveryStatus } from '../store/delivery-store.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import type { WebhookEndpoint, WebhookFormat } from '../store/webhook-store.js';
import { auditEntry } from './audit-service.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';
import { DAY_MS } from '../domain/time.js';

/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = DAY_MS;

export interface Caller {
  principal: Principal;
  ip: string | null;
}

export interface WebhookInput {
  url: string;
  description?: string | null | undefined;
  eventTypes?: string[] | undefined;
  format?: WebhookFormat | undefined;
}

export interface WebhookServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  webhookSecrets: SecretBox;
  cursorKey: CursorKey;
  allowPrivateUrls: boolean;
}

function checkEventTypes(types: readonly string[] | undefined): EventType[] | undefined {
  if (types === undefined) return undefined;
  const unknown = types.filter((t) => !isEventType(t));
  if (unknown.length > 0) throw new DomainError('VALIDATION_FAILED', `Unknown event types: ${unknown.join(', ')}.`);
  return [...new Set(types)] as EventType[];
}

export function createWebhookService(deps: WebhookServiceDeps) {
  const { db, clock, webhookSecrets } = deps;
  const stores = createStores(db);

  function audit(tx: Stores, caller: Caller, orgId: string, action: string, id: string, details: Record<string, unknown>) {
    return tx.audit.append(auditEntry({ orgId, ...actorOf(caller.principal), ip: caller.ip, action, targetType: 'webhook', targetId: id, details }, clock));
  }

  async function mustFind(orgId: string, id: string): Promise<WebhookEndpoint> {
    const endpoint = await stores.webhooks.findById(orgId, id);
    if (!endpoint) throw new DomainError('NOT_FOUND', 'No such webhook endpoint.');
    return endpoint;
  }

  return {
    async create(caller: Caller, orgId: string, input: WebhookInput): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
      const url = checkWebhookUrl(input.url, deps.allowPrivateUrls);
      const eventTypes = checkEventTypes(input.eventTypes) ?? [];
      const secret = generateWebhookSecret();
      const now = clock();
      const endpoint: WebhookEndpoint = {
        id: newId('whk'),
        orgId,
        url,
        description: input.description ?? null,
        eventTypes,
        format: input.format ?? 'standard',
        enabled: true,
        disabledReason: null,
        createdAt: now,
        updatedAt: now,
      };
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if ((await tx.webhooks.countOfOrg(orgId)) >= MAX_WEBHOOKS_PER_ORG) {
          throw new DomainError('CONFLICT', `An organization may have at most ${MAX_WEBHOOKS_PER_ORG} webhook endpoints.`);
        }
        await tx.webhooks.insert(endpoint, webhookSecrets.seal(secret));
        await audit(tx, caller, orgId, 'webhook.created', endpoint.id, { url, eventTypes, format: endpoint.format });
      });
      return { endpoint, secret };
    },

    list: (orgId: string) => stores.webhooks.listOfOrg(orgId),
    get: (orgId: string, id: string) => mustFind(orgId, id),

    async update(caller: Caller, orgId: string, id: string, input: Partial<WebhookInput> & { enabled?: boolean | undefined }): Promise<WebhookEndpoint> {
      const url = input.url === undefined ? undefined : checkWebhookUrl(input.url, deps.allowPrivateUrls);
      const eventTypes = checkEventTypes(input.eventTypes);
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const updated = await tx.webhooks.update(orgId, id, { url, eventTypes, format: input.format, description: input.description, enabled: input.enabled }, clock());
        if (!updated) throw new DomainError('NOT_FOUND', 'No such webhook endpoint.');
        await audit(tx, caller, orgId, 'webhook.updated', id, { url, eventTypes, format: input.format, enabled: input.enabled });
        return updated;
      });
    },

    /**
     * A new secret, returned once. For ROTATION_OVERLAP_MS the old one signs too (two `v1,`
     * entries), so receivers can switch without losing a message (Standard Webhooks §Rotation).
     */
    async rotateSecret(caller: Caller, orgId: string, id: string): Promise<{ endpoint: WebhookEndpoint; secret: string }> {
      const secret = generateWebhookSecret();
      const endpoint = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const now = clock();
        const updated = await tx.webhooks.rotateSecret(orgId, id, webhookSecrets.seal(secret), new Date(now.getTime() + ROTATION_OVERLAP_MS), now);
        if (!updated) throw new DomainError('NOT_FOUND', 'No such webhook endpoint.');
        await audit(tx, caller, orgId, 'webhook.secret_rotated', id, {});
        return updated;
      });
      return { endpoint, secret };
    },

    async remove(caller: Caller, orgId: string, id: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (!(await tx.webhooks.delete(orgId, id))) throw new DomainError('NOT_FOUND', 'No such webhook endpoint.');
        await audit(tx, caller, orgId, 'webhook.deleted', id, {});
      });
    },

    async listDeliveries(orgId: string, id: string, query: PageQuery & { status?: DeliveryStatus | undefined }): Promise<Page<Delivery>> {
      await mustFind(orgId, id);
      const fingerprint = `deliveries:${orgId}:${id}:${query.status ?? ''}`;
      const { request, body } = keysetRequestOf(deps.cursorKey, fingerprint, query);
      return pageOf(deps.cursorKey, fingerprint, body, await stores.deliveries.listOfTarget(orgId, id, query.status, request));
    },

    /** Sends a dead (or delivered) delivery again, from attempt one, with the same webhook-id. */
    async redeliver(caller: Caller, orgId: string, id: string, deliveryId: string): Promise<Delivery> {
      return db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const delivery = await tx.deliveries.findById(orgId, deliveryId);
        if (!delivery || delivery.target !== id) throw new DomainError('NOT_FOUND', 'No such delivery of this webhook endpoint.');
        const requeued = await tx.deliveries.requeue(orgId, deliveryId, clock());
        if (!requeued) throw new DomainError('CONFLICT', 'The delivery is still pending or in flight.');
        await audit(tx, caller, orgId, 'webhook.redelivery_requested', id, { deliveryId, eventId: delivery.eventId });
        return requeued;
      });
    },
  };
}

export type WebhookService = ReturnType<typeof createWebhookService>;
