/**
 * Connector syncs: read every upstream list a page at a time and upsert it into the inventory.
 *
 * - Bounded memory: one upstream page is held at a time, whatever the upstream's size.
 * - Resumable: each page's rows, the run's counters and the cursor of the next page commit in one
 *   transaction, so a run whose node died continues after its last committed page; the unique
 *   (connector, kind, upstream id) key means a page read twice never makes a duplicate. Tokens are
 *   marked gone only when every list was read to its end, so a crash never leaves "gone" marks on
 *   tokens a later page would have listed.
 * - One node at a time: the run holds the connector's lease, renewed with every page; a node that
 *   loses it stops at its next page.
 * - `token.discovered` is raised for tokens first seen after the connector's first successful
 *   sync (the first sync finds what already existed: that is the baseline, not news).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { clip, hasUpstreamChange, type Connector, type ExternalToken, type SyncCounts, type SyncRun, type SyncTrigger, type UpstreamToken } from '../domain/connectors.js';
import { DomainError } from '../domain/errors.js';
import type { ConnectorRef, ExternalTokenRef } from '../domain/events.js';
import type { SecretBox } from '../domain/secret-box.js';
import type { Database } from '../store/schema.js';
import { createStores, type Stores } from '../store/stores.js';
import { CONNECTOR_TYPE_DEFINITIONS, type ConnectorClient, type ConnectorClientOptions } from './connectors/connector-types.js';
import { UpstreamError } from './connectors/upstream-http.js';

export interface ConnectorSyncOptions {
  /** How long a run's claim on its connector lasts without a new page. */
  leaseMs: number;
  client?: ConnectorClientOptions | undefined;
}

export const DEFAULT_CONNECTOR_SYNC_OPTIONS: ConnectorSyncOptions = { leaseMs: 120_000 };

export interface ConnectorSyncDeps {
  db: Kysely<Database>;
  clock: Clock;
  credentials: SecretBox;
  options: ConnectorSyncOptions;
  log?: (fields: Record<string, unknown>, message: string) => void;
  /**
   * Work of the connector type once every list is read, before the run is marked done (GitHub:
   * read and decide pending requests). A failure fails the run with its words.
   */
  afterLists?: ((connector: Connector) => Promise<void>) | undefined;
}

/** Told after every page (the CLI's progress bar). */
export type SyncProgress = (run: { phase: string; counts: SyncCounts }) => void;

/** Phases besides the type's own lists: not started yet, and every list read. */
const STARTING = 'starting';
const FINISHING = 'finishing';

class LostLeaseError extends Error {}

export function connectorRef(connector: Connector): ConnectorRef {
  return { id: connector.id, type: connector.type, name: connector.name };
}

export function externalTokenRef(connector: Connector, token: ExternalToken): ExternalTokenRef {
  return {
    id: token.id,
    kind: token.kind,
    label: token.label,
    source: { type: connector.type, connectorId: connector.id, externalId: token.externalId },
    owner: token.owner ? { userId: token.ownerUserId, name: token.owner.name, email: token.owner.email } : null,
    createdAt: token.createdAt.toISOString(),
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}

/** A failure in words for the run and the event; never a stack, never the credential. */
function describeFailure(error: unknown): string {
  if (error instanceof UpstreamError) return error.detail;
  if (error instanceof DomainError) return error.detail;
  return 'An internal error stopped the sync; the server log has the details.';
}

export function createConnectorSyncService(deps: ConnectorSyncDeps) {
  const { db, clock, options } = deps;
  const stores = createStores(db);
  const inFlight = new Set<Promise<unknown>>();
  /** Runs executing in this process (the lease guards against other processes). */
  const running = new Map<string, Promise<SyncRun>>();
  const abort = new AbortController();

  function clientOf(connector: Connector, credentialSealed: string): ConnectorClient {
    const credential = deps.credentials.open(credentialSealed);
    if (credential === null) throw new DomainError('VALIDATION_FAILED', 'The stored credential cannot be opened with this server\'s key; enter the credential again.');
    return CONNECTOR_TYPE_DEFINITIONS[connector.type].createClient(
      { baseUrl: connector.baseUrl, upstreamOrgId: connector.upstreamOrgId, credential },
      options.client ?? {},
    );
  }

  /** Writes one page: new rows, changed rows, seen stamps; returns the new tokens. */
  async function upsertPage(tx: Stores, connector: Connector, runId: string, page: readonly UpstreamToken[], counts: SyncCounts, at: Date): Promise<ExternalToken[]> {
    const unique = [...new Map(page.map((t) => [`${t.kind}:${t.externalId}`, t])).values()];
    const stored = await tx.externalTokens.findByUpstreamIds(connector.id, unique);
    const people = unique.filter((t) => t.kind === 'user');
    const userIds = await tx.externalTokens.userIdsByEmail(connector.orgId, people.map((t) => t.owner?.email ?? ''));
    // A login an admin linked to a directory user wins over the e-mail (GitHub rarely shows one).
    const linked = await tx.externalRequests.userIdsByLogin(connector.orgId, connector.type, people.map((t) => t.owner?.name ?? ''));
    const ownerUserIdOf = (t: UpstreamToken) => (t.kind === 'user' && t.owner ? (linked.get(t.owner.name.toLowerCase()) ?? userIds.get(t.owner.email.toLowerCase()) ?? null) : null);
    const fresh: Array<{ token: UpstreamToken; ownerUserId: string | null }> = [];
    const unchanged: string[] = [];
    for (const token of unique) {
      const known = stored.get(`${token.kind}:${token.externalId}`);
      const ownerUserId = ownerUserIdOf(token);
      if (!known) fresh.push({ token, ownerUserId });
      else if (hasUpstreamChange(known, token) || known.ownerUserId !== ownerUserId) {
        await tx.externalTokens.updateFromUpstream(known.id, token, ownerUserId, runId, at);
        counts.updated += 1;
      } else unchanged.push(known.id);
    }
    await tx.externalTokens.markSeen(unchanged, runId, at);
    const inserted = await tx.externalTokens.insertMany(connector.orgId, connector.id, runId, fresh, at);
    counts.seen += unique.length;
    counts.discovered += inserted.length;
    counts.pages += 1;
    return inserted;
  }

  async function failRun(connector: Connector, runId: string, counts: SyncCounts, error: unknown): Promise<void> {
    const message = clip(describeFailure(error));
    deps.log?.({ connectorId: connector.id, runId, err: error instanceof UpstreamError || error instanceof DomainError ? undefined : error }, `connector sync failed: ${message}`);
    const at = clock();
    await db.transaction().execute(async (trx) => {
      const tx = createStores(trx);
      await tx.connectors.finishRun(runId, 'failed', counts, message, at);
      await tx.events.record({ orgId: connector.orgId, type: 'connector.sync_failed', payload: { connector: connectorRef(connector), syncId: runId, error: message, willRetry: false }, occurredAt: at });
    });
  }

  /** Executes a run to its end from where it stands; returns it as it ends (or as another node left it). */
  async function execute(runId: string, onProgress?: SyncProgress): Promise<SyncRun> {
    const progress = await stores.connectors.progressOf(runId);
    if (!progress) throw new DomainError('NOT_FOUND', 'No such sync run.');
    const { run } = progress;
    if (run.state !== 'queued' && run.state !== 'running') return run;
    const found = await stores.connectors.findWithSecret(run.connectorId);
    if (!found) return run;
    const { connector } = found;
    // The lease names this execution, not just the run: another node picking up the same run
    // cannot renew a lease it does not hold.
    const holder = `${runId}:${randomBytes(8).toString('hex')}`;
    if (!(await stores.connectors.lease(connector.id, holder, clock(), options.leaseMs))) return run;
    let client: ConnectorClient | null = null;
    const counts = { ...run.counts };
    try {
      await stores.connectors.markStarted(runId, clock());
      client = clientOf(connector, found.credentialSealed);
      const isBaseline = !(await hasSucceededBefore(connector.id));
      let phaseIndex = run.phase === FINISHING ? client.phases.length : Math.max(0, client.phases.indexOf(run.phase));
      // The next page is read while this one is written (two pages in memory at most): the
      // upstream's time and the database's overlap instead of adding up.
      const reader = client;
      const read = (index: number, from: string | null) => {
        const promise = reader.readPage(reader.phases[index]!, from, abort.signal);
        promise.catch(() => undefined);
        return promise;
      };
      let pending = phaseIndex < client.phases.length ? read(phaseIndex, progress.cursor) : null;
      while (phaseIndex < client.phases.length) {
        if (abort.signal.aborted) throw new LostLeaseError();
        const phase = client.phases[phaseIndex]!;
        const page = await pending!;
        const at = clock();
        const nextPhase = page.next === null ? (client.phases[phaseIndex + 1] ?? FINISHING) : phase;
        const nextIndex = page.next === null ? phaseIndex + 1 : phaseIndex;
        pending = nextIndex < client.phases.length ? read(nextIndex, page.next) : null;
        await db.transaction().execute(async (trx) => {
          const tx = createStores(trx);
          // The page and the position commit together; a run that lost its lease writes nothing.
          if (!(await tx.connectors.lease(connector.id, holder, at, options.leaseMs))) throw new LostLeaseError();
          const inserted = await upsertPage(tx, connector, runId, page.tokens, counts, at);
          if (!isBaseline) {
            for (const token of inserted) {
              await tx.events.record({ orgId: connector.orgId, type: 'token.discovered', payload: { token: externalTokenRef(connector, token), connector: connectorRef(connector) }, occurredAt: at });
            }
          }
          await tx.connectors.saveProgress(runId, nextPhase, page.next, counts);
        });
        onProgress?.({ phase, counts: { ...counts } });
        phaseIndex = nextIndex;
      }
      if (deps.afterLists) await deps.afterLists(connector);
      const at = clock();
      await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        if (!(await tx.connectors.lease(connector.id, holder, at, options.leaseMs))) throw new LostLeaseError();
        counts.gone = await tx.externalTokens.markUnseenGone(connector.id, runId, at);
        await tx.connectors.finishRun(runId, 'succeeded', counts, null, at);
        const { seen, discovered, updated, gone } = counts;
        await tx.events.record({ orgId: connector.orgId, type: 'connector.sync_completed', payload: { connector: connectorRef(connector), syncId: runId, counts: { seen, discovered, updated, gone } }, occurredAt: at });
      });
      onProgress?.({ phase: FINISHING, counts: { ...counts } });
    } catch (error) {
      if (error instanceof LostLeaseError || abort.signal.aborted) {
        deps.log?.({ connectorId: connector.id, runId }, 'connector sync stopped: another node holds the connector or the server is stopping');
      } else {
        await failRun(connector, runId, counts, error);
      }
    } finally {
      await client?.close().catch(() => undefined);
      await stores.connectors.release(connector.id, holder).catch(() => undefined);
    }
    return (await stores.connectors.findRun(runId))!;
  }

  async function hasSucceededBefore(connectorId: string): Promise<boolean> {
    const row = await db.selectFrom('connector_syncs').select('id').where('connector_id', '=', connectorId).where('state', '=', 'succeeded').limit(1).executeTakeFirst();
    return row !== undefined;
  }

  /** The open run of the connector, or a new queued one. */
  async function openOrCreateRun(connector: Connector, trigger: SyncTrigger): Promise<{ run: SyncRun; isNew: boolean }> {
    const open = await stores.connectors.openRunOf(connector.id);
    if (open) return { run: open, isNew: false };
    return { run: await stores.connectors.createRun(connector, trigger, STARTING, clock()), isNew: true };
  }

  /** One execution per run in this process; a second caller waits for the first. */
  function executeOnce(runId: string, onProgress?: SyncProgress): Promise<SyncRun> {
    const current = running.get(runId);
    if (current) return current;
    const promise = track(execute(runId, onProgress)).finally(() => running.delete(runId));
    running.set(runId, promise);
    return promise;
  }

  function track<T>(promise: Promise<T>): Promise<T> {
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise)).catch(() => undefined);
    return promise;
  }

  return {
    execute: executeOnce,

    /** A run for the connector (the open one if a sync is under way), started in the background. */
    async startSync(connector: Connector, trigger: SyncTrigger): Promise<SyncRun> {
      const { run } = await openOrCreateRun(connector, trigger);
      void executeOnce(run.id).catch((error) => deps.log?.({ err: error, runId: run.id }, 'connector sync crashed'));
      return run;
    },

    /** A run for the connector, executed in the caller's time (the CLI). */
    async syncAndWait(connector: Connector, onProgress?: SyncProgress): Promise<SyncRun> {
      const { run } = await openOrCreateRun(connector, 'manual');
      return executeOnce(run.id, onProgress);
    },

    /**
     * The worker's pass: runs for connectors whose schedule is due, then every open run whose
     * connector is free (new ones, and those a dead node left behind once their lease ran out),
     * started in the background so deliveries and jobs are not held up by a long sync.
     */
    async runDue(): Promise<void> {
      for (const connector of await stores.connectors.takeDueSchedules(clock(), 20)) await openOrCreateRun(connector, 'schedule');
      for (const run of await stores.connectors.openRuns(20)) {
        if (abort.signal.aborted || running.has(run.id)) continue;
        void executeOnce(run.id).catch((error) => deps.log?.({ err: error, runId: run.id }, 'connector sync crashed'));
      }
    },

    /** Waits for the syncs this process is running (tests, the CLI). */
    async idle(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running.values()]);
    },

    /** Stops in-flight syncs at their next page (they resume elsewhere or after a restart). */
    async close(): Promise<void> {
      abort.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}

export type ConnectorSyncService = ReturnType<typeof createConnectorSyncService>;
