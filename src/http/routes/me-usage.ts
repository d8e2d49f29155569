/**
 * A member's own tokens' activity (the console's "My tokens"): the admin usage summary's shape, under
 * `/api/v1/me`, for the session's own tokens only. Another person's token id answers 404
 * TOKEN_NOT_FOUND, as a token that does not exist: nobody learns which ids are real.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { UsageService } from '../../service/usage-service.js';
import { requireSession, sessionPrincipalOf } from '../auth.js';
import { ErrorRef } from '../schemas/common.js';
import { UsageSummaryQuery, UsageSummaryResponse } from '../schemas/usage.js';
import { usageSummaryJson } from './usage.js';

const TokenIdParams = Type.Object({ tokenId: Type.String({ minLength: 1, maxLength: 64 }) });

export function meUsageRoutes(deps: { usage: UsageService }): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/api/v1/me/tokens/:tokenId/usage/summary',
      {
        onRequest: requireSession(),
        schema: {
          tags: ['Me'],
          summary: "One of my tokens' usage: per day, per route, per IP, first and last seen",
          security: [{ sessionCookie: [] }],
          params: TokenIdParams,
          querystring: UsageSummaryQuery,
          response: { 200: UsageSummaryResponse, 400: ErrorRef, 401: ErrorRef, 403: ErrorRef, 404: ErrorRef, 429: ErrorRef, 500: ErrorRef },
        },
      },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return usageSummaryJson(await deps.usage.ownTokenSummary(orgId, userId, request.params.tokenId, request.query.days ?? 30));
      },
    );
  };
}
