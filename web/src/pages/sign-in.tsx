/**
 * Sign-in (the API): e-mail and password. An org admin API key works too (for
 * servers whose sign-in API is not there yet, and for break-glass use); it stays in this tab only.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/http.ts';
import { useSession } from '../auth/session.tsx';
import { ErrorNote, Notice } from '../components/feedback.tsx';

export function SignInPage() {
  const { signInWithPassword, signInWithKey, state } = useSession();
  const [mode, setMode] = useState<'password' | 'key'>('password');
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  const reason = state.status === 'signed-out' ? state.reason : null;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      if (mode === 'password') await signInWithPassword(String(form.get('email') ?? ''), String(form.get('password') ?? ''));
      else await signInWithKey(String(form.get('key') ?? ''));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const isMissingSignIn = error instanceof ApiError && error.isMissingRoute;
  return (
    <main className="auth-page" id="main">
      <div className="auth-card">
        <p className="brand auth-brand">
          <span className="brand-mark" aria-hidden="true">
            T
          </span>
          <span className="brand-name">Tokenward</span>
        </p>
        <h1>Sign in</h1>
        {reason && <Notice tone="warning">{reason}</Notice>}
        <div className="segmented" role="group" aria-label="How to sign in">
          <button type="button" aria-pressed={mode === 'password'} onClick={() => { setMode('password'); setError(null); }}>
            Password
          </button>
          <button type="button" aria-pressed={mode === 'key'} onClick={() => { setMode('key'); setError(null); }}>
            Admin API key
          </button>
        </div>
        <form onSubmit={submit} className="stack" aria-describedby={error ? 'sign-in-error' : undefined}>
          {mode === 'password' ? (
            <>
              <label>
                E-mail
                <input name="email" type="email" autoComplete="username" required autoFocus />
              </label>
              <label>
                Password
                <input name="password" type="password" autoComplete="current-password" required />
              </label>
            </>
          ) : (
            <label>
              Admin API key
              <input name="key" type="password" autoComplete="off" spellCheck={false} required placeholder="twa_…" autoFocus />
              <span className="hint">Kept in this browser tab only, and forgotten when you sign out or close the tab.</span>
            </label>
          )}
          <div id="sign-in-error">
            {error !== null &&
              (isMissingSignIn ? (
                <Notice tone="warning">This server has no sign-in with a password yet. Sign in with an admin API key instead.</Notice>
              ) : (
                <ErrorNote
                  title="Could not sign in"
                  error={error instanceof ApiError && error.status === 401 ? new Error(mode === 'key' ? 'This key is not valid (or has expired).' : 'The e-mail or the password is not right.') : error}
                />
              ))}
          </div>
          <button type="submit" className="primary" disabled={isBusy}>
            {isBusy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        <p className="hint">Lost access? An owner can print a new set-up link with <code>tokenward owner-link</code>.</p>
      </div>
    </main>
  );
}
