/** A job's runs: when, how it was started, its status, what it did, errors in words. */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { JobRun, JobRunList } from '../../api/types.ts';
import { Pager } from '../../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading } from '../../components/feedback.tsx';
import { formatDateTime, plural } from '../../components/format.ts';
import { StatusBadge } from '../../components/status-badge.tsx';
import { ActionList } from './dry-run.tsx';
import type { JobAction } from './job-words.tsx';

function RunRow({ orgId, run }: { orgId: string; run: JobRun }) {
  const actions = (run.actions ?? []) as JobAction[];
  return (
    <li className="run">
      <div className="run-head">
        <StatusBadge status={run.status} /> <strong>{formatDateTime(run.finishedAt ?? run.startedAt ?? run.scheduledAt)}</strong>{' '}
        <span className="muted">
          {run.trigger === 'manual' ? 'run by hand' : 'on schedule'} · {plural(run.doneCount, 'action')} done
          {run.attempts > 1 ? ` · ${plural(run.attempts, 'attempt')}` : ''}
        </span>
      </div>
      {run.lastError && <p className="field-error">{run.lastError}</p>}
      {actions.length > 0 && (
        <details>
          <summary>What it did</summary>
          <ActionList orgId={orgId} actions={actions} />
        </details>
      )}
    </li>
  );
}

export function JobRuns({ orgId, job }: { orgId: string; job: string }) {
  const [cursor, setCursor] = useState('');
  const runs = useQuery({ queryKey: ['job-runs', orgId, job, cursor], queryFn: () => api.get<JobRunList>(endpoints.jobRuns(orgId, job), { cursor, pageSize: 20 }) });
  if (runs.isPending) return <Loading label="Loading runs…" />;
  if (runs.isError) return <ErrorNote title="Could not load the runs" error={runs.error} onRetry={() => void runs.refetch()} />;
  if (runs.data.data.length === 0 && !cursor) return <EmptyState title="No runs yet">It runs on its schedule, or now with “Run now”.</EmptyState>;
  return (
    <div className="stack">
      <ol className="run-list" aria-label={`Runs of ${job}`}>
        {runs.data.data.map((run) => (
          <RunRow key={run.id} orgId={orgId} run={run} />
        ))}
      </ol>
      <Pager prev={runs.data.links.prev} next={runs.data.links.next} onPage={setCursor} isBusy={runs.isFetching} />
    </div>
  );
}
