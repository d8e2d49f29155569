/**
 * Opaque page cursors (CONTRACT.md §1.4): base64url of a small JSON payload, then a MAC over the
 * payload and the query it belongs to. A cursor that was tampered with, or that is replayed with
 * other filters or another sort, fails the MAC and is INVALID_PAGE_CURSOR (400), never a 500 or a
 * wrong page. Callers pass the same `query` fingerprint when encoding and decoding.
 *
 *   encodeCursor(key, 'sort=-createdAt&status=allowed', { after: [1767225600000, 'tok_x'] })
 *   decodeCursor(key, 'sort=-createdAt&status=allowed', cursorFromClient) // -> { after: [...] }
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { DomainError } from './errors.js';

export type CursorKey = Buffer;
export type CursorPayload = Record<string, unknown>;

const MAC_LENGTH = 22; // 132 bits of HMAC-SHA256, base64url
const MAX_CURSOR_LENGTH = 2048;

/** A cursor key for one purpose, derived from the server's pepper. */
export function deriveCursorKey(pepper: Buffer): CursorKey {
  return createHmac('sha256', pepper).update('tokenward:cursor:v1').digest();
}

function macOf(key: CursorKey, query: string, body: string): string {
  return createHmac('sha256', key).update(query).update('\n').update(body).digest('base64url').slice(0, MAC_LENGTH);
}

export function encodeCursor(key: CursorKey, query: string, payload: CursorPayload): string {
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${macOf(key, query, body)}`;
}

/**
 * Accepts a bare cursor or a URL (or query string) holding `cursor=`, as some clients pass
 * `links.next` back whole. Throws INVALID_PAGE_CURSOR on anything else.
 */
export function decodeCursor(key: CursorKey, query: string, input: string): CursorPayload {
  const cursor = extractCursor(input);
  const invalid = () => new DomainError('INVALID_PAGE_CURSOR');
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) throw invalid();
  const dot = cursor.indexOf('.');
  if (dot <= 0) throw invalid();
  const body = cursor.slice(0, dot);
  const mac = Buffer.from(cursor.slice(dot + 1), 'utf8');
  const expected = Buffer.from(macOf(key, query, body), 'utf8');
  if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) throw invalid();
  try {
    const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    if (!payload || typeof payload !== 'object' || Array.isArray(payload)) throw invalid();
    return payload as CursorPayload;
  } catch {
    throw invalid();
  }
}

function extractCursor(input: string): string {
  const trimmed = input.trim();
  const at = trimmed.indexOf('cursor=');
  if (at < 0) return trimmed;
  const rest = trimmed.slice(at + 'cursor='.length);
  const end = rest.search(/[&#]/);
  try {
    return decodeURIComponent(end < 0 ? rest : rest.slice(0, end));
  } catch {
    return '';
  }
}

/** A canonical fingerprint of a query's parameters: sorted, without the paging ones. */
export function queryFingerprint(params: Record<string, unknown>, ignore: readonly string[] = ['cursor', 'pageSize']): string {
  return Object.keys(params)
    .filter((name) => !ignore.includes(name) && params[name] !== undefined && params[name] !== '')
    .sort()
    .map((name) => `${name}=${JSON.stringify(params[name])}`)
    .join('&');
}
