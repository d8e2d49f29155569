/**
 * The inventory: every token of the org in one table over
 * `GET /admin/tokenward/v1/orgs/{orgId}/tokens`, with its counts, keyset pages, sorting, bulk
 * revoke with a confirmation that says how many, and the CSV export of the filtered list.
 */
import { useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import { Link, useSearchParams } from 'react-router';
import { api, describeError, downloadFile, withQuery } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { revokeToken } from '../api/revoke.ts';
import { DEFAULT_PAGE_SIZE, PAGE_SIZES, filtersOf, hasFilters, listQueryOf, parseSortParam } from '../api/token-filters.ts';
import { LIFECYCLE_STATUSES, type OrgTokenCountsResponse, type OrgTokenJson, type OrgTokenListResponse } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DataTable, Pager } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading, Notice, ProgressBar } from '../components/feedback.tsx';
import { formatCount, formatDate, formatDateTime, plural, relativeDays, relativeTime } from '../components/format.ts';
import { OWNER_KIND_WORDS, STATUS_LABELS, StatusBadge } from '../components/status-badge.tsx';
import { InventoryFilters } from './inventory-filters.tsx';

/** Revocations in flight at once: quick for dozens, gentle on the server's rate limit. */
const REVOKE_CONCURRENCY = 4;

export function tokenColumns(options: { selectable: boolean }): ColumnDef<OrgTokenJson>[] {
  const columns: ColumnDef<OrgTokenJson>[] = [
    {
      id: 'label',
      header: 'Token',
      // Sorting is the server's (manualSorting); an accessor is what makes TanStack offer it.
      accessorFn: (row) => row.label,
      cell: ({ row }) => (
        <span className="token-cell">
          <Link to={`/tokens/${encodeURIComponent(row.original.id)}`}>{row.original.label || '(no label)'}</Link>
          <code className="prefix">{row.original.displayPrefix}…</code>
        </span>
      ),
    },
    {
      id: 'owner',
      header: 'Owner',
      enableSorting: false,
      cell: ({ row }) => (
        <span className="owner-cell">
          <span>{row.original.owner?.name ?? 'Organization'}</span>
          <span className="muted">{OWNER_KIND_WORDS[row.original.ownerKind]}</span>
        </span>
      ),
    },
    {
      id: 'source',
      header: 'Source',
      enableSorting: false,
      cell: ({ row }) => {
        const source = row.original.source;
        if (source.type === 'tokenward') return <span className="muted">Tokenward</span>;
        const gone = 'goneAt' in source && source.goneAt;
        return <span title={'externalId' in source ? `Id there: ${source.externalId}` : undefined}>{source.type === 'atlassian' ? 'Atlassian' : source.type === 'gitlab' ? 'GitLab' : source.type}{gone ? ' (gone)' : ''}</span>;
      },
    },
    { id: 'status', header: 'Status', enableSorting: false, cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    {
      id: 'scopes',
      header: 'Scopes',
      enableSorting: false,
      cell: ({ row }) => {
        const scopes = row.original.scopes;
        if (scopes.length === 0) return <span className="muted">{row.original.ownerKind === 'admin-key' ? 'All admin scopes' : 'None'}</span>;
        return (
          <span className="scopes" title={scopes.join(', ')}>
            {scopes.slice(0, 2).join(', ')}
            {scopes.length > 2 && <span className="muted"> +{scopes.length - 2}</span>}
          </span>
        );
      },
    },
    { id: 'createdAt', header: 'Created', accessorFn: (row) => row.createdAt, sortDescFirst: true, cell: ({ row }) => <span className="nowrap">{formatDate(row.original.createdAt)}</span> },
    {
      id: 'lastActiveAt',
      header: 'Last used',
      accessorFn: (row) => row.lastActiveAt,
      sortDescFirst: true,
      cell: ({ row }) =>
        row.original.lastActiveAt ? (
          <span className="nowrap" title={formatDateTime(row.original.lastActiveAt)}>
            {relativeTime(row.original.lastActiveAt)}
          </span>
        ) : (
          <span className="muted">Never</span>
        ),
    },
    { id: 'calls', header: 'Calls (30 days)', enableSorting: false, cell: ({ row }) => <span className="num">{formatCount(row.original.callsLast30Days)}</span> },
    { id: 'lastIp', header: 'Last address', enableSorting: false, cell: ({ row }) => (row.original.lastIp ? <code>{row.original.lastIp}</code> : <span className="muted">—</span>) },
    {
      id: 'expiresAt',
      header: 'Expires',
      accessorFn: (row) => row.expiresAt,
      cell: ({ row }) =>
        row.original.expiresAt ? (
          <span className="nowrap" title={formatDate(row.original.expiresAt)}>
            {relativeDays(row.original.expiresAt)}
          </span>
        ) : (
          <span className="muted">Never</span>
        ),
    },
  ];
  if (!options.selectable) return columns;
  return [
    {
      id: 'select',
      size: 44,
      enableSorting: false,
      header: ({ table }) => (
        <input
          type="checkbox"
          aria-label="Select every token on this page"
          checked={table.getIsAllPageRowsSelected()}
          ref={(el) => {
            if (el) el.indeterminate = table.getIsSomePageRowsSelected();
          }}
          onChange={table.getToggleAllPageRowsSelectedHandler()}
        />
      ),
      cell: ({ row }) => (
        <input
          type="checkbox"
          aria-label={`Select ${row.original.label}`}
          checked={row.getIsSelected()}
          disabled={!row.getCanSelect()}
          onChange={row.getToggleSelectedHandler()}
        />
      ),
    },
    ...columns,
  ];
}

export function InventoryPage() {
  const { orgId, how } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const queryClient = useQueryClient();
  const listQuery = listQueryOf(params);
  const countQuery = filtersOf(params, ['status', 'ownerKind']);
  const sort = parseSortParam(params.get('sort'));

  const tokens = useQuery({
    queryKey: ['tokens', orgId, listQuery],
    queryFn: () => api.get<OrgTokenListResponse>(endpoints.tokens(orgId), listQuery),
    placeholderData: keepPreviousData,
  });
  const counts = useQuery({
    queryKey: ['token-counts', orgId, countQuery],
    queryFn: () => api.get<OrgTokenCountsResponse>(endpoints.tokenCounts(orgId), countQuery),
  });

  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  // Selected tokens stay selected across pages: remember each one's data for the revoke calls.
  const seen = useRef(new Map<string, OrgTokenJson>());
  for (const token of tokens.data?.data ?? []) seen.current.set(token.id, token);
  const selected = Object.keys(rowSelection).filter((id) => rowSelection[id]).map((id) => seen.current.get(id)).filter((t): t is OrgTokenJson => !!t);

  const [isConfirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [outcome, setOutcome] = useState<{ revoked: number; failures: string[] } | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  function update(changes: Record<string, string | null>, keepCursor = false) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(name);
      else next.set(name, value);
    }
    if (!keepCursor) next.delete('cursor');
    setParams(next);
  }

  function applyFilters(filters: Record<string, string>) {
    const next = new URLSearchParams();
    for (const name of ['sort', 'pageSize']) {
      const value = params.get(name);
      if (value) next.set(name, value);
    }
    for (const [name, value] of Object.entries(filters)) next.set(name, value);
    setRowSelection({});
    setParams(next);
  }

  const sorting: SortingState = [{ id: sort.field, desc: sort.desc }];
  const columns = useMemo(() => tokenColumns({ selectable: true }), []);
  // The column chooser's choice is part of the view, kept in the URL like the filters.
  const hidden = new Set((params.get('hide') ?? '').split(',').filter(Boolean));
  const columnVisibility = Object.fromEntries([...hidden].map((id) => [id, false]));
  const toggleColumn = (id: string, isShown: boolean) => {
    const next = new Set(hidden);
    if (isShown) next.delete(id);
    else next.add(id);
    setParams((p) => {
      if (next.size > 0) p.set('hide', [...next].join(','));
      else p.delete('hide');
      return p;
    });
  };
  const table = useReactTable({
    data: tokens.data?.data ?? [],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualSorting: true,
    enableSortingRemoval: false,
    state: { sorting, rowSelection, columnVisibility },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      const first = next[0];
      if (first) update({ sort: `${first.desc ? '-' : '+'}${first.id}` });
    },
    enableRowSelection: (row) => row.original.status !== 'revoked',
    onRowSelectionChange: setRowSelection,
  });

  async function revokeSelected() {
    const targets = selected;
    setProgress({ done: 0, total: targets.length });
    const failures: string[] = [];
    let done = 0;
    let revoked = 0;
    const queue = [...targets];
    async function worker() {
      for (let token = queue.shift(); token; token = queue.shift()) {
        try {
          await revokeToken(orgId, token);
          revoked += 1;
        } catch (error) {
          failures.push(`${token.label}: ${describeError(error)}`);
        }
        done += 1;
        setProgress({ done, total: targets.length });
      }
    }
    await Promise.all(Array.from({ length: REVOKE_CONCURRENCY }, worker));
    setProgress(null);
    setConfirming(false);
    setRowSelection({});
    setOutcome({ revoked, failures });
    await queryClient.invalidateQueries({ queryKey: ['tokens', orgId] });
    await queryClient.invalidateQueries({ queryKey: ['token-counts', orgId] });
  }

  const exportQuery = { ...filtersOf(params), sort: listQuery.sort ?? '-createdAt' };
  const activeStatuses = (params.get('status') ?? '').split(',').filter(Boolean);
  const rows = tokens.data?.data ?? [];

  return (
    <>
      <div className="page-head">
        <h1>Token inventory</h1>
        <div className="page-actions">
          <details className="column-chooser">
            <summary>Columns</summary>
            <div role="group" aria-label="Columns shown">
              {table
                .getAllLeafColumns()
                .filter((column) => column.id !== 'select' && column.id !== 'label')
                .map((column) => (
                  <label key={column.id} className="check">
                    <input type="checkbox" checked={column.getIsVisible()} onChange={(event) => toggleColumn(column.id, event.target.checked)} />{' '}
                    {typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id}
                  </label>
                ))}
            </div>
          </details>
          {how === 'session' ? (
            <a className="button" href={withQuery(endpoints.tokensCsv(orgId), exportQuery)} download>
              Export CSV
            </a>
          ) : (
            <button
              type="button"
              onClick={() => {
                setExportError(null);
                downloadFile(endpoints.tokensCsv(orgId), exportQuery, 'tokens.csv').catch(setExportError);
              }}
            >
              Export CSV
            </button>
          )}
        </div>
      </div>
      <p className="lead">Every token of the organization: members&rsquo;, service accounts&rsquo; and admin API keys.</p>
      {exportError !== null && <ErrorNote title="Could not export" error={exportError} />}

      <div className="status-chips" role="group" aria-label="Tokens by status (filters the list)">
        {LIFECYCLE_STATUSES.map((status) => {
          const isOn = activeStatuses.length === 1 && activeStatuses[0] === status;
          return (
            <button key={status} type="button" className={`chip chip-${status}`} aria-pressed={isOn} onClick={() => update({ status: isOn ? null : status })}>
              {STATUS_LABELS[status]} <strong>{counts.data ? formatCount(counts.data.byStatus[status]) : '…'}</strong>
            </button>
          );
        })}
        {counts.data && <span className="muted chips-total">{plural(counts.data.total, 'token')} match the other filters</span>}
      </div>

      <InventoryFilters params={params} onApply={applyFilters} />

      {outcome && (
        <Notice tone={outcome.failures.length ? 'warning' : 'success'}>
          Revoked {plural(outcome.revoked, 'token')}.
          {outcome.failures.length > 0 && (
            <>
              {' '}
              {plural(outcome.failures.length, 'token')} could not be revoked:
              <ul>
                {outcome.failures.map((failure) => (
                  <li key={failure}>{failure}</li>
                ))}
              </ul>
            </>
          )}
        </Notice>
      )}

      <div className="table-toolbar">
        <span aria-live="polite">{selected.length > 0 ? `${plural(selected.length, 'token')} selected` : 'Select tokens to revoke them together.'}</span>
        <button type="button" className="danger" disabled={selected.length === 0} onClick={() => { setOutcome(null); setConfirming(true); }}>
          Revoke selected{selected.length > 0 ? ` (${selected.length})` : ''}
        </button>
        {selected.length > 0 && (
          <button type="button" className="link-button" onClick={() => setRowSelection({})}>
            Clear selection
          </button>
        )}
        <label className="page-size">
          Rows per page
          <select value={params.get('pageSize') ?? String(DEFAULT_PAGE_SIZE)} onChange={(event) => update({ pageSize: event.target.value })}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      </div>

      {tokens.isError ? (
        <ErrorNote title="Could not load the tokens" error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.isPending ? (
        <Loading label="Loading tokens…" />
      ) : rows.length === 0 ? (
        <EmptyState title={hasFilters(params) ? 'No token matches these filters' : 'No tokens yet'}>
          {hasFilters(params) ? (
            <button type="button" onClick={() => applyFilters({})}>
              Clear the filters
            </button>
          ) : (
            'Tokens appear here as members, service accounts and admins create them.'
          )}
        </EmptyState>
      ) : (
        <DataTable table={table} caption="Tokens" isBusy={tokens.isFetching} />
      )}
      {tokens.data && (tokens.data.links.next || tokens.data.links.prev) && (
        <Pager
          prev={tokens.data.links.prev}
          next={tokens.data.links.next}
          isBusy={tokens.isFetching}
          onPage={(cursor) => update({ cursor }, true)}
          summary={`${rows.length} on this page`}
        />
      )}

      <ConfirmDialog
        isOpen={isConfirming}
        title={`Revoke ${plural(selected.length, 'token')}?`}
        confirmLabel={`Revoke ${plural(selected.length, 'token')}`}
        isDanger
        isBusy={progress !== null}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void revokeSelected()}
      >
        <p>
          {plural(selected.length, 'token')} will stop working at once. Whoever uses {selected.length === 1 ? 'it' : 'them'} will need a new one. This cannot be undone.
        </p>
        <ul className="confirm-list">
          {selected.slice(0, 5).map((token) => (
            <li key={token.id}>
              {token.label} <span className="muted">({token.owner?.name ?? OWNER_KIND_WORDS[token.ownerKind]})</span>
            </li>
          ))}
          {selected.length > 5 && <li className="muted">and {selected.length - 5} more</li>}
        </ul>
        {progress && <ProgressBar done={progress.done} total={progress.total} label="Revoked" />}
      </ConfirmDialog>
    </>
  );
}
