/** Schemas of approvals where the team is: group approvers, a request with its context, bulk decisions. */
import { Type } from 'typebox';
import { TokenJson, TokenRequestJson } from './issuance.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const Id = Type.String({ minLength: 1, maxLength: 64 });

export const GroupApproversBody = Type.Object({ userIds: Type.Array(Id, { maxItems: 100 }) }, { additionalProperties: false });
export const GroupApproversResponse = Type.Object({ data: Type.Object({ groupId: Type.String(), approverIds: Type.Array(Type.String()) }) });

export const RequestContextJson = Type.Object({
  requester: Nullable(Type.Object({ id: Type.String(), name: Type.String(), email: Type.String(), status: Type.String() })),
  groups: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), approverIds: Type.Array(Type.String()) })),
  route: Type.Object({ to: Type.String({ description: 'group: the approvers of the requester\'s groups; org: the org\'s approvers.' }), approverIds: Type.Optional(Type.Array(Type.String())) }),
  policy: Type.Object({
    id: Type.String(),
    name: Type.String(),
    reason: Type.String(),
    creationByClass: Type.Record(Type.String(), Type.String()),
    maxLifetimeDays: Type.Integer(),
  }),
  decision: Type.Object({ creation: Type.String(), reason: Type.String() }),
  scopes: Type.Array(Type.Object({ scope: Type.String(), class: Nullable(Type.String()), description: Nullable(Type.String()), creation: Nullable(Type.String()), allowedByPolicy: Type.Boolean() })),
  existingTokens: Type.Array(TokenJson),
});
export const RequestWithContextResponse = Type.Object({ data: Type.Object({ request: TokenRequestJson, context: RequestContextJson }) });

export const BulkDecisionBody = Type.Object(
  {
    requestIds: Type.Array(Id, { minItems: 1, maxItems: 100 }),
    decision: Type.Union([Type.Literal('approve'), Type.Literal('deny')]),
    reason: Type.String({ maxLength: 2000, description: 'One reason for every request; required to deny.' }),
  },
  { additionalProperties: false },
);
export const BulkDecisionResponse = Type.Object({
  data: Type.Array(Type.Object({ id: Type.String(), status: Type.String(), code: Type.Optional(Type.String()), detail: Type.Optional(Type.String()) })),
});
