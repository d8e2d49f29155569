/**
 * What a policy change does to existing tokens ("impact preview and apply"). The change is
 * described by the org's policies after it; every live member or service-account token is resolved
 * against the policies before and after, and reported when, after the change, it breaks its
 * governing rule and that rule is the changed policy's or another one than before.
 */
import { tokenRef, type ActorRef } from '../domain/events.js';
import type { Token, TokenOwner } from '../domain/models.js';
import type { Policy } from '../domain/policy.js';
import { resolveEffectivePolicy, type PolicyCandidate } from '../domain/policy-resolution.js';
import { clampToRule, violationsOf, type EnforceableRule, type Violation } from '../domain/policy-enforcement.js';
import type { ScopeDefinition } from '../domain/scope-catalogue.js';
import type { Stores } from '../store/stores.js';
import { recordRevocations } from './event-recorder.js';
import { enforceableOf } from './policy-setup.js';

export type ExistingTokensMode = 'leave' | 'clamp' | 'revoke';

export interface AffectedToken {
  token: Token;
  violations: Violation[];
  disallowedScopes: string[];
  /** The policy that governs the token's owner after the change. */
  policyId: string;
}

export interface Impact {
  affected: AffectedToken[];
  /** How many live tokens were examined. */
  examined: number;
}

const BATCH = 1000;

/**
 * Resolves owners against an in-memory list of policies and the org's group memberships (loaded
 * once), caching per owner: for walks over many tokens (impact preview, the idle-revoke job).
 */
export function resolverOver(policies: readonly Policy[], groupsByUser: Map<string, string[]>, catalogue: readonly ScopeDefinition[]) {
  const cache = new Map<string, EnforceableRule>();
  return (owner: TokenOwner): EnforceableRule => {
    const key = `${owner.type}:${owner.id}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const groups = new Set(owner.type === 'user' ? (groupsByUser.get(owner.id) ?? []) : []);
    const candidates: PolicyCandidate[] = [];
    for (const policy of policies) {
      if (policy.isDefault) candidates.push({ policy, via: { type: 'default' } });
      const direct = owner.type === 'user' ? policy.assignees.userIds : policy.assignees.serviceAccountIds;
      if (direct.includes(owner.id)) candidates.push({ policy, via: { type: owner.type, id: owner.id } });
      for (const groupId of policy.assignees.groupIds) if (groups.has(groupId)) candidates.push({ policy, via: { type: 'group', id: groupId, name: null } });
    }
    const enforceable = enforceableOf(resolveEffectivePolicy(candidates), catalogue);
    cache.set(key, enforceable);
    return enforceable;
  };
}

/**
 * Walks the org's live tokens by id in batches of 1000 (no OFFSET) and reports the ones the change
 * breaks. `changedPolicyId`: the policy created, changed or deleted.
 */
export async function computeImpact(tx: Stores, orgId: string, change: { before: Policy[]; after: Policy[]; changedPolicyId: string }, now: Date): Promise<Impact> {
  const catalogue = await tx.scopes.list(orgId);
  const groupsByUser = await tx.policies.groupIdsByUser(orgId);
  const before = resolverOver(change.before, groupsByUser, catalogue);
  const after = resolverOver(change.after, groupsByUser, catalogue);
  const affected: AffectedToken[] = [];
  let examined = 0;
  let afterId: string | null = null;
  for (;;) {
    const batch = await tx.tokens.listGoverned(orgId, now, afterId, BATCH);
    for (const { token, lastActiveIp } of batch) {
      if (!token.owner) continue;
      examined += 1;
      const rule = after(token.owner);
      if (rule.policyId !== change.changedPolicyId && rule.policyId === before(token.owner).policyId) continue;
      const { violations, disallowedScopes } = violationsOf(rule, { scopes: token.scopes, expiresAt: token.expiresAt, lastActiveIp }, now);
      if (violations.length > 0) affected.push({ token, violations, disallowedScopes, policyId: rule.policyId });
    }
    if (batch.length < BATCH) break;
    afterId = batch[batch.length - 1]!.token.id;
  }
  return { affected, examined };
}

export interface AppliedImpact {
  mode: ExistingTokensMode;
  clamped: number;
  revoked: number;
  left: number;
}

/**
 * Applies the admin's choice to the affected tokens in the caller's transaction. Clamp shortens the
 * expiry and drops disallowed scopes; a token left with no scope is revoked instead; IP and
 * use-blocked violations cannot be clamped (verification enforces them), so such tokens stay.
 */
export async function applyImpact(
  tx: Stores,
  orgId: string,
  impact: Impact,
  mode: ExistingTokensMode,
  rules: Map<string, EnforceableRule>,
  actor: { by: string | null; ref: ActorRef; audit: (action: string, tokenId: string, details: Record<string, unknown>) => Promise<void> },
  now: Date,
): Promise<AppliedImpact> {
  const result: AppliedImpact = { mode, clamped: 0, revoked: 0, left: 0 };
  for (const item of impact.affected) {
    const rule = rules.get(item.policyId);
    if (mode === 'leave' || !rule) {
      result.left += 1;
      continue;
    }
    const clamped = clampToRule(rule, item.token, now);
    if (mode === 'revoke' || clamped.revoke) {
      if (await tx.tokens.revoke(orgId, item.token.id, actor.by, 'policy_change', now)) {
        result.revoked += 1;
        await actor.audit('token.revoked', item.token.id, { reason: 'policy_change', policyId: item.policyId, violations: item.violations });
        await recordRevocations(tx, orgId, [item.token.id], actor.ref, 'policy_change', now);
      }
      continue;
    }
    const changesExpiry = item.token.expiresAt?.getTime() !== clamped.expiresAt.getTime();
    if (!changesExpiry && clamped.scopes.length === item.token.scopes.length) {
      result.left += 1;
      continue;
    }
    await tx.tokens.clamp(orgId, item.token.id, clamped.expiresAt, clamped.scopes);
    result.clamped += 1;
    const change = {
      policyId: item.policyId,
      expiresAt: { from: item.token.expiresAt?.toISOString() ?? null, to: clamped.expiresAt.toISOString() },
      scopesDropped: item.disallowedScopes,
    };
    await actor.audit('token.clamped', item.token.id, change);
    const narrowed = { ...item.token, expiresAt: clamped.expiresAt };
    await tx.events.record({ orgId, type: 'token.clamped', payload: { token: tokenRef(narrowed), actor: actor.ref, ...change }, occurredAt: now });
  }
  return result;
}

/** The enforceable rule of each policy, against the catalogue (for applyImpact). */
export async function rulesOf(tx: Stores, orgId: string, policies: readonly Policy[]): Promise<Map<string, EnforceableRule>> {
  const catalogue = await tx.scopes.list(orgId);
  return new Map(
    policies.map((policy) => [policy.id, enforceableOf({ policy, rule: policy.rule, via: [], applied: [], reason: '' }, catalogue)]),
  );
}
