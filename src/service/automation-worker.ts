/**
 * The automation worker of a server process: a croner schedule per job that creates the
 * slot's runs, and a polling loop that fans out new events, sends due deliveries and executes due
 * job runs. `stop()` (SIGTERM, app close) stops the schedules, aborts in-flight sends and waits for
 * the current pass: an interrupted delivery or run is left to its lease and taken up again.
 */
import { Cron } from 'croner';
import type { Clock } from '../domain/clock.js';
import type { DeliveryService } from './delivery-service.js';
import type { JobService } from './job-service.js';
import type { ConnectorSyncService } from './connector-sync-service.js';

export interface WorkerOptions {
  pollMs: number;
  /** Deliveries sent at once per pass. */
  deliveryConcurrency: number;
  /** false: only the polling loop runs (no croner schedules). */
  isSchedulerEnabled: boolean;
}

export interface WorkerDeps {
  clock: Clock;
  deliveries: DeliveryService;
  jobs: JobService;
  /** Scheduled and left-behind connector syncs. */
  connectorSync?: ConnectorSyncService | undefined;
  options: WorkerOptions;
  log: { info(fields: object, message: string): void; error(fields: object, message: string): void };
}

/** The minute a cron tick belongs to, so every node names the same slot. */
export function slotOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}

export function createAutomationWorker(deps: WorkerDeps) {
  const { options, log } = deps;
  const crons: Cron[] = [];
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  let abort = new AbortController();
  let isRunning = false;

  async function runPass(): Promise<void> {
    try {
      while (!abort.signal.aborted && (await deps.deliveries.dispatchEvents()) > 0);
      while (!abort.signal.aborted && (await deps.deliveries.deliverDue(options.deliveryConcurrency, abort.signal)).length > 0);
      while (!abort.signal.aborted && (await deps.jobs.executeNextDue(abort.signal)));
      if (!abort.signal.aborted && deps.connectorSync) await deps.connectorSync.runDue();
    } catch (error) {
      log.error({ err: error }, 'automation pass failed');
    }
  }

  function scheduleNext(): void {
    if (!isRunning) return;
    timer = setTimeout(() => {
      pass = runPass().finally(scheduleNext);
    }, options.pollMs);
  }

  return {
    start(): void {
      if (isRunning) return;
      isRunning = true;
      abort = new AbortController();
      if (options.isSchedulerEnabled) {
        for (const job of deps.jobs.jobs) {
          if (!job.isAvailable) continue;
          crons.push(
            new Cron(job.schedule, { timezone: 'UTC', protect: true, name: `tokenward:${job.name}` }, async () => {
              try {
                const created = await deps.jobs.createScheduledRuns(job.name, slotOf(deps.clock()));
                if (created > 0) log.info({ job: job.name, runs: created }, 'scheduled job runs');
              } catch (error) {
                log.error({ err: error, job: job.name }, 'could not schedule job runs');
              }
            }),
          );
        }
      }
      pass = runPass().finally(scheduleNext);
    },

    async stop(): Promise<void> {
      if (!isRunning) return;
      isRunning = false;
      for (const cron of crons.splice(0)) cron.stop();
      if (timer) clearTimeout(timer);
      abort.abort();
      await pass;
    },

    /** One pass now, for tests and the CLI. */
    runPass,
  };
}

export type AutomationWorker = ReturnType<typeof createAutomationWorker>;
