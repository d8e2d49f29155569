/**
 * Authentication policies (docs/policies.md): what members may do with API tokens. An org
 * has one default policy, which applies to everyone no other policy covers, and any number of
 * policies assigned to groups, single users or service accounts.
 */
import { createHash } from 'node:crypto';
import { DomainError } from './errors.js';
import { normalizeAllowlist } from './ip-allowlist.js';
import { CLASS_PREFIX, isScopeClass, SCOPE_CLASSES, type ScopeClass, type ScopeDefinition } from './scope-catalogue.js';
import { encodeBase62 } from './token-format.js';
import { normalizeUsageLimits, type RateLimitWindow, type UsageLimits, type UsageLimitsInput, type UsageQuota } from './usage-limits.js';

export type TokenCreation = 'allowed' | 'approval' | 'blocked';
export type TokenUse = 'allowed' | 'blocked';
export type PolicyStatus = 'enabled' | 'disabled';
export type AssigneeType = 'user' | 'group' | 'service_account';

export const MIN_LIFETIME_DAYS = 1;
export const MAX_LIFETIME_DAYS = 365;
export const MAX_POLICY_PRIORITY = 1_000_000;

/** Per scope class: whether members may create tokens holding such scopes on their own. */
export type CreationByClass = Record<ScopeClass, TokenCreation>;

export interface PolicyRule {
  /** The creation mode of any class `creationByClass` does not name, and of a request without scopes. */
  tokenCreation: TokenCreation;
  /**
   * Creation mode per scope class; the strictest class among a request's scopes decides
   * (policy-creation.ts). Every class of the catalogue is named once the rule is normalized.
   */
  creationByClass: CreationByClass;
  tokenUse: TokenUse;
  /** 1-365: no token governed by the policy may live longer. */
  maxLifetimeDays: number;
  /** Used when a request names no lifetime; never above `maxLifetimeDays`. */
  defaultLifetimeDays: number;
  /** Scope names and `class:<read|write|delete|admin>` entries. */
  allowedScopes: string[];
  /** CIDR blocks; empty allows every address. */
  ipAllowlist: string[];
  /** Revoke tokens unused this many days (the automation issue acts on it); null: never. */
  idleRevokeAfterDays: number | null;
  requireJustification: boolean;
  /** Rate limits on every token the policy governs (absent: none). */
  rateLimits?: RateLimitWindow[];
  /** A quota of uses on every token the policy governs (absent: none). */
  quota?: UsageQuota;
  /** A token or request must say what it is for in at least this many characters; 0 or absent: no purpose needed. */
  purposeMinLength?: number;
}

export interface PolicyAssignees {
  groupIds: string[];
  userIds: string[];
  serviceAccountIds: string[];
}

export interface Policy {
  id: string;
  orgId: string;
  name: string;
  status: PolicyStatus;
  /** Higher wins when several policies apply to one person (see policy-resolution.ts). */
  priority: number;
  isDefault: boolean;
  rule: PolicyRule;
  assignees: PolicyAssignees;
  createdAt: Date;
  updatedAt: Date;
}

/** Every class given one creation mode: the meaning every rule had before modes per class. */
export function uniformCreation(mode: TokenCreation): CreationByClass {
  return Object.fromEntries(SCOPE_CLASSES.map((scopeClass) => [scopeClass, mode])) as CreationByClass;
}

/**
 * Everything allowed within Atlassian's one-year cap: the default policy of an org that predates
 * the safe defaults (seeded lazily), so its people keep the access they had.
 */
export const OPEN_RULE: PolicyRule = {
  tokenCreation: 'allowed',
  creationByClass: uniformCreation('allowed'),
  tokenUse: 'allowed',
  maxLifetimeDays: MAX_LIFETIME_DAYS,
  defaultLifetimeDays: MAX_LIFETIME_DAYS,
  allowedScopes: ['class:read', 'class:write', 'class:delete', 'class:admin'],
  ipAllowlist: [],
  idleRevokeAfterDays: null,
  requireJustification: false,
};

/**
 * The default policy of a fresh install: read scopes on one's own, write and delete scopes through
 * an approver, admin scopes never by self-service (an admin may still issue them), 90 days at most.
 */
export const SAFE_DEFAULT_RULE: PolicyRule = {
  ...OPEN_RULE,
  tokenCreation: 'approval',
  creationByClass: { read: 'allowed', write: 'approval', delete: 'approval', admin: 'blocked' },
  maxLifetimeDays: 90,
  defaultLifetimeDays: 90,
};

export const DEFAULT_POLICY_NAME = 'Default authentication policy';

/**
 * The default policy's id is derived from the org id, so seeding it lazily from two requests at
 * once inserts one row (the second insert meets the primary key).
 */
export function defaultPolicyIdOf(orgId: string): string {
  const digest = createHash('sha256').update(`tokenward:default-policy:${orgId}`).digest('hex').slice(0, 32);
  return `pol_${encodeBase62(BigInt(`0x${digest}`), 22)}`;
}

/** A rule as a client sends it: everything but the two enums and the cap may be left out. */
export interface RuleInput {
  tokenCreation: TokenCreation;
  /** Classes left out take `tokenCreation`. */
  creationByClass?: Partial<Record<ScopeClass, TokenCreation>> | undefined;
  tokenUse?: TokenUse | undefined;
  maxLifetimeDays: number;
  defaultLifetimeDays?: number | undefined;
  allowedScopes?: string[] | undefined;
  ipAllowlist?: string[] | undefined;
  idleRevokeAfterDays?: number | null | undefined;
  requireJustification?: boolean | undefined;
  rateLimits?: UsageLimitsInput['rateLimits'];
  quota?: UsageLimitsInput['quota'];
  purposeMinLength?: number | undefined;
}

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

/**
 * Checks a rule against the org's catalogue and fills defaults. Every scope entry must be a class
 * or a scope the catalogue holds, so a typo cannot silently allow nothing.
 */
export function normalizeRule(input: RuleInput, catalogue: readonly ScopeDefinition[]): PolicyRule {
  const max = input.maxLifetimeDays;
  if (!Number.isInteger(max) || max < MIN_LIFETIME_DAYS || max > MAX_LIFETIME_DAYS) throw invalid('maxLifetimeDays must be a whole number of days from 1 to 365.');
  const defaultDays = input.defaultLifetimeDays ?? max;
  if (!Number.isInteger(defaultDays) || defaultDays < MIN_LIFETIME_DAYS || defaultDays > max) {
    throw invalid('defaultLifetimeDays must be a whole number of days from 1 to maxLifetimeDays.');
  }
  const idle = input.idleRevokeAfterDays ?? null;
  if (idle !== null && (!Number.isInteger(idle) || idle < 1 || idle > 3650)) throw invalid('idleRevokeAfterDays must be null or 1-3650 days.');
  const limits = normalizeUsageLimits({ rateLimits: input.rateLimits, quota: input.quota });
  const purposeMin = input.purposeMinLength ?? 0;
  if (!Number.isInteger(purposeMin) || purposeMin < 0 || purposeMin > 500) throw invalid('purposeMinLength must be a whole number from 0 to 500.');
  const known = new Set(catalogue.map((s) => s.name));
  const allowedScopes = [...new Set(input.allowedScopes ?? OPEN_RULE.allowedScopes)];
  for (const entry of allowedScopes) {
    const isClass = entry.startsWith(CLASS_PREFIX) && isScopeClass(entry.slice(CLASS_PREFIX.length));
    if (!isClass && !known.has(entry)) throw invalid(`allowedScopes: "${entry.slice(0, 100)}" is neither a scope of the catalogue nor class:read|write|delete|admin.`);
  }
  return {
    tokenCreation: input.tokenCreation,
    creationByClass: Object.fromEntries(SCOPE_CLASSES.map((scopeClass) => [scopeClass, input.creationByClass?.[scopeClass] ?? input.tokenCreation])) as CreationByClass,
    tokenUse: input.tokenUse ?? 'allowed',
    maxLifetimeDays: max,
    defaultLifetimeDays: defaultDays,
    allowedScopes,
    ipAllowlist: normalizeAllowlist(input.ipAllowlist ?? []),
    idleRevokeAfterDays: idle,
    requireJustification: input.requireJustification ?? false,
    // Only when set, so rules without limits keep their shape.
    ...(limits.rateLimits.length > 0 ? { rateLimits: limits.rateLimits } : {}),
    ...(limits.quota ? { quota: limits.quota } : {}),
    purposeMinLength: purposeMin,
  };
}

/** A rule's rate limits and quota (none for rules written before they existed). */
export function usageLimitsOfRule(rule: PolicyRule): UsageLimits {
  return { rateLimits: rule.rateLimits ?? [], quota: rule.quota ?? null };
}

export function cleanPolicyName(input: string): string {
  const name = input.trim();
  if (name.length === 0 || name.length > 200) throw invalid('The policy name must hold 1-200 characters.');
  return name;
}
