/**
 * The policy defaults every org has: the built-in scope catalogue and the default
 * policy. Seeded when the org is bootstrapped, and lazily for orgs made before the catalogue
 * existed (or by other paths): `ensurePolicyDefaults` is idempotent and race-safe (conflicting
 * inserts are ignored; the default policy's id is derived from the org id).
 */
import type { TokenOwner } from '../domain/models.js';
import { DEFAULT_POLICY_NAME, defaultPolicyIdOf, OPEN_RULE, type PolicyRule } from '../domain/policy.js';
import { resolveEffectivePolicy, type EffectivePolicy } from '../domain/policy-resolution.js';
import type { EnforceableRule } from '../domain/policy-enforcement.js';
import { allowedScopeNames, DEFAULT_SCOPE_CATALOGUE, type ScopeDefinition } from '../domain/scope-catalogue.js';
import type { Stores } from '../store/stores.js';

/**
 * `rule`: the default policy's rule when it is seeded now. A fresh install passes the safe default
 * (bootstrap); an org seeded lazily keeps the open rule it was living under, so nobody loses access
 * by an upgrade.
 */
export async function ensurePolicyDefaults(tx: Stores, orgId: string, now: Date, rule: PolicyRule = OPEN_RULE): Promise<void> {
  const id = defaultPolicyIdOf(orgId);
  if (await tx.policies.hasDefault(orgId, id)) return;
  await tx.scopes.insertMissing(orgId, DEFAULT_SCOPE_CATALOGUE, now);
  await tx.policies.insert(
    { id, orgId, name: DEFAULT_POLICY_NAME, status: 'enabled', priority: 0, isDefault: true, rule, assignees: { groupIds: [], userIds: [], serviceAccountIds: [] }, createdAt: now, updatedAt: now },
    { ignoreExisting: true },
  );
}

/** A person's governing policy, resolved, with its allowed scopes expanded against the catalogue. */
export interface ResolvedPolicy {
  effective: EffectivePolicy;
  enforceable: EnforceableRule;
  catalogue: ScopeDefinition[];
}

export function enforceableOf(effective: EffectivePolicy, catalogue: readonly ScopeDefinition[]): EnforceableRule {
  return {
    policyId: effective.policy.id,
    policyName: effective.policy.name,
    rule: effective.rule,
    allowedScopeNames: allowedScopeNames(effective.rule.allowedScopes, catalogue),
  };
}

/**
 * Resolves the governing policy of a user or service account: two queries (candidates, catalogue),
 * plus the one-time seeding of an org that has no defaults yet.
 */
export async function resolvePolicyOf(tx: Stores, orgId: string, owner: TokenOwner, now: Date): Promise<ResolvedPolicy> {
  let candidates = await tx.policies.candidatesFor(orgId, owner);
  if (!candidates.some((c) => c.policy.isDefault)) {
    await ensurePolicyDefaults(tx, orgId, now);
    candidates = await tx.policies.candidatesFor(orgId, owner);
  }
  const catalogue = await tx.scopes.list(orgId);
  const effective = resolveEffectivePolicy(candidates);
  return { effective, enforceable: enforceableOf(effective, catalogue), catalogue };
}
