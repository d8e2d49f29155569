/**
 * One token: owner, scopes, dates, status, who created it, its history, revoke, rotate (a new secret
 * for the same token, shown once); and on the Activity tab what it did: calls per day, routes,
 * addresses, and every call.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { revokeToken } from '../api/revoke.ts';
import type { AuditLogPage, IssuedTokenJson, OrgTokenJson } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { SecretDialog } from '../components/secret-dialog.tsx';
import { formatDateTime, relativeDays } from '../components/format.ts';
import { OWNER_KIND_WORDS, StatusBadge } from '../components/status-badge.tsx';
import { TokenActivity } from './token-activity.tsx';
import { TokenLimits } from './token-limits.tsx';
import { TokenCalls } from './token-calls.tsx';
import { AuditActor, Named, auditSentence } from '../components/audit-words.tsx';
import { ConnectedFacts, ConnectedScopes, connectedSourceOf, LastUsedFrom, lastUsedWords, systemName } from './token-connected.tsx';

/** The token's own audit entries (creation, rotations, revocation): who, by name. */
function useHistory(orgId: string, tokenId: string) {
  return useQuery({
    queryKey: ['audit-log', orgId, 'token', tokenId],
    queryFn: () => api.get<AuditLogPage>(endpoints.auditLog(orgId), { targetId: tokenId, pageSize: 20 }),
  });
}

function History({ history }: { history: ReturnType<typeof useHistory> }) {
  if (history.isError) return null;
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      {!history.data ? (
        <Loading />
      ) : history.data.data.length === 0 ? (
        <p className="muted">Nothing recorded.</p>
      ) : (
        <ul className="history">
          {history.data.data.map((entry) => (
            <li key={entry.id}>
              <span className="nowrap muted">{formatDateTime(entry.at)}</span> <AuditActor entry={entry} names={history.data.names} /> {auditSentence(entry, history.data.names)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

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

/** Who made the token: a person, a service account, an admin key or a system job, by name. */
function CreatedBy({ token, history }: { token: OrgTokenJson; history: ReturnType<typeof useHistory> }) {
  const created = history.data?.data.find((entry) => entry.action === 'token.created' || entry.action === 'admin_key.created');
  if (created && history.data) return <AuditActor entry={created} names={history.data.names} />;
  if (history.data && token.createdBy) return <Named id={token.createdBy} names={history.data.names} fallback="Not recorded" />;
  return <span className="muted">{history.isPending ? '…' : 'Not recorded'}</span>;
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
  const history = useHistory(orgId, tokenId);
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'activity' ? 'activity' : 'details';
  const showTab = (next: 'details' | 'activity') => setParams(next === 'details' ? {} : { tab: next }, { replace: true });
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
  const connected = connectedSourceOf(t);
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
          {t.status === 'active' && !connected && (
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

      <div className="tabs" role="tablist" aria-label="Token">
        <button type="button" role="tab" id="tab-details" aria-selected={tab === 'details' || connected !== null} aria-controls="panel-token" onClick={() => showTab('details')}>
          Details
        </button>
        {/* Activity is what Tokenward verified: a connected system's token is never verified here. */}
        {!connected && (
          <button type="button" role="tab" id="tab-activity" aria-selected={tab === 'activity'} aria-controls="panel-token" onClick={() => showTab('activity')}>
            Activity
          </button>
        )}
      </div>
      <div role="tabpanel" id="panel-token" aria-labelledby={`tab-${connected ? 'details' : tab}`}>
      {tab === 'activity' && !connected ? (
        <>
          <TokenActivity orgId={orgId} tokenId={t.id} title="Summary" />
          <TokenCalls orgId={orgId} tokenId={t.id} label={t.label} />
        </>
      ) : (
      <>
      <section className="panel" aria-labelledby="facts-heading">
        <h2 id="facts-heading">Details</h2>
        <dl className="facts">
          <dt>Owner</dt>
          <dd>
            <Owner token={t} />
          </dd>
          <dt>Kind</dt>
          <dd>{OWNER_KIND_WORDS[t.ownerKind]}</dd>
          {connected ? (
            <ConnectedFacts source={connected} />
          ) : (
            <>
              <dt>Token starts with</dt>
              <dd>
                <code>{t.displayPrefix}…</code> <span className="muted">(the secret itself is never stored)</span>
              </dd>
            </>
          )}
          <dt>Id</dt>
          <dd>
            <code>{t.id}</code>
          </dd>
          <dt>Created</dt>
          <dd>{formatDateTime(t.createdAt)}</dd>
          {!connected && (
            <>
              <dt>Created by</dt>
              <dd>
                <CreatedBy token={t} history={history} />
              </dd>
            </>
          )}
          <dt>Last used</dt>
          <dd>{lastUsedWords(t, connected)}</dd>
          {connected && <LastUsedFrom source={connected} />}
          <dt>Expires</dt>
          <dd>{t.expiresAt ? `${formatDateTime(t.expiresAt)} (${relativeDays(t.expiresAt)})` : 'Never'}</dd>
          {t.revokedAt && (
            <>
              <dt>Revoked</dt>
              <dd>
                {formatDateTime(t.revokedAt)}
                {t.revokedBy && history.data && (
                  <>
                    {' '}by <Named id={t.revokedBy} names={history.data.names} fallback="an administrator" />
                  </>
                )}
                {t.revokedReason && <span className="muted"> ({t.revokedReason})</span>}
              </dd>
            </>
          )}
        </dl>
      </section>

      {connected ? (
        <ConnectedScopes source={connected} />
      ) : (
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
      )}

      {/* Rate limits and calls are Tokenward's own verifications: a connected token has none. */}
      {!connected && <TokenLimits orgId={orgId} tokenId={t.id} />}
      <History history={history} />
      </>
      )}
      </div>

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
          {connected ? (
            <>
              <strong>{t.label}</strong> ({t.owner?.name ?? 'no owner'}) is revoked in {systemName(connected)}
              {connected.type === 'github' ? ': it loses its access to your organization, and GitHub tells its owner.' : '.'} This cannot be undone.
            </>
          ) : (
            <>
              <strong>{t.label}</strong> ({t.owner?.name ?? 'admin API key'}) stops working at once. This cannot be undone.
            </>
          )}
        </p>
        {revoke.isError && <ErrorNote title="Could not revoke" error={revoke.error} />}
      </ConfirmDialog>
    </>
  );
}
