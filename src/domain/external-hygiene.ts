/**
 * The hygiene jobs over connected tokens, pure: given the tokens a query found and `now`, which
 * actions the idle-revoke and expiry-warning jobs take. The same rules as for Tokenward's own
 * tokens (see hygiene.ts), with one difference: what the connected system cannot do alone is
 * flagged for an admin, never pretended done.
 */
import type { ExternalToken } from './connectors.js';
import { noticeKeyOf, type HygieneAction } from './hygiene.js';
import { DAY_MS } from './time.js';

/** The idle limit in days of a connected token, or null when none applies. */
export type ExternalIdleLimitResolver = (token: ExternalToken) => number | null;

/**
 * Whether the connected system can revoke this one token on its own: everything but a service
 * account's token where the system revokes an account's tokens only all at once (Atlassian).
 * GitLab's group and project access tokens (service-account tokens here) go one by one.
 */
export function isRevocableSingly(token: Pick<ExternalToken, 'kind'>, revokesEachServiceAccountToken: boolean): boolean {
  return token.kind !== 'service_account' || revokesEachServiceAccountToken;
}

/**
 * Active, unexpired user and service-account tokens idle for at least their limit: revoked
 * upstream, or flagged when the connected system cannot revoke them one by one. Admin keys are
 * left alone, as Tokenward's own are: one of them is the connector's own credential.
 */
export function planExternalIdleRevocations(
  tokens: readonly ExternalToken[],
  now: Date,
  limitOf: ExternalIdleLimitResolver,
  revokesEachServiceAccountToken: (connectorId: string) => boolean,
): HygieneAction[] {
  const actions: HygieneAction[] = [];
  for (const token of tokens) {
    if (token.status !== 'active' || token.kind === 'admin_key') continue;
    if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) continue;
    const revokeAfterDays = limitOf(token);
    if (revokeAfterDays === null || revokeAfterDays <= 0) continue;
    const since = token.lastActiveAt ?? token.createdAt;
    const idleMs = now.getTime() - since.getTime();
    if (idleMs < revokeAfterDays * DAY_MS) continue;
    const common = {
      externalTokenId: token.id,
      connectorId: token.connectorId,
      kind: token.kind,
      label: token.label,
      idleDays: Math.floor(idleMs / DAY_MS),
      revokeAfterDays,
      lastActiveAt: since.toISOString(),
    };
    actions.push(
      isRevocableSingly(token, revokesEachServiceAccountToken(token.connectorId))
        ? { type: 'revoke_idle_external', ...common }
        : { type: 'flag_idle_external', ...common, reason: 'The connected system revokes a service account\'s tokens only all at once; revoke them from the connector if the account is unused.' },
    );
  }
  return actions;
}

/** One warning per token: the tightest threshold it is already inside, once (as for Tokenward's tokens). */
export function planExternalExpiryWarnings(tokens: readonly ExternalToken[], now: Date, thresholdsDays: readonly number[], noticed: ReadonlySet<string>): HygieneAction[] {
  const ascending = [...new Set(thresholdsDays)].filter((d) => d > 0).sort((a, b) => a - b);
  const actions: HygieneAction[] = [];
  for (const token of tokens) {
    if (token.status !== 'active' || !token.expiresAt) continue;
    const remainingMs = token.expiresAt.getTime() - now.getTime();
    if (remainingMs <= 0) continue;
    const daysBefore = ascending.find((d) => remainingMs <= d * DAY_MS);
    if (daysBefore === undefined) continue;
    const action: HygieneAction = { type: 'warn_expiring_external', externalTokenId: token.id, connectorId: token.connectorId, label: token.label, daysBefore, expiresAt: token.expiresAt.toISOString() };
    if (!noticed.has(`${token.id} ${noticeKeyOf(action)}`)) actions.push(action);
  }
  return actions;
}
