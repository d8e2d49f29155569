/**
 * Peers that accept a connection and never answer, with the real server process and its
 * automation worker: a webhook receiver that hangs holds neither the other receivers' deliveries
 * nor a job run, and an SMTP server that never greets holds neither webhooks nor sign-in links;
 * each attempt ends at its timeout and is retried.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { admin, call, logLines, startNode, stopNode, timeUntil, type Node } from '../support/fault-nodes.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const WEBHOOK_TIMEOUT_MS = 1000;
const SMTP_TIMEOUT_MS = 1500;

/** Accepts connections and says nothing, ever; remembers when each one came and went. */
async function startSilentServer(): Promise<{ port: number; connections: Array<{ openedMs: number; closedMs: number | null }>; close(): Promise<void> }> {
  const connections: Array<{ openedMs: number; closedMs: number | null }> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    const entry = { openedMs: performance.now(), closedMs: null as number | null };
    connections.push(entry);
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      entry.closedMs = performance.now();
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    connections,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('slow and hanging peers', () => {
  let db: TestDatabase;
  let node: Node;
  let hanging: WebhookReceiver;
  let healthy: WebhookReceiver;
  let smtp: Awaited<ReturnType<typeof startSilentServer>>;
  let receiver: WebhookReceiver;
  let orgId: string;
  const adminKey = generateToken('admin_key').secret;

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    [hanging, healthy, receiver, smtp] = await Promise.all([startWebhookReceiver(), startWebhookReceiver(), startWebhookReceiver(), startSilentServer()]);
    hanging.respondWith('hang');
    node = await startNode({
      TOKENWARD_DATA_DIR: db.dataDir,
      TOKENWARD_PEPPER: randomBytes(32).toString('base64url'),
      TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey,
      TOKENWARD_AUTOMATION: 'on',
      TOKENWARD_SCHEDULER: 'off',
      TOKENWARD_WORKER_POLL_MS: '100',
      TOKENWARD_WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
      TOKENWARD_SMTP_TIMEOUT_MS: String(SMTP_TIMEOUT_MS),
      TOKENWARD_OWNER_EMAIL: 'owner@acme.test',
      TOKENWARD_RETRY_BASE_MS: '200',
      TOKENWARD_WEBHOOK_ALLOW_PRIVATE_URLS: 'on',
    });
    orgId = String(((await admin(node, adminKey, 'GET', '/admin/v1/orgs')).body.data as Array<{ id: string }>)[0]!.id);
  }, 180_000);

  afterAll(async () => {
    await stopNode(node);
    await Promise.all([hanging?.close(), healthy?.close(), receiver?.close(), smtp?.close()]);
    await db?.drop();
  });

  it('a webhook receiver that never answers: its attempts end at the timeout, other deliveries and a job run go on', async () => {
    for (const receiver of [hanging, healthy]) {
      const hook = await admin(node, adminKey, 'POST', `/admin/tokenward/v1/orgs/${orgId}/webhooks`, { url: receiver.url, eventTypes: ['admin_key.created'] });
      expect(hook.status).toBe(201);
    }
    const started = performance.now();
    for (let i = 0; i < 3; i += 1) {
      expect((await admin(node, adminKey, 'POST', `/admin/api-access/v1/orgs/${orgId}/api-keys`, { label: `key ${i}` })).status).toBe(200);
    }
    // The healthy receiver gets all three while the hanging one holds its connections open.
    const deliveredMs = await timeUntil(async () => healthy.received.length >= 3, 20_000, 'the healthy receiver gets every event');
    expect(hanging.received.length).toBeGreaterThanOrEqual(1);
    // A job run answers meanwhile.
    const run = await admin(node, adminKey, 'POST', `/admin/tokenward/v1/orgs/${orgId}/jobs/expiry-warnings/run`);
    expect(run.status).toBe(200);
    // The hanging receiver's attempts end at the timeout and are retried (a second attempt comes).
    await timeUntil(async () => hanging.received.length >= 4, 20_000, 'a retry to the hanging receiver');
    expect(node.cli.child.exitCode).toBeNull();
    console.info(`hanging webhook receiver: the healthy one had all 3 events after ${Math.round(deliveredMs)} ms (run started ${Math.round(performance.now() - started)} ms ago)`);
  }, 120_000);

  it('an SMTP server that never answers: each e-mail ends at the timeout and retries it, while webhooks and sign-in links go on at once', async () => {
    const prefix = `/admin/tokenward/v1/orgs/${orgId}`;
    expect((await admin(node, adminKey, 'PUT', `${prefix}/notifications/smtp`, { host: '127.0.0.1', port: smtp.port, secure: false, fromAddress: 'tokenward@acme.test', enabled: true })).status).toBe(200);
    expect((await admin(node, adminKey, 'POST', `${prefix}/webhooks`, { url: receiver.url, eventTypes: ['admin_key.created'] })).status).toBe(201);

    // The weekly digest goes to the owner by e-mail: the SMTP server takes the connection and hangs.
    expect((await admin(node, adminKey, 'POST', `${prefix}/jobs/weekly-digest/run`)).status).toBe(200);
    await timeUntil(async () => smtp.connections.length >= 1, 10_000, 'the e-mail attempt reaches the SMTP server');

    // Meanwhile a webhook is delivered and a password-reset request is answered at once.
    expect((await admin(node, adminKey, 'POST', `/admin/api-access/v1/orgs/${orgId}/api-keys`, { label: 'while SMTP hangs' })).status).toBe(200);
    await timeUntil(async () => receiver.received.length >= 1, 5000, 'the webhook delivered while the e-mail waits');
    const resetStarted = performance.now();
    const reset = await call(`${node.baseUrl}/api/v1/auth/password-reset/request`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@acme.test' }) });
    expect(reset.status).toBe(202);
    expect(performance.now() - resetStarted).toBeLessThan(1000);

    // The attempt is ended by Tokenward at the timeout, and a retry comes.
    await timeUntil(async () => smtp.connections[0]!.closedMs !== null, SMTP_TIMEOUT_MS + 5000, 'the first attempt ended');
    const first = smtp.connections[0]!;
    // Its clock starts before the connection is made, so the server sees a little less.
    expect(first.closedMs! - first.openedMs).toBeGreaterThanOrEqual(SMTP_TIMEOUT_MS * 0.7);
    await timeUntil(async () => smtp.connections.length >= 3, 3 * SMTP_TIMEOUT_MS + 5000, 'the digest retried (the reset e-mail tried too)');
    // The link e-mail failed in words, without the link.
    await timeUntil(async () => logLines(node, /one-time link could not be e-mailed/).length === 1, SMTP_TIMEOUT_MS + 5000, 'the reset e-mail failure logged');
    expect(logLines(node, /one-time link could not be e-mailed/)[0]).not.toMatch(/token=/);
    expect(node.cli.child.exitCode).toBeNull();
  }, 60_000);
});
