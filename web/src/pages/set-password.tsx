/** The one-time link pages: owner set-up, invitation, password reset. */
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { ErrorNote, Notice } from '../components/feedback.tsx';
import { LINK_PAGES } from '../routes.tsx';

type LinkKind = keyof typeof endpoints.redeemLink;
const HEADINGS: Record<LinkKind, string> = { owner_setup: 'Set your password', invite: 'Accept your invitation', password_reset: 'Choose a new password' };
const MIN_PASSWORD = 12;

export function SetPasswordPage({ kind }: { kind: LinkKind }) {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [error, setError] = useState<unknown>(null);
  const [isDone, setDone] = useState(false);
  const [isBusy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    if (password !== String(form.get('confirm') ?? '')) {
      setError(new Error('The two passwords are not the same.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.post(endpoints.redeemLink[kind], { token, password });
      setDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <h1>{HEADINGS[kind]}</h1>
        {!token && <ErrorNote title="This link is incomplete" error={new Error('Open the whole link you were given; it ends with ?token=…')} />}
        {isDone ? (
          <Notice tone="success">
            Your password is set. <Link to={LINK_PAGES.signIn}>Sign in</Link>.
          </Notice>
        ) : (
          <form onSubmit={submit} className="stack">
            <label>
              New password
              <input name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required autoFocus />
              <span className="hint">At least {MIN_PASSWORD} characters.</span>
            </label>
            <label>
              The same password again
              <input name="confirm" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required />
            </label>
            {error !== null && <ErrorNote title="Could not set the password" error={error} />}
            <button type="submit" className="primary" disabled={isBusy || !token}>
              {isBusy ? 'Saving…' : 'Set password'}
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
