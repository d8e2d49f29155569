/**
 * Audit entries in words: who did it (a person, a service account, an admin key, a system job),
 * by name and linked, and what happened as a sentence ("revoked Ada Lovelace's token 'ci': reason
 * 'left the company'"). Names come with the audit page itself, one request per page.
 */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AuditEntryJson, AuditNames, NamedThing } from '../api/types.ts';
import { formatDateTime } from './format.ts';

/** The server's own jobs and entry points, as an admin knows them. */
const SYSTEM_ACTORS: Record<string, string> = {
  automation: 'Automation job',
  retention: 'Audit retention job',
  cli: 'Command line on the server',
  sso: 'Single sign-on',
  'password-reset-request': 'Password reset request',
  test: 'Tokenward',
};

const KIND_WORDS: Record<string, string> = {
  person: 'person',
  service_account: 'service account',
  admin_key: 'admin key',
  scim_token: 'provisioning token',
  system: 'system job',
  token: 'token',
};

const ROLE_WORDS: Record<string, string> = { owner: 'owner', admin: 'admin', approver: 'approver', auditor: 'auditor', member: 'member' };

const REASON_WORDS: Record<string, string> = {
  never_retrieved: 'never retrieved',
  policy_change: 'a policy change',
  owner_deactivated: 'the owner was deactivated',
};

/** Where a named thing is shown in the console. */
function pathOf(id: string, thing: NamedThing): string | null {
  switch (thing.kind) {
    case 'person':
    case 'session':
      return `/people?q=${encodeURIComponent(thing.detail ?? thing.name)}`;
    case 'service_account':
      return `/service-accounts/${encodeURIComponent(id)}`;
    case 'token':
    case 'admin_key':
      return `/tokens/${encodeURIComponent(id)}`;
    case 'policy':
      return `/policies/${encodeURIComponent(id)}`;
    case 'token_request':
      return '/approvals';
    case 'webhook':
      return '/settings?tab=webhooks';
    case 'job_run':
      return '/automation';
    default:
      return null;
  }
}

/** A name, linked to its page; an id nobody can name any more is said as "a deleted …". */
export function Named({ id, names, fallback }: { id: string | null | undefined; names: AuditNames; fallback: string }) {
  if (!id) return <>{fallback}</>;
  const thing = names[id];
  if (!thing) return <span className="muted">{fallback}</span>;
  const label = thing.kind === 'token' || thing.kind === 'admin_key' || thing.kind === 'token_request' ? `‘${thing.name}’` : thing.name;
  const path = pathOf(id, thing);
  return path ? <Link to={path}>{label}</Link> : <>{label}</>;
}

/** A token by name, with its owner: "Ada Lovelace's token ‘ci’". */
function TokenOf({ id, names }: { id: string | null; names: AuditNames }) {
  const thing = id ? names[id] : undefined;
  if (thing?.kind === 'admin_key') return <>admin key <Named id={id} names={names} fallback="(deleted)" /></>;
  if (!thing?.owner) return <>token <Named id={id} names={names} fallback="(no longer listed)" /></>;
  const ownerPath = thing.owner.kind === 'service_account' ? `/service-accounts/${encodeURIComponent(thing.owner.id)}` : `/people?q=${encodeURIComponent(thing.owner.name)}`;
  return (
    <>
      <Link to={ownerPath}>{thing.owner.name}</Link>’s token <Named id={id} names={names} fallback="" />
    </>
  );
}

/** Who did it: name and kind. */
export function AuditActor({ entry, names }: { entry: AuditEntryJson; names: AuditNames }) {
  if (entry.actorType === 'system') {
    return (
      <span className="owner-cell">
        <span>{SYSTEM_ACTORS[entry.actorId ?? ''] ?? 'Tokenward'}</span>
        <span className="muted">{KIND_WORDS.system}</span>
      </span>
    );
  }
  const thing = entry.actorId ? names[entry.actorId] : undefined;
  const kind = entry.actorType === 'user' ? 'person' : entry.actorType === 'admin_key' ? 'admin_key' : entry.actorType;
  return (
    <span className="owner-cell">
      <Named id={entry.actorId} names={names} fallback={kind === 'admin_key' ? 'A deleted admin key' : 'Someone no longer listed'} />
      <span className="muted">{thing?.kind === 'admin_key' && thing.name === 'bootstrap admin key' ? 'the key made at first start' : KIND_WORDS[kind] ?? kind}</span>
    </span>
  );
}

/** Internal ids say nothing to an admin (what they name is said elsewhere in the sentence). */
const INTERNAL_ID = /^[a-z]{2,5}_[0-9A-Za-z]{12,}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') {
    if (INTERNAL_ID.test(value)) return '';
    if (ISO_TIME.test(value)) return formatDateTime(value);
    return REASON_WORDS[value] ?? value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(text).join(', ');
  return Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => [words(key.replace(/Id$/, '')), text(inner)])
    .filter(([, inner]) => inner !== '')
    .map(([key, inner]) => `${key} ${inner}`)
    .join(', ');
}

/** `revokedTokens` -> "revoked tokens"; `expiresAt` -> "expires at". */
function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
}

function reason(details: Record<string, unknown>): ReactNode {
  const why = details.reason;
  return typeof why === 'string' && why ? <>: reason ‘{REASON_WORDS[why] ?? why}’</> : null;
}

function changesOf(details: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const changes = details.changes;
  return changes && typeof changes === 'object' ? (changes as Record<string, { from: unknown; to: unknown }>) : {};
}

/** What happened, after the actor's name. */
export function auditSentence(entry: AuditEntryJson, names: AuditNames): ReactNode {
  const d = entry.details;
  const target = <Named id={entry.targetId} names={names} fallback="(no longer listed)" />;
  const count = (n: unknown, one: string) => `${String(n ?? 0)} ${n === 1 ? one : `${one}s`}`;
  switch (entry.action) {
    case 'token.created':
      return <>issued <TokenOf id={entry.targetId} names={names} /></>;
    case 'admin_key.created':
      return <>created admin key {target}</>;
    case 'admin_key.revoked':
      return <>revoked admin key {target}{reason(d)}</>;
    case 'token.revoked':
      return <>revoked <TokenOf id={entry.targetId} names={names} />{reason(d)}</>;
    case 'token.bulk_revoked':
      return <>revoked {count(d.count, 'token')} at once</>;
    case 'token.rotated':
      return <>rotated <TokenOf id={entry.targetId} names={names} /> (the old secret works {String(d.gracePeriodHours ?? 0)} more hours)</>;
    case 'token.expired':
      return <>marked <TokenOf id={entry.targetId} names={names} /> expired</>;
    case 'token.idle_revoked':
      return <>revoked <TokenOf id={entry.targetId} names={names} />: unused for {String(d.idleDays ?? '?')} days</>;
    case 'token.idle_warning':
      return <>warned that <TokenOf id={entry.targetId} names={names} /> is idle</>;
    case 'token.expiring':
      return <>warned that <TokenOf id={entry.targetId} names={names} /> expires soon</>;
    case 'token.clamped':
      return <>narrowed <TokenOf id={entry.targetId} names={names} /> to fit its policy</>;
    case 'token.leaked':
      return <>found <TokenOf id={entry.targetId} names={names} /> published in a public place</>;
    case 'token.delivered':
      return <>handed over <TokenOf id={entry.targetId} names={names} /> (retrieved once)</>;
    case 'token.delivery_link_created':
      return <>made a one-time link for <TokenOf id={entry.targetId} names={names} /></>;
    case 'user.created':
      return <>added {target} as {ROLE_WORDS[String(d.role)] ?? 'member'}</>;
    case 'user.updated': {
      const changes = changesOf(d);
      const parts: ReactNode[] = [];
      if (changes.role) parts.push(<>changed the role of {target} from {ROLE_WORDS[String(changes.role.from)] ?? text(changes.role.from)} to {ROLE_WORDS[String(changes.role.to)] ?? text(changes.role.to)}</>);
      if (changes.name) parts.push(<>renamed {text(changes.name.from)} to {target}</>);
      if (changes.email) parts.push(<>changed the e-mail of {target} to {text(changes.email.to)}</>);
      if (parts.length === 0) return <>saved {target} unchanged</>;
      return parts.map((part, i) => <span key={i}>{i > 0 && '; '}{part}</span>);
    }
    case 'user.deactivated':
      return <>deactivated {target}{d.tokensSuspended !== undefined && <> and suspended {count(d.tokensSuspended, 'token')}</>}</>;
    case 'user.reactivated':
      return <>reactivated {target}</>;
    case 'user.signed_in':
      return <>signed in{d.method === 'sso' ? ' with single sign-on' : ' with a password'}</>;
    case 'user.signed_out':
      return <>signed out</>;
    case 'user.password_set':
      return <>set a password for {target}</>;
    case 'user.sso_groups_synced':
      return <>updated the groups of {target} from single sign-on</>;
    case 'group.created':
      return <>created group {target}</>;
    case 'group.deleted':
      return <>deleted group {text(d.name) || target}</>;
    case 'group.renamed':
      return <>renamed group {target}</>;
    case 'group.members_added':
    case 'group.members_removed':
    case 'group.members_replaced':
      return <>changed the members of group {target}</>;
    case 'policy.created':
      return <>created policy {target}</>;
    case 'policy.changed':
      return <>changed policy {target}</>;
    case 'policy.deleted':
      return <>deleted policy {text(d.name) || target}</>;
    case 'approval.requested':
      return <>asked for a token {target}{typeof d.lifetimeDays === 'number' && <> for {d.lifetimeDays} days</>}</>;
    case 'approval.decided':
      return (
        <>
          {d.decision === 'approved' ? 'approved' : 'denied'} the request {target} of <Named id={String(d.requesterId ?? '')} names={names} fallback="someone no longer listed" />
          {reason(d)}
        </>
      );
    case 'service_account.created':
      return <>created service account {target}</>;
    case 'service_account.updated':
      return <>changed service account {target}</>;
    case 'service_account.deleted':
      return <>deleted service account {target} and revoked {count(d.revokedTokens, 'token')}</>;
    case 'service_account.tokens_revoked':
      return <>revoked {count(d.revokedTokens, 'token')} of service account {target}</>;
    case 'link.invite.created':
      return <>made an invitation link for {target} (valid until {text(d.expiresAt)})</>;
    case 'link.owner_setup.created':
      return <>made the first-start link for {target}</>;
    case 'link.password_reset.created':
      return <>made a password reset link for {target}</>;
    case 'org.bootstrapped':
      return <>set up the organization</>;
    case 'job.run_requested':
      return <>asked for a run of the job {text(d.job) || target}</>;
    case 'audit.purged':
      return <>removed {count(d.count, 'audit entry')} past the retention</>;
    case 'audit.retention_changed':
      return <>changed how long the audit log is kept</>;
    default:
      break;
  }
  // Anything else: the action in words, the target by name, the details as "what: value" phrases.
  const [family = '', verb = ''] = entry.action.split('.');
  const rest = text(d);
  return (
    <>
      {words(verb)} {words(family)} {entry.targetId && target}
      {rest && <span className="muted"> ({rest})</span>}
    </>
  );
}
