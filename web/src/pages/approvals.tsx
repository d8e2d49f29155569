/**
 * The approval queue: each request with its justification; an approver may narrow the
 * scopes and the lifetime before approving, or deny with a reason the requester sees.
 */
import { useState } from 'react';
import { keepPreviousData, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { AuditNames, OrgTokenCountsResponse, ScopeListResponse, TokenRequestJson, TokenRequestList, UserJson } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { Pager } from '../components/data-table.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { formatDateTime, plural } from '../components/format.ts';
import { StatusBadge } from '../components/status-badge.tsx';
import { GithubRequests } from './approvals-github.tsx';

type Filter = 'pending' | 'approved' | 'denied';

/** What the approver sees beside each scope and the request: the scope's class and meaning, the requester's policy and tokens. */
interface RequestContext {
  scopes: Map<string, { class: string; description: string }>;
  names: AuditNames;
  liveTokens: Map<string, number>;
}

function RequestCard({ request, requester, context, orgId, onDone }: { request: TokenRequestJson; requester: UserJson | undefined; context: RequestContext; orgId: string; onDone(message: string): void }) {
  const [scopes, setScopes] = useState<string[]>(request.scopes);
  const [lifetimeDays, setLifetimeDays] = useState(request.lifetimeDays);
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: async (decision: 'approve' | 'deny') => {
      if (decision === 'deny') {
        await api.post(endpoints.denyRequest(orgId, request.id), { reason });
        return `Denied “${request.label}”.`;
      }
      const isNarrowed = scopes.length !== request.scopes.length || lifetimeDays !== request.lifetimeDays;
      await api.post(endpoints.approveRequest(orgId, request.id), { scopes, lifetimeDays, ...(reason ? { reason } : {}) });
      return `Approved “${request.label}”${isNarrowed ? ' (narrowed)' : ''}. The requester can now retrieve the token once.`;
    },
    onSuccess: onDone,
  });
  const isPending = request.status === 'pending';
  const headingId = `req-${request.id}`;
  return (
    <article className="panel request" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>{request.label}</h2>
        <StatusBadge status={request.status} />
      </div>
      <p className="muted">
        Requested {formatDateTime(request.createdAt)} by{' '}
        {requester ? (
          <>
            <strong>{requester.name}</strong> ({requester.email})
          </>
        ) : (
          <code>{request.requesterId}</code>
        )}{' '}
        for {plural(request.lifetimeDays, 'day')}
      </p>
      <p className="muted">
        {context.names[request.policyId] && <>Governed by the policy “{context.names[request.policyId]!.name}”. </>}
        {context.liveTokens.has(request.requesterId) && <>Holds {plural(context.liveTokens.get(request.requesterId)!, 'live token')} already.</>}
      </p>
      <blockquote className="justification">{request.justification ?? <span className="muted">No justification given.</span>}</blockquote>
      {isPending ? (
        <form className="stack" onSubmit={(event) => event.preventDefault()}>
          <fieldset>
            <legend>Scopes to grant (untick to narrow)</legend>
            {request.scopes.map((scope) => (
              <label key={scope} className="check">
                <input
                  type="checkbox"
                  checked={scopes.includes(scope)}
                  onChange={(event) => setScopes((now) => (event.target.checked ? [...now, scope] : now.filter((s) => s !== scope)))}
                />
                <code>{scope}</code>
                {context.scopes.get(scope) && (
                  <>
                    {' '}
                    <span className={`badge ${context.scopes.get(scope)!.class === 'read' ? 'badge-info' : 'badge-warn'}`}>{context.scopes.get(scope)!.class}</span>{' '}
                    <span className="muted">{context.scopes.get(scope)!.description}</span>
                  </>
                )}
              </label>
            ))}
          </fieldset>
          <div className="inline-form">
            <label>
              Lifetime (days)
              <input type="number" min={1} max={request.lifetimeDays} value={lifetimeDays} onChange={(event) => setLifetimeDays(Number(event.target.value))} />
            </label>
            <label className="grow">
              Reason (needed to deny; the requester sees it)
              <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={2000} />
            </label>
          </div>
          {decide.isError && <ErrorNote title="Could not record the decision" error={decide.error} />}
          <div className="page-actions">
            <button type="button" className="primary" disabled={decide.isPending || scopes.length === 0} onClick={() => decide.mutate('approve')}>
              {scopes.length < request.scopes.length || lifetimeDays < request.lifetimeDays ? 'Narrow and approve' : 'Approve'}
            </button>
            <button type="button" className="danger" disabled={decide.isPending || reason.trim() === ''} onClick={() => decide.mutate('deny')}>
              Deny
            </button>
          </div>
        </form>
      ) : (
        <p>
          {request.status === 'approved' ? `Granted ${request.grantedScopes?.join(', ') ?? ''} for ${plural(request.grantedLifetimeDays ?? 0, 'day')}` : 'Denied'}
          {request.decidedAt && ` on ${formatDateTime(request.decidedAt)}`}
          {request.decisionReason && `: ${request.decisionReason}`}
        </p>
      )}
    </article>
  );
}

export function ApprovalsPage() {
  const { orgId } = useSignedIn();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<Filter>('pending');
  const [cursor, setCursor] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const requests = useQuery({
    queryKey: ['token-requests', orgId, status, cursor],
    queryFn: () => api.get<TokenRequestList>(endpoints.tokenRequests(orgId), { status, cursor, pageSize: 25 }),
    placeholderData: keepPreviousData,
  });
  // One lookup per distinct requester on the page (a queue page holds a few people).
  const requesterIds = [...new Set((requests.data?.data ?? []).map((r) => r.requesterId))];
  const requesters = useQueries({
    queries: requesterIds.map((id) => ({ queryKey: ['user', orgId, id], queryFn: () => api.get<UserJson>(endpoints.user(orgId, id)), staleTime: 60_000 })),
  });
  const requesterById = new Map(requesters.flatMap((q) => (q.data ? [[q.data.id, q.data] as const] : [])));
  // Context for the decision; a role that may not read one of these simply does not see it.
  const catalogue = useQuery({ queryKey: ['scopes', orgId], queryFn: () => api.get<ScopeListResponse>(endpoints.scopes(orgId)), retry: false });
  const policyIds = [...new Set((requests.data?.data ?? []).map((r) => r.policyId))];
  const names = useQuery({
    queryKey: ['names', orgId, policyIds],
    queryFn: () => api.get<{ names: AuditNames }>(endpoints.names(orgId), { ids: policyIds.join(',') }),
    enabled: policyIds.length > 0,
    retry: false,
  });
  const liveCounts = useQueries({
    queries: requesterIds.map((id) => ({
      queryKey: ['token-counts', orgId, { ownerId: id }],
      queryFn: async () => [id, (await api.get<OrgTokenCountsResponse>(endpoints.tokenCounts(orgId), { ownerId: id })).byStatus.active] as const,
      retry: false,
    })),
  });
  const context: RequestContext = {
    scopes: new Map((catalogue.data?.data ?? []).map((scope) => [scope.name, { class: scope.class, description: scope.description }])),
    names: names.data?.names ?? {},
    liveTokens: new Map(liveCounts.flatMap((q) => (q.data ? [q.data] : []))),
  };
  return (
    <>
      <h1>Approvals</h1>
      <p className="lead">Token requests from people whose policy asks for approval, for Tokenward’s tokens and for your connected GitHub organization. Nobody approves their own request.</p>
      <div className="tabs" role="tablist" aria-label="Requests">
        {(['pending', 'approved', 'denied'] as const).map((value) => (
          <button key={value} type="button" role="tab" aria-selected={status === value} onClick={() => { setStatus(value); setCursor(''); }}>
            {value[0]!.toUpperCase() + value.slice(1)}
          </button>
        ))}
      </div>
      {message && <Notice tone="success">{message}</Notice>}
      {requests.isError ? (
        <ErrorNote title="Could not load the requests" error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.isPending ? (
        <Loading />
      ) : requests.data.data.length === 0 ? (
        <EmptyState title={status === 'pending' ? 'No request for a Tokenward token waits for approval' : `No ${status} requests`} />
      ) : (
        requests.data.data.map((request) => (
          <RequestCard
            key={request.id}
            request={request}
            requester={requesterById.get(request.requesterId)}
            context={context}
            orgId={orgId}
            onDone={(text) => {
              setMessage(text);
              void queryClient.invalidateQueries({ queryKey: ['token-requests', orgId] });
              void queryClient.invalidateQueries({ queryKey: ['tokens', orgId] });
            }}
          />
        ))
      )}
      {requests.data && (requests.data.links.next || requests.data.links.prev) && (
        <Pager prev={requests.data.links.prev} next={requests.data.links.next} onPage={setCursor} isBusy={requests.isFetching} />
      )}
      <GithubRequests tab={status} onDone={setMessage} />
    </>
  );
}
