/**
 * Who is calling, once authenticated, and the pure rule of what they may reach. Issue #5 adds
 * signed-in users as a second kind of principal with the same permissions model.
 */
import { DomainError } from './errors.js';
import { grantsScope, type AdminScope } from './scopes.js';

export interface AdminKeyPrincipal {
  kind: 'admin_key';
  tokenId: string;
  orgId: string;
  scopes: readonly string[];
}

/**
 * An identity provider's SCIM client (issue #5, docs/scim.md), authenticated by a SCIM token of one
 * org. It holds the directory scopes only, so the directory services apply their usual rules to it,
 * and its changes are audited with the SCIM token as the actor.
 */
export interface ScimTokenPrincipal {
  kind: 'scim_token';
  tokenId: string;
  orgId: string;
  scopes: readonly string[];
}

export type Principal = AdminKeyPrincipal | ScimTokenPrincipal;

/** The audit actor of a principal. */
export function actorOf(principal: Principal): { actorType: 'admin_key' | 'scim_token'; actorId: string } {
  return { actorType: principal.kind, actorId: principal.tokenId };
}

/**
 * Throws unless the principal may act on `orgId` with `scope`. Another org's key gets FORBIDDEN
 * (403, never data), checked before the scope so a scoped key cannot probe other orgs.
 */
export function authorizeOrgAccess(principal: Principal, orgId: string, scope: AdminScope | null): void {
  if (principal.orgId !== orgId) throw new DomainError('FORBIDDEN', 'This API key belongs to another organization.');
  if (scope && !grantsScope(principal.scopes, scope)) {
    throw new DomainError('INSUFFICIENT_SCOPE', `Insufficient scope. This operation needs the scope ${scope}.`);
  }
}
