/**
 * Connector syncs when things go wrong: a fault-injecting proxy between the connector and its
 * "Atlassian" (429 with Retry-After, 503, a dropped connection, a stalled answer), and a SIGKILL
 * of the governing server process mid-sync followed by a restart, on both dialects. One upstream
 * serves the whole file: a sync only reads it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorJson } from '../../src/http/schemas/connectors.js';
import type { OrgTokenCountsResponse } from '../../src/http/schemas/org-tokens.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { runCli, type RunningCli } from '../support/process.js';
import { startFilledUpstream } from '../support/upstream.js';

const START_TIMEOUT_MS = 90_000;
// Two pages of user tokens at the default page size: enough to stop a sync between pages.
const USER_TOKENS = 2_000;
// The upstream's bootstrap key is an admin key too.
const EXPECTED = { user: USER_TOKENS, 'service-account': 40, 'admin-key': 6 };

let upstream: { app: TestApp; url: string };

beforeAll(async () => {
  upstream = await startFilledUpstream({ users: 100, userTokens: USER_TOKENS, serviceAccounts: 20, tokensPerAccount: 2, adminKeys: 5 });
}, 120_000);

afterAll(async () => {
  await upstream?.app.close();
});

describe.each(DIALECTS)('connector sync through a faulty network, governing side on %s', (dialect) => {
  let proxy: FaultProxy;
  let gov: TestApp;

  beforeAll(async () => {
    // Every 5th request rate limited (1 s), every 7th a 503, the 4th dropped, the 9th stalled.
    proxy = await startFaultProxy(upstream.url, (n) => {
      if (n === 4) return 'drop';
      if (n === 9) return 'stall';
      if (n % 5 === 2) return { status: 429, retryAfterSeconds: 1 };
      if (n % 7 === 3) return { status: 503 };
      return 'pass';
    });
    gov = await startTestApp(dialect, {
      connectors: { client: { pageSize: 200, http: { timeoutMs: 1500, maxAttempts: 6, backoff: { baseMs: 50, factor: 2, maxDelayMs: 400, maxAttempts: 6 } } } },
    });
  }, 120_000);

  afterAll(async () => {
    await gov?.close();
    await proxy?.close();
  });

  it('completes with the upstream counts despite 429s, 503s, a drop and a stall', async () => {
    const base = `/admin/tokenward/v1/orgs/${gov.orgId}/connectors`;
    const created = await gov.app.http.inject({
      method: 'POST',
      url: base,
      headers: bearer(gov.adminKey),
      payload: { type: 'atlassian', name: 'Flaky', baseUrl: proxy.url, upstreamOrgId: upstream.app.orgId, credential: upstream.app.adminKey },
    });
    const connector = created.json() as ConnectorJson;
    const run = await gov.app.core.services.connectorSync.syncAndWait((await gov.app.core.services.connectors.get(gov.orgId, connector.id)).connector);
    expect(run.state, run.error ?? '').toBe('succeeded');
    expect(proxy.seen().injected).toMatchObject({ drop: 1, stall: 1, '429': expect.any(Number), '503': expect.any(Number) });
    const counts = (await gov.app.http.inject({ method: 'GET', url: `/admin/tokenward/v1/orgs/${gov.orgId}/tokens/counts?source=${connector.id}`, headers: bearer(gov.adminKey) })).json() as OrgTokenCountsResponse;
    expect(counts.byOwnerKind).toEqual(EXPECTED);
  }, 120_000);
});

describe.each(DIALECTS)('connector sync interrupted by SIGKILL of the governing server on %s', (dialect) => {
  let proxy: FaultProxy;
  let db: TestDatabase;
  let server: RunningCli | undefined;
  let env: Record<string, string | undefined>;
  let adminKey = '';
  let baseUrl = '';
  let orgId = '';
  let isSlow = true;

  const api = async (method: string, path: string, payload?: unknown) => {
    const response = await fetch(`${baseUrl}/admin/tokenward/v1/orgs/${orgId}/${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      body: payload ? JSON.stringify(payload) : undefined,
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const until = async <T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 120_000): Promise<T> => {
    const started = Date.now();
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  beforeAll(async () => {
    // Slow enough to kill the server between two pages; full speed once it was killed.
    proxy = await startFaultProxy(upstream.url, () => 'pass', { delayMs: () => (isSlow ? 600 : 0) });
    db = await createTestDatabase(dialect);
    env = { PORT: '0', TOKENWARD_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl, LOG_LEVEL: 'warn', TOKENWARD_SCHEDULER: 'off', TOKENWARD_WORKER_POLL_MS: '100', TOKENWARD_JOB_LEASE_MS: '3000' };
    server = runCli(['serve'], env);
    const [line] = await server.waitFor(/curl -H "Authorization: Bearer (twa_\w+)" (http:\/\/127\.0\.0\.1:\d+)\/admin\/v1\/orgs/, START_TIMEOUT_MS);
    [, adminKey, baseUrl] = line.match(/Bearer (twa_\w+)" (\S+)\/admin/)! as unknown as [string, string, string];
    orgId = server.stdout().match(/\(id ([0-9a-f-]{36})\)/)![1]!;
  }, 2 * START_TIMEOUT_MS);

  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await proxy?.close();
    await db?.drop();
  });

  it('resumes after a restart and ends with the upstream counts and no duplicate', async () => {
    const created = await api('POST', 'connectors', { type: 'atlassian', name: 'Acme', baseUrl: proxy.url, upstreamOrgId: upstream.app.orgId, credential: upstream.app.adminKey });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const started = await api('POST', `connectors/${id}/sync`);
    expect(started.status).toBe(202);
    await until(async () => (await api('GET', `connectors/${id}`)).body.lastSync?.counts.pages >= 2, 'two pages');
    server!.child.kill('SIGKILL');
    expect((await server!.exited).signal).toBe('SIGKILL');
    isSlow = false;

    server = runCli(['serve'], env);
    const [, url] = await server.waitFor(/API docs: (http:\/\/\S+)\/docs/, START_TIMEOUT_MS);
    baseUrl = url!;
    const done = await until(async () => {
      const run = (await api('GET', `connectors/${id}`)).body.lastSync;
      return run?.state === 'succeeded' || run?.state === 'failed' ? run : undefined;
    }, 'the resumed sync to end');
    expect(done).toMatchObject({ id: started.body.id, state: 'succeeded' });
    const counts = (await api('GET', `tokens/counts?source=${id}`)).body;
    expect(counts.byOwnerKind).toEqual(EXPECTED);
    // No duplicate: exactly one inventory row per upstream token, whatever page was read twice.
    expect(counts.total).toBe(USER_TOKENS + 40 + 6);
    expect(counts.byStatus.revoked).toBe(0);

    // The same from the server's shell: list, then a sync that finds nothing new and exits 0.
    const list = runCli(['connectors', 'list'], env);
    expect((await list.exited).code, list.stderr()).toBe(0);
    expect(list.stdout()).toContain(`${id}  atlassian  Acme`);
    const sync = runCli(['connectors', 'sync', id], env);
    expect((await sync.exited).code, sync.stderr()).toBe(0);
    expect(sync.stdout()).toMatch(new RegExp(`: succeeded .* \\(${USER_TOKENS + 46} read, 0 new, [01] changed, 0 gone\\)\\.\\n$`));
    const broken = runCli(['connectors', 'sync', 'con_missing'], env);
    expect((await broken.exited).code).not.toBe(0);
  }, 400_000);
});
