/**
 * Durable job runs (docs/automation.md). A run is created per (org, job, slot) — by the
 * scheduler on every node, or by an admin — and executed by whoever claims it: the plan is made
 * and stored once, then each action is applied in its own transaction together with the run's
 * progress, renewing the lease. A run whose node died is claimed again once its lease expires and
 * continues after its last committed step; a failing run is retried with backoff.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.js';
import { DomainError } from '../domain/errors.js';
import type { HygieneAction } from '../domain/hygiene.js';
import type { Principal } from '../domain/principal.js';
import { actorOf } from '../domain/principal.js';
import { backoffDelayMs, type BackoffPolicy } from '../domain/retry.js';
import { keysetRequestOf, pageOf, type Page, type PageQuery } from './paging.js';
import type { CursorKey } from '../domain/cursor.js';
import type { JobRun } from '../store/job-run-store.js';
import type { Database } from '../store/schema.js';
import { createStores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { JobDefinition } from './hygiene-jobs.js';
import { idlePastPolicy, type IdlePastPolicy } from './idle-past-policy.js';
import { createPolicyIdleLimits, type IdleLimitsFactory } from './policy-idle-limits.js';

export interface JobOptions {
  leaseMs: number;
  /** Pause between two steps of a run: spreads the load of a large run (and lets tests kill mid-run). */
  stepDelayMs: number;
  backoff: BackoffPolicy;
}

export interface JobServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  cursorKey: CursorKey;
  jobs: readonly JobDefinition[];
  options: JobOptions;
  /** The idle-revoke job's limits, for its "idle past policy" figures (default: the policies'). */
  idleLimits?: IdleLimitsFactory;
  log?: (fields: Record<string, unknown>, message: string) => void;
}

export interface JobSummary {
  job: JobDefinition;
  lastRun: JobRun | null;
}

class LostRunError extends Error {}

/** Told after the plan is made and after each applied step (the CLI's progress bar). */
export type JobProgress = (done: number, total: number) => void;

/** Who ran a job from the command line: whoever holds the server's configuration. */
export const CLI_ACTOR = { actorType: 'system', actorId: 'cli' } as const;

export function createJobService(deps: JobServiceDeps) {
  const { db, clock, options } = deps;
  const stores = createStores(db);
  const byName = new Map(deps.jobs.map((job) => [job.name, job]));

  function jobNamed(name: string): JobDefinition {
    const job = byName.get(name);
    if (!job) throw new DomainError('NOT_FOUND', `No job named ${name}.`);
    return job;
  }

  /** Executes a claimed run to its end, or until `signal` asks to stop (the run is then released). */
  async function execute(claimed: JobRun, signal?: AbortSignal, onProgress?: JobProgress): Promise<JobRun> {
    const job = byName.get(claimed.jobName);
    const runId = claimed.id;
    try {
      if (!job) throw new Error(`unknown job ${claimed.jobName}`);
      let actions = claimed.actions;
      if (actions === null) {
        const plannedAt = clock();
        actions = await job.plan(stores, claimed.orgId, plannedAt);
        await stores.jobRuns.savePlan(runId, plannedAt, actions);
        actions = (await stores.jobRuns.findById(claimed.orgId, runId))?.actions ?? actions;
      }
      onProgress?.(claimed.doneCount, actions.length);
      for (let done = claimed.doneCount; done < actions.length; done += 1) {
        if (signal?.aborted) {
          await stores.jobRuns.retryLater(runId, 'interrupted by shutdown', clock());
          return (await stores.jobRuns.findById(claimed.orgId, runId))!;
        }
        const action = actions[done]!;
        // Calls to other systems happen here, outside the step's transaction.
        const prepared = job.prepare ? await job.prepare(stores, claimed.orgId, action, clock()) : undefined;
        await db.transaction().execute(async (trx) => {
          const tx = createStores(trx);
          const now = clock();
          await job.apply(tx, claimed.orgId, action, now, prepared);
          // The step and the progress commit together; a run that lost its lease stops here.
          if (!(await tx.jobRuns.advanceFrom(runId, done, claimed.attempts, new Date(now.getTime() + options.leaseMs)))) throw new LostRunError();
        });
        onProgress?.(done + 1, actions.length);
        if (options.stepDelayMs > 0 && done + 1 < actions.length) await sleep(options.stepDelayMs, undefined, { signal }).catch(() => undefined);
      }
      await stores.jobRuns.finish(runId, 'succeeded', null, clock());
    } catch (error) {
      if (error instanceof LostRunError) {
        deps.log?.({ runId }, 'job run taken over by another worker');
        return (await stores.jobRuns.findById(claimed.orgId, runId))!;
      }
      const message = error instanceof Error ? error.message : 'unknown error';
      deps.log?.({ runId, job: claimed.jobName, attempts: claimed.attempts, err: error }, 'job run failed');
      if (claimed.attempts >= options.backoff.maxAttempts) await stores.jobRuns.finish(runId, 'failed', message, clock());
      else await stores.jobRuns.retryLater(runId, message, new Date(clock().getTime() + backoffDelayMs(options.backoff, claimed.attempts, Math.random())));
    }
    return (await stores.jobRuns.findById(claimed.orgId, runId))!;
  }

  return {
    jobs: deps.jobs,

    async listJobs(orgId: string): Promise<JobSummary[]> {
      const latest = await stores.jobRuns.latestPerJob(orgId);
      return deps.jobs.map((job) => ({ job, lastRun: latest.get(job.name) ?? null }));
    },

    async listRuns(orgId: string, name: string, query: PageQuery): Promise<Page<JobRun>> {
      jobNamed(name);
      const fingerprint = `job-runs:${orgId}:${name}`;
      const { request, body } = keysetRequestOf(deps.cursorKey, fingerprint, query);
      return pageOf(deps.cursorKey, fingerprint, body, await stores.jobRuns.listOfJob(orgId, name, request));
    },

    async getRun(orgId: string, runId: string): Promise<JobRun> {
      const run = await stores.jobRuns.findById(orgId, runId);
      if (!run) throw new DomainError('NOT_FOUND', 'No such job run.');
      return run;
    },

    /** What the job would do now, without doing it. */
    /** What the idle-revoke job would revoke and warn now, as figures (the console's overview). */
    async idlePastPolicy(orgId: string): Promise<IdlePastPolicy> {
      return idlePastPolicy(stores, orgId, clock(), deps.idleLimits ?? createPolicyIdleLimits(clock));
    },

    async dryRun(orgId: string, name: string): Promise<{ plannedAt: Date; actions: HygieneAction[] }> {
      const job = jobNamed(name);
      const plannedAt = clock();
      return { plannedAt, actions: await job.plan(stores, orgId, plannedAt) };
    },

    /**
     * Creates a manual run and executes it in the caller's time; returns the finished run. The actor
     * is an admin (API, console) or `system`/`cli` (the `tokenward jobs run` command at the server's shell).
     */
    async runNow(actor: Principal | typeof CLI_ACTOR, orgId: string, name: string, ip: string | null, onProgress?: JobProgress): Promise<JobRun> {
      jobNamed(name);
      const now = clock();
      const run = await db.transaction().execute(async (trx) => {
        const tx = createStores(trx);
        // Manual runs take the first free millisecond from now, so two clicks make two runs.
        let created = null;
        for (let offsetMs = 0; !created && offsetMs < 1000; offsetMs += 1) {
          created = await tx.jobRuns.createIfAbsent({ orgId, jobName: name, scheduledAt: new Date(now.getTime() + offsetMs), trigger: 'manual' }, now);
        }
        if (!created) throw new DomainError('CONFLICT', 'Too many runs of this job were started at this instant; try again.');
        const who = 'actorType' in actor ? actor : actorOf(actor);
        await tx.audit.append(auditEntry({ orgId, ...who, ip, action: 'job.run_requested', targetType: 'job_run', targetId: created.id, details: { job: name } }, clock));
        return created;
      });
      const claimed = await stores.jobRuns.claim(clock(), options.leaseMs, run.id);
      // A worker on another node may have claimed it first: it is running there.
      return claimed ? execute(claimed, undefined, onProgress) : this.getRun(orgId, run.id);
    },

    /** The scheduler's tick: the slot's run for every org, created once whichever node asks. */
    async createScheduledRuns(name: string, slot: Date): Promise<number> {
      const now = clock();
      let created = 0;
      for (const orgId of await stores.hygiene.orgIds()) {
        if (await stores.jobRuns.createIfAbsent({ orgId, jobName: name, scheduledAt: slot, trigger: 'schedule' }, now)) created += 1;
      }
      return created;
    },

    /** Claims and executes the oldest due run, if any; the worker calls it in a loop. */
    async executeNextDue(signal?: AbortSignal): Promise<JobRun | null> {
      const claimed = await stores.jobRuns.claim(clock(), options.leaseMs);
      return claimed ? execute(claimed, signal) : null;
    },
  };
}

export type JobService = ReturnType<typeof createJobService>;
