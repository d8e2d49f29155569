/**
 * The member area (over the self-service routes): what my policy lets me do and why,
 * creating a token or asking for one, my tokens (rotate, revoke), my requests (retrieve an approved
 * token once). Everything under `/api/v1/me`, with my session; nothing here names another person.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { EffectivePolicy, IssuedTokenJson, MyTokenJson, TokenRequestJson } from '../api/types.ts';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { DataTable } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { formatDate, formatDateTime, plural, relativeDays } from '../components/format.ts';
import { SecretDialog } from '../components/secret-dialog.tsx';
import { StatusBadge } from '../components/status-badge.tsx';
import { TokenActivity } from './token-activity.tsx';

function AskForToken({ policy, onDone }: { policy: EffectivePolicy; onDone(result: { secret?: string; message: string }): void }) {
  const mode = policy.creation ?? policy.rule.tokenCreation;
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setBusy] = useState(false);
  if (mode === 'blocked') {
    return (
      <Notice tone="warning">
        Your policy <strong>{policy.policy.name}</strong> does not let you create tokens. Ask an admin to issue one for you.
      </Notice>
    );
  }
  const isApproval = mode === 'approval';
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const label = String(form.get('label') ?? '').trim();
    const scopes = form.getAll('scope').map(String);
    const days = Number(form.get('days'));
    setBusy(true);
    setError(null);
    try {
      if (isApproval) {
        const justification = String(form.get('justification') ?? '').trim();
        await api.post<TokenRequestJson>(endpoints.myTokenRequests, { label, scopes, lifetimeDays: days, ...(justification ? { justification } : {}) });
        onDone({ message: `Your request for “${label}” is filed. You can retrieve the token here once an approver approves it.` });
      } else {
        const issued = await api.post<IssuedTokenJson>(endpoints.myTokens, { label, scopes, expiresInDays: days });
        onDone({ secret: issued.token, message: `“${label}” is created.` });
      }
      formElement.reset();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="stack" onSubmit={submit} aria-label={isApproval ? 'Ask for a token' : 'Create a token'}>
      <div className="inline-form">
        <label className="grow">
          Label
          <input name="label" required maxLength={200} placeholder="What it is for" />
        </label>
        <label>
          Lifetime (days, at most {policy.rule.maxLifetimeDays})
          <input name="days" type="number" min={1} max={policy.rule.maxLifetimeDays} defaultValue={policy.rule.defaultLifetimeDays} required />
        </label>
      </div>
      <fieldset>
        <legend>Scopes your policy allows</legend>
        {policy.allowedScopeNames.map((scope) => (
          <label key={scope} className="check">
            <input type="checkbox" name="scope" value={scope} />
            <code>{scope}</code>
          </label>
        ))}
      </fieldset>
      {isApproval && (
        <label>
          Why you need it{policy.rule.requireJustification ? ' (required)' : ''}
          <input name="justification" maxLength={2000} required={policy.rule.requireJustification} />
        </label>
      )}
      {error !== null && <ErrorNote title={isApproval ? 'Could not file the request' : 'Could not create the token'} error={error} />}
      <div>
        <button type="submit" className="primary" disabled={isBusy}>
          {isBusy ? 'Sending…' : isApproval ? 'Ask for approval' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

export function MyTokens() {
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [toRevoke, setToRevoke] = useState<MyTokenJson | null>(null);
  const [activityOf, setActivityOf] = useState<MyTokenJson | null>(null);
  const policy = useQuery({ queryKey: ['me', 'policy'], queryFn: () => api.get<{ data: EffectivePolicy }>(endpoints.myPolicy) });
  const tokens = useQuery({ queryKey: ['me', 'tokens'], queryFn: () => api.get<{ data: MyTokenJson[] }>(endpoints.myTokens, { pageSize: 200 }) });
  const requests = useQuery({ queryKey: ['me', 'requests'], queryFn: () => api.get<{ data: TokenRequestJson[] }>(endpoints.myTokenRequests, { pageSize: 100 }) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['me'] });

  const revoke = useMutation({
    mutationFn: (token: MyTokenJson) => api.delete(endpoints.myToken(token.id)),
    onSuccess: async () => {
      setMessage(`“${toRevoke?.label ?? ''}” is revoked.`);
      setToRevoke(null);
      await refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: (token: MyTokenJson) => api.post<IssuedTokenJson>(endpoints.rotateMyToken(token.id), { gracePeriodHours: 1 }),
    onSuccess: async (issued) => {
      setSecret(issued.token ?? null);
      setMessage(`“${issued.label}” has a new secret; the old one works for one more hour.`);
      await refresh();
    },
  });
  const retrieve = useMutation({
    mutationFn: (request: TokenRequestJson) => api.post<IssuedTokenJson>(endpoints.retrieveMyRequest(request.id)),
    onSuccess: async (issued) => {
      setSecret(issued.token ?? null);
      await refresh();
    },
  });

  const columns = useMemo<ColumnDef<MyTokenJson>[]>(
    () => [
      { id: 'label', header: 'Token', cell: ({ row }) => <span className="token-cell"><strong>{row.original.label}</strong><code className="prefix">{row.original.displayPrefix}…</code></span> },
      { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
      { id: 'scopes', header: 'Scopes', cell: ({ row }) => <span className="scopes">{row.original.scopes.join(', ')}</span> },
      { id: 'expiresAt', header: 'Expires', cell: ({ row }) => <span className="nowrap">{row.original.expiresAt ? relativeDays(row.original.expiresAt) : 'Never'}</span> },
      { id: 'lastActiveAt', header: 'Last used', cell: ({ row }) => <span className="nowrap">{row.original.lastActiveAt ? formatDate(row.original.lastActiveAt) : 'Never'}</span> },
      {
        id: 'actions',
        header: 'Actions',
        cell: ({ row }) => (
          <span className="row-actions">
            <button type="button" className="small" onClick={() => setActivityOf(row.original)} aria-label={`Activity of ${row.original.label}`}>
              Activity
            </button>
            {row.original.status === 'active' && (
              <>
                <button type="button" className="small" onClick={() => rotate.mutate(row.original)} aria-label={`Rotate ${row.original.label}`}>
                  Rotate
                </button>
                <button type="button" className="small" onClick={() => { revoke.reset(); setToRevoke(row.original); }} aria-label={`Revoke ${row.original.label}`}>
                  Revoke
                </button>
              </>
            )}
          </span>
        ),
      },
    ],
    // Built once: the cells call `mutate`/`reset` and state setters, all stable across renders.
    [],
  );
  const table = useReactTable({ data: tokens.data?.data ?? [], columns, getCoreRowModel: getCoreRowModel(), getRowId: (row) => row.id, enableSorting: false });
  const p = policy.data?.data;

  return (
    <>
      {message && <Notice tone="success">{message}</Notice>}
      {(rotate.isError || retrieve.isError) && <ErrorNote title="Could not do this" error={rotate.error ?? retrieve.error} />}
      <section className="panel" aria-labelledby="policy-heading">
        <h2 id="policy-heading">What my policy lets me do</h2>
        {policy.isError ? (
          <ErrorNote error={policy.error} />
        ) : !p ? (
          <Loading />
        ) : (
          <>
            <p>{p.reason}</p>
            <p className="muted">
              Scopes: {p.allowedScopeNames.join(', ') || 'none'} · at most {plural(p.rule.maxLifetimeDays, 'day')}
              {p.rule.ipAllowlist.length > 0 && ` · only from ${p.rule.ipAllowlist.join(', ')}`}
            </p>
            <AskForToken policy={p} onDone={({ secret: s, message: m }) => { setMessage(m); if (s) setSecret(s); void refresh(); }} />
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="my-tokens-heading">
        <h2 id="my-tokens-heading">My tokens</h2>
        {tokens.isError ? (
          <ErrorNote error={tokens.error} />
        ) : tokens.isPending ? (
          <Loading />
        ) : tokens.data.data.length === 0 ? (
          <EmptyState title="You have no tokens yet" />
        ) : (
          <DataTable table={table} caption="My tokens" />
        )}
      </section>
      {activityOf && <TokenActivity key={activityOf.id} tokenId={activityOf.id} title={`Activity of “${activityOf.label}”`} />}
      <section className="panel" aria-labelledby="my-requests-heading">
        <h2 id="my-requests-heading">My requests</h2>
        {requests.isError ? (
          <ErrorNote error={requests.error} />
        ) : requests.isPending ? (
          <Loading />
        ) : requests.data.data.length === 0 ? (
          <EmptyState title="No requests" />
        ) : (
          <ul className="token-list">
            {requests.data.data.map((request) => (
              <li key={request.id}>
                <strong>{request.label}</strong> <StatusBadge status={request.status} />{' '}
                <span className="muted">
                  asked {formatDateTime(request.createdAt)} for {request.scopes.join(', ')}
                  {request.status === 'approved' && request.grantedScopes && ` · granted ${request.grantedScopes.join(', ')} for ${plural(request.grantedLifetimeDays ?? 0, 'day')}`}
                  {request.decisionReason && ` · “${request.decisionReason}”`}
                </span>{' '}
                {request.status === 'approved' && (
                  <button type="button" className="small primary" onClick={() => retrieve.mutate(request)} disabled={retrieve.isPending}>
                    Retrieve token
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <SecretDialog secret={secret} title="Your token" onClose={() => setSecret(null)} />
      <ConfirmDialog
        isOpen={toRevoke !== null}
        title={`Revoke “${toRevoke?.label ?? ''}”?`}
        confirmLabel="Revoke 1 token"
        isDanger
        isBusy={revoke.isPending}
        onCancel={() => setToRevoke(null)}
        onConfirm={() => toRevoke && revoke.mutate(toRevoke)}
      >
        <p>It stops working at once. This cannot be undone.</p>
        {revoke.isError && <ErrorNote title="Could not revoke" error={revoke.error} />}
      </ConfirmDialog>
    </>
  );
}
