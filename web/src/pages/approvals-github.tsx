/**
 * GitHub's fine-grained token requests that the requester's policy sent to an approver. Each one
 * shows who asks (the GitHub login and the person it was matched to), the token's name, each
 * permission in GitHub's words beside its scope class, the repositories and the expiry. The
 * approver approves, or denies with a reason GitHub shows the requester (at most 1,024
 * characters, counted as they type). The decision goes to GitHub before Tokenward records it.
 */
import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from 'typebox';
import type { ConnectorRequestJson, ConnectorRequestList as ConnectorRequestListSchema } from '../../../src/http/schemas/connector-requests.ts';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import { useSignedIn } from '../auth/session.tsx';
import { ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { formatCount, formatDateTime, relativeDays } from '../components/format.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import { repositorySelectionWords, UpstreamScopeTable } from '../components/upstream-scopes.tsx';

type ConnectorRequestList = Static<typeof ConnectorRequestListSchema>;

/** GitHub takes a review reason of at most this many characters. */
const MAX_REASON = 1024;

/** The approvals page's tabs, as GitHub requests' states. */
const STATUS_OF_TAB = { pending: 'queued', approved: 'approved', denied: 'denied' } as const;

function Requester({ request }: { request: ConnectorRequestJson }) {
  const login = request.owner?.login;
  return (
    <>
      {login ? (
        <>
          GitHub user <strong>{login}</strong>
        </>
      ) : (
        'an unknown GitHub user'
      )}
      {request.person ? (
        <>
          , who is <strong>{request.person.name}</strong> ({request.person.email}) in your directory
        </>
      ) : (
        <>, who matches nobody in your directory</>
      )}
    </>
  );
}

function Decided({ request }: { request: ConnectorRequestJson }) {
  const how = request.decidedBy === 'policy' ? `by the policy “${request.policyName ?? ''}”` : request.status === 'closed' ? 'in GitHub' : 'by an approver';
  const verb = request.status === 'approved' ? 'Approved' : request.status === 'denied' ? 'Denied' : 'Closed';
  return (
    <p>
      {verb} {how}
      {request.decidedAt && ` on ${formatDateTime(request.decidedAt)}`}
      {request.decisionReason && `: ${request.decisionReason}`}
    </p>
  );
}

function GithubRequestCard({ request, orgId, isOwn, onDone }: { request: ConnectorRequestJson; orgId: string; isOwn: boolean; onDone(message: string): void }) {
  const [reason, setReason] = useState('');
  const id = useId();
  const headingId = `${id}-heading`;
  const countId = `${id}-count`;
  const decide = useMutation({
    mutationFn: async (action: 'approve' | 'deny') => {
      const trimmed = reason.trim();
      await api.post(endpoints.decideGithubRequests(orgId, request.connector.id), { requestIds: [request.id], action, ...(trimmed ? { reason: trimmed } : {}) });
      return action === 'approve' ? `Approved “${request.label}” in GitHub.` : `Denied “${request.label}” in GitHub; the requester sees your reason.`;
    },
    onSuccess: onDone,
  });
  const isWaiting = request.status === 'queued';
  const left = MAX_REASON - reason.length;
  return (
    <article className="panel request" aria-labelledby={headingId}>
      <div className="panel-head">
        <h3 id={headingId}>{request.label}</h3>
        <StatusBadge status={isWaiting ? 'pending' : request.status} />
      </div>
      <p className="muted request-meta">
        Asked {formatDateTime(request.createdAt)} through {request.connector.name} by <Requester request={request} />.
      </p>
      <dl className="facts">
        <dt>Repositories</dt>
        <dd>{repositorySelectionWords(request.repositorySelection)}</dd>
        <dt>Expires</dt>
        <dd>{request.expiresAt ? `${formatDateTime(request.expiresAt)} (${relativeDays(request.expiresAt)})` : 'Never'}</dd>
        {request.policyReason && (
          <>
            <dt>{isWaiting ? 'Why it waits' : 'Policy'}</dt>
            <dd>{request.policyReason}</dd>
          </>
        )}
      </dl>
      <blockquote className="justification">{request.justification ?? <span className="muted">No reason given in GitHub.</span>}</blockquote>
      <div className="table-scroll">
        <UpstreamScopeTable scopes={request.scopes.map((s) => ({ name: s.name, scopeClass: s.scopeClass, words: s.github }))} system="github" caption="Permissions asked for" />
      </div>
      {isWaiting ? (
        isOwn ? (
          <Notice>This is your own request: another approver decides it.</Notice>
        ) : (
          <form className="stack" onSubmit={(event) => event.preventDefault()}>
            <div className="field">
              <label htmlFor={`${id}-reason`}>Reason (needed to deny; GitHub shows it to the requester)</label>
              <textarea id={`${id}-reason`} aria-describedby={countId} rows={2} maxLength={MAX_REASON} value={reason} onChange={(event) => setReason(event.target.value)} />
              <span id={countId} className="hint" aria-live="polite">
                {formatCount(reason.length)} of {formatCount(MAX_REASON)} characters{left === 0 ? ': the most GitHub takes' : ''}
              </span>
            </div>
            {decide.isError && <ErrorNote title="Could not record the decision" error={decide.error} />}
            <div className="page-actions">
              <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate('approve')}>
                Approve in GitHub
              </button>
              <button type="button" className="danger" disabled={decide.isPending || reason.trim() === ''} onClick={() => decide.mutate('deny')}>
                Deny in GitHub
              </button>
            </div>
          </form>
        )
      ) : (
        <Decided request={request} />
      )}
    </article>
  );
}

/** The GitHub requests of the approvals page's current tab; nothing at all when there are none (most orgs connect no GitHub). */
export function GithubRequests({ tab, onDone }: { tab: keyof typeof STATUS_OF_TAB; onDone(message: string): void }) {
  const { orgId, who } = useSignedIn();
  const queryClient = useQueryClient();
  const status = STATUS_OF_TAB[tab];
  const requests = useQuery({
    queryKey: ['github-requests', orgId, status],
    queryFn: () => api.get<ConnectorRequestList>(endpoints.githubRequestQueue(orgId), { status }),
  });
  if (requests.isPending) return <Loading label="Loading GitHub’s requests…" />;
  if (requests.isError) return <ErrorNote title="Could not load GitHub’s token requests" error={requests.error} onRetry={() => void requests.refetch()} />;
  const list = requests.data.data;
  if (list.length === 0) return null;
  const ownEmail = who.email?.toLowerCase() ?? null;
  return (
    <section className="github-requests" aria-labelledby="github-requests-heading">
      <h2 id="github-requests-heading">GitHub token requests</h2>
      <p className="muted">Fine-grained personal access tokens people asked for in your GitHub organization, which their policy sends to an approver.</p>
      {list.map((request) => (
          <GithubRequestCard
            key={request.id}
            request={request}
            orgId={orgId}
            isOwn={ownEmail !== null && request.person?.email.toLowerCase() === ownEmail}
            onDone={(text) => {
              onDone(text);
              void queryClient.invalidateQueries({ queryKey: ['github-requests', orgId] });
            }}
          />
      ))}
    </section>
  );
}
