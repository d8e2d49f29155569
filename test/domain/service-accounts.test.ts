import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newId } from '../../src/domain/ids.js';
import type { Token } from '../../src/domain/models.js';
import { apiTokenStatus, clampPageSize, serviceAccountEmail } from '../../src/domain/service-accounts.js';

const now = new Date('2026-06-01T00:00:00.000Z');
const token = (fields: Partial<Token>): Token => ({
  id: newId('tok'),
  orgId: 'org',
  kind: 'service_account',
  owner: { type: 'service_account', id: 'sa_1' },
  label: 'x',
  displayPrefix: 'tws_abc',
  scopes: [],
  status: 'active',
  createdAt: now,
  expiresAt: null,
  lastActiveAt: null,
  createdBy: null,
  revokedAt: null,
  revokedBy: null,
  revokedReason: null,
  ...fields,
});

describe('service-account rules', () => {
  it('makes the e-mail from a slug of the display name and the suffix', () => {
    expect(serviceAccountEmail('CI Bot (prod)', 'k3x9q2')).toBe('ci-bot-prod-k3x9q2@serviceaccount.tokenward.local');
    expect(serviceAccountEmail('Déploiement', 'aa')).toBe('deploiement-aa@serviceaccount.tokenward.local');
    expect(serviceAccountEmail('日本語', 'aa')).toBe('service-account-aa@serviceaccount.tokenward.local');
    expect(serviceAccountEmail('x'.repeat(100), 'aa')).toBe(`${'x'.repeat(30)}-aa@serviceaccount.tokenward.local`);
  });

  it('always gives a plain address for any display name', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        expect(serviceAccountEmail(name, 'abc123')).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,29})-abc123@serviceaccount\.tokenward\.local$/);
      }),
    );
  });

  it('reports ALLOWED only for active, unexpired tokens', () => {
    expect(apiTokenStatus(token({}), now)).toBe('ALLOWED');
    expect(apiTokenStatus(token({ expiresAt: new Date(now.getTime() + 1) }), now)).toBe('ALLOWED');
    expect(apiTokenStatus(token({ expiresAt: now }), now)).toBe('BLOCKED');
    expect(apiTokenStatus(token({ status: 'suspended' }), now)).toBe('BLOCKED');
    expect(apiTokenStatus(token({ status: 'revoked' }), now)).toBe('BLOCKED');
  });

  it('defaults the page size to 100 and clamps it to 1..1000', () => {
    expect(clampPageSize(undefined)).toBe(100);
    expect(clampPageSize(5000)).toBe(1000);
    expect(clampPageSize(7)).toBe(7);
  });
});
