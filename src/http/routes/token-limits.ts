/**
 * A token's rate limits and quota (docs/verification.md "Rate limits and quotas"): its own, its
 * policy's, and how much of each is left now. Org admins set the token's own; they narrow the
 * policy's (every limit of both applies).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { UsageLimits } from '../../domain/usage-limits.js';
import type { TokenLimitsService, TokenLimitsView } from '../../service/token-limits-service.js';
import type { TokenService } from '../../service/token-service.js';
import { principalOf, requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgTokenParams } from '../schemas/org-tokens.js';
import { QuotaSchema, RateLimitsSchema } from '../schemas/policies.js';
import { RateLimitFigure } from '../schemas/verify.js';
import { rateLimitJson } from '../../domain/usage-limits.js';

export interface TokenLimitsRoutesDeps {
  tokens: TokenService;
  tokenLimits: TokenLimitsService;
}

const LimitsBody = Type.Object({ rateLimits: Type.Optional(RateLimitsSchema), quota: Type.Optional(Type.Union([QuotaSchema, Type.Null()])) }, { additionalProperties: false });
const LimitsJson = Type.Object({ rateLimits: RateLimitsSchema, quota: Type.Union([QuotaSchema, Type.Null()]) });
const LimitsResponse = Type.Object({
  token: Type.Union([LimitsJson, Type.Null()], { description: "The token's own limits." }),
  policy: Type.Union([LimitsJson, Type.Null()], { description: "The governing policy's limits." }),
  current: Type.Array(RateLimitFigure, { description: 'Every counter now, the policy\'s first.' }),
});

const limitsJson = (limits: UsageLimits | null) => (limits ? { rateLimits: limits.rateLimits, quota: limits.quota } : null);
const viewJson = (view: TokenLimitsView) => ({ token: limitsJson(view.token), policy: limitsJson(view.policy), current: view.current.map(rateLimitJson) });

const PATH = '/admin/tokenward/v1/orgs/:orgId/tokens/:tokenId/limits';

export function tokenLimitsRoutes(deps: TokenLimitsRoutesDeps): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:tokens:admin');
  const write = requireAdmin(deps, 'write:tokens:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      PATH,
      {
        onRequest: read,
        schema: {
          tags: ['Tokens'],
          summary: "A token's rate limits and quota, and how much of each is left",
          params: OrgTokenParams,
          response: { 200: LimitsResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => viewJson(await deps.tokenLimits.view(request.params.orgId, request.params.tokenId)),
    );
    app.put(
      PATH,
      {
        onRequest: write,
        schema: {
          tags: ['Tokens'],
          summary: "Set a token's own rate limits and quota (they narrow its policy's)",
          description: 'Replaces the token\'s own limits; `{}` removes them. Verifications count against every limit of the token and of its policy.',
          params: OrgTokenParams,
          body: LimitsBody,
          response: { 200: LimitsResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => viewJson(await deps.tokenLimits.set(principalOf(request), request.params.orgId, request.params.tokenId, request.body, request.ip)),
    );
  };
}
