/** Webhook endpoints and their deliveries (docs/notifications.md). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Delivery, WebhookEndpoint } from '../../domain/automation.js';
import type { TokenService } from '../../service/token-service.js';
import type { Caller, WebhookService } from '../../service/webhook-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import {
  CreateWebhookBody,
  DeliveryJson,
  DeliveryListResponse,
  DeliveryParams,
  ListDeliveriesQuery,
  NoContent,
  UpdateWebhookBody,
  WebhookJson,
  WebhookListResponse,
  WebhookParams,
  WebhookWithSecretJson,
} from '../schemas/automation.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';

export const AUTOMATION_PREFIX = '/admin/tokenward/v1/orgs/:orgId';
export const AUTOMATION_WRITE_ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };
const TAGS = ['Automation'];

export function callerOf(request: FastifyRequest): Caller {
  return { principal: principalOf(request), ip: request.ip };
}

export function webhookJson(endpoint: WebhookEndpoint): WebhookJson {
  return {
    id: endpoint.id,
    url: endpoint.url,
    description: endpoint.description,
    eventTypes: endpoint.eventTypes,
    format: endpoint.format,
    enabled: endpoint.enabled,
    disabledReason: endpoint.disabledReason,
    createdAt: endpoint.createdAt.toISOString(),
    updatedAt: endpoint.updatedAt.toISOString(),
  };
}

export function deliveryJson(delivery: Delivery): DeliveryJson {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt.toISOString(),
    lastError: delivery.lastError,
    lastStatusCode: delivery.lastStatusCode,
    createdAt: delivery.createdAt.toISOString(),
    completedAt: delivery.completedAt?.toISOString() ?? null,
  };
}

export function webhookRoutes(deps: { tokens: TokenService; webhooks: WebhookService }): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:automation:admin');
  const write = requireAdmin(deps, 'write:automation:admin');
  const webhooks = deps.webhooks;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      `${AUTOMATION_PREFIX}/webhooks`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Add a webhook endpoint',
          description: 'Returns the signing secret (`whsec_...`) once. `format` `slack` sends Slack incoming-webhook messages.',
          params: OrgParams,
          body: CreateWebhookBody,
          response: { 201: WebhookWithSecretJson, ...AUTOMATION_WRITE_ERRORS },
        },
      },
      async (request, reply) => {
        const { endpoint, secret } = await webhooks.create(callerOf(request), request.params.orgId, request.body);
        return reply.code(201).send({ webhook: webhookJson(endpoint), secret });
      },
    );

    app.get(
      `${AUTOMATION_PREFIX}/webhooks`,
      { onRequest: read, schema: { tags: TAGS, summary: 'List webhook endpoints', params: OrgParams, response: { 200: WebhookListResponse, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => ({ data: (await webhooks.list(request.params.orgId)).map(webhookJson) }),
    );

    app.get(
      `${AUTOMATION_PREFIX}/webhooks/:webhookId`,
      { onRequest: read, schema: { tags: TAGS, summary: 'Get a webhook endpoint', params: WebhookParams, response: { 200: WebhookJson, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => webhookJson(await webhooks.get(request.params.orgId, request.params.webhookId)),
    );

    app.patch(
      `${AUTOMATION_PREFIX}/webhooks/:webhookId`,
      {
        onRequest: write,
        schema: { tags: TAGS, summary: 'Change a webhook endpoint', params: WebhookParams, body: UpdateWebhookBody, response: { 200: WebhookJson, ...AUTOMATION_WRITE_ERRORS } },
      },
      async (request) => webhookJson(await webhooks.update(callerOf(request), request.params.orgId, request.params.webhookId, request.body)),
    );

    app.post(
      `${AUTOMATION_PREFIX}/webhooks/:webhookId/rotate-secret`,
      {
        onRequest: write,
        schema: { tags: TAGS, summary: 'Replace the signing secret', description: 'Returns the new secret once.', params: WebhookParams, response: { 200: WebhookWithSecretJson, ...AUTOMATION_WRITE_ERRORS } },
      },
      async (request) => {
        const { endpoint, secret } = await webhooks.rotateSecret(callerOf(request), request.params.orgId, request.params.webhookId);
        return { webhook: webhookJson(endpoint), secret };
      },
    );

    app.delete(
      `${AUTOMATION_PREFIX}/webhooks/:webhookId`,
      { onRequest: write, schema: { tags: TAGS, summary: 'Delete a webhook endpoint', params: WebhookParams, response: { 204: NoContent, ...AUTOMATION_WRITE_ERRORS } } },
      async (request, reply) => {
        await webhooks.remove(callerOf(request), request.params.orgId, request.params.webhookId);
        return reply.code(204).send(null);
      },
    );

    app.get(
      `${AUTOMATION_PREFIX}/webhooks/:webhookId/deliveries`,
      {
        onRequest: read,
        schema: {
          tags: TAGS,
          summary: "List an endpoint's deliveries",
          description: 'Oldest first, keyset-paged; `status=dead` lists the dead letters.',
          params: WebhookParams,
          querystring: ListDeliveriesQuery,
          response: { 200: DeliveryListResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await webhooks.listDeliveries(request.params.orgId, request.params.webhookId, request.query);
        return { data: page.items.map(deliveryJson), links: page.links };
      },
    );

    app.post(
      `${AUTOMATION_PREFIX}/webhooks/:webhookId/deliveries/:deliveryId/redeliver`,
      {
        onRequest: write,
        schema: {
          tags: TAGS,
          summary: 'Send a delivery again',
          description: 'A dead or delivered delivery goes back to pending with its attempts reset; the `webhook-id` stays the same.',
          params: DeliveryParams,
          response: { 202: DeliveryJson, ...AUTOMATION_WRITE_ERRORS },
        },
      },
      async (request, reply) =>
        reply.code(202).send(deliveryJson(await webhooks.redeliver(callerOf(request), request.params.orgId, request.params.webhookId, request.params.deliveryId))),
    );
  };
}
