/**
 * Bench 3 of the SDK's cached verify against a bare HMAC-SHA256 + Map look-up, in the
 * same process, side by side in one run. The SDK (packages/sdk) talks to a real `tokenward serve`
 * process with its push stream connected; the token is verified once (the miss), so every measured
 * call is a cache hit with the whole hit path: cache key, TTL check, expiry check, usage counted
 * for the batched report. The baseline is what a service would write by hand: HMAC-SHA256 of the
 * token with a server-side key, then a Map look-up of the digest. Target: the SDK at >= 90% of it.
 *
 *   npm run bench:sdk -- [--iterations 1000000] [--rounds 5]
 *
 * Each round runs both loops one after the other (N iterations each); the table shows every round
 * and the best of each (the least disturbed by other work on the machine).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createTokenwardClient } from '../packages/sdk/src/index.js';
import { arg, loadAverage, printTable, startProcess, stop } from './support/processes.js';
import { BENCH_SCOPE, createTokenwardFixture } from './support/tokenward-fixture.js';

const ITERATIONS = Number(arg('iterations', '1000000'));
const ROUNDS = Number(arg('rounds', '5'));

const verifyOptions = { scopes: [BENCH_SCOPE], ip: '198.51.100.1', method: 'GET', route: '/rest/api/3/myself' };

async function main(): Promise<void> {
  const fixture = await createTokenwardFixture({ tokens: 1 });
  const server = await startProcess(['src/cli/main.ts', 'serve'], fixture.env);
  const sdk = createTokenwardClient({ baseUrl: server.url, verifierKey: fixture.adminKey });
  try {
    const secret = fixture.secrets[0]!;
    const connectedBy = Date.now() + 5000;
    while (!sdk.isPushConnected()) {
      if (Date.now() > connectedBy) throw new Error('the SDK push stream did not connect within 5 s');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const first = await sdk.verify(secret, verifyOptions);
    const second = await sdk.verify(secret, verifyOptions);
    if (first.code !== 'VALID' || first.cached || !second.cached || second.code !== 'VALID') {
      throw new Error(`expected a miss then a cached VALID, got ${first.code}/${first.cached} then ${second.code}/${second.cached}`);
    }

    // The baseline: a server-side HMAC key, a Map holding the token's digest (and 9,999 others).
    const hmacKey = randomBytes(32);
    const hmac = (token: string) => createHmac('sha256', hmacKey).update(token).digest('base64url');
    const known = new Map<string, { tokenId: string; scopes: string[] }>();
    for (let i = 0; i < 9_999; i += 1) known.set(hmac(randomBytes(32).toString('base64url')), { tokenId: `t${i}`, scopes: [BENCH_SCOPE] });
    known.set(hmac(secret), { tokenId: 'the-token', scopes: [BENCH_SCOPE] });

    console.log(`bench/sdk: ${ITERATIONS} iterations x ${ROUNDS} rounds, Node ${process.version}, load average before: ${loadAverage()}`);
    const rows: Array<[number, number, number, string]> = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      let hits = 0;
      let started = performance.now();
      for (let i = 0; i < ITERATIONS; i += 1) if ((await sdk.verify(secret, verifyOptions)).cached) hits += 1;
      const sdkOps = ITERATIONS / ((performance.now() - started) / 1000);
      if (hits !== ITERATIONS) throw new Error(`only ${hits} of ${ITERATIONS} SDK calls were cache hits`);

      let found = 0;
      started = performance.now();
      for (let i = 0; i < ITERATIONS; i += 1) if (known.get(hmac(secret)) !== undefined) found += 1;
      const bareOps = ITERATIONS / ((performance.now() - started) / 1000);
      if (found !== ITERATIONS) throw new Error('the baseline missed its own token');
      rows.push([round, sdkOps, bareOps, loadAverage().split(' ')[0]!]);
    }
    console.log(`load average after: ${loadAverage()}`);

    printTable(
      ['round', 'SDK cached verify ops/s', 'HMAC + Map ops/s', 'SDK / bare', 'load avg (1 min)'],
      rows.map(([round, sdkOps, bareOps, load1]) => [round, Math.round(sdkOps), Math.round(bareOps), `${((sdkOps / bareOps) * 100).toFixed(0)}%`, load1]),
    );
    const bestSdk = Math.max(...rows.map((r) => r[1]));
    const bestBare = Math.max(...rows.map((r) => r[2]));
    const ratio = bestSdk / bestBare;
    console.log(
      `\nbest of ${ROUNDS}: SDK ${Math.round(bestSdk)} ops/s (${(1e6 / bestSdk).toFixed(2)} µs/call), HMAC + Map ${Math.round(bestBare)} ops/s (${(1e6 / bestBare).toFixed(2)} µs/call): ` +
        `SDK = ${(ratio * 100).toFixed(0)}% of the bare look-up (target >= 90%: ${ratio >= 0.9 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await sdk.close();
    await stop(server);
    await fixture.cleanup();
  }
}

await main();
