/** The GitHub connector's pure rules: the App credential, permissions as scopes, and the policy's decision on a request. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { batchesOf, decideGithubRequest, githubPermissionOf, githubScopesOf, parseGithubAppCredential, type GoverningPolicy } from '../../src/domain/github-connector.js';
import { SAFE_DEFAULT_RULE } from '../../src/domain/policy.js';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIabc\n-----END RSA PRIVATE KEY-----';
const SAFE: GoverningPolicy = { policyId: 'pol_1', policyName: 'Engineering', rule: SAFE_DEFAULT_RULE };
const created = new Date('2026-01-01T00:00:00Z');
const inDays = (days: number) => new Date(created.getTime() + days * 86_400_000);

describe('GitHub App credential', () => {
  it('reads the JSON document and refuses a malformed one without repeating it', () => {
    expect(parseGithubAppCredential(JSON.stringify({ appId: 12, installationId: '34', privateKey: KEY, webhookSecret: 's' }))).toEqual({ appId: '12', installationId: '34', privateKey: KEY, webhookSecret: 's' });
    expect(parseGithubAppCredential(JSON.stringify({ appId: '12', installationId: '34', privateKey: KEY })).webhookSecret).toBeNull();
    for (const bad of ['ghp_secretvalue', '[]', JSON.stringify({ appId: 'x', installationId: '1', privateKey: KEY }), JSON.stringify({ appId: '1', installationId: '1', privateKey: 'ghp_secretvalue' })]) {
      const error = (() => {
        try {
          parseGithubAppCredential(bad);
        } catch (e) {
          return e as DomainError;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(DomainError);
      expect(error!.detail).not.toContain('ghp_secretvalue');
    }
  });

  it('never crashes on garbage: a credential or a validation error', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        try {
          parseGithubAppCredential(text);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
        }
      }),
    );
  });
});

describe('GitHub permissions as scopes', () => {
  it('keeps GitHub\'s names and levels, each in a class; round-trips', () => {
    const scopes = githubScopesOf({ organization: { members: 'read' }, repository: { contents: 'write', administration: 'admin', issues: 'none' } });
    expect(scopes).toEqual(['github:organization/members:read', 'github:repository/administration:admin', 'github:repository/contents:write']);
    expect(scopes.map((s) => githubPermissionOf(s)!.scopeClass)).toEqual(['read', 'admin', 'write']);
    expect(githubPermissionOf('read:jira-work')).toBeNull();
    expect(githubPermissionOf('github:repository/future:triage')!.scopeClass).toBe('admin');
  });
});

describe('a request decided by policy', () => {
  const request = (permissions: object, expiresAt: Date | null = inDays(30)) => ({ scopes: githubScopesOf(permissions), createdAt: created, expiresAt });

  it('approves what the policy allows, queues what needs approval, denies what it blocks, naming the policy', () => {
    expect(decideGithubRequest(SAFE, request({ repository: { contents: 'read' } }))).toMatchObject({ outcome: 'approve', policyName: 'Engineering' });
    const queued = decideGithubRequest(SAFE, request({ repository: { contents: 'write', metadata: 'read' } }));
    expect(queued).toMatchObject({ outcome: 'queue' });
    expect(queued.reason).toContain('repository contents: write');
    const denied = decideGithubRequest(SAFE, request({ repository: { administration: 'admin', contents: 'write' } }));
    expect(denied.outcome).toBe('deny');
    expect(denied.reason).toMatch(/^Denied by Tokenward policy "Engineering": it blocks tokens with admin permissions/);
    const notAllowed = decideGithubRequest({ ...SAFE, rule: { ...SAFE_DEFAULT_RULE, allowedScopes: ['class:read'] } }, request({ repository: { contents: 'write' } }));
    expect(notAllowed).toMatchObject({ outcome: 'deny' });
    expect(notAllowed.reason).toContain('does not allow write permissions');
  });

  it('never approves alone a token that outlives the policy or never expires, nor one nobody\'s policy governs', () => {
    expect(decideGithubRequest(SAFE, request({ repository: { contents: 'read' } }, null)).outcome).toBe('queue');
    expect(decideGithubRequest(SAFE, request({ repository: { contents: 'read' } }, inDays(91))).outcome).toBe('queue');
    expect(decideGithubRequest(null, request({ repository: { contents: 'read' } }))).toMatchObject({ outcome: 'queue', policyId: null });
  });

  it('keeps every reason within GitHub\'s 1,024 characters', () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`permission_number_${i}`, 'write']));
    expect(decideGithubRequest(SAFE, request({ repository: many })).reason.length).toBeLessThanOrEqual(1024);
  });

  it('batches ids 100 at a time', () => {
    expect(batchesOf(Array.from({ length: 250 }, (_, i) => i)).map((b) => b.length)).toEqual([100, 100, 50]);
    expect(batchesOf([])).toEqual([]);
  });
});
