/**
 * E-mail through the org's SMTP server (the `…/notifications/smtp`): the settings, never the
 * password (only whether one is stored). The API has no test-send, so the page offers none.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../api/http.ts';
import { endpoints } from '../../api/endpoints.ts';
import type { SmtpSettings } from '../../api/types.ts';
import { ErrorNote, Loading, Notice } from '../../components/feedback.tsx';
import { formatDateTime } from '../../components/format.ts';

// "E-mail is not configured" is a 404 of the settings, not a missing route.
const isNotConfigured = (error: unknown) => error instanceof ApiError && error.status === 404;

export function SmtpPanel({ orgId }: { orgId: string }) {
  const queryClient = useQueryClient();
  // The typed secret is not kept on the page once saved.
  const formElement = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState(false);
  const smtp = useQuery({ queryKey: ['smtp', orgId], queryFn: () => api.get<SmtpSettings>(endpoints.smtp(orgId)), retry: (count, error) => !isNotConfigured(error) && count < 2 });
  const save = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.put<SmtpSettings>(endpoints.smtp(orgId), body),
    onSuccess: (next) => {
      queryClient.setQueryData(['smtp', orgId], next);
      const passwordInput = formElement.current?.elements.namedItem('password');
      if (passwordInput instanceof HTMLInputElement) passwordInput.value = '';
      setSaved(true);
    },
  });
  if (smtp.isPending) return <Loading />;
  if (smtp.isError && !isNotConfigured(smtp.error)) return <ErrorNote title="Could not load the e-mail settings" error={smtp.error} onRetry={() => void smtp.refetch()} />;
  const current = smtp.data ?? null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const password = String(form.get('password') ?? '');
    const username = String(form.get('username') ?? '').trim();
    save.mutate({
      host: String(form.get('host') ?? '').trim(),
      port: Number(form.get('port')),
      secure: form.get('secure') === 'on',
      username: username || null,
      ...(password ? { password } : {}),
      fromAddress: String(form.get('fromAddress') ?? '').trim(),
      enabled: form.get('enabled') === 'on',
    });
  }

  return (
    <form ref={formElement} className="panel stack" onSubmit={submit} aria-labelledby="smtp-heading">
      <h2 id="smtp-heading">{current ? (current.enabled ? 'E-mail is on' : 'E-mail is set up but off') : 'E-mail is not set up'}</h2>
      <p className="muted">
        Expiry and idle warnings, approval requests and the weekly digest go out through this server.
        {current ? ` Changed ${formatDateTime(current.updatedAt)}.` : ' Until it is set up, only webhooks carry events.'}
      </p>
      <div className="two-columns">
        <label>
          SMTP host
          <input name="host" required defaultValue={current?.host ?? ''} placeholder="smtp.acme.com" />
        </label>
        <label>
          Port
          <input name="port" type="number" min={1} max={65535} required defaultValue={current?.port ?? 587} />
        </label>
        <label>
          User name
          <input name="username" autoComplete="off" defaultValue={current?.username ?? ''} />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="new-password" placeholder={current?.hasPassword ? 'Stored: leave empty to keep it' : ''} />
        </label>
        <label>
          From address
          <input name="fromAddress" type="email" required defaultValue={current?.fromAddress ?? ''} placeholder="tokenward@acme.com" />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" name="secure" defaultChecked={current?.secure ?? false} /> TLS from the start (port 465); otherwise STARTTLS when the server offers it
      </label>
      <label className="check">
        <input type="checkbox" name="enabled" defaultChecked={current?.enabled ?? true} /> Send e-mail
      </label>
      {save.isError && <ErrorNote title="Could not save the e-mail settings" error={save.error} />}
      {saved && <Notice tone="success">E-mail settings are saved.</Notice>}
      <div>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
