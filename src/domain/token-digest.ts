/**
 * Tokens are stored only as HMAC-SHA256 under the server's pepper: a stolen database alone cannot
 * be used to test guesses offline, and a digest is looked up by equality on a unique index.
 * A KDF (argon2, scrypt) would cap verification at a few per second per core for no gain, since the
 * secrets carry 256 random bits (see shared/research/perf-reliability-anchors.md).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type Pepper = Buffer;

export function digestToken(pepper: Pepper, secret: string): string {
  return createHmac('sha256', pepper).update(secret, 'utf8').digest('base64url');
}

/** Constant-time comparison of two digests (or any two secrets of the same encoding). */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A fingerprint of the pepper kept in the database, so a node started with the wrong one stops. */
export function pepperFingerprint(pepper: Pepper): string {
  return createHmac('sha256', pepper).update('tokenward:pepper-check:v1').digest('base64url');
}
