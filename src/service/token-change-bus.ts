/**
 * In-process invalidation bus: services publish here AFTER their transaction commits
 * whenever a token's verification outcome may have changed (revocation, suspension, restore, owner
 * change, policy change); the verification cache (and, later, SDK push streams) subscribe.
 *
 * Multi-node: a `ChangeTransport` (PostgreSQL LISTEN/NOTIFY or Redis pub/sub, src/store/) carries
 * every local change to the other nodes and hands their changes back; they reach local listeners
 * the same way. A transport that lost its connection reports `resync`: listeners then drop
 * everything, since changes may have been missed meanwhile.
 *
 * Liveness: a listener can go silent without dropping (a stalled connection), or be away while
 * it reconnects. The bus probes the transport every `probeIntervalMs` (a message that must come
 * back through this node's listener) and remembers when the last confirmed probe was SENT: every
 * change committed before that moment has been heard. `isLive()` holds while that moment is
 * within `liveWindowMs`; past it, the bus reports `resync` once and readers must not trust what
 * they cached (the verification service then reads the database), until probes come back. A
 * probe unanswered after `probeDeadlineMs` makes the transport reconnect.
 *
 * Publishing never throws and never waits: a failed publish is retried a few times (a change
 * committed just before a connection dropped must still reach the other nodes), then logged; the
 * cache's short TTL is the last safety net (docs/verification.md).
 */
import type { TokenOwner } from '../domain/models.js';
import type { ChangeTransport, TokenChange, TokenChangeListener } from '../domain/token-change.js';

export type { ChangeTransport, TokenChange, TokenChangeListener };

export interface TokenChangeBus {
  /** These tokens' status (or anything verification reads of them) changed. */
  tokensChanged(orgId: string, tokenIds: readonly string[]): void;
  /** Something about this owner changed: status, name, e-mail, or all their tokens at once. */
  ownerChanged(orgId: string, owner: TokenOwner): void;
  /** An org-wide change (a policy): every token of the org must be looked at again. */
  orgChanged(orgId: string): void;
  subscribe(listener: TokenChangeListener): () => void;
  /**
   * Whether changes from other nodes are known to reach this node now: always with no transport;
   * with one, while its last confirmed probe is recent. While false, cached state may be stale.
   */
  isLive(): boolean;
  /** Milliseconds since the moment up to which every change is known to have been heard; null with no transport. */
  silentForMs(): number | null;
  /** Sets the transport to other nodes; before `start`, once. */
  attachTransport(transport: ChangeTransport): void;
  /** Connects the transport, if any; local delivery works without it. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface TokenChangeBusOptions {
  transport?: ChangeTransport | undefined;
  onError?: (error: unknown, context: string) => void;
  /** Told when the bus stops or starts hearing the other nodes (to log it once, count it). */
  onLivenessChange?: (isLive: boolean) => void;
  liveness?: Partial<BusLivenessOptions>;
  /** Milliseconds on a monotonic clock. */
  nowMs?: () => number;
}

export interface BusLivenessOptions {
  probeIntervalMs: number;
  /** How old the last confirmed moment may be while cached state is trusted. */
  liveWindowMs: number;
  probeDeadlineMs: number;
}

/**
 * A revocation acknowledged on one node is refused on every node within about `liveWindowMs`
 * plus one message's flight, whatever happens to the connections in between.
 */
export const DEFAULT_BUS_LIVENESS: BusLivenessOptions = { probeIntervalMs: 200, liveWindowMs: 750, probeDeadlineMs: 2000 };
const PUBLISH_RETRY_DELAYS_MS = [100, 250, 500, 1000, 2000, 4000];

/** A bus with no transport is a single-node bus (SQLite, or tests). */
export function createTokenChangeBus(options: TokenChangeBusOptions = {}): TokenChangeBus {
  const listeners = new Set<TokenChangeListener>();
  const onError = options.onError ?? (() => undefined);
  const liveness = { ...DEFAULT_BUS_LIVENESS, ...options.liveness };
  const nowMs = options.nowMs ?? (() => performance.now());
  let transport = options.transport;
  /** The send time of the last probe that came back: every change committed before it was heard. */
  let confirmedAtMs = Number.NEGATIVE_INFINITY;
  /** Since when the bus has been silent; null while it is live. */
  let silentSinceMs: number | null = null;
  /** Liveness changes are reported once a first probe came back (a busy start is no outage). */
  let hasHeardProbe = false;
  let reportedLive = true;
  let probeStartedAtMs: number | null = null;
  let probeTimer: NodeJS.Timeout | undefined;
  let closed = false;

  const isLive = () => !transport?.probe || nowMs() - confirmedAtMs <= liveness.liveWindowMs;

  /**
   * Going silent drops what listeners cached at once. It is reported (logged, and shown by health
   * checks) only once the silence outlasts another live window: an event loop kept busy for longer
   * than the window (a long start-up step) reads the probes' answers late, and the next probe ends
   * that silence at once. Coming back is reported when a silence was.
   */
  function checkLiveness(): void {
    const live = isLive();
    if (live && silentSinceMs !== null) silentSinceMs = null;
    if (!live && silentSinceMs === null) {
      silentSinceMs = nowMs();
      deliver({ kind: 'resync' });
    }
    const isSettled = live || (silentSinceMs !== null && nowMs() - silentSinceMs >= liveness.liveWindowMs);
    if (hasHeardProbe && isSettled && live !== reportedLive) {
      reportedLive = live;
      options.onLivenessChange?.(live);
    }
  }

  function probeOnce(): void {
    const remote = transport;
    if (!remote?.probe || closed) return;
    checkLiveness();
    if (probeStartedAtMs !== null) {
      if (nowMs() - probeStartedAtMs < liveness.probeDeadlineMs) return;
      // No answer in time: the listener is silent without having dropped. Start it over.
      probeStartedAtMs = null;
      remote.reset?.();
    }
    const startedAt = nowMs();
    probeStartedAtMs = startedAt;
    remote.probe().then(
      () => {
        if (probeStartedAtMs === startedAt) probeStartedAtMs = null;
        if (startedAt > confirmedAtMs) confirmedAtMs = startedAt;
        hasHeardProbe = true;
        checkLiveness();
      },
      () => {
        if (probeStartedAtMs === startedAt) probeStartedAtMs = null;
      },
    );
  }

  async function publishWithRetries(remote: ChangeTransport, change: TokenChange): Promise<void> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await remote.publish(change);
        return;
      } catch (error) {
        if (closed || attempt >= PUBLISH_RETRY_DELAYS_MS.length) throw error;
        await new Promise((resolve) => setTimeout(resolve, PUBLISH_RETRY_DELAYS_MS[attempt]).unref());
      }
    }
  }

  function deliver(change: TokenChange): void {
    for (const listener of listeners) {
      try {
        listener(change);
      } catch (error) {
        onError(error, 'token change listener');
      }
    }
  }

  function publish(change: TokenChange): void {
    deliver(change);
    const remote = transport;
    if (remote) publishWithRetries(remote, change).catch((error: unknown) => onError(error, `publishing a token change over ${remote.name}`));
  }

  return {
    tokensChanged(orgId, tokenIds) {
      if (tokenIds.length > 0) publish({ kind: 'tokens', orgId, tokenIds: [...tokenIds] });
    },
    ownerChanged(orgId, owner) {
      publish({ kind: 'owner', orgId, owner: { ...owner } });
    },
    orgChanged(orgId) {
      publish({ kind: 'org', orgId });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isLive,
    silentForMs: () => (transport?.probe ? Math.max(0, nowMs() - confirmedAtMs) : null),
    attachTransport(next) {
      transport = next;
    },
    async start() {
      const startedAt = nowMs();
      await transport?.start(deliver);
      if (!transport?.probe) return;
      // Listening since `startedAt`, and nothing was cached before: live from there until the
      // probes say otherwise.
      confirmedAtMs = startedAt;
      probeOnce();
      probeTimer = setInterval(probeOnce, liveness.probeIntervalMs);
      probeTimer.unref();
    },
    async close() {
      closed = true;
      clearInterval(probeTimer);
      listeners.clear();
      await transport?.close();
    },
  };
}
