/**
 * The idle-revoke job's seam (the `IdleLimitResolverFactory`) filled by each
 * token's idle limit is its owner's effective policy's `idleRevokeAfterDays`; a policy that sets
 * none falls back to the org's automation setting. Three queries per org run (policies, their
 * assignees, group memberships), then resolution in memory.
 */
import type { Clock } from '../domain/clock.js';
import type { Token } from '../domain/models.js';
import type { IdleLimitResolverFactory } from './hygiene-jobs.js';
import { resolverOver } from './policy-impact.js';
import { ensurePolicyDefaults } from './policy-setup.js';

export function createPolicyIdleLimits(clock: Clock): IdleLimitResolverFactory {
  return async (stores, orgId, settings) => {
    await ensurePolicyDefaults(stores, orgId, clock());
    const policies = await stores.policies.listAll(orgId);
    const resolve = resolverOver(policies, await stores.policies.groupIdsByUser(orgId), await stores.scopes.list(orgId));
    return (token: Token) => (token.owner ? (resolve(token.owner).rule.idleRevokeAfterDays ?? settings.idleRevokeAfterDays) : settings.idleRevokeAfterDays);
  };
}
