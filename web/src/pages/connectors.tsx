/**
 * Connectors: connected systems (Atlassian Cloud, a GitHub organization, a GitLab instance) whose
 * tokens Tokenward reads into the inventory. Add one, test its connection, sync now, and see each
 * one's last sync and next run.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Static } from 'typebox';
import type { ConnectionTestResponse as ConnectionTestSchema, ConnectorJson, ConnectorListResponse as ConnectorListSchema } from '../../../src/http/schemas/connectors.ts';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { useSignedIn } from '../auth/session.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { formatCount, formatDateTime } from '../components/format.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import { AddConnectorForm } from './connector-form.tsx';

type ConnectorList = Static<typeof ConnectorListSchema>;
type ConnectionTest = Static<typeof ConnectionTestSchema>;

const SYSTEM_WORDS: Record<string, string> = { atlassian: 'Atlassian', github: 'GitHub', gitlab: 'GitLab' };
const ORG_WORDS: Record<string, string> = { atlassian: 'organization', github: 'organization', gitlab: 'instance' };

/** Where GitHub delivers the App's webhook for this connector: the address the admin enters in the App. */
function githubWebhookUrl(connectorId: string): string {
  return `${window.location.origin}/api/v1/connectors/${encodeURIComponent(connectorId)}/github-webhook`;
}

function LastSync({ connector }: { connector: ConnectorJson }) {
  const run = connector.lastSync;
  if (!run) return <span className="muted">Never synced</span>;
  const { seen, discovered, updated, gone } = run.counts;
  return (
    <span className="owner-cell">
      <span>
        <StatusBadge status={run.state} /> {run.finishedAt ? formatDateTime(run.finishedAt) : run.state === 'running' ? `reading (${formatCount(seen)} tokens so far)` : ''}
      </span>
      <span className="muted">
        {formatCount(seen)} read, {formatCount(discovered)} new, {formatCount(updated)} changed, {formatCount(gone)} gone
      </span>
      {run.error && <span className="error-text">{run.error}</span>}
    </span>
  );
}

function ConnectorRow({ orgId, connector }: { orgId: string; connector: ConnectorJson }) {
  const queryClient = useQueryClient();
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const runTest = useMutation({ mutationFn: () => api.post<ConnectionTest>(endpoints.connectorTest(orgId, connector.id), {}), onSuccess: setTest });
  const sync = useMutation({
    mutationFn: () => api.post(endpoints.connectorSync(orgId, connector.id), {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['connectors', orgId] }),
  });
  return (
    <section className="panel" aria-labelledby={`connector-${connector.id}`}>
      <h2 id={`connector-${connector.id}`}>
        {connector.name} <span className="muted">({SYSTEM_WORDS[connector.type] ?? connector.type})</span>
      </h2>
      <p className="muted connector-facts">
        {connector.baseUrl} · {ORG_WORDS[connector.type] ?? 'organization'} {connector.upstreamOrgId} · every {connector.scheduleMinutes} minutes · next run {formatDateTime(connector.nextSyncAt)}
      </p>
      {connector.type === 'github' && (
        <p className="connector-facts">
          Webhook address for the GitHub App: <code>{githubWebhookUrl(connector.id)}</code>
        </p>
      )}
      <p>
        Last sync: <LastSync connector={connector} />
      </p>
      <div className="filters-actions">
        <button type="button" className="primary" onClick={() => sync.mutate()} disabled={sync.isPending || connector.lastSync?.state === 'running'}>
          {sync.isPending ? 'Starting…' : 'Sync now'}
        </button>
        <button type="button" onClick={() => runTest.mutate()} disabled={runTest.isPending}>
          {runTest.isPending ? 'Testing…' : 'Test connection'}
        </button>
        <Link to={`/tokens?source=${encodeURIComponent(connector.id)}`}>Its tokens in the inventory</Link>
      </div>
      {sync.isError && <ErrorNote title="Could not start the sync" error={sync.error} />}
      {runTest.isError && <ErrorNote title="Could not test the connection" error={runTest.error} />}
      {test && (
        <ul aria-label="Connection test">
          {test.checks.map((check) => (
            <li key={check.capability}>
              {check.ok ? '✓' : '✗'} {check.capability}: {check.detail}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ConnectorsPage() {
  const { orgId } = useSignedIn();
  const connectors = useQuery({
    queryKey: ['connectors', orgId],
    queryFn: () => api.get<ConnectorList>(endpoints.connectors(orgId)),
    // A running sync updates its counts: look again while one runs.
    refetchInterval: (query) => (query.state.data?.data.some((c) => c.lastSync?.state === 'running' || c.lastSync?.state === 'queued') ? 2000 : false),
  });
  const [added, setAdded] = useState<string | null>(null);

  return (
    <>
      <h1>Connectors</h1>
      <p className="lead">Tokens that already live in your Atlassian organization, GitHub organization or GitLab instance, read into the inventory so you can see, search and revoke them here.</p>
      <details className="panel add-panel">
        <summary>Add a connector</summary>
        <AddConnectorForm orgId={orgId} onAdded={(connector, afterwards) => setAdded(`“${connector.name}” is added. ${afterwards}`)} />
      </details>
      {added && <Notice tone="success">{added}</Notice>}
      {connectors.isError ? (
        <ErrorNote title="Could not load the connectors" error={connectors.error} onRetry={() => void connectors.refetch()} />
      ) : connectors.isPending ? (
        <Loading />
      ) : connectors.data.data.length === 0 ? (
        <EmptyState title="No connectors yet">Add your Atlassian organization, GitHub organization or GitLab instance to see the tokens that already exist there.</EmptyState>
      ) : (
        connectors.data.data.map((connector) => <ConnectorRow key={connector.id} orgId={orgId} connector={connector} />)
      )}
    </>
  );
}
