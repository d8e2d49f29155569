/**
 * What every request and answer shares, whatever the route.
 *
 * What every answer of the server carries, JSON or HTML, success or error: browsers must not guess
 * another content type than the one sent (an uploaded label rendered as HTML), nor show any page of
 * the server inside another site's frame (clickjacking of the console or the API docs).
 */
export const ANSWER_HEADERS = Object.freeze({
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
});

/** A NUL character, raw or percent-encoded, in a URL: text no database column should receive. */
export function hasEncodedNul(url: string): boolean {
  return url.includes('%00');
}

export const NUL_REFUSAL = 'Invalid request: text may not contain NUL characters.';

export const NON_FINITE_REFUSAL = 'Invalid request: numbers must be finite (not Infinity, and not too large to represent).';

/**
 * A query or path value that validation turned into a number that is not finite ("Infinity",
 * "1e400"): the validator skips its minimum and maximum for such numbers, so they are caught here.
 */
export function hasNonFiniteNumber(values: unknown): boolean {
  if (values === null || typeof values !== 'object') return false;
  for (const value of Object.values(values)) {
    if (typeof value === 'number' && !Number.isFinite(value)) return true;
    if (Array.isArray(value) && value.some((item) => typeof item === 'number' && !Number.isFinite(item))) return true;
  }
  return false;
}

/**
 * Why a parsed JSON body is refused, or null: a NUL character anywhere in it, or a number that is
 * not finite. Both doors of verification and every JSON route apply it alike.
 */
export function jsonBodyRefusal(text: string, value: unknown): string | null {
  if (text.includes('\\u0000') && containsNul(value)) return NUL_REFUSAL;
  if (jsonHasNonFiniteNumber(text, value)) return NON_FINITE_REFUSAL;
  return null;
}

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item));
  return false;
}

/** The same for a parsed JSON body, where `1e400` parses to Infinity: deep, but only when the text could hold one. */
export function jsonHasNonFiniteNumber(text: string, value: unknown): boolean {
  return /\d[eE]\+?\d{3}/.test(text) && containsNonFinite(value);
}

function containsNonFinite(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isFinite(value);
  if (Array.isArray(value)) return value.some(containsNonFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).some(containsNonFinite);
  return false;
}
