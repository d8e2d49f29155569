/**
 * Keyset paging on `(created_at, id)`, both directions, with no OFFSET (docs/architecture.md):
 * `after` walks forward from a row, `before` walks back from one. Row-value comparison is the same
 * SQL in SQLite and PostgreSQL and can use the `(org_id, created_at, id)` indexes.
 */
import { sql, type Expression, type SqlBool } from 'kysely';

export interface KeysetPosition {
  createdAtMs: number;
  id: string;
}

export interface KeysetRequest {
  after?: KeysetPosition | undefined;
  before?: KeysetPosition | undefined;
  limit: number;
}

export interface KeysetResult<T> {
  /** Always oldest first, whichever the direction. */
  items: T[];
  /** More rows exist beyond this page in the direction walked. */
  hasMore: boolean;
}

/**
 * The WHERE condition of a page, or null for the first page. `table` qualifies the columns; `timeColumn`
 * is the time half of the key (`created_at`, or e.g. the outbox's `occurred_at`).
 */
export function keysetCondition(table: string, page: KeysetRequest, timeColumn = 'created_at'): Expression<SqlBool> | null {
  const position = page.after ?? page.before;
  if (!position) return null;
  const op = sql.raw(page.after ? '>' : '<');
  return sql<SqlBool>`(${sql.ref(`${table}.${timeColumn}`)}, ${sql.ref(`${table}.id`)}) ${op} (${position.createdAtMs}, ${position.id})`;
}

export function keysetDirection(page: KeysetRequest): 'asc' | 'desc' {
  return page.before && !page.after ? 'desc' : 'asc';
}

/** Trims the `limit + 1` probe row and puts a backward page back in ascending order. */
export function keysetResult<R, T>(rows: R[], page: KeysetRequest, convert: (row: R) => T): KeysetResult<T> {
  const items = rows.slice(0, page.limit).map(convert);
  if (keysetDirection(page) === 'desc') items.reverse();
  return { items, hasMore: rows.length > page.limit };
}
