/**
 * Pure rules of service accounts: their generated e-mail address, the Atlassian status of
 * their tokens, and the paging bounds of the account list. No I/O; randomness and `now` come in.
 */
import type { Token } from './models.js';
import { tokenUnusableReason } from './models.js';

/** Atlassian's accounts live at `serviceaccount.atlassian.com` (CONTRACT.md §4); ours at a local domain. */
export const SERVICE_ACCOUNT_EMAIL_DOMAIN = 'serviceaccount.tokenward.local';
const MAX_SLUG_LENGTH = 30;

/**
 * The e-mail of a new service account: `<slug of the display name>-<suffix>@serviceaccount.tokenward.local`.
 * The slug keeps ASCII letters and digits (accents dropped), lower-cased, other runs become one `-`; a name with none
 * of those gives `service-account`. The random suffix keeps addresses unique when names repeat.
 *
 *   serviceAccountEmail('CI Bot (prod)', 'k3x9q2') // 'ci-bot-prod-k3x9q2@serviceaccount.tokenward.local'
 */
export function serviceAccountEmail(displayName: string, suffix: string): string {
  const slug =
    displayName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // accents off, so 'Déploiement' keeps its letters
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, MAX_SLUG_LENGTH)
      .replace(/^-+|-+$/g, '') || 'service-account';
  return `${slug}-${suffix}@${SERVICE_ACCOUNT_EMAIL_DOMAIN}`;
}

export type ApiTokenStatus = 'ALLOWED' | 'BLOCKED';

/**
 * A token's status as Atlassian reports it (CONTRACT.md §2): ALLOWED when it may be used now,
 * BLOCKED when suspended or expired. Revoked tokens are never listed (Atlassian deletes them), so
 * a revoked one is BLOCKED here only for completeness.
 */
export function apiTokenStatus(token: Token, now: Date): ApiTokenStatus {
  return tokenUnusableReason(token, now) === null ? 'ALLOWED' : 'BLOCKED';
}

/** SA3 paging: default and ceiling are CONTRACT.md §1.4's our reading values; above the ceiling clamps. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export function clampPageSize(pageSize: number | undefined): number {
  if (pageSize === undefined) return DEFAULT_PAGE_SIZE;
  return Math.min(Math.max(1, Math.floor(pageSize)), MAX_PAGE_SIZE);
}

/** T4 takes at most this many ids per call (CONTRACT.md §2). */
export const MAX_COUNT_IDS = 100;
