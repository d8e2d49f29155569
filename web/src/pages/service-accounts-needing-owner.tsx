/**
 * The service accounts nobody answers for: no owner named, an owning person deactivated, or an
 * owner that no longer exists. Their tokens' expiry warnings, idle notices and leak alerts reach
 * nobody until an owner is named.
 */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { AccountNeedingOwner, AccountsNeedingOwnerResponse } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { DataTable } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading } from '../components/feedback.tsx';
import { plural } from '../components/format.ts';

const REASON_WORDS: Record<AccountNeedingOwner['reason'], string> = {
  none: 'No owner named',
  owner_deactivated: 'Its owner was deactivated',
  owner_gone: 'Its owner no longer exists',
};

export function AccountsNeedingOwner() {
  const { orgId } = useSignedIn();
  const accounts = useQuery({
    queryKey: ['service-accounts-needing-owner', orgId],
    queryFn: () => api.get<AccountsNeedingOwnerResponse>(endpoints.serviceAccountsNeedingOwner(orgId)),
  });
  const columns = useMemo<ColumnDef<AccountNeedingOwner>[]>(
    () => [
      {
        id: 'name',
        header: 'Service account',
        cell: ({ row }) => (
          <span className="owner-cell">
            <Link to={`/service-accounts/${encodeURIComponent(row.original.id)}`}>{row.original.displayName}</Link>
            <span className="muted">{row.original.email}</span>
          </span>
        ),
      },
      { id: 'reason', header: 'Why it needs an owner', cell: ({ row }) => REASON_WORDS[row.original.reason] },
    ],
    [],
  );
  const table = useReactTable({ data: accounts.data?.data ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });

  return (
    <>
      <h1>Service accounts without an owner</h1>
      <p className="lead">
        Nobody answers for these accounts: their tokens' expiry warnings, idle notices and leak alerts reach no one. Name a person or a group who
        answers for each. <Link to="/service-accounts">All service accounts</Link>
      </p>
      {accounts.isError ? (
        <ErrorNote title="Could not load the service accounts without an owner" error={accounts.error} onRetry={() => void accounts.refetch()} />
      ) : accounts.isPending ? (
        <Loading />
      ) : accounts.data.data.length === 0 ? (
        <EmptyState title="Every service account has someone who answers for it" />
      ) : (
        <>
          <p className="muted">{plural(accounts.data.data.length, 'service account')} without an owner</p>
          <DataTable table={table} caption="Service accounts without an owner" />
        </>
      )}
    </>
  );
}
