/**
 * Single sign-on with OpenID Connect (the `…/sso`): what is set, the redirect URI to register
 * at the provider and the sign-in link to hand out; set or change it (the server runs discovery on
 * the issuer before saving, and says in words when that fails); remove it.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { SsoConfig } from '../../api/types.ts';
import { ConfirmDialog } from '../../components/confirm-dialog.tsx';
import { ErrorNote, Loading, Notice } from '../../components/feedback.tsx';
import { formatDateTime } from '../../components/format.ts';

const isNotConfigured = (error: unknown) => error instanceof ApiError && error.status === 404 && error.title === 'SSO_NOT_CONFIGURED';
const listOf = (text: string) => text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);

export function SsoPanel({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  // The typed secret is not kept on the page once saved.
  const formElement = useRef<HTMLFormElement>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [isRemoving, setRemoving] = useState(false);
  const sso = useQuery({ queryKey: ['sso', orgId], queryFn: () => api.get<SsoConfig>(endpoints.sso(orgId)), retry: (count, error) => !isNotConfigured(error) && count < 2 });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.put<SsoConfig>(endpoints.sso(orgId), body),
    onSuccess: (saved) => {
      queryClient.setQueryData(['sso', orgId], saved);
      const secretInput = formElement.current?.elements.namedItem('clientSecret');
      if (secretInput instanceof HTMLInputElement) secretInput.value = '';
      setMessage('Single sign-on is saved: the provider answered discovery.');
    },
  });
  const remove = useMutation({
    mutationFn: () => api.delete(endpoints.sso(orgId)),
    onSuccess: async () => {
      setRemoving(false);
      setMessage('Single sign-on is removed: people sign in with their password.');
      await queryClient.resetQueries({ queryKey: ['sso', orgId] });
    },
  });

  if (sso.isPending) return <Loading />;
  if (sso.isError && !isNotConfigured(sso.error)) return <ErrorNote title="Could not load single sign-on" error={sso.error} onRetry={() => void sso.refetch()} />;
  const config = sso.data ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage(null);
    const form = new FormData(event.currentTarget);
    const secret = String(form.get('clientSecret') ?? '');
    const groupClaim = String(form.get('groupClaim') ?? '').trim();
    save.mutate({
      issuer: String(form.get('issuer') ?? '').trim(),
      clientId: String(form.get('clientId') ?? '').trim(),
      ...(secret ? { clientSecret: secret } : {}),
      scopes: String(form.get('scopes') ?? '').trim() || undefined,
      allowedDomains: listOf(String(form.get('allowedDomains') ?? '')),
      groupClaim: groupClaim || null,
      groupMapping: config?.groupMapping ?? {},
      jitEnabled: form.get('jitEnabled') === 'on',
    });
  }

  return (
    <div className="stack">
      {message && <Notice tone="success">{message}</Notice>}
      <section className="panel stack" aria-labelledby="sso-state">
        <h2 id="sso-state">{config ? 'Single sign-on is on' : 'Single sign-on is not set up'}</h2>
        {config ? (
          <dl className="key-value">
            <dt>Provider</dt>
            <dd>{config.issuer}</dd>
            <dt>Redirect URI</dt>
            <dd>
              <code>{config.redirectUri}</code> <span className="muted">(register it at the provider)</span>
            </dd>
            <dt>Sign-in link</dt>
            <dd>
              <code>{config.startUrl}</code>
            </dd>
            <dt>Client secret</dt>
            <dd>{config.hasClientSecret ? 'Stored, encrypted (never shown)' : 'None'}</dd>
            <dt>Group mapping</dt>
            <dd>{Object.keys(config.groupMapping).length === 0 ? 'None' : Object.entries(config.groupMapping).map(([claim, group]) => `${claim} → ${group}`).join(', ')}</dd>
            <dt>Changed</dt>
            <dd>{formatDateTime(config.updatedAt)}</dd>
          </dl>
        ) : (
          <p className="muted">People sign in with their e-mail and password. Connect an OpenID Connect provider (Okta, Entra ID, Google…) to let them sign in there instead.</p>
        )}
      </section>
      <form ref={formElement} className="panel stack" onSubmit={submit} aria-labelledby="sso-form">
        <h2 id="sso-form">{config ? 'Change' : 'Set up'}</h2>
        <div className="two-columns">
          <label>
            Issuer URL
            <input name="issuer" type="url" required defaultValue={config?.issuer ?? ''} placeholder="https://acme.okta.com" />
          </label>
          <label>
            Client ID
            <input name="clientId" required defaultValue={config?.clientId ?? ''} />
          </label>
          <label>
            Client secret
            <input name="clientSecret" type="password" autoComplete="new-password" required={!config} placeholder={config?.hasClientSecret ? 'Stored: leave empty to keep it' : ''} />
          </label>
          <label>
            Scopes
            <input name="scopes" defaultValue={config?.scopes ?? 'openid email profile'} />
          </label>
          <label>
            Allowed e-mail domains
            <input name="allowedDomains" required defaultValue={config?.allowedDomains.join(', ') ?? ''} placeholder="acme.com, acme.co.uk" />
          </label>
          <label>
            Group claim
            <input name="groupClaim" defaultValue={config?.groupClaim ?? ''} placeholder="groups (optional)" />
          </label>
        </div>
        <label className="check">
          <input type="checkbox" name="jitEnabled" defaultChecked={config?.jitEnabled ?? true} /> Create people at their first sign-in (as members)
        </label>
        {save.isError && <ErrorNote title="Could not save single sign-on" error={save.error} />}
        <div className="job-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? 'Checking the provider…' : 'Save'}
          </button>
          {config && (
            <button type="button" className="danger" onClick={() => setRemoving(true)}>
              Remove single sign-on
            </button>
          )}
        </div>
      </form>
      <ConfirmDialog isOpen={isRemoving} title="Remove single sign-on?" confirmLabel="Remove" isDanger isBusy={remove.isPending} onConfirm={() => remove.mutate()} onCancel={() => setRemoving(false)}>
        <p>People then sign in with their password; those who never set one need a password reset.</p>
        {remove.isError && <ErrorNote title="Could not remove it" error={remove.error} />}
      </ConfirmDialog>
    </div>
  );
}
