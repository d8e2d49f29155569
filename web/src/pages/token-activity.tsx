/**
 * What a token did (the activity API): calls per day as a uPlot chart, the routes it called
 * and the addresses it came from. Errors are verifications Tokenward refused.
 */
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { UsageSummary } from '../api/types.ts';
import { BarChart } from '../components/bar-chart.tsx';
import { EmptyState, ErrorNote, Loading } from '../components/feedback.tsx';
import { formatCount, formatDate, formatDateTime } from '../components/format.ts';

const WINDOWS = [7, 30, 90] as const;

/**
 * `orgId` reads the admin usage API; without it, the member's own route under /api/v1/me (the member's
 * "My tokens"), which answers only for the signed-in person's own tokens.
 */
export function TokenActivity({ orgId, tokenId, title = 'Activity' }: { orgId?: string; tokenId: string; title?: string }) {
  const [days, setDays] = useState<(typeof WINDOWS)[number]>(30);
  const usage = useQuery({
    queryKey: ['token-usage', orgId ?? 'me', tokenId, days],
    queryFn: () => api.get<UsageSummary>(orgId ? endpoints.tokenUsageSummary(orgId, tokenId) : endpoints.myTokenUsageSummary(tokenId), { days }),
  });
  // The API lists the days that had calls; the chart shows every day of the window, zeros included.
  const series = useMemo(() => {
    const byDate = new Map((usage.data?.perDay ?? []).map((d) => [d.date, d.calls]));
    const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
    const xs: number[] = [];
    const ys: number[] = [];
    for (let back = days - 1; back >= 0; back -= 1) {
      const dayMs = today - back * 86_400_000;
      xs.push(dayMs / 1000);
      ys.push(byDate.get(new Date(dayMs).toISOString().slice(0, 10)) ?? 0);
    }
    return { xs, ys };
  }, [usage.data, days]);

  return (
    <section className="panel" aria-labelledby="activity-heading">
      <div className="panel-head">
        <h2 id="activity-heading">{title}</h2>
        <label className="page-size">
          Over
          <select value={days} onChange={(event) => setDays(Number(event.target.value) as (typeof WINDOWS)[number])}>
            {WINDOWS.map((n) => (
              <option key={n} value={n}>
                the last {n} days
              </option>
            ))}
          </select>
        </label>
      </div>
      {usage.isError ? (
        <ErrorNote title="Could not load the activity" error={usage.error} onRetry={() => void usage.refetch()} />
      ) : usage.isPending ? (
        <Loading />
      ) : usage.data.totals.calls === 0 ? (
        <EmptyState title={`No calls in the last ${days} days`}>Calls appear here once a service verifies this token with Tokenward.</EmptyState>
      ) : (
        <>
          <p>
            <strong>{formatCount(usage.data.totals.calls)}</strong> calls, <strong>{formatCount(usage.data.totals.errors)}</strong> refused
            {usage.data.lastSeenAt && <> · last {formatDateTime(usage.data.lastSeenAt)}</>}
          </p>
          <BarChart label={`Calls per day over the last ${days} days`} xs={series.xs} ys={series.ys} seriesLabel="Calls" formatX={(x) => formatDate(new Date(x * 1000).toISOString())} />
          <div className="two-columns">
            <div className="table-scroll">
              <table className="data-table compact">
                <caption className="table-caption">Routes</caption>
                <thead>
                  <tr>
                    <th scope="col">Route</th>
                    <th scope="col" className="num">Calls</th>
                    <th scope="col" className="num">Refused</th>
                  </tr>
                </thead>
                <tbody>
                  {usage.data.perRoute.map((row) => (
                    <tr key={`${row.method ?? ''} ${row.route ?? ''}`}>
                      <td>
                        <code>{[row.method, row.route].filter(Boolean).join(' ') || '(not given)'}</code>
                      </td>
                      <td className="num">{formatCount(row.calls)}</td>
                      <td className="num">{formatCount(row.errors)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="table-scroll">
              <table className="data-table compact">
                <caption className="table-caption">Addresses</caption>
                <thead>
                  <tr>
                    <th scope="col">IP</th>
                    <th scope="col" className="num">Calls</th>
                    <th scope="col">Last seen</th>
                  </tr>
                </thead>
                <tbody>
                  {usage.data.perIp.map((row) => (
                    <tr key={row.ip ?? 'none'}>
                      <td>
                        <code>{row.ip ?? '(not given)'}</code>
                      </td>
                      <td className="num">{formatCount(row.calls)}</td>
                      <td className="nowrap">{formatDateTime(row.lastSeenAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </div>
        </>
      )}
    </section>
  );
}
