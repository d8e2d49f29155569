/**
 * Authentication of admin routes: a `preHandler` that turns the bearer admin API key into
 * `request.principal` and checks it against the route's org and scope. Every refusal is a
 * DomainError, so the one error mapper words it.
 */
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { DomainError } from '../domain/errors.js';
import { authorizeOrgAccess, type Principal } from '../domain/principal.js';
import type { AdminScope } from '../domain/scopes.js';
import type { TokenService } from '../service/token-service.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface AuthDeps {
  tokens: Pick<TokenService, 'authenticateAdminKey'>;
}

/** `scope` null: any valid admin key of the route's org (or any org, on routes without `orgId`). */
export function requireAdmin(deps: AuthDeps, scope: AdminScope | null): onRequestAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const principal = await deps.tokens.authenticateAdminKey(request.headers.authorization);
    const orgId = (request.params as { orgId?: unknown } | undefined)?.orgId;
    if (typeof orgId === 'string') authorizeOrgAccess(principal, orgId, scope);
    request.principal = principal;
  };
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('UNAUTHENTICATED');
  return request.principal;
}
