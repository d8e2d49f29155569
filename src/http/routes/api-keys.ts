/** Org admin API keys (CONTRACT.md §5): create (K3); list, count and revoke (K1, K2, K4). */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../domain/errors.js';
import { actorOf, principalId } from '../../domain/principal.js';
import { ADMIN_KEY_FILTERS, parseInventoryFilters, parseInventoryQuery } from '../../domain/token-query.js';
import type { TokenInventoryService } from '../../service/token-inventory-service.js';
import { ALL_ADMIN_SCOPES, type TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { CreateApiKeyFields, CreatedApiKeyResponse } from '../schemas/api-keys.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { ApiKeyCountQuery, ApiKeyParams, ApiKeySearchQuery, ApiKeySearchResponse, CountResponse, NoContent } from '../schemas/token-inventory.js';

export interface ApiKeyRoutesDeps {
  tokens: TokenService;
  inventory: TokenInventoryService;
}

/** K3 does not store `resource`; Tokenward reports the org's own resource id (as K3's default). */
const orgResource = (orgId: string) => `ari:cloud:platform::org/${orgId}`;

export function apiKeyRoutes(deps: ApiKeyRoutesDeps): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.post(
      '/admin/api-access/v1/orgs/:orgId/api-keys',
      {
        // Atlassian's callers send no body at all; validate that as an empty one.
        preValidation: async (request) => {
          request.body ??= {};
        },
        onRequest: requireAdmin(deps, 'write:tokens:admin'),
        schema: {
          tags: ['API Key'],
          summary: 'Create an org admin API key (the key is in the response, once)',
          description:
            'Fields as query parameters (Atlassian) or a JSON body. `expiresAt` defaults to one week from now and may be at most one year ahead; `scopes` defaults to every admin scope.',
          params: OrgParams,
          querystring: CreateApiKeyFields,
          body: CreateApiKeyFields,
          response: { 200: CreatedApiKeyResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const fields = { ...request.query, ...request.body };
        const expiresAt = fields.expiresAt === undefined ? undefined : new Date(fields.expiresAt);
        if (expiresAt && Number.isNaN(expiresAt.getTime())) throw new DomainError('VALIDATION_FAILED', 'expiresAt is not a valid date-time.');
        const issued = await deps.tokens.issueAdminKey({
          orgId: request.params.orgId,
          label: fields.label ?? 'admin API key',
          scopes: fields.scopes && fields.scopes.length > 0 ? fields.scopes : ALL_ADMIN_SCOPES,
          expiresAt,
          createdBy: principalId(principal),
          audit: { ...actorOf(principal), ip: request.ip },
        });
        const { token } = issued;
        const creators = await deps.inventory.creatorsOf(token.orgId, [token]);
        return {
          id: token.id,
          token: issued.secret,
          resource: fields.resource ?? orgResource(token.orgId),
          label: token.label,
          createdBy: token.createdBy ? (creators.get(token.createdBy) ?? null) : null,
          createdAt: token.createdAt.toISOString(),
          expiresAt: token.expiresAt?.toISOString() ?? null,
          scopes: token.scopes,
        };
      },
    );

    app.get(
      '/admin/api-access/v1/orgs/:orgId/api-keys',
      {
        onRequest: requireAdmin(deps, 'read:keys:admin'),
        schema: {
          tags: ['API Key'],
          summary: 'Search the admin API keys of the organization',
          description: 'Revoked keys never appear. `systemAccountId` is the key id. `createdBy` names the person who made the key, or the admin key that did (its label, no e-mail); it is null for keys made on the command line.',
          params: OrgParams,
          querystring: ApiKeySearchQuery,
          response: { 200: ApiKeySearchResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await deps.inventory.searchAdminKeys(request.params.orgId, parseInventoryQuery(request.query, ADMIN_KEY_FILTERS));
        const creators = await deps.inventory.creatorsOf(request.params.orgId, page.items.map(({ token }) => token));
        return {
          data: page.items.map(({ token }) => ({
            id: token.id,
            label: token.label,
            createdAt: token.createdAt.toISOString(),
            expiresAt: token.expiresAt?.toISOString() ?? null,
            lastActiveAt: token.lastActiveAt?.toISOString() ?? null,
            systemAccountId: token.id,
            resource: orgResource(token.orgId),
            orgId: token.orgId,
            createdBy: token.createdBy ? (creators.get(token.createdBy) ?? null) : null,
            scopes: token.scopes,
            targetResources: [],
          })),
          links: page.links,
        };
      },
    );

    app.get(
      '/admin/api-access/v1/orgs/:orgId/api-keys/count',
      {
        onRequest: requireAdmin(deps, 'read:keys:admin'),
        schema: {
          tags: ['API Key'],
          summary: 'Count the admin API keys matching the filters',
          params: OrgParams,
          querystring: ApiKeyCountQuery,
          response: { 200: CountResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => deps.inventory.countAdminKeys(request.params.orgId, parseInventoryFilters(request.query, ADMIN_KEY_FILTERS)),
    );

    app.patch(
      '/admin/api-access/v1/orgs/:orgId/api-keys/revoke/:apiKeyId',
      {
        onRequest: requireAdmin(deps, 'delete:keys:admin'),
        schema: {
          tags: ['API Key'],
          summary: 'Revoke an admin API key',
          description: 'No body needed (one is ignored). An unknown or already revoked key is 404 TOKEN_NOT_FOUND.',
          params: ApiKeyParams,
          response: { 204: NoContent, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const { orgId, apiKeyId } = request.params;
        await deps.inventory.revokeAdminKey(principalOf(request), orgId, apiKeyId, request.ip);
        return reply.code(204).send(null);
      },
    );
  };
}
