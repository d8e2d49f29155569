/**
 * Every call a token made, newest first: when, the answer (and why a call was refused), route,
 * address, user agent and what the upstream answered. Marks the first call from an address or
 * with a user agent the token had not used before. Filters and the page live in the URL; the
 * filtered calls export as CSV.
 */
import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { UsageEvent, UsageEvents } from '../api/types.ts';
import { EmptyState, ErrorNote, Loading } from '../components/feedback.tsx';
import { formatCount, formatDateTime } from '../components/format.ts';

/** What each answer means, for an admin. */
export const RESULT_WORDS: Record<string, string> = {
  VALID: 'Allowed',
  MALFORMED: 'Refused: not a token',
  NOT_FOUND: 'Refused: unknown token',
  REVOKED: 'Refused: revoked',
  EXPIRED: 'Refused: expired',
  SUSPENDED: 'Refused: owner deactivated',
  INSUFFICIENT_SCOPE: 'Refused: scope not granted',
  IP_NOT_ALLOWED: 'Refused: address not allowed',
  USE_BLOCKED_BY_POLICY: 'Refused: blocked by policy',
};

const FILTERS = ['code', 'ip', 'route'] as const;
const PAGE_SIZE = 50;
/** The CSV export walks at most this many calls (the API keeps 90 days of them). */
const EXPORT_LIMIT = 20_000;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  // A leading = + - @ would be read as a formula by spreadsheets.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function callsCsv(events: UsageEvent[]): string {
  const head = ['time', 'last time', 'calls', 'result', 'method', 'route', 'ip', 'user agent', 'upstream status', 'new address', 'new user agent'];
  const rows = events.map((e) => [e.at, e.lastAt, e.count, RESULT_WORDS[e.code] ?? e.code, e.method, e.route, e.ip, e.userAgent, e.upstreamStatus, e.isNewIp ? 'yes' : '', e.isNewUserAgent ? 'yes' : '']);
  return [head, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function TokenCalls({ orgId, tokenId, label }: { orgId: string; tokenId: string; label: string }) {
  const [params, setParams] = useSearchParams();
  const [exporting, setExporting] = useState<{ done: number } | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);
  const filters = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? '']).filter(([, value]) => value !== ''));
  const cursors = (params.get('calls') ?? '').split(' ').filter(Boolean);
  const cursor = cursors[cursors.length - 1] ?? '';
  const calls = useQuery({
    queryKey: ['token-calls', orgId, tokenId, filters, cursor],
    queryFn: () => api.get<UsageEvents>(endpoints.tokenUsageEvents(orgId, tokenId), { ...filters, cursor, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });

  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setParams((p) => {
      for (const name of FILTERS) {
        const value = String(form.get(name) ?? '').trim();
        if (value) p.set(name, value);
        else p.delete(name);
      }
      p.delete('calls');
      return p;
    });
  }

  function page(next: string[]) {
    setParams((p) => {
      if (next.length > 0) p.set('calls', next.join(' '));
      else p.delete('calls');
      return p;
    });
  }

  async function exportCsv() {
    setExportError(null);
    setExporting({ done: 0 });
    try {
      const all: UsageEvent[] = [];
      let at: string | null = '';
      while (at !== null && all.length < EXPORT_LIMIT) {
        const answer: UsageEvents = await api.get<UsageEvents>(endpoints.tokenUsageEvents(orgId, tokenId), { ...filters, cursor: at, pageSize: 1000 });
        all.push(...answer.data);
        setExporting({ done: all.length });
        at = answer.links.next;
      }
      const url = URL.createObjectURL(new Blob([callsCsv(all)], { type: 'text/csv' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `calls-${label.replace(/[^A-Za-z0-9_-]+/g, '-') || 'token'}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setExportError(error);
    } finally {
      setExporting(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="calls-heading">
      <div className="panel-head">
        <h2 id="calls-heading">Calls</h2>
        <button type="button" onClick={() => void exportCsv()} disabled={exporting !== null}>
          {exporting ? `Exporting… ${formatCount(exporting.done)}` : 'Export CSV'}
        </button>
      </div>
      {exportError !== null && <ErrorNote title="Could not export the calls" error={exportError} />}
      <form className="filters filters-row" role="search" aria-label="Filter the calls" onSubmit={filter} key={JSON.stringify(filters)}>
        <label>
          Result
          <select name="code" defaultValue={filters.code ?? ''}>
            <option value="">Any</option>
            {Object.entries(RESULT_WORDS).map(([code, words]) => (
              <option key={code} value={code}>
                {words}
              </option>
            ))}
          </select>
        </label>
        <label>
          Address
          <input name="ip" defaultValue={filters.ip ?? ''} placeholder="203.0.113.7" maxLength={64} />
        </label>
        <label className="grow">
          Route
          <input name="route" defaultValue={filters.route ?? ''} placeholder="/rest/api/3/search" maxLength={200} />
        </label>
        <div className="filters-actions">
          <button type="submit" className="primary">
            Apply
          </button>
        </div>
      </form>
      {calls.isError ? (
        <ErrorNote title="Could not load the calls" error={calls.error} onRetry={() => void calls.refetch()} />
      ) : calls.isPending ? (
        <Loading />
      ) : calls.data.data.length === 0 ? (
        <EmptyState title={Object.keys(filters).length > 0 ? 'No call matches these filters' : 'No calls kept for this token'}>Calls are kept for 90 days.</EmptyState>
      ) : (
        <div className="table-scroll" role="region" aria-label="Calls of this token" tabIndex={0}>
          <table className="data-table compact">
            <caption className="visually-hidden">Calls of this token, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Result</th>
                <th scope="col">Route</th>
                <th scope="col">Address</th>
                <th scope="col">User agent</th>
                <th scope="col" className="num">Upstream</th>
              </tr>
            </thead>
            <tbody>
              {calls.data.data.map((e, index) => (
                <tr key={`${e.at} ${index}`}>
                  <td className="nowrap" data-label="When">
                    {formatDateTime(e.at)}
                    {e.count > 1 && <span className="muted"> ×{formatCount(e.count)}</span>}
                  </td>
                  <td data-label="Result">
                    <span className={e.code === 'VALID' ? 'result-ok' : 'result-refused'}>{RESULT_WORDS[e.code] ?? e.code}</span>
                  </td>
                  <td data-label="Route">
                    <code>{[e.method, e.route].filter(Boolean).join(' ') || '(not given)'}</code>
                  </td>
                  <td data-label="Address">
                    <code>{e.ip ?? '(not given)'}</code> {e.isNewIp && <span className="badge badge-warn">first seen</span>}
                  </td>
                  <td data-label="User agent">
                    <span className="details">{e.userAgent ?? <span className="muted">(not given)</span>}</span> {e.isNewUserAgent && <span className="badge badge-warn">new user agent</span>}
                  </td>
                  <td className="num" data-label="Upstream">
                    {e.upstreamStatus ?? <span className="muted">—</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {calls.data && (cursors.length > 0 || calls.data.links.next) && (
        <nav className="pager" aria-label="Pages of calls">
          <button type="button" disabled={cursors.length === 0 || calls.isFetching} onClick={() => page(cursors.slice(0, -1))}>
            ← Newer
          </button>
          <button type="button" disabled={!calls.data.links.next || calls.isFetching} onClick={() => calls.data.links.next && page([...cursors, calls.data.links.next])}>
            Older →
          </button>
        </nav>
      )}
    </section>
  );
}
