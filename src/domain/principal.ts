/**
 * Who is calling, once authenticated, and the pure rule of what they may reach. Two kinds: an org
 * admin API key (bearer), and a person signed in with a session cookie, whose role maps
 * to admin scopes through `src/domain/roles.ts`.
 */
import { DomainError } from './errors.js';
import type { UserRole } from './models.js';
import { adminScopesOfRole, isAdminRole } from './roles.js';
import { grantsScope, type AdminScope } from './scopes.js';

export interface AdminKeyPrincipal {
  kind: 'admin_key';
  tokenId: string;
  orgId: string;
  scopes: readonly string[];
}

/** A signed-in person. The role is read from the directory at each request, so a change applies at once. */
export interface UserSessionPrincipal {
  kind: 'user_session';
  userId: string;
  orgId: string;
  role: UserRole;
  /** The session's id (`ses_...`), never its secret. */
  sessionId: string;
}

/**
 * An identity provider's SCIM client (docs/scim.md), authenticated by a SCIM token of one
 * org. It holds the directory scopes only, so the directory services apply their usual rules to it,
 * and its changes are audited with the SCIM token as the actor.
 */
export interface ScimTokenPrincipal {
  kind: 'scim_token';
  tokenId: string;
  orgId: string;
  scopes: readonly string[];
}

export type Principal = AdminKeyPrincipal | UserSessionPrincipal | ScimTokenPrincipal;

/** The audit actor of a principal. */
export function actorOf(principal: Principal): { actorType: 'admin_key' | 'user' | 'scim_token'; actorId: string } {
  return principal.kind === 'user_session' ? { actorType: 'user', actorId: principal.userId } : { actorType: principal.kind, actorId: principal.tokenId };
}

/** What `createdBy`/`revokedBy` columns record: the key's (or SCIM token's) id or the person's user id. */
export function principalId(principal: Principal): string {
  return principal.kind === 'user_session' ? principal.userId : principal.tokenId;
}

/**
 * Throws unless the principal may act on `orgId` with `scope`. Another org's caller gets FORBIDDEN
 * (403, never data), checked before the scope so a scoped key cannot probe other orgs. `scope`
 * null means "any admin access to the org": every admin key, and a person whose role holds at
 * least one admin scope.
 */
export function authorizeOrgAccess(principal: Principal, orgId: string, scope: AdminScope | null): void {
  if (principal.kind !== 'user_session') {
    if (principal.orgId !== orgId) throw new DomainError('FORBIDDEN', 'This API key belongs to another organization.');
    if (scope && !grantsScope(principal.scopes, scope)) {
      throw new DomainError('INSUFFICIENT_SCOPE', `Insufficient scope. This operation needs the scope ${scope}.`);
    }
    return;
  }
  if (principal.orgId !== orgId) throw new DomainError('FORBIDDEN', 'You are signed in to another organization.');
  const allowed = scope ? adminScopesOfRole(principal.role).includes(scope) : isAdminRole(principal.role);
  if (!allowed) throw new DomainError('FORBIDDEN', `Your role (${principal.role}) may not do this${scope ? `: it needs ${scope}` : ''}.`);
}
