/**
 * Issue #6 fills issue #7's policy seam (`VerificationPolicy`): on a cache miss `load` resolves the
 * owner's effective policy (two indexed reads, kept in the cached snapshot); on every verification
 * `check` runs the pure `checkTokenUse` against it, with the caller's IP and the requested scopes.
 * Org admin API keys belong to no person: no policy applies to them. A policy, assignment, group
 * membership or catalogue change publishes `orgChanged`, which drops the org's snapshots.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { checkTokenUse, type EnforceableRule } from '../domain/policy-enforcement.js';
import type { PolicyCheck } from '../domain/verification.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { resolvePolicyOf } from './policy-setup.js';
import type { VerificationPolicy } from './verification-service.js';

export const policyCheck: PolicyCheck = (snapshot, _owner, request, now) => {
  const enforceable = snapshot.policy as EnforceableRule | null;
  if (!enforceable) return null;
  const decision = checkTokenUse({ enforceable, tokenScopes: snapshot.scopes, ip: request.ip ?? null, now, requiredScopes: request.scopes });
  return decision.allowed ? null : decision.code;
};

export function createPolicyVerification(clock: Clock): VerificationPolicy {
  return {
    async load(db: Kysely<Database>, token) {
      if (!token.owner) return null;
      const { enforceable } = await resolvePolicyOf(createStores(db), token.orgId, { type: token.owner.type, id: token.owner.id }, clock());
      return enforceable;
    },
    check: policyCheck,
  };
}
