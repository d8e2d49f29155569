/** Tokenward's directory API: users and groups of an org. */
import { Type, type Static } from 'typebox';

const Id = Type.String({ minLength: 1, maxLength: 64 });
const Email = Type.String({ minLength: 3, maxLength: 320, format: 'email' });
const DisplayName = Type.String({ minLength: 1, maxLength: 200 });
const Role = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('approver'), Type.Literal('auditor'), Type.Literal('member')]);
const AccountType = Type.Union([Type.Literal('managed'), Type.Literal('external')]);
const Status = Type.Union([Type.Literal('active'), Type.Literal('deactivated')]);
/** Large enough for a real team, small enough to keep one statement's parameters in bounds. */
const UserIds = Type.Array(Id, { maxItems: 1000 });

const Links = Type.Object({
  self: Type.String(),
  next: Type.Union([Type.String(), Type.Null()]),
  prev: Type.Union([Type.String(), Type.Null()]),
});

export const UserParams = Type.Object({ orgId: Id, userId: Id });
export const GroupParams = Type.Object({ orgId: Id, groupId: Id });

export const CreateUserBody = Type.Object(
  { email: Email, name: DisplayName, role: Type.Optional(Role), accountType: Type.Optional(AccountType) },
  { additionalProperties: false },
);
export type CreateUserBody = Static<typeof CreateUserBody>;

export const UpdateUserBody = Type.Object(
  { email: Type.Optional(Email), name: Type.Optional(DisplayName), role: Type.Optional(Role) },
  { additionalProperties: false, minProperties: 1 },
);

export const ListUsersQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Case-insensitive substring of the name or the e-mail.' })),
  status: Type.Optional(Status),
  role: Type.Optional(Role),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, description: 'Default 100; values above 1000 are treated as 1000.' })),
  cursor: Type.Optional(Type.String({ maxLength: 4096, description: 'A `links.next` or `links.prev` value of the previous page.' })),
});

export const ListGroupsQuery = Type.Object({
  pageSize: Type.Optional(Type.Integer({ minimum: 1 })),
  cursor: Type.Optional(Type.String({ maxLength: 4096 })),
});

export const UserJson = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  accountType: AccountType,
  status: Status,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type UserJson = Static<typeof UserJson>;

export const UserListResponse = Type.Object({ data: Type.Array(UserJson), links: Links });

export const DeactivatedUserResponse = Type.Object({ user: UserJson, tokensSuspended: Type.Integer() });
export const ReactivatedUserResponse = Type.Object({ user: UserJson, tokensRestored: Type.Integer() });

export const CreateGroupBody = Type.Object({ name: DisplayName }, { additionalProperties: false });
export const RenameGroupBody = CreateGroupBody;
export const MembersBody = Type.Object({ userIds: UserIds }, { additionalProperties: false });

export const GroupJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  memberCount: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type GroupJson = Static<typeof GroupJson>;

export const GroupDetailJson = Type.Object({
  id: Type.String(),
  name: Type.String(),
  memberCount: Type.Integer(),
  memberIds: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});
export type GroupDetailJson = Static<typeof GroupDetailJson>;

export const GroupListResponse = Type.Object({ data: Type.Array(GroupJson), links: Links });
