/** Domain -> wire shapes of the resources, shared by the admin and member routes. */
import type { Token } from '../domain/models.js';
import type { Policy } from '../domain/policy.js';
import type { CreationDecision } from '../domain/policy-creation.js';
import type { Assignment } from '../domain/policy-resolution.js';
import type { ResolvedPolicy } from '../service/policy-setup.js';
import type { Impact } from '../service/policy-impact.js';
import type { TokenRequest } from '../domain/token-request.js';
import type { RequestContext } from '../service/team-approval-service.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function policyJson(policy: Policy) {
  return {
    id: policy.id,
    type: 'policy' as const,
    attributes: {
      type: 'authentication' as const,
      name: policy.name,
      status: policy.status,
      priority: policy.priority,
      isDefault: policy.isDefault,
      rule: policy.rule,
      assignees: policy.assignees,
      createdAt: policy.createdAt.toISOString(),
      updatedAt: policy.updatedAt.toISOString(),
    },
  };
}

function viaJson(via: Assignment) {
  return via.type === 'default' ? { type: 'default' } : via.type === 'group' ? { type: 'group', id: via.id, name: via.name } : { type: via.type, id: via.id };
}

/** The per-scope explanation of a creation decision. */
export function creationDecisionJson(decision: CreationDecision) {
  return {
    creation: decision.path,
    decidingClasses: decision.decidingClasses,
    reason: decision.reason,
    scopes: decision.scopes.map((s) => ({ scope: s.scope, class: s.scopeClass, description: s.description, creation: s.mode, allowedByPolicy: s.allowedByPolicy })),
  };
}

/** `scopes=a,b` of a query: the names, trimmed, empty ones dropped. */
export function scopesOfQuery(scopes: string | undefined): string[] {
  return (scopes ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

export function effectivePolicyJson(resolved: ResolvedPolicy, creation?: string, decision?: CreationDecision | null) {
  const { effective, enforceable } = resolved;
  return {
    policy: { id: effective.policy.id, name: effective.policy.name, priority: effective.policy.priority, isDefault: effective.policy.isDefault },
    rule: effective.rule,
    allowedScopeNames: [...enforceable.allowedScopeNames].sort(),
    via: effective.via.map(viaJson),
    applied: effective.applied.map((a) => ({ id: a.policy.id, name: a.policy.name, priority: a.policy.priority, isDefault: a.policy.isDefault, via: a.via.map(viaJson) })),
    reason: effective.reason,
    ...(creation ? { creation } : {}),
    ...(decision ? { decision: creationDecisionJson(decision) } : {}),
  };
}

export function impactJson(impact: Impact) {
  return {
    affected: impact.affected.length,
    examined: impact.examined,
    tokens: impact.affected.map(({ token, violations, disallowedScopes, policyId }) => ({
      id: token.id,
      label: token.label,
      kind: token.kind,
      owner: token.owner ? { type: token.owner.type, id: token.owner.id } : { type: 'org', id: token.orgId },
      scopes: token.scopes,
      expiresAt: iso(token.expiresAt),
      violations,
      disallowedScopes,
      policyId,
    })),
  };
}

/**
 * Kinds of token and owner as Tokenward's own answers and filters spell them (`service-account`,
 * `admin-key`, as the inventory's `ownerKind`), whatever the storage calls them.
 */
export function wireKind(kind: string): string {
  return kind.replaceAll('_', '-');
}

export function tokenJson(token: Token) {
  return {
    id: token.id,
    label: token.label,
    kind: wireKind(token.kind),
    owner: token.owner ? { type: wireKind(token.owner.type), id: token.owner.id } : null,
    scopes: token.scopes,
    status: token.status,
    displayPrefix: token.displayPrefix,
    createdAt: token.createdAt.toISOString(),
    expiresAt: iso(token.expiresAt),
    lastActiveAt: iso(token.lastActiveAt),
    revokedAt: iso(token.revokedAt),
    revokedReason: token.revokedReason,
  };
}

export function tokenRequestJson(request: TokenRequest) {
  return {
    id: request.id,
    requesterId: request.requesterId,
    label: request.label,
    scopes: request.scopes,
    lifetimeDays: request.lifetimeDays,
    justification: request.justification,
    policyId: request.policyId,
    status: request.status,
    decidedBy: request.decidedBy,
    decidedAt: iso(request.decidedAt),
    decisionReason: request.decisionReason,
    grantedScopes: request.grantedScopes,
    grantedLifetimeDays: request.grantedLifetimeDays,
    tokenId: request.tokenId,
    createdAt: request.createdAt.toISOString(),
    purpose: request.purpose ?? null,
    tags: request.tags ?? [],
  };
}

export function requestContextJson(context: RequestContext) {
  const { policy, decision } = context;
  return {
    requester: context.requester,
    groups: context.groups,
    route: context.route,
    policy: {
      id: policy.effective.policy.id,
      name: policy.effective.policy.name,
      reason: policy.effective.reason,
      creationByClass: policy.effective.rule.creationByClass,
      maxLifetimeDays: policy.effective.rule.maxLifetimeDays,
    },
    decision: { creation: decision.path, reason: decision.reason },
    scopes: creationDecisionJson(decision).scopes,
    existingTokens: context.existingTokens.map(tokenJson),
  };
}
