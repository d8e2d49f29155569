/**
 * The console's "idle past policy" figures: what the idle-revoke job would revoke now and how many
 * tokens it would warn, read as counts and the first page, not by planning over every token.
 * The same limits and the same rules as the job (`planIdleRevocations` judges the warning window,
 * so notices already sent are not counted twice).
 */
import { idleSinceOf, planIdleRevocations } from '../domain/hygiene.js';
import { DAY_MS } from '../domain/time.js';
import type { Stores } from '../store/stores.js';
import type { IdleLimitsFactory } from './policy-idle-limits.js';

export interface IdlePastPolicy {
  plannedAt: Date;
  /** Tokens idle past their limit: the next run revokes them. */
  pastPolicy: number;
  /** Tokens the next run would warn (inside the warning window, not yet warned for this idle period). */
  warned: number;
  /** The first `limit` past their limit, longest idle first. */
  tokens: Array<{ id: string; idleDays: number; revokeAfterDays: number; lastActiveAt: string }>;
}

export async function idlePastPolicy(stores: Stores, orgId: string, now: Date, idleLimits: IdleLimitsFactory, limit = 100): Promise<IdlePastPolicy> {
  const settings = await stores.notificationSettings.getAutomation(orgId);
  const limits = await idleLimits(stores, orgId, settings);
  const past = await stores.idlePolicy.pastLimit(orgId, now, limits, limit);
  const window = await stores.idlePolicy.inWarningWindow(orgId, now, limits, settings.idleWarningDays);
  const limitOf = new Map(window.map((w) => [w.token.id, w.revokeAfterDays]));
  const windowTokens = window.map((w) => w.token);
  const noticed = await stores.hygiene.noticesOf(windowTokens.map((t) => t.id));
  const warned = planIdleRevocations(windowTokens, now, (token) => limitOf.get(token.id) ?? null, settings.idleWarningDays, noticed).filter((a) => a.type === 'warn_idle').length;
  return {
    plannedAt: now,
    pastPolicy: past.total,
    warned,
    tokens: past.longest.map(({ token, revokeAfterDays }) => {
      const since = idleSinceOf(token);
      return { id: token.id, idleDays: Math.floor((now.getTime() - since.getTime()) / DAY_MS), revokeAfterDays, lastActiveAt: since.toISOString() };
    }),
  };
}
