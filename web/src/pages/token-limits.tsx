/**
 * A token's rate limits and quota on its page: its policy's and its own, with how much of each is
 * left now and when it starts over. Read-only here; admins set a token's own limits through the API.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorNote, Loading } from '../components/feedback.tsx';
import { formatCount, formatDateTime } from '../components/format.ts';

interface Limits {
  rateLimits: { limit: number; windowSeconds: number }[];
  quota: { uses: number; refillEverySeconds: number | null } | null;
}
interface Figure {
  kind: 'rate' | 'quota';
  limit: number;
  remaining: number;
  windowSeconds: number | null;
  resetAt: string | null;
}
interface TokenLimitsJson {
  token: Limits | null;
  policy: Limits | null;
  current: Figure[];
}

const PERIOD_WORDS: Record<number, string> = { 1: 'second', 60: 'minute', 3600: 'hour', 86_400: 'day', 604_800: 'week' };
function period(seconds: number | null): string {
  if (seconds === null) return 'in all, never refilled';
  return `per ${PERIOD_WORDS[seconds] ?? `${formatCount(seconds)} seconds`}`;
}

export function TokenLimits({ orgId, tokenId }: { orgId: string; tokenId: string }) {
  const limits = useQuery({ queryKey: ['token-limits', orgId, tokenId], queryFn: () => api.get<TokenLimitsJson>(endpoints.tokenLimits(orgId, tokenId)) });
  return (
    <section className="panel" aria-labelledby="limits-heading">
      <h2 id="limits-heading">Rate limits and quota</h2>
      {limits.isPending && <Loading label="Loading the limits…" />}
      {limits.isError && <ErrorNote title="Could not load the limits" error={limits.error} onRetry={() => void limits.refetch()} />}
      {limits.data && limits.data.current.length === 0 && <p className="muted">No rate limit or quota: neither its policy nor the token sets one.</p>}
      {limits.data && limits.data.current.length > 0 && (
        <table>
          <thead>
            <tr>
              <th scope="col">Limit</th>
              <th scope="col">Left now</th>
              <th scope="col">Starts over</th>
            </tr>
          </thead>
          <tbody>
            {limits.data.current.map((figure, i) => (
              <tr key={i}>
                <td>
                  {figure.kind === 'rate' ? 'Rate limit' : 'Quota'}: {formatCount(figure.limit)} {period(figure.windowSeconds)}
                </td>
                <td>{formatCount(figure.remaining)}</td>
                <td>{figure.resetAt ? formatDateTime(figure.resetAt) : 'Never'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {limits.data?.token && <p className="muted">The token has limits of its own on top of its policy's: every one applies.</p>}
    </section>
  );
}
