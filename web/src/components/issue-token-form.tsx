/**
 * Issuing a token for a person or a service account (the central issuance): label, scopes
 * from the org's catalogue grouped by class, lifetime; the secret comes back once and is shown in
 * the copy-once dialog.
 */
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { IssuedTokenJson, ScopeListResponse } from '../api/types.ts';
import { ErrorNote, Loading } from './feedback.tsx';
import { SecretDialog } from './secret-dialog.tsx';

const CLASSES = ['read', 'write', 'delete', 'admin'] as const;

export function IssueTokenForm({ orgId, owner, onIssued }: { orgId: string; owner: { type: 'user' | 'service-account'; id: string }; onIssued(): void }) {
  const scopes = useQuery({ queryKey: ['scopes', orgId], queryFn: () => api.get<ScopeListResponse>(endpoints.scopes(orgId)) });
  const [secret, setSecret] = useState<string | null>(null);
  const issue = useMutation({
    mutationFn: (body: { label: string; scopes: string[]; expiresInDays: number }) => api.post<IssuedTokenJson>(endpoints.tokens(orgId), { owner, ...body }),
    onSuccess: (issued) => {
      setSecret(issued.token ?? null);
      onIssued();
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    issue.mutate({ label: String(form.get('label') ?? '').trim(), scopes: form.getAll('scope').map(String), expiresInDays: Number(form.get('expiresInDays')) });
  }

  return (
    <details className="panel add-panel">
      <summary>Issue a token</summary>
      {scopes.isPending ? (
        <Loading />
      ) : scopes.isError ? (
        <ErrorNote title="Could not load the scope catalogue" error={scopes.error} />
      ) : (
        <form className="stack" onSubmit={submit}>
          <div className="inline-form">
            <label className="grow">
              Label
              <input name="label" required maxLength={200} placeholder="What it is for" />
            </label>
            <label>
              Expires in (days)
              <input name="expiresInDays" type="number" min={1} max={365} defaultValue={90} required />
            </label>
          </div>
          <div className="filters-grid">
            {CLASSES.map((cls) => {
              const inClass = scopes.data.data.filter((scope) => scope.class === cls);
              if (inClass.length === 0) return null;
              return (
                <fieldset key={cls}>
                  <legend>{cls[0]!.toUpperCase() + cls.slice(1)} scopes</legend>
                  {inClass.map((scope) => (
                    <label key={scope.name} className="check" title={scope.description}>
                      <input type="checkbox" name="scope" value={scope.name} />
                      <code>{scope.name}</code>
                    </label>
                  ))}
                </fieldset>
              );
            })}
          </div>
          {issue.isError && <ErrorNote title="Could not issue the token" error={issue.error} />}
          <div>
            <button type="submit" className="primary" disabled={issue.isPending}>
              {issue.isPending ? 'Issuing…' : 'Issue token'}
            </button>
          </div>
        </form>
      )}
      <SecretDialog secret={secret} title="The new token" onClose={() => setSecret(null)} />
    </details>
  );
}
