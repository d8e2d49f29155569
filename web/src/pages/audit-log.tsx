/** The audit log: filtered, keyset-paged, newest first, in sentences with names; export of the filtered entries. */
import { useMemo, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useSearchParams } from 'react-router';
import { api, downloadFile, withQuery } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { AuditEntryJson, AuditLogPage, AuditNames } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { DataTable, Pager } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading } from '../components/feedback.tsx';
import { formatDateTime } from '../components/format.ts';
import { AuditActor, auditSentence } from '../components/audit-words.tsx';

const FILTERS = ['action', 'actorType', 'targetType', 'targetId', 'from', 'to'] as const;

/** The kinds of entries an admin filters by (the API takes one family or one action). */
const ACTION_CHOICES: ReadonlyArray<[string, string]> = [
  ['', 'Any'],
  ['token.*', 'Tokens'],
  ['admin_key.*', 'Admin keys'],
  ['user.*', 'People (sign-ins included)'],
  ['user.updated', 'Role and profile changes'],
  ['user.signed_in', 'Sign-ins'],
  ['group.*', 'Groups'],
  ['policy.*', 'Policies'],
  ['approval.*', 'Approvals'],
  ['service_account.*', 'Service accounts'],
  ['webhook.*', 'Webhooks'],
  ['sso.*', 'Single sign-on'],
  ['audit.*', 'The audit log itself'],
];

/** The columns of an audit table, given the names the page came with. */
export function auditColumns(names: AuditNames): ColumnDef<AuditEntryJson>[] {
  return [
    { id: 'at', header: 'When', cell: ({ row }) => <span className="audit-when">{formatDateTime(row.original.at)}</span> },
    { id: 'actor', header: 'Who', cell: ({ row }) => <AuditActor entry={row.original} names={names} /> },
    {
      id: 'what',
      header: 'What',
      cell: ({ row }) => (
        <span className="audit-sentence">
          {auditSentence(row.original, names)}
          {row.original.ip && <span className="muted"> · from {row.original.ip}</span>}
        </span>
      ),
    },
  ];
}

/** `datetime-local` values are local time; the API wants ISO-8601 instants. */
function toIso(local: string): string {
  return local ? new Date(local).toISOString() : '';
}

export function AuditLogPage() {
  const { orgId, how } = useSignedIn();
  const [params, setParams] = useSearchParams();
  const [exportError, setExportError] = useState<unknown>(null);
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? '']).filter(([, value]) => value !== ''));
  const query = { ...filters, cursor: params.get('cursor') ?? '', pageSize: 50 };
  const entries = useQuery({
    queryKey: ['audit-log', orgId, query],
    queryFn: () => api.get<AuditLogPage>(endpoints.auditLog(orgId), query),
    placeholderData: keepPreviousData,
  });
  const names = entries.data?.names;
  const columns = useMemo(() => auditColumns(names ?? {}), [names]);
  const table = useReactTable({ data: entries.data?.data ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const raw = String(form.get(name) ?? '').trim();
      const value = name === 'from' || name === 'to' ? toIso(raw) : raw;
      if (value) next.set(name, value);
    }
    setParams(next);
  }

  const csvQuery = { ...filters, format: 'csv' };
  return (
    <>
      <div className="page-head">
        <h1>Audit log</h1>
        <div className="page-actions">
          {how === 'session' ? (
            <a className="button" href={withQuery(endpoints.auditExport(orgId), csvQuery)} download>
              Export CSV
            </a>
          ) : (
            <button type="button" onClick={() => { setExportError(null); downloadFile(endpoints.auditExport(orgId), csvQuery, 'audit-log.csv').catch(setExportError); }}>
              Export CSV
            </button>
          )}
        </div>
      </div>
      <p className="lead">Every change to tokens, people, policies and settings, chained so that tampering shows.</p>
      {exportError !== null && <ErrorNote title="Could not export" error={exportError} />}
      <form className="filters filters-row" role="search" aria-label="Filter the audit log" onSubmit={submit} key={params.toString()}>
        <label>
          What
          <select name="action" defaultValue={params.get('action') ?? ''}>
            {ACTION_CHOICES.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          By
          <select name="actorType" defaultValue={params.get('actorType') ?? ''}>
            <option value="">Anyone</option>
            <option value="user">A person</option>
            <option value="admin_key">An admin API key</option>
            <option value="scim_token">Provisioning (SCIM)</option>
            <option value="system">A system job</option>
          </select>
        </label>
        {params.get('targetId') && <input type="hidden" name="targetId" value={params.get('targetId') ?? ''} />}
        <label>
          From
          <input name="from" type="datetime-local" />
        </label>
        <label>
          To
          <input name="to" type="datetime-local" />
        </label>
        <div className="filters-actions">
          <button type="submit" className="primary">
            Apply
          </button>
        </div>
      </form>
      {entries.isError ? (
        <ErrorNote title="Could not load the audit log" error={entries.error} onRetry={() => void entries.refetch()} />
      ) : entries.isPending ? (
        <Loading />
      ) : entries.data.data.length === 0 ? (
        <EmptyState title="No entries match" />
      ) : (
        <div className="audit-table"><DataTable table={table} caption="Audit log entries" isBusy={entries.isFetching} /></div>
      )}
      {entries.data && (entries.data.links.next || entries.data.links.prev) && (
        <Pager
          prev={entries.data.links.prev}
          next={entries.data.links.next}
          isBusy={entries.isFetching}
          onPage={(cursor) => setParams((p) => { p.set('cursor', cursor); return p; })}
        />
      )}
    </>
  );
}
