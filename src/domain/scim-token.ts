/** SCIM bearer tokens (docs/scim.md): what a token is, and when it may be used. Pure. */

export interface ScimToken {
  id: string;
  orgId: string;
  label: string;
  /** `twp_` and the first characters: what may be shown and stored in clear. */
  displayPrefix: string;
  createdAt: Date;
  createdBy: string | null;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

export type ScimTokenStatus = 'active' | 'expired' | 'revoked';

export function scimTokenStatus(token: ScimToken, now: Date): ScimTokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/**
 * Last use is written at most once per this interval per token: an identity provider may send
 * dozens of requests a second, and a write for each would be load for no information.
 */
export const LAST_USED_RESOLUTION_MS = 60_000;

export function isLastUseStale(token: ScimToken, now: Date): boolean {
  return token.lastUsedAt === null || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}

/** The scopes a SCIM token carries: the directory and nothing else. */
export const SCIM_TOKEN_SCOPES: readonly string[] = ['read:directory:admin', 'write:directory:admin'];
