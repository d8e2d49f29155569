/** The member area: who I am and my groups; then my policy, tokens and requests. */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { Role } from '../api/types.ts';
import { Link } from 'react-router';
import { useSignedIn } from '../auth/session.tsx';
import { EmptyState, ErrorNote, Loading } from '../components/feedback.tsx';
import { MyTokens } from './my-tokens.tsx';
import { formatDate } from '../components/format.ts';

interface Profile {
  id: string;
  email: string;
  name: string;
  role: Role;
  accountType: 'managed' | 'external';
  groups: Array<{ id: string; name: string }>;
  createdAt: string;
}


export function MyAccountPage() {
  const signedIn = useSignedIn();
  const isPerson = signedIn.how === 'session';
  const profile = useQuery({ queryKey: ['me'], enabled: isPerson, queryFn: () => api.get<Profile>(endpoints.me) });
  if (!isPerson) {
    return (
      <>
        <h1>My tokens</h1>
        <EmptyState title="Signed in with an admin API key">A key belongs to the organization, not to a person: sign in with your e-mail and password to see your own tokens.</EmptyState>
      </>
    );
  }
  return (
    <>
      <h1>My tokens</h1>
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
      <p className="muted">
        An administrator sent you a one-time link for a token? <Link to="/me/retrieve">Open it here</Link>.
      </p>
      <MyTokens />
    </>
  );
}
