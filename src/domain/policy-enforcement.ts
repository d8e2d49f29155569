/**
 * Where policies bite: when a token is born (self-service, approval, central issuance)
 * and when it is used (the verifier calls `checkTokenUse`). Pure: no I/O, `now` passed in.
 */
import { DomainError } from './errors.js';
import { isIpAllowed } from './ip-allowlist.js';
import type { Token } from './models.js';
import type { PolicyRule } from './policy.js';
import { DAY_MS } from './time.js';



/** The parts of an effective policy that enforcement needs, the allowed scopes already expanded. */
export interface EnforceableRule {
  policyId: string;
  policyName: string;
  rule: PolicyRule;
  /** `rule.allowedScopes` expanded against the org's catalogue (classes become names). */
  allowedScopeNames: ReadonlySet<string>;
}

export interface GrantRequest {
  scopes: readonly string[];
  /** Unset: the policy's default lifetime. */
  lifetimeDays?: number | undefined;
}

export interface Grant {
  scopes: string[];
  lifetimeDays: number;
}

const HOW_TO_ASK = 'Ask an administrator to change the policy or to assign you to another one.';

/**
 * The scopes and lifetime a new token gets, or a refusal. A lifetime above the cap is refused, never
 * clamped: the requester asked for something specific and must know it was not granted
 * (docs/policies.md, "Refuse, not clamp").
 */
export function grantWithinPolicy(enforceable: EnforceableRule, request: GrantRequest): Grant {
  const { rule, policyName } = enforceable;
  const scopes = [...new Set(request.scopes)];
  const disallowed = scopes.filter((s) => !enforceable.allowedScopeNames.has(s));
  if (disallowed.length > 0) {
    throw new DomainError('SCOPE_NOT_ALLOWED', `The policy "${policyName}" does not allow the scopes ${disallowed.join(', ')}. ${HOW_TO_ASK}`);
  }
  const lifetimeDays = request.lifetimeDays ?? rule.defaultLifetimeDays;
  if (!Number.isInteger(lifetimeDays) || lifetimeDays < 1) throw new DomainError('VALIDATION_FAILED', 'The lifetime must be a whole number of days, at least 1.');
  if (lifetimeDays > rule.maxLifetimeDays) {
    throw new DomainError('LIFETIME_TOO_LONG', `The policy "${policyName}" caps token lifetimes at ${rule.maxLifetimeDays} days; ${lifetimeDays} were asked for.`);
  }
  return { scopes, lifetimeDays };
}

export type UseRefusal = 'USE_BLOCKED_BY_POLICY' | 'IP_NOT_ALLOWED' | 'INSUFFICIENT_SCOPE';

export type UseDecision =
  | { allowed: true; /** The token's scopes the policy still allows: what the call may use. */ usableScopes: string[] }
  | { allowed: false; code: UseRefusal; detail: string };

export interface TokenUseCheck {
  enforceable: EnforceableRule;
  tokenScopes: readonly string[];
  /** The token's own IP allowlist, narrowing the policy's: an address must pass both. Empty or absent: none. */
  tokenIpAllowlist?: readonly string[] | undefined;
  /** The caller's address; null when unknown (refused by a non-empty allowlist). */
  ip: string | null;
  /** Scopes the call needs; every one must be among the usable scopes. */
  requiredScopes?: readonly string[] | undefined;
}

/**
 * The verifier: may this token be used now, from this address, for this call? Checks in this
 * order: the policy blocks use; the address is outside the policy's allowlist, or outside the
 * token's own; the call needs a scope the
 * token lacks or the policy no longer allows (a token left as it was after a policy tightened keeps
 * its scopes on record, but cannot use the disallowed ones). Token status and expiry are the
 * verifier's own checks (`tokenUnusableReason`), before this one.
 *
 *   checkTokenUse({ enforceable, tokenScopes: ['read:jira-work'], ip: '10.1.2.3', requiredScopes: ['read:jira-work'] })
 *   // -> { allowed: true, usableScopes: ['read:jira-work'] }
 */
export function checkTokenUse(check: TokenUseCheck): UseDecision {
  const { enforceable } = check;
  const { policyName } = enforceable;
  switch (tokenUseRefusal(check)) {
    case 'USE_BLOCKED_BY_POLICY':
      return { allowed: false, code: 'USE_BLOCKED_BY_POLICY', detail: `The policy "${policyName}" blocks the use of API tokens.` };
    case 'POLICY_IP':
      return { allowed: false, code: 'IP_NOT_ALLOWED', detail: `The policy "${policyName}" does not allow API tokens from this address.` };
    case 'TOKEN_IP':
      return { allowed: false, code: 'IP_NOT_ALLOWED', detail: "The token's own IP allowlist does not allow this address." };
    case 'INSUFFICIENT_SCOPE': {
      const missing = (check.requiredScopes ?? []).filter((s) => !isUsableScope(check, s));
      return { allowed: false, code: 'INSUFFICIENT_SCOPE', detail: `The token may not use the scopes ${missing.join(', ')}.` };
    }
    default:
      return { allowed: true, usableScopes: check.tokenScopes.filter((s) => enforceable.allowedScopeNames.has(s)) };
  }
}

/**
 * Why `checkTokenUse` would refuse, or null: the same checks in the same order, with nothing
 * built. Verification only needs the code, on every call.
 */
export function tokenUseRefusal(check: TokenUseCheck): 'USE_BLOCKED_BY_POLICY' | 'POLICY_IP' | 'TOKEN_IP' | 'INSUFFICIENT_SCOPE' | null {
  const { rule } = check.enforceable;
  if (rule.tokenUse === 'blocked') return 'USE_BLOCKED_BY_POLICY';
  if (!isIpAllowed(rule.ipAllowlist, check.ip)) return 'POLICY_IP';
  if (check.tokenIpAllowlist && !isIpAllowed(check.tokenIpAllowlist, check.ip)) return 'TOKEN_IP';
  for (const scope of check.requiredScopes ?? []) if (!isUsableScope(check, scope)) return 'INSUFFICIENT_SCOPE';
  return null;
}

/** Held by the token and still allowed by its policy. */
function isUsableScope(check: TokenUseCheck, scope: string): boolean {
  return check.enforceable.allowedScopeNames.has(scope) && check.tokenScopes.includes(scope);
}

export type Violation = 'LIFETIME_TOO_LONG' | 'SCOPES_NOT_ALLOWED' | 'IP_NOT_ALLOWED' | 'USE_BLOCKED';

export interface TokenViolations {
  violations: Violation[];
  disallowedScopes: string[];
}

/**
 * How an existing token breaks a rule (impact preview). Lifetime: it expires later than
 * `now + maxLifetimeDays`, or never. IP: its last use came from outside the allowlist.
 */
export function violationsOf(enforceable: EnforceableRule, token: Pick<Token, 'scopes' | 'expiresAt'> & { lastActiveIp: string | null }, now: Date): TokenViolations {
  const { rule } = enforceable;
  const violations: Violation[] = [];
  const cap = now.getTime() + rule.maxLifetimeDays * DAY_MS;
  if (token.expiresAt === null || token.expiresAt.getTime() > cap) violations.push('LIFETIME_TOO_LONG');
  const disallowedScopes = token.scopes.filter((s) => !enforceable.allowedScopeNames.has(s));
  if (disallowedScopes.length > 0) violations.push('SCOPES_NOT_ALLOWED');
  if (token.lastActiveIp !== null && !isIpAllowed(rule.ipAllowlist, token.lastActiveIp)) violations.push('IP_NOT_ALLOWED');
  if (rule.tokenUse === 'blocked') violations.push('USE_BLOCKED');
  return { violations, disallowedScopes };
}

/**
 * Clamping a token to a rule: expiry no later than `now + maxLifetimeDays`, disallowed scopes
 * dropped. `revoke` is true when nothing usable would remain (every scope dropped).
 */
export function clampToRule(enforceable: EnforceableRule, token: Pick<Token, 'scopes' | 'expiresAt'>, now: Date): { expiresAt: Date; scopes: string[]; revoke: boolean } {
  const cap = now.getTime() + enforceable.rule.maxLifetimeDays * DAY_MS;
  const expiresAt = new Date(token.expiresAt === null ? cap : Math.min(token.expiresAt.getTime(), cap));
  const scopes = token.scopes.filter((s) => enforceable.allowedScopeNames.has(s));
  return { expiresAt, scopes, revoke: token.scopes.length > 0 && scopes.length === 0 };
}
