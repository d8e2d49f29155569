/**
 * A job's dry run: exactly the actions a run made now would take, each in words, with
 * the tokens named (their labels read from the inventory, the first 50).
 */
import { useQueries } from '@tanstack/react-query';
import { api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { DryRun, OrgTokenJson } from '../../api/types.ts';
import { EmptyState } from '../../components/feedback.tsx';
import { formatDateTime, plural } from '../../components/format.ts';
import { ActionInWords, type JobAction } from './job-words.tsx';

const NAMED_TOKENS = 50;

export function tokenIdsOf(actions: readonly JobAction[]): string[] {
  return [...new Set(actions.map((a) => a.tokenId).filter((id): id is string => typeof id === 'string'))];
}

export function ActionList({ orgId, actions }: { orgId: string; actions: readonly JobAction[] }) {
  const tokenIds = tokenIdsOf(actions).slice(0, NAMED_TOKENS);
  const tokens = useQueries({
    queries: tokenIds.map((id) => ({ queryKey: ['token', orgId, id], queryFn: () => api.get<OrgTokenJson>(endpoints.token(orgId, id)), staleTime: 60_000 })),
  });
  const labels = new Map<string, string>();
  tokens.forEach((q, index) => {
    if (q.data) labels.set(tokenIds[index]!, q.data.label);
  });
  return (
    <ol className="action-list">
      {actions.map((action, index) => (
        <li key={index}>
          <ActionInWords action={action} labels={labels} />
        </li>
      ))}
    </ol>
  );
}

export function DryRunResult({ orgId, dryRun }: { orgId: string; dryRun: DryRun }) {
  const actions = dryRun.actions as JobAction[];
  return (
    <section className="panel stack" aria-labelledby="dry-run-heading">
      <h2 id="dry-run-heading">
        Dry run of {dryRun.job}: {plural(actions.length, 'action')}
      </h2>
      <p className="hint">Planned {formatDateTime(dryRun.plannedAt)}. Nothing was changed; “Run now” would do exactly this.</p>
      {actions.length === 0 ? <EmptyState title="Nothing to do">A run now would change nothing.</EmptyState> : <ActionList orgId={orgId} actions={actions} />}
    </section>
  );
}
