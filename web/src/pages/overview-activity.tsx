/**
 * The overview's activity panels: the most used tokens this week, addresses tokens were used from
 * for the first time this week, and the latest admin actions (sign-ins only when asked for).
 */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Link } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { AuditLogPage, NewIps, TopTokens } from '../api/types.ts';
import { DataTable } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading } from '../components/feedback.tsx';
import { formatCount, formatDateTime, relativeTime } from '../components/format.ts';
import { auditColumns } from './audit-log.tsx';

const SIGN_INS = new Set(['user.signed_in', 'user.signed_out']);
const RECENT_ROWS = 8;

export function TopTokensPanel({ orgId }: { orgId: string }) {
  const top = useQuery({ queryKey: ['top-tokens', orgId], queryFn: () => api.get<TopTokens>(endpoints.topTokens(orgId), { days: 7, limit: 5 }) });
  if (top.isError) return null;
  return (
    <section className="panel" aria-labelledby="top-heading">
      <h2 id="top-heading">Most used tokens this week</h2>
      {!top.data ? (
        <Loading />
      ) : top.data.data.length === 0 ? (
        <EmptyState title="No token was used this week" />
      ) : (
        <ol className="rank-list">
          {top.data.data.map((row) => (
            <li key={row.tokenId}>
              <Link to={`/tokens/${encodeURIComponent(row.tokenId)}?tab=activity`}>{row.label || 'Token without a label'}</Link>
              <span className="muted">
                {formatCount(row.calls)} calls{row.errors > 0 && `, ${formatCount(row.errors)} refused`} · last <span title={formatDateTime(row.lastSeenAt)}>{relativeTime(row.lastSeenAt)}</span>
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function NewAddressesPanel({ orgId }: { orgId: string }) {
  const fresh = useQuery({ queryKey: ['new-ips', orgId], queryFn: () => api.get<NewIps>(endpoints.newIps(orgId), { days: 7, limit: 8 }) });
  if (fresh.isError) return null;
  return (
    <section className="panel" aria-labelledby="new-ips-heading">
      <h2 id="new-ips-heading">New addresses this week</h2>
      <p className="hint">Tokens used from an address they had never used before (a new token’s first addresses are not counted).</p>
      {!fresh.data ? (
        <Loading />
      ) : fresh.data.data.length === 0 ? (
        <EmptyState title="No token was used from a new address this week" />
      ) : (
        <ul className="rank-list">
          {fresh.data.data.map((row) => (
            <li key={`${row.tokenId} ${row.ip}`}>
              <span>
                <code>{row.ip}</code> <span className="badge badge-warn">new address</span>
              </span>
              <span className="muted">
                <Link to={`/tokens/${encodeURIComponent(row.tokenId)}?tab=activity&ip=${encodeURIComponent(row.ip)}`}>{row.label || 'Token without a label'}</Link> · first{' '}
                <span title={formatDateTime(row.firstSeenAt)}>{relativeTime(row.firstSeenAt)}</span>, {formatCount(row.calls)} calls
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function RecentAdminActions({ orgId }: { orgId: string }) {
  const [withSignIns, setWithSignIns] = useState(false);
  // One page is enough to find eight admin actions among sign-ins in all but the busiest hours.
  const recent = useQuery({ queryKey: ['audit-log', orgId, 'overview'], queryFn: () => api.get<AuditLogPage>(endpoints.auditLog(orgId), { pageSize: 100 }) });
  const rows = useMemo(
    () => (recent.data?.data ?? []).filter((entry) => withSignIns || !SIGN_INS.has(entry.action)).slice(0, RECENT_ROWS),
    [recent.data, withSignIns],
  );
  const names = recent.data?.names;
  const columns = useMemo(() => auditColumns(names ?? {}), [names]);
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id });
  if (recent.isError) return <ErrorNote title="Could not load the recent actions" error={recent.error} />;
  return (
    <section className="panel" aria-labelledby="recent-heading">
      <div className="panel-head">
        <h2 id="recent-heading">Recent admin actions</h2>
        <label className="check">
          <input type="checkbox" checked={withSignIns} onChange={(event) => setWithSignIns(event.target.checked)} /> Show sign-ins
        </label>
        <Link to="/audit-log">The whole audit log</Link>
      </div>
      {!recent.data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState title="No admin actions recorded yet" />
      ) : (
        <div className="audit-table"><DataTable table={table} caption="Recent admin actions" /></div>
      )}
    </section>
  );
}
