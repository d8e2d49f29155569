/**
 * Real server processes for the fault suite (test/faults/): start them, verify tokens on them,
 * call their admin API and read their readiness, always with a client-side deadline so a hanging
 * node shows up as a failed answer rather than a hanging test.
 */
import { runCli, type RunOptions, type RunningCli } from './process.js';

export interface Node {
  cli: RunningCli;
  baseUrl: string;
}

export async function startNode(env: Record<string, string | undefined>, options: RunOptions = {}): Promise<Node> {
  const cli = runCli(['serve'], { PORT: '0', LOG_LEVEL: 'info', TOKENWARD_AUTOMATION: 'off', ...env }, options);
  const [, baseUrl] = await cli.waitFor(/listening on (http:\/\/\S+) /, 120_000);
  return { cli, baseUrl: baseUrl! };
}

export async function stopNode(node: Node | undefined): Promise<void> {
  if (!node || node.cli.child.exitCode !== null) return;
  node.cli.child.kill('SIGTERM');
  const timer = setTimeout(() => node.cli.child.kill('SIGKILL'), 15_000);
  await node.cli.exited;
  clearTimeout(timer);
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

/** A request with a deadline; a node that does not answer in time gives status 0. */
export async function call(url: string, init: RequestInit = {}, timeoutMs = 3000): Promise<Answer> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let body: Record<string, unknown> = {};
    try {
      body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      body = { text };
    }
    return { status: response.status, body, headers: response.headers };
  } catch {
    return { status: 0, body: {}, headers: new Headers() };
  }
}

/** The verify endpoint's code for `token` (VALID, REVOKED, ...), or `HTTP <status>` when it refused to answer. */
export async function verifyCode(node: Node, adminKey: string, token: string, extra: Record<string, unknown> = {}): Promise<string> {
  const answer = await call(`${node.baseUrl}/api/v1/verify`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ token, ...extra }),
  });
  return answer.status === 200 ? String(answer.body.code) : `HTTP ${answer.status}`;
}

export function admin(node: Node, adminKey: string, method: string, path: string, body?: unknown): Promise<Answer> {
  return call(`${node.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export const readyz = (node: Node) => call(`${node.baseUrl}/readyz`);

/** One Prometheus sample of the node, e.g. `tokenward_dependency_up{dependency="redis"}`. */
export async function metric(node: Node, sample: string): Promise<number | undefined> {
  const text = String((await call(`${node.baseUrl}/metrics`)).body.text ?? '');
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line === undefined ? undefined : Number(line.slice(sample.length + 1));
}

/** Polls `probe` until it returns true; returns the milliseconds it took, or throws past `timeoutMs`. */
export async function timeUntil(probe: () => Promise<boolean>, timeoutMs: number, what: string): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await probe()) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

/** Log lines (JSON) of a node whose message matches. */
export function logLines(node: Node, pattern: RegExp): string[] {
  return node.cli
    .stdout()
    .split('\n')
    .filter((line) => pattern.test(line));
}

/** The node's own log lines (not the per-request ones), the last `count`: for a failure's message. */
export function recentEvents(node: Node, count = 20): string {
  return node.cli
    .stdout()
    .split('\n')
    .filter((line) => line.startsWith('{') && !line.includes('"reqId"'))
    .slice(-count)
    .join('\n');
}

export const REVOCATION_LIMIT_MS = 1000;

/**
 * Verifies `secret` on every node, back to back, until stopped; returns the answers given to
 * requests SENT more than REVOCATION_LIMIT_MS after `ackedAt()` (null: not revoked yet).
 */
export function watchRevocation(nodes: Node[], adminKey: string, secret: string, ackedAt: () => number | null) {
  let running = true;
  const late: Array<{ node: number; code: string }> = [];
  const loops = nodes.map(async (node, index) => {
    while (running) {
      const sentAt = performance.now();
      const code = await verifyCode(node, adminKey, secret);
      const acked = ackedAt();
      if (acked !== null && sentAt > acked + REVOCATION_LIMIT_MS) late.push({ node: index, code });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return late;
    },
  };
}

export interface OutageLoadResult {
  /** Statuses of the answers that were not VALID verifications, counted. */
  answers: Map<number, number>;
  validAnswers: number;
  /** Secrets whose revocation was acknowledged (204). */
  acknowledged: string[];
  /** 503 answers without Retry-After. */
  retryAfterMissing: number;
}

/**
 * Load for an outage: each node verifies `liveSecret` back to back (usage recorded on `route`),
 * and the nodes take turns revoking `targets`, one every 100 ms, until stopped.
 */
export function startOutageLoad(nodes: Node[], adminKey: string, liveSecret: string, targets: Array<{ secret: string; revokePath: string }>, route: string) {
  const result: OutageLoadResult = { answers: new Map(), validAnswers: 0, acknowledged: [], retryAfterMissing: 0 };
  const count = (status: number) => result.answers.set(status, (result.answers.get(status) ?? 0) + 1);
  let running = true;
  const verifyLoad = nodes.map(async (node) => {
    while (running) {
      const code = await verifyCode(node, adminKey, liveSecret, { method: 'GET', route });
      if (code === 'VALID') result.validAnswers += 1;
      else count(Number(code.replace('HTTP ', '')));
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  });
  const adminLoad = (async () => {
    for (const [index, target] of targets.entries()) {
      if (!running) break;
      const answer = await admin(nodes[index % nodes.length]!, adminKey, 'DELETE', target.revokePath);
      count(answer.status);
      if (answer.status === 204) result.acknowledged.push(target.secret);
      if (answer.status === 503 && answer.headers.get('retry-after') === null) result.retryAfterMissing += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
  return {
    async stop(): Promise<OutageLoadResult> {
      running = false;
      await Promise.all([...verifyLoad, adminLoad]);
      return result;
    },
  };
}
