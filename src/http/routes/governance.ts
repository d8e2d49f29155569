/**
 * Figures the console's tables show beside each row, one request per page: how many people,
 * service accounts and live tokens each policy governs; a page of people's groups, live tokens and
 * last sign-in; a page of service accounts' live tokens, last use and accountable owner.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { GovernanceService } from '../../service/governance-service.js';
import type { TokenService } from '../../service/token-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import { IdsQuery, PeopleColumnsResponse, PolicyCoverageResponse, ServiceAccountColumnsResponse } from '../schemas/governance.js';
import { callerOf, DIRECTORY_PREFIX } from './directory-users.js';

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
