/**
 * Query rules of Tokenward's own inventory of EVERY token of an org (docs/tokens-api.md):
 * members' tokens, service accounts' tokens and admin API keys in one list, which the
 * Atlassian-compatible endpoints (one list per kind) cannot give the console. Pure: the store turns
 * a parsed query into SQL, and `lifecycleStatusOf` is the reference its SQL mirrors.
 *
 *   const query = parseOrgTokenQuery(request.query);  // in the route; throws DomainError('VALIDATION_FAILED')
 *
 * The date families, the sort and the page size are those of the Atlassian inventory
 * (src/domain/token-query.ts, src/domain/date-filters.ts), so one client speaks both.
 */
import { parseDateFilter, type DateFamilyParams, type DateField, type DateFilter } from './date-filters.js';
import { CONNECTOR_TYPES, TOKENWARD_SOURCE } from './connectors.js';
import { DomainError } from './errors.js';
import type { Token } from './models.js';
import type { TokenKind } from './token-format.js';
import { parsePageSize, parseSort, type Sort } from './token-query.js';
import { DAY_MS } from './time.js';

/** A token as an admin sees it: revoked, suspended, expired (by the clock), or active. */
export type LifecycleStatus = 'active' | 'suspended' | 'expired' | 'revoked';
export const LIFECYCLE_STATUSES: readonly LifecycleStatus[] = ['active', 'suspended', 'expired', 'revoked'];

/** The wire names of the three token kinds (kebab-case, as in the console's filters). */
export type OwnerKind = 'user' | 'service-account' | 'admin-key';
export const OWNER_KINDS: readonly OwnerKind[] = ['user', 'service-account', 'admin-key'];

/**
 * The kinds of token the inventory shows. SCIM bearer tokens are the provisioning client's
 * credential, managed on their own page, and instance keys belong to no org: never listed here.
 */
export type InventoryKind = Exclude<TokenKind, 'scim' | 'instance'>;
export const INVENTORY_KINDS: readonly InventoryKind[] = ['user', 'service_account', 'admin_key'];

const KIND_OF: Record<OwnerKind, InventoryKind> = { user: 'user', 'service-account': 'service_account', 'admin-key': 'admin_key' };
const OWNER_KIND_OF: Record<InventoryKind, OwnerKind> = { user: 'user', service_account: 'service-account', admin_key: 'admin-key' };

export function tokenKindOf(ownerKind: OwnerKind): InventoryKind {
  return KIND_OF[ownerKind];
}

export function isInventoryKind(kind: TokenKind): kind is InventoryKind {
  return kind !== 'scim' && kind !== 'instance';
}

export function ownerKindOf(kind: InventoryKind): OwnerKind {
  return OWNER_KIND_OF[kind];
}

/**
 * Our reading: without a `status` filter the list shows every status but `revoked` (revoked tokens
 * only pile up; an admin asks for them explicitly with `status=revoked`).
 */
export const DEFAULT_STATUSES: readonly LifecycleStatus[] = ['active', 'suspended', 'expired'];

export const DATE_FIELDS: readonly DateField[] = ['createdAt', 'lastActiveAt', 'expiresAt'];
const MAX_SCOPE_LENGTH = 200;
const MAX_ID_LENGTH = 128;
const MAX_TAG_LENGTH = 50;
export const MAX_IDLE_DAYS = 100_000;

export interface OrgTokenFilters {
  /** Lower-cased, trimmed; null when absent. */
  q: string | null;
  /** Never empty; sorted, so equal filters fingerprint alike. */
  statuses: LifecycleStatus[];
  /** Never empty; sorted. */
  kinds: InventoryKind[];
  dates: Partial<Record<DateField, DateFilter>>;
  /** Tokens holding this exact scope. */
  scope: string | null;
  /** true: never used; false: used at least once; null: either. */
  neverUsed: boolean | null;
  /** Not used in the last N days (a never-used token counts from its creation). */
  idleDays: number | null;
  /** Tokens of this user or service account. */
  ownerId: string | null;
  /** `tokenward` (its own tokens), a connected system's type, a connector id, or null for every source. */
  source: string | null;
  /** Tokens carrying this tag (lower-cased). */
  tag: string | null;
  /** true: tokens that say what they are for; false: those that do not; null: either. */
  hasPurpose: boolean | null;
}

export interface OrgTokenQuery {
  filters: OrgTokenFilters;
  sort: Sort;
  pageSize: number;
  cursor: string | null;
}

/** The sorted, paged list's query minus its paging: what an export walks. */
export type OrgTokenExportQuery = Pick<OrgTokenQuery, 'filters' | 'sort'>;

/**
 * The filter parameters as the query schemas hand them over: each given once, as text (the schemas
 * check the shape and the lengths of `q`; this module reads the words, any case, comma lists).
 */
export type OrgTokenFilterParams = {
  readonly q?: string;
  readonly status?: string;
  readonly ownerKind?: string;
  readonly scope?: string;
  readonly ownerId?: string;
  readonly neverUsed?: string;
  readonly idleDays?: string;
  readonly source?: string;
  readonly tag?: string;
  readonly hasPurpose?: string;
} & DateFamilyParams;
export type OrgTokenExportParams = OrgTokenFilterParams & { readonly sort?: string };
export type OrgTokenQueryParams = OrgTokenExportParams & { readonly pageSize?: string; readonly cursor?: string };

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

/** Empty text counts as absent (`?scope=` from a form left blank). */
function present(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}

/** `a,b` into known values, any case; empty means "all". */
function listParam<T extends string>(raw: string | undefined, name: string, allowed: readonly T[]): T[] | null {
  if (raw === undefined || raw === '') return null;
  const values = new Set<T>();
  for (const part of raw.split(',')) {
    const lower = part.trim().toLowerCase();
    if (lower === '') continue;
    const match = allowed.find((value) => value === lower);
    if (!match) throw invalid(`${name} must be one or more of ${allowed.join(', ')} (comma-separated).`);
    values.add(match);
  }
  return values.size === 0 ? null : [...values].sort();
}

function booleanParam(value: string | undefined, name: string): boolean | null {
  const raw = present(value);
  if (raw === undefined) return null;
  const lower = raw.trim().toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  throw invalid(`${name} must be true or false.`);
}

/** The filters alone (the counts endpoint takes no paging). Unknown parameters are ignored. */
export function parseOrgTokenFilters(params: OrgTokenFilterParams): OrgTokenFilters {
  const rawQ = params.q?.trim();
  const statuses = listParam(params.status, 'status', LIFECYCLE_STATUSES) ?? [...DEFAULT_STATUSES];
  const kinds = (listParam(params.ownerKind, 'ownerKind', OWNER_KINDS) ?? [...OWNER_KINDS]).map(tokenKindOf).sort();
  const dates: OrgTokenFilters['dates'] = {};
  for (const field of DATE_FIELDS) {
    const filter = parseDateFilter(field, params);
    if (filter) dates[field] = filter;
  }
  const scope = params.scope?.trim() || null;
  if (scope !== null && scope.length > MAX_SCOPE_LENGTH) throw invalid(`scope must be at most ${MAX_SCOPE_LENGTH} characters.`);
  let idleDays: number | null = null;
  const rawIdle = present(params.idleDays)?.trim();
  if (rawIdle !== undefined) {
    if (!/^\d{1,6}$/.test(rawIdle) || Number(rawIdle) < 1 || Number(rawIdle) > MAX_IDLE_DAYS) {
      throw invalid(`idleDays must be an integer from 1 to ${MAX_IDLE_DAYS}.`);
    }
    idleDays = Number(rawIdle);
  }
  const ownerId = params.ownerId?.trim() || null;
  if (ownerId !== null && ownerId.length > MAX_ID_LENGTH) throw invalid(`ownerId must be at most ${MAX_ID_LENGTH} characters.`);
  const source = sourceOf(params.source?.trim() || null);
  const tag = params.tag?.trim().toLowerCase() || null;
  if (tag !== null && tag.length > MAX_TAG_LENGTH) throw invalid(`tag must be at most ${MAX_TAG_LENGTH} characters.`);
  return { q: rawQ ? rawQ.toLowerCase() : null, statuses, kinds, dates, scope, neverUsed: booleanParam(params.neverUsed, 'neverUsed'), idleDays, ownerId, source, tag, hasPurpose: booleanParam(params.hasPurpose, 'hasPurpose') };
}

/** The filters and the sort of an export (it walks every page, so it takes no paging). */
export function parseOrgTokenExportQuery(params: OrgTokenExportParams): OrgTokenExportQuery {
  return { filters: parseOrgTokenFilters(params), sort: parseSort(params.sort) };
}

export function parseOrgTokenQuery(params: OrgTokenQueryParams): OrgTokenQuery {
  const rawCursor = params.cursor?.trim();
  return {
    filters: parseOrgTokenFilters(params),
    sort: parseSort(params.sort),
    pageSize: parsePageSize(params.pageSize),
    cursor: rawCursor ? rawCursor : null,
  };
}

/** The status an admin sees; the SQL of the store's status filter and counts mirrors it. */
export function lifecycleStatusOf(token: Token, now: Date): LifecycleStatus {
  if (token.status === 'revoked') return 'revoked';
  if (token.status === 'suspended') return 'suspended';
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

/** Whether a token counts as idle for `idleDays` at `now`: the reference the store's SQL mirrors. */
export function isIdle(token: Token, idleDays: number, now: Date): boolean {
  const lastMs = (token.lastActiveAt ?? token.createdAt).getTime();
  return lastMs < now.getTime() - idleDays * DAY_MS;
}

/** The word names of sources, any case: Tokenward's own tokens and each kind of connected system. */
const SOURCE_WORDS: readonly string[] = [TOKENWARD_SOURCE, ...CONNECTOR_TYPES];

/** Whether a `source` value names every connector of one type (`github`) rather than one connector. */
export function isSourceType(source: string): boolean {
  return (CONNECTOR_TYPES as readonly string[]).includes(source);
}

function sourceOf(raw: string | null): string | null {
  if (raw === null) return null;
  if (raw.length > MAX_ID_LENGTH) throw invalid(`source must be tokenward, ${CONNECTOR_TYPES.join(', ')} or a connector id.`);
  const word = raw.toLowerCase();
  return SOURCE_WORDS.includes(word) ? word : raw;
}
