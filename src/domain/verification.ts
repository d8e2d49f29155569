/**
 * The verdict of a token verification, as a pure function of what is known about the
 * token and its owner, the request and `now`. The server caches `TokenSnapshot`s (not verdicts):
 * expiry, requested scopes and the caller's IP change per request, so the verdict is recomputed
 * each time from the cached snapshot, which costs no I/O.
 */
import type { TokenKind } from './token-format.js';
import type { LimitSource, UsageLimits } from './usage-limits.js';

export const VERIFY_CODES = [
  'VALID',
  'MALFORMED',
  'NOT_FOUND',
  'REVOKED',
  'EXPIRED',
  'SUSPENDED',
  'INSUFFICIENT_SCOPE',
  'IP_NOT_ALLOWED',
  'USE_BLOCKED_BY_POLICY',
  'RATE_LIMITED',
  'QUOTA_EXHAUSTED',
  'ORG_DISABLED',
] as const;

export type VerifyCode = (typeof VERIFY_CODES)[number];

/** The codes a policy may answer (decided from the owner's effective policy). */
export type PolicyCode = 'USE_BLOCKED_BY_POLICY' | 'IP_NOT_ALLOWED' | 'INSUFFICIENT_SCOPE';

export interface VerifyRequest {
  token: unknown;
  /** Scopes the protected operation needs: the token must hold every one. */
  scopes?: readonly string[] | undefined;
  /** The end client's IP, as the calling service saw it. */
  ip?: string | undefined;
  method?: string | undefined;
  route?: string | undefined;
}

export interface OwnerSnapshot {
  type: 'user' | 'service_account';
  id: string;
  name: string;
  email: string;
  /** Names of the directory groups a user belongs to (none for a service account): the gateway picks an upstream credential by them. */
  groups: readonly string[];
  /** False when the user is deactivated or the service account inactive or deleted. */
  isActive: boolean;
}

/** What verification needs to know about a token, loaded once and then served from memory. */
export interface TokenSnapshot {
  tokenId: string;
  orgId: string;
  kind: TokenKind;
  status: 'active' | 'suspended' | 'revoked';
  scopes: readonly string[];
  expiresAtMs: number | null;
  /** null for org admin API keys, which belong to the org rather than to a person. */
  owner: OwnerSnapshot | null;
  /**
   * Set when the presented secret is the previous one of a rotated token: it matches until then
   * (the grace period), and is NOT_FOUND after.
   */
  matchesUntilMs: number | null;
  /** The token's own IP allowlist (CIDR blocks; empty: none), which narrows its policy's. */
  ipAllowlist: readonly string[];
  /** Whatever the policy seam loaded for this owner (see `VerificationPolicy`); opaque here. */
  policy: unknown;
  /** Rate limits and quotas of the policy and of the token itself (empty: none); counted after the verdict. */
  limits: readonly { source: LimitSource; limits: UsageLimits }[];
  /** The instance administrator disabled the token's org: nothing of it verifies until it is enabled. */
  orgDisabled?: boolean;
}

/**
 * The policy seam: the policy rules provide the real check. `check` is pure and sees the policy data its
 * `load` half fetched when the snapshot was cached (so the hot path stays free of I/O); a policy
 * change publishes `orgChanged`, which drops the org's snapshots.
 */
export type PolicyCheck = (token: TokenSnapshot, owner: OwnerSnapshot | null, request: VerifyRequest, nowMs: number) => PolicyCode | null;

/** "No policy": what verification enforces until the policies work is wired in. */
export const noPolicyCheck: PolicyCheck = () => null;

export interface Verdict {
  valid: boolean;
  code: VerifyCode;
  /** Null when nothing of the verifier's org matched. */
  snapshot: TokenSnapshot | null;
}

/**
 * Order of the checks: the org disabled, revoked, suspended (token or owner), expired, the policy (blocked, IP,
 * policy scopes), then the scopes the request asks for. A token of another org than the verifier's
 * is NOT_FOUND, exactly as an unknown one, so a verifier cannot probe other orgs.
 */
export function verdictOf(
  snapshot: TokenSnapshot | null,
  verifierOrgId: string,
  request: VerifyRequest,
  nowMs: number,
  policyCheck: PolicyCheck = noPolicyCheck,
): Verdict {
  const isGraceOver = snapshot?.matchesUntilMs != null && snapshot.matchesUntilMs <= nowMs;
  if (!snapshot || snapshot.orgId !== verifierOrgId || isGraceOver) return { valid: false, code: 'NOT_FOUND', snapshot: null };
  if (snapshot.orgDisabled) return refuse('ORG_DISABLED', snapshot);
  if (snapshot.status === 'revoked') return refuse('REVOKED', snapshot);
  if (snapshot.status === 'suspended' || (snapshot.owner && !snapshot.owner.isActive)) return refuse('SUSPENDED', snapshot);
  if (snapshot.expiresAtMs !== null && snapshot.expiresAtMs <= nowMs) return refuse('EXPIRED', snapshot);
  const policyCode = policyCheck(snapshot, snapshot.owner, request, nowMs);
  if (policyCode) return refuse(policyCode, snapshot);
  if (request.scopes && !holdsScopes(snapshot.scopes, request.scopes)) return refuse('INSUFFICIENT_SCOPE', snapshot);
  return { valid: true, code: 'VALID', snapshot };
}

// Module-level, not a closure per call: verdictOf runs on every verification.
function refuse(code: VerifyCode, snapshot: TokenSnapshot): Verdict {
  return { valid: false, code, snapshot };
}

function holdsScopes(held: readonly string[], needed: readonly string[]): boolean {
  for (const scope of needed) if (!held.includes(scope)) return false;
  return true;
}

/** Whether a verdict counts as an error in usage aggregates: anything but VALID. */
export function isErrorCode(code: VerifyCode): boolean {
  return code !== 'VALID';
}
