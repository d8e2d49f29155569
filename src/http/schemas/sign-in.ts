/** Sign-in, sessions, one-time links and SSO settings (docs/sign-in.md). */
import { Type, type Static } from 'typebox';

const Email = Type.String({ minLength: 3, maxLength: 320 });
/** Length rules are the service's (12 to 256 characters); the schema only bounds the body. */
const Password = Type.String({ minLength: 1, maxLength: 1024 });
const LinkToken = Type.String({ minLength: 1, maxLength: 200, description: 'The `token` of the link.' });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Role = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('approver'), Type.Literal('auditor'), Type.Literal('member')]);

export const LoginBody = Type.Object(
  { email: Email, password: Password, orgId: Type.Optional(Id) },
  { additionalProperties: false, description: '`orgId` is needed only when one e-mail and password open accounts in several organizations.' },
);
export const SetPasswordBody = Type.Object({ token: LinkToken, password: Password }, { additionalProperties: false });
export const ResetRequestBody = Type.Object({ email: Email, orgId: Type.Optional(Id) }, { additionalProperties: false });

export const SessionUserJson = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
});

export const SessionJson = Type.Object({
  user: SessionUserJson,
  /** Send it back as `X-CSRF-Token` on every state-changing request made with the cookie. */
  csrfToken: Type.String(),
  /** When the session ends if unused from now (idle limit, capped by the absolute one). */
  expiresAt: Type.String({ format: 'date-time' }),
});
export type SessionJson = Static<typeof SessionJson>;

export const ResetRequestedJson = Type.Object({ message: Type.String() });

export const ProfileJson = Type.Object({
  id: Type.String(),
  orgId: Type.String(),
  email: Type.String(),
  name: Type.String(),
  role: Role,
  accountType: Type.Union([Type.Literal('managed'), Type.Literal('external')]),
  groups: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
  createdAt: Type.String({ format: 'date-time' }),
});

export const IssuedLinkJson = Type.Object({
  linkId: Type.String(),
  userId: Type.String(),
  kind: Type.Union([Type.Literal('invite'), Type.Literal('password_reset'), Type.Literal('owner_setup')]),
  /** One-time: shown only in this answer. */
  url: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
});

export const SsoStartParams = Type.Object({ orgId: Id });
export const SsoStartQuery = Type.Object({ returnTo: Type.Optional(Type.String({ maxLength: 512, description: 'A path on this site to land on after sign-in.' })) });
export const SsoCallbackQuery = Type.Object(
  {
    code: Type.Optional(Type.String({ maxLength: 4096 })),
    state: Type.Optional(Type.String({ maxLength: 4096 })),
    error: Type.Optional(Type.String({ maxLength: 4096 })),
  },
  { additionalProperties: true },
);

export const SsoConfigBody = Type.Object(
  {
    issuer: Type.String({ minLength: 8, maxLength: 2048, description: 'The OpenID provider issuer URL (https; http only on loopback).' }),
    clientId: Type.String({ minLength: 1, maxLength: 512 }),
    clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'Required the first time; omit to keep the stored one. Never returned.' })),
    scopes: Type.Optional(Type.String({ maxLength: 512, description: 'Space-separated; default `openid email profile`. Add `groups` for Okta.' })),
    allowedDomains: Type.Array(Type.String({ minLength: 1, maxLength: 253 }), { minItems: 1, maxItems: 100 }),
    groupClaim: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    groupMapping: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 512 }), Id)),
    jitEnabled: Type.Optional(Type.Boolean({ description: 'Create unknown people as managed members at their first sign-in; default true.' })),
  },
  { additionalProperties: false },
);

export const SsoConfigJson = Type.Object({
  issuer: Type.String(),
  clientId: Type.String(),
  hasClientSecret: Type.Boolean(),
  scopes: Type.String(),
  allowedDomains: Type.Array(Type.String()),
  groupClaim: Type.Union([Type.String(), Type.Null()]),
  groupMapping: Type.Record(Type.String(), Type.String()),
  jitEnabled: Type.Boolean(),
  /** Register this redirect URI at the provider. */
  redirectUri: Type.String(),
  /** Send people here to sign in with SSO. */
  startUrl: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
