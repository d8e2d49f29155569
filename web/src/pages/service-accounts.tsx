/**
 * Service accounts (Atlassian-compatible API): list, create; each links to its tokens. With
 * `?owner=none`, the accounts nobody answers for (the overview links here).
 */
import { useMemo, useState, type FormEvent } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { ServiceAccountColumnsResponse, ServiceAccountItem, ServiceAccountListResponse } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { DataTable, Pager } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { formatDate, formatDateTime, plural, relativeTime } from '../components/format.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import { AccountsNeedingOwner } from './service-accounts-needing-owner.tsx';

type Extra = ServiceAccountColumnsResponse['data'][number];
type ExtraMeta = { extraOf: Map<string, Extra> };
const extraOfTable = (meta: unknown, id: string) => (meta as ExtraMeta | undefined)?.extraOf.get(id);

function OwnerCell({ extra }: { extra: Extra | undefined }) {
  if (!extra) return <span className="muted">…</span>;
  if (!extra.owner) return <span className="muted">Nobody</span>;
  const name = extra.owner.name ?? 'someone no longer listed';
  return (
    <span className="owner-cell">
      <span>{name}</span>
      <span className="muted">{extra.owner.type === 'group' ? 'Group' : 'Person'}{extra.owner.needsReassignment ? ', deactivated: reassign' : ''}</span>
    </span>
  );
}

export function ServiceAccountsPage() {
  const [params] = useSearchParams();
  return params.get('owner') === 'none' ? <AccountsNeedingOwner /> : <AllServiceAccounts />;
}

function AllServiceAccounts() {
  const { orgId } = useSignedIn();
  const queryClient = useQueryClient();
  const [cursor, setCursor] = useState('');
  const [created, setCreated] = useState<ServiceAccountItem | null>(null);
  const accounts = useQuery({
    queryKey: ['service-accounts', orgId, cursor],
    queryFn: () => api.get<ServiceAccountListResponse>(endpoints.serviceAccounts(orgId), { cursor, pageSize: 50 }),
    placeholderData: keepPreviousData,
  });
  // Live tokens, last use and accountable owner of the whole page, in one request.
  const pageIds = (accounts.data?.items ?? []).map((account) => account.id);
  const extra = useQuery({
    queryKey: ['service-account-columns', orgId, pageIds],
    queryFn: () => api.get<ServiceAccountColumnsResponse>(endpoints.serviceAccountColumns(orgId), { ids: pageIds.join(',') }),
    enabled: pageIds.length > 0,
  });
  const extraOf = new Map((extra.data?.data ?? []).map((row) => [row.serviceAccountId, row]));
  const create = useMutation({
    mutationFn: (body: { displayName: string; description?: string }) => api.post<ServiceAccountItem>(endpoints.serviceAccounts(orgId), body),
    onSuccess: async (account) => {
      setCreated(account);
      await queryClient.invalidateQueries({ queryKey: ['service-accounts', orgId] });
    },
  });

  const columns = useMemo<ColumnDef<ServiceAccountItem>[]>(
    () => [
      {
        id: 'name',
        header: 'Service account',
        cell: ({ row }) => (
          <span className="owner-cell">
            <Link to={`/service-accounts/${encodeURIComponent(row.original.id)}`}>{row.original.displayName}</Link>
            <span className="muted clip-email" title={row.original.email}>
              {row.original.email}
            </span>
          </span>
        ),
      },
      { id: 'description', header: 'Description', cell: ({ row }) => row.original.description ?? <span className="muted">—</span> },
      { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      {
        id: 'tokens',
        header: 'Live tokens',
        cell: ({ row, table }) => {
          const found = extraOfTable(table.options.meta, row.original.id);
          return found ? <span className="num">{found.liveTokens}</span> : <span className="muted">…</span>;
        },
      },
      {
        id: 'lastUsed',
        header: 'Last used',
        cell: ({ row, table }) => {
          const found = extraOfTable(table.options.meta, row.original.id);
          if (!found) return <span className="muted">…</span>;
          return found.lastActiveAt ? (
            <span className="nowrap" title={formatDateTime(found.lastActiveAt)}>
              {relativeTime(found.lastActiveAt)}
            </span>
          ) : (
            <span className="muted">Never</span>
          );
        },
      },
      { id: 'owner', header: 'Accountable owner', cell: ({ row, table }) => <OwnerCell extra={extraOfTable(table.options.meta, row.original.id)} /> },
      { id: 'updatedAt', header: 'Updated', cell: ({ row }) => formatDate(new Date(row.original.updatedAt).toISOString()) },
    ],
    [],
  );
  const table = useReactTable({ data: accounts.data?.items ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id, meta: { extraOf } satisfies ExtraMeta });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const description = String(form.get('description') ?? '').trim();
    create.mutate({ displayName: String(form.get('displayName') ?? '').trim(), ...(description ? { description } : {}) });
    event.currentTarget.reset();
  }

  return (
    <>
      <h1>Service accounts</h1>
      <p className="lead">Accounts for automation: CI pipelines, integrations, bots. Their tokens are in the inventory too.</p>
      <details className="panel add-panel">
        <summary>Create a service account</summary>
        <form className="inline-form" onSubmit={submit}>
          <label className="grow">
            Name
            <input name="displayName" required maxLength={200} placeholder="e.g. Deploy pipeline" />
          </label>
          <label className="grow">
            Description
            <input name="description" maxLength={1000} placeholder="What it is for (optional)" />
          </label>
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create'}
          </button>
        </form>
        {create.isError && <ErrorNote title="Could not create the service account" error={create.error} />}
      </details>
      {created && (
        <Notice tone="success">
          <Link to={`/service-accounts/${encodeURIComponent(created.id)}`}>{created.displayName}</Link> is created.
        </Notice>
      )}
      {accounts.isError ? (
        <ErrorNote title="Could not load service accounts" error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.isPending ? (
        <Loading />
      ) : accounts.data.items.length === 0 ? (
        <EmptyState title="No service accounts yet">Create one for each pipeline or integration, so its tokens have an owner.</EmptyState>
      ) : (
        <>
          <p className="muted">{plural(accounts.data.total, 'service account')}</p>
          <DataTable table={table} caption="Service accounts" isBusy={accounts.isFetching} />
        </>
      )}
      {accounts.data && (accounts.data.links.next || accounts.data.links.prev) && (
        <Pager prev={accounts.data.links.prev} next={accounts.data.links.next} onPage={setCursor} isBusy={accounts.isFetching} />
      )}
    </>
  );
}
