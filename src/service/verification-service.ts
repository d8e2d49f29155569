/**
 * Token verification: `POST /api/v1/verify` answers whether a token may be used, for a
 * service holding a verifier key (an org admin API key with `verify:tokens`).
 *
 * Hot path, on a cache hit: parse (no I/O), SHA-256, cache look-up, the pure verdict, one
 * enqueue into the usage recorder. No database read, no write, no audit entry. A miss costs two
 * indexed reads, then the snapshot is cached until a change on the bus (or the TTL) drops it.
 */
import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import { grantsScope } from '../domain/scopes.js';
import { digestToken, digestsEqual, type Pepper } from '../domain/token-digest.js';
import { kindOfWellFormed, parseToken, TOKEN_LENGTH, type ParsedToken } from '../domain/token-format.js';
import { capField, USAGE_LIMITS } from '../domain/usage.js';
import {
  noPolicyCheck,
  verdictOf,
  type PolicyCheck,
  type TokenSnapshot,
  type VerifyCode,
  type VerifyRequest,
} from '../domain/verification.js';
import type { Database } from '../store/schema.js';
import { createVerificationQueries, type VerificationRecord } from '../store/verification-queries.js';
import type { TokenChange, TokenChangeBus } from './token-change-bus.js';
import { recordAdminKeyUse, type AdminKeyUse } from './token-service.js';
import type { UsageSink } from './usage-recorder.js';
import { createMemoryUsageCounters, type UsageCounterStore } from './usage-counters.js';
import { countersOf, hasUsageLimits, judgeCounts, type LimitFigure, type UsageLimits } from '../domain/usage-limits.js';
import { createResultSharing, type VerifyResult } from './verify-results.js';
import { createVerificationCache, DEFAULT_CACHE_OPTIONS, type VerificationCacheOptions } from './verification-cache.js';

/**
 * The policy seam (the policy rules fill it): `load` runs on a cache miss, next to the token read, and
 * its result is cached in the snapshot; `check` is pure and runs on every verification. Until the
 * policies work is wired in, there is no policy.
 */
export interface VerificationPolicy {
  load(db: Kysely<Database>, token: Omit<TokenSnapshot, 'policy' | 'limits'>): Promise<unknown>;
  check: PolicyCheck;
  /** The rate limits and quota the loaded policy sets for its tokens; none when absent. */
  limitsOf?(loaded: unknown): UsageLimits | null;
}

const NOT_AN_ADMIN_KEY = 'This is not an organization admin API key.';

export const NO_POLICY: VerificationPolicy = { load: async () => null, check: noPolicyCheck };

/** One line of an SDK's usage report: `count` identical verifications answered from its cache. */
export interface ReportedUsage {
  tokenId: string | null;
  code: VerifyCode;
  atMs: number;
  count: number;
  method?: string | undefined;
  route?: string | undefined;
  ip?: string | undefined;
  userAgent?: string | undefined;
  upstreamStatus?: number | undefined;
  upstreamAccount?: string | undefined;
}

export interface VerifierPrincipal {
  orgId: string;
  keyId: string;
}

export interface VerifyContext {
  /** The user agent of the token's client, when the caller passes it on. */
  userAgent?: string | undefined;
  upstreamStatus?: number | undefined;
  /**
   * The caller records this verification's usage itself, once it knows the outcome (the gateway:
   * the upstream's status), through `recordUsage` or `POST /api/v1/verify/usage`.
   */
  deferUsage?: boolean | undefined;
}

export type { VerifyResult } from './verify-results.js';

export interface VerificationServiceDeps {
  db: Kysely<Database>;
  pepper: Pepper;
  clock: Clock;
  bus: TokenChangeBus;
  usage: UsageSink;
  policy?: VerificationPolicy | undefined;
  cache?: Partial<VerificationCacheOptions> | undefined;
  /** Where rate-limit and quota counts live; default: this node's memory. */
  counters?: UsageCounterStore | undefined;
}

export function createVerificationService(deps: VerificationServiceDeps) {
  const { db, pepper, clock, usage } = deps;
  const policy = deps.policy ?? NO_POLICY;
  const queries = createVerificationQueries(db);
  const counters = deps.counters ?? createMemoryUsageCounters();
  const cache = createVerificationCache({ ...DEFAULT_CACHE_OPTIONS, ...deps.cache });
  const unsubscribe = deps.bus.subscribe((change) => cache.invalidate(change));
  let misses = 0;
  const inflight = new Map<string, { epoch: number; load: Promise<TokenSnapshot | null> }>();

  async function snapshotOf(record: VerificationRecord): Promise<TokenSnapshot> {
    const { token } = record;
    const base = {
      tokenId: token.id,
      orgId: token.orgId,
      kind: token.kind,
      status: token.status,
      scopes: Object.freeze([...token.scopes]),
      expiresAtMs: record.expiresAtMs,
      owner: record.owner,
      matchesUntilMs: record.matchesUntilMs,
      ipAllowlist: Object.freeze([...record.ipAllowlist]),
      orgDisabled: record.orgDisabled,
    };
    const loaded = await policy.load(db, base);
    const limits: TokenSnapshot['limits'][number][] = [];
    const policyLimits = policy.limitsOf?.(loaded) ?? null;
    if (hasUsageLimits(policyLimits)) limits.push({ source: 'policy', limits: policyLimits });
    if (hasUsageLimits(record.usageLimits)) limits.push({ source: 'token', limits: record.usageLimits });
    return { ...base, policy: loaded, limits };
  }

  async function loadSnapshot(secret: string, cacheKey: string, loadEpoch: number): Promise<TokenSnapshot | null> {
    const digest = digestToken(pepper, secret);
    const record = await queries.findForVerification(digest, clock());
    const snapshot = record && digestsEqual(record.digest, digest) ? await snapshotOf(record) : null;
    cache.set(cacheKey, snapshot, loadEpoch);
    return snapshot;
  }

  /**
   * The snapshot of a token: from memory, or loaded once and cached. The cache is keyed by the
   * token's plain SHA-256 (about 1 µs, against 3-4 µs for the peppered HMAC the database is keyed
   * by): a hit costs no HMAC, and no secret in clear is held. A plain hash is fine for secrets of
   * 256 random bits (ASVS 5.0 V6.5.2); the HMAC is computed on a miss only.
   */
  async function lookup(secret: string): Promise<TokenSnapshot | null> {
    const cacheKey = hash('sha256', secret, 'base64url');
    // Not hearing the other nodes (listener reconnecting or silent): what is cached may miss a
    // revocation made elsewhere, so read the database, and cache nothing, until it hears again.
    if (!deps.bus.isLive()) {
      misses += 1;
      return loadSnapshot(secret, cacheKey, Number.NaN);
    }
    const cached = cache.get(cacheKey);
    if (cached) return cached.snapshot;
    // Single flight: concurrent misses of one token share one load (a burst of a new token would
    // otherwise send every request to the database), unless a change came in since it started.
    const loadEpoch = cache.beginLoad();
    const pending = inflight.get(cacheKey);
    if (pending && pending.epoch === loadEpoch) return pending.load;
    misses += 1;
    const entry = { epoch: loadEpoch, load: loadSnapshot(secret, cacheKey, loadEpoch) };
    inflight.set(cacheKey, entry);
    try {
      return await entry.load;
    } finally {
      if (inflight.get(cacheKey) === entry) inflight.delete(cacheKey);
    }
  }

  const resultOf = createResultSharing();

  function recordOne(verifier: VerifierPrincipal, event: ReportedUsage): void {
    usage.record({
      atMs: event.atMs,
      orgId: verifier.orgId,
      tokenId: event.tokenId,
      code: event.code,
      method: capField(event.method, USAGE_LIMITS.method),
      route: capField(event.route, USAGE_LIMITS.route),
      ip: capField(event.ip, USAGE_LIMITS.ip),
      userAgent: capField(event.userAgent, USAGE_LIMITS.userAgent),
      upstreamStatus: event.upstreamStatus ?? null,
      upstreamAccount: capField(event.upstreamAccount, USAGE_LIMITS.upstreamAccount),
    });
  }

  /**
   * The snapshot cached for exactly this string, or undefined (not cached, or the cache may not be
   * trusted now). Only strings that parsed as tokens are ever loaded and cached, so a hit needs no
   * parsing or checksum: on the hot path the token is hashed once and nothing else.
   */
  function cachedSnapshot(secret: unknown): { snapshot: TokenSnapshot | null } | undefined {
    if (typeof secret !== 'string' || secret.length !== TOKEN_LENGTH || !deps.bus.isLive()) return undefined;
    return cache.get(hash('sha256', secret, 'base64url'));
  }

  /** The verifier key's checks once its snapshot is known; records its use. */
  function admitVerifier(key: TokenSnapshot | null, use: AdminKeyUse | undefined): VerifierPrincipal {
    const nowMs = clock().getTime();
    const isLive =
      key !== null &&
      key.kind === 'admin_key' &&
      key.status === 'active' &&
      (key.expiresAtMs === null || key.expiresAtMs > nowMs) &&
      (key.matchesUntilMs === null || key.matchesUntilMs > nowMs);
    if (!isLive) throw new DomainError('UNAUTHENTICATED', 'The API key is not valid.');
    if (key.orgDisabled) throw new DomainError('ORG_DISABLED');
    if (!grantsScope(key.scopes, 'verify:tokens')) {
      throw new DomainError('INSUFFICIENT_SCOPE', 'Insufficient scope. Verifying tokens needs the scope verify:tokens.');
    }
    // The key's own use, as every admin route records it: the inventory shows when a verifier
    // key last worked and from where, so an idle or leaked one stands out like any other.
    if (use) recordAdminKeyUse(usage, { atMs: nowMs, orgId: key.orgId, tokenId: key.tokenId }, use);
    return { orgId: key.orgId, keyId: key.tokenId };
  }

  async function authenticateVerifier(secret: string | undefined, use?: AdminKeyUse): Promise<VerifierPrincipal> {
    let parsed: ParsedToken;
    try {
      parsed = parseToken(secret);
    } catch {
      throw new DomainError('UNAUTHENTICATED', 'The API key is missing or malformed.');
    }
    if (parsed.kind !== 'admin_key') throw new DomainError('UNAUTHENTICATED', NOT_AN_ADMIN_KEY);
    return admitVerifier(await lookup(parsed.secret), use);
  }

  /** The verdict on a looked-up snapshot; a promise only when the token's limits must be counted. */
  function judge(verifier: VerifierPrincipal, request: VerifyRequest, context: VerifyContext, nowMs: number, found: TokenSnapshot | null): VerifyResult | Promise<VerifyResult> {
    const { valid, code, snapshot } = verdictOf(found, verifier.orgId, request, nowMs, policy.check);
    // Limits count only what would otherwise be let through.
    if (valid && snapshot && snapshot.limits.length > 0) return judgeLimits(verifier, request, context, nowMs, snapshot);
    return conclude(verifier, request, context, nowMs, snapshot, valid, code, null);
  }

  /** Counts the use on the token's limits: synchronously when they are counted in memory. */
  function judgeLimits(verifier: VerifierPrincipal, request: VerifyRequest, context: VerifyContext, nowMs: number, snapshot: TokenSnapshot): VerifyResult | Promise<VerifyResult> {
    const limited = countersOf(snapshot.tokenId, snapshot.limits, nowMs);
    const counts = counters.take(limited, nowMs);
    if (counts instanceof Promise) return counts.then((taken) => judgeCounted(verifier, request, context, nowMs, snapshot, limited, taken));
    return judgeCounted(verifier, request, context, nowMs, snapshot, limited, counts);
  }

  function judgeCounted(
    verifier: VerifierPrincipal,
    request: VerifyRequest,
    context: VerifyContext,
    nowMs: number,
    snapshot: TokenSnapshot,
    limited: ReturnType<typeof countersOf>,
    counts: readonly number[],
  ): VerifyResult {
    const judged = judgeCounts(limited, counts);
    if (judged.allowed) return conclude(verifier, request, context, nowMs, snapshot, true, 'VALID', judged.figure);
    return conclude(verifier, request, context, nowMs, snapshot, false, judged.figure?.kind === 'quota' ? 'QUOTA_EXHAUSTED' : 'RATE_LIMITED', judged.figure);
  }

  /** Records the usage event (unless deferred) and gives the result. */
  function conclude(
    verifier: VerifierPrincipal,
    request: VerifyRequest,
    context: VerifyContext,
    nowMs: number,
    snapshot: TokenSnapshot | null,
    valid: boolean,
    code: VerifyCode,
    rateLimit: LimitFigure | null,
  ): VerifyResult {
    if (!context.deferUsage) {
      recordOne(verifier, {
        tokenId: snapshot?.tokenId ?? null,
        code,
        atMs: nowMs,
        count: 1,
        method: request.method,
        route: request.route,
        ip: request.ip,
        userAgent: context.userAgent,
        upstreamStatus: context.upstreamStatus,
      });
    }
    return resultOf(snapshot, valid, code, rateLimit);
  }

  async function verify(verifier: VerifierPrincipal, request: VerifyRequest, context: VerifyContext = {}): Promise<VerifyResult> {
    const nowMs = clock().getTime();
    let parsed: ParsedToken;
    try {
      parsed = parseToken(request.token);
    } catch {
      return conclude(verifier, request, context, nowMs, null, false, 'MALFORMED', null);
    }
    return judge(verifier, request, context, nowMs, await lookup(parsed.secret));
  }

  return {
    /**
     * Authenticates the caller of the verify endpoint by its admin API key, through the same cache
     * (so a verification costs no read for the caller either). UNAUTHENTICATED unless the key is a
     * live admin key; ORG_DISABLED while its org is disabled; INSUFFICIENT_SCOPE unless it holds `verify:tokens`.
     */
    authenticateVerifier,

    /**
     * The same, synchronously when the key is cached (it throws then, rather than rejecting): the
     * fast path of `POST /api/v1/verify` then answers without waiting on a promise.
     */
    authenticateVerifierNow(secret: string | undefined, use?: AdminKeyUse): VerifierPrincipal | Promise<VerifierPrincipal> {
      const hit = cachedSnapshot(secret);
      if (hit === undefined) return authenticateVerifier(secret, use);
      if (kindOfWellFormed(secret!) !== 'admin_key') throw new DomainError('UNAUTHENTICATED', NOT_AN_ADMIN_KEY);
      return admitVerifier(hit.snapshot, use);
    },

    /** The verdict on `request.token` for the verifier's org; records a usage event. Never throws for a bad token. */
    verify,

    /** The same, synchronously when the token is cached and has no limits to count. */
    verifyNow(verifier: VerifierPrincipal, request: VerifyRequest, context: VerifyContext = {}): VerifyResult | Promise<VerifyResult> {
      const hit = cachedSnapshot(request.token);
      return hit === undefined ? verify(verifier, request, context) : judge(verifier, request, context, clock().getTime(), hit.snapshot);
    },

    /**
     * Changes that concern one org (and `resync`), for the SDKs' push stream: they drop their own
     * cached answers on the same events as the server's cache.
     */
    subscribeOrgChanges(orgId: string, listener: (change: TokenChange) => void): () => void {
      return deps.bus.subscribe((change) => {
        if (change.kind === 'resync' || change.orgId === orgId) listener(change);
      });
    },

    /**
     * Usage reported by an SDK for the verifications it answered from its own cache.
     * Events naming a token outside the verifier's org are ignored (one query for the batch).
     * Returns how many were recorded.
     */
    async reportUsage(verifier: VerifierPrincipal, events: readonly ReportedUsage[]): Promise<number> {
      const ids = [...new Set(events.map((e) => e.tokenId).filter((id): id is string => id !== null))];
      const known = await queries.tokenIdsOfOrg(verifier.orgId, ids);
      let recorded = 0;
      for (const event of events) {
        if (event.tokenId !== null && !known.has(event.tokenId)) continue;
        for (let i = 0; i < event.count; i += 1) recordOne(verifier, event);
        recorded += event.count;
      }
      return recorded;
    },

    /**
     * Records the usage of a verification made with `deferUsage`, by an in-process caller that
     * holds the verdict (the gateway inside `tokenward serve`): no org check, the token id comes
     * from this service's own answer. Synchronous, as `record` is.
     */
    recordUsage(verifier: VerifierPrincipal, event: ReportedUsage): void {
      recordOne(verifier, event);
    },

    /**
     * The counts of a token's limits now, without counting a use (the console's figures): one
     * figure per counter, the policy's first.
     */
    async limitFigures(tokenId: string, own: UsageLimits | null, policyLimits: UsageLimits | null): Promise<LimitFigure[]> {
      const sources: TokenSnapshot['limits'][number][] = [];
      if (hasUsageLimits(policyLimits)) sources.push({ source: 'policy', limits: policyLimits });
      if (hasUsageLimits(own)) sources.push({ source: 'token', limits: own });
      const nowMs = clock().getTime();
      const limited = countersOf(tokenId, sources, nowMs);
      const counts = await counters.peek(limited, nowMs);
      return limited.map((c, i) => ({ kind: c.kind, limit: c.limit, remaining: Math.max(0, c.limit - (counts[i] ?? 0)), periodSeconds: c.periodSeconds, resetAtMs: c.resetAtMs }));
    },

    /** For tests and metrics: entries cached, and loads from the database so far. */
    cacheStats: () => ({ size: cache.size, misses, limitStoreFailures: 'failures' in counters ? (counters as { failures(): number }).failures() : 0 }),

    close(): void {
      unsubscribe();
      cache.clear();
    },
  };
}

export type VerificationService = ReturnType<typeof createVerificationService>;
