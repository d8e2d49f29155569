/**
 * Machines look after themselves (docs/policies.md "Tokens that renew themselves"): with the token
 * itself as the bearer, a CI job asks what it is (`GET /api/v1/tokens/self`) and renews its own
 * value (`POST /api/v1/tokens/self/rotate`) without a browser or an admin. The old value keeps
 * working for a grace period (at most a day, never past the token's expiry); only the current
 * value may rotate, so a leaked old value cannot take the token over.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { tokenUnusableReason, type Token } from '../domain/models.js';
import { checkTokenUse } from '../domain/policy-enforcement.js';
import { digestsEqual, digestToken, type Pepper } from '../domain/token-digest.js';
import { parseToken } from '../domain/token-format.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import type { AuditActor, IssuanceService } from './issuance-service.js';
import { resolvePolicyOf } from './policy-setup.js';
import type { TokenChangeBus } from './token-change-bus.js';

/** Grace of a self-rotation when the caller names none: long enough for a job to roll its secret out. */
export const DEFAULT_SELF_GRACE_HOURS = 1;

export interface SelfView {
  token: Token;
  /** The governing policy, when the token has an owner (admin keys have none). */
  policy: { id: string; name: string; maxLifetimeDays: number } | null;
  /** The scopes the policy lets it use now. */
  usableScopes: string[];
  /** True when the caller presented the value a rotation replaced (it works until `previousValueValidUntil`). */
  isPreviousValue: boolean;
  previousValueValidUntil: Date | null;
}

export interface SelfTokenServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  issuance: IssuanceService;
  bus?: TokenChangeBus | undefined;
}

export function createSelfTokenService(deps: SelfTokenServiceDeps) {
  const { db, pepper, clock, issuance } = deps;
  const stores = createStores(db);

  /** The token behind the bearer value, usable now from this address; UNAUTHENTICATED otherwise. */
  async function authenticate(tx: Stores, secret: string | undefined, ip: string | null): Promise<SelfView> {
    let digest: string;
    try {
      digest = digestToken(pepper, parseToken(secret ?? '').secret);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'Send the token itself as a bearer token.');
    }
    const now = clock();
    const found = await tx.tokens.findBySecretDigest(digest, now);
    if (!found || !digestsEqual(found.digest, digest)) throw new DomainError('UNAUTHENTICATED', 'The token is not valid.');
    const unusable = tokenUnusableReason(found.token, now);
    if (unusable) throw new DomainError('UNAUTHENTICATED', `The token is ${unusable.toLowerCase()}.`);
    const base = { token: found.token, isPreviousValue: found.isPrevious, previousValueValidUntil: found.isPrevious && found.graceUntilMs !== null ? new Date(found.graceUntilMs) : null };
    if (!found.token.owner) return { ...base, policy: null, usableScopes: found.token.scopes };
    const { enforceable, effective } = await resolvePolicyOf(tx, found.token.orgId, found.token.owner, now);
    const use = checkTokenUse({ enforceable, tokenScopes: found.token.scopes, tokenIpAllowlist: found.ipAllowlist, ip });
    if (!use.allowed) throw new DomainError(use.code === 'INSUFFICIENT_SCOPE' ? 'FORBIDDEN' : use.code, use.detail);
    return { ...base, policy: { id: effective.policy.id, name: effective.policy.name, maxLifetimeDays: effective.rule.maxLifetimeDays }, usableScopes: use.usableScopes };
  }

  function actorOfToken(token: Token, ip: string | null): AuditActor {
    return token.owner?.type === 'user' ? { actorType: 'user', actorId: token.owner.id, ip } : { actorType: 'system', actorId: token.id, ip };
  }

  return {
    /** What the bearer token is: owner, scopes, expiry, governing policy. */
    async whoAmI(secret: string | undefined, ip: string | null): Promise<SelfView> {
      return authenticate(stores, secret, ip);
    },

    /**
     * A new value for the bearer token (same id, scopes and expiry); the presented value keeps
     * working for `graceHours` (0-24). Refused with the value a rotation already replaced.
     */
    async rotateSelf(secret: string | undefined, ip: string | null, graceHours = DEFAULT_SELF_GRACE_HOURS): Promise<{ view: SelfView; secret: string }> {
      const result = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        const view = await authenticate(tx, secret, ip);
        if (view.isPreviousValue) throw new DomainError('CONFLICT', 'This value was replaced by a rotation already: rotate with the current value.');
        const rotated = await issuance.rotateIn(tx, view.token, graceHours, actorOfToken(view.token, ip));
        return { view: { ...view, token: rotated.token }, secret: rotated.secret };
      });
      deps.bus?.tokensChanged(result.view.token.orgId, [result.view.token.id]);
      return result;
    },
  };
}

export type SelfTokenService = ReturnType<typeof createSelfTokenService>;
