/** Helpers for SCIM tests: a SCIM token through the admin API, and SCIM requests. */
import { expect } from 'vitest';
import { bearer, type TestApp } from './app.js';

export const SCIM_JSON = 'application/scim+json; charset=utf-8';

/** Creates a SCIM token with the bootstrap admin key, through the admin API, and returns its secret. */
export async function createScimToken(t: TestApp, label = 'idp'): Promise<{ id: string; token: string }> {
  const response = await t.app.http.inject({
    method: 'POST',
    url: `/admin/tokenward/v1/orgs/${t.orgId}/scim-tokens`,
    headers: bearer(t.adminKey),
    payload: { label },
  });
  expect(response.statusCode, response.body).toBe(201);
  const body = response.json() as { id: string; token: string };
  return { id: body.id, token: body.token };
}

export interface ScimResponse {
  status: number;
  contentType: string;
  body: any;
  headers: Record<string, unknown>;
}

/** A SCIM client: requests as the IdPs send them (scim+json), answers parsed. */
export function scimClient(t: TestApp, token: string, extraHeaders: Record<string, string> = {}) {
  return async (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, payload?: unknown): Promise<ScimResponse> => {
    const response = await t.app.http.inject({
      method,
      url: `/scim/v2${path}`,
      headers: {
        ...bearer(token),
        accept: 'application/scim+json',
        ...(payload === undefined ? {} : { 'content-type': SCIM_JSON }),
        ...extraHeaders,
      },
      ...(payload === undefined ? {} : { payload: typeof payload === 'string' ? payload : JSON.stringify(payload) }),
    });
    return {
      status: response.statusCode,
      contentType: String(response.headers['content-type'] ?? ''),
      body: response.body === '' ? null : JSON.parse(response.body),
      headers: response.headers,
    };
  };
}

export function expectScimError(response: ScimResponse, status: number, scimType?: string): void {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  expect(response.contentType).toContain('application/scim+json');
  expect(response.body).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail: expect.any(String) });
  if (scimType) expect(response.body.scimType).toBe(scimType);
}
