/**
 * Tokenward's inventory of every token of an org (docs/tokens-api.md): list, counts,
 * one token, CSV export. Read-only; POST `.../tokens`, DELETE `.../tokens/{tokenId}` and
 * `.../tokens/{tokenId}/rotate` belong to issuance, on the same paths in their own plugin.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { OrgTokenItem, OrgTokenService } from '../../service/org-token-service.js';
import type { TokenService } from '../../service/token-service.js';
import { ownerKindOf, parseOrgTokenExportQuery, parseOrgTokenFilters, parseOrgTokenQuery, type InventoryKind } from '../../domain/org-token-query.js';
import { upstreamScopeOf } from '../../domain/upstream-scopes.js';
import { requireAdmin } from '../auth.js';
import { csvSafe, csvStream, sendAttachment, type CsvCell } from '../export-streams.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';
import {
  CsvResponse,
  OrgTokenCountsQuery,
  OrgTokenCountsResponse,
  OrgTokenExportQuery,
  OrgTokenJson,
  OrgTokenListQuery,
  OrgTokenListResponse,
  OrgTokenParams,
} from '../schemas/org-tokens.js';

export interface TokenInventoryRoutesDeps {
  tokens: TokenService;
  orgTokens: OrgTokenService;
}

const PREFIX = '/admin/tokenward/v1/orgs/:orgId/tokens';
const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function orgTokenJson({ token, owner, status, activity, source, purpose, tags, governingPolicy }: OrgTokenItem): OrgTokenJson {
  return {
    id: token.id,
    label: token.label,
    // The store reads inventory kinds only (never SCIM tokens).
    ownerKind: ownerKindOf(token.kind as InventoryKind),
    owner,
    status,
    displayPrefix: token.displayPrefix,
    scopes: token.scopes,
    createdAt: token.createdAt.toISOString(),
    createdBy: token.createdBy,
    expiresAt: iso(token.expiresAt),
    lastActiveAt: iso(token.lastActiveAt),
    revokedAt: iso(token.revokedAt),
    revokedBy: token.revokedBy,
    revokedReason: token.revokedReason,
    callsLast30Days: activity.callsLast30Days,
    lastIp: activity.lastIp,
    governingPolicy,
    source:
      source.type === 'tokenward'
        ? source
        : {
            type: source.type,
            connectorId: source.connectorId,
            externalId: source.externalId,
            goneAt: iso(source.goneAt),
            scopes: token.scopes.map((name) => upstreamScopeOf(source.type, name)),
            lastUsedIps: source.lastUsedIps,
            repositorySelection: typeof source.details?.repositorySelection === 'string' ? source.details.repositorySelection : null,
          },
    purpose,
    tags,
  };
}

const CSV_COLUMNS = ['id', 'label', 'ownerKind', 'ownerName', 'ownerEmail', 'status', 'displayPrefix', 'scopes', 'createdAt', 'expiresAt', 'lastActiveAt', 'revokedAt', 'callsLast30Days', 'lastIp', 'governingPolicy', 'source', 'externalId', 'purpose', 'tags', 'sourceType'];

function csvRecord(item: OrgTokenItem): CsvCell[] {
  const json = orgTokenJson(item);
  return [
    json.id,
    csvSafe(json.label),
    json.ownerKind,
    csvSafe(json.owner?.name ?? ''),
    csvSafe(json.owner?.email ?? ''),
    json.status,
    json.displayPrefix,
    json.scopes.join(' '),
    json.createdAt,
    json.expiresAt ?? '',
    json.lastActiveAt ?? '',
    json.revokedAt ?? '',
    json.callsLast30Days,
    json.lastIp ?? '',
    csvSafe(json.governingPolicy?.name ?? ''),
    'connectorId' in json.source ? json.source.connectorId : 'tokenward',
    'externalId' in json.source ? csvSafe(json.source.externalId) : '',
    csvSafe(item.purpose ?? ''),
    item.tags.join(' '),
    // Last, so files read by column position before it existed keep their columns.
    json.source.type,
  ];
}

export function tokenInventoryRoutes(deps: TokenInventoryRoutesDeps): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:tokens:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      PREFIX,
      {
        onRequest: read,
        schema: {
          tags: ['Tokens'],
          summary: 'Search every token of the organization (members, service accounts, admin keys)',
          description: 'Keyset-paged: pass `links.next` or `links.prev` back as `cursor` with the same filters and sort. Revoked tokens only with `status=revoked`.',
          params: OrgParams,
          querystring: OrgTokenListQuery,
          response: { 200: OrgTokenListResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await deps.orgTokens.list(request.params.orgId, parseOrgTokenQuery(request.query));
        return { data: page.items.map(orgTokenJson), links: page.links };
      },
    );

    app.get(
      `${PREFIX}/counts`,
      {
        onRequest: read,
        schema: {
          tags: ['Tokens'],
          summary: 'Count the tokens by status and owner kind',
          description: 'Takes the list filters except `status` and `ownerKind`, which are what it counts by.',
          params: OrgParams,
          querystring: OrgTokenCountsQuery,
          response: { 200: OrgTokenCountsResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => deps.orgTokens.counts(request.params.orgId, parseOrgTokenFilters(request.query)),
    );

    app.get(
      `${PREFIX}/export.csv`,
      {
        onRequest: read,
        schema: {
          tags: ['Tokens'],
          summary: 'The filtered list as CSV, streamed',
          description: 'Same filters and sort as the list, every page. Cells a spreadsheet would run as a formula get a leading apostrophe.',
          params: OrgParams,
          querystring: OrgTokenExportQuery,
          produces: ['text/csv'],
          response: { 200: CsvResponse, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        // Parsed before the first row is sent, so a bad filter is still a 400.
        const { rows } = deps.orgTokens.exportRows(request.params.orgId, parseOrgTokenExportQuery(request.query));
        const day = new Date().toISOString().slice(0, 10);
        return sendAttachment(reply, csvStream(rows, CSV_COLUMNS, csvRecord), 'text/csv; charset=utf-8', `tokens-${day}.csv`);
      },
    );

    app.get(
      `${PREFIX}/:tokenId`,
      {
        onRequest: read,
        schema: {
          tags: ['Tokens'],
          summary: 'One token of the organization, with its owner',
          description: 'Revoked tokens too (with who revoked them and why).',
          params: OrgTokenParams,
          response: { 200: OrgTokenJson, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => orgTokenJson(await deps.orgTokens.get(request.params.orgId, request.params.tokenId)),
    );
  };
}
