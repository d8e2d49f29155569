/**
 * The hygiene jobs (docs/automation.md). Each job is `plan(orgId, now)`, returning the
 * actions it would take, and `apply(tx, orgId, action, now)`, taking one of them. A dry run is the
 * plan alone; a run stores the plan, then applies its actions one transaction each, so the dry run
 * with the same `now` lists exactly what the run does, and a resumed run finishes the same plan.
 * Every apply is idempotent (notices are unique, a revoke skips revoked tokens): a step repeated
 * after a crash does nothing twice.
 */
import { tokenRef } from '../domain/events.js';
import { DAY_MS } from '../domain/time.js';
import {
  noticeKeyOf,
  planExpiryWarnings,
  planIdleRevocations,
  planApprovalReminders,
  planMarkExpired,
  type HygieneAction,
} from '../domain/hygiene.js';
import type { Stores } from '../store/stores.js';
import { applyAuditPurgeStep, planAuditPurge } from './audit-purge.js';
import { createPolicyIdleLimits, type IdleLimitsFactory } from './policy-idle-limits.js';
import { auditEntry } from './audit-service.js';
import { recordRevocations } from './event-recorder.js';
import type { Clock } from '../domain/clock.js';
import type { TokenChangeBus } from './token-change-bus.js';
import type { ExternalHygiene } from './external-hygiene.js';
import type { UpstreamActionResult } from './connectors/connector-types.js';

export interface JobDefinition {
  name: string;
  description: string;
  /** Cron expression, UTC, minute granularity. */
  schedule: string;
  /** false: a documented stub until the table it needs exists (approvals, raw usage). */
  isAvailable: boolean;
  plan(stores: Stores, orgId: string, now: Date): Promise<HygieneAction[]>;
  /**
   * Work outside the database for one action (a call to a connected system), done before the
   * step's transaction; its answer is handed to `apply`. A step repeated after a crash calls it
   * again, so it must be safe to repeat.
   */
  prepare?(stores: Stores, orgId: string, action: HygieneAction, now: Date): Promise<unknown>;
  apply(tx: Stores, orgId: string, action: HygieneAction, now: Date, prepared?: unknown): Promise<void>;
}

const SYSTEM = { actorType: 'system' as const, actorId: 'automation', ip: null };

export function createHygieneJobs(deps: {
  clock: Clock;
  idleLimits?: IdleLimitsFactory;
  schedules?: Partial<Record<string, string>>;
  bus?: TokenChangeBus | undefined;
  /** Connected tokens in the idle-revoke and expiry-warning jobs; without it, Tokenward's own only. */
  external?: ExternalHygiene | undefined;
}): JobDefinition[] {
  const { external } = deps;
  // The default: each owner's effective policy (src/service/policy-idle-limits.ts).
  const idleLimits = deps.idleLimits ?? createPolicyIdleLimits(deps.clock);
  const schedule = (name: string, fallback: string) => deps.schedules?.[name] ?? fallback;

  async function loadToken(tx: Stores, orgId: string, id: string) {
    return tx.tokens.findById(orgId, id);
  }

  /** Records the notice; false when another run already did (then the action is skipped). */
  async function claimNotice(tx: Stores, action: HygieneAction, now: Date): Promise<boolean> {
    const key = noticeKeyOf(action);
    return key === null || !('tokenId' in action) ? true : tx.hygiene.insertNotice(action.tokenId, key, now);
  }

  return [
    {
      name: 'mark-expired',
      description: 'Marks each token past its expiry date as expired, once, and tells the webhooks that follow expirations.',
      schedule: schedule('mark-expired', '5 * * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const tokens = await stores.hygiene.expiredUnrevoked(orgId, now);
        return planMarkExpired(tokens, now, await stores.hygiene.noticesOf(tokens.map((t) => t.id)));
      },
      async apply(tx, orgId, action, now) {
        if (action.type !== 'mark_expired' || !(await claimNotice(tx, action, now))) return;
        const token = await loadToken(tx, orgId, action.tokenId);
        if (!token) return;
        await tx.events.record({ orgId, type: 'token.expired', payload: { token: tokenRef(token) }, occurredAt: now });
        await tx.audit.append(auditEntry({ orgId, ...SYSTEM, action: 'token.expired', targetType: 'token', targetId: token.id, details: { expiresAt: action.expiresAt } }, () => now));
      },
    },
    {
      name: 'expiry-warnings',
      description: "Warns owners before their tokens expire (30, 7 and 1 days before by default; set under the automation settings), once per token and warning; tokens of connected systems too.",
      schedule: schedule('expiry-warnings', '15 * * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const settings = await stores.notificationSettings.getAutomation(orgId);
        const maxDays = Math.max(0, ...settings.expiryWarningDays);
        const tokens = await stores.hygiene.expiringActive(orgId, now, maxDays * DAY_MS);
        const own = planExpiryWarnings(tokens, now, settings.expiryWarningDays, await stores.hygiene.noticesOf(tokens.map((t) => t.id)));
        return external ? [...own, ...(await external.planExpiry(stores, orgId, settings.expiryWarningDays, now))] : own;
      },
      async apply(tx, orgId, action, now) {
        if (action.type === 'warn_expiring_external') return external?.applyExpiryWarning(tx, orgId, action, now);
        if (action.type !== 'warn_expiring' || !(await claimNotice(tx, action, now))) return;
        const token = await loadToken(tx, orgId, action.tokenId);
        if (!token) return;
        await tx.events.record({ orgId, type: 'token.expiring', payload: { token: tokenRef(token), daysBefore: action.daysBefore }, occurredAt: now });
      },
    },
    {
      name: 'idle-revoke',
      description:
        "Revokes people's and service accounts' tokens unused for longer than their policy allows, after warning their owners a few days before; tokens of connected systems are revoked in those systems (those they cannot revoke one by one are listed, not revoked).",
      schedule: schedule('idle-revoke', '30 2 * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const settings = await stores.notificationSettings.getAutomation(orgId);
        // Limits differ per owner: the query resolves each owner's policy and returns only the
        // tokens past their limit or inside its warning window, with that limit.
        const found = await stores.idlePolicy.actionable(orgId, now, await idleLimits(stores, orgId, settings), settings.idleWarningDays);
        const limitOf = new Map(found.map((f) => [f.token.id, f.revokeAfterDays]));
        const tokens = found.map((f) => f.token);
        const own = planIdleRevocations(tokens, now, (token) => limitOf.get(token.id) ?? null, settings.idleWarningDays, await stores.hygiene.noticesOf(tokens.map((t) => t.id)));
        return external ? [...own, ...(await external.planIdle(stores, orgId, settings, now))] : own;
      },
      async prepare(stores, orgId, action) {
        return action.type === 'revoke_idle_external' && external ? external.revokeUpstream(stores, orgId, action) : null;
      },
      async apply(tx, orgId, action, now, prepared) {
        if (action.type === 'revoke_idle_external') {
          await external?.applyRevoke(tx, orgId, action, (prepared ?? null) as UpstreamActionResult | null, now);
        } else if (action.type === 'warn_idle') {
          if (!(await claimNotice(tx, action, now))) return;
          const token = await loadToken(tx, orgId, action.tokenId);
          if (!token) return;
          const { idleDays, revokeAfterDays, revokeOn } = action;
          await tx.events.record({ orgId, type: 'token.idle_warning', payload: { token: tokenRef(token), idleDays, revokeAfterDays, revokeOn }, occurredAt: now });
        } else if (action.type === 'revoke_idle') {
          if (!(await tx.tokens.revoke(orgId, action.tokenId, 'automation', `idle for ${action.idleDays} days`, now))) return;
          // Published inside the job's transaction (the job service owns it): an idle token is in
          // no verification cache (unused for days, the cache TTL is seconds), so no stale re-load
          // can race this; the message is for safety.
          deps.bus?.tokensChanged(orgId, [action.tokenId]);
          const token = await loadToken(tx, orgId, action.tokenId);
          if (!token) return;
          const { idleDays, revokeAfterDays } = action;
          await tx.events.record({ orgId, type: 'token.idle_revoked', payload: { token: tokenRef(token), idleDays, revokeAfterDays }, occurredAt: now });
          await tx.audit.append(
            auditEntry({ orgId, ...SYSTEM, action: 'token.idle_revoked', targetType: 'token', targetId: token.id, details: { idleDays, revokeAfterDays } }, () => now),
          );
        }
      },
    },
    {
      name: 'unretrieved-revoke',
      description: 'Revokes centrally issued tokens whose one-time retrieval link (7 days) expired unused: nobody holds their secret.',
      schedule: schedule('unretrieved-revoke', '20 * * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const found = await stores.hygiene.unretrievedDeliveries(orgId, now);
        return found.map((d): HygieneAction => ({ type: 'revoke_unretrieved', tokenId: d.tokenId, deliveryId: d.deliveryId, retrievableUntil: d.expiresAt.toISOString() }));
      },
      async apply(tx, orgId, action, now) {
        if (action.type !== 'revoke_unretrieved') return;
        if (!(await tx.tokens.revoke(orgId, action.tokenId, 'automation', 'never retrieved', now))) return;
        deps.bus?.tokensChanged(orgId, [action.tokenId]);
        await recordRevocations(tx, orgId, [action.tokenId], { type: 'system', id: 'automation' }, 'never_retrieved', now);
        await tx.audit.append(
          auditEntry(
            { orgId, ...SYSTEM, action: 'token.revoked', targetType: 'token', targetId: action.tokenId, details: { reason: 'never_retrieved', deliveryId: action.deliveryId, retrievableUntil: action.retrievableUntil } },
            () => now,
          ),
        );
      },
    },
    {
      name: 'approval-reminders',
      description: "Reminds approvers of token requests waiting longer than the reminder delay (48 hours by default), then again after each such delay.",
      schedule: schedule('approval-reminders', '0 * * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const settings = await stores.notificationSettings.getAutomation(orgId);
        const everyMs = settings.approvalReminderHours * 3_600_000;
        const pending = await stores.hygiene.pendingRequests(orgId, new Date(now.getTime() - everyMs));
        if (pending.length === 0) return [];
        return planApprovalReminders(pending, now, settings.approvalReminderHours, await stores.hygiene.remindersSent(orgId));
      },
      async apply(tx, orgId, action, now) {
        if (action.type !== 'remind_approvers' || !(await tx.hygiene.isRequestPending(orgId, action.approvalId))) return;
        const { approvalId, pendingHours, reminder } = action;
        await tx.events.record({ orgId, type: 'approval.reminder', payload: { approvalId, pendingHours, reminder }, occurredAt: now });
      },
    },
    {
      name: 'usage-purge',
      description: 'Deletes the record of single calls older than the usage retention (90 days by default); the daily totals stay.',
      schedule: schedule('usage-purge', '45 3 * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const settings = await stores.notificationSettings.getAutomation(orgId);
        const before = new Date(now.getTime() - settings.usageRetentionDays * DAY_MS);
        const events = await stores.hygiene.purgeUsage(orgId, before, true);
        return events === 0 ? [] : [{ type: 'purge_usage', before: before.toISOString(), events }];
      },
      async apply(tx, orgId, action) {
        if (action.type !== 'purge_usage') return;
        await tx.hygiene.purgeUsage(orgId, new Date(action.before), false);
      },
    },
    {
      name: 'outbox-purge',
      description: 'Deletes delivered notifications (with their delivery history) and finished job runs older than the retention set for them (90 days by default).',
      schedule: schedule('outbox-purge', '50 3 * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const settings = await stores.notificationSettings.getAutomation(orgId);
        const before = new Date(now.getTime() - settings.outboxRetentionDays * DAY_MS);
        const counts = await stores.hygiene.purgeOutbox(orgId, before, true);
        return counts.events + counts.jobRuns === 0 ? [] : [{ type: 'purge_outbox', before: before.toISOString(), ...counts }];
      },
      async apply(tx, orgId, action) {
        if (action.type !== 'purge_outbox') return;
        await tx.hygiene.purgeOutbox(orgId, new Date(action.before), false);
      },
    },
    {
      name: 'audit-purge',
      description: "Removes audit entries older than the org's audit retention (kept forever unless one is set), oldest first; the log stays verifiable from where it now starts.",
      schedule: schedule('audit-purge', '55 3 * * *'),
      isAvailable: true,
      plan: (stores, orgId, now) => planAuditPurge(stores, orgId, now),
      async apply(tx, orgId, action) {
        if (action.type !== 'purge_audit') return;
        await applyAuditPurgeStep(tx, orgId, action, deps.clock);
      },
    },
    {
      name: 'weekly-digest',
      description: 'Sends admins a digest of the past week: new, revoked, expiring, stale and most active tokens.',
      schedule: schedule('weekly-digest', '0 8 * * 1'),
      isAvailable: true,
      async plan(_stores, _orgId, now) {
        return [{ type: 'send_digest', periodStart: new Date(now.getTime() - 7 * DAY_MS).toISOString(), periodEnd: now.toISOString() }];
      },
      async apply(tx, orgId, action, now) {
        if (action.type !== 'send_digest') return;
        const settings = await tx.notificationSettings.getAutomation(orgId);
        const from = new Date(action.periodStart);
        const to = new Date(action.periodEnd);
        const figures = await tx.hygiene.digestFigures(orgId, from, to, new Date(to.getTime() - settings.staleAfterDays * DAY_MS), new Date(to.getTime() + 30 * DAY_MS));
        await tx.events.record({ orgId, type: 'digest.weekly', payload: { periodStart: action.periodStart, periodEnd: action.periodEnd, ...figures }, occurredAt: now });
      },
    },
  ];
}
