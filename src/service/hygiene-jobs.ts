/**
 * The hygiene jobs of issue #8 (docs/automation.md). Each job is `plan(orgId, now)`, returning the
 * actions it would take, and `apply(tx, orgId, action, now)`, taking one of them. A dry run is the
 * plan alone; a run stores the plan, then applies its actions one transaction each, so the dry run
 * with the same `now` lists exactly what the run does, and a resumed run finishes the same plan.
 * Every apply is idempotent (notices are unique, a revoke skips revoked tokens): a step repeated
 * after a crash does nothing twice.
 */
import { tokenRef } from '../domain/events.js';
import {
  DAY_MS,
  noticeKeyOf,
  planExpiryWarnings,
  planIdleRevocations,
  planMarkExpired,
  type AutomationSettings,
  type HygieneAction,
  type IdleLimitResolver,
} from '../domain/hygiene.js';
import type { Stores } from '../store/stores.js';
import { auditEntry } from './audit-service.js';
import type { Clock } from '../domain/clock.js';

export interface JobDefinition {
  name: string;
  description: string;
  /** Cron expression, UTC, minute granularity. */
  schedule: string;
  /** false: a documented stub until the table it needs exists (approvals, raw usage). */
  isAvailable: boolean;
  plan(stores: Stores, orgId: string, now: Date): Promise<HygieneAction[]>;
  apply(tx: Stores, orgId: string, action: HygieneAction, now: Date): Promise<void>;
}

/**
 * The seam for issue #6: given the org, a resolver of each token's idle limit in days. Until the
 * policies branch provides `idleRevokeAfterDays` per user through its effective-policy service, the
 * default resolver returns the org-wide `idleRevokeAfterDays` automation setting for every token.
 */
export type IdleLimitResolverFactory = (stores: Stores, orgId: string, settings: AutomationSettings) => Promise<IdleLimitResolver>;

export const orgSettingIdleLimits: IdleLimitResolverFactory = async (_stores, _orgId, settings) => () => settings.idleRevokeAfterDays;

const SYSTEM = { actorType: 'system' as const, actorId: 'automation', ip: null };

export function createHygieneJobs(deps: { clock: Clock; idleLimits?: IdleLimitResolverFactory; schedules?: Partial<Record<string, string>> }): JobDefinition[] {
  const idleLimits = deps.idleLimits ?? orgSettingIdleLimits;
  const schedule = (name: string, fallback: string) => deps.schedules?.[name] ?? fallback;

  async function loadToken(tx: Stores, orgId: string, id: string) {
    return tx.tokens.findById(orgId, id);
  }

  /** Records the notice; false when another run already did (then the action is skipped). */
  async function claimNotice(tx: Stores, action: HygieneAction, now: Date): Promise<boolean> {
    const key = noticeKeyOf(action);
    return key === null || !('tokenId' in action) ? true : tx.hygiene.insertNotice(action.tokenId, key, now);
  }

  const unavailable = async (): Promise<HygieneAction[]> => [];
  const nothing = async (): Promise<void> => undefined;

  return [
    {
      name: 'mark-expired',
      description: 'Raises token.expired once for each token past its expiry date.',
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
      description: "Warns owners before their tokens expire (the org's expiryWarningDays, 30/7/1 by default), once per token and threshold.",
      schedule: schedule('expiry-warnings', '15 * * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const settings = await stores.notificationSettings.getAutomation(orgId);
        const maxDays = Math.max(0, ...settings.expiryWarningDays);
        const tokens = await stores.hygiene.expiringActive(orgId, now, maxDays * DAY_MS);
        return planExpiryWarnings(tokens, now, settings.expiryWarningDays, await stores.hygiene.noticesOf(tokens.map((t) => t.id)));
      },
      async apply(tx, orgId, action, now) {
        if (action.type !== 'warn_expiring' || !(await claimNotice(tx, action, now))) return;
        const token = await loadToken(tx, orgId, action.tokenId);
        if (!token) return;
        await tx.events.record({ orgId, type: 'token.expiring', payload: { token: tokenRef(token), daysBefore: action.daysBefore }, occurredAt: now });
      },
    },
    {
      name: 'idle-revoke',
      description: 'Revokes user and service-account tokens idle longer than their idle limit; warns owners idleWarningDays before.',
      schedule: schedule('idle-revoke', '30 2 * * *'),
      isAvailable: true,
      async plan(stores, orgId, now) {
        const settings = await stores.notificationSettings.getAutomation(orgId);
        const limitOf = await idleLimits(stores, orgId, settings);
        // The org-wide limit narrows the query; a per-user resolver may need every active token.
        const narrowestMs = deps.idleLimits ? 0 : Math.max(0, ((settings.idleRevokeAfterDays ?? Infinity) - settings.idleWarningDays) * DAY_MS);
        if (!Number.isFinite(narrowestMs)) return [];
        const tokens = await stores.hygiene.idleActive(orgId, now, narrowestMs);
        return planIdleRevocations(tokens, now, limitOf, settings.idleWarningDays, await stores.hygiene.noticesOf(tokens.map((t) => t.id)));
      },
      async apply(tx, orgId, action, now) {
        if (action.type === 'warn_idle') {
          if (!(await claimNotice(tx, action, now))) return;
          const token = await loadToken(tx, orgId, action.tokenId);
          if (!token) return;
          const { idleDays, revokeAfterDays, revokeOn } = action;
          await tx.events.record({ orgId, type: 'token.idle_warning', payload: { token: tokenRef(token), idleDays, revokeAfterDays, revokeOn }, occurredAt: now });
        } else if (action.type === 'revoke_idle') {
          if (!(await tx.tokens.revoke(orgId, action.tokenId, 'automation', `idle for ${action.idleDays} days`, now))) return;
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
      name: 'approval-reminders',
      description: 'Reminds approvers of token requests pending over 48 hours. Stub: the approvals table comes with the policies issue (#6).',
      schedule: schedule('approval-reminders', '0 * * * *'),
      isAvailable: false,
      plan: unavailable,
      apply: nothing,
    },
    {
      name: 'usage-purge',
      description: 'Purges raw usage records past retention. Stub: the usage table comes with the verification issue (#7).',
      schedule: schedule('usage-purge', '45 3 * * *'),
      isAvailable: false,
      plan: unavailable,
      apply: nothing,
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
