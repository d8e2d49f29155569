/**
 * Bench 4 of the gateway vs calling the upstream directly, side by side in one run on
 * loopback. The upstream is a Fastify hello world (bench/support/hello-server.ts); in front of it
 * the gateway runs in both modes: inside `tokenward serve` (TOKENWARD_GATEWAY_CONFIG, verifying
 * in process) and as its own process (`tokenward gateway`, verifying through the SDK's cache).
 *
 *   - added latency: autocannon with ONE connection (requests one after the other), p50 through
 *     the gateway minus p50 direct (target <= 1 ms);
 *   - throughput: autocannon `-c 100`, gateway req/s over direct req/s (target >= 50%), and over
 *     the bare proxy's below (target >= 90%: what the gateway's own work may cost on top of a hop).
 *
 *   npm run bench:gateway -- [--duration 3] [--connections 100] [--rounds 9]
 *
 * Each target is measured once per round, in `rounds` rounds, and the ratios are taken within a
 * round: a gateway's req/s over the bare proxy's (or direct) measured seconds apart, then the
 * median of those per-round ratios, printed with the lowest and highest. The machine's speed
 * drifts by a third within minutes (other work on the host), so two figures are compared only
 * when measured close together. The order of the targets turns from one round to the next, so
 * none is always measured first or last.
 *
 * The proxies and gateways are started anew for each round (the upstream stays): two starts of
 * the same program can settle into JIT states that cost a fifth more or less per request, for
 * the whole life of the process, so the median over rounds is a median over starts too. A second
 * bare proxy runs beside the first in every round: its ratio to the first is the spread to expect
 * between two identical processes, printed to read the gateways' ratios against.
 *
 * Beside req/s, each target's CPU time per request at `-c 100` is read from /proc for the process
 * that answers (the upstream, the proxy or the gateway): steadier than req/s on a shared machine,
 * and the gateway's own cost whatever the upstream and the load generator take.
 *
 * A bare pass-through proxy (bench/support/bare-proxy.ts) runs beside them: the floor of any proxy
 * hop on this machine at this moment, so the gateway's own cost can be told from the hop's.
 *
 * Every process is real; autocannon runs in this one. Processes log at `warn`. The load average is
 * printed with the figures: on a shared machine, read the ratios rather than the absolute numbers.
 *
 * `--profile`: the two gateways and the two bare proxies run under `node --cpu-prof`; the profiles'
 * directory is printed (a subdirectory per kind of process, a profile per start), to compare where their time goes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Client } from 'undici';
import { stringify } from 'yaml';
import { createCore } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateToken } from '../src/domain/token-format.js';
import { bootstrap } from '../src/service/bootstrap-service.js';
import { cpuMsOf, median } from './support/processes.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

const DURATION_S = Number(arg('duration', '3'));
/** Each target is measured once per round; ratios are taken within a round and their median kept. */
const ROUNDS = Number(arg('rounds', '9'));
const CONNECTIONS = Number(arg('connections', '100'));

interface Started {
  child: ChildProcess;
  /** The ready pattern's match: [1] is the URL, more groups as the pattern has. */
  match: RegExpExecArray;
  url: string;
}

const PROFILE_DIR = process.argv.includes('--profile') ? mkdtempSync(join(tmpdir(), 'tokenward-gateway-prof-')) : null;

/** `profileAs`: with `--profile`, the subdirectory of this process's CPU profile. */
function startProcess(args: string[], env: Record<string, string | undefined>, ready: RegExp, profileAs?: string): Promise<Started> {
  const profiling = PROFILE_DIR && profileAs ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, profileAs)}`] : [];
  const child = spawn(process.execPath, [...profiling, '--import', 'tsx', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = ready.exec(out);
      if (match) resolve({ child, match, url: match[1]! });
    });
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${out}`)));
  });
}

async function stop(started: Started): Promise<void> {
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

/** Name, URL, request headers, and the process that answers (whose CPU per request is shown). */
type Target = [name: string, url: string, headers: Record<string, string>, pid: number | undefined];
/** A second bare proxy beside the first: how far two identical processes measured side by side differ. */
const BARE_AGAIN = 'bare proxy again (a second process: the spread between identical proxies)';
/** The targets in the order of every round's list; the ratios are taken against the first two. */
const TARGET_NAMES = ['direct (hello world)', 'bare proxy (floor: no verification, no rules)', 'gateway in serve', 'gateway standalone', BARE_AGAIN] as const;

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time of the process that answers (the upstream, a proxy or a gateway) per request, µs. */
  cpuUsPerRequest?: number;
}

/** `servingPid`: the process whose CPU time per request is reported (from /proc: steadier than req/s on a shared machine). */
async function load(url: string, headers: Record<string, string>, connections: number, duration = DURATION_S, servingPid?: number): Promise<Figures> {
  const cpuBefore = cpuMsOf(servingPid);
  const result = await autocannon({ url, headers, connections, duration });
  const cpuAfter = cpuMsOf(servingPid);
  const cpuUsPerRequest = cpuBefore !== null && cpuAfter !== null && result.requests.total > 0 ? ((cpuAfter - cpuBefore) * 1000) / result.requests.total : undefined;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.non2xx + result.errors + result.timeouts, cpuUsPerRequest };
}

/**
 * Latency one request at a time over one kept-alive connection, timed here to the microsecond
 * (autocannon's histogram counts whole milliseconds, too coarse for a sub-millisecond difference).
 */
async function sequentialLatency(url: string, headers: Record<string, string>, durationS: number): Promise<Figures> {
  const { origin, pathname } = new URL(url);
  const client = new Client(origin);
  const samples: number[] = [];
  let errors = 0;
  const endAt = performance.now() + durationS * 1000;
  try {
    while (performance.now() < endAt) {
      const startedAt = performance.now();
      const { statusCode, body } = await client.request({ path: pathname, method: 'GET', headers });
      await body.dump();
      samples.push(performance.now() - startedAt);
      if (statusCode !== 200) errors += 1;
    }
  } finally {
    await client.close();
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  return { rps: samples.length / durationS, p50: at(0.5), p99: at(0.99), errors };
}

/** The run with the median value of `key` (its other figures come with it). */
function medianBy(runs: Figures[], key: (f: Figures) => number): Figures {
  const sorted = [...runs].sort((a, b) => key(a) - key(b));
  const errors = runs.reduce((sum, f) => sum + f.errors, 0);
  return { ...sorted[Math.floor((sorted.length - 1) / 2)]!, errors };
}

/** Round r's order of the targets: each round starts one target further on, and every other round runs backwards. */
function turnedOrder(count: number, round: number): number[] {
  const order = Array.from({ length: count }, (_, i) => (i + round) % count);
  return round % 2 === 1 ? order.reverse() : order;
}

const loadAverage = () => loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tokenward-bench-gateway-'));
  const adminKey = generateToken('admin_key').secret;
  const env = { PORT: '0', TOKENWARD_DATA_DIR: dataDir, TOKENWARD_PEPPER: randomBytes(32).toString('base64url'), TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey, TOKENWARD_AUTOMATION: 'off', LOG_LEVEL: 'warn' };
  const started: Started[] = [];
  try {
    // A member's token, written before the server starts.
    const core = await createCore({ config: loadConfig(env) });
    const boot = await bootstrap(
      { db: core.database.db, pepper: core.pepper, clock: core.clock, tokens: core.services.tokens, links: core.services.links },
      { orgName: 'bench', ownerEmail: 'owner@bench.test', ownerName: 'Owner', presetAdminKey: adminKey },
    );
    if (!boot.firstStart) throw new Error('expected a fresh database');
    const { secret } = await core.services.tokens.issueOwnedToken({
      orgId: boot.org.id,
      owner: { type: 'user', id: boot.owner.id },
      label: 'bench',
      scopes: ['read:jira-work'],
      createdBy: null,
      audit: { actorType: 'system', actorId: 'bench', ip: null },
    });
    await core.close();

    const hello = await startProcess(['bench/support/hello-server.ts'], {}, /listening on (http:\/\/\S+?)\/? /);
    started.push(hello);
    const file = (tokenward: Record<string, string>) => {
      const path = join(dataDir, `gateway-${Object.keys(tokenward).join('-')}.yaml`);
      writeFileSync(
        path,
        stringify({
          listen: { host: '127.0.0.1', port: 0 },
          upstream: { url: hello.url, credential: { header: 'x-upstream-key', valueEnv: 'UPSTREAM_KEY' } },
          tokenward,
          routes: [{ method: 'GET', path: '/', scopes: ['read:jira-work'] }],
        }),
      );
      return path;
    };
    const gatewayEnv = { UPSTREAM_KEY: 'upstream-secret', TW_VERIFIER_KEY: adminKey, LOG_LEVEL: 'warn' };
    const auth = { authorization: `Bearer ${secret}` };
    const inServeFile = file({ verifierKeyEnv: 'TW_VERIFIER_KEY' });

    /** The proxies and gateways of one round, each a new process (why: the header above). */
    const startRound = async (): Promise<{ targets: Target[]; processes: Started[] }> => {
      const processes: Started[] = [];
      try {
        // The server, with the gateway in process; its own URL is printed first, the gateway's after.
        const server = await startProcess(
          ['src/cli/main.ts', 'serve'],
          { ...env, ...gatewayEnv, TOKENWARD_GATEWAY_CONFIG: inServeFile },
          /is listening on (http:\/\/\S+) \(data[\s\S]*Gateway \(\S+\) is listening on (http:\/\/[^\s,]+),/,
          'serve',
        );
        processes.push(server);
        const [standalone, bare, bareAgain] = await Promise.all([
          startProcess(['src/cli/main.ts', 'gateway', '--config', file({ url: server.url, verifierKeyEnv: 'TW_VERIFIER_KEY' })], gatewayEnv, /listening on (http:\/\/[^\s,]+),/, 'standalone'),
          startProcess(['bench/support/bare-proxy.ts', hello.url], {}, /listening on (http:\/\/\S+?)\/? /, 'bare-proxy'),
          startProcess(['bench/support/bare-proxy.ts', hello.url], {}, /listening on (http:\/\/\S+?)\/? /, 'bare-proxy-again'),
        ]);
        processes.push(standalone, bare, bareAgain);
        // Each target with the process that answers it, whose CPU per request is shown.
        const answering: Array<[url: string, headers: Record<string, string>, started: Started]> = [
          [`${hello.url}/`, {}, hello],
          [`${bare.url}/`, {}, bare],
          [`${server.match[2]!}/`, auth, server],
          [`${standalone.url}/`, auth, standalone],
          [`${bareAgain.url}/`, {}, bareAgain],
        ];
        const targets = answering.map(([url, headers, answerer], i): Target => [TARGET_NAMES[i]!, url, headers, answerer.child.pid]);
        for (const [name, url, headers] of targets) {
          const response = await fetch(url, { headers });
          if (response.status !== 200) throw new Error(`${name} answered ${response.status}: ${await response.text()}`);
        }
        for (const [, url, headers] of targets) await load(url, headers, CONNECTIONS, 1); // warm-up: JIT, caches, pools
        return { targets, processes };
      } catch (error) {
        for (const process of processes) await stop(process).catch(() => undefined);
        throw error;
      }
    };

    console.log(
      `bench/gateway: autocannon -c ${CONNECTIONS} (throughput), then one connection one request at a time (latency), -d ${DURATION_S}s each, ${ROUNDS} rounds in turning order, the proxies and gateways started anew for each round (table: median runs; ratios: medians of same-round ratios), Node ${process.version}`,
    );
    console.log(`load average before: ${loadAverage()}`);
    const throughput: Figures[] = [];
    const latency: Figures[] = [];
    let targets: Target[] = [];
    const rounds = TARGET_NAMES.map(() => ({ throughput: [] as Figures[], latency: [] as Figures[] }));
    for (let round = 0; round < ROUNDS; round += 1) {
      const current = await startRound();
      started.push(...current.processes);
      targets = current.targets;
      const order = turnedOrder(targets.length, round);
      for (const i of order) rounds[i]!.throughput.push(await load(targets[i]![1], targets[i]![2], CONNECTIONS, DURATION_S, targets[i]![3]));
      for (const i of order) rounds[i]!.latency.push(await sequentialLatency(targets[i]![1], targets[i]![2], DURATION_S));
      for (const process of current.processes) await stop(process);
      started.splice(started.length - current.processes.length);
    }
    for (const measured of rounds) {
      throughput.push(medianBy(measured.throughput, (f) => f.rps));
      latency.push(medianBy(measured.latency, (f) => f.p50));
    }
    console.log(`load average after: ${loadAverage()}`);

    // CPU per request: the median of the rounds, each target's own (not the run the req/s median comes from).
    const cpuMedians = rounds.map((measured) => median(measured.throughput.map((f) => f.cpuUsPerRequest ?? Number.NaN)));
    console.log(`\n| target | req/s -c ${CONNECTIONS} | p50 ms | p99 ms | CPU µs/req -c ${CONNECTIONS} | req/s -c 1 | p50 ms -c 1 | p99 ms -c 1 | non-2xx/errors |\n|---|---|---|---|---|---|---|---|---|`);
    targets.forEach(([name], i) => {
      const [t, l] = [throughput[i]!, latency[i]!];
      console.log(`| ${name} | ${Math.round(t.rps)} | ${t.p50} | ${t.p99} | ${cpuMedians[i]!.toFixed(1)} | ${Math.round(l.rps)} | ${l.p50.toFixed(3)} | ${l.p99.toFixed(3)} | ${t.errors + l.errors} |`);
    });
    console.log('');
    /** The median over rounds of target i's req/s over target j's in the same round, with the lowest and highest. */
    const ratioOf = (i: number, j: number) => {
      const perRound = rounds[i]!.throughput.map((f, round) => f.rps / rounds[j]!.throughput[round]!.rps).sort((a, b) => a - b);
      return { median: median(perRound), low: perRound[0]!, high: perRound[perRound.length - 1]! };
    };
    const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
    for (let i = 1; i < targets.length; i += 1) {
      const ratio = ratioOf(i, 0).median;
      const addedMs = latency[i]!.p50 - latency[0]!.p50;
      const bare = ratioOf(i, 1);
      const cpuOfBare = `its CPU per request ${((cpuMedians[i]! / cpuMedians[1]!) * 100).toFixed(0)}% of the bare proxy's`;
      const spread = `rounds ${percent(bare.low)}-${percent(bare.high)}`;
      if (targets[i]![0] === BARE_AGAIN) {
        console.log(`${BARE_AGAIN}: ${percent(bare.median)} of the first's throughput (${spread}; ${cpuOfBare})`);
        continue;
      }
      const ofBare = i > 1 ? `, ${percent(bare.median)} of the bare proxy's (${spread}; target >= 90%: ${bare.median >= 0.9 ? 'met' : 'NOT met'}; ${cpuOfBare})` : '';
      console.log(
        `${targets[i]![0]}: ${percent(ratio)} of direct throughput${ofBare} (target >= 50% of direct: ${ratio >= 0.5 ? 'met' : 'NOT met'}), +${addedMs.toFixed(2)} ms at p50 with one connection (target <= 1 ms: ${addedMs <= 1 ? 'met' : 'NOT met'})`,
      );
    }
  } finally {
    for (const process of started.reverse()) await stop(process).catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    if (PROFILE_DIR) console.log(`CPU profiles in ${PROFILE_DIR}/<serve|standalone|bare-proxy|bare-proxy-again>, one per process started`);
  }
}

await main();
