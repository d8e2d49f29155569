/** Org admin API keys (CONTRACT.md §5). Issue #4 adds the list, count and revoke endpoints. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../domain/errors.js';
import { actorOf } from '../../domain/principal.js';
import { ALL_ADMIN_SCOPES, type TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { CreateApiKeyFields, CreatedApiKeyResponse } from '../schemas/api-keys.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';

export interface ApiKeyRoutesDeps {
  tokens: TokenService;
}

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
          createdBy: principal.tokenId,
          audit: { ...actorOf(principal), ip: request.ip },
        });
        const { token } = issued;
        return {
          id: token.id,
          token: issued.secret,
          resource: fields.resource ?? `ari:cloud:platform::org/${token.orgId}`,
          label: token.label,
          createdBy: null,
          createdAt: token.createdAt.toISOString(),
          expiresAt: token.expiresAt?.toISOString() ?? null,
          scopes: token.scopes,
        };
      },
    );
  };
}
