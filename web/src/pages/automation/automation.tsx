/**
 * Automation (over the jobs API): each job with its schedule in words, its last run
 * and status; "Dry run" lists exactly what a run now would do, "Run now" does it after a
 * confirmation; each job's run history. The org's automation settings below.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { DryRun, JobItem, JobList, JobRun } from '../../api/types.ts';
import { useSignedIn } from '../../auth/session.tsx';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../../components/feedback.tsx';
import { formatDateTime, plural } from '../../components/format.ts';
import { StatusBadge } from '../../components/status-badge.tsx';
import { AutomationSettingsPanel } from './automation-settings.tsx';
import { DryRunResult } from './dry-run.tsx';
import { JobRuns } from './job-runs.tsx';
import { scheduleInWords } from './job-words.tsx';

function JobCard({ orgId, job, onDryRun, onRun, isBusy }: { orgId: string; job: JobItem; onDryRun(): void; onRun(): void; isBusy: boolean }) {
  const [isShowingRuns, setShowingRuns] = useState(false);
  const last = job.lastRun;
  const headingId = `job-${job.name}`;
  return (
    <article className="panel stack job-card" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>{job.name}</h2>
        <div className="job-actions">
          <button type="button" onClick={onDryRun} disabled={isBusy || !job.available} aria-label={`Dry run ${job.name}`}>
            Dry run
          </button>
          <button type="button" className="primary" onClick={onRun} disabled={isBusy || !job.available} aria-label={`Run ${job.name} now`}>
            Run now
          </button>
        </div>
      </div>
      <p className="muted">{job.description}</p>
      <dl className="key-value">
        <dt>Schedule</dt>
        <dd>
          {scheduleInWords(job.schedule)} <code className="muted nowrap">{job.schedule}</code>
        </dd>
        <dt>Last run</dt>
        <dd>
          {last ? (
            <>
              <StatusBadge status={last.status} /> {formatDateTime(last.finishedAt ?? last.startedAt ?? last.scheduledAt)} · {plural(last.doneCount, 'action')}
              {last.lastError && <span className="field-error"> {last.lastError}</span>}
            </>
          ) : (
            'Never'
          )}
        </dd>
        {!job.available && (
          <>
            <dt>Available</dt>
            <dd>Not on this server (it needs a setting that is missing, such as SMTP).</dd>
          </>
        )}
      </dl>
      <button type="button" className="link-button" aria-expanded={isShowingRuns} onClick={() => setShowingRuns(!isShowingRuns)}>
        {isShowingRuns ? 'Hide runs' : 'Show runs'}
      </button>
      {isShowingRuns && <JobRuns orgId={orgId} job={job.name} />}
    </article>
  );
}

export function AutomationPage() {
  const { orgId } = useSignedIn();
  const queryClient = useQueryClient();
  const [toRun, setToRun] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const jobs = useQuery({ queryKey: ['jobs', orgId], queryFn: () => api.get<JobList>(endpoints.jobs(orgId)) });
  const dryRun = useMutation({ mutationFn: (job: string) => api.post<DryRun>(endpoints.dryRunJob(orgId, job)), onMutate: () => setMessage(null) });
  const run = useMutation({
    mutationFn: (job: string) => api.post<JobRun>(endpoints.runJob(orgId, job)),
    onSuccess: async (done) => {
      setToRun(null);
      dryRun.reset();
      setMessage(done.status === 'succeeded' ? `${done.job} ran: ${plural(done.doneCount, 'action')} done.` : `${done.job} ${done.status}${done.lastError ? `: ${done.lastError}` : '.'}`);
      await queryClient.invalidateQueries({ queryKey: ['jobs', orgId] });
      await queryClient.invalidateQueries({ queryKey: ['job-runs', orgId, done.job] });
    },
  });

  return (
    <>
      <h1>Automation</h1>
      <p className="lead">Jobs that keep tokens tidy on a schedule. A dry run shows what a job would do now, without doing it.</p>
      {message && <Notice tone="success">{message}</Notice>}
      {dryRun.isPending && <Loading label="Planning…" />}
      {dryRun.isError && <ErrorNote title="Could not plan the dry run" error={dryRun.error} />}
      {dryRun.data && <DryRunResult orgId={orgId} dryRun={dryRun.data} />}
      {jobs.isError ? (
        <ErrorNote title="Could not load the jobs" error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.isPending ? (
        <Loading />
      ) : jobs.data.data.length === 0 ? (
        <EmptyState title="No jobs on this server" />
      ) : (
        jobs.data.data.map((job) => (
          <JobCard
            key={job.name}
            orgId={orgId}
            job={job}
            isBusy={dryRun.isPending || run.isPending}
            onDryRun={() => {
              dryRun.mutate(job.name);
              window.scrollTo({ top: 0 });
            }}
            onRun={() => {
              run.reset();
              setToRun(job.name);
            }}
          />
        ))
      )}
      <AutomationSettingsPanel orgId={orgId} />
      <ConfirmDialog isOpen={toRun !== null} title={`Run ${toRun ?? ''} now?`} confirmLabel="Run now" isBusy={run.isPending} onConfirm={() => toRun && run.mutate(toRun)} onCancel={() => setToRun(null)}>
        <p>It does now what it would do on its schedule. Use “Dry run” first to see exactly what that is.</p>
        {run.isError && <ErrorNote title="The run failed" error={run.error} />}
      </ConfirmDialog>
    </>
  );
}
