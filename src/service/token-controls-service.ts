/**
 * Per-token controls for admins (docs/policies.md "One token at a time"): suspend and resume one
 * token with a reason (reversible, unlike revoke), extend its expiry within its owner's policy, set
 * what it is for (purpose and tags), and give it its own IP allowlist, narrowing its policy's (a
 * member may narrow their own token's too). Each change is audited in its transaction and told to
 * the verification caches after the commit.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { tokenUnusableReason, type Token } from '../domain/models.js';
import { DAY_MS } from '../domain/time.js';
import { entriesBeyond, MAX_TOKEN_ALLOWLIST_ENTRIES, normalizeAllowlist } from '../domain/ip-allowlist.js';
import { actorOf, authorizeOrgAccess, principalId } from '../domain/principal.js';
import { assertPurposeWithinPolicy, cleanPurpose } from '../domain/token-purpose.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { NO_CONTROLS, type TokenControls } from '../store/token-control-store.js';
import { auditEntry } from './audit-service.js';
import { resolvePolicyOf } from './policy-setup.js';
import type { AuditActor } from './issuance-service.js';
import type { TokenChangeBus } from './token-change-bus.js';
import type { Caller } from './user-directory-service.js';

export interface TokenControlsServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  bus?: TokenChangeBus | undefined;
}

export interface ControlledToken {
  token: Token;
  controls: TokenControls;
  /** The token's own IP allowlist; empty: none (its policy's alone applies). */
  ipAllowlist: string[];
}

function cleanReason(reason: string): string {
  const why = reason.trim().slice(0, 500);
  if (why.length === 0) throw new DomainError('VALIDATION_FAILED', 'Give a reason: the owner and the audit log show it.');
  return why;
}

export function createTokenControlsService(deps: TokenControlsServiceDeps) {
  const { db, clock } = deps;
  const stores = createStores(db);

  async function ownedToken(tx: Stores, orgId: string, tokenId: string): Promise<Token> {
    const token = await tx.tokens.findById(orgId, tokenId);
    if (!token || !token.owner) throw new DomainError('TOKEN_NOT_FOUND');
    return token;
  }

  async function viewOf(tx: Stores, orgId: string, token: Token): Promise<ControlledToken> {
    return { token, controls: (await tx.tokenControls.find(token.id)) ?? NO_CONTROLS(token.id), ipAllowlist: await tx.tokens.ipAllowlistOf(orgId, token.id) };
  }

  /** Runs one change in a transaction with its audit entry by `actor`, then tells the caches. */
  async function changeAs(actor: AuditActor, orgId: string, tokenId: string, action: string, find: (tx: Stores) => Promise<Token>, work: (tx: Stores, token: Token, now: Date) => Promise<Record<string, unknown>>): Promise<ControlledToken> {
    const result = await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      const now = clock();
      const token = await find(tx);
      const details = await work(tx, token, now);
      await tx.audit.append(auditEntry({ orgId, ...actor, action, targetType: 'token', targetId: tokenId, details }, clock));
      return viewOf(tx, orgId, (await tx.tokens.findById(orgId, tokenId))!);
    });
    deps.bus?.tokensChanged(orgId, [tokenId]);
    return result;
  }

  /** An admin's change: authorized, audited as the caller. */
  function change(caller: Caller, orgId: string, tokenId: string, action: string, work: (tx: Stores, token: Token, now: Date) => Promise<Record<string, unknown>>): Promise<ControlledToken> {
    authorizeOrgAccess(caller.principal, orgId, 'write:tokens:admin');
    return changeAs({ ...actorOf(caller.principal), ip: caller.ip }, orgId, tokenId, action, (tx) => ownedToken(tx, orgId, tokenId), work);
  }

  /**
   * Makes `entries` the token's own allowlist (empty: none). Every block must lie inside the
   * owner's policy's allowlist when that one is not empty: the token's list narrows, never widens.
   * At verification an address must pass both lists, so a policy narrowed later still governs.
   */
  async function applyIpAllowlist(tx: Stores, orgId: string, token: Token, entries: readonly string[], now: Date): Promise<Record<string, unknown>> {
    const unusable = tokenUnusableReason(token, now);
    if (unusable === 'REVOKED' || unusable === 'EXPIRED') throw new DomainError('CONFLICT', `The token is ${unusable.toLowerCase()}: there is nothing to restrict.`);
    const allowlist = normalizeAllowlist(entries);
    if (allowlist.length > MAX_TOKEN_ALLOWLIST_ENTRIES) throw new DomainError('VALIDATION_FAILED', `A token's IP allowlist holds at most ${MAX_TOKEN_ALLOWLIST_ENTRIES} entries.`);
    const { enforceable } = await resolvePolicyOf(tx, orgId, token.owner!, now);
    const policyList = enforceable.rule.ipAllowlist;
    const beyond = entriesBeyond(policyList, allowlist);
    if (beyond.length > 0) {
      throw new DomainError(
        'IP_ALLOWLIST_WIDENS_POLICY',
        `The policy "${enforceable.policyName}" allows API tokens only from ${policyList.join(', ')}; a token's own list may only narrow that, and ${beyond.join(', ')} ${beyond.length === 1 ? 'reaches' : 'reach'} beyond it.`,
      );
    }
    const previous = await tx.tokens.ipAllowlistOf(orgId, token.id);
    await tx.tokens.setIpAllowlist(orgId, token.id, allowlist);
    return { ipAllowlist: allowlist, previous, policyId: enforceable.policyId };
  }

  return {
    async getControls(caller: Caller, orgId: string, tokenId: string): Promise<ControlledToken> {
      authorizeOrgAccess(caller.principal, orgId, 'read:tokens:admin');
      return viewOf(stores, orgId, await ownedToken(stores, orgId, tokenId));
    },

    /** The token's own IP allowlist, narrowing its owner's policy's; an empty list removes it. */
    setIpAllowlist(caller: Caller, orgId: string, tokenId: string, entries: readonly string[]): Promise<ControlledToken> {
      return change(caller, orgId, tokenId, 'token.ip_allowlist_changed', (tx, token, now) => applyIpAllowlist(tx, orgId, token, entries, now));
    },

    /** The same for a member's own token: only ever narrower than their policy allows. */
    setOwnIpAllowlist(orgId: string, userId: string, tokenId: string, entries: readonly string[], ip: string | null): Promise<ControlledToken> {
      const mine = async (tx: Stores) => {
        const token = await tx.tokens.findById(orgId, tokenId);
        if (!token || token.owner?.type !== 'user' || token.owner.id !== userId) throw new DomainError('TOKEN_NOT_FOUND');
        return token;
      };
      return changeAs({ actorType: 'user', actorId: userId, ip }, orgId, tokenId, 'token.ip_allowlist_changed', mine, (tx, token, now) => applyIpAllowlist(tx, orgId, token, entries, now));
    },

    /** A member's view of their own token's controls. */
    async getOwnControls(orgId: string, userId: string, tokenId: string): Promise<ControlledToken> {
      const token = await stores.tokens.findById(orgId, tokenId);
      if (!token || token.owner?.type !== 'user' || token.owner.id !== userId) throw new DomainError('TOKEN_NOT_FOUND');
      return viewOf(stores, orgId, token);
    },

    /** Stops the token from working until resumed; its owner's deactivation and reactivation do not lift it. */
    suspend(caller: Caller, orgId: string, tokenId: string, reason: string): Promise<ControlledToken> {
      const why = cleanReason(reason);
      return change(caller, orgId, tokenId, 'token.suspended', async (tx, token, now) => {
        const unusable = tokenUnusableReason(token, now);
        if (unusable === 'REVOKED' || unusable === 'EXPIRED') throw new DomainError('CONFLICT', `The token is ${unusable.toLowerCase()}: there is nothing to suspend.`);
        if ((await tx.tokenControls.find(tokenId))?.suspension) throw new DomainError('CONFLICT', 'The token is suspended already.');
        await tx.tokenControls.setSuspension(orgId, tokenId, { by: principalId(caller.principal), reason: why }, now);
        await tx.tokenStatus.setTokenStatus(orgId, tokenId, 'active', 'suspended');
        return { reason: why };
      });
    },

    /** Lifts an admin's suspension; the token works again unless its owner is deactivated. */
    resume(caller: Caller, orgId: string, tokenId: string, reason: string): Promise<ControlledToken> {
      const why = cleanReason(reason);
      return change(caller, orgId, tokenId, 'token.resumed', async (tx, token, now) => {
        if (!(await tx.tokenControls.find(tokenId))?.suspension) throw new DomainError('CONFLICT', 'The token is not suspended by an admin.');
        await tx.tokenControls.setSuspension(orgId, tokenId, null, now);
        const owner = token.owner!;
        const isOwnerActive = owner.type === 'service_account' || (await tx.users.findById(orgId, owner.id))?.status === 'active';
        if (isOwnerActive) await tx.tokenStatus.setTokenStatus(orgId, tokenId, 'suspended', 'active');
        return { reason: why, ownerActive: isOwnerActive };
      });
    },

    /** A later expiry, `expiresInDays` from now, never beyond the owner's policy's longest lifetime. */
    extend(caller: Caller, orgId: string, tokenId: string, expiresInDays: number): Promise<ControlledToken> {
      return change(caller, orgId, tokenId, 'token.extended', async (tx, token, now) => {
        const unusable = tokenUnusableReason(token, now);
        if (unusable === 'REVOKED' || unusable === 'EXPIRED') throw new DomainError('CONFLICT', `The token is ${unusable.toLowerCase()}: issue a new one instead.`);
        const { enforceable } = await resolvePolicyOf(tx, orgId, token.owner!, now);
        const max = enforceable.rule.maxLifetimeDays;
        if (!Number.isInteger(expiresInDays) || expiresInDays < 1) throw new DomainError('VALIDATION_FAILED', 'expiresInDays must be a whole number of days, at least 1.');
        if (expiresInDays > max) throw new DomainError('LIFETIME_TOO_LONG', `The policy "${enforceable.policyName}" caps token lifetimes at ${max} days; ${expiresInDays} were asked for.`);
        const expiresAt = new Date(now.getTime() + expiresInDays * DAY_MS);
        if (token.expiresAt !== null && expiresAt.getTime() <= token.expiresAt.getTime()) {
          throw new DomainError('VALIDATION_FAILED', `The token expires ${token.expiresAt.toISOString()} already; extending means a later date.`);
        }
        await tx.tokens.clamp(orgId, tokenId, expiresAt, token.scopes);
        return { previousExpiresAt: token.expiresAt?.toISOString() ?? null, expiresAt: expiresAt.toISOString(), policyId: enforceable.policyId };
      });
    },

    /** What the token is for; checked against the owner's policy's minimum purpose length. */
    setPurpose(caller: Caller, orgId: string, tokenId: string, input: { purpose?: string | null | undefined; tags?: readonly string[] | undefined }): Promise<ControlledToken> {
      const cleaned = cleanPurpose(input);
      return change(caller, orgId, tokenId, 'token.purpose_changed', async (tx, token, now) => {
        const { enforceable } = await resolvePolicyOf(tx, orgId, token.owner!, now);
        assertPurposeWithinPolicy(enforceable, cleaned.purpose);
        await tx.tokenControls.setPurpose(orgId, tokenId, cleaned.purpose, cleaned.tags, now);
        return { purpose: cleaned.purpose, tags: cleaned.tags };
      });
    },
  };
}

export type TokenControlsService = ReturnType<typeof createTokenControlsService>;
