/**
 * Checking and trimming the audit chains: `tokenward audit verify` walks every entry in
 * `seq` order and names the first bad one; the retention purge removes an org's oldest entries and
 * records an anchor, so the chain stays verifiable from there. The automation work schedules
 * `purgeAllExpiredEntries`, or runs audit-purge.ts's plan and steps as a job (docs/audit.md).
 */
import type { Kysely } from 'kysely';
import {
  anchorMac,
  brokenLinkProblem,
  chainIdOf,
  entryHash,
  headMac,
  macsEqual,
  type AuditChainKey,
  type ChainedContent,
  type ChainProblem,
} from '../domain/audit-chain.js';
import type { Clock } from '../domain/clock.js';
import type { AuditRow, ChainRecord } from '../store/audit-chain-store.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { DAY_MS } from '../domain/time.js';
import { applyAuditPurgeStep, planAuditPurge } from './audit-purge.js';


const VERIFY_BATCH = 2000;

export type VerifyResult =
  | { ok: true; entries: number; chains: number }
  | { ok: false; entriesChecked: number; problem: ChainProblem };

export interface PurgeResult {
  orgId: string;
  purged: number;
  /** Entries older than this were due (and removed, up to the first newer one in chain order). */
  cutoff: Date | null;
}

interface ChainState {
  expectedPrev: string | null;
  last: { seq: number; id: string } | null;
}

function requireKey(key: AuditChainKey | null): AuditChainKey {
  // Only a handle opened without the pepper lacks it; the composition root always passes it.
  if (!key) throw new Error('This database handle has no audit chain key: open it with the pepper.');
  return key;
}

/** Checks a chain record's own MACs: a head or anchor rewritten by hand is reported first. */
function recordProblem(key: AuditChainKey, chain: ChainRecord): ChainProblem | null {
  const id = chain.chain_id;
  if (chain.anchor_hash !== null) {
    const anchor = { seq: chain.anchor_seq ?? -1, id: chain.anchor_id ?? '', hash: chain.anchor_hash };
    if (!macsEqual(chain.anchor_mac, anchorMac(key, id, anchor))) {
      return { kind: 'anchor', chainId: id, seq: chain.anchor_seq, id: chain.anchor_id, detail: 'the purge anchor of this chain was altered (its MAC does not match)' };
    }
  }
  if (chain.head_hash !== null) {
    const head = { seq: chain.head_seq ?? -1, id: chain.head_id ?? '', hash: chain.head_hash };
    if (!macsEqual(chain.head_mac, headMac(key, id, head))) {
      return { kind: 'head', chainId: id, seq: chain.head_seq, id: chain.head_id, detail: 'the head record of this chain was altered (its MAC does not match)' };
    }
  }
  return null;
}

export function createAuditChainService(deps: { db: Kysely<Database>; clock: Clock }) {
  const { db, clock } = deps;
  const stores = createStores(db);

  async function checkRow(key: AuditChainKey, row: AuditRow, state: ChainState): Promise<ChainProblem | null> {
    const chainId = chainIdOf(row.org_id);
    if (row.hash === null) {
      return { kind: 'unsealed', chainId, seq: row.seq, id: row.id, detail: 'it has no hash: it was inserted outside the chain' };
    }
    if (!macsEqual(row.hash, entryHash(key, row.prev_hash, row as ChainedContent))) {
      return { kind: 'edited', chainId, seq: row.seq, id: row.id, detail: 'its content no longer matches its hash: the row was edited' };
    }
    if (row.prev_hash !== state.expectedPrev) {
      const target = row.prev_hash === null ? null : await stores.auditChains.findByHash(row.prev_hash);
      return brokenLinkProblem(chainId, row, state.last, target);
    }
    return null;
  }

  /**
   * Removes the org's entries older than its retention (none when it keeps forever): the plan of
   * audit-purge.ts, one step (1,000 entries) per short transaction.
   */
  async function purgeExpiredEntries(orgId: string): Promise<PurgeResult> {
    const now = clock();
    const steps = await planAuditPurge(stores, orgId, now);
    let purged = 0;
    for (const step of steps) purged += await db.transaction().execute((trx) => applyAuditPurgeStep(createStores(trx), orgId, step, clock));
    const days = await stores.auditChains.retentionDays(orgId);
    return { orgId, purged, cutoff: days === null ? null : new Date(now.getTime() - days * DAY_MS) };
  }

  return {
    /**
     * Walks every entry in `seq` order, one batch at a time, and stops at the first problem.
     * Then checks each chain ends where its head record says (catches deleting the newest entries).
     */
    async verifyChain(): Promise<VerifyResult> {
      const key = requireKey(stores.auditChains.chainKey());
      const chains = await stores.auditChains.listChains();
      const records = new Map(chains.map((c) => [c.chain_id, c]));
      for (const chain of chains) {
        const problem = recordProblem(key, chain);
        if (problem) return { ok: false, entriesChecked: 0, problem };
      }
      const states = new Map<string, ChainState>();
      const stateOf = (chainId: string): ChainState => {
        let state = states.get(chainId);
        if (!state) {
          const record = records.get(chainId);
          const anchor = record?.anchor_hash ? { seq: record.anchor_seq ?? -1, id: record.anchor_id ?? '' } : null;
          state = { expectedPrev: record?.anchor_hash ?? null, last: anchor };
          states.set(chainId, state);
        }
        return state;
      };
      let checked = 0;
      let afterSeq = -1;
      for (;;) {
        const rows = await stores.auditChains.rowsAfter(afterSeq, VERIFY_BATCH);
        for (const row of rows) {
          const state = stateOf(chainIdOf(row.org_id));
          const problem = await checkRow(key, row, state);
          if (problem) return { ok: false, entriesChecked: checked, problem };
          state.expectedPrev = row.hash;
          state.last = { seq: row.seq, id: row.id };
          checked += 1;
        }
        if (rows.length < VERIFY_BATCH) break;
        afterSeq = rows[rows.length - 1]!.seq;
      }
      for (const chain of chains) {
        const state = stateOf(chain.chain_id);
        if (chain.head_hash !== state.expectedPrev) {
          return {
            ok: false,
            entriesChecked: checked,
            problem: {
              kind: 'deleted',
              chainId: chain.chain_id,
              seq: chain.head_seq,
              id: chain.head_id,
              detail: `the chain's newest entry is missing (the chain now ends at ${state.last ? `seq ${state.last.seq} (${state.last.id})` : 'nothing'}): it was deleted`,
            },
          };
        }
      }
      for (const [chainId, state] of states) {
        if (!records.has(chainId) && state.last) {
          return {
            ok: false,
            entriesChecked: checked,
            problem: { kind: 'head', chainId, seq: state.last.seq, id: state.last.id, detail: 'the head record of this chain is missing: it was deleted' },
          };
        }
      }
      return { ok: true, entries: checked, chains: states.size };
    },

    /**
     * Removes the org's entries older than its retention (none when it keeps forever), oldest first
     * in chain order, in batches, each in its own short transaction under the chain's lock. Stops at
     * the first entry that is not yet due, so the chain loses only a prefix; records the last
     * removed entry as the anchor, and refuses to remove entries whose links do not verify.
     */
    purgeExpiredEntries,

    /** Every org with a retention limit: what the scheduled job calls. */
    async purgeAllExpiredEntries(): Promise<PurgeResult[]> {
      const results: PurgeResult[] = [];
      for (const { orgId } of await stores.auditChains.orgsWithRetention()) results.push(await purgeExpiredEntries(orgId));
      return results;
    },
  };
}

export type AuditChainService = ReturnType<typeof createAuditChainService>;
