/**
 * The events catalogue (docs/events.md): every event a change in Tokenward raises, with
 * its payload type. Events are written to the `events` outbox in the same transaction as the change
 * (src/store/event-store.ts); webhooks and e-mails are delivered from there. Payloads are "thin":
 * ids and the few fields a receiver needs to act, never a secret.
 */
import type { AuditEntry, TokenOwner } from './models.js';
import type { TokenKind } from './token-format.js';

/** What events say about a token: enough to recognise it, never the secret or its digest. */
export interface TokenRef {
  id: string;
  kind: TokenKind;
  label: string;
  displayPrefix: string;
  owner: TokenOwner | null;
  /** ISO 8601, or null for a key that never expires. */
  expiresAt: string | null;
}

export interface ActorRef {
  type: AuditEntry['actorType'];
  id: string | null;
}

export interface DigestStats {
  periodStart: string;
  periodEnd: string;
  created: number;
  revoked: number;
  expiringWithin30Days: number;
  /** Active tokens unused for 90 days or more. */
  stale: number;
  mostActive: Array<{ id: string; label: string; lastActiveAt: string | null }>;
}

/** What events say about a token read from a connected system (no secret: Tokenward never has it). */
export interface ExternalTokenRef {
  id: string;
  kind: TokenKind;
  label: string;
  source: { type: string; connectorId: string; externalId: string };
  owner: { userId: string | null; name: string; email: string } | null;
  createdAt: string;
  expiresAt: string | null;
}

export interface ConnectorRef {
  id: string;
  type: string;
  name: string;
}

export interface EventPayloads {
  'token.created': { token: TokenRef; actor: ActorRef };
  'token.revoked': { token: TokenRef; actor: ActorRef; reason: string };
  /** A new secret for the same token; the previous one verifies until `previousSecretValidUntil`. */
  'token.rotated': { token: TokenRef; actor: ActorRef; gracePeriodHours: number; previousSecretValidUntil: string | null };
  /** A policy change shortened the token's life or dropped scopes it may no longer hold. */
  'token.clamped': { token: TokenRef; actor: ActorRef; policyId: string; expiresAt: { from: string | null; to: string }; scopesDropped: string[] };
  'token.expiring': { token: TokenRef; daysBefore: number };
  'token.expired': { token: TokenRef };
  'token.idle_warning': { token: TokenRef; idleDays: number; revokeAfterDays: number; revokeOn: string };
  'token.idle_revoked': { token: TokenRef; idleDays: number; revokeAfterDays: number };
  'token.leaked': { token: TokenRef; source: string; url: string | null };
  /** A SCIM token (`twp_`, its own table, docs/scim.md) reported leaked and revoked. */
  'scim_token.leaked': { scimToken: { id: string; label: string; displayPrefix: string }; source: string; url: string | null };
  'admin_key.created': { token: TokenRef; actor: ActorRef };
  'admin_key.revoked': { token: TokenRef; actor: ActorRef };
  'user.deactivated': { userId: string; tokensSuspended: number; actor: ActorRef };
  'user.reactivated': { userId: string; tokensRestored: number; actor: ActorRef };
  'service_account.deleted': { serviceAccountId: string; revokedTokens: number; actor: ActorRef };
  /** `approverIds`: the requester's groups' approvers it was routed to; empty when it went to the org's approvers. Absent on events recorded before routing was told. */
  'approval.requested': { approvalId: string; requesterId: string; summary: string; approverIds?: string[] };
  'approval.decided': { approvalId: string; decision: 'approved' | 'rejected'; deciderId: string };
  'approval.reminder': { approvalId: string; pendingHours: number; reminder: number };
  'policy.changed': { policyId: string; actor: ActorRef };
  'digest.weekly': DigestStats;
  /** A connector's sync read every upstream list; `counts` as on the sync run. */
  'connector.sync_completed': { connector: ConnectorRef; syncId: string; counts: { seen: number; discovered: number; updated: number; gone: number } };
  'connector.sync_failed': { connector: ConnectorRef; syncId: string; error: string; willRetry: boolean };
  /** A token seen upstream for the first time (after the connector's first sync). */
  'token.discovered': { token: ExternalTokenRef; connector: ConnectorRef };
}

export type EventType = keyof EventPayloads;

export const EVENT_TYPES = [
  'token.created',
  'token.revoked',
  'token.rotated',
  'token.clamped',
  'token.expiring',
  'token.expired',
  'token.idle_warning',
  'token.idle_revoked',
  'token.leaked',
  'scim_token.leaked',
  'admin_key.created',
  'admin_key.revoked',
  'user.deactivated',
  'user.reactivated',
  'service_account.deleted',
  'approval.requested',
  'approval.decided',
  'approval.reminder',
  'policy.changed',
  'digest.weekly',
  'connector.sync_completed',
  'connector.sync_failed',
  'token.discovered',
] as const satisfies readonly EventType[];

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** An event as the outbox holds it. */
export interface DomainEvent<T extends EventType = EventType> {
  id: string;
  orgId: string;
  type: T;
  payload: EventPayloads[T];
  occurredAt: Date;
}

/** A new event for `recordEvent`: the store gives it an id. */
export interface NewEvent<T extends EventType = EventType> {
  orgId: string;
  type: T;
  payload: EventPayloads[T];
  occurredAt: Date;
}

export function tokenRef(token: {
  id: string;
  kind: TokenKind;
  label: string;
  displayPrefix: string;
  owner: TokenOwner | null;
  expiresAt: Date | null;
}): TokenRef {
  return {
    id: token.id,
    kind: token.kind,
    label: token.label,
    displayPrefix: token.displayPrefix,
    owner: token.owner,
    expiresAt: token.expiresAt?.toISOString() ?? null,
  };
}

/**
 * The JSON body of a webhook in the `standard` format (Standard Webhooks' recommended shape:
 * `type`, `timestamp` of the event, `data`), plus the event id and org so one URL can serve
 * several organizations.
 */
export function webhookEnvelope(event: DomainEvent): { id: string; type: string; timestamp: string; orgId: string; data: unknown } {
  return { id: event.id, type: event.type, timestamp: event.occurredAt.toISOString(), orgId: event.orgId, data: event.payload };
}
