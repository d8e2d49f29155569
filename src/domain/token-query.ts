/**
 * Query rules of the token inventory endpoints (CONTRACT.md T1/T2, K1/K2): the filters,
 * the sort, the page size, and the Atlassian status of a token. Pure; the store turns a parsed
 * query into SQL, and `inventoryStatusOf` is the reference that SQL mirrors.
 */
import { parseDateFilter, type DateFamilyParams, type DateField, type DateFilter } from './date-filters.js';
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

export interface InventoryQuery {
  filters: InventoryFilters;
  sort: Sort;
  pageSize: number;
  /** The `links` value the client passed back, as given; null for the first page. */
  cursor: string | null;
}

/**
 * The filter parameters as the query schemas hand them over: each given once, as text (a number
 * where a schema reads one). The schemas check the shape and the lengths; this module reads the words.
 */
export type InventoryFilterParams = { readonly q?: string; readonly status?: string; readonly keyType?: string } & DateFamilyParams;
export type InventoryQueryParams = InventoryFilterParams & { readonly sort?: string; readonly pageSize?: number | string; readonly cursor?: string };

/** Which filters a list takes: its date families and whether `status`/`keyType` apply. */
export interface InventoryFilterSet {
  dateFields: readonly DateField[];
  hasStatus: boolean;
  hasKeyType: boolean;
}

/** The filters of the user API token list and count (CONTRACT.md T1, T2). */
export const USER_TOKEN_FILTERS: InventoryFilterSet = { dateFields: ['createdAt', 'lastActiveAt'], hasStatus: true, hasKeyType: false };
/** The filters of the admin API key list and count (CONTRACT.md K1, K2). */
export const ADMIN_KEY_FILTERS: InventoryFilterSet = { dateFields: ['expiresAt', 'lastActiveAt'], hasStatus: false, hasKeyType: true };

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

/**
 * Reads the filters an endpoint supports (`dateFields` and whether `status`/`keyType` apply);
 * unknown parameters are ignored, bad values of known ones are VALIDATION_FAILED.
 */
export function parseInventoryFilters(params: InventoryFilterParams, options: InventoryFilterSet): InventoryFilters {
  const rawQ = params.q?.trim();
  const q = rawQ ? rawQ.toLowerCase() : null;

  let status: InventoryFilters['status'] = null;
  const rawStatus = options.hasStatus ? params.status : undefined;
  if (rawStatus) {
    const lower = rawStatus.toLowerCase();
    if (lower !== 'allowed' && lower !== 'blocked') throw invalid('status must be allowed or blocked.');
    status = lower;
  }

  let keyType: KeyType | null = null;
  const rawKeyType = options.hasKeyType ? params.keyType : undefined;
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

/** A whole list query: filters, then sort, then page size, each refused with its own detail. */
export function parseInventoryQuery(params: InventoryQueryParams, options: InventoryFilterSet): InventoryQuery {
  const filters = parseInventoryFilters(params, options);
  const sort = parseSort(params.sort);
  const pageSize = parsePageSize(params.pageSize);
  const cursor = params.cursor !== undefined && params.cursor.trim() !== '' ? params.cursor : null;
  return { filters, sort, pageSize, cursor };
}

/** `[+|-]createdAt|lastActiveAt|expiresAt|label`; `+` (or none) ascending. */
export function parseSort(raw: string | undefined): Sort {
  if (raw === undefined || raw === '') return DEFAULT_SORT;
  // A literal `+` in a query string arrives as a space unless the client encoded it.
  const match = /^([+\- ]?)(createdAt|lastActiveAt|expiresAt|label)$/.exec(raw);
  if (!match) throw invalid('sort must be [+|-] followed by createdAt, lastActiveAt, expiresAt or label.');
  return { field: match[2] as SortField, descending: match[1] === '-' };
}

export function formatSort(sort: Sort): string {
  return `${sort.descending ? '-' : '+'}${sort.field}`;
}

/** Default when absent, clamped above the maximum; below 1 or not an integer is refused. */
export function parsePageSize(raw: number | string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_PAGE_SIZE;
  const text = typeof raw === 'number' ? String(raw) : raw;
  if (!/^\d{1,9}$/.test(text.trim()) || Number(text) < 1) {
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
