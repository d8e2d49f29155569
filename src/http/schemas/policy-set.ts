/**
 * The policy file (docs/how-to/keep-policies-in-git.md) and the plan of applying it. The file's
 * JSON Schema is this TypeBox schema; it is served at /admin/tokenward/v1/policy-file.schema.json and
 * kept in docs/reference/policy-file.schema.json, so editors validate the file as the server does.
 */
import { Type, type Static } from 'typebox';
import { ExistingTokensMode, RuleBody } from './policies.js';

export const POLICY_FILE_SCHEMA_PATH = '/admin/tokenward/v1/policy-file.schema.json';

const Names = (description: string) => Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 320 }), { maxItems: 1000, description }));

export const PolicyFileEntrySchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Identifies the policy: a policy of this name on the server is changed, one not in the file is removed.' }),
    default: Type.Optional(Type.Boolean({ description: "true for the organization's default policy (exactly one); it takes no status, priority or assignees." })),
    status: Type.Optional(Type.Union([Type.Literal('enabled'), Type.Literal('disabled')])),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Higher wins when several policies apply to a person.' })),
    rule: RuleBody,
    assignees: Type.Optional(
      Type.Object(
        {
          groups: Names('Group names.'),
          people: Names('People, by e-mail.'),
          serviceAccounts: Names('Service accounts, by name or e-mail.'),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const PolicyFileSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String({ description: 'Where editors find this schema.' })),
    version: Type.Literal(1),
    policies: Type.Array(PolicyFileEntrySchema, { minItems: 1, maxItems: 1000 }),
  },
  { additionalProperties: false, title: 'Tokenward policy file', description: 'Every authentication policy of an organization; assignees by name, not id.' },
);
export type PolicyFile = Static<typeof PolicyFileSchema>;

/** The JSON Schema document as published: draft-07, which editors' YAML and JSON support reads. */
export function policyFileJsonSchema(): Record<string, unknown> {
  return { $schema: 'http://json-schema.org/draft-07/schema#', ...JSON.parse(JSON.stringify(PolicyFileSchema)) };
}

export const PolicySetResponse = Type.Object({ data: PolicyFileSchema });

export const PolicySetPlanBody = Type.Object({ data: PolicyFileSchema }, { additionalProperties: false });
export const PolicySetApplyBody = Type.Object(
  { data: PolicyFileSchema, meta: Type.Optional(Type.Object({ existingTokens: Type.Optional(ExistingTokensMode) }, { additionalProperties: false })) },
  { additionalProperties: false },
);

const AffectedTokenJson = Type.Object({
  id: Type.String(),
  label: Type.String(),
  owner: Type.Object({ type: Type.String(), id: Type.String() }),
  violations: Type.Array(Type.String()),
});

export const PolicySetPlanResponse = Type.Object({
  data: Type.Object({
    changes: Type.Array(
      Type.Object({
        action: Type.Union([Type.Literal('add'), Type.Literal('change'), Type.Literal('remove')]),
        name: Type.String(),
        fields: Type.Array(Type.String(), { description: 'What differs, for a change: status, priority, assignees, rule.<field>.' }),
        policyId: Type.String(),
        impact: Type.Object({
          affected: Type.Integer({ description: 'Existing tokens this change breaks.' }),
          examined: Type.Integer(),
          tokens: Type.Array(AffectedTokenJson, { description: 'The first 100 of them.' }),
        }),
        applied: Type.Union([Type.Object({ mode: Type.String(), clamped: Type.Integer(), revoked: Type.Integer(), left: Type.Integer() }), Type.Null()]),
      }),
    ),
    unchanged: Type.Integer({ description: 'Policies of the file the server already has as written.' }),
    applied: Type.Boolean(),
  }),
});
export type PolicySetPlanResponse = Static<typeof PolicySetPlanResponse>;
