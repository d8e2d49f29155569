/**
 * Authentication of admin and member routes: `onRequest` hooks that turn the bearer admin API key,
 * or the session cookie (src/http/session-auth.ts, with CSRF on state-changing requests), into
 * `request.principal`, and check it against the route's org and scope. Every refusal is a
 * DomainError, so the one error mapper words it.
 */
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { authorizeOrgAccess, type Principal, type UserSessionPrincipal } from '../domain/principal.js';
import type { AdminScope } from '../domain/scopes.js';
import type { InstanceAdminPrincipal, InstanceService } from '../service/instance-service.js';
import type { TokenService } from '../service/token-service.js';
import { assertCsrf } from './session-auth.js';
import { bearerCredential } from './bearer.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** Set on instance routes only: the instance key that called. */
    instanceAdmin?: InstanceAdminPrincipal | undefined;
  }
}

export interface AuthDeps {
  tokens: Pick<TokenService, 'authenticateAdminKey'>;
}

/** The session resolved by the app-wide hook (src/http/session-auth.ts), after its CSRF check. */
function signedInPrincipal(request: FastifyRequest): UserSessionPrincipal | null {
  if (!request.signedIn) return null;
  assertCsrf(request);
  return request.signedIn.principal;
}

/**
 * Admin routes. `scope` null: any admin access to the route's org (every valid admin key; a
 * person whose role holds an admin scope). On routes without `orgId`, a person is checked
 * against their own org, so a member reaches no admin route at all.
 */
export function requireAdmin(deps: AuthDeps, scope: AdminScope | null): onRequestAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const orgId = (request.params as { orgId?: unknown } | undefined)?.orgId;
    const person = signedInPrincipal(request);
    if (person) {
      authorizeOrgAccess(person, typeof orgId === 'string' ? orgId : person.orgId, scope);
      request.principal = person;
      return;
    }
    if (request.headers.authorization === undefined && request.hasDeadSession) throw deadSessionError(request);
    const principal = await deps.tokens.authenticateAdminKey(bearerCredential(request.headers.authorization), {
      method: request.method,
      route: request.routeOptions.url ?? null,
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? null,
    });
    if (typeof orgId === 'string') authorizeOrgAccess(principal, orgId, scope);
    request.principal = principal;
  };
}

/**
 * Member routes (`/api/v1/me/...`): a signed-in person only, never an API key, with CSRF on
 * state-changing requests. Handlers get the person from `sessionPrincipalOf(request)` and must
 * scope every read and change to that person's own id: that is the whole of "a member reaches only
 * their own data"; `/api/v1/me/tokens` hangs here too.
 */
export function requireSession(): onRequestAsyncHookHandler {
  return async (request: FastifyRequest) => {
    if (request.headers.authorization !== undefined) throw new DomainError('UNAUTHENTICATED', 'This route is for signed-in people: API keys do not reach it.');
    const person = signedInPrincipal(request);
    if (!person) throw request.hasDeadSession ? deadSessionError(request) : new DomainError('UNAUTHENTICATED', 'Sign in first.');
    request.principal = person;
  };
}

/** Why a cookie opens nothing: its session ended, or its org is disabled. */
export function deadSessionError(request: FastifyRequest): DomainError {
  return request.isSessionOrgDisabled ? new DomainError('ORG_DISABLED') : new DomainError('UNAUTHENTICATED', 'Your session has ended: sign in again.');
}

/**
 * Instance routes: the instance administrator's key only. A person's session, an org admin key or
 * any other org credential is FORBIDDEN (known, but not the instance administrator); a missing,
 * malformed or unknown key is UNAUTHENTICATED.
 */
export function requireInstanceAdmin(deps: { instance: Pick<InstanceService, 'authenticate'> }): onRequestAsyncHookHandler {
  return async (request: FastifyRequest) => {
    if (request.headers.authorization === undefined) {
      if (request.signedIn || request.isSessionOrgDisabled) {
        throw new DomainError('FORBIDDEN', 'Instance routes take the instance administrator\'s key (twi_...), not a signed-in session.');
      }
      throw new DomainError('UNAUTHENTICATED', 'The instance key is missing.');
    }
    request.instanceAdmin = await deps.instance.authenticate(bearerCredential(request.headers.authorization));
  };
}

export function instanceAdminOf(request: FastifyRequest): InstanceAdminPrincipal {
  if (!request.instanceAdmin) throw new DomainError('UNAUTHENTICATED');
  return request.instanceAdmin;
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('UNAUTHENTICATED');
  return request.principal;
}

export function sessionPrincipalOf(request: FastifyRequest): UserSessionPrincipal {
  const principal = request.principal;
  if (!principal || principal.kind !== 'user_session') throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  return principal;
}
