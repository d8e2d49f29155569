/**
 * Per-token rate limits and quotas (docs/verification.md "Rate limits and quotas"). A policy sets
 * them for every token it governs; a token may add its own, which narrow the policy's: every limit
 * of both applies, so a token's own limits can only make it stricter.
 *
 * - A rate limit is a fixed window: at most `limit` verifications per `windowSeconds`, windows
 *   aligned on the epoch (a minute window starts at :00), so every node and Redis agree on the
 *   window without talking.
 * - A quota is a number of uses; with `refillEverySeconds` it refills at the start of each period
 *   (aligned the same way: a day refills at 00:00 UTC), without it it is used up for good.
 *
 * Only verifications that would otherwise be VALID count: a refused one (revoked, limited, ...)
 * takes nothing, so a client hammering through a refusal does not push its own reset further.
 */
import { DomainError } from './errors.js';

export interface RateLimitWindow {
  limit: number;
  windowSeconds: number;
}

export interface UsageQuota {
  uses: number;
  /** Refills to `uses` at the start of every such period; null: never refills. */
  refillEverySeconds: number | null;
}

export interface UsageLimits {
  rateLimits: RateLimitWindow[];
  quota: UsageQuota | null;
}

export const NO_USAGE_LIMITS: UsageLimits = Object.freeze({ rateLimits: [], quota: null }) as UsageLimits;

export const USAGE_LIMIT_BOUNDS = {
  windows: 5,
  limit: { min: 1, max: 1_000_000_000 },
  windowSeconds: { min: 1, max: 31 * 86_400 },
  uses: { min: 1, max: 1_000_000_000_000 },
  refillEverySeconds: { min: 60, max: 366 * 86_400 },
} as const;

export interface UsageLimitsInput {
  rateLimits?: readonly { limit: number; windowSeconds: number }[] | undefined;
  quota?: { uses: number; refillEverySeconds?: number | null | undefined } | null | undefined;
}

function within(value: number, bounds: { min: number; max: number }): boolean {
  return Number.isInteger(value) && value >= bounds.min && value <= bounds.max;
}

/** Checks limits as an admin sends them (a policy's rule, a token's own). */
export function normalizeUsageLimits(input: UsageLimitsInput): UsageLimits {
  const b = USAGE_LIMIT_BOUNDS;
  const windows = input.rateLimits ?? [];
  if (windows.length > b.windows) throw invalid(`At most ${b.windows} rate limits.`);
  const seen = new Set<number>();
  const rateLimits = windows.map(({ limit, windowSeconds }) => {
    if (!within(limit, b.limit)) throw invalid(`A rate limit's limit must be a whole number from ${b.limit.min} to ${b.limit.max}.`);
    if (!within(windowSeconds, b.windowSeconds)) throw invalid(`A rate limit's window must be a whole number of seconds from 1 to ${b.windowSeconds.max} (31 days).`);
    if (seen.has(windowSeconds)) throw invalid('Two rate limits have the same window: keep the stricter one.');
    seen.add(windowSeconds);
    return { limit, windowSeconds };
  });
  rateLimits.sort((x, y) => x.windowSeconds - y.windowSeconds);
  let quota: UsageQuota | null = null;
  if (input.quota) {
    const { uses } = input.quota;
    const refill = input.quota.refillEverySeconds ?? null;
    if (!within(uses, b.uses)) throw invalid(`A quota's uses must be a whole number from ${b.uses.min} to ${b.uses.max}.`);
    if (refill !== null && !within(refill, b.refillEverySeconds)) throw invalid('A quota refills every 60 seconds to 366 days, or never (null).');
    quota = { uses, refillEverySeconds: refill };
  }
  return { rateLimits, quota };
}

export function hasUsageLimits(limits: UsageLimits | null | undefined): limits is UsageLimits {
  return !!limits && (limits.rateLimits.length > 0 || limits.quota !== null);
}

/** Where a limit comes from: the governing policy, or the token's own. */
export type LimitSource = 'policy' | 'token';

/** One counter a verification must pass: a window of a rate limit, or a quota's period. */
export interface LimitCounter {
  /** Unique across nodes; the `{tokenId}` part keeps a token's counters together in Redis. */
  key: string;
  kind: 'rate' | 'quota';
  limit: number;
  /** The rate limit's window, or the quota's refill period; null for a quota that never refills. */
  periodSeconds: number | null;
  /** When the count starts over; null: never. */
  resetAtMs: number | null;
}

/** The counters of a token's limits at `nowMs` (an empty list for a token without limits). */
export function countersOf(tokenId: string, sources: readonly { source: LimitSource; limits: UsageLimits }[], nowMs: number): LimitCounter[] {
  const counters: LimitCounter[] = [];
  for (const { source, limits } of sources) {
    for (const { limit, windowSeconds } of limits.rateLimits) {
      const windowMs = windowSeconds * 1000;
      const index = Math.floor(nowMs / windowMs);
      counters.push({ key: `{${tokenId}}:${source}:rate:${windowSeconds}:${index}`, kind: 'rate', limit, periodSeconds: windowSeconds, resetAtMs: (index + 1) * windowMs });
    }
    const quota = limits.quota;
    if (quota) {
      if (quota.refillEverySeconds === null) {
        counters.push({ key: `{${tokenId}}:${source}:quota`, kind: 'quota', limit: quota.uses, periodSeconds: null, resetAtMs: null });
      } else {
        const periodMs = quota.refillEverySeconds * 1000;
        const index = Math.floor(nowMs / periodMs);
        counters.push({
          key: `{${tokenId}}:${source}:quota:${quota.refillEverySeconds}:${index}`,
          kind: 'quota',
          limit: quota.uses,
          periodSeconds: quota.refillEverySeconds,
          resetAtMs: (index + 1) * periodMs,
        });
      }
    }
  }
  return counters;
}

/** What a verification answer says about the limits: the one that refused it, or the tightest. */
export interface LimitFigure {
  kind: 'rate' | 'quota';
  limit: number;
  remaining: number;
  periodSeconds: number | null;
  resetAtMs: number | null;
}

/**
 * Whether a use is allowed given the counts before it: every counter must be below its limit. Refused:
 * the refusing counter that resets last (the caller must wait for all of them). Allowed: the counter
 * with the fewest uses left after this one (ties: the one resetting first).
 */
export function judgeCounts(counters: readonly LimitCounter[], countsBefore: readonly number[]): { allowed: boolean; figure: LimitFigure | null } {
  let refusing: LimitFigure | null = null;
  let tightest: LimitFigure | null = null;
  for (let i = 0; i < counters.length; i += 1) {
    const counter = counters[i]!;
    const before = countsBefore[i] ?? 0;
    const figure: LimitFigure = { kind: counter.kind, limit: counter.limit, remaining: 0, periodSeconds: counter.periodSeconds, resetAtMs: counter.resetAtMs };
    if (before >= counter.limit) {
      if (!refusing || resetsLater(figure, refusing)) refusing = figure;
      continue;
    }
    figure.remaining = counter.limit - before - 1;
    if (!tightest || figure.remaining < tightest.remaining || (figure.remaining === tightest.remaining && resetsLater(tightest, figure))) tightest = figure;
  }
  if (refusing) return { allowed: false, figure: refusing };
  return { allowed: true, figure: tightest };
}

/** A figure as answers write it: the period in seconds, the reset as an ISO date. */
export function rateLimitJson(figure: LimitFigure) {
  return {
    kind: figure.kind,
    limit: figure.limit,
    remaining: figure.remaining,
    windowSeconds: figure.periodSeconds,
    resetAt: figure.resetAtMs === null ? null : new Date(figure.resetAtMs).toISOString(),
  };
}

function resetsLater(a: LimitFigure, b: LimitFigure): boolean {
  if (a.resetAtMs === null) return b.resetAtMs !== null;
  return b.resetAtMs !== null && a.resetAtMs > b.resetAtMs;
}

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

/** Where the counts live (memory, or Redis for several nodes); the implementations do the I/O. */
export interface UsageCounterStore {
  /**
   * Counts one use on every counter if each is below its limit (all or nothing); returns the counts
   * as they were before, so the caller judges with the same rule (`judgeCounts`).
   */
  take(counters: readonly LimitCounter[], nowMs: number): Promise<readonly number[]> | readonly number[];
  /** The counts now, without counting (the console's figures). */
  peek(counters: readonly LimitCounter[], nowMs: number): Promise<readonly number[]> | readonly number[];
}
