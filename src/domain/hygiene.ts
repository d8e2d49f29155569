/**
 * The hygiene rules, pure: given the tokens a query found and `now`, which actions a job
 * takes. A job's dry run and its real run call the same planner with the same `now`, so the dry
 * run lists exactly what the run then does (docs/automation.md).
 */
import type { Token } from './models.js';
import { DAY_MS } from './time.js';



/** Per-org automation settings (admin API `/automation/settings`). */
export interface AutomationSettings {
  /** Days before expiry on which owners are warned, e.g. [30, 7, 1]. */
  expiryWarningDays: number[];
  /**
   * Org-wide idle limit, used where no policy provides `idleRevokeAfterDays` per user
   * through its effective-policy service: the seam is the `IdleLimitResolver` of the idle job.
   * null: never revoke for idleness.
   */
  idleRevokeAfterDays: number | null;
  /** Owners are warned this many days before an idle token is revoked. */
  idleWarningDays: number;
  /** Active tokens unused this long count as stale in the weekly digest. */
  staleAfterDays: number;
  /** Delivered events (with their delivery history) and finished job runs are purged after this. */
  outboxRetentionDays: number;
  /** Raw usage events are purged after this; daily aggregates stay. */
  usageRetentionDays: number;
  /** Approvers are reminded of a request pending this long, then again every as many hours. */
  approvalReminderHours: number;
}

export const DEFAULT_AUTOMATION_SETTINGS: AutomationSettings = {
  expiryWarningDays: [30, 7, 1],
  idleRevokeAfterDays: null,
  idleWarningDays: 7,
  staleAfterDays: 90,
  outboxRetentionDays: 90,
  usageRetentionDays: 90,
  approvalReminderHours: 48,
};

/** Returns the idle limit in days that applies to a token, or null when none does. */
export type IdleLimitResolver = (token: Token) => number | null;

export type HygieneAction =
  | { type: 'mark_expired'; tokenId: string; expiresAt: string }
  | { type: 'warn_expiring'; tokenId: string; daysBefore: number; expiresAt: string }
  | { type: 'warn_idle'; tokenId: string; idleDays: number; revokeAfterDays: number; lastActiveAt: string; revokeOn: string }
  | { type: 'revoke_idle'; tokenId: string; idleDays: number; revokeAfterDays: number; lastActiveAt: string }
  | { type: 'send_digest'; periodStart: string; periodEnd: string }
  | { type: 'purge_outbox'; before: string; events: number; jobRuns: number }
  | { type: 'purge_usage'; before: string; events: number }
  /** One batch of the audit-purge job (src/service/audit-purge.ts): the org's entries up to `throughSeq`. */
  | { type: 'purge_audit'; throughSeq: number; count: number; before: string; retentionDays: number; totalCount: number | null }
  | { type: 'remind_approvers'; approvalId: string; reminder: number; pendingHours: number }
  /** A centrally issued token whose one-time retrieval window closed unredeemed: nobody holds its secret. */
  | { type: 'revoke_unretrieved'; tokenId: string; deliveryId: string; retrievableUntil: string }
  /** A connected system's token idle past its limit: revoked in that system, then here. */
  | { type: 'revoke_idle_external'; externalTokenId: string; connectorId: string; kind: string; label: string; idleDays: number; revokeAfterDays: number; lastActiveAt: string }
  /** Idle past its limit, but the connected system cannot revoke it alone: listed for an admin, nothing is done. */
  | { type: 'flag_idle_external'; externalTokenId: string; connectorId: string; kind: string; label: string; idleDays: number; revokeAfterDays: number; lastActiveAt: string; reason: string }
  | { type: 'warn_expiring_external'; externalTokenId: string; connectorId: string; label: string; daysBefore: number; expiresAt: string };

/** Notice keys make each warning happen once per token and threshold (table `token_notices`). */
export function noticeKeyOf(action: HygieneAction): string | null {
  switch (action.type) {
    case 'mark_expired':
      return `expired:${action.expiresAt}`;
    case 'warn_expiring':
      return `expiring:${action.daysBefore}:${action.expiresAt}`;
    case 'warn_idle':
      // A token used again starts a new idle period, which may warn again.
      return `idle:${action.revokeAfterDays}:${action.lastActiveAt}`;
    case 'warn_expiring_external':
      return `expiring:${action.daysBefore}:${action.expiresAt}`;
    default:
      return null;
  }
}

/** Tokens past their expiry date, not revoked, not yet marked. */
export function planMarkExpired(tokens: readonly Token[], now: Date, noticed: ReadonlySet<string>): HygieneAction[] {
  const actions: HygieneAction[] = [];
  for (const token of tokens) {
    if (token.status === 'revoked' || !token.expiresAt || token.expiresAt.getTime() > now.getTime()) continue;
    const action: HygieneAction = { type: 'mark_expired', tokenId: token.id, expiresAt: token.expiresAt.toISOString() };
    if (!noticed.has(`${token.id} ${noticeKeyOf(action)}`)) actions.push(action);
  }
  return actions;
}

/**
 * One warning per token: the tightest threshold the token is already inside. A token that expires
 * in 5 days with thresholds [30, 7, 1] gets the 7-day warning (never a late 30-day one), then the
 * 1-day one when its day comes.
 */
export function planExpiryWarnings(tokens: readonly Token[], now: Date, thresholdsDays: readonly number[], noticed: ReadonlySet<string>): HygieneAction[] {
  const ascending = [...new Set(thresholdsDays)].filter((d) => d > 0).sort((a, b) => a - b);
  const actions: HygieneAction[] = [];
  for (const token of tokens) {
    if (token.status !== 'active' || !token.expiresAt) continue;
    const remainingMs = token.expiresAt.getTime() - now.getTime();
    if (remainingMs <= 0) continue;
    const daysBefore = ascending.find((d) => remainingMs <= d * DAY_MS);
    if (daysBefore === undefined) continue;
    const action: HygieneAction = { type: 'warn_expiring', tokenId: token.id, daysBefore, expiresAt: token.expiresAt.toISOString() };
    if (!noticed.has(`${token.id} ${noticeKeyOf(action)}`)) actions.push(action);
  }
  return actions;
}

/** Idle since the last use, or since creation for a token never used. */
export function idleSinceOf(token: Token): Date {
  return token.lastActiveAt ?? token.createdAt;
}

/**
 * Active, unexpired user and service-account tokens idle for at least their limit are revoked;
 * those within `warningDays` of it are warned once. Admin API keys are left alone: revoking the
 * last one would lock admins out (our reading).
 */
export function planIdleRevocations(
  tokens: readonly Token[],
  now: Date,
  limitOf: IdleLimitResolver,
  warningDays: number,
  noticed: ReadonlySet<string>,
): HygieneAction[] {
  const actions: HygieneAction[] = [];
  for (const token of tokens) {
    if (token.status !== 'active' || token.kind === 'admin_key') continue;
    if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) continue;
    const revokeAfterDays = limitOf(token);
    if (revokeAfterDays === null || revokeAfterDays <= 0) continue;
    const since = idleSinceOf(token);
    const idleMs = now.getTime() - since.getTime();
    const idleDays = Math.floor(idleMs / DAY_MS);
    const lastActiveAt = since.toISOString();
    if (idleMs >= revokeAfterDays * DAY_MS) {
      actions.push({ type: 'revoke_idle', tokenId: token.id, idleDays, revokeAfterDays, lastActiveAt });
    } else if (warningDays > 0 && idleMs >= (revokeAfterDays - warningDays) * DAY_MS) {
      const revokeOn = new Date(since.getTime() + revokeAfterDays * DAY_MS).toISOString();
      const action: HygieneAction = { type: 'warn_idle', tokenId: token.id, idleDays, revokeAfterDays, lastActiveAt, revokeOn };
      if (!noticed.has(`${token.id} ${noticeKeyOf(action)}`)) actions.push(action);
    }
  }
  return actions;
}

/**
 * Pending token requests older than `everyHours` are reminded once per period: reminder k is due
 * once the request has waited k × everyHours, and is sent once (`sent` holds `"<id> <k>"`).
 */
export function planApprovalReminders(
  pending: ReadonlyArray<{ id: string; createdAt: Date }>,
  now: Date,
  everyHours: number,
  sent: ReadonlySet<string>,
): HygieneAction[] {
  const actions: HygieneAction[] = [];
  for (const request of pending) {
    const pendingHours = Math.floor((now.getTime() - request.createdAt.getTime()) / 3_600_000);
    const reminder = Math.floor(pendingHours / everyHours);
    if (reminder < 1 || sent.has(`${request.id} ${reminder}`)) continue;
    actions.push({ type: 'remind_approvers', approvalId: request.id, reminder, pendingHours });
  }
  return actions;
}
