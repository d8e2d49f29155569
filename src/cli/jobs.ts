/**
 * `tokenward jobs ...`: the automation jobs (docs/automation.md) from the server's shell,
 * the same services as the admin API's /jobs routes. Runs started here are durable job runs like
 * any other (audited as actor `system`/`cli`); their e-mails and webhooks go out from the server's
 * outbox worker.
 */
import { SingleBar, Presets } from 'cli-progress';
import { createCore, type Core } from '../app.js';
import type { HygieneAction } from '../domain/hygiene.js';
import { CLI_ACTOR } from '../service/job-service.js';
import { configOrExit } from './output.js';

interface OrgOption {
  org?: string;
}

async function withCore(work: (core: Core, orgId: string) => Promise<void>, org: string | undefined): Promise<void> {
  const core = await createCore({ config: configOrExit() });
  try {
    await work(core, (await core.services.organizations.resolveOnly(org)).id);
  } finally {
    await core.close();
  }
}

/** One line per action, for people: what it does and to which token or request. */
export function describeAction(action: HygieneAction): string {
  switch (action.type) {
    case 'mark_expired':
      return `mark expired     ${action.tokenId} (expired ${action.expiresAt})`;
    case 'warn_expiring':
      return `warn expiring    ${action.tokenId} (${action.daysBefore} days before ${action.expiresAt})`;
    case 'warn_idle':
      return `warn idle        ${action.tokenId} (idle ${action.idleDays} days, revoked on ${action.revokeOn})`;
    case 'revoke_idle':
      return `revoke idle      ${action.tokenId} (idle ${action.idleDays} days, limit ${action.revokeAfterDays})`;
    case 'send_digest':
      return `send digest      ${action.periodStart} .. ${action.periodEnd}`;
    case 'purge_outbox':
      return `purge outbox     ${action.events} events, ${action.jobRuns} job runs before ${action.before}`;
    case 'purge_usage':
      return `purge usage      ${action.events} raw events before ${action.before}`;
    case 'purge_audit':
      return `purge audit      ${action.count} entries through seq ${action.throughSeq} (before ${action.before})`;
    case 'revoke_unretrieved':
      return `revoke unretrieved ${action.tokenId} (link unused until ${action.retrievableUntil})`;
    case 'remind_approvers':
      return `remind approvers ${action.approvalId} (pending ${action.pendingHours} h, reminder ${action.reminder})`;
    case 'revoke_idle_external':
      return `revoke idle      ${action.externalTokenId} in its connected system (idle ${action.idleDays} days, limit ${action.revokeAfterDays})`;
    case 'flag_idle_external':
      return `flag idle        ${action.externalTokenId} (idle ${action.idleDays} days, limit ${action.revokeAfterDays}; cannot be revoked alone upstream)`;
    case 'warn_expiring_external':
      return `warn expiring    ${action.externalTokenId} (${action.daysBefore} days before ${action.expiresAt})`;
  }
}

/** `tokenward jobs list`: each job with its schedule and last run. */
export async function runJobsList(options: OrgOption): Promise<void> {
  await withCore(async (core, orgId) => {
    const rows = (await core.services.jobs.listJobs(orgId)).map(({ job, lastRun }) => [
      job.name,
      job.schedule,
      lastRun ? `${lastRun.status} ${(lastRun.finishedAt ?? lastRun.createdAt).toISOString()} (${lastRun.doneCount} done)` : 'never run',
    ]);
    const header = ['JOB', 'SCHEDULE (UTC)', 'LAST RUN'];
    const widths = [0, 1].map((i) => Math.max(...rows.map((row) => row[i]!.length), header[i]!.length));
    for (const row of [header, ...rows]) process.stdout.write(`${row[0]!.padEnd(widths[0]!)}  ${row[1]!.padEnd(widths[1]!)}  ${row[2]}\n`);
  }, options.org);
}

/** `tokenward jobs run <job> [--dry-run]`: the dry run lists what the run would do; the run does it, with a progress bar. */
export async function runJobsRun(name: string, options: OrgOption & { dryRun?: boolean; json?: boolean }): Promise<void> {
  await withCore(async (core, orgId) => {
    if (options.dryRun) {
      const { plannedAt, actions } = await core.services.jobs.dryRun(orgId, name);
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ job: name, plannedAt: plannedAt.toISOString(), actions })}\n`);
        return;
      }
      process.stdout.write(`Dry run of ${name} at ${plannedAt.toISOString()}: ${actions.length} action${actions.length === 1 ? '' : 's'}; nothing was changed.\n`);
      for (const action of actions) process.stdout.write(`  ${describeAction(action)}\n`);
      return;
    }
    // The bar goes to stderr and only to a terminal: piped output stays one clean summary line.
    const bar = process.stderr.isTTY && !options.json ? new SingleBar({ format: `${name} [{bar}] {value}/{total} actions`, stream: process.stderr }, Presets.shades_classic) : null;
    let started = false;
    const run = await core.services.jobs.runNow(CLI_ACTOR, orgId, name, null, (done, total) => {
      if (!bar) return;
      if (!started) bar.start(total, done);
      else bar.update(done);
      started = true;
    });
    bar?.stop();
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ id: run.id, job: run.jobName, status: run.status, done: run.doneCount, actions: run.actions, lastError: run.lastError })}\n`);
    } else {
      const total = run.actions?.length ?? 0;
      const error = run.lastError ? `: ${run.lastError}` : '';
      process.stdout.write(`Run ${run.id} of ${name}: ${run.status}, ${run.doneCount} of ${total} action${total === 1 ? '' : 's'} done${error}.\n`);
    }
    if (run.status !== 'succeeded') process.exitCode = 1;
  }, options.org);
}

/** `tokenward jobs runs <job>`: the latest runs, newest first. */
export async function runJobsRuns(name: string, options: OrgOption & { limit: number }): Promise<void> {
  await withCore(async (core, orgId) => {
    const runs = [];
    let cursor: string | undefined;
    // Pages run oldest first: walk to the end, keep the last `limit`.
    for (;;) {
      const page = await core.services.jobs.listRuns(orgId, name, { pageSize: 1000, cursor });
      runs.push(...page.items);
      if (runs.length > options.limit) runs.splice(0, runs.length - options.limit);
      if (!page.links.next) break;
      cursor = page.links.next;
    }
    if (runs.length === 0) process.stdout.write(`${name} has not run yet.\n`);
    for (const run of runs.reverse()) {
      const when = (run.finishedAt ?? run.startedAt ?? run.scheduledAt).toISOString();
      process.stdout.write(`${run.id}  ${run.trigger.padEnd(8)}  ${run.status.padEnd(9)}  ${when}  ${run.doneCount}/${run.actions?.length ?? '?'} actions${run.lastError ? `  ${run.lastError}` : ''}\n`);
    }
  }, options.org);
}
