/**
 * The two doors to `POST /api/v1/verify`, and the cost of a per-token limit, side by side in one
 * run against one `tokenward serve` process (SQLite), interleaved rounds:
 *   - fast path: the plain JSON request, answered before Fastify (src/http/verify-fast-path.ts);
 *   - Fastify route: the same request with a query string, which the fast path leaves to Fastify;
 *   - limited: a token with a rate limit of 1,000,000 per minute (counted in memory), fast path.
 * Figures: req/s and the server's CPU per request (steadier than req/s on a shared machine).
 *
 *   npm run bench:verify-doors -- [--duration 3] [--connections 50] [--rounds 3]
 */
import autocannon from 'autocannon';
import { arg, cpuMsOf, load, loadAverage, printTable, startProcess, stop, type Figures, median } from './support/processes.js';
import { BENCH_SCOPE, createTokenwardFixture } from './support/tokenward-fixture.js';

const DURATION_S = Number(arg('duration', '3'));
const CONNECTIONS = Number(arg('connections', '50'));
const ROUNDS = Number(arg('rounds', '3'));

async function main(): Promise<void> {
  const fixture = await createTokenwardFixture({ tokens: 2, dialect: 'sqlite' });
  const { env, adminKey } = fixture;
  const [plain, limited] = fixture.secrets as [string, string];
  const server = await startProcess(['src/cli/main.ts', 'serve'], { ...env, LOG_LEVEL: 'warn' });
  try {
    const headers = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };
    const body = (token: string) => JSON.stringify({ token, scopes: [BENCH_SCOPE], ip: '198.51.100.1', method: 'GET', route: '/rest/api/3/myself' });
    // The limit goes on through the admin API, as an admin would set it.
    const first = (await (await fetch(`${server.url}/api/v1/verify`, { method: 'POST', headers, body: body(limited) })).json()) as { tokenId: string; orgId?: string };
    const orgs = (await (await fetch(`${server.url}/admin/v1/orgs`, { headers })).json()) as { data: Array<{ id: string }> };
    const put = await fetch(`${server.url}/admin/tokenward/v1/orgs/${orgs.data[0]!.id}/tokens/${first.tokenId}/limits`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ rateLimits: [{ limit: 1_000_000, windowSeconds: 60 }] }),
    });
    if (put.status !== 200) throw new Error(`setting the limit answered ${put.status}`);
    const targets = [
      { name: 'fast path', url: `${server.url}/api/v1/verify`, body: body(plain) },
      { name: 'Fastify route', url: `${server.url}/api/v1/verify?door=fastify`, body: body(plain) },
      { name: 'limited 1M/min', url: `${server.url}/api/v1/verify`, body: body(limited) },
    ];
    for (const target of targets) {
      const check = (await (await fetch(target.url, { method: 'POST', headers, body: target.body })).json()) as { code: string; rateLimit?: unknown };
      if (check.code !== 'VALID') throw new Error(`${target.name} answered ${check.code}`);
      await autocannon({ url: target.url, method: 'POST', headers, body: target.body, connections: CONNECTIONS, duration: 1 });
    }
    console.log(`bench/verify-doors: autocannon -c ${CONNECTIONS} -d ${DURATION_S}s x ${ROUNDS} rounds, Node ${process.version}, load average before: ${loadAverage()}`);
    const figures = new Map<string, Array<Figures & { cpuUs: number }>>(targets.map((t) => [t.name, []]));
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const target of targets) {
        const cpuBefore = cpuMsOf(server.child.pid) ?? 0;
        const run = await load({ url: target.url, method: 'POST', headers, body: target.body, connections: CONNECTIONS, duration: DURATION_S });
        const cpuUs = (((cpuMsOf(server.child.pid) ?? 0) - cpuBefore) * 1000) / Math.max(1, run.total);
        figures.get(target.name)!.push({ ...run, cpuUs });
      }
    }
    console.log(`load average after: ${loadAverage()}`);
    const summary = targets.map((t) => {
      const runs = figures.get(t.name)!;
      return { name: t.name, rps: median(runs.map((r) => r.rps)), cpuUs: median(runs.map((r) => r.cpuUs)), p99: median(runs.map((r) => r.p99)), errors: runs.reduce((n, r) => n + r.errors, 0) };
    });
    printTable(
      ['door', 'req/s (median)', 'CPU µs/request (median)', 'p99 ms', 'errors'],
      summary.map((s) => [s.name, Math.round(s.rps), s.cpuUs.toFixed(0), s.p99, s.errors]),
    );
    const [fast, route, lim] = summary as [(typeof summary)[0], (typeof summary)[0], (typeof summary)[0]];
    console.log(`Fastify route vs fast path: ${((route.rps / fast.rps) * 100).toFixed(1)}% of the req/s, ${((route.cpuUs / fast.cpuUs - 1) * 100).toFixed(1)}% more CPU per request`);
    console.log(`limited (1,000,000/min) vs not: ${((lim.rps / fast.rps) * 100).toFixed(1)}% of the req/s (target >= 90%), ${((lim.cpuUs / fast.cpuUs - 1) * 100).toFixed(1)}% more CPU per request`);
  } finally {
    await stop(server);
    await fixture.cleanup();
  }
}

await main();
