/** Tokenward's admin API for SCIM bearer tokens (docs/scim.md): create, list, revoke. */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { scimTokenStatus, type ScimToken } from '../../domain/scim-token.js';
import type { ScimTokenService } from '../../service/scim-token-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { SCIM_PREFIX } from '../scim-helpers.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { CreatedScimTokenJson, CreateScimTokenBody, ListScimTokensQuery, ScimTokenListResponse, ScimTokenParams, type ScimTokenJson } from '../schemas/scim-tokens.js';
import { callerOf, DIRECTORY_PREFIX } from './directory-users.js';

export interface ScimTokenRoutesDeps {
  tokens: TokenService;
  scimTokens: ScimTokenService;
  baseUrl(): string;
  now(): Date;
}

function scimTokenJson(token: ScimToken, now: Date): ScimTokenJson {
  return {
    id: token.id,
    label: token.label,
    displayPrefix: token.displayPrefix,
    status: scimTokenStatus(token, now),
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  };
}

export function scimTokenRoutes(deps: ScimTokenRoutesDeps): FastifyPluginAsync {
  const service = deps.scimTokens;
  const read = requireAdmin(deps, 'read:directory:admin');
  const write = requireAdmin(deps, 'write:directory:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.post(
      `${DIRECTORY_PREFIX}/scim-tokens`,
      {
        onRequest: write,
        schema: {
          tags: ['SCIM'],
          summary: 'Create a SCIM token',
          description: 'The token is in the answer once and never again; Tokenward keeps only its digest.',
          params: OrgParams,
          body: CreateScimTokenBody,
          response: { 201: CreatedScimTokenJson, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const { token, secret } = await service.createToken(callerOf(request), request.params.orgId, request.body);
        return reply.code(201).send({ ...scimTokenJson(token, deps.now()), token: secret, scimBaseUrl: `${deps.baseUrl()}${SCIM_PREFIX}` });
      },
    );

    app.get(
      `${DIRECTORY_PREFIX}/scim-tokens`,
      {
        onRequest: read,
        schema: {
          tags: ['SCIM'],
          summary: 'List SCIM tokens',
          description: 'Oldest first, revoked ones included, keyset-paged like the directory lists.',
          params: OrgParams,
          querystring: ListScimTokensQuery,
          response: { 200: ScimTokenListResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await service.listTokens(callerOf(request), request.params.orgId, request.query);
        const now = deps.now();
        return { data: page.items.map((t) => scimTokenJson(t, now)), links: page.links };
      },
    );

    app.delete(
      `${DIRECTORY_PREFIX}/scim-tokens/:tokenId`,
      {
        onRequest: write,
        schema: {
          tags: ['SCIM'],
          summary: 'Revoke a SCIM token',
          description: 'Takes effect at once: the next SCIM request with it is 401.',
          params: ScimTokenParams,
          response: { 204: Type.Null({ description: 'Revoked.' }), ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        await service.revokeToken(callerOf(request), request.params.orgId, request.params.tokenId);
        return reply.code(204).send(null);
      },
    );
  };
}
