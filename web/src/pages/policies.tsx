/**
 * Policies: each policy's rule in words and whom it applies to, with links to the editor
 * (policy/policy-editor.tsx), which previews the impact before saving.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { PolicyListResponse, PolicyResource } from '../api/types.ts';
import { useSignedIn } from '../auth/session.tsx';
import { EmptyState, ErrorNote, Loading, Notice } from '../components/feedback.tsx';
import { plural } from '../components/format.ts';
import { describeScopes } from '../components/scope-picker.tsx';
import { StatusBadge } from '../components/status-badge.tsx';

const CREATION_WORDS: Record<string, string> = {
  allowed: 'People create their own tokens',
  approval: 'Tokens need an approver',
  blocked: 'Only admins issue tokens',
};

function PolicyCard({ policy }: { policy: PolicyResource }) {
  const { name, rule, assignees, isDefault, priority, status } = policy.attributes;
  const scopes = describeScopes(rule.allowedScopes);
  const headingId = `policy-${policy.id}`;
  return (
    <article className="panel" aria-labelledby={headingId}>
      <div className="panel-head">
        <h2 id={headingId}>
          {name} {isDefault && <span className="role-chip light">Default</span>}
        </h2>
        <StatusBadge status={status} />
        <Link to={`/policies/${encodeURIComponent(policy.id)}`} className="button small" aria-label={`Edit ${name}`}>
          Edit
        </Link>
      </div>
      <dl className="facts">
        <dt>Creating tokens</dt>
        <dd>{CREATION_WORDS[rule.tokenCreation] ?? rule.tokenCreation}{rule.requireJustification ? ', with a justification' : ''}</dd>
        <dt>Using tokens</dt>
        <dd>{rule.tokenUse === 'blocked' ? 'Blocked: existing tokens stop working' : 'Allowed'}</dd>
        <dt>Lifetime</dt>
        <dd>
          At most {plural(rule.maxLifetimeDays, 'day')} (default {plural(rule.defaultLifetimeDays, 'day')})
        </dd>
        <dt>Scopes</dt>
        <dd>{scopes}</dd>
        <dt>IP addresses</dt>
        <dd>{rule.ipAllowlist.length === 0 ? 'Any' : rule.ipAllowlist.join(', ')}</dd>
        <dt>Idle tokens</dt>
        <dd>{rule.idleRevokeAfterDays ? `Revoked after ${plural(rule.idleRevokeAfterDays, 'day')} unused` : 'Kept'}</dd>
        <dt>Applies to</dt>
        <dd>
          {isDefault
            ? 'Everyone no other policy names'
            : `${plural(assignees.groupIds.length, 'group')}, ${plural(assignees.userIds.length, 'person', 'people')}, ${plural(assignees.serviceAccountIds.length, 'service account')}`}
          {!isDefault && <span className="muted"> · priority {priority}</span>}
        </dd>
      </dl>
    </article>
  );
}

export function PoliciesPage() {
  const { orgId } = useSignedIn();
  const location = useLocation();
  const message = (location.state as { message?: string } | null)?.message;
  const policies = useQuery({ queryKey: ['policies', orgId], queryFn: () => api.get<PolicyListResponse>(endpoints.policies(orgId), { pageSize: 100 }) });
  return (
    <>
      <div className="page-head">
        <h1>Policies</h1>
        <Link to="/policies/new" className="button primary">
          New policy
        </Link>
      </div>
      {message && <Notice tone="success">{message}</Notice>}
      <p className="lead">Who may create tokens, with which scopes, for how long and from where. When several apply to a person, the highest priority wins.</p>
      {policies.isError ? (
        <ErrorNote title="Could not load the policies" error={policies.error} onRetry={() => void policies.refetch()} />
      ) : policies.isPending ? (
        <Loading />
      ) : policies.data.data.length === 0 ? (
        <EmptyState title="No policies yet" />
      ) : (
        policies.data.data.map((policy) => <PolicyCard key={policy.id} policy={policy} />)
      )}
    </>
  );
}
