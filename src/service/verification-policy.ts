/**
 * The real policy of verification: on a cache miss, the owner's governing
 * policy is resolved (two indexed reads) and cached with the token; on every verification the pure
 * `tokenUseRefusal` decides from it: use blocked, IP outside the policy's or the token's own allowlist, a requested scope the
 * token lacks or the policy no longer allows. Admin API keys have no owner and no member policy.
 * Any policy, assignment, group or catalogue change publishes `orgChanged`, dropping the org's
 * cached tokens with their policies.
 */
import { tokenUseRefusal, type EnforceableRule } from '../domain/policy-enforcement.js';
import { usageLimitsOfRule } from '../domain/policy.js';
import type { PolicyCheck } from '../domain/verification.js';
import { createStores } from '../store/stores.js';
import { resolvePolicyOf } from './policy-setup.js';
import type { VerificationPolicy } from './verification-service.js';

export const checkPolicyOfToken: PolicyCheck = (token, owner, request) => {
  const enforceable = token.policy as EnforceableRule | null;
  if (!owner || !enforceable) return null;
  const refusal = tokenUseRefusal({ enforceable, tokenScopes: token.scopes, tokenIpAllowlist: token.ipAllowlist, ip: request.ip ?? null, requiredScopes: request.scopes });
  if (refusal === null) return null;
  return refusal === 'POLICY_IP' || refusal === 'TOKEN_IP' ? 'IP_NOT_ALLOWED' : refusal;
};

export function createVerificationPolicy(clock: () => Date): VerificationPolicy {
  return {
    async load(db, token) {
      if (!token.owner) return null;
      const resolved = await resolvePolicyOf(createStores(db), token.orgId, { type: token.owner.type, id: token.owner.id }, clock());
      return resolved.enforceable;
    },
    check: checkPolicyOfToken,
    limitsOf: (loaded) => (loaded ? usageLimitsOfRule((loaded as EnforceableRule).rule) : null),
  };
}
