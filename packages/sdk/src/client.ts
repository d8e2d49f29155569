/**
 * `createTokenwardClient`: verifies tokens against a Tokenward server, answering repeated
 * verifications from a local LRU cache. Revocations, suspensions and policy changes are pushed by
 * the server (server-sent events) and drop the cached answers at once; while the push stream is
 * down, a cached answer lives at most `cacheTtlMs` (10 s by default). Verifications answered from
 * the cache are reported back to the server in batches, so usage stays complete.
 */
import * as crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { openPushStream, type Invalidation } from './push-stream.js';

export type VerifyCode =
  | 'VALID'
  | 'MALFORMED'
  | 'NOT_FOUND'
  | 'REVOKED'
  | 'EXPIRED'
  | 'SUSPENDED'
  | 'INSUFFICIENT_SCOPE'
  | 'IP_NOT_ALLOWED'
  | 'USE_BLOCKED_BY_POLICY'
  /** Past one of the token's rate limits (`rateLimit` says which and until when). */
  | 'RATE_LIMITED'
  /** The token's quota is used up (`rateLimit` says whether and when it refills). */
  | 'QUOTA_EXHAUSTED'
  /** The server's administrator disabled the token's organization: nothing of it works until it is enabled. */
  | 'ORG_DISABLED'
  /** The SDK's own: the server could not be reached and `failClosed` is on. */
  | 'UNAVAILABLE';

export interface VerifyResult {
  valid: boolean;
  code: VerifyCode;
  tokenId: string | null;
  /** `groups`: the owner's directory group names (empty for a service account; absent from servers that predate it). */
  owner: { type: 'user' | 'service_account'; id: string; name: string; email: string; groups?: string[] } | null;
  scopes: string[];
  expiresAt: string | null;
  /** For a token with rate limits or a quota: the limit that refused it, or the tightest one left. */
  rateLimit: RateLimitFigure | null;
  /** True when answered from the local cache. */
  cached: boolean;
}

/** A token's rate limit or quota as the server's verification left it. */
export interface RateLimitFigure {
  kind: 'rate' | 'quota';
  limit: number;
  remaining: number;
  /** The rate limit's window, or the quota's refill period; null for a quota that never refills. */
  windowSeconds: number | null;
  /** When the count starts over (ISO date); null: never. */
  resetAt: string | null;
}

export interface VerifyOptions {
  scopes?: readonly string[];
  ip?: string;
  method?: string;
  route?: string;
  userAgent?: string;
  /**
   * Record no usage for this verification now: the caller reports it with `reportUsage` once it
   * knows the outcome (a gateway: the upstream's status). Neither the server nor the cache counts it.
   */
  deferUsage?: boolean;
}

/** What `reportUsage` adds to a deferred verification. */
export interface UsageOutcome {
  method?: string;
  route?: string;
  ip?: string;
  userAgent?: string;
  /** The protected API's HTTP status. */
  upstreamStatus?: number;
}

export interface TokenwardClientOptions {
  /** The Tokenward server, e.g. `https://tokenward.example.com`. */
  baseUrl: string;
  /** An org admin API key holding `verify:tokens`. */
  verifierKey: string;
  /** Cached answers kept at most (least recently used go first). Default 10,000. */
  cacheMax?: number;
  /** Life of a cached answer while the push stream is down. Default 10 s. */
  cacheTtlMs?: number;
  /** Life of a cached answer while the push stream is up (the safety net). Default 60 s. */
  pushedCacheTtlMs?: number;
  /** Refuse (code UNAVAILABLE) when the server cannot be reached; otherwise throw. Default true. */
  failClosed?: boolean;
  /** Per request to the server. Default 2 s. */
  timeoutMs?: number;
  /** Listen to the server's push stream. Default true; without it answers live `cacheTtlMs`. */
  push?: boolean;
  /** How often cached verifications are reported as usage. Default 1 s. */
  usageFlushMs?: number;
  fetch?: typeof fetch;
}

export class TokenwardUnavailableError extends Error {
  override name = 'TokenwardUnavailableError';
}

interface Entry {
  result: Omit<VerifyResult, 'cached'>;
  cachedAtMs: number;
  /** `result.expiresAt` parsed once, not on every hit. */
  expiresAtMs: number | null;
  /** The usage line this entry's last hit counted into, while the same call repeats (hot path). */
  lastUsage: { line: UsageLine; generation: number; verify: VerifyOptions } | null;
}

interface UsageLine {
  tokenId: string | null;
  code: VerifyCode;
  at: string;
  count: number;
  method?: string;
  route?: string;
  ip?: string;
  userAgent?: string;
  upstreamStatus?: number;
}

const MAX_USAGE_LINES = 10_000;

/**
 * SHA-256 of the token, base64url: the one-shot `crypto.hash` (Node >= 20.12) costs about half of
 * a `createHash` object on a cache hit, where the hash is most of the work.
 */
const sha256: (data: string) => string =
  typeof crypto.hash === 'function' ? (data) => crypto.hash('sha256', data, 'base64url') : (data) => crypto.createHash('sha256').update(data).digest('base64url');

const scopesKeyOf = (scopes: readonly string[] | undefined): string => {
  if (!scopes || scopes.length === 0) return '';
  if (scopes.length === 1) return scopes[0]!;
  return [...scopes].sort().join(' ');
};

export function createTokenwardClient(options: TokenwardClientOptions) {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const fetchImpl = options.fetch ?? fetch;
  const ttlMs = options.cacheTtlMs ?? 10_000;
  const pushedTtlMs = options.pushedCacheTtlMs ?? 60_000;
  const failClosed = options.failClosed ?? true;
  const timeoutMs = options.timeoutMs ?? 2000;
  const headers = { authorization: `Bearer ${options.verifierKey}` };
  const cache = new LRUCache<string, Entry>({ max: options.cacheMax ?? 10_000 });
  let isPushUp = false;
  let hasBeenUp = false;
  let usage = new Map<string, UsageLine>();
  /** Bumped when `usage` is handed to a flush: a line remembered by an entry is then out of it. */
  let usageGeneration = 0;
  /** Bumped by every invalidation: an answer fetched across one is not cached (it may be stale). */
  let epoch = 0;

  function invalidate(change: Invalidation): void {
    epoch += 1;
    if (change.kind === 'org' || change.kind === 'resync') {
      cache.clear();
      return;
    }
    for (const [key, entry] of cache.entries()) {
      const { tokenId, owner } = entry.result;
      const hit =
        change.kind === 'tokens' ? tokenId !== null && change.tokenIds.includes(tokenId) : owner !== null && owner.type === change.owner.type && owner.id === change.owner.id;
      if (hit) cache.delete(key);
    }
  }

  const stream =
    options.push === false
      ? null
      : openPushStream(
          `${baseUrl}/api/v1/verify/events`,
          headers,
          {
            onReady() {
              // After a gap, invalidations may have been missed: start over.
              if (hasBeenUp) cache.clear();
              hasBeenUp = true;
              isPushUp = true;
            },
            onDown() {
              isPushUp = false;
            },
            onInvalidate: invalidate,
          },
          fetchImpl,
        );

  function keyOf(token: string, verify: VerifyOptions): string {
    // A hash, not the token: the cache never holds a secret in clear.
    return `${sha256(token)}\u0000${verify.ip ?? ''}\u0000${scopesKeyOf(verify.scopes)}`;
  }

  function fromCache(key: string, nowMs: number): Entry | undefined {
    const entry = cache.get(key);
    if (!entry) return undefined;
    // While the push stream is down only a short life is trusted; an entry cached before the
    // stream went down is judged by the same rule.
    if (nowMs - entry.cachedAtMs > (isPushUp ? pushedTtlMs : ttlMs)) {
      cache.delete(key);
      return undefined;
    }
    return entry;
  }

  /** A cached entry's answer (EXPIRED once its token has), its usage counted unless deferred; undefined on a miss. */
  function answerFromCache(key: string, verify: VerifyOptions, nowMs: number): Omit<VerifyResult, 'cached'> | undefined {
    const entry = fromCache(key, nowMs);
    if (!entry) return undefined;
    let result = entry.result;
    if (result.valid && entry.expiresAtMs !== null && entry.expiresAtMs <= nowMs) {
      const expired = Object.assign({}, result);
      expired.valid = false;
      expired.code = 'EXPIRED';
      result = expired;
    }
    if (!verify.deferUsage) recordHit(entry, result, verify, nowMs);
    return result;
  }

  /** Counts a hit answered `result` from `entry`; the same call as the entry's last hit skips the map. */
  function recordHit(entry: Entry, result: Omit<VerifyResult, 'cached'>, verify: VerifyOptions, nowMs: number): void {
    const last = entry.lastUsage;
    if (
      last !== null &&
      last.generation === usageGeneration &&
      last.line.code === result.code &&
      last.verify.method === verify.method &&
      last.verify.route === verify.route &&
      last.verify.userAgent === verify.userAgent
    ) {
      // The ip is part of the cache key already: same entry, same ip.
      last.line.count += 1;
      return;
    }
    const line = recordUsage(result, verify, nowMs);
    entry.lastUsage = line ? { line, generation: usageGeneration, verify: { method: verify.method, route: verify.route, userAgent: verify.userAgent } } : null;
  }

  /** The line the last call was counted into, while it stays in the current batch: a burst of the same call skips building its key. */
  let lastLine: UsageLine | null = null;
  let lastLineGeneration = -1;

  /** The usage line the call was counted into, or null past the bound (and for UNAVAILABLE). */
  function recordUsage(result: Pick<VerifyResult, 'tokenId' | 'code'>, verify: UsageOutcome, nowMs: number): UsageLine | null {
    // The server knows no UNAVAILABLE (it was never asked): nothing to report.
    if (result.code === 'UNAVAILABLE') return null;
    const last = lastLine;
    if (
      last !== null &&
      lastLineGeneration === usageGeneration &&
      last.tokenId === result.tokenId &&
      last.code === result.code &&
      last.method === (verify.method || undefined) &&
      last.route === (verify.route || undefined) &&
      last.ip === (verify.ip || undefined) &&
      last.userAgent === (verify.userAgent || undefined) &&
      last.upstreamStatus === (verify.upstreamStatus || undefined)
    ) {
      last.count += 1;
      return last;
    }
    const key = `${result.tokenId}\u0000${result.code}\u0000${verify.method}\u0000${verify.route}\u0000${verify.ip}\u0000${verify.userAgent}\u0000${verify.upstreamStatus}`;
    let line = usage.get(key);
    if (line) {
      line.count += 1;
    } else {
      if (usage.size >= MAX_USAGE_LINES) return null; // bounded: past it, cached calls go unreported
      line = {
        tokenId: result.tokenId,
        code: result.code,
        at: new Date(nowMs).toISOString(),
        count: 1,
        ...(verify.method ? { method: verify.method } : {}),
        ...(verify.route ? { route: verify.route } : {}),
        ...(verify.ip ? { ip: verify.ip } : {}),
        ...(verify.userAgent ? { userAgent: verify.userAgent } : {}),
        ...(verify.upstreamStatus ? { upstreamStatus: verify.upstreamStatus } : {}),
      };
      usage.set(key, line);
    }
    lastLine = line;
    lastLineGeneration = usageGeneration;
    return line;
  }

  async function flushUsage(): Promise<void> {
    if (usage.size === 0) return;
    const lines = [...usage.entries()];
    usage = new Map();
    usageGeneration += 1;
    for (let i = 0; i < lines.length; i += 1000) {
      const response = await fetchImpl(`${baseUrl}/api/v1/verify/usage`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ events: lines.slice(i, i + 1000).map(([, line]) => line) }),
        signal: AbortSignal.timeout(timeoutMs),
      }).catch(() => null);
      if (!response?.ok) {
        // Keep what did not go through, within the bound, for the next flush.
        for (const [key, line] of lines.slice(i)) {
          const newer = usage.get(key);
          if (newer) newer.count += line.count;
          else if (usage.size < MAX_USAGE_LINES) usage.set(key, line);
        }
        return;
      }
    }
  }

  const usageTimer = setInterval(() => void flushUsage(), options.usageFlushMs ?? 1000);
  usageTimer.unref();

  return {
    /** The verdict on `token`; never throws for a bad token. */
    async verify(token: string, verify: VerifyOptions = {}): Promise<VerifyResult> {
      const nowMs = Date.now();
      const key = keyOf(token, verify);
      const cached = answerFromCache(key, verify, nowMs);
      if (cached) {
        // Object.assign, then the property: on Node 20 a spread followed by more properties
        // (`{ ...result, cached: true }`) costs over a microsecond, most of a hit.
        const hit = Object.assign({}, cached) as VerifyResult;
        hit.cached = true;
        return hit;
      }
      const startEpoch = epoch;
      let response: Response;
      try {
        response = await fetchImpl(`${baseUrl}/api/v1/verify`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ token, ...verify }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        if (failClosed) return { valid: false, code: 'UNAVAILABLE', tokenId: null, owner: null, scopes: [], expiresAt: null, rateLimit: null, cached: false };
        throw new TokenwardUnavailableError('The Tokenward server cannot be reached.', { cause: error });
      }
      if (response.status !== 200) {
        // The verifier key itself is refused (401) or the server failed: never a token's fault.
        if (failClosed) return { valid: false, code: 'UNAVAILABLE', tokenId: null, owner: null, scopes: [], expiresAt: null, rateLimit: null, cached: false };
        throw new TokenwardUnavailableError(`The Tokenward server answered ${response.status}.`);
      }
      const answer = (await response.json()) as Omit<VerifyResult, 'cached' | 'rateLimit'> & { rateLimit?: RateLimitFigure | null };
      const result: Omit<VerifyResult, 'cached'> = { ...answer, rateLimit: answer.rateLimit ?? null };
      // A token with limits is asked about every time: the server counts each use.
      if (epoch === startEpoch && !result.rateLimit) cache.set(key, { result, cachedAtMs: nowMs, expiresAtMs: result.expiresAt === null ? null : Date.parse(result.expiresAt), lastUsage: null });
      return { ...result, cached: false };
    },

    /**
     * The cached answer for `token` at once, with no promise, or undefined when only the server
     * can answer (then call `verify`). Counts usage as `verify` does. For a hot path that can go on
     * without waiting (the gateway); the object is shared with the cache: read it, never change it.
     */
    verifyFromCache(token: string, verify: VerifyOptions = {}): Readonly<Omit<VerifyResult, 'cached'>> | undefined {
      const nowMs = Date.now();
      return answerFromCache(keyOf(token, verify), verify, nowMs);
    },

    /**
     * Reports a verification made with `deferUsage`, with its outcome; sent with the next batch.
     * `result` is what `verify` answered.
     */
    reportUsage(result: Pick<VerifyResult, 'tokenId' | 'code'>, outcome: UsageOutcome = {}): void {
      recordUsage(result, outcome, Date.now());
    },

    /** Whether the push stream is connected (revocations arrive within a second). */
    isPushConnected: () => isPushUp,

    /** Reports pending usage now. */
    flushUsage,

    /** Stops the push stream and reports pending usage. */
    async close(): Promise<void> {
      clearInterval(usageTimer);
      stream?.close();
      await flushUsage();
    },
  };
}

export type TokenwardClient = ReturnType<typeof createTokenwardClient>;
