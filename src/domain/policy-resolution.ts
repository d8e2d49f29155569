/**
 * Which policy governs a person (docs/policies.md "Resolution"). The one rule:
 *
 *   1. Only enabled policies assigned to the person count: directly (their user or service-account
 *      id) or through any group they belong to.
 *   2. The highest `priority` wins.
 *   3. On equal priority, a direct assignment beats a group assignment; then the older policy
 *      (`createdAt`), then the smaller id, so the answer never depends on row order.
 *   4. When no assigned policy counts, the org's default policy governs.
 *   5. The winner's rule applies whole: rules of several policies are never merged, so "why" is
 *      always one policy's name.
 */
import type { AssigneeType, Policy, PolicyRule } from './policy.js';

/** How a policy reached the person. */
export type Assignment =
  | { type: 'user' | 'service_account'; id: string }
  | { type: 'group'; id: string; name: string | null }
  | { type: 'default' };

export interface PolicyCandidate {
  policy: Policy;
  via: Assignment;
}

export interface AppliedPolicy {
  policy: Policy;
  /** Every assignment through which it reaches the person. */
  via: Assignment[];
  isDirect: boolean;
}

export interface EffectivePolicy {
  /** The governing policy; its rule applies whole. */
  policy: Policy;
  rule: PolicyRule;
  /** The assignments that made it govern (the default policy: `[{type:'default'}]`). */
  via: Assignment[];
  /** Every policy that applies, in precedence order, the winner first (the default last). */
  applied: AppliedPolicy[];
  /** A sentence for humans: which policy and why. */
  reason: string;
}

function isDirect(assignment: Assignment): boolean {
  return assignment.type === 'user' || assignment.type === 'service_account';
}

/** Negative when `a` takes precedence over `b`. */
export function comparePrecedence(a: AppliedPolicy, b: AppliedPolicy): number {
  if (a.policy.isDefault !== b.policy.isDefault) return a.policy.isDefault ? 1 : -1;
  if (a.policy.priority !== b.policy.priority) return b.policy.priority - a.policy.priority;
  if (a.isDirect !== b.isDirect) return a.isDirect ? -1 : 1;
  const age = a.policy.createdAt.getTime() - b.policy.createdAt.getTime();
  if (age !== 0) return age;
  return a.policy.id < b.policy.id ? -1 : a.policy.id > b.policy.id ? 1 : 0;
}

function describe(assignment: Assignment): string {
  switch (assignment.type) {
    case 'user':
      return 'assigned to the user directly';
    case 'service_account':
      return 'assigned to the service account directly';
    case 'group':
      return `assigned to group ${assignment.name ? `"${assignment.name}"` : assignment.id}`;
    default:
      return 'the default policy';
  }
}

/**
 * Resolves the governing policy from every candidate (the default policy included, with
 * `via: {type:'default'}`). Pure; `candidates` may repeat a policy once per assignment.
 *
 *   resolveEffectivePolicy([{ policy: readOnly, via: { type: 'group', id: 'grp_1', name: 'Everyone' } },
 *                           { policy: defaultPolicy, via: { type: 'default' } }])
 */
export function resolveEffectivePolicy(candidates: readonly PolicyCandidate[]): EffectivePolicy {
  const byId = new Map<string, AppliedPolicy>();
  for (const { policy, via } of candidates) {
    if (policy.status !== 'enabled' && !policy.isDefault) continue;
    const applied = byId.get(policy.id) ?? { policy, via: [], isDirect: false };
    applied.via.push(via);
    applied.isDirect ||= isDirect(via);
    byId.set(policy.id, applied);
  }
  const applied = [...byId.values()].sort(comparePrecedence);
  const winner = applied[0];
  if (!winner) throw new Error('resolveEffectivePolicy needs the default policy among the candidates');
  const assigned = applied.filter((a) => !a.policy.isDefault).length;
  const reason = winner.policy.isDefault
    ? `No other enabled policy is assigned, so the default policy "${winner.policy.name}" applies.`
    : `"${winner.policy.name}" (priority ${winner.policy.priority}, ${winner.via.map(describe).join('; ')}) applies` +
      (assigned > 1 ? `: it has the highest precedence of the ${assigned} assigned policies.` : '.');
  return { policy: winner.policy, rule: winner.policy.rule, via: winner.via, applied, reason };
}

export const ASSIGNEE_TYPES: readonly AssigneeType[] = ['user', 'group', 'service_account'];
