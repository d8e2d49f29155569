import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, deriveCursorKey, encodeCursor, queryFingerprint } from '../../src/domain/cursor.js';
import { DomainError } from '../../src/domain/errors.js';

const key = deriveCursorKey(Buffer.from('k'.repeat(32)));

function expectInvalid(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('INVALID_PAGE_CURSOR');
    return;
  }
  throw new Error('accepted');
}

describe('page cursors', () => {
  it('round-trip, bare or inside a URL', () => {
    fc.assert(
      fc.property(fc.string(), fc.tuple(fc.integer(), fc.string()), (query, after) => {
        const cursor = encodeCursor(key, query, { after });
        expect(decodeCursor(key, query, cursor)).toEqual({ after });
        expect(decodeCursor(key, query, `http://x/admin?pageSize=2&cursor=${encodeURIComponent(cursor)}&q=a`)).toEqual({ after });
      }),
    );
  });

  it('refuse a cursor of another query, another key, or one changed anywhere', () => {
    const cursor = encodeCursor(key, 'status="allowed"', { after: [1, 'tok_a'] });
    expectInvalid(() => decodeCursor(key, 'status="blocked"', cursor));
    expectInvalid(() => decodeCursor(deriveCursorKey(Buffer.from('z'.repeat(32))), 'status="allowed"', cursor));
    fc.assert(
      fc.property(fc.nat(cursor.length - 1), fc.constantFrom(...'AZaz09-_.='), (at, ch) => {
        if (cursor[at] === ch) return;
        expectInvalid(() => decodeCursor(key, 'status="allowed"', cursor.slice(0, at) + ch + cursor.slice(at + 1)));
      }),
    );
  });

  it('refuse garbage with a domain error only', () => {
    fc.assert(fc.property(fc.string({ maxLength: 3000 }), (garbage) => expectInvalid(() => decodeCursor(key, '', garbage))));
  });

  it('fingerprint queries independently of parameter order, ignoring paging', () => {
    expect(queryFingerprint({ b: 1, a: 'x', cursor: 'c', pageSize: 5 })).toBe(queryFingerprint({ a: 'x', b: 1 }));
    expect(queryFingerprint({ a: 'x' })).not.toBe(queryFingerprint({ a: 'y' }));
  });
});
