/**
 * GitHub organization connector rules, pure: the GitHub App credential, GitHub's fine-grained
 * permissions as Tokenward scopes (a class each, GitHub's own names kept), and how a policy
 * decides a pending fine-grained token request.
 */
import { DomainError } from './errors.js';
import { creationModeOf, stricterMode } from './policy-creation.js';
import type { PolicyRule, TokenCreation } from './policy.js';
import { CLASS_PREFIX, type ScopeClass } from './scope-catalogue.js';
import { DAY_MS } from './time.js';

/** What an admin enters for a GitHub connector: the App, its installation and the webhook secret. */
export interface GithubAppCredential {
  appId: string;
  installationId: string;
  /** The App's private key (PEM). */
  privateKey: string;
  /** The secret the App's webhook deliveries are signed with; null: webhooks are refused. */
  webhookSecret: string | null;
}

function invalid(detail: string): DomainError {
  return new DomainError('VALIDATION_FAILED', detail);
}

const WHOLE_NUMBER = /^[1-9][0-9]{0,19}$/;

/**
 * The credential of a GitHub connector, a JSON object:
 * `{"appId": "123", "installationId": "456", "privateKey": "-----BEGIN ...", "webhookSecret": "..."}`.
 * The error never repeats what was entered.
 */
export function parseGithubAppCredential(text: string): GithubAppCredential {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalid('For GitHub, credential must be a JSON object with appId, installationId, privateKey and webhookSecret.');
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw invalid('For GitHub, credential must be a JSON object with appId, installationId, privateKey and webhookSecret.');
  const o = raw as Record<string, unknown>;
  const appId = String(o.appId ?? '').trim();
  const installationId = String(o.installationId ?? '').trim();
  const privateKey = typeof o.privateKey === 'string' ? o.privateKey.trim() : '';
  const webhookSecret = typeof o.webhookSecret === 'string' && o.webhookSecret !== '' ? o.webhookSecret : null;
  if (!WHOLE_NUMBER.test(appId)) throw invalid('appId must be the GitHub App\'s numeric id (its settings page shows it as "App ID").');
  if (!WHOLE_NUMBER.test(installationId)) throw invalid('installationId must be the numeric id of the App\'s installation on the organization.');
  if (!/^-----BEGIN (RSA )?PRIVATE KEY-----[\s\S]+-----END (RSA )?PRIVATE KEY-----$/.test(privateKey)) {
    throw invalid('privateKey must be the App\'s private key as GitHub downloads it (a PEM file starting with -----BEGIN RSA PRIVATE KEY-----).');
  }
  if (o.webhookSecret !== undefined && o.webhookSecret !== null && typeof o.webhookSecret !== 'string') throw invalid('webhookSecret must be a string.');
  return { appId, installationId, privateKey, webhookSecret };
}

/** GitHub's permission groups of a fine-grained token. */
export type GithubPermissionGroup = 'organization' | 'repository' | 'other';

/** One fine-grained permission: GitHub's words and the Tokenward class it falls in. */
export interface GithubPermission {
  group: GithubPermissionGroup;
  permission: string;
  level: string;
  scopeClass: ScopeClass;
}

const SCOPE_PREFIX = 'github:';
const GROUPS: readonly GithubPermissionGroup[] = ['organization', 'repository', 'other'];

/** read -> read, write -> write, admin -> admin; a level GitHub may add later counts as admin (the strictest). */
export function scopeClassOfLevel(level: string): ScopeClass {
  if (level === 'read') return 'read';
  if (level === 'write') return 'write';
  return 'admin';
}

/**
 * GitHub's `permissions` object as scope names, sorted, each keeping GitHub's words:
 *
 *   githubScopesOf({ repository: { contents: 'write', metadata: 'read' } })
 *   // -> ['github:repository/contents:write', 'github:repository/metadata:read']
 */
export function githubScopesOf(permissions: unknown): string[] {
  if (!permissions || typeof permissions !== 'object') return [];
  const out: string[] = [];
  for (const group of GROUPS) {
    const entries = (permissions as Record<string, unknown>)[group];
    if (!entries || typeof entries !== 'object') continue;
    for (const [permission, level] of Object.entries(entries as Record<string, unknown>)) {
      if (typeof level === 'string' && level !== '' && level !== 'none') out.push(`${SCOPE_PREFIX}${group}/${permission}:${level}`);
    }
  }
  return out.sort();
}

/** A scope name made by `githubScopesOf`, read back; null for any other name. */
export function githubPermissionOf(scope: string): GithubPermission | null {
  const match = /^github:(organization|repository|other)\/([^:]+):(.+)$/.exec(scope);
  if (!match) return null;
  const [, group, permission, level] = match;
  return { group: group as GithubPermissionGroup, permission: permission!, level: level!, scopeClass: scopeClassOfLevel(level!) };
}

/** A rule governing a request: the policy's name and rule. */
export interface GoverningPolicy {
  policyId: string;
  policyName: string;
  rule: PolicyRule;
}

export interface PendingRequestFacts {
  scopes: readonly string[];
  createdAt: Date;
  expiresAt: Date | null;
}

export interface RequestDecision {
  outcome: 'approve' | 'queue' | 'deny';
  /** Sent to GitHub with an approval or a denial (at most 1,024 characters), shown in Tokenward. */
  reason: string;
  policyId: string | null;
  policyName: string | null;
}

/** GitHub accepts a review reason of at most this many characters. */
export const MAX_REVIEW_REASON = 1024;

/** GitHub reviews and revokes at most this many ids per call. */
export const GITHUB_BATCH = 100;


/**
 * How a policy decides a pending fine-grained token request. Each permission falls in a class
 * (read, write or admin); a class the policy does not allow denies the request, the strictest
 * creation mode among the classes decides otherwise (allowed: approve; approval: queue for an
 * approver; blocked: deny). A token that would live longer than the policy's maximum lifetime
 * (or never expire) is never approved without a person: at least queued. No governing policy
 * (an owner outside the directory, and no policy named for such owners): queued.
 */
export function decideGithubRequest(governing: GoverningPolicy | null, request: PendingRequestFacts): RequestDecision {
  if (!governing) {
    return { outcome: 'queue', reason: 'The requester is not in the Tokenward directory and no policy is set for such owners: an approver decides.', policyId: null, policyName: null };
  }
  const { policyId, policyName, rule } = governing;
  const decided = (outcome: RequestDecision['outcome'], reason: string): RequestDecision => ({ outcome, reason: clipReason(reason), policyId, policyName });
  const permissions = request.scopes.flatMap((s) => {
    const p = githubPermissionOf(s);
    return p ? [p] : [];
  });
  // A token with no permission listed still reads public resources: the read class.
  const classes: ScopeClass[] = permissions.length === 0 ? ['read'] : [...new Set(permissions.map((p) => p.scopeClass))];
  const namesOf = (cls: ScopeClass) => permissions.filter((p) => p.scopeClass === cls).map((p) => `${p.group} ${p.permission}: ${p.level}`);

  const allowedClasses = new Set(rule.allowedScopes.filter((s) => s.startsWith(CLASS_PREFIX)).map((s) => s.slice(CLASS_PREFIX.length)));
  const notAllowed = classes.filter((cls) => !allowedClasses.has(cls));
  if (notAllowed.length > 0) {
    const names = notAllowed.flatMap(namesOf);
    return decided('deny', `Denied by Tokenward policy "${policyName}": it does not allow ${notAllowed.join(' or ')} permissions${names.length ? ` (${names.join(', ')})` : ''}.`);
  }
  const mode: TokenCreation = classes.map((cls) => creationModeOf(rule, cls)).reduce(stricterMode);
  const deciding = classes.filter((cls) => creationModeOf(rule, cls) === mode);
  const what = `${deciding.join(' or ')} permissions${deciding.flatMap(namesOf).length ? ` (${deciding.flatMap(namesOf).join(', ')})` : ''}`;
  if (mode === 'blocked') return decided('deny', `Denied by Tokenward policy "${policyName}": it blocks tokens with ${what}.`);

  const lifetimeDays = request.expiresAt === null ? null : Math.ceil((request.expiresAt.getTime() - request.createdAt.getTime()) / DAY_MS);
  const tooLong = lifetimeDays === null || lifetimeDays > rule.maxLifetimeDays;
  if (mode === 'approval') return decided('queue', `Tokenward policy "${policyName}" puts tokens with ${what} through approval.`);
  if (tooLong) {
    const life = lifetimeDays === null ? 'never expires' : `lives ${lifetimeDays} days`;
    return decided('queue', `The token ${life}; Tokenward policy "${policyName}" allows at most ${rule.maxLifetimeDays} days without an approver.`);
  }
  return decided('approve', `Approved by Tokenward policy "${policyName}": it allows tokens with ${what}.`);
}

/** A review reason GitHub accepts: trimmed, at most 1,024 characters. */
export function clipReason(reason: string): string {
  const text = reason.trim();
  return text.length <= MAX_REVIEW_REASON ? text : `${text.slice(0, MAX_REVIEW_REASON - 1)}…`;
}

/** Splits ids into GitHub-sized batches. */
export function batchesOf<T>(items: readonly T[], size = GITHUB_BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * The GitHub scope names among `scopes` a policy allows: those whose class it allows as a whole
 * (`class:write`); the catalogue's own scope names never name a GitHub permission.
 */
export function allowedGithubScopes(allowedScopes: readonly string[], scopes: readonly string[]): Set<string> {
  const classes = new Set(allowedScopes.filter((s) => s.startsWith(CLASS_PREFIX)).map((s) => s.slice(CLASS_PREFIX.length)));
  return new Set(scopes.filter((s) => {
    const p = githubPermissionOf(s);
    return p !== null && classes.has(p.scopeClass);
  }));
}
