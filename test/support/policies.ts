/** Helpers for the tests: admin calls, policy bodies, groups, and a stand-in verifier. */
import { expect } from 'vitest';
import type { TokenOwner, User } from '../../src/domain/models.js';
import { tokenUnusableReason } from '../../src/domain/models.js';
import { checkTokenUse, type UseDecision } from '../../src/domain/policy-enforcement.js';
import { digestToken } from '../../src/domain/token-digest.js';
import { parseToken } from '../../src/domain/token-format.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, type TestApp } from './app.js';
import { sessionFor, sessionHeaders } from './sessions.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** An admin call under /admin/tokenward/v1/orgs/{orgId}, with the bootstrap key unless `key` is given. */
export function adminApi(t: TestApp, key?: string) {
  return (method: Method, path: string, payload?: unknown) =>
    t.app.http.inject({
      method,
      url: `/admin/tokenward/v1/orgs/${t.orgId}${path}`,
      headers: bearer(key ?? t.adminKey),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
}

export interface RuleFields {
  tokenCreation: 'allowed' | 'approval' | 'blocked';
  creationByClass?: Partial<Record<'read' | 'write' | 'delete' | 'admin', 'allowed' | 'approval' | 'blocked'>>;
  tokenUse?: 'allowed' | 'blocked';
  maxLifetimeDays: number;
  defaultLifetimeDays?: number;
  allowedScopes?: string[];
  ipAllowlist?: string[];
  idleRevokeAfterDays?: number | null;
  requireJustification?: boolean;
  rateLimits?: { limit: number; windowSeconds: number }[];
  quota?: { uses: number; refillEverySeconds?: number | null } | null;
  purposeMinLength?: number;
}

export function policyBody(
  name: string,
  rule: RuleFields,
  options: { priority?: number; groupIds?: string[]; userIds?: string[]; serviceAccountIds?: string[]; existingTokens?: 'leave' | 'clamp' | 'revoke'; status?: 'enabled' | 'disabled' } = {},
) {
  return {
    data: {
      type: 'policy',
      attributes: {
        type: 'authentication',
        name,
        ...(options.priority === undefined ? {} : { priority: options.priority }),
        ...(options.status ? { status: options.status } : {}),
        rule,
        assignees: { groupIds: options.groupIds ?? [], userIds: options.userIds ?? [], serviceAccountIds: options.serviceAccountIds ?? [] },
      },
    },
    ...(options.existingTokens ? { meta: { existingTokens: options.existingTokens } } : {}),
  };
}

/** The org's default policy id, from the list. */
export async function defaultPolicyId(t: TestApp): Promise<string> {
  const response = await adminApi(t)('GET', '/policies');
  expect(response.statusCode).toBe(200);
  const found = (response.json().data as Array<{ id: string; attributes: { isDefault: boolean } }>).find((p) => p.attributes.isDefault);
  return found!.id;
}

export async function createGroup(t: TestApp, name: string, userIds: string[]): Promise<string> {
  const api = adminApi(t);
  const created = await api('POST', '/groups', { name });
  expect(created.statusCode).toBe(201);
  const id = (created.json() as { id: string }).id;
  if (userIds.length > 0) expect((await api('PUT', `/groups/${id}/members`, { userIds })).statusCode).toBe(200);
  return id;
}

/**
 * What the verifier will do, from the pieces this issue exports: the one store lookup
 * (rotation-aware), the token's own state, then the owner's effective policy via checkTokenUse.
 */
export async function verifySecret(t: TestApp, secret: string, ip: string | null, requiredScopes: string[] = []): Promise<UseDecision | { allowed: false; code: string }> {
  const parsed = parseToken(secret);
  const digest = digestToken(t.app.core.pepper, parsed.secret);
  const found = await createStores(t.app.core.database.db).tokens.findBySecretDigest(digest, t.app.core.clock());
  if (!found) return { allowed: false, code: 'UNAUTHENTICATED' };
  const unusable = tokenUnusableReason(found.token, t.app.core.clock());
  if (unusable) return { allowed: false, code: unusable };
  const { enforceable } = await t.app.core.services.policies.effectivePolicyOf(found.token.orgId, found.token.owner as TokenOwner);
  return checkTokenUse({ enforceable, tokenScopes: found.token.scopes, ip, requiredScopes });
}

export async function auditActions(t: TestApp): Promise<string[]> {
  return (await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 1000)).map((e) => e.action);
}

/** A signed-in member's calls to `/api/v1/me/...` (session cookie and CSRF header). */
export async function memberApi(t: TestApp, user: User) {
  const session = await sessionFor(t.app, user);
  return (method: Method, path: string, payload?: unknown) =>
    t.app.http.inject({ method, url: `/api/v1/me${path}`, headers: sessionHeaders(session), ...(payload === undefined ? {} : { payload: payload as object }) });
}
