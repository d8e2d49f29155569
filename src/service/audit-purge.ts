/**
 * The audit retention purge as a plan and its steps, in the shape of the automation
 * jobs (docs/automation.md): `planAuditPurge` lists what a run would remove, in batches (a dry run
 * shows exactly that); `applyAuditPurgeStep` removes one batch in the caller's transaction, under
 * the chain's lock, and is idempotent (a step applied again after a crash finds nothing to do).
 * The chain stays verifiable: each step records the last removed entry as the chain's anchor.
 */
import { anchorMac, entryHash, macsEqual, type ChainedContent } from '../domain/audit-chain.js';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import type { Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import { DAY_MS } from '../domain/time.js';


export const PURGE_BATCH = 1000;

/** One batch: the org's entries up to `throughSeq`, all older than `before`. */
export interface AuditPurgeStep {
  type: 'purge_audit';
  throughSeq: number;
  count: number;
  /** ISO cutoff: entries at or after it are never removed. */
  before: string;
  retentionDays: number;
  /** The last step writes the one `audit.purged` entry, with the run's total. */
  totalCount: number | null;
}

/**
 * The steps a purge would take now: the chain's oldest entries, in chain order, older than the
 * org's retention, up to the first that is not (so only a prefix goes, even if clocks disagreed).
 * Reads `seq` and `at` only, a batch at a time.
 */
export async function planAuditPurge(stores: Stores, orgId: string, now: Date, batchSize = PURGE_BATCH): Promise<AuditPurgeStep[]> {
  const days = await stores.auditChains.retentionDays(orgId);
  if (days === null) return [];
  const cutoffMs = now.getTime() - days * DAY_MS;
  const before = new Date(cutoffMs).toISOString();
  const steps: AuditPurgeStep[] = [];
  let afterSeq = -1;
  for (;;) {
    const rows = await stores.auditChains.positionsOfOrg(orgId, afterSeq, batchSize);
    const dueCount = rows.findIndex((r) => r.at >= cutoffMs);
    const due = dueCount < 0 ? rows : rows.slice(0, dueCount);
    const last = due[due.length - 1];
    if (last) steps.push({ type: 'purge_audit', throughSeq: last.seq, count: due.length, before, retentionDays: days, totalCount: null });
    if (dueCount >= 0 || rows.length < batchSize) break;
    afterSeq = rows[rows.length - 1]!.seq;
  }
  const final = steps[steps.length - 1];
  if (final) final.totalCount = steps.reduce((sum, s) => sum + s.count, 0);
  return steps;
}

/**
 * Removes one step's entries in the caller's transaction; returns how many it removed. Checks the
 * links of what it removes from the chain's anchor and refuses (CONFLICT) when they are broken, so
 * a purge never hides tampering.
 */
export async function applyAuditPurgeStep(tx: Stores, orgId: string, step: AuditPurgeStep, clock: Clock): Promise<number> {
  const key = tx.auditChains.chainKey();
  if (!key) throw new Error('This database handle has no audit chain key: open it with the pepper.');
  const now = clock();
  const cutoffMs = Date.parse(step.before);
  const chain = await tx.auditChains.lockChain(orgId, now.getTime());
  const rows = await tx.auditChains.oldestOfOrg(orgId, step.count);
  let expectedPrev = chain.anchor_hash;
  let last: (typeof rows)[number] | undefined;
  for (const row of rows) {
    if (row.seq > step.throughSeq || row.at >= cutoffMs) break;
    const intact = row.hash !== null && row.prev_hash === expectedPrev && macsEqual(row.hash, entryHash(key, row.prev_hash, row as ChainedContent));
    if (!intact) throw new DomainError('CONFLICT', `The audit chain is broken at seq ${row.seq} (${row.id}): run \`tokenward audit verify\`; nothing was purged past it.`);
    expectedPrev = row.hash;
    last = row;
  }
  if (!last) return 0;
  const removed = await tx.auditChains.deleteOrgPrefix(orgId, last.seq);
  const anchor = { seq: last.seq, id: last.id, hash: last.hash! };
  await tx.auditChains.setAnchor(orgId, { ...anchor, mac: anchorMac(key, orgId, anchor) }, removed, now.getTime());
  if (step.totalCount !== null) {
    await tx.audit.append(
      auditEntry(
        { orgId, actorType: 'system', actorId: 'retention', action: 'audit.purged', details: { count: step.totalCount, retentionDays: step.retentionDays, before: step.before } },
        clock,
      ),
    );
  }
  return removed;
}
