/** The org's events, as the outbox holds them, with their delivery counts (docs/events.md). */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import type { EventLogService } from '../../service/event-log-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { EventListResponse, ListEventsQuery } from '../schemas/automation.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { AUTOMATION_PREFIX } from './webhooks.js';

export function eventRoutes(deps: { tokens: TokenService; eventLog: EventLogService }): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:automation:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      `${AUTOMATION_PREFIX}/events`,
      {
        onRequest: read,
        schema: {
          tags: ['Automation'],
          summary: "List the organization's events",
          description:
            'Oldest first, keyset-paged (pass `links.next` back as `cursor` with the same filters); `from`/`to` narrow the window. Each event carries the payload its webhooks receive and its deliveries counted by status.',
          params: OrgParams,
          querystring: ListEventsQuery,
          response: { 200: EventListResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await deps.eventLog.listEvents(request.params.orgId, request.query);
        return {
          data: page.items.map((event) => ({
            id: event.id,
            type: event.type,
            occurredAt: event.occurredAt.toISOString(),
            dispatchedAt: event.dispatchedAt?.toISOString() ?? null,
            data: event.payload,
            deliveries: event.deliveries,
          })),
          links: page.links,
        };
      },
    );
  };
}
