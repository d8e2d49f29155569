/**
 * Query rules of the token inventory endpoints (CONTRACT.md T1/T2, K1/K2): the filters,
 * the sort, the page size, and the Atlassian status of a token. Pure; the store turns a parsed
 * query into SQL, and `inventoryStatusOf` is the reference that SQL mirrors.
 */
import { parseDateFilter, type DateField, type DateFilter } from './date-filters.js';
import { DomainError } from './errors.js';
import type { Token, UserStatus } from './models.js';

export type InventoryStatus = 'ALLOWED' | 'BLOCKED';
export type SortField = 'createdAt' | 'lastActiveAt' | 'expiresAt' | 'label';
export type KeyType = 'scoped' | 'unscoped';

export interface Sort {
  field: SortField;
  descending: boolean;
}

/** Our reading: newest first when no `sort` is given. */
export const DEFAULT_SORT: Sort = { field: 'createdAt', descending: true };
/** our reading (CONTRACT.md §1.4): 100 by default; above 1000 is clamped to 1000, not refused. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** The one limit on an inventory search text, enforced by the query schemas before any service sees `q`. */
export const MAX_Q_LENGTH = 200;

/**
 * Sort keys of missing instants, chosen to agree with the `gt` filters: a never-used token is
 * infinitely old (first in `+lastActiveAt`), a key that never expires infinitely late (last in
 * `+expiresAt`). The store's SQL uses the same constants in COALESCE and in its indexes.
 */
export const NEVER_ACTIVE_SORT_MS = -1;
export const NEVER_EXPIRES_SORT_MS = 8_640_000_000_000_000;

export interface InventoryFilters {
  /** Lower-cased, trimmed; null when absent. */
  q: string | null;
  status: 'allowed' | 'blocked' | null;
  keyType: KeyType | null;
  dates: Partial<Record<DateField, DateFilter>>;
}

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

function oneText(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`${name} must be given once, as text.`);
  return value;
}

/**
 * Reads the filters an endpoint supports (`dateFields` and whether `status`/`keyType` apply);
 * unknown parameters are ignored, bad values of known ones are VALIDATION_FAILED.
 */
export function parseInventoryFilters(
  params: Record<string, unknown>,
  options: { dateFields: readonly DateField[]; hasStatus: boolean; hasKeyType: boolean },
): InventoryFilters {
  const rawQ = oneText(params, 'q')?.trim();
  const q = rawQ ? rawQ.toLowerCase() : null;

  let status: InventoryFilters['status'] = null;
  const rawStatus = options.hasStatus ? oneText(params, 'status') : undefined;
  if (rawStatus) {
    const lower = rawStatus.toLowerCase();
    if (lower !== 'allowed' && lower !== 'blocked') throw invalid('status must be allowed or blocked.');
    status = lower;
  }

  let keyType: KeyType | null = null;
  const rawKeyType = options.hasKeyType ? oneText(params, 'keyType') : undefined;
  if (rawKeyType) {
    const lower = rawKeyType.toLowerCase();
    if (lower !== 'scoped' && lower !== 'unscoped') throw invalid('keyType must be scoped or unscoped.');
    keyType = lower;
  }

  const dates: InventoryFilters['dates'] = {};
  for (const field of options.dateFields) {
    const filter = parseDateFilter(field, params);
    if (filter) dates[field] = filter;
  }
  return { q, status, keyType, dates };
}

/** `[+|-]createdAt|lastActiveAt|expiresAt|label`; `+` (or none) ascending. */
export function parseSort(raw: unknown): Sort {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_SORT;
  if (typeof raw !== 'string') throw invalid('sort must be given once.');
  // A literal `+` in a query string arrives as a space unless the client encoded it.
  const match = /^([+\- ]?)(createdAt|lastActiveAt|expiresAt|label)$/.exec(raw);
  if (!match) throw invalid('sort must be [+|-] followed by createdAt, lastActiveAt, expiresAt or label.');
  return { field: match[2] as SortField, descending: match[1] === '-' };
}

export function formatSort(sort: Sort): string {
  return `${sort.descending ? '-' : '+'}${sort.field}`;
}

/** Default when absent, clamped above the maximum; below 1 or not an integer is refused. */
export function parsePageSize(raw: unknown): number {
  if (raw === undefined || raw === null || raw === '') return DEFAULT_PAGE_SIZE;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (typeof text !== 'string' || !/^\d{1,9}$/.test(text.trim()) || Number(text) < 1) {
    throw invalid(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}.`);
  }
  return Math.min(Number(text), MAX_PAGE_SIZE);
}

/** The canonical form of a query, for the cursor's fingerprint: same filters and sort, same text. */
export function fingerprintOf(filters: InventoryFilters, sort: Sort | null): Record<string, unknown> {
  return {
    q: filters.q ?? undefined,
    status: filters.status ?? undefined,
    keyType: filters.keyType ?? undefined,
    dates: Object.keys(filters.dates).length > 0 ? filters.dates : undefined,
    sort: sort ? formatSort(sort) : undefined,
  };
}

/**
 * Atlassian shows a token as ALLOWED or BLOCKED (CONTRACT.md T1). Tokenward's reading (our reading):
 * ALLOWED = active and unexpired, with an active owner; BLOCKED = suspended, expired, or owned by a
 * deactivated user (whose tokens stop working, CONTRACT.md §8). Revoked tokens are deleted in
 * Atlassian, so they never reach this function's callers (null).
 */
export function inventoryStatusOf(token: Token, ownerStatus: UserStatus | null, now: Date): InventoryStatus | null {
  if (token.status === 'revoked') return null;
  if (token.status === 'suspended') return 'BLOCKED';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'BLOCKED';
  if (ownerStatus !== null && ownerStatus !== 'active') return 'BLOCKED';
  return 'ALLOWED';
}

/** The value a token sorts by on `field`, as the store's ORDER BY sees it. */
export function sortKeyOf(token: Token, field: SortField): number | string {
  switch (field) {
    case 'createdAt':
      return token.createdAt.getTime();
    case 'lastActiveAt':
      return token.lastActiveAt?.getTime() ?? NEVER_ACTIVE_SORT_MS;
    case 'expiresAt':
      return token.expiresAt?.getTime() ?? NEVER_EXPIRES_SORT_MS;
    case 'label':
      return token.label;
  }
}

/**
 * The lower-cased text `q` searches: label, then the owner's name and e-mail. Kept on the token
 * row (denormalized) so one trigram index answers the search.
 */
export function searchTextOf(label: string, ownerName: string | null, ownerEmail: string | null): string {
  return [label, ownerName, ownerEmail].filter((part): part is string => !!part).join('\n').toLowerCase();
}
