/** Tokenward's audit log API (docs/audit.md): query, export, retention. */
import { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyPluginAsync } from 'fastify';
import { Type } from 'typebox';
import type { AuditLogService } from '../../service/audit-log-service.js';
import type { TokenService } from '../../service/token-service.js';
import type { StoredAuditEntry } from '../../domain/audit-chain.js';
import { principalOf, requireAdmin } from '../auth.js';
import { csvSafe, csvStream, jsonLinesStream, sendAttachment, type CsvCell } from '../export-streams.js';
import { AuditEntryJson, AuditExportQuery, AuditLogPage, AuditLogQuery, AuditSettings, PurgeResultJson } from '../schemas/audit-log.js';
import { ADMIN_ERROR_RESPONSES } from '../schemas/common.js';
import { OrgParams } from '../schemas/organizations.js';

const PREFIX = '/admin/tokenward/v1/orgs/:orgId/audit-log';
/** A streamed body: Fastify sends streams as they are, without serializing. */
const ExportStream = Type.Unsafe<Readable>({ type: 'string', description: 'application/x-ndjson (one entry per line) or text/csv' });

export function auditEntryJson(entry: StoredAuditEntry): AuditEntryJson {
  return {
    seq: entry.seq,
    id: entry.id,
    at: entry.at.toISOString(),
    actorType: entry.actorType,
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    ip: entry.ip,
    details: entry.details,
    hash: entry.hash,
  };
}

const CSV_COLUMNS = ['seq', 'id', 'at', 'actor_type', 'actor_id', 'action', 'target_type', 'target_id', 'ip', 'details', 'hash'];

function csvRowOf(entry: StoredAuditEntry): CsvCell[] {
  const json = auditEntryJson(entry);
  return [json.seq, json.id, json.at, json.actorType, json.actorId, json.action, json.targetType, json.targetId, json.ip, JSON.stringify(json.details), json.hash].map(csvSafe);
}

export function auditLogRoutes(deps: { tokens: TokenService; auditLog: AuditLogService }): FastifyPluginAsync {
  const read = requireAdmin(deps, 'read:audit-log:admin');
  const write = requireAdmin(deps, 'write:audit-log:admin');
  return async (plugin) => {
    const app = plugin.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      PREFIX,
      {
        onRequest: read,
        schema: {
          tags: ['Audit log'],
          summary: 'Query the audit log',
          description:
            'Newest first, keyset-paged: pass `links.next` (older) or `links.prev` (newer) back as `cursor` with the same filters. `names` names every person, service account, token, key, group, policy and request the page mentions, by id.',
          params: OrgParams,
          querystring: AuditLogQuery,
          response: { 200: AuditLogPage, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => {
        const page = await deps.auditLog.listEntries(principalOf(request), request.params.orgId, request.query);
        return { data: page.items.map(auditEntryJson), links: page.links, names: await deps.auditLog.namesOf(request.params.orgId, page.items) };
      },
    );

    app.get(
      `${PREFIX}/export`,
      {
        onRequest: read,
        schema: {
          tags: ['Audit log'],
          summary: 'Export the audit log as JSON Lines or CSV',
          description: 'Every entry matching the filters, oldest first, streamed (`Content-Disposition: attachment`). `format` is `jsonl` (default) or `csv`.',
          params: OrgParams,
          querystring: AuditExportQuery,
          response: { 200: ExportStream, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request, reply) => {
        const { format = 'jsonl', ...filters } = request.query;
        const entries = await deps.auditLog.openExport(principalOf(request), request.params.orgId, filters);
        const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
        const filename = `tokenward-audit-${request.params.orgId}-${stamp}.${format}`;
        return format === 'csv'
          ? sendAttachment(reply, csvStream(entries, CSV_COLUMNS, csvRowOf), 'text/csv; charset=utf-8', filename)
          : sendAttachment(reply, jsonLinesStream(entries, auditEntryJson), 'application/x-ndjson; charset=utf-8', filename);
      },
    );

    app.get(
      `${PREFIX}/settings`,
      {
        onRequest: read,
        schema: { tags: ['Audit log'], summary: "The org's audit retention", params: OrgParams, response: { 200: AuditSettings, ...ADMIN_ERROR_RESPONSES } },
      },
      async (request) => deps.auditLog.getRetention(principalOf(request), request.params.orgId),
    );

    app.put(
      `${PREFIX}/settings`,
      {
        onRequest: write,
        schema: {
          tags: ['Audit log'],
          summary: "Set the org's audit retention",
          description: '`retentionDays`: 30 to 36500, or null to keep entries forever (the default). The retention job purges older entries.',
          params: OrgParams,
          body: AuditSettings,
          response: { 200: AuditSettings, ...ADMIN_ERROR_RESPONSES },
        },
      },
      async (request) => deps.auditLog.setRetention(principalOf(request), request.params.orgId, request.body.retentionDays, request.ip),
    );

    app.post(
      `${PREFIX}/purge`,
      {
        onRequest: write,
        schema: {
          tags: ['Audit log'],
          summary: 'Purge entries past retention now',
          description: 'What the scheduled retention job does, for this org, now. The chain stays verifiable from its recorded anchor.',
          params: OrgParams,
          response: { 200: PurgeResultJson, ...ADMIN_ERROR_RESPONSES, 409: ADMIN_ERROR_RESPONSES[400] },
        },
      },
      async (request) => {
        const result = await deps.auditLog.purgeNow(principalOf(request), request.params.orgId);
        return { purged: result.purged, before: result.cutoff?.toISOString() ?? null };
      },
    );
  };
}
