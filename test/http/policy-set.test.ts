/**
 * The policy set as a file (export, plan, apply in one transaction, names not ids) and the bulk
 * revoke, over HTTP on both dialects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../src/store/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { adminApi, createGroup } from '../support/policies.js';
import { seedToken, seedUser } from '../support/seed.js';

type PlanJson = { data: { changes: Array<{ action: string; name: string; fields: string[]; impact: { affected: number } }>; unchanged: number; applied: boolean } };
type FileJson = { version: 1; policies: Array<Record<string, unknown> & { name: string; rule: Record<string, unknown> }> };

describe.each(DIALECTS)('policy set on %s', (dialect) => {
  let t: TestApp;
  let api: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    t = await startTestApp(dialect, { config: { logLevel: 'silent' } });
    api = adminApi(t);
  });
  afterAll(async () => t.close());

  const exported = async () => ((await api('GET', '/policy-set')).json() as { data: FileJson }).data;

  it('plans and applies a file naming a group and a person, then has nothing to do', async () => {
    const ada = await seedUser(t.app, t.orgId, { email: 'ada@acme.test', name: 'Ada' });
    await createGroup(t, 'contractors', [ada.id]);
    // A token of 300 days that a 30-day policy for the contractors breaks.
    await seedToken(t.app, t.orgId, { type: 'user', id: ada.id }, { expiresAt: new Date(Date.now() + 300 * 86_400_000) });
    const file = await exported();
    expect(file.policies).toHaveLength(1);
    expect(file.policies[0]).toMatchObject({ default: true });
    file.policies.push({
      name: 'Contractors',
      status: 'enabled',
      priority: 10,
      rule: { tokenCreation: 'approval', maxLifetimeDays: 30 },
      assignees: { groups: ['contractors'], people: ['ADA@acme.test'] },
    });

    const plan = await api('POST', '/policy-set/plan', { data: file });
    expect(plan.statusCode, plan.body).toBe(200);
    expect((plan.json() as PlanJson).data).toMatchObject({ applied: false, unchanged: 1, changes: [{ action: 'add', name: 'Contractors', impact: { affected: 1 } }] });
    expect((await exported()).policies).toHaveLength(1);

    const apply = await api('PUT', '/policy-set', { data: file, meta: { existingTokens: 'clamp' } });
    expect(apply.statusCode, apply.body).toBe(200);
    expect((apply.json() as PlanJson).data.changes[0]).toMatchObject({ action: 'add', applied: { mode: 'clamp', clamped: 1 } });

    const again = await exported();
    expect(again.policies[1]).toMatchObject({ name: 'Contractors', priority: 10, assignees: { groups: ['contractors'], people: ['ada@acme.test'] } });
    expect(((await api('POST', '/policy-set/plan', { data: again })).json() as PlanJson).data).toMatchObject({ changes: [], unchanged: 2 });

    // Edit one field, remove nothing: the plan names the field.
    Object.assign(again.policies[1]!.rule, { maxLifetimeDays: 14, defaultLifetimeDays: 14 });
    const edited = ((await api('POST', '/policy-set/plan', { data: again })).json() as PlanJson).data.changes;
    expect(edited).toEqual([expect.objectContaining({ action: 'change', name: 'Contractors', fields: ['rule.defaultLifetimeDays', 'rule.maxLifetimeDays'] })]);

    // Without the policy, it is removed.
    const removal = ((await api('POST', '/policy-set/plan', { data: { version: 1, policies: [again.policies[0]] } })).json() as PlanJson).data.changes;
    expect(removal).toEqual([expect.objectContaining({ action: 'remove', name: 'Contractors' })]);
  });

  it('refuses unknown names and a missing default in one transaction, changing nothing', async () => {
    const file = await exported();
    const before = JSON.stringify(file);
    file.policies.push({ name: 'Ghosts', rule: { tokenCreation: 'blocked', maxLifetimeDays: 7 }, assignees: { groups: ['nobody-here'] } });
    const unknown = await api('PUT', '/policy-set', { data: file });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('Policy \\"Ghosts\\": no group \\"nobody-here\\" in this organization.');
    const noDefault = await api('POST', '/policy-set/plan', { data: { version: 1, policies: file.policies.slice(1) } });
    expect(noDefault.statusCode).toBe(400);
    expect(noDefault.body).toContain('Exactly one policy must be the default');
    expect(JSON.stringify(await exported())).toBe(before);
  });

  it('serves the file schema without a key', async () => {
    const schema = await t.app.http.inject({ method: 'GET', url: '/admin/tokenward/v1/policy-file.schema.json' });
    expect(schema.statusCode).toBe(200);
    expect(schema.json()).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', required: ['version', 'policies'] });
  });

  it('revokes many tokens at once, each audited, and reports the rest', async () => {
    const bob = await seedUser(t.app, t.orgId, { email: 'bob@acme.test' });
    const ids = await Promise.all([1, 2, 3].map(async () => (await seedToken(t.app, t.orgId, { type: 'user', id: bob.id })).token.id));
    const first = await api('POST', '/tokens/revoke', { tokenIds: ids.slice(0, 2), reason: 'cleanup' });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ data: { revoked: ids.slice(0, 2), alreadyRevoked: [], notFound: [] } });
    const second = await api('POST', '/tokens/revoke', { tokenIds: [...ids, 'tok_missing'] });
    expect(second.json()).toEqual({ data: { revoked: [ids[2]], alreadyRevoked: ids.slice(0, 2), notFound: ['tok_missing'] } });
    const audit = await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 50);
    expect(audit.filter((e) => e.action === 'token.revoked' && ids.includes(e.targetId ?? '')).length).toBe(3);
    // Appended together, chained one after the other.
    expect(await t.app.core.services.auditChain.verifyChain()).toMatchObject({ ok: true });
  });
});
