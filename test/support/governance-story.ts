/**
 * One small org where every way a policy reaches someone is present, with the figures the
 * console must show for it: group assignments of different priorities, a direct assignment that
 * loses on priority and one that wins a tie, a disabled policy, a service account assigned
 * directly, a deactivated person, and tokens that are live, revoked, expired and suspended.
 */
import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { sessionFor } from './sessions.js';
import { adminApi, createGroup, defaultPolicyId, policyBody } from './policies.js';
import { seedServiceAccount, seedToken, seedUser } from './seed.js';

export interface GovernanceStory {
  ids: Record<string, string>;
  /** Expected coverage per policy name: people, service accounts, live tokens. */
  coverage: Record<string, { people: number; serviceAccounts: number; liveTokens: number }>;
  /** Expected governing policy name per token label. */
  governing: Record<string, string | null>;
}

const HOUR = 3_600_000;
const OPEN = { tokenCreation: 'allowed' as const, maxLifetimeDays: 365 };

/**
 * Seeds the story. `advance(ms)` moves the app's clock (an expiring token expires by it). People the
 * bootstrap made (the owner) are counted under the default policy with whatever they had before.
 */
export async function seedGovernanceStory(t: TestApp, advance: (ms: number) => void): Promise<GovernanceStory> {
  const api = adminApi(t);
  const ok = async (response: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 201) => {
    const answered = await response;
    expect(answered.statusCode, answered.body).toBe(status);
    return answered.json() as { data: { id: string } };
  };
  const before = await api('GET', '/policies/coverage');
  expect(before.statusCode, before.body).toBe(200);
  const defaultId = await defaultPolicyId(t);
  const base = (before.json() as { data: Array<{ policyId: string; people: number; serviceAccounts: number; liveTokens: number }> }).data.find((row) => row.policyId === defaultId)!;

  const ada = await seedUser(t.app, t.orgId, { name: 'Ada Lovelace', email: 'ada@acme.test' });
  const bob = await seedUser(t.app, t.orgId, { name: 'Bob Okafor', email: 'bob@acme.test' });
  const cy = await seedUser(t.app, t.orgId, { name: 'Cy Tanaka', email: 'cy@acme.test' });
  const dee = await seedUser(t.app, t.orgId, { name: 'Dee Moreau', email: 'dee@acme.test' });
  const eve = await seedUser(t.app, t.orgId, { name: 'Eve Quist', email: 'eve@acme.test' });
  const builder = await seedServiceAccount(t.app, t.orgId, { displayName: 'Build robot' });
  const syncer = await seedServiceAccount(t.app, t.orgId, { displayName: 'Wiki syncer' });
  const engineering = await createGroup(t, 'Engineering', [ada.id, bob.id, cy.id, eve.id]);
  const operations = await createGroup(t, 'Operations', [bob.id]);

  const policy = async (name: string, options: Parameters<typeof policyBody>[2]) => (await ok(api('POST', '/policies', policyBody(name, OPEN, options)))).data.id;
  const ids: Record<string, string> = {
    ada: ada.id, bob: bob.id, cy: cy.id, dee: dee.id, eve: eve.id, builder: builder.id, syncer: syncer.id, engineering, operations, defaultPolicy: defaultId,
  };
  ids.engineeringPolicy = await policy('Engineering standard', { priority: 10, groupIds: [engineering] });
  ids.operationsPolicy = await policy('Operations tight', { priority: 20, groupIds: [operations] });
  // Direct, but a lower priority than Engineering's: Cy stays under Engineering standard.
  ids.strictPolicy = await policy('Strict review', { priority: 5, userIds: [cy.id] });
  // Direct on equal priority beats a group: Ada is governed by it.
  ids.tiePolicy = await policy('Ada exception', { priority: 10, userIds: [ada.id] });
  // Disabled policies govern nobody, however high.
  ids.disabledPolicy = await policy('Freeze (disabled)', { priority: 90, groupIds: [engineering], status: 'disabled' });
  ids.robotsPolicy = await policy('Robots', { priority: 1, serviceAccountIds: [builder.id] });

  const user = (id: string) => ({ type: 'user' as const, id });
  const account = (id: string) => ({ type: 'service_account' as const, id });
  const token = async (owner: { type: 'user' | 'service_account'; id: string }, label: string, expiresAt?: Date) =>
    (await seedToken(t.app, t.orgId, owner, { label, ...(expiresAt ? { expiresAt } : {}) })).token.id;
  await token(user(ada.id), 'ada cli');
  await token(user(ada.id), 'ada notebook');
  ids.adaRevoked = await token(user(ada.id), 'ada old laptop');
  const now = t.app.core.clock();
  await token(user(ada.id), 'ada one-hour test', new Date(now.getTime() + HOUR));
  await token(user(bob.id), 'bob deploy');
  await token(user(cy.id), 'cy reports');
  await token(user(dee.id), 'dee sheets');
  await token(user(eve.id), 'eve scripts');
  await token(account(builder.id), 'builder ci');
  await token(account(builder.id), 'builder nightly');
  await token(account(syncer.id), 'syncer wiki');
  const revoked = await api('DELETE', `/tokens/${ids.adaRevoked}`);
  expect(revoked.statusCode, revoked.body).toBeLessThan(300);
  await ok(api('POST', `/users/${eve.id}/deactivate`), 200);
  expect((await api('PUT', `/service-accounts/${builder.id}/owner`, { type: 'user', id: bob.id })).statusCode).toBe(200);
  // Two sign-ins of Ada: the later one is her last.
  await sessionFor(t.app, ada);
  advance(2 * HOUR);
  await sessionFor(t.app, ada);

  return {
    ids,
    coverage: {
      'Ada exception': { people: 1, serviceAccounts: 0, liveTokens: 2 },
      'Operations tight': { people: 1, serviceAccounts: 0, liveTokens: 1 },
      'Engineering standard': { people: 1, serviceAccounts: 0, liveTokens: 1 },
      'Strict review': { people: 0, serviceAccounts: 0, liveTokens: 0 },
      'Freeze (disabled)': { people: 0, serviceAccounts: 0, liveTokens: 0 },
      Robots: { people: 0, serviceAccounts: 1, liveTokens: 2 },
      [DEFAULT_NAME]: { people: base.people + 1, serviceAccounts: base.serviceAccounts + 1, liveTokens: base.liveTokens + 2 },
    },
    governing: {
      'ada cli': 'Ada exception',
      'ada notebook': 'Ada exception',
      'bob deploy': 'Operations tight',
      'cy reports': 'Engineering standard',
      'dee sheets': DEFAULT_NAME,
      'builder ci': 'Robots',
      'syncer wiki': DEFAULT_NAME,
    },
  };
}

export const DEFAULT_NAME = 'Default authentication policy';
