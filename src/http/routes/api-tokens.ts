/** User API tokens of the org (CONTRACT.md T1-T3): search, count, bulk revoke. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { parseInventoryFilters, parseInventoryQuery, USER_TOKEN_FILTERS } from '../../domain/token-query.js';
import type { TokenInventoryService } from '../../service/token-inventory-service.js';
import type { TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { ApiTokenCountQuery, ApiTokenSearchQuery, ApiTokenSearchResponse, CountResponse, NoContent } from '../schemas/token-inventory.js';

export interface ApiTokenRoutesDeps {
  tokens: TokenService;
  inventory: TokenInventoryService;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function apiTokenRoutes(deps: ApiTokenRoutesDeps): FastifyPluginAsync {
  return async (plugin) => {
    // T3 takes no body, yet one client library sends JSON with it (CONTRACT.md T3): drain and
    // ignore whatever comes, valid JSON or not. Encapsulated: only this plugin's routes.
    plugin.removeAllContentTypeParsers();
    plugin.addContentTypeParser('*', (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, undefined));
      payload.on('error', (error) => done(error, undefined));
    });
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const base = '/admin/api-access/v1/orgs/:orgId/api-tokens';

    app.get(
      base,
      {
        onRequest: requireAdmin(deps, 'read:tokens:admin'),
        schema: {
          tags: ['API Token'],
          summary: 'Search the user API tokens of the organization',
          description: 'Revoked tokens never appear. ALLOWED = active and unexpired with an active owner; BLOCKED = suspended, expired or owner deactivated.',
          params: OrgParams,
          querystring: ApiTokenSearchQuery,
          response: { 200: ApiTokenSearchResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await deps.inventory.searchUserTokens(request.params.orgId, parseInventoryQuery(request.query, USER_TOKEN_FILTERS));
        return {
          data: page.items.map(({ token, owner, status }) => ({
            id: token.id,
            label: token.label,
            status,
            createdAt: token.createdAt.toISOString(),
            expiresAt: iso(token.expiresAt),
            lastActiveAt: iso(token.lastActiveAt),
            user: { id: owner?.id ?? '', orgId: owner?.orgId ?? token.orgId, name: owner?.name ?? '', email: owner?.email ?? '' },
            scopes: token.scopes,
          })),
          links: page.links,
        };
      },
    );

    app.get(
      `${base}/count`,
      {
        onRequest: requireAdmin(deps, 'read:tokens:admin'),
        schema: {
          tags: ['API Token'],
          summary: 'Count the user API tokens matching the filters',
          params: OrgParams,
          querystring: ApiTokenCountQuery,
          response: { 200: CountResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => deps.inventory.countUserTokens(request.params.orgId, parseInventoryFilters(request.query, USER_TOKEN_FILTERS)),
    );

    app.delete(
      base,
      {
        onRequest: requireAdmin(deps, 'delete:tokens:admin'),
        schema: {
          tags: ['API Token'],
          summary: "Revoke every managed user's API token in the organization",
          description: 'Revokes in batches; restartable. Any request body is ignored.',
          params: OrgParams,
          response: { 204: NoContent, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        await deps.inventory.revokeAllUserTokens(principalOf(request), request.params.orgId, request.ip);
        return reply.code(204).send(null);
      },
    );
  };
}
