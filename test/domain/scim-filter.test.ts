/** SCIM filters are narrowed to what Tokenward answers; anything else is invalidFilter, never a crash. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { compileFilter } from '../../src/domain/scim-filter.js';

function expectInvalid(text: string, kind: 'User' | 'Group' = 'User'): void {
  try {
    compileFilter(text, kind);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('SCIM_INVALID_FILTER');
    return;
  }
  throw new Error(`accepted ${text}`);
}

describe('SCIM filters', () => {
  it('compiles the comparisons Okta and Entra send, attribute names and operators in any case', () => {
    expect(compileFilter('userName eq "a@b.test"', 'User')).toEqual({ op: 'eq', attr: 'userName', value: 'a@b.test' });
    expect(compileFilter('USERNAME EQ "x"', 'User')).toEqual({ op: 'eq', attr: 'userName', value: 'x' });
    expect(compileFilter('urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"', 'User')).toEqual({ op: 'eq', attr: 'userName', value: 'x' });
    expect(compileFilter('externalId eq "e" and userName eq "u"', 'User')).toEqual({
      op: 'and',
      filters: [
        { op: 'eq', attr: 'externalId', value: 'e' },
        { op: 'eq', attr: 'userName', value: 'u' },
      ],
    });
    expect(compileFilter('emails[type eq "work"].value eq "a@b"', 'User')).toEqual({ op: 'and', filters: [{ op: 'all' }, { op: 'eq', attr: 'email', value: 'a@b' }] });
    expect(compileFilter('emails.value eq "a@b"', 'User')).toEqual({ op: 'eq', attr: 'email', value: 'a@b' });
    expect(compileFilter('active eq "False"', 'User')).toEqual({ op: 'eq', attr: 'active', value: false });
    expect(compileFilter('displayName eq "Eng"', 'Group')).toEqual({ op: 'eq', attr: 'displayName', value: 'Eng' });
  });

  it('refuses operators, attributes and values it cannot answer', () => {
    for (const text of ['userName sw "a"', 'not (userName eq "a")', 'title eq "x"', 'userName eq 1', 'userName pr', 'active eq "maybe"', 'userName eq "a\u0000"', 'userName eq "x"'.padEnd(3000, ' '), 'members[value eq "x"]', 'emails[display eq "x"]']) {
      expectInvalid(text);
    }
    expectInvalid('userName eq "x"', 'Group');
  });

  it('gives SCIM_INVALID_FILTER for any garbage, never another error', () => {
    const token = fc.constantFrom('userName', 'emails', '[', ']', '(', ')', 'eq', 'and', 'or', 'not', '"x"', '"', '.', 'value', 'type', 'true', 'null', ' ', '\\', 'pr');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.array(token, { maxLength: 20 }).map((t) => t.join(' '))), (text) => {
        try {
          compileFilter(text, 'User');
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          expect((error as DomainError).code).toBe('SCIM_INVALID_FILTER');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
