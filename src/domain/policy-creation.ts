/**
 * Whether a member may create a token on their own, per scope class (docs/policies.md "Creation
 * per scope class"). A rule names a creation mode for each class (read, write, delete, admin); the
 * strictest mode among the classes of the requested scopes decides, so "read on your own, write
 * through an approver, admin never" is one policy. Pure: no I/O.
 */
import { DomainError } from './errors.js';
import type { EnforceableRule } from './policy-enforcement.js';
import type { PolicyRule, TokenCreation } from './policy.js';
import type { ScopeClass, ScopeDefinition } from './scope-catalogue.js';

const STRICTNESS: Record<TokenCreation, number> = { allowed: 0, approval: 1, blocked: 2 };

const MODE_WORDS: Record<TokenCreation, string> = { allowed: 'allows on one\'s own', approval: 'puts through approval', blocked: 'blocks' };

/** The stricter of two modes: blocked over approval over allowed. */
export function stricterMode(a: TokenCreation, b: TokenCreation): TokenCreation {
  return STRICTNESS[a] >= STRICTNESS[b] ? a : b;
}

/** The rule's mode for a class (a rule that names none for it: its general mode). */
export function creationModeOf(rule: PolicyRule, scopeClass: ScopeClass): TokenCreation {
  return rule.creationByClass?.[scopeClass] ?? rule.tokenCreation;
}

/** One requested scope, explained. */
export interface ScopeExplanation {
  scope: string;
  /** Null when the catalogue does not hold the scope (the request is refused later for it). */
  scopeClass: ScopeClass | null;
  description: string | null;
  /** Its class's mode; null for a scope the catalogue does not hold. */
  mode: TokenCreation | null;
  /** Whether the policy's allowed scopes hold it (a scope it does not allow is refused whatever the mode). */
  allowedByPolicy: boolean;
}

export interface CreationDecision {
  /**
   * The strictest mode among the requested scopes the catalogue holds. With none of them, the most
   * a member can do on their own, so that unknown names are refused as unknown, not as "blocked".
   */
  mode: TokenCreation;
  /** What self-service does: create at once, file a request, or refuse. */
  path: 'direct' | 'approval' | 'blocked';
  /** The classes whose mode decided (the strictest ones among the request). */
  decidingClasses: ScopeClass[];
  scopes: ScopeExplanation[];
  /** A sentence for people: which policy, which class, which mode. */
  reason: string;
}

const pathOf = (mode: TokenCreation): CreationDecision['path'] => (mode === 'allowed' ? 'direct' : mode);

/**
 * Explains and decides a self-service request for `scopes` under the governing rule.
 *
 *   decideCreation(enforceable, catalogue, ['read:jira-work', 'write:jira-work'])
 *   // -> { mode: 'approval', path: 'approval', decidingClasses: ['write'], ... } under the safe default
 */
export function decideCreation(enforceable: EnforceableRule, catalogue: readonly ScopeDefinition[], scopes: readonly string[]): CreationDecision {
  const { rule, policyName } = enforceable;
  const byName = new Map(catalogue.map((s) => [s.name, s]));
  const explained: ScopeExplanation[] = [...new Set(scopes)].map((scope) => {
    const known = byName.get(scope);
    const scopeClass = known?.scopeClass ?? null;
    return { scope, scopeClass, description: known?.description ?? null, mode: scopeClass ? creationModeOf(rule, scopeClass) : null, allowedByPolicy: enforceable.allowedScopeNames.has(scope) };
  });
  const modes = explained.flatMap((s) => (s.mode ? [s.mode] : []));
  const mode = modes.length === 0 ? mostPermissiveMode(rule) : modes.reduce(stricterMode);
  const deciding = explained.filter((s) => s.mode !== null && s.mode === mode);
  const decidingClasses = [...new Set(deciding.flatMap((s) => (s.scopeClass ? [s.scopeClass] : [])))];
  const reason =
    decidingClasses.length === 0
      ? `The policy "${policyName}" ${MODE_WORDS[mode]} the creation of API tokens.`
      : `The policy "${policyName}" ${MODE_WORDS[mode]} tokens with ${decidingClasses.join(' or ')} scopes (${deciding.map((s) => s.scope).join(', ')}); the strictest class among the requested scopes decides.`;
  return { mode, path: pathOf(mode), decidingClasses, scopes: explained, reason };
}

/** The most a member can do on their own under the rule: the most permissive class mode. */
export function mostPermissiveMode(rule: PolicyRule): TokenCreation {
  const modes = Object.values(rule.creationByClass ?? {});
  return modes.length === 0 ? rule.tokenCreation : modes.reduce((a, b) => (STRICTNESS[a] <= STRICTNESS[b] ? a : b));
}

/**
 * Refuses a blocked decision with the policy and the class named; otherwise the path to take.
 * Every class blocked keeps the whole-policy wording (members may create no token at all).
 */
export function selfCreationPathFor(enforceable: EnforceableRule, decision: CreationDecision): 'direct' | 'approval' {
  if (decision.path !== 'blocked') return decision.path;
  const { policyName, rule } = enforceable;
  const remedy = 'An administrator can issue one for you, or move you to a policy that allows creation.';
  const wholePolicy = mostPermissiveMode(rule) === 'blocked' || decision.decidingClasses.length === 0;
  const detail = wholePolicy
    ? `The policy "${policyName}" blocks members from creating API tokens. ${remedy}`
    : `The policy "${policyName}" blocks members from creating tokens with ${decision.decidingClasses.join(' or ')} scopes (${decision.scopes
        .filter((s) => s.mode === 'blocked')
        .map((s) => s.scope)
        .join(', ')}). ${remedy}`;
  throw new DomainError('TOKEN_CREATION_BLOCKED', detail);
}
