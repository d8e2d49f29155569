/**
 * Durable job runs. A run is one row per (org, job, scheduled time): with several nodes
 * on one PostgreSQL database each node tries to insert the scheduled run and the unique key lets
 * one succeed. Whoever then claims it (a conditional update) holds a lease it renews while working;
 * a run whose node died has an expired lease and is claimed again, resuming after its last step.
 */
import type { Kysely, Selectable } from 'kysely';
import type { HygieneAction } from '../domain/hygiene.js';
import type { JobRun, JobRunStatus, JobTrigger } from '../domain/automation.js';
import { newId } from '../domain/ids.js';
import type { KeysetRequest, KeysetResult } from './keyset.js';
import { keysetCondition, keysetDirection, keysetResult } from './keyset.js';
import { toDate, toDateOrNull } from './rows.js';
import type { Database, JobRunTable } from './schema.js';

export type { JobRun, JobRunStatus, JobTrigger } from '../domain/automation.js';


function toJobRun(row: Selectable<JobRunTable>): JobRun {
  return {
    id: row.id,
    orgId: row.org_id,
    jobName: row.job_name,
    scheduledAt: toDate(row.scheduled_at),
    trigger: row.trigger as JobTrigger,
    status: row.status as JobRunStatus,
    attempts: row.attempts,
    nextAttemptAt: toDate(row.next_attempt_at),
    leaseUntil: toDateOrNull(row.lease_until),
    plannedAt: toDateOrNull(row.planned_at),
    actions: row.actions === null ? null : (JSON.parse(row.actions) as HygieneAction[]),
    doneCount: row.done_count,
    lastError: row.last_error,
    createdAt: toDate(row.created_at),
    startedAt: toDateOrNull(row.started_at),
    finishedAt: toDateOrNull(row.finished_at),
  };
}

export function createJobRunStore(db: Kysely<Database>) {
  const isDue = (nowMs: number) => (eb: any) =>
    eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', nowMs)]), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', nowMs)])]);

  return {
    /** Creates the run of a slot unless it exists; returns it when this call created it. */
    async createIfAbsent(slot: { orgId: string; jobName: string; scheduledAt: Date; trigger: JobTrigger }, at: Date): Promise<JobRun | null> {
      const id = newId('run');
      const result = await db
        .insertInto('job_runs')
        .values({
          id,
          org_id: slot.orgId,
          job_name: slot.jobName,
          scheduled_at: slot.scheduledAt.getTime(),
          trigger: slot.trigger,
          status: 'pending',
          attempts: 0,
          next_attempt_at: at.getTime(),
          lease_until: null,
          planned_at: null,
          actions: null,
          done_count: 0,
          last_error: null,
          created_at: at.getTime(),
          started_at: null,
          finished_at: null,
        })
        .onConflict((oc) => oc.columns(['org_id', 'job_name', 'scheduled_at']).doNothing())
        .executeTakeFirst();
      if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) return null;
      return this.findById(slot.orgId, id);
    },

    /** Claims one run (a given one, or the oldest due) with a lease; null when there is none to take. */
    async claim(now: Date, leaseMs: number, runId?: string): Promise<JobRun | null> {
      const nowMs = now.getTime();
      let id = runId;
      if (id === undefined) {
        const candidate = await db.selectFrom('job_runs').select('id').where(isDue(nowMs)).orderBy('next_attempt_at').limit(1).executeTakeFirst();
        if (!candidate) return null;
        id = candidate.id;
      }
      const row = await db
        .updateTable('job_runs')
        .set((eb) => ({ status: 'running', lease_until: nowMs + leaseMs, attempts: eb('attempts', '+', 1), started_at: eb.fn.coalesce('started_at', eb.val(nowMs)) }))
        .where('id', '=', id)
        .where(isDue(nowMs))
        .returningAll()
        .executeTakeFirst();
      return row ? toJobRun(row) : null;
    },

    /** Stores the plan once; a resumed run keeps the first plan. */
    async savePlan(id: string, plannedAt: Date, actions: readonly HygieneAction[]): Promise<void> {
      await db.updateTable('job_runs').set({ planned_at: plannedAt.getTime(), actions: JSON.stringify(actions) }).where('id', '=', id).where('actions', 'is', null).execute();
    },

    /**
     * Records the step after `doneCount` done and renews the lease, in the step's own transaction;
     * false when the run is no longer at that step or no longer running (another worker took it).
     */
    async advanceFrom(id: string, doneCount: number, attempt: number, leaseUntil: Date): Promise<boolean> {
      const result = await db
        .updateTable('job_runs')
        .set({ done_count: doneCount + 1, lease_until: leaseUntil.getTime() })
        .where('id', '=', id)
        .where('done_count', '=', doneCount)
        .where('status', '=', 'running')
        // A claim counts an attempt: another attempt number means another worker holds the run.
        .where('attempts', '=', attempt)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async finish(id: string, status: 'succeeded' | 'failed', error: string | null, at: Date): Promise<void> {
      await db
        .updateTable('job_runs')
        .set({ status, lease_until: null, last_error: error?.slice(0, 500) ?? null, finished_at: at.getTime() })
        .where('id', '=', id)
        .execute();
    },

    async retryLater(id: string, error: string, retryAt: Date): Promise<void> {
      await db.updateTable('job_runs').set({ status: 'pending', lease_until: null, last_error: error.slice(0, 500), next_attempt_at: retryAt.getTime() }).where('id', '=', id).execute();
    },

    async findById(orgId: string, id: string): Promise<JobRun | null> {
      const row = await db.selectFrom('job_runs').selectAll().where('org_id', '=', orgId).where('id', '=', id).executeTakeFirst();
      return row ? toJobRun(row) : null;
    },

    /** The latest run of each job of the org (one query). */
    async latestPerJob(orgId: string): Promise<Map<string, JobRun>> {
      const rows = await db
        .selectFrom('job_runs as r')
        .selectAll('r')
        .where('r.org_id', '=', orgId)
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('job_runs as newer')
                .select('newer.id')
                .whereRef('newer.org_id', '=', 'r.org_id')
                .whereRef('newer.job_name', '=', 'r.job_name')
                .where((eb) => eb.or([eb('newer.created_at', '>', eb.ref('r.created_at')), eb.and([eb('newer.created_at', '=', eb.ref('r.created_at')), eb('newer.id', '>', eb.ref('r.id'))])])),
            ),
          ),
        )
        .execute();
      return new Map(rows.map((row) => [row.job_name, toJobRun(row)]));
    },

    /** Keyset page of one job's runs, oldest first. */
    async listOfJob(orgId: string, jobName: string, page: KeysetRequest): Promise<KeysetResult<JobRun>> {
      let query = db.selectFrom('job_runs').selectAll().where('org_id', '=', orgId).where('job_name', '=', jobName);
      const condition = keysetCondition('job_runs', page);
      if (condition) query = query.where(condition);
      const direction = keysetDirection(page);
      const rows = await query.orderBy('created_at', direction).orderBy('id', direction).limit(page.limit + 1).execute();
      return keysetResult(rows, page, toJobRun);
    },
  };
}

export type JobRunStore = ReturnType<typeof createJobRunStore>;
