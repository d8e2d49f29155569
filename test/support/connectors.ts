/** Connectors as an admin adds them over the API, for tests that need one in place. */
import { expect } from 'vitest';
import type { ConnectorJson } from '../../src/http/schemas/connectors.js';
import { bearer, type TestApp } from './app.js';
import type { GitlabStandin } from './gitlab-standin.js';

/** Adds a GitLab connector to the GitLab stand-in and, unless told not to, syncs it once. */
export async function connectGitlab(t: TestApp, standin: GitlabStandin, options: { sync?: boolean } = {}): Promise<ConnectorJson> {
  const created = await t.app.http.inject({
    method: 'POST',
    url: `/admin/tokenward/v1/orgs/${t.orgId}/connectors`,
    headers: bearer(t.adminKey),
    payload: { type: 'gitlab', name: 'Acme GitLab', baseUrl: standin.url, upstreamOrgId: 'gitlab.acme.test', credential: standin.adminToken },
  });
  expect(created.statusCode, created.body).toBe(201);
  const connector = created.json() as ConnectorJson;
  if (options.sync !== false) {
    const run = await t.app.core.services.connectorSync.syncAndWait((await t.app.core.services.connectors.get(t.orgId, connector.id)).connector);
    expect(run.state, run.error ?? '').toBe('succeeded');
  }
  return connector;
}
