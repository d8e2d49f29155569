/** The rate limits this server enforces (GET …/rate-limits): server configuration, shown read-only. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { RateLimits } from '../../api/types.ts';
import { ErrorNote, Loading } from '../../components/feedback.tsx';
import { formatCount, plural } from '../../components/format.ts';

/** "minute", "15 minutes": what follows "per". */
function windowInWords(seconds: number): string {
  const [n, unit] = seconds % 3600 === 0 ? [seconds / 3600, 'hour'] : seconds % 60 === 0 ? [seconds / 60, 'minute'] : [seconds, 'second'];
  return n === 1 ? unit : plural(n, unit);
}

export function RateLimitsPanel({ orgId }: { orgId: string }) {
  const limits = useQuery({ queryKey: ['rate-limits', orgId], queryFn: () => api.get<RateLimits>(endpoints.rateLimits(orgId)) });
  if (limits.isPending) return <Loading />;
  if (limits.isError) return <ErrorNote title="Could not load the rate limits" error={limits.error} onRetry={() => void limits.refetch()} />;
  const { api: apiLimit, signIn } = limits.data;
  return (
    <div className="stack">
      <section className="panel stack" aria-labelledby="api-limit">
        <h2 id="api-limit">API</h2>
        <p>
          <strong>
            {formatCount(apiLimit.max)} requests per {windowInWords(apiLimit.windowSeconds)}
          </strong>{' '}
          for each caller: an admin API key, a signed-in person, or else a client address.
        </p>
        <dl className="key-value">
          <dt>Counted</dt>
          <dd>{apiLimit.isShared ? 'In Redis, shared by every node' : 'In each server process (no Redis configured)'}</dd>
          <dt>Never limited</dt>
          <dd>{apiLimit.exemptPaths.length === 0 ? 'Nothing' : apiLimit.exemptPaths.map((path) => <code key={path}>{path} </code>)}</dd>
        </dl>
        <p className="hint">Every answer carries X-RateLimit-Limit, -Remaining and -Reset; past the limit the API answers 429 with Retry-After.</p>
      </section>
      <section className="panel stack" aria-labelledby="sign-in-limit">
        <h2 id="sign-in-limit">Sign-in</h2>
        <p>
          <strong>{plural(signIn.perEmail, 'attempt')}</strong> per e-mail address and <strong>{plural(signIn.perIp, 'attempt')}</strong> per client address, per {windowInWords(signIn.windowSeconds)}.
        </p>
      </section>
      <p className="hint">
        These are server settings (TOKENWARD_RATE_LIMIT_MAX, TOKENWARD_RATE_LIMIT_WINDOW_SECONDS, TOKENWARD_LOGIN_RATE_LIMIT_PER_EMAIL, TOKENWARD_LOGIN_RATE_LIMIT_PER_IP), the same for every organization; change them where the server runs.
      </p>
    </div>
  );
}
