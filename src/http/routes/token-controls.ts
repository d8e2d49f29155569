/**
 * Per-token controls for admins (docs/policies.md "One token at a time"): suspend, resume, extend,
 * purpose, the token's own IP allowlist (a member may narrow their own token's too); and who
 * answers for a service account's tokens (its accountable owner).
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { ControlledToken, TokenControlsService } from '../../service/token-controls-service.js';
import type { TokenService } from '../../service/token-service.js';
import type { OwnerRecord, ServiceAccountOwnerService } from '../../service/service-account-owner-service.js';
import { requireAdmin, requireSession, sessionPrincipalOf } from '../auth.js';
import { tokenJson } from '../policy-json.js';
import { ADMIN_ERROR_RESPONSES, ErrorRef } from '../schemas/common.js';
import { TokenJson, TokenParams } from '../schemas/issuance.js';
import { DIRECTORY_PREFIX, callerOf } from './directory-users.js';

const ERRORS = { ...ADMIN_ERROR_RESPONSES, 409: ErrorRef };
const TAGS = ['Tokens'];
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

const ControlledTokenJson = Type.Object({
  ...TokenJson.properties,
  purpose: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  suspension: Nullable(Type.Object({ at: Type.String(), by: Nullable(Type.String()), reason: Type.String() }, { description: "An admin's suspension; null when none." })),
  ipAllowlist: Type.Array(Type.String(), { description: "The token's own IP allowlist (CIDR blocks); empty when it has none and its policy's alone applies." }),
});
const IpAllowlistBody = Type.Object(
  {
    ipAllowlist: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      maxItems: 50,
      description: 'CIDR blocks or single addresses, IPv4 or IPv6, each inside the policy\'s allowlist when the policy has one; empty removes the list.',
    }),
  },
  { additionalProperties: false },
);
const IP_ALLOWLIST_DESCRIPTION =
  "Narrows, never widens, the owner's policy: a verification from an address outside either list answers IP_NOT_ALLOWED. Entries outside the policy's allowlist are refused (IP_ALLOWLIST_WIDENS_POLICY). Takes effect at the next verification on every node.";
const ReasonBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500 }) }, { additionalProperties: false });
const ExtendBody = Type.Object({ expiresInDays: Type.Integer({ minimum: 1, maximum: 365, description: 'The new expiry, in days from now; within the owner\'s policy.' }) }, { additionalProperties: false });
const PurposeBody = Type.Object(
  { purpose: Nullable(Type.String({ maxLength: 500 })), tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })) },
  { additionalProperties: false },
);

const OwnerParams = Type.Object({ orgId: Type.String({ minLength: 1, maxLength: 64 }), serviceAccountId: Type.String({ minLength: 1, maxLength: 64 }) });
const OwnerBody = Type.Object(
  { type: Type.Union([Type.Literal('user'), Type.Literal('group')]), id: Type.String({ minLength: 1, maxLength: 64 }) },
  { additionalProperties: false },
);
const OwnerJson = Type.Object({
  data: Nullable(Type.Object({ owner: Type.Object({ type: Type.String(), id: Type.String() }), needsReassignment: Type.Boolean() })),
});
const NeedingOwnerJson = Type.Object({
  data: Type.Array(Type.Object({ id: Type.String(), displayName: Type.String(), email: Type.String(), reason: Type.String({ description: 'none (nobody answers for it), owner_deactivated (its person was deactivated) or owner_gone (its person or group no longer exists).' }) })),
});
const ownerJson = (record: OwnerRecord | null) => ({ data: record });

function controlledJson({ token, controls, ipAllowlist }: ControlledToken) {
  return {
    ipAllowlist,
    ...tokenJson(token),
    purpose: controls.purpose,
    tags: controls.tags,
    suspension: controls.suspension ? { at: controls.suspension.at.toISOString(), by: controls.suspension.by, reason: controls.suspension.reason } : null,
  };
}

export function tokenControlRoutes(deps: { tokens: TokenService; tokenControls: TokenControlsService; serviceAccountOwners: ServiceAccountOwnerService }): FastifyPluginAsync {
  const controls = deps.tokenControls;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();
    const base = `${DIRECTORY_PREFIX}/tokens/:tokenId`;
    const write = requireAdmin(deps, 'write:tokens:admin');
    const response = { 200: ControlledTokenJson, ...ERRORS };

    app.get(
      `${base}/controls`,
      { onRequest: requireAdmin(deps, 'read:tokens:admin'), schema: { tags: TAGS, summary: "A token's purpose, tags and suspension", params: TokenParams, response } },
      async (request) => controlledJson(await controls.getControls(callerOf(request), request.params.orgId, request.params.tokenId)),
    );
    app.post(
      `${base}/suspend`,
      { onRequest: write, schema: { tags: TAGS, summary: 'Suspend one token, with a reason', description: 'Reversible: resume lifts it. The owner\'s reactivation does not.', params: TokenParams, body: ReasonBody, response } },
      async (request) => controlledJson(await controls.suspend(callerOf(request), request.params.orgId, request.params.tokenId, request.body.reason)),
    );
    app.post(
      `${base}/resume`,
      { onRequest: write, schema: { tags: TAGS, summary: 'Resume a suspended token, with a reason', params: TokenParams, body: ReasonBody, response } },
      async (request) => controlledJson(await controls.resume(callerOf(request), request.params.orgId, request.params.tokenId, request.body.reason)),
    );
    app.post(
      `${base}/extend`,
      { onRequest: write, schema: { tags: TAGS, summary: "Extend a token's expiry within its policy", params: TokenParams, body: ExtendBody, response } },
      async (request) => controlledJson(await controls.extend(callerOf(request), request.params.orgId, request.params.tokenId, request.body.expiresInDays)),
    );
    app.put(
      `${base}/ip-allowlist`,
      { onRequest: write, schema: { tags: TAGS, summary: "Set a token's own IP allowlist", description: IP_ALLOWLIST_DESCRIPTION, params: TokenParams, body: IpAllowlistBody, response } },
      async (request) => controlledJson(await controls.setIpAllowlist(callerOf(request), request.params.orgId, request.params.tokenId, request.body.ipAllowlist)),
    );

    const session = requireSession();
    const SESSION = [{ sessionCookie: [] }];
    const MineParams = Type.Object({ tokenId: Type.String({ minLength: 1, maxLength: 64 }) });
    app.get(
      '/api/v1/me/tokens/:tokenId/controls',
      { onRequest: session, schema: { tags: ['Me'], summary: "One of my tokens' purpose, suspension and IP allowlist", security: SESSION, params: MineParams, response } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return controlledJson(await controls.getOwnControls(orgId, userId, request.params.tokenId));
      },
    );
    app.put(
      '/api/v1/me/tokens/:tokenId/ip-allowlist',
      { onRequest: session, schema: { tags: ['Me'], summary: 'Set the IP allowlist of one of my tokens', description: IP_ALLOWLIST_DESCRIPTION, security: SESSION, params: MineParams, body: IpAllowlistBody, response } },
      async (request) => {
        const { orgId, userId } = sessionPrincipalOf(request);
        return controlledJson(await controls.setOwnIpAllowlist(orgId, userId, request.params.tokenId, request.body.ipAllowlist, request.ip));
      },
    );

    app.put(
      `${base}/purpose`,
      { onRequest: write, schema: { tags: TAGS, summary: 'Say what a token is for', params: TokenParams, body: PurposeBody, response } },
      async (request) => controlledJson(await controls.setPurpose(callerOf(request), request.params.orgId, request.params.tokenId, request.body)),
    );
  
    const accounts = `${DIRECTORY_PREFIX}/service-accounts`;
    app.get(
      `${accounts}/needing-owner`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts:admin'),
        schema: { tags: ['Service accounts'], summary: 'Service accounts nobody answers for', description: 'No owner, or an owner who was deactivated: reassign them.', params: Type.Object({ orgId: Type.String({ minLength: 1, maxLength: 64 }) }), response: { 200: NeedingOwnerJson, ...ERRORS } },
      },
      async (request) => ({ data: await deps.serviceAccountOwners.listNeedingOwner(callerOf(request), request.params.orgId) }),
    );
    app.get(
      `${accounts}/:serviceAccountId/owner`,
      { onRequest: requireAdmin(deps, 'read:service-accounts:admin'), schema: { tags: ['Service accounts'], summary: 'Who answers for a service account', params: OwnerParams, response: { 200: OwnerJson, ...ERRORS } } },
      async (request) => ownerJson(await deps.serviceAccountOwners.getOwner(callerOf(request), request.params.orgId, request.params.serviceAccountId)),
    );
    app.put(
      `${accounts}/:serviceAccountId/owner`,
      {
        onRequest: requireAdmin(deps, 'write:service-accounts:admin'),
        schema: { tags: ['Service accounts'], summary: 'Name who answers for a service account', description: "A person or a group; its tokens' notices go to them.", params: OwnerParams, body: OwnerBody, response: { 200: OwnerJson, ...ERRORS } },
      },
      async (request) => ownerJson(await deps.serviceAccountOwners.setOwner(callerOf(request), request.params.orgId, request.params.serviceAccountId, request.body)),
    );
  };
}
