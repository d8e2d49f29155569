/**
 * Connectors: connected systems (Atlassian Cloud) whose tokens Tokenward reads into the inventory.
 * Add one, test its connection, sync now, and see each one's last sync and next run.
 */
import { useState, type FormEvent } from 'react';
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

type ConnectorList = Static<typeof ConnectorListSchema>;
type ConnectionTest = Static<typeof ConnectionTestSchema>;

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
    <section className="panel">
      <h2>
        {connector.name} <span className="muted">({connector.type})</span>
      </h2>
      <p className="muted">
        {connector.baseUrl} · organization {connector.upstreamOrgId} · every {connector.scheduleMinutes} minutes · next run {formatDateTime(connector.nextSyncAt)}
      </p>
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
  const queryClient = useQueryClient();
  const connectors = useQuery({
    queryKey: ['connectors', orgId],
    queryFn: () => api.get<ConnectorList>(endpoints.connectors(orgId)),
    // A running sync updates its counts: look again while one runs.
    refetchInterval: (query) => (query.state.data?.data.some((c) => c.lastSync?.state === 'running' || c.lastSync?.state === 'queued') ? 2000 : false),
  });
  const create = useMutation({
    mutationFn: (body: Record<string, string>) => api.post<ConnectorJson>(endpoints.connectors(orgId), body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['connectors', orgId] }),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    create.mutate({ type: value('type') || 'atlassian', name: value('name'), baseUrl: value('baseUrl'), upstreamOrgId: value('upstreamOrgId'), credential: value('credential') });
    event.currentTarget.reset();
  }

  return (
    <>
      <h1>Connectors</h1>
      <p className="lead">Tokens that already live in your Atlassian organization, read into the inventory so you can see, search and revoke them here.</p>
      <details className="panel add-panel">
        <summary>Add a connector</summary>
        <form className="inline-form" onSubmit={submit}>
          <label>
            System
            <select name="type" defaultValue="atlassian">
              <option value="atlassian">Atlassian organization</option>
              <option value="gitlab">GitLab instance</option>
            </select>
          </label>
          <label className="grow">
            Name
            <input name="name" required maxLength={200} placeholder="e.g. Acme Cloud" />
          </label>
          <label className="grow">
            Base URL
            <input name="baseUrl" required maxLength={2048} defaultValue="https://api.atlassian.com" />
          </label>
          <label className="grow">
            Organization id (Atlassian) or instance name (GitLab)
            <input name="upstreamOrgId" required maxLength={200} />
          </label>
          <label className="grow">
            Admin API key (Atlassian) or administrator token (GitLab)
            <input name="credential" type="password" required maxLength={4000} autoComplete="off" />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Adding…' : 'Add'}
          </button>
        </form>
        <p className="hint">The key is stored encrypted and never shown again. Atlassian: it needs the read scopes for tokens, service accounts and keys, and the delete scopes to revoke from here. GitLab: an administrator's token with the api scope (and admin_mode where Admin Mode is on); the base URL is the instance's address.</p>
        {create.isError && <ErrorNote title="Could not add the connector" error={create.error} />}
      </details>
      {create.isSuccess && <Notice tone="success">The connector is added. Test its connection, then sync it.</Notice>}
      {connectors.isError ? (
        <ErrorNote title="Could not load the connectors" error={connectors.error} onRetry={() => void connectors.refetch()} />
      ) : connectors.isPending ? (
        <Loading />
      ) : connectors.data.data.length === 0 ? (
        <EmptyState title="No connectors yet">Add your Atlassian organization to see the API tokens that already exist there.</EmptyState>
      ) : (
        connectors.data.data.map((connector) => <ConnectorRow key={connector.id} orgId={orgId} connector={connector} />)
      )}
    </>
  );
}
