/**
 * The overview's calls per day across the org, from `GET …/usage/daily` (the daily
 * aggregates). Whoever may not read usage (a 403) does not get the panel.
 */
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { OrgDaily } from '../api/types.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { EmptyState, ErrorNote, Loading } from '../components/feedback.tsx';
import { formatCount, formatDate, plural } from '../components/format.ts';

const DAYS = 30;

export function CallsPerDayPanel({ orgId }: { orgId: string }) {
  const daily = useQuery({ queryKey: ['usage-daily', orgId, DAYS], queryFn: () => api.get<OrgDaily>(endpoints.orgUsageDaily(orgId), { days: DAYS }) });
  if (daily.isError && daily.error instanceof ApiError && daily.error.status === 403) return null;
  const data = daily.data;
  return (
    <section className="panel" aria-labelledby="calls-heading">
      <div className="panel-head">
        <h2 id="calls-heading">Calls per day</h2>
        {data && (
          <span className="muted">
            {formatCount(data.totals.calls)} calls, {plural(data.totals.errors, 'refusal')} in {DAYS} days
          </span>
        )}
      </div>
      {daily.isError ? (
        <ErrorNote title="Could not load the calls" error={daily.error} onRetry={() => void daily.refetch()} />
      ) : !data ? (
        <Loading />
      ) : data.totals.calls === 0 ? (
        <EmptyState title={`No token was used in the last ${DAYS} days`}>Calls show here once a gateway or a service verifies tokens.</EmptyState>
      ) : (
        <BarChart
          label={`Calls per day over the last ${DAYS} days, every token of the organization`}
          xs={data.perDay.map((d) => Date.parse(`${d.date}T00:00:00Z`) / 1000)}
          ys={data.perDay.map((d) => d.calls)}
          seriesLabel="Calls"
          height={200}
          formatX={(x) => formatDate(new Date(x * 1000).toISOString())}
        />
      )}
    </section>
  );
}
