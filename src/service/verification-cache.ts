/**
 * The verification cache: token snapshots keyed by a digest of the token (its SHA-256,
 * see verification-service.ts), so a repeated
 * verification costs no database read. Bounded (LRU, `max` entries) and short-lived (`ttlMs`, the
 * safety net for a missed invalidation); invalidated at once by the token change bus.
 *
 * Race with a concurrent change: a load that started before an invalidation must not put its
 * (possibly stale) result in the cache after it. Every invalidation bumps `epoch`; a load remembers
 * the epoch it started in, and its result is cached only if no invalidation happened meanwhile.
 */
import { LRUCache } from 'lru-cache';
import type { TokenChange } from '../domain/token-change.js';
import type { TokenSnapshot } from '../domain/verification.js';

export interface VerificationCacheOptions {
  /** Entries kept at most (least recently used go first). */
  max: number;
  /** How long an entry is trusted without any invalidation message. */
  ttlMs: number;
}

export const DEFAULT_CACHE_OPTIONS: VerificationCacheOptions = { max: 100_000, ttlMs: 10_000 };

/** A cached look-up: `snapshot` null caches "no such token" (negative caching). */
interface Entry {
  snapshot: TokenSnapshot | null;
}

export interface VerificationCache {
  get(digest: string): Entry | undefined;
  /** The epoch to pass back to `set` for a load starting now. */
  beginLoad(): number;
  set(digest: string, snapshot: TokenSnapshot | null, loadEpoch: number): void;
  invalidate(change: TokenChange): void;
  readonly size: number;
  clear(): void;
}

export function createVerificationCache(options: VerificationCacheOptions = DEFAULT_CACHE_OPTIONS): VerificationCache {
  let epoch = 0;
  // Secondary indexes, to find the digests a change touches; kept in step by `dispose`.
  // A token may be cached under two secrets at once (its previous one, in a rotation's grace).
  const byToken = new Map<string, Set<string>>();
  const byOwner = new Map<string, Set<string>>();
  const byOrg = new Map<string, Set<string>>();
  const ownerKey = (orgId: string, type: string, id: string) => `${orgId}\u0000${type}\u0000${id}`;

  const addTo = (map: Map<string, Set<string>>, key: string, digest: string) => {
    let set = map.get(key);
    if (!set) map.set(key, (set = new Set()));
    set.add(digest);
  };
  const removeFrom = (map: Map<string, Set<string>>, key: string, digest: string) => {
    const set = map.get(key);
    if (!set) return;
    set.delete(digest);
    if (set.size === 0) map.delete(key);
  };

  const lru = new LRUCache<string, Entry>({
    max: options.max,
    ttl: options.ttlMs,
    // Expiry is checked on read; no timers per entry.
    ttlAutopurge: false,
    dispose: (entry, digest) => {
      const snapshot = entry.snapshot;
      if (!snapshot) return;
      removeFrom(byToken, snapshot.tokenId, digest);
      removeFrom(byOrg, snapshot.orgId, digest);
      if (snapshot.owner) removeFrom(byOwner, ownerKey(snapshot.orgId, snapshot.owner.type, snapshot.owner.id), digest);
    },
  });

  const drop = (digests: Iterable<string> | undefined) => {
    if (!digests) return;
    for (const digest of [...digests]) lru.delete(digest);
  };

  return {
    get: (digest) => lru.get(digest),
    beginLoad: () => epoch,
    set(digest, snapshot, loadEpoch) {
      if (loadEpoch !== epoch) return;
      lru.set(digest, { snapshot });
      if (!snapshot) return;
      addTo(byToken, snapshot.tokenId, digest);
      addTo(byOrg, snapshot.orgId, digest);
      if (snapshot.owner) addTo(byOwner, ownerKey(snapshot.orgId, snapshot.owner.type, snapshot.owner.id), digest);
    },
    invalidate(change) {
      epoch += 1;
      switch (change.kind) {
        case 'tokens':
          for (const tokenId of change.tokenIds) drop(byToken.get(tokenId));
          return;
        case 'owner':
          drop(byOwner.get(ownerKey(change.orgId, change.owner.type, change.owner.id)));
          return;
        case 'org':
          drop(byOrg.get(change.orgId));
          return;
        case 'resync':
          lru.clear();
          byToken.clear();
          byOwner.clear();
          byOrg.clear();
          return;
      }
    },
    get size() {
      return lru.size;
    },
    clear: () => lru.clear(),
  };
}
