/**
 * GET …/orgs/{orgId}/rate-limits: the limits this server enforces (the console's settings page). They
 * are server configuration (TOKENWARD_RATE_LIMIT_*, TOKENWARD_LOGIN_RATE_LIMIT_*), the same for
 * every org, so this only reads them; Our reading: under read:automation:admin, the scope of the other
 * settings the page shows.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import type { RateLimitOptions } from '../rate-limit.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { RateLimitsJson } from '../schemas/rate-limits.js';
import { SIGN_IN_WINDOW_MS, type SignInRateLimit } from './auth.js';

export function rateLimitRoutes(deps: { tokens: TokenService; rateLimit: RateLimitOptions; signInRateLimit: SignInRateLimit }): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:automation:admin');
  const answer = {
    api: { max: deps.rateLimit.max, windowSeconds: deps.rateLimit.windowSeconds, isShared: deps.rateLimit.redis !== undefined, exemptPaths: [...(deps.rateLimit.exemptPaths ?? [])] },
    signIn: { perEmail: deps.signInRateLimit.perEmail, perIp: deps.signInRateLimit.perIp, windowSeconds: SIGN_IN_WINDOW_MS / 1000 },
  };
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/admin/tokenward/v1/orgs/:orgId/rate-limits',
      {
        onRequest: read,
        schema: { tags: ['Automation'], summary: 'The rate limits this server enforces', description: 'Server configuration, the same for every org; read-only.', params: OrgParams, response: { 200: RateLimitsJson, ...ADMIN_ERROR_RESPONSES } },
      },
      async () => answer,
    );
  };
}
