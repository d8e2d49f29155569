/**
 * `POST /api/v1/verify`: is this token valid, for this operation, from this IP? Called by
 * services holding a verifier key (an org admin API key with `verify:tokens`). 200 whatever the
 * verdict; 401 only when the caller's own key is bad. Lean on purpose: no audit entry, no write.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from '../../domain/errors.js';
import type { VerificationService, VerifierPrincipal, VerifyResult } from '../../service/verification-service.js';
import { ErrorRef } from '../schemas/common.js';
import { UsageReportBody, UsageReportResponse, VerifyBody, VerifyResponse } from '../schemas/verify.js';
import { rateLimitJson } from '../../domain/usage-limits.js';
import { bearerCredential } from '../bearer.js';

export const VERIFY_PATH = '/api/v1/verify';
/** Server-sent events of cache invalidations, for SDKs (packages/sdk). */
export const VERIFY_EVENTS_PATH = '/api/v1/verify/events';
export const VERIFY_USAGE_PATH = '/api/v1/verify/usage';

/**
 * Whether a request goes to one of the verification routes: they are not access-logged (at
 * thousands of verifications a second the log would be the load); the metrics and the usage
 * records are their trace.
 */
export function isVerifyUrl(url: string): boolean {
  return url.startsWith(VERIFY_PATH) && (url.length === VERIFY_PATH.length || url[VERIFY_PATH.length] === '/' || url[VERIFY_PATH.length] === '?');
}
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

declare module 'fastify' {
  interface FastifyRequest {
    verifier: VerifierPrincipal | null;
  }
}

/** The 200 answer: the verdict as the endpoint documents it (also the fast path's, verify-fast-path.ts). */
export function verifyAnswerJson(result: VerifyResult): VerifyResponse {
  // Built field by field, no object spread: on Node 20 `{ ...a, b }` costs over a microsecond.
  const owner = result.owner;
  const answer: VerifyResponse = {
    valid: result.valid,
    code: result.code,
    tokenId: result.tokenId,
    owner: owner && { type: owner.type, id: owner.id, name: owner.name, email: owner.email, groups: [...owner.groups] },
    scopes: [...result.scopes],
    expiresAt: result.expiresAtMs === null ? null : new Date(result.expiresAtMs).toISOString(),
  };
  // Only for a token with limits: answers on other tokens keep their shape.
  if (result.rateLimit) answer.rateLimit = rateLimitJson(result.rateLimit);
  return answer;
}

export interface VerifyRoutesDeps {
  verification: VerificationService;
}

export function verifyRoutes(deps: VerifyRoutesDeps): FastifyPluginAsync {
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    app.decorateRequest('verifier', null);
    const authenticate = async (request: FastifyRequest) => {
      request.verifier = await deps.verification.authenticateVerifier(bearerCredential(request.headers.authorization), {
        method: request.method,
        route: request.routeOptions.url ?? null,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      });
    };
    const verifierOf = (request: FastifyRequest) => {
      if (!request.verifier) throw new DomainError('UNAUTHENTICATED');
      return request.verifier;
    };
    // Open push streams, ended when the server closes (they would hold `close()` forever).
    const streams = new Set<ServerResponse>();
    app.addHook('preClose', async () => {
      for (const stream of streams) stream.end();
    });

    app.post(
      VERIFY_PATH,
      {
        onRequest: authenticate,
        schema: {
          tags: ['Verification'],
          summary: 'Verify a token (verifier key: an org admin API key holding verify:tokens)',
          description:
            'Always 200 with the verdict: `code` is VALID, MALFORMED, NOT_FOUND, REVOKED, EXPIRED, SUSPENDED, INSUFFICIENT_SCOPE, IP_NOT_ALLOWED, USE_BLOCKED_BY_POLICY, RATE_LIMITED or QUOTA_EXHAUSTED. A token of another organization is NOT_FOUND. `rateLimit` is set for a token with rate limits or a quota. 401 only when the caller\'s own key is bad.',
          body: VerifyBody,
          response: { 200: VerifyResponse, 400: ErrorRef, 401: ErrorRef, 500: ErrorRef },
        },
      },
      async (request) => {
        const verifier = verifierOf(request);
        const body = request.body;
        return verifyAnswerJson(await deps.verification.verify(verifier, body, { userAgent: body.userAgent, deferUsage: body.deferUsage }));
      },
    );

    app.get(
      VERIFY_EVENTS_PATH,
      {
        onRequest: authenticate,
        schema: {
          tags: ['Verification'],
          summary: "Server-sent events: cache invalidations of the verifier's organization",
          description:
            'For SDKs caching answers: `event: ready` once connected, then `event: invalidate` with `{"kind":"tokens","tokenIds":[...]}`, `{"kind":"owner","owner":{type,id}}`, `{"kind":"org"}` or `{"kind":"resync"}` (drop everything). Comment lines every 15 s.',
        },
      },
      async (request, reply) => {
        const verifier = verifierOf(request);
        reply.hijack();
        const stream = reply.raw;
        stream.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        stream.write('retry: 1000\nevent: ready\ndata: {}\n\n');
        streams.add(stream);
        const unsubscribe = deps.verification.subscribeOrgChanges(verifier.orgId, (change) => {
          const { orgId: _orgId, ...payload } = change as typeof change & { orgId?: string };
          stream.write(`event: invalidate\ndata: ${JSON.stringify(payload)}\n\n`);
        });
        const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS);
        heartbeat.unref();
        request.raw.once('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
          streams.delete(stream);
        });
      },
    );

    app.post(
      VERIFY_USAGE_PATH,
      {
        onRequest: authenticate,
        schema: {
          tags: ['Verification'],
          summary: 'Report usage answered from an SDK cache',
          description: 'Batches of verifications an SDK answered without asking the server; lines naming a token of another organization are ignored.',
          body: UsageReportBody,
          response: { 200: UsageReportResponse, 400: ErrorRef, 401: ErrorRef, 500: ErrorRef },
        },
      },
      async (request) => {
        const events = request.body.events.map((e) => ({ ...e, atMs: new Date(e.at).getTime() }));
        return { recorded: await deps.verification.reportUsage(verifierOf(request), events) };
      },
    );
  };
}
