/**
 * The policy editor's draft: what the form holds, how it is made from a saved policy, how
 * it becomes the API's body, and what is wrong with it, in words.
 */
import type { PolicyBody, PolicyResource } from '../../api/types.ts';
import { checkIpList } from '../../components/ip-allowlist.ts';

export type CreationMode = 'allowed' | 'approval' | 'blocked';
export type ScopeClassName = 'read' | 'write' | 'delete' | 'admin';
export const SCOPE_CLASS_NAMES: readonly ScopeClassName[] = ['read', 'write', 'delete', 'admin'];

export interface PolicyDraft {
  name: string;
  isEnabled: boolean;
  priority: string;
  tokenCreation: CreationMode;
  /** Classes whose mode differs from `tokenCreation`; a class left out follows it. */
  creationByClass: Partial<Record<ScopeClassName, CreationMode>>;
  requireJustification: boolean;
  isUseBlocked: boolean;
  maxLifetimeDays: string;
  defaultLifetimeDays: string;
  allowedScopes: string[];
  ipAllowlist: string;
  idleRevokeAfterDays: string;
  groupIds: string[];
  userIds: string[];
  /** Kept as they are: the editor assigns groups and people; service accounts are untouched. */
  serviceAccountIds: string[];
}

export const NEW_POLICY: PolicyDraft = {
  name: '',
  isEnabled: true,
  priority: '10',
  tokenCreation: 'approval',
  creationByClass: {},
  requireJustification: true,
  isUseBlocked: false,
  maxLifetimeDays: '90',
  defaultLifetimeDays: '',
  allowedScopes: ['class:read'],
  ipAllowlist: '',
  idleRevokeAfterDays: '',
  groupIds: [],
  userIds: [],
  serviceAccountIds: [],
};

export function draftOf(policy: PolicyResource): PolicyDraft {
  const { name, status, priority, rule, assignees } = policy.attributes;
  return {
    name,
    isEnabled: status === 'enabled',
    priority: String(priority),
    tokenCreation: rule.tokenCreation as CreationMode,
    creationByClass: Object.fromEntries(
      SCOPE_CLASS_NAMES.filter((c) => rule.creationByClass[c] !== rule.tokenCreation).map((c) => [c, rule.creationByClass[c] as CreationMode]),
    ),
    requireJustification: rule.requireJustification,
    isUseBlocked: rule.tokenUse === 'blocked',
    maxLifetimeDays: String(rule.maxLifetimeDays),
    defaultLifetimeDays: rule.defaultLifetimeDays === rule.maxLifetimeDays ? '' : String(rule.defaultLifetimeDays),
    allowedScopes: rule.allowedScopes,
    ipAllowlist: rule.ipAllowlist.join('\n'),
    idleRevokeAfterDays: rule.idleRevokeAfterDays === null ? '' : String(rule.idleRevokeAfterDays),
    groupIds: assignees.groupIds,
    userIds: assignees.userIds,
    serviceAccountIds: assignees.serviceAccountIds,
  };
}

const isWhole = (text: string, min: number, max: number) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

/** Every problem of the draft, in words; empty when it can be sent. */
export function problemsOf(draft: PolicyDraft, isDefault: boolean): string[] {
  const problems: string[] = [];
  if (!draft.name.trim()) problems.push('Give the policy a name.');
  if (!isDefault && !isWhole(draft.priority, 0, 1_000_000)) problems.push('Priority must be a whole number from 0 to 1,000,000.');
  if (!isWhole(draft.maxLifetimeDays, 1, 365)) problems.push('The longest lifetime must be from 1 to 365 days.');
  if (draft.defaultLifetimeDays.trim()) {
    if (!isWhole(draft.defaultLifetimeDays, 1, 365)) problems.push('The default lifetime must be from 1 to 365 days, or empty.');
    else if (Number(draft.defaultLifetimeDays) > Number(draft.maxLifetimeDays)) problems.push('The default lifetime cannot be longer than the longest lifetime.');
  }
  if (draft.allowedScopes.length === 0) problems.push('Allow at least one scope or class of scopes.');
  if (draft.idleRevokeAfterDays.trim() && !isWhole(draft.idleRevokeAfterDays, 1, 3650)) problems.push('Idle revocation must be from 1 to 3650 days, or empty.');
  problems.push(...checkIpList(draft.ipAllowlist).errors);
  return problems;
}

export function bodyOf(draft: PolicyDraft, isDefault: boolean, existingTokens?: 'leave' | 'clamp' | 'revoke'): PolicyBody {
  const rule: PolicyBody['data']['attributes']['rule'] = {
    tokenCreation: draft.tokenCreation,
    creationByClass: draft.creationByClass,
    tokenUse: draft.isUseBlocked ? 'blocked' : 'allowed',
    maxLifetimeDays: Number(draft.maxLifetimeDays),
    allowedScopes: draft.allowedScopes,
    ipAllowlist: checkIpList(draft.ipAllowlist).entries,
    idleRevokeAfterDays: draft.idleRevokeAfterDays.trim() ? Number(draft.idleRevokeAfterDays) : null,
    requireJustification: draft.requireJustification,
  };
  if (draft.defaultLifetimeDays.trim()) rule.defaultLifetimeDays = Number(draft.defaultLifetimeDays);
  // The default policy governs everyone no other policy names: it has no status, priority or assignees to set.
  const attributes: PolicyBody['data']['attributes'] = isDefault
    ? { type: 'authentication', name: draft.name.trim(), rule }
    : {
        type: 'authentication',
        name: draft.name.trim(),
        status: draft.isEnabled ? 'enabled' : 'disabled',
        priority: Number(draft.priority),
        rule,
        assignees: { groupIds: draft.groupIds, userIds: draft.userIds, serviceAccountIds: draft.serviceAccountIds },
      };
  return { data: { type: 'policy', attributes }, ...(existingTokens ? { meta: { existingTokens } } : {}) };
}
