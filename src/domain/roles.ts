/**
 * What a signed-in person's role lets them do on the admin API: the one mapping from
 * directory roles to admin scopes, so a session and an admin API key are two ways to the same
 * permissions. Pure: no I/O.
 *
 * | role              | admin scopes                                      |
 * |-------------------|---------------------------------------------------|
 * | owner, admin      | every admin scope                                 |
 * | auditor           | every `read:*` admin scope, nothing else          |
 * | approver          | the approval queue: read and approve token requests |
 * | member            | none                                              |
 */
import type { UserRole } from './models.js';
import { ADMIN_SCOPES, type AdminScope } from './scopes.js';

const READ_SCOPES: readonly AdminScope[] = ADMIN_SCOPES.filter((scope) => scope.startsWith('read:'));

const SCOPES_OF_ROLE: Record<UserRole, readonly AdminScope[]> = {
  owner: ADMIN_SCOPES,
  admin: ADMIN_SCOPES,
  auditor: READ_SCOPES,
  approver: ['read:token-requests:admin', 'approve:token-requests:admin'],
  member: [],
};

/**
 * The admin scopes a role holds. Unlike an admin key, an empty list means "none", never "all".
 *
 *   adminScopesOfRole('auditor') // ['read:tokens:admin', 'read:service-accounts-tokens:admin', ...]
 */
export function adminScopesOfRole(role: UserRole): readonly AdminScope[] {
  return SCOPES_OF_ROLE[role];
}

/** True when the role reaches at least one admin route. */
export function isAdminRole(role: UserRole): boolean {
  return SCOPES_OF_ROLE[role].length > 0;
}
