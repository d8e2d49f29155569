/**
 * Page requests and links for the directory lists: signed opaque cursors (src/domain/cursor.ts)
 * holding a keyset position, and the contract's `links` (CONTRACT.md §1.4: bare cursors in
 * `self`/`next`/`prev`, null where there is no such page).
 */
import { decodeCursor, encodeCursor, type CursorKey } from '../domain/cursor.js';
import { DomainError } from '../domain/errors.js';
import type { KeysetPosition, KeysetRequest, KeysetResult } from '../store/keyset.js';

/** CONTRACT.md §1.4, our reading there: default 100, and sizes above the maximum are clamped, not refused. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export interface PageQuery {
  pageSize?: number | undefined;
  cursor?: string | undefined;
}

export interface PageLinks {
  self: string;
  next: string | null;
  prev: string | null;
}

export interface Page<T> {
  items: T[];
  links: PageLinks;
}

type Stamp = [number, string];
interface CursorBody {
  a?: Stamp;
  b?: Stamp;
}

function isStamp(value: unknown): value is Stamp {
  return Array.isArray(value) && value.length === 2 && Number.isSafeInteger(value[0]) && typeof value[1] === 'string' && value[1].length <= 64;
}

function toPosition(stamp: Stamp | undefined): KeysetPosition | undefined {
  return stamp ? { createdAtMs: stamp[0], id: stamp[1] } : undefined;
}

function stampOf(item: { createdAt: Date; id: string }): Stamp {
  return [item.createdAt.getTime(), item.id];
}

/**
 * Turns `pageSize` and `cursor` into a keyset request. `fingerprint` names the query (resource, org,
 * filters), so a cursor replayed with other filters is INVALID_PAGE_CURSOR rather than a wrong page.
 */
export function keysetRequestOf(key: CursorKey, fingerprint: string, query: PageQuery): { request: KeysetRequest; body: CursorBody } {
  const limit = Math.min(Math.max(Math.trunc(query.pageSize ?? DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
  if (query.cursor === undefined || query.cursor === '') return { request: { limit }, body: {} };
  const payload = decodeCursor(key, fingerprint, query.cursor);
  const body: CursorBody = {};
  if (payload.a !== undefined) {
    if (!isStamp(payload.a)) throw new DomainError('INVALID_PAGE_CURSOR');
    body.a = payload.a;
  } else if (payload.b !== undefined) {
    if (!isStamp(payload.b)) throw new DomainError('INVALID_PAGE_CURSOR');
    body.b = payload.b;
  }
  return { request: { limit, after: toPosition(body.a), before: toPosition(body.b) }, body };
}

/** The page's links: each a cursor to pass back as `cursor`, with the same filters. */
export function pageOf<T extends { createdAt: Date; id: string }>(key: CursorKey, fingerprint: string, body: CursorBody, result: KeysetResult<T>): Page<T> {
  const encode = (b: CursorBody) => encodeCursor(key, fingerprint, b as Record<string, unknown>);
  const first = result.items[0];
  const last = result.items[result.items.length - 1];
  const walkedBack = body.b !== undefined;
  // Walking forward, "more" lies after the page and something lies before it unless this is the
  // first page; walking back it is the other way round.
  const hasNext = walkedBack ? last !== undefined : result.hasMore;
  const hasPrev = walkedBack ? result.hasMore : body.a !== undefined && first !== undefined;
  return {
    items: result.items,
    links: {
      self: encode(body),
      next: hasNext && last ? encode({ a: stampOf(last) }) : null,
      prev: hasPrev && first ? encode({ b: stampOf(first) }) : null,
    },
  };
}
