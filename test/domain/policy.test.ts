/** The pure policy rules: resolution order, grants, use checks, clamping, IP allowlists. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { isIpAllowed, normalizeAllowlist, parseCidr } from '../../src/domain/ip-allowlist.js';
import { normalizeRule, OPEN_RULE, type Policy, type PolicyRule } from '../../src/domain/policy.js';
import { DAY_MS } from '../../src/domain/time.js';
import { checkTokenUse, clampToRule, grantWithinPolicy, violationsOf, type EnforceableRule } from '../../src/domain/policy-enforcement.js';
import { resolveEffectivePolicy, type PolicyCandidate } from '../../src/domain/policy-resolution.js';
import { allowedScopeNames, cleanScopeName, DEFAULT_SCOPE_CATALOGUE } from '../../src/domain/scope-catalogue.js';

const NOW = new Date('2026-06-01T00:00:00Z');

function policy(id: string, fields: Partial<Policy> = {}): Policy {
  return {
    id,
    orgId: 'org',
    name: id,
    status: 'enabled',
    priority: 1,
    isDefault: false,
    rule: OPEN_RULE,
    assignees: { groupIds: [], userIds: [], serviceAccountIds: [] },
    createdAt: new Date('2026-01-01T00:00:00Z'),
    updatedAt: new Date('2026-01-01T00:00:00Z'),
    ...fields,
  };
}

const DEFAULT = policy('pol_default', { isDefault: true, priority: 0, name: 'Default' });
const defaultCandidate: PolicyCandidate = { policy: DEFAULT, via: { type: 'default' } };

function enforceable(rule: Partial<PolicyRule>): EnforceableRule {
  const full = { ...OPEN_RULE, ...rule };
  return { policyId: 'pol_x', policyName: 'X', rule: full, allowedScopeNames: allowedScopeNames(full.allowedScopes, DEFAULT_SCOPE_CATALOGUE) };
}

describe('policy resolution', () => {
  it('falls back to the default policy when nothing else is assigned', () => {
    const effective = resolveEffectivePolicy([defaultCandidate]);
    expect(effective.policy.id).toBe('pol_default');
    expect(effective.reason).toContain('default policy');
  });

  it('lets the highest priority win, then a direct assignment, then the older policy, then the smaller id', () => {
    const low = policy('pol_low', { priority: 5 });
    const high = policy('pol_high', { priority: 10 });
    expect(resolveEffectivePolicy([defaultCandidate, { policy: low, via: { type: 'user', id: 'u' } }, { policy: high, via: { type: 'group', id: 'g', name: 'G' } }]).policy.id).toBe('pol_high');

    const viaGroup = policy('pol_a', { priority: 7 });
    const direct = policy('pol_b', { priority: 7 });
    expect(resolveEffectivePolicy([{ policy: viaGroup, via: { type: 'group', id: 'g', name: null } }, { policy: direct, via: { type: 'user', id: 'u' } }, defaultCandidate]).policy.id).toBe('pol_b');

    const older = policy('pol_z', { priority: 7, createdAt: new Date('2025-01-01T00:00:00Z') });
    expect(resolveEffectivePolicy([{ policy: viaGroup, via: { type: 'group', id: 'g', name: null } }, { policy: older, via: { type: 'group', id: 'h', name: null } }, defaultCandidate]).policy.id).toBe('pol_z');

    const twin = policy('pol_0', { priority: 7 });
    expect(resolveEffectivePolicy([{ policy: viaGroup, via: { type: 'group', id: 'g', name: null } }, { policy: twin, via: { type: 'group', id: 'h', name: null } }, defaultCandidate]).policy.id).toBe('pol_0');
  });

  it('skips disabled policies and lists every assignment of the winner', () => {
    const disabled = policy('pol_off', { priority: 100, status: 'disabled' });
    const on = policy('pol_on', { priority: 1 });
    const effective = resolveEffectivePolicy([
      { policy: disabled, via: { type: 'user', id: 'u' } },
      { policy: on, via: { type: 'group', id: 'g1', name: 'One' } },
      { policy: on, via: { type: 'group', id: 'g2', name: 'Two' } },
      defaultCandidate,
    ]);
    expect(effective.policy.id).toBe('pol_on');
    expect(effective.via).toHaveLength(2);
    expect(effective.applied.map((a) => a.policy.id)).toEqual(['pol_on', 'pol_default']);
  });

  it('does not depend on the order of candidates', () => {
    const policies = Array.from({ length: 6 }, (_, i) => policy(`pol_${i}`, { priority: i % 3, createdAt: new Date(2026, 0, 1 + (i % 2)) }));
    const candidates: PolicyCandidate[] = [
      defaultCandidate,
      ...policies.map((p, i) => ({ policy: p, via: i % 2 === 0 ? ({ type: 'user', id: 'u' } as const) : ({ type: 'group', id: `g${i}`, name: null } as const) })),
    ];
    const expected = resolveEffectivePolicy(candidates).policy.id;
    fc.assert(fc.property(fc.shuffledSubarray(candidates, { minLength: candidates.length }), (shuffled) => resolveEffectivePolicy(shuffled).policy.id === expected));
  });
});

describe('grants and use', () => {
  it('refuses disallowed scopes and lifetimes above the cap, and fills the default lifetime', () => {
    const readOnly = enforceable({ allowedScopes: ['class:read'], maxLifetimeDays: 90, defaultLifetimeDays: 30 });
    expect(grantWithinPolicy(readOnly, { scopes: ['read:jira-work', 'read:jira-work'] })).toEqual({ scopes: ['read:jira-work'], lifetimeDays: 30 });
    expect(() => grantWithinPolicy(readOnly, { scopes: ['write:jira-work'] })).toThrow(expect.objectContaining({ code: 'SCOPE_NOT_ALLOWED' }));
    expect(() => grantWithinPolicy(readOnly, { scopes: ['read:jira-work'], lifetimeDays: 365 })).toThrow(expect.objectContaining({ code: 'LIFETIME_TOO_LONG' }));
  });

  it('never grants beyond the rule (property)', () => {
    const names = DEFAULT_SCOPE_CATALOGUE.map((s) => s.name);
    fc.assert(
      fc.property(
        fc.subarray([...names, 'class:read', 'class:write', 'class:delete', 'class:admin']),
        fc.integer({ min: 1, max: 365 }),
        fc.subarray(names),
        fc.option(fc.integer({ min: -5, max: 500 }), { nil: undefined }),
        (allowed, max, scopes, lifetime) => {
          const rule = enforceable({ allowedScopes: allowed, maxLifetimeDays: max, defaultLifetimeDays: max });
          try {
            const grant = grantWithinPolicy(rule, { scopes, lifetimeDays: lifetime });
            return grant.lifetimeDays <= max && grant.lifetimeDays >= 1 && grant.scopes.every((s) => rule.allowedScopeNames.has(s));
          } catch (error) {
            return error instanceof DomainError;
          }
        },
      ),
    );
  });

  it('answers the verifier: blocked use, address outside the allowlist, scope the policy no longer allows', () => {
    const base = { tokenScopes: ['read:jira-work', 'write:jira-work'], ip: '10.1.2.3' };
    expect(checkTokenUse({ ...base, enforceable: enforceable({ tokenUse: 'blocked' }) })).toMatchObject({ allowed: false, code: 'USE_BLOCKED_BY_POLICY' });
    expect(checkTokenUse({ ...base, enforceable: enforceable({ ipAllowlist: ['192.168.0.0/16'] }) })).toMatchObject({ allowed: false, code: 'IP_NOT_ALLOWED' });
    expect(checkTokenUse({ ...base, ip: '::ffff:10.1.2.3', enforceable: enforceable({ ipAllowlist: ['10.0.0.0/8'] }) })).toMatchObject({ allowed: true });
    const readOnly = enforceable({ allowedScopes: ['class:read'] });
    expect(checkTokenUse({ ...base, enforceable: readOnly })).toEqual({ allowed: true, usableScopes: ['read:jira-work'] });
    expect(checkTokenUse({ ...base, enforceable: readOnly, requiredScopes: ['write:jira-work'] })).toMatchObject({ allowed: false, code: 'INSUFFICIENT_SCOPE' });
  });

  it('finds violations of existing tokens and clamps them', () => {
    const rule = enforceable({ allowedScopes: ['class:read'], maxLifetimeDays: 90, ipAllowlist: ['10.0.0.0/8'] });
    const token = { scopes: ['read:jira-work', 'write:jira-work'], expiresAt: new Date(NOW.getTime() + 200 * DAY_MS), lastActiveIp: '8.8.8.8' };
    expect(violationsOf(rule, token, NOW)).toEqual({ violations: ['LIFETIME_TOO_LONG', 'SCOPES_NOT_ALLOWED', 'IP_NOT_ALLOWED'], disallowedScopes: ['write:jira-work'] });
    expect(clampToRule(rule, token, NOW)).toEqual({ expiresAt: new Date(NOW.getTime() + 90 * DAY_MS), scopes: ['read:jira-work'], revoke: false });
    expect(clampToRule(rule, { scopes: ['write:jira-work'], expiresAt: null }, NOW).revoke).toBe(true);
  });
});

describe('rules, scopes and allowlists under bad input', () => {
  it('checks rules against the catalogue and fills defaults', () => {
    expect(normalizeRule({ tokenCreation: 'approval', maxLifetimeDays: 90 }, DEFAULT_SCOPE_CATALOGUE)).toMatchObject({ tokenUse: 'allowed', defaultLifetimeDays: 90, ipAllowlist: [], idleRevokeAfterDays: null });
    expect(() => normalizeRule({ tokenCreation: 'allowed', maxLifetimeDays: 90, defaultLifetimeDays: 91 }, DEFAULT_SCOPE_CATALOGUE)).toThrow(DomainError);
    expect(() => normalizeRule({ tokenCreation: 'allowed', maxLifetimeDays: 366 }, DEFAULT_SCOPE_CATALOGUE)).toThrow(DomainError);
    expect(() => normalizeRule({ tokenCreation: 'allowed', maxLifetimeDays: 30, allowedScopes: ['class:everything'] }, DEFAULT_SCOPE_CATALOGUE)).toThrow(DomainError);
    expect(() => normalizeRule({ tokenCreation: 'allowed', maxLifetimeDays: 30, allowedScopes: ['read:jira-wrok'] }, DEFAULT_SCOPE_CATALOGUE)).toThrow(DomainError);
  });

  it('parses IPv4 and IPv6 CIDRs and matches addresses', () => {
    expect(normalizeAllowlist(['10.0.0.0/8', '2001:db8::/32', '192.0.2.7', '10.0.0.0/8'])).toEqual(['10.0.0.0/8', '2001:db8::/32', '192.0.2.7/32']);
    expect(isIpAllowed(['2001:db8::/32'], '2001:db8::1')).toBe(true);
    expect(isIpAllowed(['2001:db8::/32'], '2001:db9::1')).toBe(false);
    expect(isIpAllowed([], null)).toBe(true);
    expect(isIpAllowed(['10.0.0.0/8'], null)).toBe(false);
    expect(isIpAllowed(['10.0.0.0/8'], 'not an ip')).toBe(false);
    for (const bad of ['10.0.0.0/33', '::/129', '10.0.0/8', '10.0.0.0/8/1', '', 'x', '10.0.0.0/-1', '10.0.0.0/ 8']) expect(() => parseCidr(bad)).toThrow(DomainError);
  });

  it('matches each list on its own, however many lists are checked in turn (property)', () => {
    // A list's blocks are built once and kept: checking other lists in between must not change its answers.
    const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255));
    const toNumber = ([a, b, c, d]: [number, number, number, number]) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    const toText = (parts: [number, number, number, number]) => parts.join('.');
    const list = fc.array(fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })), { maxLength: 4 });
    fc.assert(
      fc.property(fc.array(list, { minLength: 1, maxLength: 5 }), fc.array(ipv4, { minLength: 1, maxLength: 6 }), (lists, addresses) => {
        const allowlists = lists.map((blocks) => blocks.map(([address, prefix]) => `${toText(address)}/${prefix}`));
        for (let round = 0; round < 2; round += 1) {
          for (const [i, blocks] of lists.entries()) {
            for (const address of addresses) {
              const inside = blocks.some(([base, prefix]) => (toNumber(base) ^ toNumber(address)) >>> (32 - prefix) === 0);
              if (isIpAllowed(allowlists[i]!, toText(address)) !== (blocks.length === 0 || inside)) return false;
            }
          }
        }
        return true;
      }),
    );
  });

  it('gives garbage a DomainError, never a crash (property)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        for (const parse of [() => parseCidr(text), () => cleanScopeName(text)]) {
          try {
            parse();
          } catch (error) {
            if (!(error instanceof DomainError)) return false;
          }
        }
        return typeof isIpAllowed(['10.0.0.0/8', '::1/128'], text) === 'boolean';
      }),
    );
  });
});
