/**
 * One token (issue #9): owner, scopes, dates, status, revoke, rotate (issue 6: a new secret for the
 * same token, shown once), and its activity (issue 7): calls per day, routes, addresses.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { revokeToken } from '../api/revoke.ts';
import type { IssuedTokenJson, OrgTokenJson } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { SecretDialog } from '../components/secret-dialog.tsx';
import { formatDateTime, relativeDays } from '../components/format.ts';
import { OWNER_KIND_WORDS, StatusBadge } from '../components/status-badge.tsx';
import { TokenActivity } from './token-activity.tsx';

function Owner({ token }: { token: OrgTokenJson }) {
  const owner = token.owner;
  if (!owner) return <>The organization (admin API key)</>;
  if (owner.kind === 'service-account') {
    return (
      <>
        <Link to={`/service-accounts/${encodeURIComponent(owner.id)}`}>{owner.name}</Link> <span className="muted">{owner.email}</span>
        {owner.isDeleted && <span className="muted"> (deleted)</span>}
      </>
    );
  }
  if (owner.kind === 'external') {
    return (
      <>
        {owner.name} <span className="muted">{owner.email} (not in the directory)</span>
      </>
    );
  }
  return (
    <>
      <Link to={`/people?q=${encodeURIComponent(owner.email)}`}>{owner.name}</Link> <span className="muted">{owner.email}</span>
      {owner.status !== 'active' && <StatusBadge status={owner.status} />}
    </>
  );
}

export function TokenDetailPage() {
  const { orgId } = useSignedIn();
  const { tokenId = '' } = useParams();
  const queryClient = useQueryClient();
  const [isConfirming, setConfirming] = useState(false);
  const [isRotating, setRotating] = useState(false);
  const [graceHours, setGraceHours] = useState(1);
  const [secret, setSecret] = useState<string | null>(null);
  const token = useQuery({ queryKey: ['token', orgId, tokenId], queryFn: () => api.get<OrgTokenJson>(endpoints.token(orgId, tokenId)) });
  const revoke = useMutation({
    mutationFn: (t: OrgTokenJson) => revokeToken(orgId, t),
    onSuccess: async () => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: ['token', orgId, tokenId] });
      await queryClient.invalidateQueries({ queryKey: ['tokens', orgId] });
      await queryClient.invalidateQueries({ queryKey: ['token-counts', orgId] });
    },
  });

  const rotate = useMutation({
    mutationFn: () => api.post<IssuedTokenJson>(endpoints.rotateToken(orgId, tokenId), { gracePeriodHours: graceHours }),
    onSuccess: async (issued) => {
      setRotating(false);
      setSecret(issued.token ?? null);
      await queryClient.invalidateQueries({ queryKey: ['token', orgId, tokenId] });
    },
  });

  if (token.isPending) return <Loading label="Loading the token…" />;
  if (token.isError) {
    return (
      <>
        <h1>Token</h1>
        <ErrorNote title="Could not load this token" error={token.error} onRetry={() => void token.refetch()} />
        <p>
          <Link to="/tokens">Back to the inventory</Link>
        </p>
      </>
    );
  }
  const t = token.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/tokens">Inventory</Link> / {t.label}
      </p>
      <div className="page-head">
        <h1>
          {t.label || '(no label)'} <StatusBadge status={t.status} />
        </h1>
        <div className="page-actions">
          {t.status === 'active' && (
            <button type="button" onClick={() => { rotate.reset(); setRotating(true); }}>
              Rotate
            </button>
          )}
          {t.status !== 'revoked' && (
            <button type="button" className="danger" onClick={() => { revoke.reset(); setConfirming(true); }}>
              Revoke
            </button>
          )}
        </div>
      </div>
      {revoke.isSuccess && <Notice tone="success">The token is revoked. It no longer works.</Notice>}

      <section className="panel" aria-labelledby="facts-heading">
        <h2 id="facts-heading">Details</h2>
        <dl className="facts">
          <dt>Owner</dt>
          <dd>
            <Owner token={t} />
          </dd>
          <dt>Kind</dt>
          <dd>{OWNER_KIND_WORDS[t.ownerKind]}</dd>
          <dt>Token starts with</dt>
          <dd>
            <code>{t.displayPrefix}…</code> <span className="muted">(the secret itself is never stored)</span>
          </dd>
          <dt>Id</dt>
          <dd>
            <code>{t.id}</code>
          </dd>
          <dt>Created</dt>
          <dd>
            {formatDateTime(t.createdAt)} {t.createdBy && <span className="muted">by {t.createdBy}</span>}
          </dd>
          <dt>Last used</dt>
          <dd>{t.lastActiveAt ? `${formatDateTime(t.lastActiveAt)} (${relativeDays(t.lastActiveAt)})` : 'Never'}</dd>
          <dt>Expires</dt>
          <dd>{t.expiresAt ? `${formatDateTime(t.expiresAt)} (${relativeDays(t.expiresAt)})` : 'Never'}</dd>
          {t.revokedAt && (
            <>
              <dt>Revoked</dt>
              <dd>
                {formatDateTime(t.revokedAt)}
                {t.revokedBy && <span className="muted"> by {t.revokedBy}</span>}
                {t.revokedReason && <span className="muted"> ({t.revokedReason})</span>}
              </dd>
            </>
          )}
        </dl>
      </section>

      <section className="panel" aria-labelledby="scopes-heading">
        <h2 id="scopes-heading">Scopes</h2>
        {t.scopes.length === 0 ? (
          <p>{t.ownerKind === 'admin-key' ? 'Unscoped: this key reaches every admin operation.' : 'No scopes.'}</p>
        ) : (
          <ul className="scope-list">
            {t.scopes.map((scope) => (
              <li key={scope}>
                <code>{scope}</code>
              </li>
            ))}
          </ul>
        )}
      </section>

      <TokenActivity orgId={orgId} tokenId={t.id} />

      <ConfirmDialog
        isOpen={isRotating}
        title="Rotate this token?"
        confirmLabel="Rotate"
        isBusy={rotate.isPending}
        onCancel={() => setRotating(false)}
        onConfirm={() => rotate.mutate()}
      >
        <p>A new secret replaces the current one; the token keeps its id, owner, scopes and expiry.</p>
        <label>
          The old secret keeps working for (hours, 0 to 24)
          <input type="number" min={0} max={24} value={graceHours} onChange={(event) => setGraceHours(Math.min(24, Math.max(0, Number(event.target.value))))} />
        </label>
        {rotate.isError && <ErrorNote title="Could not rotate" error={rotate.error} />}
      </ConfirmDialog>
      <SecretDialog secret={secret} title="The new secret" onClose={() => setSecret(null)} />

      <ConfirmDialog
        isOpen={isConfirming}
        title="Revoke this token?"
        confirmLabel="Revoke 1 token"
        isDanger
        isBusy={revoke.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => revoke.mutate(t)}
      >
        <p>
          <strong>{t.label}</strong> ({t.owner?.name ?? 'admin API key'}) stops working at once. This cannot be undone.
        </p>
        {revoke.isError && <ErrorNote title="Could not revoke" error={revoke.error} />}
      </ConfirmDialog>
    </>
  );
}
