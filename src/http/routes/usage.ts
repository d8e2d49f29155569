/** The activity API: what tokens did. Tokenward's own extension, scope read:usage:admin. */
import { wireKind } from '../policy-json.js';
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TokenService } from '../../service/token-service.js';
import type { UsageService } from '../../service/usage-service.js';
import { requireAdmin } from '../auth.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import {
  NewIpsResponse,
  OrgDailyQuery,
  OrgDailyResponse,
  OrgUsageQuery,
  TokenUsageParams,
  TopTokensResponse,
  UsageEventsQuery,
  UsageEventsResponse,
  UsageSummaryQuery,
  UsageSummaryResponse,
} from '../schemas/usage.js';

export interface UsageRoutesDeps {
  tokens: TokenService;
  usage: UsageService;
}

const PREFIX = '/admin/tokenward/v1/orgs/:orgId';
/** A usage summary as JSON: the admin's and the member's routes answer the same shape. */
export function usageSummaryJson(summary: Awaited<ReturnType<UsageService['tokenSummary']>>) {
  return {
    ...summary,
    firstSeenAt: summary.firstSeenAt?.toISOString() ?? null,
    lastSeenAt: summary.lastSeenAt?.toISOString() ?? null,
    perIp: summary.perIp.map((row) => ({ ...row, firstSeenAt: row.firstSeenAt.toISOString(), lastSeenAt: row.lastSeenAt.toISOString() })),
  };
}

const msOf = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).getTime());

export function usageRoutes(deps: UsageRoutesDeps): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:usage:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      `${PREFIX}/tokens/:tokenId/usage/events`,
      {
        onRequest: read,
        schema: {
          tags: ['Usage'],
          summary: "A token's usage events, newest first",
          description:
            'Every verification of the token (kept 90 days by default); identical ones within a flush window (about a second) are one row with `count`. Filters combine; pages follow `links.next`.',
          params: TokenUsageParams,
          querystring: UsageEventsQuery,
          response: { 200: UsageEventsResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const { orgId, tokenId } = request.params;
        const q = request.query;
        const page = await deps.usage.listTokenEvents(orgId, tokenId, { ...q, fromMs: msOf(q.from), toMs: msOf(q.to) });
        return {
          data: page.items.map((e) => ({
            at: new Date(e.atMs).toISOString(),
            lastAt: new Date(e.lastAtMs).toISOString(),
            count: e.count,
            code: e.code as never,
            method: e.method,
            route: e.route,
            ip: e.ip,
            userAgent: e.userAgent,
            upstreamStatus: e.upstreamStatus,
            isNewIp: e.isNewIp,
            isNewUserAgent: e.isNewUserAgent,
            upstreamAccount: e.upstreamAccount,
          })),
          links: { next: page.next },
        };
      },
    );

    app.get(
      `${PREFIX}/tokens/:tokenId/usage/summary`,
      {
        onRequest: read,
        schema: {
          tags: ['Usage'],
          summary: "A token's usage summary: per day, per route, per IP, first and last seen",
          params: TokenUsageParams,
          querystring: UsageSummaryQuery,
          response: { 200: UsageSummaryResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => usageSummaryJson(await deps.usage.tokenSummary(request.params.orgId, request.params.tokenId, request.query.days ?? 30)),
    );

    app.get(
      `${PREFIX}/usage/daily`,
      {
        onRequest: read,
        schema: {
          tags: ['Usage'],
          summary: "The org's calls per day",
          description: 'Verified calls of every token of the org, per UTC day over the last `days` days (today included), from the daily aggregates: they outlive raw events. Admin keys\' own calls to the admin API are not counted here (each key\'s activity lists them).',
          params: OrgParams,
          querystring: OrgDailyQuery,
          response: { 200: OrgDailyResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => deps.usage.orgDaily(request.params.orgId, request.query.days ?? 30),
    );

    app.get(
      `${PREFIX}/usage/top-tokens`,
      {
        onRequest: read,
        schema: {
          tags: ['Usage'],
          summary: "The org's most used tokens over the last days",
          params: OrgParams,
          querystring: OrgUsageQuery,
          response: { 200: TopTokensResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const rows = await deps.usage.topTokens(request.params.orgId, request.query.days ?? 7, request.query.limit ?? 20);
        return {
          data: rows.map((row) => ({
            ...row,
            kind: wireKind(row.kind),
            owner: row.owner ? { ...row.owner, type: wireKind(row.owner.type) } : null,
            lastSeenAt: row.lastSeenAt.toISOString(),
          })),
        };
      },
    );

    app.get(
      `${PREFIX}/usage/new-ips`,
      {
        onRequest: read,
        schema: {
          tags: ['Usage'],
          summary: 'Tokens used from new IPs',
          description: 'IPs first seen in the last days by tokens that were already in use from other IPs before (a new token\'s first IPs are not listed).',
          params: OrgParams,
          querystring: OrgUsageQuery,
          response: { 200: NewIpsResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const rows = await deps.usage.newIps(request.params.orgId, request.query.days ?? 7, request.query.limit ?? 20);
        return { data: rows.map((row) => ({ ...row, firstSeenAt: row.firstSeenAt.toISOString(), lastSeenAt: row.lastSeenAt.toISOString() })) };
      },
    );
  };
}
