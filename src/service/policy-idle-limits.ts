/**
 * The idle-revoke job's limits: each token's idle limit is its owner's effective policy's
 * `idleRevokeAfterDays`; a policy that sets none falls back to the org's automation setting. The
 * limits are read per policy here (one query, after seeding an org's defaults); which policy governs
 * each owner is resolved in the query that finds the idle tokens (src/store/idle-policy-queries.ts).
 */
import type { Clock } from '../domain/clock.js';
import type { AutomationSettings } from '../domain/hygiene.js';
import type { IdleLimits } from '../store/idle-policy-queries.js';
import type { Stores } from '../store/stores.js';
import { ensurePolicyDefaults } from './policy-setup.js';

/** The seam between the idle-revoke job and the policies. */
export type IdleLimitsFactory = (stores: Stores, orgId: string, settings: AutomationSettings) => Promise<IdleLimits>;

export function createPolicyIdleLimits(clock: Clock): IdleLimitsFactory {
  return async (stores, orgId, settings) => {
    await ensurePolicyDefaults(stores, orgId, clock());
    const policies = await stores.policies.listAll(orgId);
    const fallback = settings.idleRevokeAfterDays;
    const defaultPolicy = policies.find((policy) => policy.isDefault);
    if (!defaultPolicy) throw new Error('an org has its default policy once its defaults are ensured');
    return {
      byPolicy: new Map(policies.map((policy) => [policy.id, policy.rule.idleRevokeAfterDays ?? fallback])),
      defaultPolicyId: defaultPolicy.id,
      ownerless: fallback,
    };
  };
}
