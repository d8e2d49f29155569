/**
 * Connector sync at volume: a second Tokenward plays "Atlassian" with N upstream user tokens (plus
 * 20 service accounts with 2 tokens each and 5 admin keys), and a fresh Tokenward syncs them all
 * through the real connector over loopback HTTP. Prints tokens per second, the peak RSS growth
 * during the sync (sampled every 20 ms; both servers share this process, so the figure is an upper
 * bound for the governing side), and the time of a second sync that changes nothing.
 *
 *   npm run bench:connectors -- [--tokens 100000] [--dialect sqlite|postgres]
 */
import { performance } from 'node:perf_hooks';
import type { DialectName } from '../src/store/db.js';
import { startTestApp } from '../test/support/app.js';
import { fillUpstream } from '../test/support/upstream.js';
import { arg, loadAverage, printTable } from './support/processes.js';

const tokens = Number(arg('tokens', '100000'));
const dialect = arg('dialect', 'sqlite') as DialectName;

async function main(): Promise<void> {
  const upstream = await startTestApp('sqlite', { config: { rateLimitMax: 1_000_000, logLevel: 'warn' } });
  const url = await upstream.app.listen();
  const seedStarted = performance.now();
  await fillUpstream(upstream.app.core.database.db, upstream.orgId, { users: 5_000, userTokens: tokens, serviceAccounts: 20, tokensPerAccount: 2, adminKeys: 5, nowMs: Date.now() });
  process.stdout.write(`seeded ${tokens} upstream user tokens in ${((performance.now() - seedStarted) / 1000).toFixed(1)} s\n`);
  const gov = await startTestApp(dialect, { config: { logLevel: 'warn' } });
  try {
    const connector = await gov.app.core.services.connectors.create(
      { principal: { kind: 'admin_key', tokenId: 'bench', orgId: gov.orgId, scopes: [] } as never, ip: null },
      gov.orgId,
      { type: 'atlassian', name: 'bench', baseUrl: url, upstreamOrgId: upstream.orgId, credential: upstream.adminKey },
    );
    const rows: Array<Array<string | number>> = [];
    for (const label of ['first sync (all new)', 'second sync (no change)']) {
      global.gc?.();
      const baseline = process.memoryUsage().rss;
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const started = performance.now();
      const run = await gov.app.core.services.connectorSync.syncAndWait(connector);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      if (run.state !== 'succeeded') throw new Error(`sync ${run.state}: ${run.error}`);
      rows.push([label, run.counts.seen, seconds.toFixed(1), Math.round(run.counts.seen / seconds), ((peak - baseline) / 1_048_576).toFixed(0)]);
    }
    printTable(['run', 'tokens', 'seconds', 'tokens/s', 'peak RSS growth MB'], rows);
    process.stdout.write(`governing database: ${dialect}; load average ${loadAverage()}\n`);
  } finally {
    await gov.close();
    await upstream.close();
  }
}

await main();
