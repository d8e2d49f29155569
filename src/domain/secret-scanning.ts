/**
 * GitHub's secret-scanning partner programme, issuer's side (the protocol as
 * shared/protocols/github-secret-scanning.md describes it): check the signature over the raw body,
 * read the report, and word the feedback. Pure: no I/O, no clock.
 */
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { DomainError } from './errors.js';

/** One reported match, as GitHub sends it (`source` normalized). */
export interface ReportedMatch {
  token: string;
  type: string;
  url: string;
  source: ReportSource;
}

/** GitHub documents these capitalised and sends them lower-case: compared case-insensitively. */
export const REPORT_SOURCES = [
  'content',
  'commit',
  'pull_request_title',
  'pull_request_description',
  'pull_request_comment',
  'pull_request_review',
  'pull_request_review_comment',
  'issue_title',
  'issue_description',
  'issue_comment',
  'discussion_title',
  'discussion_body',
  'discussion_comment',
  'commit_comment',
  'gist_content',
  'gist_comment',
  'npm',
  'unknown',
] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];

export type FeedbackLabel = 'true_positive' | 'false_positive';

/**
 * The programme's feedback item. We answer with `token_hash` (SHA-256 of the raw token, hex), never
 * `token_raw`: echoing the secret would put it in one more response body and whatever logs it.
 */
export interface FeedbackItem {
  token_hash: string;
  token_type: string;
  label: FeedbackLabel;
}

/** Reports past this many matches are refused whole (GitHub batches; this bounds one request's work). */
export const MAX_REPORT_MATCHES = 10_000;
const MAX_FIELD_LENGTH = 4096;

export function normalizeSource(value: unknown): ReportSource {
  const lower = typeof value === 'string' ? value.toLowerCase() : '';
  return (REPORT_SOURCES as readonly string[]).includes(lower) ? (lower as ReportSource) : 'unknown';
}

/**
 * Loads a published key and insists on ECDSA P-256, the scheme's curve: anything else is refused
 * rather than verified with whatever algorithm the key happens to be for.
 */
export function publicKeyFromPem(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return null;
    return key;
  } catch {
    return null;
  }
}

/** `ECDSA-NIST-P256V1-SHA256` over the raw bytes, ASN.1 DER signature in base64 (GitHub's header). */
export function isValidSignature(key: KeyObject, rawBody: Buffer, signatureBase64: string): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(signatureBase64.trim())) return false;
  const signature = Buffer.from(signatureBase64.trim(), 'base64');
  if (signature.length < 8 || signature.length > 72 || signature[0] !== 0x30) return false;
  try {
    return verify('sha256', rawBody, { key, dsaEncoding: 'der' }, signature);
  } catch {
    return false;
  }
}

/**
 * Parses a report: a JSON array of objects with string `token` and `type`, optional `url` and
 * `source`. Anything else is VALIDATION_FAILED with a fixed message: a parser's message could quote
 * the body, which holds secrets.
 */
export function parseReport(rawBody: Buffer): ReportedMatch[] {
  const invalid = (why: string) => new DomainError('VALIDATION_FAILED', `The report is not valid: ${why}.`);
  let value: unknown;
  try {
    value = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw invalid('the body is not JSON');
  }
  if (!Array.isArray(value)) throw invalid('the body is not a JSON array');
  if (value.length > MAX_REPORT_MATCHES) throw invalid(`more than ${MAX_REPORT_MATCHES} matches`);
  return value.map((item: unknown, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) throw invalid(`item ${index} is not an object`);
    const { token, type, url, source } = item as Record<string, unknown>;
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_FIELD_LENGTH) throw invalid(`item ${index} has no token string`);
    if (typeof type !== 'string' || type.length > 200) throw invalid(`item ${index} has no type string`);
    if (url !== undefined && url !== null && (typeof url !== 'string' || url.length > MAX_FIELD_LENGTH)) throw invalid(`item ${index} has a bad url`);
    return { token, type, url: typeof url === 'string' ? url : '', source: normalizeSource(source) };
  });
}

export function tokenSha256Hex(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The revocation reason stored on the token: where it leaked, never the token. */
export function leakRevocationReason(match: Pick<ReportedMatch, 'url' | 'source'>): string {
  const where = match.url ? match.url.slice(0, 400) : `source ${match.source}`;
  return `leaked: reported by GitHub secret scanning (${where})`;
}

/**
 * Reads a key list in GitHub's shape, `{"public_keys":[{"key_identifier","key","is_current"}]}`.
 * Keys that are not P-256 are skipped; a document that is not that shape at all yields null.
 * Keys are chosen by identifier, never by `is_current` (its meaning is not documented).
 */
export function parseKeysDocument(text: string): Map<string, KeyObject> | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const list = (value as { public_keys?: unknown } | null)?.public_keys;
  if (!Array.isArray(list)) return null;
  const keys = new Map<string, KeyObject>();
  for (const item of list) {
    const { key_identifier: id, key: pem } = (item ?? {}) as Record<string, unknown>;
    if (typeof id !== 'string' || typeof pem !== 'string') continue;
    const key = publicKeyFromPem(pem);
    if (key) keys.set(id, key);
  }
  return keys;
}
