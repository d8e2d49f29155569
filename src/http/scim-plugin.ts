/**
 * The SCIM 2.0 service (docs/scim.md) as one encapsulated Fastify plugin under
 * `/scim/v2`: its own bearer authentication (SCIM tokens, not admin keys), `application/scim+json`
 * in and out, and its own error handler and 404, which answer in SCIM's error body (RFC 7644
 * §3.12) instead of the admin API's; the app-wide mapper in errors.ts stays for everything else.
 */
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isDomainError, type ErrorCode } from '../domain/errors.js';
import type { ScimGroupService } from '../service/scim-group-service.js';
import type { ScimTokenService } from '../service/scim-token-service.js';
import type { ScimUserService } from '../service/scim-user-service.js';
import { HTTP_OF_CODE } from './errors.js';
import { SCIM_CONTENT_TYPE, SCIM_PREFIX, scimErrorReply } from './scim-helpers.js';
import { scimDiscoveryRoutes } from './routes/scim-discovery.js';
import { scimGroupRoutes } from './routes/scim-groups.js';
import { scimUserRoutes } from './routes/scim-users.js';
import { bearerCredential } from './bearer.js';

export interface ScimDeps {
  scimTokens: ScimTokenService;
  scimUsers: ScimUserService;
  scimGroups: ScimGroupService;
  /** Tokenward's public base URL; SCIM's is it plus `/scim/v2`. */
  baseUrl(): string;
}

const SCIM_TYPE_OF_CODE: Partial<Record<ErrorCode, string>> = {
  SCIM_INVALID_FILTER: 'invalidFilter',
  SCIM_INVALID_SYNTAX: 'invalidSyntax',
  SCIM_INVALID_VALUE: 'invalidValue',
  SCIM_INVALID_PATH: 'invalidPath',
  SCIM_NO_TARGET: 'noTarget',
  VALIDATION_FAILED: 'invalidValue',
};

function scimTypeOf(code: ErrorCode, detail: string): string | undefined {
  // The directory's duplicate e-mail, userName and group name are 409 `uniqueness`; the last-owner
  // rule is a 409 too, with no scimType (RFC 7644 §3.12 has none for it).
  if (code === 'CONFLICT') return /already exists/i.test(detail) ? 'uniqueness' : undefined;
  return SCIM_TYPE_OF_CODE[code];
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isDomainError(error)) {
    // Another org's data is never reachable: an authorization failure reads as the resource not existing.
    const status = error.code === 'FORBIDDEN' || error.code === 'INSUFFICIENT_SCOPE' ? 403 : HTTP_OF_CODE[error.code].status;
    if (status < 500) return scimErrorReply(reply, status, error.detail, scimTypeOf(error.code, error.detail));
  }
  const status = error.statusCode ?? 500;
  if (!isDomainError(error) && status >= 400 && status < 500) {
    // Fastify's own client errors (unparseable JSON, media type, body size): their messages are written for clients.
    return scimErrorReply(reply, status, error.message, status === 400 ? 'invalidSyntax' : undefined);
  }
  request.log.error({ err: error }, 'unexpected error');
  return scimErrorReply(reply, 500, `${ERROR_CODES.INTERNAL_ERROR} Quote request id ${request.id} when reporting it.`);
}

/** Deeper than any SCIM resource or PatchOp gets; deeper bodies would only exhaust the stack later. */
const MAX_BODY_DEPTH = 32;

/** Iterative, so the check itself cannot overflow the stack. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (typeof current !== 'object' || current === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > MAX_BODY_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * `application/scim+json` and `application/json` bodies, for this plugin only: Fastify's own
 * (prototype-poisoning-safe) JSON parser, an empty body as no body, and a nesting limit.
 */
function acceptScimJson(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(['application/json', 'application/scim+json'], { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    parseJson(request, text, (error: Error | null, parsed?: unknown) => {
      if (error) return done(error, undefined);
      if (depthOf(parsed) > MAX_BODY_DEPTH) {
        return done(Object.assign(new Error(`The body is nested deeper than ${MAX_BODY_DEPTH} levels.`), { statusCode: 400 }), undefined);
      }
      done(null, parsed);
    });
  });
}

export function scimPlugin(deps: ScimDeps): FastifyPluginAsync {
  return async (app) => {
    acceptScimJson(app);
    app.setErrorHandler(handleError);
    const notFound = (request: FastifyRequest, reply: FastifyReply) => scimErrorReply(reply, 404, `No SCIM endpoint ${request.method} ${request.url.split('?')[0]}.`);
    app.setNotFoundHandler(notFound);
    // The console's `GET /*` fallback (routes/console.ts) would otherwise win over this plugin's
    // not-found handler for unknown SCIM paths and answer them in the admin API's body.
    app.all('/*', { schema: { hide: true } }, async (request, reply) => notFound(request, reply));
    app.addHook('onRequest', async (request) => {
      request.principal = await deps.scimTokens.authenticate(bearerCredential(request.headers.authorization));
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (String(reply.getHeader('content-type') ?? '').startsWith('application/json')) reply.type(SCIM_CONTENT_TYPE);
      return payload;
    });
    const base = () => `${deps.baseUrl()}${SCIM_PREFIX}`;
    await app.register(scimDiscoveryRoutes({ base }));
    await app.register(scimUserRoutes({ scimUsers: deps.scimUsers, base }));
    await app.register(scimGroupRoutes({ scimGroups: deps.scimGroups, base }));
  };
}
