/**
 * In-process invalidation bus (issue #7): services publish here AFTER their transaction commits
 * whenever a token's verification outcome may have changed (revocation, suspension, restore, owner
 * change, policy change); the verification cache (and, later, SDK push streams) subscribe.
 *
 * Multi-node: a `ChangeTransport` (PostgreSQL LISTEN/NOTIFY or Redis pub/sub, src/store/) carries
 * every local change to the other nodes and hands their changes back; they reach local listeners
 * the same way. A transport that lost its connection reports `resync`: listeners then drop
 * everything, since changes may have been missed meanwhile.
 *
 * Publishing never throws and never waits: a failing transport is logged, and the cache's short
 * TTL bounds how long a missed message can matter (docs/verification.md).
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
  /** Sets the transport to other nodes; before `start`, once. */
  attachTransport(transport: ChangeTransport): void;
  /** Connects the transport, if any; local delivery works without it. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface TokenChangeBusOptions {
  transport?: ChangeTransport | undefined;
  onError?: (error: unknown, context: string) => void;
}

/** A bus with no transport is a single-node bus (SQLite, or tests). */
export function createTokenChangeBus(options: TokenChangeBusOptions = {}): TokenChangeBus {
  const listeners = new Set<TokenChangeListener>();
  const onError = options.onError ?? (() => undefined);
  let transport = options.transport;

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
    remote?.publish(change).catch((error: unknown) => onError(error, `publishing a token change over ${remote.name}`));
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
    attachTransport(next) {
      transport = next;
    },
    async start() {
      await transport?.start(deliver);
    },
    async close() {
      listeners.clear();
      await transport?.close();
    },
  };
}
