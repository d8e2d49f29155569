/**
 * One service account: its tokens (from the inventory API, so they read like every other token),
 * issuing one (its secret shown once), revoking all of them, deleting the account.
 */
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { OrgTokenListResponse, ServiceAccountItem } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DataTable } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { IssueTokenForm } from '../components/issue-token-form.tsx';
import { plural } from '../components/format.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import { tokenColumns } from './inventory.tsx';

export function ServiceAccountPage() {
  const { orgId } = useSignedIn();
  const { serviceAccountId = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirm, setConfirm] = useState<'revoke-all' | 'delete' | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  // The Atlassian API has no single-account GET: read the account from the list's pages.
  const account = useQuery({
    queryKey: ['service-account', orgId, serviceAccountId],
    queryFn: async () => {
      let cursor = '';
      for (let page = 0; page < 50; page += 1) {
        const list = await api.get<{ items: ServiceAccountItem[]; links: { next: string | null } }>(endpoints.serviceAccounts(orgId), { cursor, pageSize: 1000 });
        const found = list.items.find((item) => item.id === serviceAccountId);
        if (found) return found;
        if (!list.links.next) break;
        cursor = list.links.next;
      }
      return null;
    },
  });
  const tokensQuery = { ownerId: serviceAccountId, pageSize: '200' };
  const tokens = useQuery({
    queryKey: ['tokens', orgId, tokensQuery],
    enabled: !!account.data,
    queryFn: () => api.get<OrgTokenListResponse>(endpoints.tokens(orgId), tokensQuery),
  });
  const ownTokens = tokens.data?.data ?? [];
  const columns = useMemo(() => tokenColumns({ selectable: false }).filter((c) => c.id !== 'owner'), []);
  const table = useReactTable({ data: ownTokens, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id, enableSorting: false });

  const act = useMutation({
    mutationFn: async (what: 'revoke-all' | 'delete') => {
      if (what === 'revoke-all') await api.delete(endpoints.serviceAccountTokens(orgId, serviceAccountId));
      else await api.delete(endpoints.serviceAccount(orgId, serviceAccountId));
      return what;
    },
    onSuccess: async (what) => {
      setConfirm(null);
      await queryClient.invalidateQueries({ queryKey: ['tokens', orgId] });
      await queryClient.invalidateQueries({ queryKey: ['token-counts', orgId] });
      await queryClient.invalidateQueries({ queryKey: ['service-accounts', orgId] });
      if (what === 'delete') navigate('/service-accounts');
      else setMessage('Every token of this service account is revoked.');
    },
  });

  if (account.isPending) return <Loading />;
  if (account.isError || !account.data) {
    return (
      <>
        <h1>Service account</h1>
        {account.isError ? <ErrorNote error={account.error} /> : <EmptyState title="No such service account">It may have been deleted.</EmptyState>}
        <Link to="/service-accounts">All service accounts</Link>
      </>
    );
  }
  const sa = account.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/service-accounts">Service accounts</Link> / {sa.displayName}
      </p>
      <div className="page-head">
        <h1>
          {sa.displayName} <StatusBadge status={sa.status} />
        </h1>
        <div className="page-actions">
          <button type="button" onClick={() => { act.reset(); setConfirm('revoke-all'); }} disabled={ownTokens.every((t) => t.status === 'revoked')}>
            Revoke all tokens
          </button>
          <button type="button" className="danger" onClick={() => { act.reset(); setConfirm('delete'); }}>
            Delete account
          </button>
        </div>
      </div>
      <p className="muted">
        {sa.email}
        {sa.description ? ` · ${sa.description}` : ''}
      </p>
      {message && <Notice tone="success">{message}</Notice>}
      {sa.status === 'ACTIVE' && (
        <IssueTokenForm
          orgId={orgId}
          owner={{ type: 'service-account', id: serviceAccountId }}
          onIssued={() => {
            void queryClient.invalidateQueries({ queryKey: ['tokens', orgId] });
            void queryClient.invalidateQueries({ queryKey: ['token-counts', orgId] });
          }}
        />
      )}
      <section className="panel" aria-labelledby="sa-tokens">
        <h2 id="sa-tokens">Tokens</h2>
        {tokens.isError ? (
          <ErrorNote error={tokens.error} />
        ) : !tokens.data ? (
          <Loading />
        ) : ownTokens.length === 0 ? (
          <EmptyState title="This service account has no tokens">Issue one above; its secret is shown once.</EmptyState>
        ) : (
          <DataTable table={table} caption={`Tokens of ${sa.displayName}`} />
        )}
      </section>
      <ConfirmDialog
        isOpen={confirm !== null}
        title={confirm === 'delete' ? `Delete ${sa.displayName}?` : `Revoke all ${plural(ownTokens.length, 'token')} of ${sa.displayName}?`}
        confirmLabel={confirm === 'delete' ? 'Delete account' : `Revoke ${plural(ownTokens.length, 'token')}`}
        isDanger
        isBusy={act.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && act.mutate(confirm)}
      >
        <p>
          {confirm === 'delete'
            ? `The account is deleted and its ${plural(ownTokens.length, 'token')} revoked. Whatever uses them stops working. This cannot be undone.`
            : 'Whatever uses them stops working at once. This cannot be undone.'}
        </p>
        {act.isError && <ErrorNote title="Could not do this" error={act.error} />}
      </ConfirmDialog>
    </>
  );
}
