/**
 * The inventory's columns, also shown (in part) by the overview and a service account's page: the
 * token, its owner and governing policy, source, status, scopes, dates, calls and last address.
 */
import { type ColumnDef } from '@tanstack/react-table';
import { Link } from 'react-router';
import type { OrgTokenJson } from '../api/types.ts';
import { formatCount, formatDate, formatDateTime, relativeDays, relativeTime } from '../components/format.ts';
import { OWNER_KIND_WORDS, StatusBadge } from '../components/status-badge.tsx';

const SOURCE_WORDS: Record<string, string> = { atlassian: 'Atlassian', github: 'GitHub', gitlab: 'GitLab' };

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
      id: 'policy',
      header: 'Governing policy',
      enableSorting: false,
      cell: ({ row }) => {
        const policy = row.original.governingPolicy;
        if (!policy) return <span className="muted">{row.original.ownerKind === 'admin-key' ? 'None (admin key)' : '—'}</span>;
        return <Link to={`/policies/${encodeURIComponent(policy.id)}`}>{policy.name}</Link>;
      },
    },
    {
      id: 'source',
      header: 'Source',
      enableSorting: false,
      cell: ({ row }) => {
        const source = row.original.source;
        if (source.type === 'tokenward') return <span className="muted">Tokenward</span>;
        const gone = 'goneAt' in source && source.goneAt;
        return <span title={'externalId' in source ? `Id there: ${source.externalId}` : undefined}>{SOURCE_WORDS[source.type] ?? source.type}{gone ? ' (gone)' : ''}</span>;
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
