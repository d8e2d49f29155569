import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { digestToken, digestsEqual } from '../../src/domain/token-digest.js';
import { TOKEN_KINDS, TOKEN_LENGTH, encodeBase62, generateToken, isWellFormedToken, parseToken, type TokenKind } from '../../src/domain/token-format.js';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const kindArb = fc.constantFrom<TokenKind>(...TOKEN_KINDS);
const bytesArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((a) => Buffer.from(a));

function expectMalformed(input: unknown): void {
  try {
    parseToken(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('MALFORMED_TOKEN');
    return;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('token format', () => {
  it('has the documented shape: prefix, 43 base62 characters, 6 checksum characters', () => {
    const { secret } = generateToken('user');
    expect(secret).toMatch(/^twu_[0-9A-Za-z]{49}$/);
    expect(secret).toHaveLength(TOKEN_LENGTH);
    expect(generateToken('service_account').secret.startsWith('tws_')).toBe(true);
    expect(generateToken('admin_key').secret.startsWith('twa_')).toBe(true);
    expect(generateToken('scim').secret.startsWith('twp_')).toBe(true);
  });

  it('round-trips: every generated token parses back to its kind and display prefix', () => {
    fc.assert(
      fc.property(kindArb, bytesArb, (kind, bytes) => {
        const token = generateToken(kind, () => bytes);
        const parsed = parseToken(token.secret);
        expect(parsed).toEqual(token);
        expect(parsed.displayPrefix).toBe(token.secret.slice(0, 10));
      }),
    );
  });

  it('encodes the extreme byte values without losing width', () => {
    for (const fill of [0x00, 0xff]) {
      const token = generateToken('user', () => Buffer.alloc(32, fill));
      expect(parseToken(token.secret).secret).toBe(token.secret);
    }
  });

  it('rejects every single-character change, anywhere in the token', () => {
    fc.assert(
      fc.property(kindArb, bytesArb, fc.nat(), fc.nat(), (kind, bytes, posSeed, charSeed) => {
        const { secret } = generateToken(kind, () => bytes);
        const position = posSeed % secret.length;
        const alphabet = `${BASE62}_-=+/ `;
        let replacement = alphabet[charSeed % alphabet.length]!;
        if (replacement === secret[position]) replacement = alphabet[(charSeed + 1) % alphabet.length]!;
        const changed = secret.slice(0, position) + replacement + secret.slice(position + 1);
        expectMalformed(changed);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects garbage with a MALFORMED_TOKEN domain error and nothing else', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (garbage) => {
        if (isWellFormedToken(garbage)) return; // astronomically unlikely, but not an error
        expectMalformed(garbage);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(kindArb, fc.stringMatching(/^[0-9A-Za-z]{49}$/), (kind, tail) => {
        // Right prefix and alphabet, random body and checksum: a CRC32 match has odds of 1 in 2^32.
        expectMalformed(`${generateToken(kind).secret.slice(0, 4)}${tail}`);
      }),
    );
  });

  it('digests with the pepper: another pepper gives another digest, comparison is exact', () => {
    const { secret } = generateToken('user');
    const a = digestToken(Buffer.from('a'.repeat(32)), secret);
    const b = digestToken(Buffer.from('b'.repeat(32)), secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret.slice(4, 20));
    expect(digestsEqual(a, a)).toBe(true);
    expect(digestsEqual(a, b)).toBe(false);
    expect(digestsEqual(a, a.slice(1))).toBe(false);
  });
});

describe('base62', () => {
  /** The definition: one digit per division, most significant first. */
  const digitByDigit = (value: bigint): string => {
    let out = '';
    for (let rest = value; rest > 0n; rest /= 62n) out = BASE62[Number(rest % 62n)]! + out;
    return out;
  };
  const widths = [6, 8, 9, 16, 22, 43];

  it('writes any value as its digits, padded to the width, and refuses one too wide', () => {
    const values = fc.oneof(
      fc.bigInt({ min: 0n, max: 62n ** 43n - 1n }),
      // Values on either side of a power of 62, where the chunks of eight digits meet.
      fc.tuple(fc.integer({ min: 1, max: 43 }), fc.constantFrom(-1n, 0n, 1n)).map(([power, offset]) => 62n ** BigInt(power) + offset),
    );
    fc.assert(
      fc.property(values, fc.constantFrom(...widths), (value, width) => {
        const digits = digitByDigit(value);
        if (digits.length > width) expect(() => encodeBase62(value, width)).toThrow(RangeError);
        else expect(encodeBase62(value, width)).toBe(digits.padStart(width, '0'));
      }),
      { numRuns: 2000 },
    );
    expect(encodeBase62(0n, 4)).toBe('0000');
    expect(encodeBase62(62n ** 8n, 9)).toBe('100000000');
  });
});
