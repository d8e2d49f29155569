/** Helpers shared by HTTP tests: the Atlassian error body, scoped keys, a second organization. */
import { expect } from 'vitest';
import { newOrgId } from '../../src/domain/ids.js';
import { createStores } from '../../src/store/stores.js';
import { bearer, type TestApp } from './app.js';

export function expectErrorBody(body: unknown, status: number, title: string): void {
  expect(body).toMatchObject({ errors: [{ status: String(status), title, code: expect.stringMatching(new RegExp(`^ADMIN-${status}-\\d+$`)) }] });
  const [item] = (body as { errors: Array<Record<string, unknown>> }).errors;
  expect(typeof item?.detail).toBe('string');
  expect(typeof item?.id).toBe('string');
}

/** A new admin key of the test org holding exactly `scopes`. */
export async function scopedKey(t: TestApp, scopes: string[]): Promise<string> {
  const response = await t.app.http.inject({
    method: 'POST',
    url: `/admin/api-access/v1/orgs/${t.orgId}/api-keys`,
    headers: bearer(t.adminKey),
    payload: { label: `scoped ${scopes.join(' ')}`, scopes },
  });
  expect(response.statusCode).toBe(200);
  return (response.json() as { token: string }).token;
}

export async function insertOrg(t: TestApp, name: string): Promise<string> {
  const id = newOrgId();
  await createStores(t.app.core.database.db).organizations.insert({ id, name, createdAt: t.app.core.clock() });
  return id;
}
