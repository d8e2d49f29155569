/** Small pieces shared by the SCIM routes (docs/scim.md). */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_SCHEMA, LIST_RESPONSE_SCHEMA } from '../domain/scim-schemas.js';
import type { Caller } from '../service/user-directory-service.js';

export const SCIM_PREFIX = '/scim/v2';
export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** SCIM's error body (RFC 7644 §3.12): `status` is a string; `scimType` on 400s and 409s. */
export function scimErrorReply(reply: FastifyReply, status: number, detail: string, scimType?: string) {
  if (status === 401) reply.header('www-authenticate', 'Bearer realm="scim"');
  return reply.code(status).type(SCIM_CONTENT_TYPE).send({ schemas: [ERROR_SCHEMA], status: String(status), ...(scimType ? { scimType } : {}), detail });
}

export function scimCallerOf(request: FastifyRequest): Caller {
  if (!request.principal) throw new Error('SCIM route reached without authentication');
  return { principal: request.principal, ip: request.ip };
}

/** First value of a query parameter, matched in any case (SCIM parameter names are case-insensitive). */
export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const key = Object.keys(query).find((k) => k.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : query[key];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : undefined;
}

export function integerParam(request: FastifyRequest, name: string): number | undefined {
  const text = queryParam(request, name);
  if (text === undefined || !/^\s*-?\d{1,15}\s*$/.test(text)) return undefined;
  return Number(text);
}

/** Ids in paths: anything but an id-shaped string is a 404 before any database access. */
export function isIdShaped(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}

export function listResponse<T>(resources: T[], total = resources.length, startIndex = 1) {
  return { schemas: [LIST_RESPONSE_SCHEMA], totalResults: total, startIndex, itemsPerPage: resources.length, Resources: resources };
}
