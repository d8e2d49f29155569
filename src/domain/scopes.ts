/**
 * Scopes of org admin API keys. The first nine are Atlassian's exact strings (CONTRACT.md §1.2), so
 * admins' scoped keys mean the same here; `verify:tokens` is Tokenward's own: a service
 * holding it may ask whether a token is valid, and nothing else. The `*:directory:admin` pair is
 * Tokenward's too: reading and changing the org's users and groups. The policy scopes
 * are Atlassian's organization-policy strings (CONTRACT.md §6.2) reused for Tokenward's
 * authentication policies and scope catalogue; the `*:token-requests:admin` pair is Tokenward's
 *: seeing the approval queue and deciding requests. The `*:audit-log:admin` pair
 *: reading and exporting the audit log; changing its retention and purging.
 * `*:automation:admin`: reading and managing jobs, webhooks and notification settings.
 * `read:usage:admin` reads what tokens did (the activity API).
 */
export const ADMIN_SCOPES = [
  'read:tokens:admin',
  'delete:tokens:admin',
  'write:tokens:admin',
  'read:service-accounts-tokens:admin',
  'delete:service-accounts-tokens:admin',
  'read:service-accounts:admin',
  'write:service-accounts:admin',
  'read:keys:admin',
  'delete:keys:admin',
  'verify:tokens',
  'read:directory:admin',
  'write:directory:admin',
  'read:policies:admin',
  'write:policies:admin',
  'delete:policies:admin',
  'read:token-requests:admin',
  'approve:token-requests:admin',
  'read:audit-log:admin',
  'write:audit-log:admin',
  'read:automation:admin',
  'write:automation:admin',
  'read:usage:admin',
] as const;

export type AdminScope = (typeof ADMIN_SCOPES)[number];

export function isAdminScope(value: string): value is AdminScope {
  return (ADMIN_SCOPES as readonly string[]).includes(value);
}

/**
 * An unscoped key (no scopes recorded) reaches every admin operation, as Atlassian's unscoped keys
 * do (CONTRACT.md §1.2, our reading there); a scoped key only what it holds.
 */
export function grantsScope(heldScopes: readonly string[], needed: AdminScope): boolean {
  return heldScopes.length === 0 || heldScopes.includes(needed);
}
