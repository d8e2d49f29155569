/** Which credential the gateway presents upstream: the mapped mode's file checks and matching. */
import { describe, expect, it } from 'vitest';
import { credentialForCaller } from '../../src/domain/gateway-caller-credentials.js';
import { parseGatewayConfig } from '../../src/domain/gateway-config.js';

const env = { A: 'secret-a', B: 'secret-b', BOT: 'secret-bot', SHARED: 'tok' };
const file = (upstream: Record<string, unknown>) => ({ upstream: { url: 'http://127.0.0.1:1', ...upstream }, tokenward: { orgId: 'org_1' }, routes: [{ path: '/x', scopes: [] }] });
const parse = (upstream: Record<string, unknown>) => parseGatewayConfig(file(upstream), env, 'in-process', 'gw.yaml');
const mapped = (credentialMap: unknown, credential: unknown = { header: 'Authorization', prefix: 'Basic ' }) => parse({ callAs: 'mapped', credential, credentialMap });

describe('mapped upstream credentials', () => {
  const { credentialMap } = mapped([
    { serviceAccount: 'CI-Bot@acme.test', valueEnv: 'BOT' },
    { group: 'Team A', valueEnv: 'A' },
    { group: 'team b', valueEnv: 'B' },
  ]).upstream;
  const user = (groups: string[]) => ({ type: 'user' as const, id: 'usr_1', email: 'ada@acme.test', groups });

  it("picks the service account's own entry, else the first entry naming one of the caller's groups, else none", () => {
    expect(credentialForCaller(credentialMap!, { type: 'service_account', id: 'sa_1', email: 'ci-bot@ACME.test', groups: [] })).toEqual({ header: 'authorization', value: 'Basic secret-bot' });
    expect(credentialForCaller(credentialMap!, user(['TEAM A']))?.value).toBe('Basic secret-a');
    expect(credentialForCaller(credentialMap!, user(['Team B', 'Team A']))?.value).toBe('Basic secret-a');
    expect(credentialForCaller(credentialMap!, user(['Team C']))).toBeNull();
    expect(credentialForCaller(credentialMap!, { type: 'service_account', id: 'sa_2', email: 'other@acme.test', groups: [] })).toBeNull();
    expect(credentialForCaller(credentialMap!, null)).toBeNull();
  });

  it('refuses files that would leak a credential or leave callers unmapped by mistake, in one line naming the field', () => {
    expect(() => mapped([{ group: 'A', valueEnv: 'A' }], { header: 'Authorization', valueEnv: 'SHARED' })).toThrow(/upstream\.credential\.valueEnv is not allowed when upstream\.callAs is mapped/);
    expect(() => mapped([])).toThrow(/upstream\.credentialMap must be a non-empty list/);
    expect(() => mapped([{ group: 'A', serviceAccount: 'x', valueEnv: 'A' }])).toThrow(/credentialMap\[0\] must name exactly one of group or serviceAccount/);
    expect(() => mapped([{ group: 'A', value: 'secret' }])).toThrow(/credentialMap\[0\]\.value is not allowed/);
    expect(() => mapped([{ group: 'A', valueEnv: 'A' }, { group: 'a', valueEnv: 'B' }])).toThrow(/credentialMap\[1\]\.group names "a" a second time/);
    expect(() => mapped([{ group: 'A', valueEnv: 'UNSET' }])).toThrow(/credentialMap\[0\]\.valueEnv names UNSET, which is not set/);
    expect(() => parse({ callAs: 'mapped', credentialMap: [{ group: 'A', valueEnv: 'A' }] })).toThrow(/upstream\.credential must name the header/);
    expect(() => parse({ credentialMap: [{ group: 'A', valueEnv: 'A' }] })).toThrow(/upstream\.credentialMap is only read when upstream\.callAs is mapped/);
    expect(() => parse({ callAs: 'bot' })).toThrow(/upstream\.callAs must be shared, mapped or delegated/);
  });

  it('keeps the prefix as written (its trailing space included) in both modes', () => {
    expect(parse({ credential: { header: 'Authorization', prefix: 'Bearer ', valueEnv: 'SHARED' } }).upstream.credential).toEqual({ header: 'authorization', value: 'Bearer tok' });
    expect(mapped([{ group: 'A', valueEnv: 'A' }], { header: 'X-Api-Key' }).upstream.credentialMap).toEqual({ header: 'x-api-key', entries: [{ kind: 'group', match: 'a', label: 'A', value: 'secret-a' }] });
  });
});
