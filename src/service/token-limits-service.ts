/**
 * A token's own rate limits and quota (docs/verification.md "Rate limits and quotas"): read with
 * its policy's and the counts so far, set or removed by an org admin. A change drops the token's
 * cached snapshots on every node, so the next verification counts against the new limits.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { usageLimitsOfRule } from '../domain/policy.js';
import { actorOf, type Principal } from '../domain/principal.js';
import { hasUsageLimits, normalizeUsageLimits, type LimitFigure, type UsageLimits, type UsageLimitsInput } from '../domain/usage-limits.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { resolvePolicyOf } from './policy-setup.js';
import type { TokenChangeBus } from './token-change-bus.js';
import type { VerificationService } from './verification-service.js';

export interface TokenLimitsView {
  /** The token's own limits (null: none). */
  token: UsageLimits | null;
  /** The governing policy's limits, for a member's or a service account's token (null: none). */
  policy: UsageLimits | null;
  /** One figure per counter, the policy's first: how much is left now, and when it starts over. */
  current: LimitFigure[];
}

export interface TokenLimitsServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  bus: TokenChangeBus;
  verification: Pick<VerificationService, 'limitFigures'>;
}

export function createTokenLimitsService(deps: TokenLimitsServiceDeps) {
  const { db, clock } = deps;

  async function view(orgId: string, tokenId: string): Promise<TokenLimitsView> {
    const stores = createStores(db);
    const found = await stores.tokens.usageLimitsOfToken(orgId, tokenId);
    if (!found || found.token.kind === 'scim') throw new DomainError('TOKEN_NOT_FOUND');
    let policy: UsageLimits | null = null;
    if (found.token.owner) {
      const resolved = await resolvePolicyOf(stores, orgId, found.token.owner, clock());
      const limits = usageLimitsOfRule(resolved.effective.rule);
      policy = hasUsageLimits(limits) ? limits : null;
    }
    const own = hasUsageLimits(found.usageLimits) ? found.usageLimits : null;
    return { token: own, policy, current: await deps.verification.limitFigures(tokenId, own, policy) };
  }

  return {
    view,

    /** Sets the token's own limits (empty ones remove them); audited; every node's cache drops the token. */
    async set(principal: Principal, orgId: string, tokenId: string, input: UsageLimitsInput, ip: string | null): Promise<TokenLimitsView> {
      const limits = normalizeUsageLimits(input);
      const stored = hasUsageLimits(limits) ? limits : null;
      await db.transaction().execute(async (trx) => {
        const stores = createStores(trx);
        const found = await stores.tokens.usageLimitsOfToken(orgId, tokenId);
        if (!found || found.token.kind === 'scim') throw new DomainError('TOKEN_NOT_FOUND');
        await stores.tokens.setUsageLimits(orgId, tokenId, stored);
        await stores.audit.append(
          auditEntry(
            { orgId, ...actorOf(principal), ip, action: 'token.limits_changed', targetType: 'token', targetId: tokenId, details: { rateLimits: limits.rateLimits, quota: limits.quota } },
            clock,
          ),
        );
      });
      deps.bus.tokensChanged(orgId, [tokenId]);
      return view(orgId, tokenId);
    },
  };
}

export type TokenLimitsService = ReturnType<typeof createTokenLimitsService>;
