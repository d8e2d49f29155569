/**
 * The first screen after sign-in: tokens by status and owner kind, what expires in the
 * next 30 days, what was never used or sits idle, service accounts nobody answers for, pending
 * approvals, when tokens expire over the coming weeks, policy violations of connected tokens, calls
 * per day across the org, and the latest admin actions.
 */
import { useMemo } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { Link } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { LIFECYCLE_STATUSES, OWNER_KINDS, type AccountsNeedingOwnerResponse, type OrgTokenCountsResponse, type OrgTokenListResponse, type TokenRequestList } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { BarChart } from '../components/bar-chart.tsx';
import { DataTable } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading } from '../components/feedback.tsx';
import { formatCount, formatDate } from '../components/format.ts';
import { OWNER_KIND_WORDS, STATUS_LABELS } from '../components/status-badge.tsx';
import { NewAddressesPanel, RecentAdminActions, TopTokensPanel } from './overview-activity.tsx';
import { CallsPerDayPanel } from './overview-calls.tsx';
import { ViolationsPanel } from './overview-violations.tsx';
import { tokenColumns } from './inventory.tsx';

const EXPIRING_SOON = { expiresAtSearchType: 'lt', expiresAtUom: 'day', expiresAtValue: '30', status: 'active' };
const WEEKS_AHEAD = 8;

function inventoryLink(query: Record<string, string>): string {
  return `/tokens?${new URLSearchParams(query).toString()}`;
}

function Stat({ label, value, to, hint }: { label: string; value: number | undefined; to: string; hint?: string }) {
  return (
    <Link to={to} className="stat">
      <span className="stat-value">{value === undefined ? '…' : formatCount(value)}</span>
      <span className="stat-label">{label}</span>
      {hint && <span className="stat-hint">{hint}</span>}
    </Link>
  );
}

export function OverviewPage() {
  const { orgId } = useSignedIn();
  const count = (query: Record<string, string>) => ({
    queryKey: ['token-counts', orgId, query],
    queryFn: () => api.get<OrgTokenCountsResponse>(endpoints.tokenCounts(orgId), query),
  });
  const all = useQuery(count({}));
  const expiring = useQuery(count({ expiresAtSearchType: 'lt', expiresAtUom: 'day', expiresAtValue: '30' }));
  const neverUsed = useQuery(count({ neverUsed: 'true' }));
  const idle = useQuery(count({ idleDays: '90' }));
  // Idle past each owner's own policy: what the next idle-revoke run would revoke.
  const pastPolicy = useQuery({
    queryKey: ['idle-past-policy', orgId],
    queryFn: () => api.get<{ pastPolicy: number; warned: number }>(endpoints.idlePastPolicy(orgId)),
  });
  const soonest = useQuery({
    queryKey: ['tokens', orgId, { ...EXPIRING_SOON, sort: '+expiresAt', pageSize: '5' }],
    queryFn: () => api.get<OrgTokenListResponse>(endpoints.tokens(orgId), { ...EXPIRING_SOON, sort: '+expiresAt', pageSize: 5 }),
  });
  // Whoever may not read approvals or the audit log (a 403) simply does not get those panels.
  const pending = useQuery({
    queryKey: ['token-requests', orgId, 'pending', 'overview'],
    queryFn: () => api.get<TokenRequestList>(endpoints.tokenRequests(orgId), { status: 'pending', pageSize: 100 }),
  });
  // Service accounts whose notices reach nobody: no owner named, or the owner left.
  const ownerless = useQuery({
    queryKey: ['service-accounts-needing-owner', orgId],
    queryFn: () => api.get<AccountsNeedingOwnerResponse>(endpoints.serviceAccountsNeedingOwner(orgId)),
  });
  const weeks = useQueries({
    queries: Array.from({ length: WEEKS_AHEAD }, (_, week) =>
      count({ expiresAtSearchType: 'range', expiresAtUom: 'week', expiresAtRangeFrom: String(week), expiresAtRangeTo: String(week + 1) }),
    ),
  });

  const columns = useMemo(() => tokenColumns({ selectable: false }).filter((c) => ['label', 'owner', 'expiresAt'].includes(c.id ?? '')), []);
  const soonTable = useReactTable({ data: soonest.data?.data ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id, enableSorting: false });

  const weekStarts = useMemo(() => {
    const start = Math.floor(Date.now() / 1000);
    return Array.from({ length: WEEKS_AHEAD }, (_, week) => start + week * 7 * 86_400);
  }, []);
  const weekCounts = weeks.map((q) => q.data?.byStatus.active ?? 0);
  const isWeeksReady = weeks.every((q) => q.isSuccess);

  if (all.isError) return <ErrorNote title="Could not load the overview" error={all.error} onRetry={() => void all.refetch()} />;
  const totals = all.data;
  const live = totals ? totals.total - totals.byStatus.revoked : undefined;

  return (
    <>
      <h1>Overview</h1>
      <section aria-labelledby="stats-heading">
        <h2 id="stats-heading" className="visually-hidden">
          Key figures
        </h2>
        <div className="stats">
          <Stat label="Tokens in use or blocked" value={live} to="/tokens" hint="All but revoked" />
          <Stat label="Expiring in 30 days" value={expiring.data?.byStatus.active} to={inventoryLink({ ...EXPIRING_SOON, sort: '+expiresAt' })} />
          <Stat label="Never used" value={neverUsed.data ? neverUsed.data.byStatus.active : undefined} to={inventoryLink({ neverUsed: 'true', status: 'active' })} hint="Active, never used" />
          <Stat label="Idle over 90 days" value={idle.data ? idle.data.byStatus.active : undefined} to={inventoryLink({ idleDays: '90', status: 'active' })} hint="Active, unused for 90 days" />
          {!pastPolicy.isError && (
            <Stat
              label="Idle past policy"
              value={pastPolicy.data?.pastPolicy}
              to="/automation"
              hint={pastPolicy.data ? `Revoked at the next idle-revoke run; ${formatCount(pastPolicy.data.warned)} warned` : 'Longer unused than their policy allows'}
            />
          )}
          {!ownerless.isError && (
            <Stat
              label="Service accounts without an owner"
              value={ownerless.data?.data.length}
              to="/service-accounts?owner=none"
              hint="Nobody answers for their tokens' notices"
            />
          )}
          {!pending.isError && (
            <Stat
              label="Pending approvals"
              value={pending.data?.data.length}
              to="/approvals"
              hint={pending.data?.links.next ? 'At least this many' : 'Waiting for an approver'}
            />
          )}
        </div>
      </section>

      <ViolationsPanel orgId={orgId} />

      <CallsPerDayPanel orgId={orgId} />

      <div className="two-columns">
        <TopTokensPanel orgId={orgId} />
        <NewAddressesPanel orgId={orgId} />
      </div>

      <div className="two-columns">
        <section className="panel" aria-labelledby="by-kind-heading">
          <h2 id="by-kind-heading">Tokens by owner and status</h2>
          {!totals ? (
            <Loading />
          ) : (
            <div className="table-scroll">
              <table className="data-table compact">
                <thead>
                  <tr>
                    <th scope="col">Owner</th>
                    {LIFECYCLE_STATUSES.map((status) => (
                      <th key={status} scope="col" className="num">
                        {STATUS_LABELS[status]}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {OWNER_KINDS.map((kind) => (
                    <tr key={kind}>
                      <th scope="row">{OWNER_KIND_WORDS[kind]}</th>
                      {LIFECYCLE_STATUSES.map((status) => {
                        // One cell per source: Tokenward's own and each connector's tokens add up.
                        const n = totals.cells.filter((cell) => cell.ownerKind === kind && cell.status === status).reduce((sum, cell) => sum + cell.count, 0);
                        return (
                          <td key={status} className="num">
                            {n === 0 ? <span className="muted">0</span> : <Link to={inventoryLink({ ownerKind: kind, status })}>{formatCount(n)}</Link>}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="panel" aria-labelledby="weeks-heading">
          <h2 id="weeks-heading">Active tokens expiring, week by week</h2>
          {isWeeksReady ? (
            weekCounts.every((n) => n === 0) ? (
              <EmptyState title={`No active token expires in the next ${WEEKS_AHEAD} weeks`} />
            ) : (
              <BarChart
                label={`Active tokens expiring in each of the next ${WEEKS_AHEAD} weeks`}
                xs={weekStarts}
                ys={weekCounts}
                seriesLabel="Tokens expiring"
                formatX={(x) => `Week from ${formatDate(new Date(x * 1000).toISOString())}`}
              />
            )
          ) : (
            <Loading />
          )}
        </section>
      </div>

      <section className="panel" aria-labelledby="soon-heading">
        <div className="panel-head">
          <h2 id="soon-heading">Expiring next</h2>
          <Link to={inventoryLink({ ...EXPIRING_SOON, sort: '+expiresAt' })}>All expiring in 30 days</Link>
        </div>
        {soonest.isError ? (
          <ErrorNote error={soonest.error} />
        ) : !soonest.data ? (
          <Loading />
        ) : soonest.data.data.length === 0 ? (
          <EmptyState title="Nothing expires in the next 30 days" />
        ) : (
          <DataTable table={soonTable} caption="Tokens expiring next" />
        )}
      </section>

      <RecentAdminActions orgId={orgId} />
    </>
  );
}
