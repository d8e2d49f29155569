/**
 * Atlassian's User management API token endpoints (CONTRACT.md §6.1 U1, U2), at Atlassian's paths:
 * no org in the path, so the org is the admin key's own and the service checks the user is in it.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TokenInventoryService } from '../../service/token-inventory-service.js';
import type { TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { AccountParams, AccountTokenParams, NoContent, UserApiTokenList } from '../schemas/token-inventory.js';

export interface UserTokenRoutesDeps {
  tokens: TokenService;
  inventory: TokenInventoryService;
}

export function userTokenRoutes(deps: UserTokenRoutesDeps): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/users/:accountId/manage/api-tokens',
      {
        // The scope (read:tokens:admin) is checked by the service: requireAdmin checks scopes only
        // on routes with an orgId.
        onRequest: requireAdmin(deps, 'read:tokens:admin'),
        schema: {
          tags: ['User management'],
          summary: "List a user's API tokens",
          params: AccountParams,
          response: { 200: UserApiTokenList, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const tokens = await deps.inventory.listTokensOfUser(principalOf(request), request.params.accountId);
        return tokens.map(({ token, isDisabled }) => ({
          id: token.id,
          label: token.label,
          createdAt: token.createdAt.toISOString(),
          lastAccess: token.lastActiveAt?.toISOString() ?? null,
          expiry: token.expiresAt?.toISOString() ?? null,
          disabledStatus: isDisabled,
        }));
      },
    );

    app.delete(
      '/users/:accountId/manage/api-tokens/:tokenId',
      {
        onRequest: requireAdmin(deps, 'delete:tokens:admin'),
        schema: {
          tags: ['User management'],
          summary: "Revoke one of a user's API tokens",
          params: AccountTokenParams,
          response: { 204: NoContent, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const { accountId, tokenId } = request.params;
        await deps.inventory.revokeTokenOfUser(principalOf(request), accountId, tokenId, request.ip);
        return reply.code(204).send(null);
      },
    );
  };
}
