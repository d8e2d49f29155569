/**
 * The idle-revoke job's tokens found in SQL (each owner's policy resolved in the query) are exactly
 * those the in-memory resolution (`resolverOver`, the policy preview's) picks from every active
 * token: random policies (priorities, disabled ones, ties broken by direct assignment, age and id),
 * groups, owners, idleness and warning windows, on both dialects.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import type { Token } from '../../src/domain/models.js';
import { defaultPolicyIdOf, OPEN_RULE } from '../../src/domain/policy.js';
import { createPolicyIdleLimits } from '../../src/service/policy-idle-limits.js';
import { resolverOver } from '../../src/service/policy-impact.js';
import { createStores } from '../../src/store/stores.js';
import { DIALECTS, openMigratedTestDatabase } from '../support/databases.js';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00Z');
const LIMITS = [null, 10, 30, 60, 61];

const policyArb = fc.record({
  priority: fc.nat(1),
  isEnabled: fc.boolean(),
  ageDays: fc.nat(3),
  idleDays: fc.constantFrom(...LIMITS),
  users: fc.subarray([0, 1, 2, 3]),
  groups: fc.subarray([0, 1, 2]),
  accounts: fc.subarray([0, 1]),
});
const tokenArb = fc.record({
  owner: fc.nat(6),
  status: fc.constantFrom('active', 'active', 'active', 'suspended', 'revoked'),
  idleDays: fc.integer({ min: 0, max: 100 }),
  isNeverUsed: fc.boolean(),
  expiresInDays: fc.option(fc.integer({ min: -5, max: 50 }), { nil: null }),
});
const worldArb = fc.record({
  policies: fc.array(policyArb, { maxLength: 4 }),
  defaultIdleDays: fc.constantFrom(null, 45),
  settingIdleDays: fc.constantFrom(null, 90, 20),
  warningDays: fc.constantFrom(0, 7),
  memberships: fc.array(fc.tuple(fc.nat(2), fc.nat(3)), { maxLength: 6 }),
  tokens: fc.array(tokenArb, { maxLength: 14 }),
});

describe.each(DIALECTS)('idle tokens by policy on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof openMigratedTestDatabase>>;
  beforeAll(async () => {
    database = await openMigratedTestDatabase(dialect);
  });
  afterAll(async () => {
    await database?.close();
  });

  it('finds the tokens the in-memory resolution finds, with the same limits', async () => {
    const { db } = database.handle;
    const stores = createStores(db);
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(worldArb, async (world) => {
        seq++;
        const orgId = newOrgId();
        await db.insertInto('organizations').values({ id: orgId, name: 'o', created_at: 1 }).execute();
        const users = [0, 1, 2, 3].map((i) => `usr_${seq}_${i}`);
        for (const id of users) {
          await db.insertInto('users').values({ id, org_id: orgId, email: `${id}@x`, email_lower: `${id}@x`, name: id, role: 'member', account_type: 'managed', status: 'active', created_at: 1, updated_at: 1 }).execute();
        }
        const accounts = [0, 1].map((i) => `sa_${seq}_${i}`);
        for (const id of accounts) {
          await db.insertInto('service_accounts').values({ id, org_id: orgId, email: `${id}@sa`, display_name: id, description: null, picture: null, status: 'active', created_by_id: null, created_at: 1, updated_at: 1, deleted_at: null, deleted_by: null }).execute();
        }
        const groups = [0, 1, 2].map((i) => `grp_${seq}_${i}`);
        for (const id of groups) await db.insertInto('groups').values({ id, org_id: orgId, name: id, created_at: 1 }).execute();
        const members = [...new Set(world.memberships.map(([g, u]) => `${g} ${u}`))].map((pair) => pair.split(' ').map(Number) as [number, number]);
        for (const [g, u] of members) await db.insertInto('group_members').values({ group_id: groups[g]!, user_id: users[u]!, created_at: 1 }).execute();
        const at = (ageDays: number) => new Date(NOW.getTime() - ageDays * DAY);
        await stores.policies.insert({
          id: defaultPolicyIdOf(orgId), orgId, name: 'Default', status: 'enabled', priority: 0, isDefault: true, rule: { ...OPEN_RULE, idleRevokeAfterDays: world.defaultIdleDays },
          assignees: { groupIds: [], userIds: [], serviceAccountIds: [] }, createdAt: at(10), updatedAt: at(10),
        });
        let assigned = 0;
        for (const [i, p] of world.policies.entries()) {
          const assignees = { groupIds: p.groups.map((g) => groups[g]!), userIds: p.users.map((u) => users[u]!), serviceAccountIds: p.accounts.map((a) => accounts[a]!) };
          await stores.policies.insert({
            id: `pol_${seq}_${i}`, orgId, name: `p${i}`, status: p.isEnabled ? 'enabled' : 'disabled', priority: p.priority, isDefault: false, rule: { ...OPEN_RULE, idleRevokeAfterDays: p.idleDays },
            assignees, createdAt: at(p.ageDays), updatedAt: at(p.ageDays),
          });
          await stores.policies.replaceAssignees(orgId, `pol_${seq}_${i}`, assignees);
          assigned += assignees.groupIds.length + assignees.userIds.length + assignees.serviceAccountIds.length;
        }
        if (world.policies.length > 0) expect((await stores.policies.listAll(orgId)).flatMap((p) => [...p.assignees.groupIds, ...p.assignees.userIds, ...p.assignees.serviceAccountIds]).length).toBe(assigned);
        const tokens: Token[] = world.tokens.map((w, i) => {
          const owner: Token['owner'] = w.owner < 4 ? { type: 'user', id: users[w.owner]! } : w.owner < 6 ? { type: 'service_account', id: accounts[w.owner - 4]! } : null;
          return {
            id: `tok_${seq}_${i}`, orgId, kind: owner === null ? 'admin_key' : owner.type === 'user' ? 'user' : 'service_account', owner, label: 't', displayPrefix: 'twu_x', scopes: [],
            status: w.status as Token['status'], createdAt: at(w.idleDays + (w.isNeverUsed ? 0 : 5)), expiresAt: w.expiresInDays === null ? null : new Date(NOW.getTime() + w.expiresInDays * DAY),
            lastActiveAt: w.isNeverUsed ? null : at(w.idleDays), createdBy: null, revokedAt: null, revokedBy: null, revokedReason: null,
          };
        });
        for (const token of tokens) await stores.tokens.insert(token, token.id.padStart(64, '0'));
        const settings = { ...(await stores.notificationSettings.getAutomation(orgId)), idleRevokeAfterDays: world.settingIdleDays, idleWarningDays: world.warningDays };

        // The reference: every active token, resolved in memory as the policy preview does.
        const resolve = resolverOver(await stores.policies.listAll(orgId), await stores.policies.groupIdsByUser(orgId), await stores.scopes.list(orgId));
        const expected = tokens
          .filter((t) => t.status === 'active' && t.kind !== 'admin_key' && (t.expiresAt === null || t.expiresAt > NOW))
          .map((t) => ({ id: t.id, limit: t.owner ? (resolve(t.owner).rule.idleRevokeAfterDays ?? settings.idleRevokeAfterDays) : settings.idleRevokeAfterDays, since: (t.lastActiveAt ?? t.createdAt).getTime() }))
          .filter((t) => t.limit !== null && t.limit > 0 && NOW.getTime() - t.since >= (t.limit - world.warningDays) * DAY);

        const limits = await createPolicyIdleLimits(() => NOW)(stores, orgId, settings);
        const found = await stores.idlePolicy.actionable(orgId, NOW, limits, world.warningDays);
        expect(found.map((f) => ({ id: f.token.id, limit: f.revokeAfterDays })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
          expected.map(({ id, limit }) => ({ id, limit })).sort((a, b) => a.id.localeCompare(b.id)),
        );
        const past = expected.filter((t) => NOW.getTime() - t.since >= t.limit! * DAY);
        const counted = await stores.idlePolicy.pastLimit(orgId, NOW, limits, 3);
        expect(counted.total).toBe(past.length);
        expect(counted.longest.length).toBe(Math.min(3, past.length));
        const window = await stores.idlePolicy.inWarningWindow(orgId, NOW, limits, world.warningDays);
        expect(window.length).toBe(world.warningDays > 0 ? expected.length - past.length : 0);
      }),
      { numRuns: dialect === 'postgres' ? 30 : 60 },
    );
  }, 240_000);
});
