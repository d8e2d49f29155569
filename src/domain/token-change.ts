/**
 * What the invalidation bus carries (src/service/token-change-bus.ts), and the contract
 * of the transports that carry it between nodes (src/store/*-change-transport.ts). Pure shapes and
 * checks, shared by both layers.
 */
import type { TokenOwner } from './models.js';

export type TokenChange =
  | { kind: 'tokens'; orgId: string; tokenIds: readonly string[] }
  | { kind: 'owner'; orgId: string; owner: TokenOwner }
  | { kind: 'org'; orgId: string }
  /** Changes may have been missed (a transport reconnected): forget everything. */
  | { kind: 'resync' };

export type TokenChangeListener = (change: TokenChange) => void;

/** Carries changes between nodes. `start` hands incoming changes (from other nodes only) to `deliver`. */
export interface ChangeTransport {
  readonly name: string;
  start(deliver: (change: TokenChange) => void): Promise<void>;
  publish(change: TokenChange): Promise<void>;
  /**
   * Resolves once a message sent now has come back through this node's own listening connection:
   * every change committed before the call has then been delivered (both transports deliver in
   * order). Rejects at once when the listener is not connected.
   */
  probe?(): Promise<void>;
  /** Drops the listening connection and connects again (it went silent). */
  reset?(): void;
  close(): Promise<void>;
}

/** Checks an incoming message's shape: transports carry JSON from other processes. */
export function parseTokenChange(value: unknown): TokenChange | null {
  if (!value || typeof value !== 'object') return null;
  const change = value as Record<string, unknown>;
  if (change.kind === 'resync') return { kind: 'resync' };
  if (typeof change.orgId !== 'string') return null;
  if (change.kind === 'org') return { kind: 'org', orgId: change.orgId };
  if (change.kind === 'tokens' && Array.isArray(change.tokenIds) && change.tokenIds.every((id) => typeof id === 'string')) {
    return { kind: 'tokens', orgId: change.orgId, tokenIds: change.tokenIds as string[] };
  }
  const owner = change.owner as Record<string, unknown> | undefined;
  if (change.kind === 'owner' && owner && typeof owner.id === 'string' && (owner.type === 'user' || owner.type === 'service_account')) {
    return { kind: 'owner', orgId: change.orgId, owner: { type: owner.type, id: owner.id } };
  }
  return null;
}

/**
 * Splits a change into messages of at most `maxIds` token ids, for transports with a payload limit
 * (PostgreSQL NOTIFY: 8000 bytes).
 */
export function chunkChange(change: TokenChange, maxIds: number): TokenChange[] {
  if (change.kind !== 'tokens' || change.tokenIds.length <= maxIds) return [change];
  const chunks: TokenChange[] = [];
  for (let i = 0; i < change.tokenIds.length; i += maxIds) {
    chunks.push({ kind: 'tokens', orgId: change.orgId, tokenIds: change.tokenIds.slice(i, i + maxIds) });
  }
  return chunks;
}
