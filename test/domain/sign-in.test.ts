/** Pure rules of sign-in: links, sessions, domains, group claims, return paths, the secret box. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { authorizeOrgAccess, type UserSessionPrincipal } from '../../src/domain/principal.js';
import { createSecretBox } from '../../src/domain/secret-box.js';
import {
  assertAcceptablePassword,
  cleanDomain,
  isEmailDomainAllowed,
  isSessionLive,
  isWellFormedSecret,
  linkUnusableReason,
  linkUrl,
  mappedGroupIds,
  newSecret,
  safeReturnPath,
  sessionEndsAt,
} from '../../src/domain/sign-in.js';

const pepper = Buffer.from('p'.repeat(48));

describe('sign-in rules', () => {
  it('accepts passwords of 12 to 256 characters, counted as code points', () => {
    expect(() => assertAcceptablePassword('x'.repeat(11))).toThrow(DomainError);
    expect(() => assertAcceptablePassword(' '.repeat(20))).toThrow(DomainError);
    expect(() => assertAcceptablePassword('x'.repeat(257))).toThrow(DomainError);
    assertAcceptablePassword('x'.repeat(12));
    assertAcceptablePassword('🔐'.repeat(12));
  });

  it('makes 256-bit secrets in 43 base64url characters, and recognises only those', () => {
    const secrets = new Set(Array.from({ length: 100 }, newSecret));
    expect(secrets.size).toBe(100);
    for (const secret of secrets) expect(isWellFormedSecret(secret)).toBe(true);
    fc.assert(fc.property(fc.string(), (s) => isWellFormedSecret(s) === /^[A-Za-z0-9_-]{43}$/.test(s)));
  });

  it('builds console links and refuses links of another kind, used or expired', () => {
    expect(linkUrl('https://tw.example.com/', 'owner_setup', 'abc')).toBe('https://tw.example.com/setup?token=abc');
    const link = { id: 'lnk_1', kind: 'invite' as const, orgId: 'o', userId: 'u', expiresAt: new Date(1000), usedAt: null };
    expect(linkUnusableReason(link, 'invite', new Date(999))).toBeNull();
    expect(linkUnusableReason(link, 'invite', new Date(1000))).toBe('EXPIRED');
    expect(linkUnusableReason(link, 'password_reset', new Date(0))).toBe('WRONG_KIND');
    expect(linkUnusableReason({ ...link, usedAt: new Date(1) }, 'invite', new Date(0))).toBe('USED');
  });

  it('ends sessions at the idle or the absolute limit, whichever comes first', () => {
    const policy = { idleMs: 100, absoluteMs: 1000 };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (lastSeenOffset, nowOffset) => {
        const session = { createdAt: new Date(0), lastSeenAt: new Date(Math.min(lastSeenOffset, nowOffset)) };
        const now = new Date(nowOffset);
        const live = isSessionLive(session, policy, now);
        expect(live).toBe(nowOffset < session.lastSeenAt.getTime() + 100 && nowOffset < 1000);
        if (live) expect(sessionEndsAt(session, policy, now).getTime()).toBeLessThanOrEqual(1000);
      }),
    );
  });

  it('matches e-mail domains exactly, in any case; subdomains and look-alikes are other domains', () => {
    expect(isEmailDomainAllowed('a@ACME.com', ['acme.com'])).toBe(true);
    expect(isEmailDomainAllowed('a@eu.acme.com', ['acme.com'])).toBe(false);
    expect(isEmailDomainAllowed('a@acme.com.evil.test', ['acme.com'])).toBe(false);
    expect(isEmailDomainAllowed('a@evil.test@acme.com', ['acme.com'])).toBe(true); // the last @ decides, as mail does
    expect(isEmailDomainAllowed('no-at-sign', ['acme.com'])).toBe(false);
    expect(isEmailDomainAllowed('a@acme.com', [])).toBe(false);
    expect(cleanDomain(' @Acme.COM ')).toBe('acme.com');
    fc.assert(
      fc.property(fc.string(), (s) => {
        try {
          expect(cleanDomain(s)).toMatch(/^[a-z0-9.-]+$/);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
    );
  });

  it('maps group claim values to group ids, ignoring unmapped values and odd shapes', () => {
    const mapping = { eng: 'grp_1', ops: 'grp_2', alias: 'grp_1' };
    expect(mappedGroupIds(['eng', 'x', 'alias', 'ops'], mapping)).toEqual(['grp_1', 'grp_2']);
    expect(mappedGroupIds('ops', mapping)).toEqual(['grp_2']);
    expect(mappedGroupIds(['__proto__', 'toString', 7, null], mapping)).toEqual([]);
    fc.assert(fc.property(fc.jsonValue(), (claim) => mappedGroupIds(claim, mapping).every((id) => id === 'grp_1' || id === 'grp_2')));
  });

  it('lands only on same-site paths after SSO', () => {
    for (const bad of ['https://evil.test', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', '', undefined, '/x\r\nSet-Cookie: a=b']) expect(safeReturnPath(bad)).toBe('/');
    expect(safeReturnPath('/tokens?tab=mine')).toBe('/tokens?tab=mine');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const path = safeReturnPath(s);
        expect(path.startsWith('/')).toBe(true);
        expect(path.startsWith('//')).toBe(false);
        expect(new URL(path, 'https://tw.example.com').origin).toBe('https://tw.example.com');
      }),
    );
  });

  it('seals secrets so only the same pepper and purpose open them, and tampering is detected', () => {
    const box = createSecretBox(pepper, 'sso-client-secret');
    fc.assert(fc.property(fc.string(), (s) => box.open(box.seal(s)) === s));
    const sealed = box.seal('client secret');
    expect(sealed).not.toContain('client secret');
    expect(box.seal('client secret')).not.toBe(sealed); // a fresh IV each time
    expect(createSecretBox(pepper, 'sso-flow-state').open(sealed)).toBeNull();
    expect(createSecretBox(Buffer.from('q'.repeat(48)), 'sso-client-secret').open(sealed)).toBeNull();
    const parts = sealed.split('.');
    parts[2] = `${parts[2]!.slice(0, -2)}AA`;
    expect(box.open(parts.join('.'))).toBeNull();
    fc.assert(fc.property(fc.string(), (garbage) => box.open(garbage) === null));
  });
});

describe('session principals', () => {
  const person = (role: UserSessionPrincipal['role']): UserSessionPrincipal => ({ kind: 'user_session', userId: 'usr_1', orgId: 'org', role, sessionId: 'ses_1' });

  it('reach their own org by role, never another org, and never all scopes by having none', () => {
    expect(() => authorizeOrgAccess(person('admin'), 'org', 'write:tokens:admin')).not.toThrow();
    expect(() => authorizeOrgAccess(person('auditor'), 'org', 'read:tokens:admin')).not.toThrow();
    expect(() => authorizeOrgAccess(person('auditor'), 'org', 'delete:tokens:admin')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => authorizeOrgAccess(person('auditor'), 'org', null)).not.toThrow();
    expect(() => authorizeOrgAccess(person('member'), 'org', null)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    for (const role of ['member', 'approver'] as const) {
      expect(() => authorizeOrgAccess(person(role), 'org', 'read:tokens:admin')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
    // Approvers reach the approval queue, and so the org itself, nothing else.
    expect(() => authorizeOrgAccess(person('approver'), 'org', 'approve:token-requests:admin')).not.toThrow();
    expect(() => authorizeOrgAccess(person('member'), 'org', 'approve:token-requests:admin')).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => authorizeOrgAccess(person('owner'), 'other', null)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
  });
});
