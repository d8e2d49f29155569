/**
 * The audit log's hash chain: pure rules, no I/O.
 *
 * Each organization's entries form one chain (entries without an org form the `instance` chain),
 * in insertion order (`seq`). An entry's `hash` is an HMAC-SHA256, under a key derived from the
 * server's pepper, of the previous entry's hash and a canonical serialization of the entry's
 * columns. An HMAC rather than a plain SHA-256 because the threat is someone with write access to
 * the database: with a plain hash they could edit a row and recompute every later hash; without
 * the pepper (which lives in the environment or the data dir, never in the database) they cannot.
 *
 * Each chain also has a head record (the newest entry's seq, id and hash) and, after a retention
 * purge, an anchor (the last purged entry's seq, id and hash), each with its own MAC, so deleting
 * the newest entries, or the oldest ones without a real purge, is detected too.
 *
 *   const key = deriveAuditChainKey(pepper);
 *   const hash = entryHash(key, previousHash, row); // row as stored
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuditEntry } from './models.js';

/** An audit entry as read back, with its place in the chain. */
export interface StoredAuditEntry extends AuditEntry {
  seq: number;
  hash: string | null;
}

export type AuditChainKey = Buffer;

/** The chain of entries that belong to no organization. Org ids are UUIDs, so no clash. */
export const INSTANCE_CHAIN = 'instance';

/** Derives the chain key from the pepper; the label versions the derivation. */
export function deriveAuditChainKey(pepper: Buffer): AuditChainKey {
  return createHmac('sha256', pepper).update('tokenward:audit-chain:v1').digest();
}

export function chainIdOf(orgId: string | null): string {
  return orgId ?? INSTANCE_CHAIN;
}

/** The columns an entry's hash covers: every column as stored, except `seq`, `prev_hash` and `hash`. */
export interface ChainedContent {
  id: string;
  org_id: string | null;
  at: number;
  actor_type: string;
  actor_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  /** The stored JSON text, as is: re-serializing could reorder keys. */
  details: string;
}

/**
 * A JSON array in a fixed order: unambiguous (no field can bleed into the next) and the same in
 * every runtime. `seq` is left out on purpose: the chain itself says where an entry belongs, so an
 * entry moved to another `seq` is reported as reordered rather than as edited.
 */
export function canonicalEntry(row: ChainedContent): string {
  return JSON.stringify([
    'tw-audit-entry-v1',
    row.id,
    row.org_id,
    Number(row.at),
    row.actor_type,
    row.actor_id,
    row.action,
    row.target_type,
    row.target_id,
    row.ip,
    row.details,
  ]);
}

function mac(key: AuditChainKey, parts: unknown[]): string {
  return createHmac('sha256', key).update(JSON.stringify(parts)).digest('hex');
}

/** `prevHash` null: the first entry of a chain (no purge anchor before it). */
export function entryHash(key: AuditChainKey, prevHash: string | null, row: ChainedContent): string {
  return createHmac('sha256', key)
    .update(prevHash ?? '')
    .update('\n')
    .update(canonicalEntry(row))
    .digest('hex');
}

export interface ChainPointer {
  seq: number;
  id: string;
  hash: string;
}

/** MAC of a chain's head record: binds the newest entry to its chain. */
export function headMac(key: AuditChainKey, chainId: string, head: ChainPointer): string {
  return mac(key, ['tw-audit-head-v1', chainId, head.seq, head.id, head.hash]);
}

/** MAC of a chain's purge anchor: only a real purge (holding the key) can move the chain's start. */
export function anchorMac(key: AuditChainKey, chainId: string, anchor: ChainPointer): string {
  return mac(key, ['tw-audit-anchor-v1', chainId, anchor.seq, anchor.id, anchor.hash]);
}

/** Constant-time equality of two hex MACs; false when either is missing. */
export function macsEqual(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export type ChainProblemKind = 'edited' | 'deleted' | 'reordered' | 'unsealed' | 'head' | 'anchor';

/** What `audit verify` reports: the first bad row (or chain record) and what is wrong with it. */
export interface ChainProblem {
  kind: ChainProblemKind;
  chainId: string;
  /** The row named; null when the row itself is gone and its seq is unknown. */
  seq: number | null;
  id: string | null;
  detail: string;
}

/** Where the predecessor a broken link points to actually is, if anywhere. */
export interface LinkTarget {
  seq: number;
  id: string;
}

/**
 * Classifies a row whose `prev_hash` is not the hash of the chain's previous row: if the hash it
 * points to belongs to another row, the rows were moved (reordered); if to no row, its predecessor
 * was deleted.
 */
export function brokenLinkProblem(
  chainId: string,
  row: { seq: number; id: string; prev_hash: string | null },
  expected: { seq: number; id: string } | null,
  target: LinkTarget | null,
): ChainProblem {
  const after = expected ? `seq ${expected.seq} (${expected.id})` : 'the start of the chain';
  if (target) {
    return {
      kind: 'reordered',
      chainId,
      seq: row.seq,
      id: row.id,
      detail: `it was written after seq ${target.seq} (${target.id}) but is stored after ${after}: rows were moved`,
    };
  }
  if (row.prev_hash === null) {
    return { kind: 'deleted', chainId, seq: row.seq, id: row.id, detail: `it starts a new chain although the chain reaches ${after}: the chain head was removed` };
  }
  return {
    kind: 'deleted',
    chainId,
    seq: row.seq,
    id: row.id,
    detail: `the entry written just before it is missing (the chain before it ends at ${after}): an entry was deleted`,
  };
}
