/**
 * Policies, in the order that decides (the highest priority first, the default last): each rule in
 * words and whom it applies to by name, with links to the editor, which previews the impact before
 * saving. A default policy that allows everything is pointed out.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useLocation } from 'react-router';
import { api } from '../api/http.ts';
import { endpoints } from '../api/endpoints.ts';
import type { AuditNames, PolicyCoverageResponse, PolicyListResponse, PolicyResource } from '../api/types.ts';
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

/** The default policy lets anyone create any token, for any lifetime it allows, from anywhere. */
function allowsEverything(policy: PolicyResource): boolean {
  const { rule } = policy.attributes;
  return rule.tokenCreation === 'allowed' && rule.tokenUse !== 'blocked' && rule.allowedScopes.length === 0 && rule.ipAllowlist.length === 0;
}

function Assignees({ ids, names, path }: { ids: readonly string[]; names: AuditNames; path: (id: string) => string | null }) {
  return (
    <>
      {ids.map((id, index) => {
        const name = names[id]?.name ?? 'someone no longer listed';
        const to = path(id);
        return (
          <span key={id}>
            {index > 0 && ', '}
            {to ? <Link to={to}>{name}</Link> : name}
          </span>
        );
      })}
    </>
  );
}

function AppliesTo({ policy, names }: { policy: PolicyResource; names: AuditNames }) {
  const { assignees } = policy.attributes;
  const parts: Array<[string, readonly string[], (id: string) => string | null]> = [
    ['Groups', assignees.groupIds, () => '/people'],
    ['People', assignees.userIds, (id) => `/people?q=${encodeURIComponent(names[id]?.detail ?? '')}`],
    ['Service accounts', assignees.serviceAccountIds, (id) => `/service-accounts/${encodeURIComponent(id)}`],
  ];
  const present = parts.filter(([, ids]) => ids.length > 0);
  if (present.length === 0) return <>Nobody yet</>;
  return (
    <>
      {present.map(([label, ids, path], index) => (
        <span key={label}>
          {index > 0 && '; '}
          {label}: <Assignees ids={ids} names={names} path={path} />
        </span>
      ))}
    </>
  );
}

type Coverage = PolicyCoverageResponse['data'][number];

/** "Governs 3 people, 1 service account and 7 live tokens": who has this policy as their governing one now. */
function Governs({ policy, coverage }: { policy: PolicyResource; coverage: Coverage | null | undefined }) {
  if (coverage === null) return <span className="muted">Could not count</span>;
  if (!coverage) return <span className="muted">Counting…</span>;
  const { people, serviceAccounts, liveTokens } = coverage;
  if (people + serviceAccounts === 0) {
    const { status, assignees } = policy.attributes;
    const named = assignees.groupIds.length + assignees.userIds.length + assignees.serviceAccountIds.length;
    const why = status === 'disabled' ? 'it is disabled' : named === 0 && !policy.attributes.isDefault ? 'it names nobody yet' : 'a policy that comes first in this list wins for everyone it names';
    return <span className="muted">Governs nobody now: {why}</span>;
  }
  const whom = [...(people > 0 ? [plural(people, 'person', 'people')] : []), ...(serviceAccounts > 0 ? [plural(serviceAccounts, 'service account')] : [])].join(', ');
  return (
    <span className="governs">
      Governs <strong>{whom}</strong>, <strong>{plural(liveTokens, 'live token')}</strong>
    </span>
  );
}

function PolicyCard({ policy, names, coverage }: { policy: PolicyResource; names: AuditNames; coverage: Coverage | null | undefined }) {
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
            : <AppliesTo policy={policy} names={names} />}
          {!isDefault && <span className="muted"> · priority {priority}</span>}
        </dd>
        <dt>Governs now</dt>
        <dd>
          <Governs policy={policy} coverage={coverage} />
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
  // The order that decides: the highest priority first, the default (everyone else) last.
  const ordered = [...(policies.data?.data ?? [])].sort(
    (a, b) => Number(a.attributes.isDefault) - Number(b.attributes.isDefault) || b.attributes.priority - a.attributes.priority || a.attributes.name.localeCompare(b.attributes.name),
  );
  const ids = ordered.flatMap((p) => [...p.attributes.assignees.groupIds, ...p.attributes.assignees.userIds, ...p.attributes.assignees.serviceAccountIds]).slice(0, 200);
  const names = useQuery({
    queryKey: ['names', orgId, ids],
    queryFn: () => api.get<{ names: AuditNames }>(endpoints.names(orgId), { ids: ids.join(',') }),
    enabled: ids.length > 0,
  });
  // Counted from everyone's governing policy, in one request for the whole page.
  const coverage = useQuery({ queryKey: ['policy-coverage', orgId], queryFn: () => api.get<PolicyCoverageResponse>(endpoints.policyCoverage(orgId)) });
  const coverageOf = new Map((coverage.data?.data ?? []).map((row) => [row.policyId, row]));
  const loose = ordered.find((p) => p.attributes.isDefault && allowsEverything(p));
  return (
    <>
      <div className="page-head">
        <h1>Policies</h1>
        <Link to="/policies/new" className="button primary">
          New policy
        </Link>
      </div>
      {message && <Notice tone="success">{message}</Notice>}
      <p className="lead">Who may create tokens, with which scopes, for how long and from where. Listed in the order that decides: when several apply to a person, the highest priority wins; the default policy governs everyone else.</p>
      {policies.isError ? (
        <ErrorNote title="Could not load the policies" error={policies.error} onRetry={() => void policies.refetch()} />
      ) : policies.isPending ? (
        <Loading />
      ) : policies.data.data.length === 0 ? (
        <EmptyState title="No policies yet" />
      ) : (
        <>
          {loose && (
            <Notice tone="warning">
              The default policy allows everything: anyone no other policy names may create tokens with any scope, from any address, without
              approval. <Link to={`/policies/${encodeURIComponent(loose.id)}`}>Tighten the default policy</Link>
            </Notice>
          )}
          {ordered.map((policy) => (
            <PolicyCard key={policy.id} policy={policy} names={names.data?.names ?? {}} coverage={coverage.isError ? null : coverageOf.get(policy.id)} />
          ))}
        </>
      )}
    </>
  );
}
