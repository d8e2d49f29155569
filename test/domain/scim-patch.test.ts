/** SCIM PATCH on plain JSON, in the forms Okta and Entra send (shared/scim/CLIENTS.md). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { applyPatch, parsePatchBody } from '../../src/domain/scim-patch.js';
import { readGroupResource, readUserResource } from '../../src/domain/scim-resources.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const user = { userName: 'ada', emails: [{ value: 'ada@x.test', type: 'Work', primary: true }], name: { givenName: 'Ada' }, active: true };
const patchUser = (...ops: unknown[]) => applyPatch(user, parsePatchBody({ Operations: ops }), [ENTERPRISE], CORE_USER);

describe('SCIM PATCH', () => {
  it('reads ops in any case and refuses what is not a PatchOp', () => {
    expect(parsePatchBody({ operations: [{ Op: 'Replace', Path: 'active', Value: 'False' }] })).toEqual([{ op: 'replace', path: 'active', value: 'False' }]);
    for (const body of [null, [], {}, { Operations: [] }, { Operations: [{ op: 'move' }] }, { Operations: [1] }, { Operations: [{ op: 'add', path: 5 }] }]) {
      expect(() => parsePatchBody(body)).toThrow(DomainError);
    }
  });

  it('replaces through a value filter in any case, and adds a missing element from the filter', () => {
    expect(patchUser({ op: 'Replace', path: 'emails[type eq "work"].value', value: 'b@x.test' }).emails).toEqual([{ value: 'b@x.test', type: 'Work', primary: true }]);
    expect(patchUser({ op: 'Add', path: 'emails[type eq "home"].value', value: 'h@x.test' }).emails).toEqual([user.emails[0], { type: 'home', value: 'h@x.test' }]);
    expect(patchUser({ op: 'remove', path: 'emails[value eq "ADA@x.test"]' }).emails).toEqual([]);
  });

  it('applies a path-less value whose keys are paths, URN-prefixed ones included', () => {
    const patched = patchUser({ op: 'replace', value: { 'name.familyName': 'Lovelace', [`${ENTERPRISE}:employeeNumber`]: '7', active: false, [`${CORE_USER}:userName`]: 'ada2' } });
    expect(patched).toMatchObject({ userName: 'ada2', active: false, name: { givenName: 'Ada', familyName: 'Lovelace' }, [ENTERPRISE]: { employeeNumber: '7' } });
    expect(readUserResource(patched)).toMatchObject({ userName: 'ada2', active: false, email: 'ada@x.test', name: 'Ada Lovelace' });
  });

  it('refuses a remove without a path with noTarget, and unknown schemas with invalidPath', () => {
    expect(() => patchUser({ op: 'remove' })).toThrow(expect.objectContaining({ code: 'SCIM_NO_TARGET' }));
    expect(() => patchUser({ op: 'add', path: 'urn:example:other:x', value: 1 })).toThrow(expect.objectContaining({ code: 'SCIM_INVALID_PATH' }));
  });

  it('changes group membership the ways both vendors send it', () => {
    const group = { displayName: 'Eng', members: [{ value: 'u1' }, { value: 'u2' }] };
    const members = (...ops: unknown[]) => readGroupResource(applyPatch(group, parsePatchBody({ Operations: ops }), [], 'urn:ietf:params:scim:schemas:core:2.0:Group')).memberIds;
    expect(members({ op: 'remove', path: 'members[value eq "u1"]' }, { op: 'add', path: 'members', value: [{ value: 'u3', display: 'x' }, { value: 'u2' }] })).toEqual(['u2', 'u3']);
    expect(members({ op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u2' }] })).toEqual(['u1']);
    expect(members({ op: 'replace', path: 'members', value: [{ value: 'u9' }] })).toEqual(['u9']);
    expect(members({ op: 'remove', path: 'members' })).toBeUndefined();
  });

  it('never fails with anything but a DomainError, whatever the operations', () => {
    const path = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('emails[type eq "work"].value', 'members[value eq "u1"]', 'name.givenName', `${ENTERPRISE}:manager.value`, ENTERPRISE, 'a[', 'x[y eq 1].z', 'emails[not (type eq "w")]'));
    const op = fc.record({ op: fc.oneof(fc.constantFrom('add', 'Replace', 'REMOVE'), fc.jsonValue()), path: fc.option(path), value: fc.jsonValue() });
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.record({ Operations: fc.array(op, { minLength: 1, maxLength: 6 }) })), (body) => {
        try {
          readUserResource(applyPatch(user, parsePatchBody(body), [ENTERPRISE], CORE_USER));
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
