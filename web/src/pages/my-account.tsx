/**
 * The member area (issue #9): who I am, my groups, and my tokens and requests through issue 6's
 * self-service routes (`/api/v1/me/tokens`, `/api/v1/me/token-requests`). Where a server does not
 * offer those yet, the page says so instead of failing.
 */
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { Role } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { formatDate, relativeDays } from '../components/format.ts';
import { StatusBadge } from '../components/status-badge.tsx';

interface Profile {
  id: string;
  email: string;
  name: string;
  role: Role;
  accountType: 'managed' | 'external';
  groups: Array<{ id: string; name: string }>;
  createdAt: string;
}

interface MyToken {
  id: string;
  label: string;
  status: string;
  displayPrefix: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  lastActiveAt: string | null;
}

export function MyAccountPage() {
  const signedIn = useSignedIn();
  const isPerson = signedIn.how === 'session';
  const profile = useQuery({ queryKey: ['me'], enabled: isPerson, queryFn: () => api.get<Profile>(endpoints.me) });
  const tokens = useQuery({
    queryKey: ['me', 'tokens'],
    enabled: isPerson,
    queryFn: () => api.get<{ data: MyToken[] }>(endpoints.myTokens),
    retry: false,
  });

  if (!isPerson) {
    return (
      <>
        <h1>My account</h1>
        <EmptyState title="Signed in with an admin API key">A key belongs to the organization, not to a person: sign in with your e-mail and password to see your own tokens.</EmptyState>
      </>
    );
  }
  return (
    <>
      <h1>My account</h1>
      {profile.isError ? (
        <ErrorNote title="Could not load your profile" error={profile.error} />
      ) : profile.isPending ? (
        <Loading />
      ) : (
        <section className="panel" aria-labelledby="me-heading">
          <h2 id="me-heading">{profile.data.name}</h2>
          <dl className="facts">
            <dt>E-mail</dt>
            <dd>{profile.data.email}</dd>
            <dt>Role</dt>
            <dd>{profile.data.role}</dd>
            <dt>Groups</dt>
            <dd>{profile.data.groups.length === 0 ? 'None' : profile.data.groups.map((g) => g.name).join(', ')}</dd>
            <dt>Member since</dt>
            <dd>{formatDate(profile.data.createdAt)}</dd>
          </dl>
        </section>
      )}
      <section className="panel" aria-labelledby="my-tokens-heading">
        <h2 id="my-tokens-heading">My tokens</h2>
        {tokens.isError ? (
          tokens.error instanceof ApiError && tokens.error.isMissingRoute ? (
            <Notice>This server does not offer self-service tokens yet: ask an admin to issue one for you.</Notice>
          ) : (
            <ErrorNote title="Could not load your tokens" error={tokens.error} />
          )
        ) : tokens.isPending ? (
          <Loading />
        ) : tokens.data.data.length === 0 ? (
          <EmptyState title="You have no tokens" />
        ) : (
          <ul className="token-list">
            {tokens.data.data.map((token) => (
              <li key={token.id}>
                <strong>{token.label}</strong> <code className="prefix">{token.displayPrefix}…</code> <StatusBadge status={token.status} />
                <span className="muted">
                  {' '}
                  {token.scopes.join(', ')} · {token.expiresAt ? `expires ${relativeDays(token.expiresAt)}` : 'never expires'} ·{' '}
                  {token.lastActiveAt ? `last used ${formatDate(token.lastActiveAt)}` : 'never used'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
