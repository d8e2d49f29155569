/**
 * Schemas of Tokenward's authentication policies and scope catalogue (docs/policies.md).
 * The policy body reuses the JSON:API-like envelope of Atlassian's organization policies
 * (CONTRACT.md §6.2, §6.4): `data.type = "policy"`, `data.attributes.type = "authentication"`.
 */
import { Type, type Static } from 'typebox';
import { USAGE_LIMIT_BOUNDS } from '../../domain/usage-limits.js';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Ids = Type.Array(Id, { maxItems: 1000 });
const ScopeEntry = Type.String({ minLength: 1, maxLength: 100 });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const ScopeClass = Type.Union([Type.Literal('read'), Type.Literal('write'), Type.Literal('delete'), Type.Literal('admin')]);
export const ExistingTokensMode = Type.Union([Type.Literal('leave'), Type.Literal('clamp'), Type.Literal('revoke')], {
  description: 'What to do with existing tokens the change breaks: leave them (default), clamp them (shorten expiry, drop scopes) or revoke them.',
});

export const PolicyParams = Type.Object({ orgId: Id, policyId: Id });

export const ScopeJson = Type.Object({
  name: Type.String(),
  description: Type.String(),
  class: ScopeClass,
  builtin: Type.Boolean(),
});
export const ScopeListResponse = Type.Object({ data: Type.Array(ScopeJson) });
export const CreateScopeBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Type.String({ maxLength: 500 })), class: ScopeClass },
  { additionalProperties: false },
);

/** Per-token rate limits and quota (a policy's, or a token's own): bounds in domain/usage-limits.ts. */
export const RateLimitsSchema = Type.Array(
  Type.Object(
    {
      limit: Type.Integer({ minimum: USAGE_LIMIT_BOUNDS.limit.min, maximum: USAGE_LIMIT_BOUNDS.limit.max, description: 'Verifications allowed per window.' }),
      windowSeconds: Type.Integer({ minimum: USAGE_LIMIT_BOUNDS.windowSeconds.min, maximum: USAGE_LIMIT_BOUNDS.windowSeconds.max, description: 'The window, in seconds (60: per minute, 86400: per day).' }),
    },
    { additionalProperties: false },
  ),
  { maxItems: USAGE_LIMIT_BOUNDS.windows, description: 'Every window applies: e.g. 100 per minute and 10,000 per day.' },
);
export const QuotaSchema = Type.Object(
  {
    uses: Type.Integer({ minimum: USAGE_LIMIT_BOUNDS.uses.min, maximum: USAGE_LIMIT_BOUNDS.uses.max, description: 'Verifications allowed in all (per period when it refills).' }),
    refillEverySeconds: Type.Optional(Nullable(Type.Integer({ minimum: USAGE_LIMIT_BOUNDS.refillEverySeconds.min, maximum: USAGE_LIMIT_BOUNDS.refillEverySeconds.max, description: 'Refills to `uses` at the start of every period (86400: each day at 00:00 UTC); null: never.' }))),
  },
  { additionalProperties: false },
);

const CreationMode = Type.Union([Type.Literal('allowed'), Type.Literal('approval'), Type.Literal('blocked')]);
const CreationByClassBody = Type.Object(
  { read: Type.Optional(CreationMode), write: Type.Optional(CreationMode), delete: Type.Optional(CreationMode), admin: Type.Optional(CreationMode) },
  { additionalProperties: false, description: 'Creation mode per scope class; a class left out takes tokenCreation. The strictest class among the requested scopes decides.' },
);

export const RuleBody = Type.Object(
  {
    tokenCreation: Type.Union([Type.Literal('allowed'), Type.Literal('approval'), Type.Literal('blocked')], { description: 'The creation mode of every class creationByClass leaves out.' }),
    creationByClass: Type.Optional(CreationByClassBody),
    tokenUse: Type.Optional(Type.Union([Type.Literal('allowed'), Type.Literal('blocked')])),
    maxLifetimeDays: Type.Integer({ minimum: 1, maximum: 365 }),
    defaultLifetimeDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    allowedScopes: Type.Optional(Type.Array(ScopeEntry, { maxItems: 500, description: 'Scope names and class:read|write|delete|admin.' })),
    ipAllowlist: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 500, description: 'IPv4/IPv6 CIDR blocks; empty allows every address.' })),
    idleRevokeAfterDays: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 3650 }))),
    requireJustification: Type.Optional(Type.Boolean()),
    rateLimits: Type.Optional(RateLimitsSchema),
    quota: Type.Optional(Nullable(QuotaSchema)),
    purposeMinLength: Type.Optional(Type.Integer({ minimum: 0, maximum: 500, description: 'Tokens and requests must give a purpose of at least this many characters; 0: none needed.' })),
  },
  { additionalProperties: false },
);

const AssigneesBody = Type.Object(
  { groupIds: Type.Optional(Ids), userIds: Type.Optional(Ids), serviceAccountIds: Type.Optional(Ids) },
  { additionalProperties: false },
);

export const PolicyBody = Type.Object({
  data: Type.Object({
    id: Type.Optional(Id),
    type: Type.Literal('policy'),
    attributes: Type.Object({
      type: Type.Literal('authentication'),
      name: Type.String({ minLength: 1, maxLength: 200 }),
      status: Type.Optional(Type.Union([Type.Literal('enabled'), Type.Literal('disabled')])),
      priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Higher wins when several policies apply to a person.' })),
      rule: RuleBody,
      assignees: Type.Optional(AssigneesBody),
    }),
  }),
  meta: Type.Optional(Type.Object({ existingTokens: Type.Optional(ExistingTokensMode) })),
});
export type PolicyBody = Static<typeof PolicyBody>;

const RuleJson = Type.Object({
  tokenCreation: Type.String(),
  creationByClass: Type.Object({ read: Type.String(), write: Type.String(), delete: Type.String(), admin: Type.String() }),
  tokenUse: Type.String(),
  maxLifetimeDays: Type.Integer(),
  defaultLifetimeDays: Type.Integer(),
  allowedScopes: Type.Array(Type.String()),
  ipAllowlist: Type.Array(Type.String()),
  idleRevokeAfterDays: Nullable(Type.Integer()),
  requireJustification: Type.Boolean(),
  rateLimits: Type.Optional(RateLimitsSchema),
  quota: Type.Optional(QuotaSchema),
  purposeMinLength: Type.Optional(Type.Integer()),
});

export const PolicyResource = Type.Object({
  id: Type.String(),
  type: Type.Literal('policy'),
  attributes: Type.Object({
    type: Type.Literal('authentication'),
    name: Type.String(),
    status: Type.String(),
    priority: Type.Integer(),
    isDefault: Type.Boolean(),
    rule: RuleJson,
    assignees: Type.Object({ groupIds: Type.Array(Type.String()), userIds: Type.Array(Type.String()), serviceAccountIds: Type.Array(Type.String()) }),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  }),
});
export type PolicyResource = Static<typeof PolicyResource>;

const AppliedCounts = Type.Object({ mode: Type.String(), affected: Type.Integer(), clamped: Type.Integer(), revoked: Type.Integer(), left: Type.Integer() });

export const PolicyResponse = Type.Object({ data: PolicyResource, meta: Type.Optional(Type.Object({ existingTokens: AppliedCounts })) });
export const PolicyDeletedResponse = Type.Object({ meta: Type.Object({ existingTokens: AppliedCounts }) });

const Links = Type.Object({ self: Type.String(), next: Nullable(Type.String()), prev: Nullable(Type.String()) });
export const PolicyListResponse = Type.Object({
  data: Type.Array(PolicyResource),
  meta: Type.Object({ next: Nullable(Type.String()), page_size: Type.Integer() }),
  links: Links,
});
export const PolicyListQuery = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 50, description: 'Only `authentication` exists here.' })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1 })),
  cursor: Type.Optional(Type.String({ maxLength: 4096 })),
});
export const DeletePolicyQuery = Type.Object({ existingTokens: Type.Optional(ExistingTokensMode) });

export const ImpactResponse = Type.Object({
  data: Type.Object({
    affected: Type.Integer({ description: 'How many existing tokens break the new rules.' }),
    examined: Type.Integer(),
    tokens: Type.Array(
      Type.Object({
        id: Type.String(),
        label: Type.String(),
        kind: Type.String(),
        owner: Type.Object({ type: Type.String(), id: Type.String() }),
        scopes: Type.Array(Type.String()),
        expiresAt: Nullable(Type.String()),
        violations: Type.Array(Type.String()),
        disallowedScopes: Type.Array(Type.String()),
        policyId: Type.String(),
      }),
    ),
  }),
});

const Via = Type.Object({ type: Type.String(), id: Type.Optional(Type.String()), name: Type.Optional(Nullable(Type.String())) });

export const EffectivePolicyJson = Type.Object({
  policy: Type.Object({ id: Type.String(), name: Type.String(), priority: Type.Integer(), isDefault: Type.Boolean() }),
  rule: RuleJson,
  allowedScopeNames: Type.Array(Type.String(), { description: 'allowedScopes expanded against the catalogue.' }),
  via: Type.Array(Via),
  applied: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), priority: Type.Integer(), isDefault: Type.Boolean(), via: Type.Array(Via) })),
  reason: Type.String(),
  creation: Type.Optional(Type.String({ description: 'direct, approval or blocked: for the scopes asked about, else the most a member can do on their own.' })),
  decision: Type.Optional(
    Type.Object({
      creation: Type.String({ description: 'direct, approval or blocked.' }),
      decidingClasses: Type.Array(Type.String()),
      reason: Type.String(),
      scopes: Type.Array(
        Type.Object({
          scope: Type.String(),
          class: Nullable(Type.String()),
          description: Nullable(Type.String()),
          creation: Nullable(Type.String({ description: "The class's mode: allowed, approval or blocked; null for a scope the catalogue does not hold." })),
          allowedByPolicy: Type.Boolean(),
        }),
      ),
    }),
  ),
});
export const EffectivePolicyQuery = Type.Object({
  scopes: Type.Optional(Type.String({ maxLength: 5000, description: 'Comma-separated scope names: explain the decision for a token holding them.' })),
});
export const EffectivePolicyResponse = Type.Object({ data: EffectivePolicyJson });
