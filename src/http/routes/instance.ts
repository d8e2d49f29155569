/**
 * The instance administrator's routes: create, list, disable and enable organizations, and read
 * the instance's audit. Only an instance key (`twi_...`) opens them; org admin keys and sessions
 * are refused, and an instance key opens no org route.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Organization } from '../../domain/models.js';
import type { InstanceCaller, InstanceKey, InstanceService } from '../../service/instance-service.js';
import { instanceAdminOf, requireInstanceAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import {
  CreatedInstanceKeyResponse,
  CreatedOrgResponse,
  CreateInstanceKeyBody,
  CreateOrgBody,
  INSTANCE_PREFIX,
  InstanceAuditQuery,
  InstanceAuditResponse,
  InstanceKeyListResponse,
  InstanceKeyParams,
  InstanceKeyResponse,
  InstanceOrgListResponse,
  InstanceOrgParams,
  InstanceOrgResponse,
  type InstanceKeyJson,
  type InstanceOrgJson,
} from '../schemas/instance.js';

export interface InstanceRoutesDeps {
  instance: InstanceService;
}

const SECURITY = [{ instanceKey: [] }];
const TAGS = ['Instance'];

function orgJson(org: Organization): InstanceOrgJson {
  return {
    id: org.id,
    name: org.name,
    status: org.disabledAt ? 'disabled' : 'active',
    createdAt: org.createdAt.toISOString(),
    disabledAt: org.disabledAt?.toISOString() ?? null,
  };
}

function keyJson(key: InstanceKey): InstanceKeyJson {
  return {
    id: key.id,
    label: key.label,
    displayPrefix: key.displayPrefix,
    status: key.revokedAt ? 'revoked' : 'active',
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

function callerOf(request: FastifyRequest): InstanceCaller {
  return { principal: instanceAdminOf(request), ip: request.ip };
}

export function instanceRoutes(deps: InstanceRoutesDeps): FastifyPluginAsync {
  const onRequest = requireInstanceAdmin(deps);
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      `${INSTANCE_PREFIX}/orgs`,
      { onRequest, schema: { tags: TAGS, security: SECURITY, summary: 'List every organization on this server', response: { 200: InstanceOrgListResponse, ...ADMIN_ERROR_RESPONSES } } },
      async () => ({ data: (await deps.instance.listOrganizations()).map(orgJson) }),
    );

    app.post(
      `${INSTANCE_PREFIX}/orgs`,
      {
        onRequest,
        schema: {
          tags: TAGS,
          security: SECURITY,
          summary: 'Create an organization',
          description: 'With its owner, its first admin API key and the owner\'s one-time setup link; the key and the link are in this answer only.',
          body: CreateOrgBody,
          response: { 201: CreatedOrgResponse, 409: ADMIN_ERROR_RESPONSES[400], ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const created = await deps.instance.createOrganization(callerOf(request), request.body);
        return reply.code(201).send({
          data: orgJson(created.org),
          owner: { id: created.owner.id, email: created.owner.email },
          adminKey: created.adminKey,
          ownerSetupLink: { url: created.ownerLink.url, expiresAt: created.ownerLink.expiresAt.toISOString() },
        });
      },
    );

    app.get(
      `${INSTANCE_PREFIX}/orgs/:orgId`,
      { onRequest, schema: { tags: TAGS, security: SECURITY, summary: 'Get an organization', params: InstanceOrgParams, response: { 200: InstanceOrgResponse, ...ADMIN_ERROR_RESPONSES } } },
      async (request) => ({ data: orgJson(await deps.instance.getOrganization(request.params.orgId)) }),
    );

    for (const [verb, isDisabled] of [['disable', true], ['enable', false]] as const) {
      app.post(
        `${INSTANCE_PREFIX}/orgs/:orgId/${verb}`,
        {
          onRequest,
          schema: {
            tags: TAGS,
            security: SECURITY,
            summary: isDisabled ? 'Disable an organization' : 'Enable a disabled organization',
            description: isDisabled
              ? 'Its admin keys, sessions, SCIM tokens and API tokens stop working (ORG_DISABLED); its data stays. Repeating it changes nothing.'
              : 'Its keys, sessions and tokens work again as they were. Repeating it changes nothing.',
            params: InstanceOrgParams,
            response: { 200: InstanceOrgResponse, ...ADMIN_ERROR_RESPONSES },
          },
        },
        async (request) => ({ data: orgJson(await deps.instance.setOrganizationDisabled(callerOf(request), request.params.orgId, isDisabled)) }),
      );
    }

    app.get(
      `${INSTANCE_PREFIX}/keys`,
      { onRequest, schema: { tags: TAGS, security: SECURITY, summary: 'List the instance keys, live and revoked', response: { 200: InstanceKeyListResponse, ...ADMIN_ERROR_RESPONSES } } },
      async () => ({ data: (await deps.instance.listKeys()).map(keyJson) }),
    );

    app.post(
      `${INSTANCE_PREFIX}/keys`,
      {
        onRequest,
        schema: {
          tags: TAGS,
          security: SECURITY,
          summary: 'Issue another instance key',
          description: 'For a second instance administrator, or to replace a key: issue the new one, then revoke the old one with it. The secret is in this answer only.',
          body: CreateInstanceKeyBody,
          response: { 201: CreatedInstanceKeyResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const issued = await deps.instance.issueKey(callerOf(request), request.body.label);
        return reply.code(201).send({ data: keyJson(issued.key), secret: issued.secret });
      },
    );

    app.post(
      `${INSTANCE_PREFIX}/keys/:keyId/revoke`,
      {
        onRequest,
        schema: {
          tags: TAGS,
          security: SECURITY,
          summary: 'Revoke an instance key',
          description: 'At once, on every node. Revoking the key you call with is allowed; `tokenward instance-key create` on the server\'s machine issues a new one if no live key is left. Repeating it changes nothing.',
          params: InstanceKeyParams,
          response: { 200: InstanceKeyResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => ({ data: keyJson(await deps.instance.revokeKey(callerOf(request), request.params.keyId)) }),
    );

    app.get(
      `${INSTANCE_PREFIX}/audit`,
      {
        onRequest,
        schema: {
          tags: TAGS,
          security: SECURITY,
          summary: 'The instance audit: organizations created, disabled and enabled, instance keys issued and revoked',
          querystring: InstanceAuditQuery,
          response: { 200: InstanceAuditResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const entries = await deps.instance.listAudit({ limit: request.query.limit ?? 100, beforeSeq: request.query.before });
        return { data: entries.map((e) => ({ seq: e.seq, id: e.id, at: e.at.toISOString(), actorType: e.actorType, actorId: e.actorId, action: e.action, targetType: e.targetType, targetId: e.targetId, ip: e.ip, details: e.details })) };
      },
    );
  };
}
