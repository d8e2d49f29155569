/** Figures the console shows beside each row of the policies, people and service account lists. */
import { Type, type Static } from 'typebox';

const Instant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
export const IdsQuery = Type.Object({
  ids: Type.Optional(Type.String({ maxLength: 14_000, description: 'Comma-separated ids of the page (at most 200); unknown ids answer zeros.' })),
});

export const PolicyCoverageResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      policyId: Type.String(),
      people: Type.Integer({ description: 'Active people whose governing policy it is.' }),
      serviceAccounts: Type.Integer({ description: 'Live service accounts whose governing policy it is.' }),
      liveTokens: Type.Integer({ description: 'Their tokens that are active and not past expiry, connected systems\' tokens of matched people included.' }),
    }),
  ),
});

export const PeopleColumnsResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      userId: Type.String(),
      groups: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
      liveTokens: Type.Integer(),
      lastSignInAt: Instant,
    }),
  ),
});

export const ServiceAccountColumnsResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      serviceAccountId: Type.String(),
      liveTokens: Type.Integer(),
      lastActiveAt: Instant,
      owner: Type.Union([
        Type.Object({ type: Type.Union([Type.Literal('user'), Type.Literal('group')]), id: Type.String(), name: Type.Union([Type.String(), Type.Null()]), needsReassignment: Type.Boolean() }),
        Type.Null(),
      ]),
    }),
  ),
});

export type PolicyCoverageResponse = Static<typeof PolicyCoverageResponse>;
export type PeopleColumnsResponse = Static<typeof PeopleColumnsResponse>;
export type ServiceAccountColumnsResponse = Static<typeof ServiceAccountColumnsResponse>;
