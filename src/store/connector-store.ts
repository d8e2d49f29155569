/**
 * Connectors and their sync runs. The lease on the connector row is what keeps two nodes from
 * syncing one connector at once: it is taken by a conditional update and renewed with each page.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Connector, ConnectorType, SyncCounts, SyncRun, SyncState, SyncTrigger } from '../domain/connectors.js';
import { ZERO_COUNTS } from '../domain/connectors.js';
import { newId } from '../domain/ids.js';
import { parseJsonObject, toDate, toDateOrNull } from './rows.js';
import type { ConnectorSyncTable, ConnectorTable, Database } from './schema.js';

export interface ConnectorWithSecret {
  connector: Connector;
  credentialSealed: string;
}

function toConnector(row: Selectable<ConnectorTable>): Connector {
  return {
    id: row.id,
    orgId: row.org_id,
    type: row.type as ConnectorType,
    name: row.name,
    baseUrl: row.base_url,
    upstreamOrgId: row.upstream_org_id,
    scheduleMinutes: Number(row.schedule_minutes),
    unmatchedPolicyId: row.unmatched_policy_id,
    nextSyncAt: toDateOrNull(row.next_sync_at === null ? null : Number(row.next_sync_at)),
    createdAt: toDate(Number(row.created_at)),
    updatedAt: toDate(Number(row.updated_at)),
  };
}

function toCounts(text: string): SyncCounts {
  const raw = parseJsonObject(text);
  const out = { ...ZERO_COUNTS };
  for (const key of Object.keys(out) as Array<keyof SyncCounts>) out[key] = Number(raw[key] ?? 0);
  return out;
}

export function toSyncRun(row: Selectable<ConnectorSyncTable>): SyncRun {
  return {
    id: row.id,
    orgId: row.org_id,
    connectorId: row.connector_id,
    trigger: row.trigger as SyncTrigger,
    state: row.state as SyncState,
    phase: row.phase,
    counts: toCounts(row.counts),
    error: row.error,
    attempts: Number(row.attempts),
    createdAt: toDate(Number(row.created_at)),
    startedAt: toDateOrNull(row.started_at === null ? null : Number(row.started_at)),
    finishedAt: toDateOrNull(row.finished_at === null ? null : Number(row.finished_at)),
  };
}

export interface NewConnector {
  orgId: string;
  type: ConnectorType;
  name: string;
  baseUrl: string;
  upstreamOrgId: string;
  credentialSealed: string;
  scheduleMinutes: number;
  unmatchedPolicyId: string | null;
}

export type ConnectorChanges = Partial<Pick<NewConnector, 'name' | 'baseUrl' | 'upstreamOrgId' | 'credentialSealed' | 'scheduleMinutes' | 'unmatchedPolicyId'>>;

export function createConnectorStore(db: Kysely<Database>) {
  return {
    async insert(input: NewConnector, at: Date): Promise<Connector> {
      const id = newId('con');
      const ms = at.getTime();
      await db
        .insertInto('connectors')
        .values({
          id,
          org_id: input.orgId,
          type: input.type,
          name: input.name,
          base_url: input.baseUrl,
          upstream_org_id: input.upstreamOrgId,
          credential_sealed: input.credentialSealed,
          schedule_minutes: input.scheduleMinutes,
          unmatched_policy_id: input.unmatchedPolicyId,
          next_sync_at: ms + input.scheduleMinutes * 60_000,
          lease_run_id: null,
          lease_until: null,
          created_at: ms,
          updated_at: ms,
        })
        .execute();
      return (await this.find(input.orgId, id))!;
    },

    async find(orgId: string, id: string): Promise<Connector | null> {
      const row = await db.selectFrom('connectors').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toConnector(row) : null;
    },

    async findWithSecret(id: string): Promise<ConnectorWithSecret | null> {
      const row = await db.selectFrom('connectors').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { connector: toConnector(row), credentialSealed: row.credential_sealed } : null;
    },

    /** An org has a handful of connectors: no paging. */
    async listOfOrg(orgId: string): Promise<Connector[]> {
      const rows = await db.selectFrom('connectors').selectAll().where('org_id', '=', orgId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toConnector);
    },

    async update(orgId: string, id: string, changes: ConnectorChanges, at: Date): Promise<Connector | null> {
      const values: Partial<Selectable<ConnectorTable>> = { updated_at: at.getTime() };
      if (changes.name !== undefined) values.name = changes.name;
      if (changes.baseUrl !== undefined) values.base_url = changes.baseUrl;
      if (changes.upstreamOrgId !== undefined) values.upstream_org_id = changes.upstreamOrgId;
      if (changes.credentialSealed !== undefined) values.credential_sealed = changes.credentialSealed;
      if (changes.unmatchedPolicyId !== undefined) values.unmatched_policy_id = changes.unmatchedPolicyId;
      if (changes.scheduleMinutes !== undefined) {
        values.schedule_minutes = changes.scheduleMinutes;
        values.next_sync_at = at.getTime() + changes.scheduleMinutes * 60_000;
      }
      await db.updateTable('connectors').set(values).where('org_id', '=', orgId).where('id', '=', id).execute();
      return this.find(orgId, id);
    },

    async delete(orgId: string, id: string): Promise<boolean> {
      const result = await db.deleteFrom('connectors').where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    /**
     * Connectors whose scheduled time has come: moves their next time one period on, and returns
     * those this caller moved (a conditional update, so one node wins each slot).
     */
    async takeDueSchedules(at: Date, limit: number): Promise<Connector[]> {
      const ms = at.getTime();
      const due = await db.selectFrom('connectors').selectAll().where('next_sync_at', '<=', ms).orderBy('next_sync_at').limit(limit).execute();
      const taken: Connector[] = [];
      for (const row of due) {
        const result = await db
          .updateTable('connectors')
          .set({ next_sync_at: ms + Number(row.schedule_minutes) * 60_000 })
          .where('id', '=', row.id)
          .where('next_sync_at', '=', row.next_sync_at)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 1) taken.push(toConnector(row));
      }
      return taken;
    },

    /** Takes (or renews) the connector's lease for `runId`; false when another run holds it. */
    async lease(connectorId: string, runId: string, at: Date, leaseMs: number): Promise<boolean> {
      const ms = at.getTime();
      const result = await db
        .updateTable('connectors')
        .set({ lease_run_id: runId, lease_until: ms + leaseMs })
        .where('id', '=', connectorId)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', ms), eb('lease_run_id', '=', runId)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async release(connectorId: string, runId: string): Promise<void> {
      await db.updateTable('connectors').set({ lease_run_id: null, lease_until: null }).where('id', '=', connectorId).where('lease_run_id', '=', runId).execute();
    },

    // Sync runs.

    async createRun(connector: Connector, trigger: SyncTrigger, firstPhase: string, at: Date): Promise<SyncRun> {
      const id = newId('csy');
      await db
        .insertInto('connector_syncs')
        .values({
          id,
          org_id: connector.orgId,
          connector_id: connector.id,
          trigger,
          state: 'queued',
          phase: firstPhase,
          cursor: null,
          counts: JSON.stringify(ZERO_COUNTS),
          error: null,
          attempts: 0,
          created_at: at.getTime(),
          started_at: null,
          finished_at: null,
        })
        .execute();
      return (await this.findRun(id))!;
    },

    async findRun(id: string): Promise<SyncRun | null> {
      const row = await db.selectFrom('connector_syncs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSyncRun(row) : null;
    },

    /** Where a run stands, with the upstream cursor it reached (never shown to clients). */
    async progressOf(id: string): Promise<{ run: SyncRun; cursor: string | null } | null> {
      const row = await db.selectFrom('connector_syncs').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? { run: toSyncRun(row), cursor: row.cursor } : null;
    },

    /** The run that is queued or running for the connector, if any. */
    async openRunOf(connectorId: string): Promise<SyncRun | null> {
      const row = await db
        .selectFrom('connector_syncs')
        .selectAll()
        .where('connector_id', '=', connectorId)
        .where('state', 'in', ['queued', 'running'])
        .orderBy('created_at')
        .executeTakeFirst();
      return row ? toSyncRun(row) : null;
    },

    /** The newest run of each connector (one query). */
    async latestRuns(connectorIds: readonly string[]): Promise<Map<string, SyncRun>> {
      if (connectorIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('connector_syncs as s')
        .selectAll('s')
        .where('s.connector_id', 'in', [...connectorIds])
        .where(({ eb, selectFrom }) =>
          eb('s.created_at', '=', selectFrom('connector_syncs as l').select((e) => e.fn.max('l.created_at').as('m')).whereRef('l.connector_id', '=', 's.connector_id')),
        )
        .execute();
      return new Map(rows.map((row) => [row.connector_id, toSyncRun(row)]));
    },

    /** Open runs (queued, or running on a node whose lease has run out), oldest first. */
    async openRuns(limit: number): Promise<SyncRun[]> {
      const rows = await db.selectFrom('connector_syncs').selectAll().where('state', 'in', ['queued', 'running']).orderBy('created_at').limit(limit).execute();
      return rows.map(toSyncRun);
    },

    async markStarted(id: string, at: Date): Promise<void> {
      await db
        .updateTable('connector_syncs')
        .set((eb) => ({ state: 'running', attempts: eb('attempts', '+', 1), started_at: sql<number>`coalesce(started_at, ${at.getTime()})` }))
        .where('id', '=', id)
        .execute();
    },

    async saveProgress(id: string, phase: string, cursor: string | null, counts: SyncCounts): Promise<void> {
      await db.updateTable('connector_syncs').set({ phase, cursor, counts: JSON.stringify(counts) }).where('id', '=', id).execute();
    },

    async finishRun(id: string, state: 'succeeded' | 'failed', counts: SyncCounts, error: string | null, at: Date): Promise<void> {
      await db
        .updateTable('connector_syncs')
        .set({ state, counts: JSON.stringify(counts), error, finished_at: at.getTime(), cursor: null })
        .where('id', '=', id)
        .execute();
    },
  };
}

export type ConnectorStore = ReturnType<typeof createConnectorStore>;
