/**
 * The inventory's filters live in the page URL under the API's own parameter names, so a filtered
 * view is a link to share, and the API query is the URL's query minus nothing.
 */
export const DATE_FIELDS = ['createdAt', 'lastActiveAt', 'expiresAt'] as const;
export type DateField = (typeof DATE_FIELDS)[number];
const DATE_SUFFIXES = ['SearchType', 'Uom', 'Value', 'From', 'To', 'RangeFrom', 'RangeTo'] as const;

export const FILTER_PARAMS: readonly string[] = [
  'q',
  'status',
  'ownerKind',
  'scope',
  'ownerId',
  'neverUsed',
  'idleDays',
  'source',
  ...DATE_FIELDS.flatMap((field) => DATE_SUFFIXES.map((suffix) => `${field}${suffix}`)),
];

export const SORT_FIELDS = ['createdAt', 'lastActiveAt', 'expiresAt', 'label'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

/** The filters only (what the counts and the CSV export take, with `sort` for the export). */
export function filtersOf(params: URLSearchParams, omit: readonly string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FILTER_PARAMS) {
    const value = params.get(name);
    if (value !== null && value !== '' && !omit.includes(name)) out[name] = value;
  }
  return out;
}

export function listQueryOf(params: URLSearchParams): Record<string, string> {
  const query = filtersOf(params);
  query.sort = params.get('sort') ?? '-createdAt';
  query.pageSize = params.get('pageSize') ?? String(DEFAULT_PAGE_SIZE);
  const cursor = params.get('cursor');
  if (cursor) query.cursor = cursor;
  return query;
}

export function parseSortParam(raw: string | null): { field: SortField; desc: boolean } {
  const text = raw ?? '-createdAt';
  const desc = text.startsWith('-');
  const name = text.replace(/^[+\- ]/, '');
  const field = (SORT_FIELDS as readonly string[]).includes(name) ? (name as SortField) : 'createdAt';
  return { field, desc };
}

/** Whether any filter is set (for "clear filters" and the empty state's wording). */
export function hasFilters(params: URLSearchParams): boolean {
  return Object.keys(filtersOf(params)).length > 0;
}
