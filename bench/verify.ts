/**
 * Verification throughput, measured side by side in one run on loopback:
 *   1. HTTP verify of a cached token against the real server process (`tokenward serve`) vs a
 *      Fastify hello-world route on the same machine, with autocannon: req/s, p50/p99, the ratio
 *      (targets: >= 60% of hello world, p99 < 10 ms);
 *   2. the usage recorder's sustained events/s into the database, with zero loss (every event
 *      recorded is counted back from the table after close()).
 *
 *   npm run bench:verify -- [--duration 10] [--connections 100] [--events 200000] [--dialect sqlite|postgres]
 *
 * Both servers run as their own processes; autocannon runs in this one. The server logs at `warn`
 * (per-request info logs would be measured otherwise). PostgreSQL: TOKENWARD_BENCH_PG_URL.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { createCore } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { UsageEvent } from '../src/domain/usage.js';
import { createUsageRecorder } from '../src/service/usage-recorder.js';
import type { DialectName } from '../src/store/db.js';
import { arg, load, startProcess, stop, type Figures } from './support/processes.js';
import { BENCH_SCOPE, createTokenwardFixture } from './support/tokenward-fixture.js';

const DURATION_S = Number(arg('duration', '10'));
const CONNECTIONS = Number(arg('connections', '100'));
const EVENTS = Number(arg('events', '200000'));
const DIALECT = arg('dialect', 'sqlite') as DialectName;

/** bench 1's load: -c and -d from the command line. */
const loadRun = (options: autocannon.Options): Promise<Figures> => load({ connections: CONNECTIONS, duration: DURATION_S, ...options });

async function main(): Promise<void> {
  // A member and their token, written before the server starts (bench/support/tokenward-fixture.ts).
  const fixture = await createTokenwardFixture({ tokens: 1, dialect: DIALECT });
  const { env, adminKey } = fixture;
  const secret = fixture.secrets[0]!;
  try {
    const hello = await startProcess(['bench/support/hello-server.ts'], {});
    const server = await startProcess(['src/cli/main.ts', 'serve'], env);
    const verifyRequest = {
      url: `${server.url}/api/v1/verify`,
      method: 'POST' as const,
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token: secret, scopes: [BENCH_SCOPE], ip: '198.51.100.1', method: 'GET', route: '/rest/api/3/myself' }),
    };
    const check = await fetch(verifyRequest.url, verifyRequest);
    const verdict = (await check.json()) as { code: string };
    if (verdict.code !== 'VALID') throw new Error(`verify answered ${verdict.code}`);

    console.log(`bench/verify: ${DIALECT}, autocannon -c ${CONNECTIONS} -d ${DURATION_S}s, Node ${process.version}, load average before: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const rows: Array<[string, Figures]> = [];
    for (const pipelining of [10, 1]) {
      // Warm both up (JIT, the verification cache), then measure them one after the other.
      await autocannon({ url: `${hello.url}/`, connections: CONNECTIONS, duration: 2, pipelining });
      await autocannon({ ...verifyRequest, connections: CONNECTIONS, duration: 2, pipelining });
      rows.push([`hello world   -p ${pipelining}`, await loadRun({ url: `${hello.url}/`, pipelining })]);
      rows.push([`HTTP verify   -p ${pipelining}`, await loadRun({ ...verifyRequest, pipelining })]);
    }
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    console.log(`load average after: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    await stop(server);
    await stop(hello);

    console.log('\n| run | req/s | p50 ms | p99 ms | non-2xx/errors |\n|---|---|---|---|---|');
    for (const [name, f] of rows) console.log(`| ${name} | ${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.errors} |`);
    for (let i = 0; i < rows.length; i += 2) {
      const [helloRow, verifyRow] = [rows[i]![1], rows[i + 1]![1]];
      const ratio = verifyRow.rps / helloRow.rps;
      console.log(
        `${rows[i + 1]![0]}: ${(ratio * 100).toFixed(1)}% of hello world (target >= 60%: ${ratio >= 0.6 ? 'met' : 'NOT met'}), p99 ${verifyRow.p99} ms (target < 10 ms: ${verifyRow.p99 < 10 ? 'met' : 'NOT met'})`,
      );
    }
    const misses = /^tokenward_verify_cache_misses_total (\d+)/m.exec(metrics)?.[1];
    const recorded = /^tokenward_usage_events_recorded_total (\d+)/m.exec(metrics)?.[1];
    const dropped = /^tokenward_usage_events_dropped_total (\d+)/m.exec(metrics)?.[1];
    console.log(`server: ${misses} cache misses, ${recorded} usage events recorded, ${dropped} dropped past the buffer bound`);

    await benchUsageRecorder(env);
  } finally {
    await fixture.cleanup();
  }
}

/**
 * Events/s the recorder writes into the database, sustained, and that none is lost. Two shapes:
 * "typical" (a token called on 20 routes from 200 IPs: identical calls coalesce) and "worst case"
 * (every event differs: one row each).
 */
async function benchUsageRecorder(env: Record<string, string | undefined>): Promise<void> {
  const core = await createCore({ config: loadConfig(env) });
  try {
    const token = await core.database.db.selectFrom('tokens').select(['id', 'org_id']).executeTakeFirstOrThrow();
    const stored = async () =>
      Number((await core.database.db.selectFrom('usage_events').select((eb) => eb.fn.sum<number>('count').as('n')).executeTakeFirstOrThrow()).n ?? 0);
    console.log('');
    for (const shape of ['typical', 'worst case'] as const) {
      const before = await stored();
      const recorder = createUsageRecorder({ db: core.database.db });
      const started = performance.now();
      const baseMs = Date.now();
      // Fed in slices, yielding between them, as a server would: the flushes run meanwhile.
      for (let i = 0; i < EVENTS; i += 1000) {
        for (let j = i; j < Math.min(EVENTS, i + 1000); j += 1) {
          const event: UsageEvent = {
            atMs: baseMs + Math.floor(j / 100),
            orgId: token.org_id,
            tokenId: token.id,
            code: j % 50 === 0 ? 'INSUFFICIENT_SCOPE' : 'VALID',
            method: 'GET',
            route: `/rest/api/3/issue/${j % 20}`,
            ip: shape === 'typical' ? `198.51.100.${j % 200}` : `10.${(j >> 16) & 255}.${(j >> 8) & 255}.${j & 255}`,
            userAgent: 'bench/1',
            upstreamStatus: null,
          };
          recorder.record(event);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      const fedMs = performance.now() - started;
      await recorder.close();
      const totalMs = performance.now() - started;
      const count = (await stored()) - before;
      const stats = recorder.stats();
      console.log(
        `usage recorder (${core.database.dialect}, ${shape}): ${EVENTS} events fed in ${fedMs.toFixed(0)} ms, all committed after ${totalMs.toFixed(0)} ms: ` +
          `${Math.round(EVENTS / (totalMs / 1000))} events/s sustained; counted back ${count}/${EVENTS}, dropped ${stats.dropped}, failed flushes ${stats.failedFlushes}`,
      );
    }
  } finally {
    await core.close();
  }
}

await main();
