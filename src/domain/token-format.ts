/**
 * Tokenward token format:
 *
 *   tw<kind>_<43 base62 chars: 32 random bytes><6 base62 chars: CRC32 of everything before>
 *
 * e.g. `twu_4mC0...Q1x0AbC3`. The prefix names the kind so a human (and a secret scanner) can tell
 * what leaked; the CRC32 lets a scanner or our own verifier reject a typo or a look-alike offline,
 * before any database access, as GitHub's `ghp_` tokens allow. The checksum is not a secret and
 * adds no security: the 256 random bits do.
 */
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { DomainError } from './errors.js';

/**
 * `scim` (`twp_`, p for provisioning) authenticates an identity provider's SCIM client
 * (docs/scim.md). SCIM tokens live in their own table, never in the token inventory. `instance`
 * (`twi_`) is the instance administrator's key, above every organization, kept in its own table too.
 */
export type TokenKind = 'user' | 'service_account' | 'admin_key' | 'scim' | 'instance';

export const TOKEN_KINDS: readonly TokenKind[] = ['user', 'service_account', 'admin_key', 'scim', 'instance'];

const KIND_LETTER: Record<TokenKind, string> = { user: 'u', service_account: 's', admin_key: 'a', scim: 'p', instance: 'i' };
const LETTER_KIND: Record<string, TokenKind> = { u: 'user', s: 'service_account', a: 'admin_key', p: 'scim', i: 'instance' };

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const RANDOM_BYTES = 32;
/** 62^43 > 2^256, so 43 characters hold any 32-byte value. */
export const BODY_LENGTH = 43;
export const CHECKSUM_LENGTH = 6;
const PREFIX_LENGTH = 4;
export const TOKEN_LENGTH = PREFIX_LENGTH + BODY_LENGTH + CHECKSUM_LENGTH;
/** Characters of the secret kept in clear for display (`twu_AbC123`), too few to help guessing. */
const DISPLAY_BODY_CHARS = 6;

const TOKEN_PATTERN = /^tw([usapi])_([0-9A-Za-z]{43})([0-9A-Za-z]{6})$/;

export interface ParsedToken {
  kind: TokenKind;
  /** The whole token, as given. */
  secret: string;
  /** What may be shown and stored in clear: prefix and the first few characters. */
  displayPrefix: string;
}

/** 62^8 fits a double exactly, so a chunk of eight digits is worked out in plain number arithmetic. */
const DIGITS_PER_CHUNK = 8;
const CHUNK_BASE = 62n ** BigInt(DIGITS_PER_CHUNK);

/**
 * `value` in base62, left-padded with zeros to `length` characters. Two BigInt divisions per
 * eight digits rather than two per digit: every id is made here (a bulk revoke makes 100,000
 * event ids), and BigInt division costs far more than number arithmetic.
 */
export function encodeBase62(value: bigint, length: number): string {
  let out = '';
  let rest = value;
  while (rest >= CHUNK_BASE) {
    let chunk = Number(rest % CHUNK_BASE);
    rest /= CHUNK_BASE;
    for (let i = 0; i < DIGITS_PER_CHUNK; i += 1) {
      out = BASE62[chunk % 62]! + out;
      chunk = Math.floor(chunk / 62);
    }
  }
  for (let chunk = Number(rest); chunk > 0; chunk = Math.floor(chunk / 62)) out = BASE62[chunk % 62]! + out;
  if (out.length > length) throw new RangeError(`value does not fit in ${length} base62 characters`);
  return out.padStart(length, '0');
}

/** CRC32 in base62; plain number arithmetic (a CRC32 fits a double exactly): it runs on every verification. */
function checksumOf(text: string): string {
  let value = crc32(text);
  let out = '';
  for (let i = 0; i < CHECKSUM_LENGTH; i += 1) {
    out = BASE62[value % 62]! + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export function prefixOf(kind: TokenKind): string {
  return `tw${KIND_LETTER[kind]}_`;
}

/** A fresh secret of the given kind; `random` is injectable for tests. */
export function generateToken(kind: TokenKind, random: (size: number) => Buffer = randomBytes): ParsedToken {
  const bytes = random(RANDOM_BYTES);
  const body = encodeBase62(BigInt(`0x${bytes.toString('hex')}`), BODY_LENGTH);
  const head = prefixOf(kind) + body;
  const secret = head + checksumOf(head);
  return { kind, secret, displayPrefix: displayPrefixOf(secret) };
}

export function displayPrefixOf(secret: string): string {
  return secret.slice(0, PREFIX_LENGTH + DISPLAY_BODY_CHARS);
}

/** The kind of a token that parseToken accepted before (its letter), without checking it again. */
export function kindOfWellFormed(secret: string): TokenKind | undefined {
  return LETTER_KIND[secret.charAt(2)];
}

/**
 * Checks shape and checksum. Throws `MALFORMED_TOKEN` for anything else, whatever the input
 * (including non-strings), never another error.
 */
export function parseToken(input: unknown): ParsedToken {
  if (typeof input !== 'string' || input.length !== TOKEN_LENGTH) {
    throw new DomainError('MALFORMED_TOKEN');
  }
  const match = TOKEN_PATTERN.exec(input);
  if (!match) throw new DomainError('MALFORMED_TOKEN');
  const [, letter, body, checksum] = match as unknown as [string, string, string, string];
  const head = `tw${letter}_${body}`;
  if (checksumOf(head) !== checksum) throw new DomainError('MALFORMED_TOKEN', 'The token checksum does not match.');
  const kind = LETTER_KIND[letter] as TokenKind;
  return { kind, secret: input, displayPrefix: displayPrefixOf(input) };
}

/** True when the text looks like a Tokenward token and its checksum holds (for scanners). */
export function isWellFormedToken(input: unknown): boolean {
  try {
    parseToken(input);
    return true;
  } catch {
    return false;
  }
}
