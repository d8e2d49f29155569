/**
 * Acceptance, through the real server process: a SIGKILL in the middle of a job run or of
 * a webhook delivery loses nothing. After a restart the run resumes after its last committed step
 * (each action done exactly once), and the webhook is delivered again with the same webhook-id.
 */
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.js';
import { DIALECTS, createTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli, type RunningCli } from '../support/process.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

/** Starting `tsx` on a loaded 2-core machine can take most of a minute. */
const START_TIMEOUT_MS = 90_000;

async function until<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 60_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe.each(DIALECTS)('crash safety of automation on %s', (dialect) => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  let env: Record<string, string | undefined>;
  let server: RunningCli | undefined;
  let adminKey: string;
  let orgId: string;
  let baseUrl: string;

  async function start(): Promise<void> {
    server = runCli(['serve'], env);
    const [, url] = await server.waitFor(/API docs: (http:\/\/\S+)\/docs/, START_TIMEOUT_MS);
    baseUrl = url!;
  }

  async function kill(): Promise<void> {
    server!.child.kill('SIGKILL');
    expect((await server!.exited).signal).toBe('SIGKILL');
    server = undefined;
  }

  async function api(method: string, path: string, payload?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${baseUrl}/admin/${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(payload ? { 'content-type': 'application/json' } : {}) },
      body: payload ? JSON.stringify(payload) : undefined,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    db = await createTestDatabase(dialect);
    receiver = await startWebhookReceiver();
    env = {
      PORT: '0',
      TOKENWARD_DATA_DIR: db.dataDir,
      DATABASE_URL: db.databaseUrl,
      LOG_LEVEL: 'warn',
      TOKENWARD_SCHEDULER: 'off',
      TOKENWARD_WORKER_POLL_MS: '100',
      // Steps slow enough to kill the server between two of them, even on a loaded machine; the
      // lease long enough that the live server never loses its own run.
      TOKENWARD_JOB_LEASE_MS: '5000',
      TOKENWARD_JOB_STEP_DELAY_MS: '400',
      TOKENWARD_WEBHOOK_TIMEOUT_MS: '1000',
      // A delivery's claim outlives the longest send (a webhook's or an e-mail's) by 5 s: the retry
      // after the restart waits for it. Nothing here sends e-mail.
      TOKENWARD_SMTP_TIMEOUT_MS: '1000',
      TOKENWARD_RETRY_BASE_MS: '200',
      TOKENWARD_WEBHOOK_ALLOW_PRIVATE_URLS: 'on',
    };
    server = runCli(['serve'], env);
    const [line] = await server.waitFor(/curl -H "Authorization: Bearer (twa_\w+)" (http:\/\/127\.0\.0\.1:\d+)\/admin\/v1\/orgs/, START_TIMEOUT_MS);
    [, adminKey, baseUrl] = line.match(/Bearer (twa_\w+)" (\S+)\/admin/)! as unknown as [string, string, string];
    orgId = server.stdout().match(/\(id ([0-9a-f-]{36})\)/)![1]!;
  }, 2 * START_TIMEOUT_MS);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await server?.exited;
    await receiver.close();
    await db.drop();
  });

  it('delivers a webhook interrupted by SIGKILL again after the restart, with the same webhook-id', async () => {
    const hook = await api('POST', `tokenward/v1/orgs/${orgId}/webhooks`, { url: receiver.url, eventTypes: ['admin_key.created'] });
    expect(hook.status).toBe(201);
    receiver.respondWith('hang');
    expect((await api('POST', `api-access/v1/orgs/${orgId}/api-keys`, { label: 'during-delivery' })).status).toBe(200);
    await until(async () => receiver.received.length >= 1, 'the first attempt');
    await kill();

    receiver.respondWith(200);
    await start();
    await until(async () => receiver.received.length >= 2, 'the retry after the restart');
    const [first, second] = receiver.received;
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    const event = new Webhook(hook.body.secret).verify(second!.body, second!.headers as Record<string, string>) as { type: string; data: { token: { label: string } } };
    expect(event).toMatchObject({ type: 'admin_key.created', data: { token: { label: 'during-delivery' } } });
    const delivered = await until(async () => {
      const page = await api('GET', `tokenward/v1/orgs/${orgId}/webhooks/${hook.body.webhook.id}/deliveries?status=succeeded`);
      return page.body.data[0];
    }, 'the delivery to be recorded as succeeded');
    expect(delivered).toMatchObject({ eventId: first!.headers['webhook-id'], attempts: 2 });
  }, 300_000);

  it('resumes a job run interrupted by SIGKILL and does each action exactly once', async () => {
    // Admin keys expire in 7 days by default: each is inside the 7-day warning threshold.
    for (let i = 0; i < 12; i += 1) expect((await api('POST', `api-access/v1/orgs/${orgId}/api-keys`, { label: `key ${i}` })).status).toBe(200);
    const dry = await api('POST', `tokenward/v1/orgs/${orgId}/jobs/expiry-warnings/dry-run`);
    const planned = dry.body.actions.length;
    expect(planned).toBe(13); // the 12 keys and the one made in the webhook test

    // The run answers when it ends; it will not end in this process.
    const running = api('POST', `tokenward/v1/orgs/${orgId}/jobs/expiry-warnings/run`).catch(() => undefined);
    const midway = await until(async () => {
      const runs = await api('GET', `tokenward/v1/orgs/${orgId}/jobs/expiry-warnings/runs`);
      const run = runs.body.data[0];
      return run && run.doneCount >= 2 && run;
    }, 'the run to be part-way');
    await kill();
    await running;
    expect(midway.doneCount).toBeLessThan(planned);

    await start();
    const finished = await until(async () => {
      const run = (await api('GET', `tokenward/v1/orgs/${orgId}/job-runs/${midway.id}`)).body;
      return run.status === 'succeeded' && run;
    }, 'the run to finish after the restart');
    expect(finished).toMatchObject({ doneCount: planned, attempts: 2 });
    expect(finished.actions).toEqual(dry.body.actions);

    const handle = openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
    try {
      const events = await handle.db.selectFrom('events').select('payload').where('type', '=', 'token.expiring').execute();
      const tokenIds = events.map((e) => JSON.parse(e.payload).token.id as string);
      expect(tokenIds).toHaveLength(planned);
      expect(new Set(tokenIds).size).toBe(planned);
    } finally {
      await handle.close();
    }
    server!.child.kill('SIGTERM');
    expect((await server!.exited).code).toBe(0);
    server = undefined;
  }, 300_000);
});
