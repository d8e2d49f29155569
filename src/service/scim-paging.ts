/** SCIM list parameters (RFC 7644 §3.4.2): `filter`, 1-based `startIndex`, `count`. */
import { compileFilter, type ScimFilter, type ScimResourceKind } from '../domain/scim-filter.js';
import { DEFAULT_COUNT, MAX_RESULTS } from '../domain/scim-schemas.js';
import type { OffsetPage } from '../store/scim-store.js';

export interface ScimListQuery {
  filter?: string | undefined;
  startIndex?: number | undefined;
  count?: number | undefined;
}

export interface ScimListRequest {
  filter: ScimFilter | null;
  page: OffsetPage;
  /** As answered in the ListResponse. */
  startIndex: number;
}

/**
 * RFC 7644 §3.4.2.4: a `startIndex` below 1 is read as 1, a negative `count` as 0; `count` above
 * MAX_RESULTS is cut to it. A blank filter is no filter.
 */
export function scimListRequest(query: ScimListQuery, kind: ScimResourceKind): ScimListRequest {
  const startIndex = Math.max(1, Math.trunc(Number.isFinite(query.startIndex) ? query.startIndex! : 1));
  const count = Math.min(MAX_RESULTS, Math.max(0, Math.trunc(Number.isFinite(query.count) ? query.count! : DEFAULT_COUNT)));
  const text = query.filter?.trim();
  return {
    filter: text ? compileFilter(text, kind) : null,
    // An offset past any real org's size is answered as an empty page, not sent to the database.
    page: { offset: Math.min(startIndex - 1, 10_000_000), limit: count },
    startIndex,
  };
}
