/**
 * Connectors: systems whose tokens Tokenward governs without having issued them. Pure rules and
 * shapes; the clients that speak to each system live in the service layer.
 *
 * Nothing here is specific to one connected system except the type names in `CONNECTOR_TYPES`.
 */
import { DomainError } from './errors.js';
import { DAY_MS } from './time.js';

export const CONNECTOR_TYPES = ['atlassian', 'github', 'gitlab'] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

/** The inventory kinds an upstream token can have (the same names as Tokenward's own tokens). */
export type ExternalTokenKind = 'user' | 'service_account' | 'admin_key';

/** active, suspended (blocked upstream), revoked (by Tokenward, or no longer listed upstream). */
export type ExternalTokenStatus = 'active' | 'suspended' | 'revoked';

/** Where an inventory token comes from: issued by Tokenward, or read from a connector. */
export type TokenSource =
  | { type: 'tokenward' }
  | {
      type: ConnectorType;
      connectorId: string;
      externalId: string;
      goneAt: Date | null;
      /** The addresses the connected system says it was last used from (GitLab tells up to five). */
      lastUsedIps: string[];
      /** The connected system's own words about the token (GitHub: which repositories). */
      details: UpstreamDetails | null;
    };

/** The `source` filter of the inventory: Tokenward's own tokens, or one connector's. */
export const TOKENWARD_SOURCE = 'tokenward';

/** Who holds an upstream token, as the upstream names them. */
export interface UpstreamOwner {
  externalId: string;
  name: string;
  email: string;
}

/** One token as read from upstream, before it is matched to the directory. */
export interface UpstreamToken {
  kind: ExternalTokenKind;
  externalId: string;
  label: string;
  scopes: string[];
  status: 'active' | 'suspended';
  createdAt: Date;
  expiresAt: Date | null;
  lastActiveAt: Date | null;
  owner: UpstreamOwner | null;
  /** What the upstream says about the token in its own words (e.g. GitHub's repository selection). */
  details?: UpstreamDetails | null | undefined;
  /** The addresses the token was last used from, newest last, where the upstream tells them. */
  lastUsedIps?: string[] | undefined;
}

/** Upstream facts kept for display, as the upstream names them. */
export type UpstreamDetails = Record<string, string | number | boolean | null>;

export interface Connector {
  id: string;
  orgId: string;
  type: ConnectorType;
  name: string;
  baseUrl: string;
  upstreamOrgId: string;
  scheduleMinutes: number;
  unmatchedPolicyId: string | null;
  nextSyncAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ExternalToken {
  id: string;
  orgId: string;
  connectorId: string;
  kind: ExternalTokenKind;
  externalId: string;
  ownerUserId: string | null;
  owner: UpstreamOwner | null;
  label: string;
  scopes: string[];
  status: ExternalTokenStatus;
  createdAt: Date;
  expiresAt: Date | null;
  lastActiveAt: Date | null;
  /** The addresses the token was last used from (empty where the upstream does not tell). */
  lastUsedIps: string[];
  firstSeenAt: Date;
  goneAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
  revokedReason: string | null;
  details: UpstreamDetails | null;
}

export type SyncState = 'queued' | 'running' | 'succeeded' | 'failed';
export type SyncTrigger = 'manual' | 'schedule';

export interface SyncCounts {
  /** Upstream tokens read in this run. */
  seen: number;
  /** First seen in this run (each raised `token.discovered`). */
  discovered: number;
  /** Known tokens whose upstream fields changed. */
  updated: number;
  /** Known tokens no longer listed upstream, now marked gone. */
  gone: number;
  pages: number;
}

export const ZERO_COUNTS: SyncCounts = { seen: 0, discovered: 0, updated: 0, gone: 0, pages: 0 };

export interface SyncRun {
  id: string;
  orgId: string;
  connectorId: string;
  trigger: SyncTrigger;
  state: SyncState;
  /** The kind of upstream list being read, then `finishing`. */
  phase: string;
  counts: SyncCounts;
  error: string | null;
  attempts: number;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What a connection test found, in words an admin can act on. */
export interface ConnectionCheck {
  /** What was tried, e.g. "read user API tokens". */
  capability: string;
  ok: boolean;
  detail: string;
}

export const DEFAULT_SCHEDULE_MINUTES = 60;
export const MIN_SCHEDULE_MINUTES = 5;
export const MAX_SCHEDULE_MINUTES = 7 * 24 * 60;

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

/** The base URL an admin typed: http(s) only, no query or fragment; returned without a trailing slash. */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid('baseUrl must be an absolute http or https URL, such as https://api.atlassian.com.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('baseUrl must start with https:// (or http:// for a test system).');
  if (url.search || url.hash || url.username || url.password) throw invalid('baseUrl must not carry a query, a fragment or a user name.');
  return url.toString().replace(/\/+$/, '');
}

/** The lower-cased text `q` matches: label, owner name and owner e-mail. */
export function externalSearchTextOf(label: string, owner: UpstreamOwner | null): string {
  return [label, owner?.name ?? '', owner?.email ?? ''].join('\n').toLowerCase();
}

/** Whether a read token differs from the stored one in anything the upstream decides. */
export function hasUpstreamChange(stored: ExternalToken, read: UpstreamToken): boolean {
  const time = (d: Date | null) => (d ? d.getTime() : null);
  return (
    stored.status === 'revoked' ||
    stored.label !== read.label ||
    stored.status !== read.status ||
    time(stored.expiresAt) !== time(read.expiresAt) ||
    time(stored.lastActiveAt) !== time(read.lastActiveAt) ||
    JSON.stringify(stored.lastUsedIps) !== JSON.stringify(read.lastUsedIps ?? []) ||
    stored.createdAt.getTime() !== read.createdAt.getTime() ||
    JSON.stringify(stored.scopes) !== JSON.stringify(read.scopes) ||
    (stored.owner?.externalId ?? null) !== (read.owner?.externalId ?? null) ||
    (stored.owner?.name ?? null) !== (read.owner?.name ?? null) ||
    (stored.owner?.email ?? null) !== (read.owner?.email ?? null) ||
    JSON.stringify(stored.details ?? null) !== JSON.stringify(read.details ?? null)
  );
}

/** A short, secret-free text of an upstream failure, for sync errors and the audit log. */
export function clip(text: string, max = 500): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Why a connected token breaks the policy that governs it, in words. */
export interface ExternalViolation {
  kind: 'lifetime' | 'scopes' | 'idle';
  reason: string;
}

/**
 * A connected token against a rule. Lifetime: from its creation to its expiry (the connected
 * system cannot shorten it, so this is flagged, never fixed); scopes: outside the allowed ones;
 * idle: not used (a never-used token: since its creation) for longer than the rule's idle limit.
 */
export function externalViolationsOf(
  rule: { maxLifetimeDays: number; idleRevokeAfterDays: number | null },
  allowedScopeNames: ReadonlySet<string>,
  token: Pick<ExternalToken, 'createdAt' | 'expiresAt' | 'lastActiveAt' | 'scopes'>,
  now: Date,
): ExternalViolation[] {
  const out: ExternalViolation[] = [];
  if (token.expiresAt === null) out.push({ kind: 'lifetime', reason: `It never expires; the policy allows at most ${rule.maxLifetimeDays} days.` });
  else {
    const days = Math.ceil((token.expiresAt.getTime() - token.createdAt.getTime()) / DAY_MS);
    if (days > rule.maxLifetimeDays) out.push({ kind: 'lifetime', reason: `It lives ${days} days; the policy allows at most ${rule.maxLifetimeDays}.` });
  }
  const outside = token.scopes.filter((s) => !allowedScopeNames.has(s));
  if (outside.length > 0) out.push({ kind: 'scopes', reason: `Scopes outside the policy: ${outside.join(', ')}.` });
  if (rule.idleRevokeAfterDays !== null) {
    const idleDays = Math.floor((now.getTime() - (token.lastActiveAt ?? token.createdAt).getTime()) / DAY_MS);
    if (idleDays > rule.idleRevokeAfterDays) out.push({ kind: 'idle', reason: `Not used for ${idleDays} days; the policy's idle limit is ${rule.idleRevokeAfterDays}.` });
  }
  return out;
}

/** pending: read, not decided yet; queued: waits for an approver; closed: decided or withdrawn upstream without Tokenward. */
export type ExternalRequestStatus = 'pending' | 'queued' | 'approved' | 'denied' | 'closed';

/** A request as read upstream. */
export interface UpstreamRequest {
  externalId: string;
  upstreamTokenId: string | null;
  owner: UpstreamOwner | null;
  label: string;
  scopes: string[];
  details: UpstreamDetails | null;
  justification: string | null;
  createdAt: Date;
  expiresAt: Date | null;
}

export interface ExternalRequest extends UpstreamRequest {
  id: string;
  orgId: string;
  connectorId: string;
  ownerUserId: string | null;
  status: ExternalRequestStatus;
  policyId: string | null;
  policyName: string | null;
  policyReason: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  upstreamStatus: number | null;
  upstreamAnswer: string | null;
}
