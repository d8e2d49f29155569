/**
 * Per-caller rate limiting with Atlassian's headers (CONTRACT.md §1.3): every response carries
 * `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset` (an ISO-8601 UTC date-time,
 * where @fastify/rate-limit gives seconds: rewritten in `onSend`); past the limit, 429 with
 * `Retry-After` in seconds (our reading there, harmless). The caller is the admin key (a digest of the
 * Authorization header, never the header itself), else the session cookie (a digest), else the client IP. With Redis the
 * counters are shared by every node.
 */
import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { DomainError } from '../domain/errors.js';
import { redisStoreWithLocalFallback } from './rate-limit-store.js';

export interface RateLimitOptions {
  max: number;
  windowSeconds: number;
  redis?: Redis | undefined;
  /** Hears each Redis outcome of the counters (null: it answered), to track Redis's health. */
  onRedisAnswer?: ((error: Error | null) => void) | undefined;
  /** Paths never limited (probes and metrics scrapers). */
  exemptPaths?: readonly string[];
}

const SESSION_COOKIE_VALUE = /(?:^|;\s*)tw_session=([^;]+)/;

function callerKey(request: FastifyRequest): string {
  const authorization = request.headers.authorization;
  if (authorization) return `key:${createHash('sha256').update(authorization).digest('base64url').slice(0, 32)}`;
  // A signed-in person is counted by their session, so people behind one NAT do not
  // share a budget; a made-up cookie only buys the same budget an IP has.
  const session = SESSION_COOKIE_VALUE.exec(request.headers.cookie ?? '')?.[1];
  if (session) return `session:${createHash('sha256').update(session).digest('base64url').slice(0, 32)}`;
  return `ip:${request.ip}`;
}

/**
 * Registers the limiter: its decorators at the root (`app.rateLimit()`, which routes with a limit of
 * their own use), no limit yet. `limitRoutesOf` applies the API-wide limit to a scope.
 */
export async function registerRateLimit(app: FastifyInstance, options: RateLimitOptions): Promise<void> {
  const exempt = new Set(options.exemptPaths ?? []);
  await app.register(fastifyRateLimit, {
    // Not per route: one onRequest hook of the scope (below) runs before every route's own hooks,
    // so even a request refused by authentication is counted and carries the headers.
    global: false,
    max: options.max,
    timeWindow: options.windowSeconds * 1000,
    // Shared counters in Redis; while Redis is away, this node's own (rate-limit-store.ts).
    ...(options.redis ? { store: redisStoreWithLocalFallback(options.redis, 'tokenward-rate-limit:', options.onRedisAnswer ?? (() => undefined)) } : {}),
    // Never reached with the store above (it falls back itself); a last resort all the same.
    skipOnError: true,
    keyGenerator: callerKey,
    allowList: (request) => exempt.has(request.url.split('?')[0] ?? ''),
    errorResponseBuilder: (_request, context) =>
      new DomainError('RATE_LIMITED', `Rate limit of ${context.max} requests exceeded; retry after ${context.after}.`),
  });
}

/**
 * Limits every route of `scope`, and its 404s when the scope sets the not-found handler, except
 * the exempt paths. Routes outside the scope (probes, verification) pay nothing for it.
 */
export function limitRoutesOf(scope: FastifyInstance, options: RateLimitOptions): void {
  const exempt = new Set(options.exemptPaths ?? []);
  const limit = scope.rateLimit();
  scope.addHook('onRequest', async (request, reply) => {
    if (exempt.has(request.routeOptions.url ?? '')) return;
    await limit.call(scope, request, reply);
  });
  scope.addHook('onSend', async (_request, reply, payload) => {
    const reset = reply.getHeader('x-ratelimit-reset');
    if (reset !== undefined && /^\d+$/.test(String(reset))) {
      reply.header('x-ratelimit-reset', new Date(Date.now() + Number(reset) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
    return payload;
  });
}
