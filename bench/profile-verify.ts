/**
 * Where a verification's time goes, and whether a change made it cheaper. Not one of the benches
 * with targets: a tool for working on the hot path.
 *
 * Starts `tokenward serve` (SQLite, logging at `warn`) from one or more source trees, loads each
 * with autocannon in interleaved rounds and prints the server's CPU time per request (from /proc,
 * steadier than req/s on a shared machine), median of the rounds. With `--profile`, the servers run
 * under `node --cpu-prof` and the profiles' directory is printed.
 *
 *   npx tsx bench/profile-verify.ts [--path verify|healthz] [--roots <dir>,<dir>] [--rounds 5]
 *     [--duration 5] [--connections 50] [--pipelining 1] [--profile]
 *
 * `--roots`: source trees to compare (default: this one), e.g. a checkout of the previous commit
 * (`git archive HEAD | tar -x -C /tmp/base` and a `node_modules` link) beside this tree.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arg, cpuMsOf, load, loadAverage, ROOT, median } from './support/processes.js';
import { BENCH_SCOPE, createTokenwardFixture, type TokenwardFixture } from './support/tokenward-fixture.js';

const PATH = arg('path', 'verify');
const ROOTS = arg('roots', ROOT).split(',');
const ROUNDS = Number(arg('rounds', '5'));
const DURATION_S = Number(arg('duration', '5'));
const CONNECTIONS = Number(arg('connections', '50'));
const PIPELINING = Number(arg('pipelining', '1'));
const PROFILE = process.argv.includes('--profile');
/** More flags for the servers' node, comma-separated (`--node-flags=--trace-gc,--max-semi-space-size=32`). */
const NODE_FLAGS = arg('node-flags', '').split(',').filter((flag) => flag !== '');
const PROFILE_DIR = mkdtempSync(join(tmpdir(), 'tokenward-prof-'));

interface Server {
  root: string;
  child: ChildProcess;
  url: string;
  fixture: TokenwardFixture;
  cpu: number[];
  rps: number[];
}

async function start(root: string, index: number): Promise<Server> {
  const fixture = await createTokenwardFixture({ tokens: 1 });
  const profile = PROFILE ? ['--cpu-prof', '--cpu-prof-dir', join(PROFILE_DIR, String(index))] : [];
  const child = spawn(process.execPath, [...NODE_FLAGS, ...profile, '--import', 'tsx', 'src/cli/main.ts', 'serve'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...fixture.env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const listening = /listening on (http:\/\/\S+?)\/? /.exec(out);
      if (listening) resolve(listening[1]!);
    });
    child.on('exit', (code) => reject(new Error(`serve in ${root} exited with ${code}: ${out}`)));
  });
  return { root, child, url, fixture, cpu: [], rps: [] };
}

function requestOf(server: Server) {
  if (PATH === 'healthz') return { method: 'GET' as const, path: '/healthz' };
  return {
    method: 'POST' as const,
    path: '/api/v1/verify',
    headers: { authorization: `Bearer ${server.fixture.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ token: server.fixture.secrets[0], scopes: [BENCH_SCOPE], ip: '198.51.100.1', method: 'GET', route: '/rest/api/3/myself' }),
  };
}

const servers: Server[] = [];
try {
  for (const [index, root] of ROOTS.entries()) servers.push(await start(root, index));
  console.log(`${PATH}: ${ROOTS.length} tree(s), ${ROUNDS} rounds of ${DURATION_S} s, -c ${CONNECTIONS} -p ${PIPELINING}, load average before: ${loadAverage()}`);
  for (let round = 0; round < ROUNDS; round += 1) {
    // Every other round in reverse order, so no tree always runs right after the same other one.
    for (const server of round % 2 === 0 ? servers : [...servers].reverse()) {
      const options = { url: server.url, connections: CONNECTIONS, pipelining: PIPELINING, requests: [requestOf(server)] };
      await load({ ...options, duration: round === 0 ? 2 : 1 });
      const before = cpuMsOf(server.child.pid)!;
      const figures = await load({ ...options, duration: DURATION_S });
      const after = cpuMsOf(server.child.pid)!;
      if (figures.errors > 0) console.log(`  ${server.root}: errors ${figures.errorDetail}`);
      server.cpu.push(((after - before) * 1000) / figures.total);
      server.rps.push(figures.rps);
    }
  }
  for (const server of servers) {
    console.log(
      `${server.root}: ${median(server.cpu).toFixed(1)} µs/req CPU (rounds ${server.cpu.map((c) => c.toFixed(1)).join(' / ')}), ${Math.round(median(server.rps))} req/s`,
    );
  }
  console.log(`load average after: ${loadAverage()}`);
} finally {
  for (const server of servers) {
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.child.kill('SIGTERM');
    await exited;
    await server.fixture.cleanup();
  }
  if (PROFILE) console.log(`profiles in ${PROFILE_DIR}/<tree index>`);
}
