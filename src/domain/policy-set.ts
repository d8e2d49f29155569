/**
 * A policy file: every authentication policy of an organization, with assignees named instead of
 * given by id (groups by name, people by e-mail, service accounts by name or e-mail), so one file
 * can be reviewed in a pull request and applied to several servers. Pure: comparing a file with the
 * server's policies, by name.
 */
import type { Policy, PolicyRule, PolicyStatus, RuleInput } from './policy.js';

export const POLICY_SET_VERSION = 1 as const;

export interface PolicyFileAssignees {
  /** Group names. */
  groups?: string[] | undefined;
  /** People, by e-mail. */
  people?: string[] | undefined;
  /** Service accounts, by name or e-mail. */
  serviceAccounts?: string[] | undefined;
}

export interface PolicyFileEntry {
  name: string;
  /** The organization's default policy: exactly one entry has it. */
  default?: boolean | undefined;
  status?: PolicyStatus | undefined;
  priority?: number | undefined;
  rule: RuleInput;
  assignees?: PolicyFileAssignees | undefined;
}

export interface PolicySetDocument {
  version: typeof POLICY_SET_VERSION;
  policies: PolicyFileEntry[];
}

export type PolicySetAction = 'add' | 'change' | 'remove';

/** One line of a plan: what happens to the policy of that name, and which of its parts differ. */
export interface PolicySetChange {
  action: PolicySetAction;
  name: string;
  /** For `change`: status, priority, assignees, and rule.<field> for each rule field that differs. */
  fields: string[];
}

/** JSON with object keys in order, so two equal values compare equal whatever order they were built in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();

/** The parts in which two versions of a policy differ (both rules normalized against the same catalogue). */
export function changedFields(before: Policy, after: Policy): string[] {
  const fields: string[] = [];
  if (before.name !== after.name) fields.push('name');
  if (before.status !== after.status) fields.push('status');
  if (before.priority !== after.priority) fields.push('priority');
  const keys = new Set([...Object.keys(before.rule), ...Object.keys(after.rule)]) as Set<keyof PolicyRule>;
  for (const key of [...keys].sort()) {
    if (canonical(before.rule[key]) !== canonical(after.rule[key])) fields.push(`rule.${key}`);
  }
  const assignees = (p: Policy) => canonical([sorted(p.assignees.groupIds), sorted(p.assignees.userIds), sorted(p.assignees.serviceAccountIds)]);
  if (assignees(before) !== assignees(after)) fields.push('assignees');
  return fields;
}

/**
 * The file's own mistakes, before any lookup: names given twice and the default policy missing or
 * given twice. Returns the reasons, empty when the file is sound.
 */
export function documentProblems(document: PolicySetDocument): string[] {
  const problems: string[] = [];
  if (document.version !== POLICY_SET_VERSION) problems.push(`version must be ${POLICY_SET_VERSION}.`);
  const seen = new Set<string>();
  for (const entry of document.policies) {
    const key = entry.name.trim().toLowerCase();
    if (seen.has(key)) problems.push(`The policy name "${entry.name}" is given twice; names identify policies.`);
    seen.add(key);
  }
  const defaults = document.policies.filter((entry) => entry.default === true).length;
  if (defaults !== 1) problems.push(`Exactly one policy must be the default (default: true); the file has ${defaults}.`);
  return problems;
}

/** Orders a plan for reading: removals, changes, then additions, each by name. */
export function orderChanges(changes: PolicySetChange[]): PolicySetChange[] {
  const rank: Record<PolicySetAction, number> = { remove: 0, change: 1, add: 2 };
  return [...changes].sort((a, b) => rank[a.action] - rank[b.action] || a.name.localeCompare(b.name));
}
