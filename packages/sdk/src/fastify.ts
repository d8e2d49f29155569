/**
 * Fastify plugin: declare the scopes a route needs in its config, and the plugin verifies the
 * bearer token before the handler runs (401 for a missing or refused token, 403 for missing
 * scopes or a policy refusal, 429 with Retry-After past a rate limit or quota, 503 when Tokenward cannot be reached and `failClosed` is on).
 *
 *   await app.register(tokenwardPlugin, { client });
 *   app.get('/issues', { config: { tokenward: { scopes: ['read:jira-work'] } } }, handler);
 *   // in the handler: request.tokenward (the verdict: owner, scopes, tokenId)
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TokenwardClient, VerifyResult } from './client.js';
import { rateLimitHeaders, statusOfCode } from './status.js';

declare module 'fastify' {
  interface FastifyRequest {
    tokenward: VerifyResult | null;
  }
  interface FastifyContextConfig {
    tokenward?: { scopes?: readonly string[] };
  }
}

export interface TokenwardPluginOptions {
  client: TokenwardClient;
  /** Where the token is; default `Authorization: Bearer <token>`. */
  tokenOf?: (request: FastifyRequest) => string | undefined;
}

function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

const plugin: FastifyPluginAsync<TokenwardPluginOptions> = async (app, options) => {
  const tokenOf = options.tokenOf ?? bearerToken;
  app.decorateRequest('tokenward', null);
  app.addHook('onRequest', async (request, reply) => {
    const required = request.routeOptions.config.tokenward;
    if (!required) return;
    const token = tokenOf(request);
    if (!token) return reply.code(401).header('www-authenticate', 'Bearer').send({ error: 'MISSING_TOKEN' });
    const result = await options.client.verify(token, {
      scopes: required.scopes ?? [],
      ip: request.ip,
      method: request.method,
      route: request.routeOptions.url ?? request.url,
      userAgent: request.headers['user-agent'],
    });
    if (result.rateLimit) reply.headers(rateLimitHeaders(result.rateLimit, !result.valid));
    if (!result.valid) return reply.code(statusOfCode(result.code)).send({ error: result.code });
    request.tokenward = result;
  });
};

// Not encapsulated (as fastify-plugin does): the hook applies to the routes of the registering scope.
(plugin as unknown as Record<symbol, boolean>)[Symbol.for('skip-override')] = true;

export const tokenwardPlugin = plugin;
