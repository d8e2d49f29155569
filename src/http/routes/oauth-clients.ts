/**
 * OAuth clients (CONTRACT.md §5 O1-O5, §4 SA7/SA8). Tokenward issues API tokens only, never OAuth
 * clients, so it answers as for an organization that has none: admins' scripts that walk these
 * endpoints keep working instead of meeting 404 routes. See docs/atlassian-service-accounts.md.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DomainError } from '../../domain/errors.js';
import type { ServiceAccountService } from '../../service/service-account-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { NoContent, OAuthClientListQuery, OAuthClientListResponse, OAuthClientParams, ServiceAccountParams } from '../schemas/service-accounts.js';

export interface OAuthClientRoutesDeps {
  tokens: TokenService;
  serviceAccounts: ServiceAccountService;
}

const ORG = '/admin/api-access/v1/orgs/:orgId';
const TAGS = ['OAuth Client'];

/** The one page there is. Our reading: any cursor is refused, since this server never handed one out for these lists. */
function emptyList(query: { cursor?: string | undefined }) {
  if (query.cursor !== undefined && query.cursor !== '') throw new DomainError('INVALID_PAGE_CURSOR');
  return { data: [], links: { self: null, next: null, prev: null } };
}

const noClient = (clientId: string) => new DomainError('NOT_FOUND', `No OAuth client ${clientId}: Tokenward does not issue OAuth clients.`);

export function oauthClientRoutes(deps: OAuthClientRoutesDeps): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const list = { 200: OAuthClientListResponse, ...ADMIN_ERROR_RESPONSES };

    app.get(
      `${ORG}/oauth-clients`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts-tokens:admin'),
        schema: { tags: TAGS, summary: 'List OAuth clients: always empty here', params: OrgParams, querystring: OAuthClientListQuery, response: list },
      },
      async (request) => emptyList(request.query),
    );

    app.post(
      `${ORG}/oauth-clients`,
      {
        // Atlassian allows this from an admin's web session only, never with an API key (O2).
        onRequest: requireAdmin(deps, null),
        schema: { tags: TAGS, summary: 'Create an OAuth client: refused, admin web session only', params: OrgParams, response: ADMIN_ERROR_RESPONSES },
      },
      async () => {
        throw new DomainError('FORBIDDEN', 'OAuth clients cannot be created with an API key, and Tokenward does not issue OAuth clients.');
      },
    );

    app.post(
      `${ORG}/oauth-clients/count`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts-tokens:admin'),
        schema: { tags: TAGS, summary: 'Count OAuth clients: always 0 here', params: OrgParams, response: { 200: Type.Integer(), ...ADMIN_ERROR_RESPONSES } },
      },
      async () => 0,
    );

    app.get(
      `${ORG}/oauth-clients/:clientId`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts-tokens:admin'),
        schema: { tags: TAGS, summary: 'Get an OAuth client: always 404 here', params: OAuthClientParams, response: ADMIN_ERROR_RESPONSES },
      },
      async (request) => {
        throw noClient(request.params.clientId);
      },
    );

    app.delete(
      `${ORG}/oauth-clients/:clientId`,
      {
        onRequest: requireAdmin(deps, 'delete:service-accounts-tokens:admin'),
        schema: { tags: TAGS, summary: 'Delete an OAuth client: always 404 here', params: OAuthClientParams, response: { 204: NoContent, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => {
        throw noClient(request.params.clientId);
      },
    );

    app.get(
      `${ORG}/service-accounts/oauth-clients`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts-tokens:admin'),
        schema: { tags: TAGS, summary: 'OAuth clients of every service account: always empty here', params: OrgParams, querystring: OAuthClientListQuery, response: list },
      },
      async (request) => emptyList(request.query),
    );

    app.get(
      `${ORG}/service-accounts/:serviceAccountId/oauth-clients`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts-tokens:admin'),
        schema: {
          tags: TAGS,
          summary: 'OAuth clients of one service account: empty here, 404 for an unknown account',
          params: ServiceAccountParams,
          querystring: OAuthClientListQuery,
          response: list,
        },
      },
      async (request) => {
        await deps.serviceAccounts.get(request.params.orgId, request.params.serviceAccountId);
        return emptyList(request.query);
      },
    );
  };
}
