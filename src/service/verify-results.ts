/**
 * What a verification answers, and the sharing of those answers between verifications. The
 * verdicts repeat: the same snapshot gets the same answer until it changes. A result without a
 * limit figure is therefore made once per snapshot and code (and once per code for no token) and
 * shared, frozen, so callers may keep derived forms of it (the HTTP answer's text, keyed by the
 * result: verify-fast-path.ts) instead of rebuilding them on every verification. A result with a
 * figure is made for each call, around the shared one of the same verdict.
 */
import type { LimitFigure } from '../domain/usage-limits.js';
import type { OwnerSnapshot, TokenSnapshot, VerifyCode } from '../domain/verification.js';

/** Shared between verifications when `rateLimit` is null (createResultSharing): read it, never change it. */
export interface VerifyResult {
  readonly valid: boolean;
  readonly code: VerifyCode;
  readonly tokenId: string | null;
  readonly owner: { readonly type: OwnerSnapshot['type']; readonly id: string; readonly name: string; readonly email: string; readonly groups: readonly string[] } | null;
  readonly scopes: readonly string[];
  /** As the snapshot holds it (ms); the answer writes it as an ISO date once. */
  readonly expiresAtMs: number | null;
  /** For a token with rate limits or a quota: the limit that refused it, or the tightest one left. */
  readonly rateLimit: LimitFigure | null;
  /**
   * With a limit figure: the shared result of the same verdict without it. Everything but the
   * figure is the same from one call to the next, so derived forms of that part can be kept too.
   */
  readonly withoutLimit?: VerifyResult;
}

function buildResult(snapshot: TokenSnapshot | null, valid: boolean, code: VerifyCode, rateLimit: LimitFigure | null): VerifyResult {
  const owner = snapshot?.owner;
  return {
    valid,
    code,
    tokenId: snapshot?.tokenId ?? null,
    owner: owner ? { type: owner.type, id: owner.id, name: owner.name, email: owner.email, groups: owner.groups } : null,
    scopes: snapshot?.scopes ?? [],
    expiresAtMs: snapshot?.expiresAtMs ?? null,
    rateLimit,
  };
}

/** The result of a verdict: built for each call when it carries a limit figure, shared otherwise. */
export function createResultSharing(): (snapshot: TokenSnapshot | null, valid: boolean, code: VerifyCode, rateLimit: LimitFigure | null) => VerifyResult {
  // Weak: a snapshot dropped from the cache takes its result with it.
  const lastResultOf = new WeakMap<TokenSnapshot, VerifyResult>();
  const noTokenResults = new Map<VerifyCode, VerifyResult>();
  const shared = (snapshot: TokenSnapshot | null, valid: boolean, code: VerifyCode): VerifyResult => {
    const last = snapshot ? lastResultOf.get(snapshot) : noTokenResults.get(code);
    if (last !== undefined && last.code === code && last.valid === valid) return last;
    const result = buildResult(snapshot, valid, code, null);
    if (result.owner) Object.freeze(result.owner);
    Object.freeze(result);
    if (snapshot) lastResultOf.set(snapshot, result);
    else noTokenResults.set(code, result);
    return result;
  };
  return (snapshot, valid, code, rateLimit) => {
    if (rateLimit === null) return shared(snapshot, valid, code);
    const withoutLimit = shared(snapshot, valid, code);
    return { valid, code, tokenId: withoutLimit.tokenId, owner: withoutLimit.owner, scopes: withoutLimit.scopes, expiresAtMs: withoutLimit.expiresAtMs, rateLimit, withoutLimit };
  };
}
