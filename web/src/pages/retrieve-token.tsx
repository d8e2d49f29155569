/**
 * Opening a one-time link an admin sent: a token issued for this person (`twl_…`) or the rotation of
 * one of their tokens in a connected system (`twr_…`). The link travels in the address's fragment,
 * which browsers never send to a server, so it stays out of every access log and proxy. Nothing
 * happens on page load: the person presses the button, because opening the link spends it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { useSignedIn } from '../auth/session.tsx';
import { EmptyState, ErrorNote } from '../components/feedback.tsx';
import { SecretDialog } from '../components/secret-dialog.tsx';
import { relativeDays } from '../components/format.ts';

/** Where the sign-in page keeps a link opened while signed out, for this tab only. */
export const PENDING_LINK_KEY = 'tokenward.pending-link';

/** A link from the address's fragment, or the one kept across sign-in. */
function initialLink(): string {
  return window.location.hash.replace(/^#/, '').trim() || (window.sessionStorage.getItem(PENDING_LINK_KEY) ?? '');
}

type LinkKind = 'delivery' | 'rotation' | 'unknown';
const kindOf = (link: string): LinkKind => (link.startsWith('twl_') ? 'delivery' : link.startsWith('twr_') ? 'rotation' : 'unknown');

interface Retrieved {
  label: string;
  secret: string;
  expiresAt: string | null;
  kind: 'delivery' | 'rotation';
}

export function RetrieveTokenPage() {
  const signedIn = useSignedIn();
  const [link, setLink] = useState(initialLink);
  // Read once: the link leaves the address bar and the tab's storage as soon as it is in the form.
  useEffect(() => {
    window.sessionStorage.removeItem(PENDING_LINK_KEY);
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }, []);
  const [retrieved, setRetrieved] = useState<Retrieved | null>(null);
  const [shown, setShown] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const open = useMutation({
    mutationFn: async (value: string): Promise<Retrieved> => {
      if (kindOf(value) === 'rotation') {
        const answer = await api.post<{ label: string; token: string; expiresAt: string | null }>(endpoints.redeemRotationLink, { link: value });
        return { label: answer.label, secret: answer.token, expiresAt: answer.expiresAt, kind: 'rotation' };
      }
      const answer = await api.post<{ label: string; token?: string | null; expiresAt: string | null }>(endpoints.redeemDeliveryLink, { link: value });
      return { label: answer.label, secret: answer.token ?? '', expiresAt: answer.expiresAt, kind: 'delivery' };
    },
    onSuccess: (result) => {
      setLink('');
      setRetrieved(result);
      setShown(result.secret);
    },
  });

  if (signedIn.how !== 'session') {
    return (
      <>
        <h1>Open a one-time link</h1>
        <EmptyState title="Signed in with an admin API key">A one-time link belongs to one person: sign in with your own e-mail and password to open it.</EmptyState>
      </>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = link.trim();
    if (kindOf(value) === 'unknown') {
      setProblem('This is not a Tokenward one-time link: it starts with twl_ or twr_. Paste the whole link you received.');
      return;
    }
    setProblem(null);
    open.mutate(value);
  }

  return (
    <>
      <h1>Open a one-time link</h1>
      <p className="lead">An administrator issued or rotated a token for you and sent you a link. Opening it shows the token once; after that the link no longer works.</p>
      {retrieved ? (
        <section className="panel" aria-labelledby="retrieved-heading">
          <h2 id="retrieved-heading">{retrieved.kind === 'rotation' ? `“${retrieved.label}” was rotated` : `“${retrieved.label}” is yours`}</h2>
          <p>
            {retrieved.kind === 'rotation'
              ? 'The old value no longer works: put the new one wherever the token is used.'
              : 'Put it wherever you need it: Tokenward does not keep the value and cannot show it again.'}
            {retrieved.expiresAt ? ` It expires ${relativeDays(retrieved.expiresAt)}.` : ''}
          </p>
          <p>
            <Link to="/me">Back to my tokens</Link>
          </p>
        </section>
      ) : (
        <form className="panel stack" onSubmit={submit} aria-labelledby="link-heading">
          <h2 id="link-heading">Your link</h2>
          <label>
            One-time link
            <input value={link} onChange={(event) => setLink(event.target.value)} placeholder="twl_… or twr_…" spellCheck={false} autoComplete="off" aria-invalid={problem ? 'true' : undefined} aria-describedby={problem ? 'link-problem' : undefined} />
          </label>
          {problem && (
            <p className="field-error" id="link-problem">
              {problem}
            </p>
          )}
          {open.isError && <ErrorNote title="The link did not open" error={open.error} />}
          <div>
            <button type="submit" className="primary" disabled={open.isPending || link.trim() === ''}>
              {open.isPending ? 'Opening…' : 'Show my token'}
            </button>
          </div>
          <p className="hint">A link works once, for the person it was sent to, within 7 days. For a rotated token of a connected system, the rotation happens when you press the button.</p>
        </form>
      )}
      <SecretDialog secret={shown} title={retrieved?.kind === 'rotation' ? 'Your rotated token' : 'Your new token'} onClose={() => setShown(null)} />
    </>
  );
}
