import { Type, type Static } from 'typebox';

export const OrgParams = Type.Object({ orgId: Type.String({ minLength: 1, maxLength: 64 }) });

const OrgResource = Type.Object({
  id: Type.String(),
  type: Type.Literal('orgs'),
  attributes: Type.Object({ name: Type.String() }),
  links: Type.Optional(Type.Object({ self: Type.String() })),
});

export const OrgListResponse = Type.Object({
  data: Type.Array(OrgResource),
  links: Type.Object({ self: Type.String(), next: Type.Union([Type.String(), Type.Null()]) }),
});
export type OrgListResponse = Static<typeof OrgListResponse>;

export const OrgResponse = Type.Object({ data: OrgResource });
export type OrgResponse = Static<typeof OrgResponse>;
