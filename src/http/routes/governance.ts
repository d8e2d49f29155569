/**
 * Figures the console's tables show beside each row, one request per page: how many people,
 * service accounts and live tokens each policy governs; a page of people's groups, live tokens and
 * last sign-in; a page of service accounts' live tokens, last use and accountable owner.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { GovernanceService } from '../../service/governance-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { callerOf, DIRECTORY_PREFIX } from './directory-users.js';

const Instant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);
const IdsQuery = Type.Object({
  ids: Type.Optional(Type.String({ maxLength: 14_000, description: 'Comma-separated ids of the page (at most 200); unknown ids answer zeros.' })),
});

const PolicyCoverageResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      policyId: Type.String(),
      people: Type.Integer({ description: 'Active people whose governing policy it is.' }),
      serviceAccounts: Type.Integer({ description: 'Live service accounts whose governing policy it is.' }),
      liveTokens: Type.Integer({ description: 'Their tokens that are active and not past expiry, connected systems\' tokens of matched people included.' }),
    }),
  ),
});

const PeopleColumnsResponse = Type.Object({
  data: Type.Array(
    Type.Object({
      userId: Type.String(),
      groups: Type.Array(Type.Object({ id: Type.String(), name: Type.String() })),
      liveTokens: Type.Integer(),
      lastSignInAt: Instant,
    }),
  ),
});

const ServiceAccountColumnsResponse = Type.Object({
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

const idsOf = (raw: string | undefined) => (raw ?? '').split(',').map((id) => id.trim()).filter(Boolean);
const iso = (date: Date | null) => (date ? date.toISOString() : null);
const TAGS = ['Console'];

export function governanceRoutes(deps: { tokens: TokenService; governance: GovernanceService }): FastifyPluginAsync {
  const { governance } = deps;
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      `${DIRECTORY_PREFIX}/policies/coverage`,
      {
        onRequest: requireAdmin(deps, 'read:policies:admin'),
        schema: {
          tags: ['Policies'],
          summary: 'How many people, service accounts and live tokens each policy governs',
          description: 'Counted from everyone\'s governing policy now: priority, direct and group assignments, disabled policies and the default all count as they do at verification.',
          params: OrgParams,
          response: { 200: PolicyCoverageResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => ({ data: await governance.policyCoverage(callerOf(request), request.params.orgId) }),
    );

    app.get(
      `${DIRECTORY_PREFIX}/people-columns`,
      {
        onRequest: requireAdmin(deps, 'read:directory:admin'),
        schema: { tags: TAGS, summary: "A page of people's groups, live tokens and last sign-in", params: OrgParams, querystring: IdsQuery, response: { 200: PeopleColumnsResponse, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => {
        const rows = await governance.peopleColumns(callerOf(request), request.params.orgId, idsOf(request.query.ids));
        return { data: rows.map((row) => ({ ...row, lastSignInAt: iso(row.lastSignInAt) })) };
      },
    );

    app.get(
      `${DIRECTORY_PREFIX}/service-account-columns`,
      {
        onRequest: requireAdmin(deps, 'read:service-accounts:admin'),
        schema: {
          tags: TAGS,
          summary: "A page of service accounts' live tokens, last use and accountable owner",
          params: OrgParams,
          querystring: IdsQuery,
          response: { 200: ServiceAccountColumnsResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const rows = await governance.serviceAccountColumns(callerOf(request), request.params.orgId, idsOf(request.query.ids));
        return { data: rows.map((row) => ({ ...row, lastActiveAt: iso(row.lastActiveAt) })) };
      },
    );
  };
}
