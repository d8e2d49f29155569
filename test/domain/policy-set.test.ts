/** Comparing a policy file with the server's policies: what differs, and the file's own mistakes. */
import { describe, expect, it } from 'vitest';
import { changedFields, documentProblems, orderChanges } from '../../src/domain/policy-set.js';
import { OPEN_RULE, type Policy } from '../../src/domain/policy.js';

const policy = (fields: Partial<Policy> = {}): Policy => ({
  id: 'pol_1',
  orgId: 'org',
  name: 'Contractors',
  status: 'enabled',
  priority: 10,
  isDefault: false,
  rule: { ...OPEN_RULE },
  assignees: { groupIds: ['grp_a', 'grp_b'], userIds: [], serviceAccountIds: [] },
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...fields,
});

describe('policy files', () => {
  it('names the fields that differ, ignoring key and assignee order', () => {
    const before = policy();
    const reordered = policy({ rule: Object.fromEntries(Object.entries(OPEN_RULE).reverse()) as Policy['rule'], assignees: { groupIds: ['grp_b', 'grp_a'], userIds: [], serviceAccountIds: [] } });
    expect(changedFields(before, reordered)).toEqual([]);
    const after = policy({ priority: 20, rule: { ...OPEN_RULE, maxLifetimeDays: 30, ipAllowlist: ['10.0.0.0/8'] }, assignees: { groupIds: ['grp_a'], userIds: [], serviceAccountIds: [] } });
    expect(changedFields(before, after)).toEqual(['priority', 'rule.ipAllowlist', 'rule.maxLifetimeDays', 'assignees']);
  });

  it('refuses names given twice and a default missing or doubled', () => {
    const entry = (name: string, isDefault = false) => ({ name, ...(isDefault ? { default: true } : {}), rule: { tokenCreation: 'allowed' as const, maxLifetimeDays: 30 } });
    expect(documentProblems({ version: 1, policies: [entry('D', true), entry('A')] })).toEqual([]);
    expect(documentProblems({ version: 1, policies: [entry('D', true), entry('A'), entry(' a ')] })).toEqual(['The policy name " a " is given twice; names identify policies.']);
    expect(documentProblems({ version: 1, policies: [entry('A')] })).toEqual(['Exactly one policy must be the default (default: true); the file has 0.']);
    expect(documentProblems({ version: 1, policies: [entry('A', true), entry('B', true)] })).toEqual(['Exactly one policy must be the default (default: true); the file has 2.']);
  });

  it('orders a plan: removals, changes, additions, each by name', () => {
    const plan = orderChanges([
      { action: 'add', name: 'b', fields: [] },
      { action: 'remove', name: 'z', fields: [] },
      { action: 'change', name: 'c', fields: ['status'] },
      { action: 'add', name: 'a', fields: [] },
    ]);
    expect(plan.map((c) => `${c.action} ${c.name}`)).toEqual(['remove z', 'change c', 'add a', 'add b']);
  });
});
