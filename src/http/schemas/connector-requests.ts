/** Schemas of a GitHub connector's token requests, its webhook and its login links (docs/connectors-github.md). */
import { Type, type Static } from 'typebox';

const Instant = Type.Union([Type.String(), Type.Null()]);
const Text = Type.Union([Type.String(), Type.Null()]);

export const RequestStatus = Type.Union([Type.Literal('pending'), Type.Literal('queued'), Type.Literal('approved'), Type.Literal('denied'), Type.Literal('closed')]);

export const ListConnectorRequestsQuery = Type.Object(
  { status: Type.Optional(RequestStatus) },
  { additionalProperties: false },
);

export const ConnectorRequestJson = Type.Object({
  id: Type.String(),
  externalId: Type.String({ description: 'The request id in GitHub.' }),
  connector: Type.Object({ id: Type.String(), name: Type.String() }, { description: 'The GitHub connector the request came through.' }),
  status: RequestStatus,
  label: Type.String({ description: 'The token name the requester gave.' }),
  owner: Type.Union([Type.Object({ login: Type.String(), userId: Text, email: Text }), Type.Null()], { description: 'The requester as GitHub names them (the e-mail only when they made it public).' }),
  person: Type.Union([Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() }), Type.Null()], {
    description: 'The directory person the requester was matched to (a linked login, or a public e-mail); null when nobody.',
  }),
  scopes: Type.Array(
    Type.Object({
      name: Type.String(),
      scopeClass: Type.String({ description: 'read, write or admin.' }),
      github: Type.String({ description: 'GitHub\'s own words, e.g. "repository contents: write".' }),
    }),
  ),
  repositorySelection: Text,
  justification: Text,
  createdAt: Type.String(),
  expiresAt: Instant,
  policyId: Text,
  policyName: Text,
  policyReason: Text,
  decidedBy: Text,
  decidedAt: Instant,
  decisionReason: Text,
  upstreamStatus: Type.Union([Type.Integer(), Type.Null()]),
});
export type ConnectorRequestJson = Static<typeof ConnectorRequestJson>;

export const ConnectorRequestList = Type.Object({ data: Type.Array(ConnectorRequestJson) });

export const DecideConnectorRequestsBody = Type.Object(
  {
    requestIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 100, description: 'At most 100: GitHub decides that many per call.' }),
    action: Type.Union([Type.Literal('approve'), Type.Literal('deny')]),
    reason: Type.Optional(Type.Union([Type.String({ maxLength: 1024 }), Type.Null()], { description: 'Sent to GitHub and shown to the requester; required to deny.' })),
  },
  { additionalProperties: false },
);

export const GithubLoginLinksBody = Type.Object(
  {
    links: Type.Array(Type.Object({ login: Type.String({ minLength: 1, maxLength: 39 }), userId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 1000,
    }),
  },
  { additionalProperties: false },
);

export const WebhookParams = Type.Object({ connectorId: Type.String({ minLength: 1, maxLength: 64 }) });

export const WebhookOutcomeJson = Type.Object({ handled: Type.Boolean(), detail: Type.String() });
