/**
 * Bench 2 of Tokenward's HTTP verify against the baselines a team would otherwise use, side by
 * side in one run, on loopback, each server its own process, all on SQLite, in interleaved rounds
 * (every target once per round, the median of the rounds reported: on a shared machine a burst of
 * other work then spreads over every target instead of landing on one):
 *   - Tokenward: the real `tokenward serve`, POST /api/v1/verify (verifier key + token, scopes
 *     checked, usage recorded), answered from its verification cache;
 *   - Fastify + @fastify/bearer-auth, SHA-256 of the token looked up in SQLite
 *     (bench/support/bearer-auth-server.ts);
 *   - a Fastify hello world (bench/support/hello-server.ts): the ceiling of any Fastify server here;
 *   - with --better-auth: Better Auth 1.7.5 + @better-auth/api-key, rate limit off
 *     (bench/support/better-auth-server.ts; slow, so not run by default).
 * Each verifier does the same job: is this key valid, and does it hold the scope the caller's
 * route needs (`read:jira-work`; in Better Auth's shape the permission `{"jira-work": ["read"]}`).
 * A preflight checks that each one accepts its valid keys and refuses an unknown key, a valid key
 * with one character changed, and a valid key asked for a scope it lacks; the bench stops loudly
 * otherwise (a checker that lets everything through would win for the wrong reason).
 *
 *   npm run bench:baselines -- [--duration 5] [--connections 100] [--rounds 3] [--keys 1] [--better-auth]
 *
 * --keys N: each server gets N valid keys and the load cycles through them (default 1: one key).
 *
 * Two reference rows, not baselines:
 *   - Tokenward's `GET /healthz` under the same load, the cost of its HTTP pipeline alone (request
 *     id, metrics, logger), to tell how much of the verify route's cost is the verification itself;
 *   - a bare node:http POST endpoint that reads the verify body and answers a fixed verdict
 *     (bench/support/post-floor-server.ts): the floor of any POST endpoint on Node.js. Reading a
 *     request body costs a Node.js server a good part of a hello world's whole request, so the
 *     verify ratio to hello world can never exceed this row's.
 */
import { randomBytes } from 'node:crypto';
import { generateToken } from '../src/domain/token-format.js';
import { arg, cpuMsOf, load, loadAverage, printTable, startProcess, stop, type Figures, type Started, median } from './support/processes.js';
import { BENCH_SCOPE, createTokenwardFixture } from './support/tokenward-fixture.js';

const DURATION_S = Number(arg('duration', '5'));
const CONNECTIONS = Number(arg('connections', '100'));
const KEYS = Number(arg('keys', '1'));
const ROUNDS = Number(arg('rounds', '3'));
const WITH_BETTER_AUTH = process.argv.includes('--better-auth');
const PIPELINING = [10, 1];
const TOKENWARD = 'Tokenward verify';
const BEARER = 'bearer-auth + SQLite';
const BETTER_AUTH = 'Better Auth api-key';
const HELLO = 'Fastify hello world';
const HEALTHZ = 'Tokenward GET /healthz (reference)';
const POST_FLOOR = 'node:http POST, body read, fixed answer (reference)';
/** A scope no bench key holds, for the preflight. */
const OTHER_SCOPE = 'write:jira-work';

interface Request {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

interface Target {
  name: string;
  server: Started<{ keys: string[] }>;
  /** The request that verifies `key` holds `scope` (BENCH_SCOPE unless the preflight asks otherwise). */
  request(key: string, scope?: string): Request;
  /** Whether the server's answer says the key is valid; any other answer counts as refused. */
  accepts(response: Response): Promise<boolean>;
  keys: string[];
  /** A key of the same shape that the server never issued. */
  unknownKey: string;
}

const json = { 'content-type': 'application/json' };
const changedOneChar = (key: string) => key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');

/** One request, answered: a server still working through a previous run's pipelined backlog answers it last. */
async function settle(target: Target): Promise<void> {
  const { path, ...init } = target.request(target.keys[0]!);
  await (await fetch(`${target.server.url}${path}`, init)).arrayBuffer();
}

async function preflight(target: Target): Promise<void> {
  const verdict = async (key: string) => {
    const { path, ...init } = target.request(key);
    return target.accepts(await fetch(`${target.server.url}${path}`, init));
  };
  for (const key of target.keys) if (!(await verdict(key))) throw new Error(`preflight: ${target.name} refused a valid key`);
  for (const [what, key] of [
    ['an unknown key', target.unknownKey],
    ['a valid key with one character changed', changedOneChar(target.keys[0]!)],
  ] as const) {
    if (await verdict(key)) throw new Error(`preflight: ${target.name} ACCEPTED ${what}: it does not really verify`);
  }
  const { path, ...init } = target.request(target.keys[0]!, OTHER_SCOPE);
  if (await target.accepts(await fetch(`${target.server.url}${path}`, init))) {
    throw new Error(`preflight: ${target.name} ACCEPTED a key asked for a scope it lacks: it does not check scopes`);
  }
}

async function main(): Promise<void> {
  const fixture = await createTokenwardFixture({ tokens: KEYS });
  const started: Array<Started<unknown>> = [];
  try {
    const env = { BENCH_KEYS: String(KEYS) };
    const tokenward = await startProcess<{ keys: string[] }>(['src/cli/main.ts', 'serve'], fixture.env);
    started.push(tokenward);
    const bearer = await startProcess<{ keys: string[] }>(['bench/support/bearer-auth-server.ts'], env, true);
    started.push(bearer);
    const hello = await startProcess(['bench/support/hello-server.ts'], {});
    started.push(hello);
    const postFloor = await startProcess(['bench/support/post-floor-server.ts'], {});
    started.push(postFloor);
    const betterAuth = WITH_BETTER_AUTH ? await startProcess<{ keys: string[] }>(['bench/support/better-auth-server.ts'], env, true) : null;
    if (betterAuth) started.push(betterAuth);

    const targets: Target[] = [
      {
        name: TOKENWARD,
        server: tokenward,
        keys: fixture.secrets,
        unknownKey: generateToken('user').secret,
        request: (token, scope = BENCH_SCOPE) => ({
          method: 'POST',
          path: '/api/v1/verify',
          headers: { authorization: `Bearer ${fixture.adminKey}`, ...json },
          // The same body as bench 1: a scope to check, and the detail usage records.
          body: JSON.stringify({ token, scopes: [scope], ip: '198.51.100.1', method: 'GET', route: '/rest/api/3/myself' }),
        }),
        accepts: async (response) => response.status === 200 && ((await response.json()) as { code: string }).code === 'VALID',
      },
      {
        name: BEARER,
        server: bearer,
        keys: bearer.ready!.keys,
        unknownKey: `bk_${randomBytes(32).toString('base64url')}`,
        request: (key, scope = BENCH_SCOPE) => ({
          method: 'POST',
          path: '/verify',
          headers: { authorization: `Bearer ${key}`, ...json },
          body: JSON.stringify({ scopes: [scope], ip: '198.51.100.1', method: 'GET', route: '/rest/api/3/myself' }),
        }),
        accepts: async (response) => response.status === 200 && ((await response.json()) as { valid: boolean }).valid === true,
      },
    ];
    if (betterAuth) {
      targets.push({
        name: BETTER_AUTH,
        server: betterAuth,
        keys: betterAuth.ready!.keys,
        unknownKey: randomBytes(48).toString('base64url').slice(0, 64),
        request: (key, scope = BENCH_SCOPE) => {
          const [action, resource] = scope.split(':') as [string, string];
          return { method: 'POST', path: '/verify', headers: json, body: JSON.stringify({ key, permissions: { [resource]: [action] } }) };
        },
        accepts: async (response) => response.status === 200 && ((await response.json()) as { valid: boolean }).valid === true,
      });
    }
    for (const target of targets) await preflight(target);
    const reference = (name: string, server: Started<unknown>, request: Request): Target => ({
      name,
      server: server as Started<{ keys: string[] }>,
      keys: ['-'],
      unknownKey: '-',
      request: () => request,
      accepts: async (response) => response.status === 200,
    });
    const get = (path: string): Request => ({ method: 'GET', path, headers: {} });
    // The verify request's own headers and body, to an endpoint that only reads them.
    const verifyRequest = targets[0]!.request(fixture.secrets[0]!);
    const loaded = [...targets, reference(HELLO, hello, get('/')), reference(POST_FLOOR, postFloor, { ...verifyRequest, path: '/' }), reference(HEALTHZ, tokenward, get('/healthz'))];
    console.log(`preflight: each verifier accepts its ${KEYS} valid key(s) and refuses an unknown key, a changed one and a missing scope`);

    console.log(
      `bench/baselines: SQLite, autocannon -c ${CONNECTIONS} -d ${DURATION_S}s x ${ROUNDS} interleaved rounds, ${KEYS} key(s) per server, Node ${process.version}, load average before: ${loadAverage()}`,
    );
    const runs = new Map<string, Array<{ figures: Figures; cpuUsPerRequest: number | null }>>();
    for (const pipelining of PIPELINING) {
      for (let round = 0; round < ROUNDS; round += 1) {
        for (const target of loaded) {
          const options = { url: target.server.url, connections: CONNECTIONS, pipelining, requests: target.keys.map((key) => target.request(key)) };
          // Warm-up (JIT, Tokenward's cache), then the measured run, each on an idle server.
          await load({ ...options, duration: round === 0 ? 2 : 1 });
          await settle(target);
          const cpuBefore = cpuMsOf(target.server.child.pid);
          const figures = await load({ ...options, duration: DURATION_S });
          await settle(target);
          const cpuAfter = cpuMsOf(target.server.child.pid);
          const cpuUsPerRequest = cpuBefore === null || cpuAfter === null || figures.total === 0 ? null : ((cpuAfter - cpuBefore) * 1000) / figures.total;
          const key = `${target.name} -p ${pipelining}`;
          runs.set(key, [...(runs.get(key) ?? []), { figures, cpuUsPerRequest }]);
        }
      }
    }
    const metrics = await (await fetch(`${tokenward.url}/metrics`)).text();
    console.log(`load average after: ${loadAverage()}`);

    const rows = [...runs.entries()].map(([name, list]) => {
      const cpus = list.map((r) => r.cpuUsPerRequest).filter((c): c is number => c !== null);
      return {
        name,
        rps: median(list.map((r) => r.figures.rps)),
        p50: median(list.map((r) => r.figures.p50)),
        p99: median(list.map((r) => r.figures.p99)),
        errors: list.map((r) => r.figures.errorDetail).join(', '),
        cpu: cpus.length > 0 ? median(cpus) : null,
        rounds: list.map((r) => Math.round(r.figures.rps)).join(' / '),
        load1: list.map((r) => r.figures.load1.toFixed(1)).join(' / '),
      };
    });
    printTable(
      ['server', 'req/s (median)', 'req/s per round', 'p50 ms', 'p99 ms', 'non-2xx/socket errors/timeouts', 'server CPU µs/req (median)', 'load avg (1 min) per round'],
      rows.map((r) => [r.name, Math.round(r.rps), r.rounds, r.p50, r.p99, r.errors, r.cpu === null ? 'n/a' : Math.round(r.cpu), r.load1]),
    );
    console.log('');
    const row = (name: string, pipelining: number) => rows.find((r) => r.name === `${name} -p ${pipelining}`)!;
    for (const pipelining of PIPELINING) {
      const ours = row(TOKENWARD, pipelining);
      const versus = (name: string, target: number) => {
        const theirs = row(name, pipelining);
        const ratio = ours.rps / theirs.rps;
        const cpu = ours.cpu !== null && theirs.cpu !== null ? `, server CPU per request ${((ours.cpu / theirs.cpu) * 100).toFixed(0)}% of theirs` : '';
        console.log(
          `-p ${pipelining}: Tokenward = ${(ratio * 100).toFixed(0)}% of ${name} throughput (target >= ${target * 100}%: ${ratio >= target ? 'met' : 'NOT met'}), p50 ${ours.p50} vs ${theirs.p50} ms, p99 ${ours.p99} vs ${theirs.p99} ms${cpu}`,
        );
      };
      versus(HELLO, 0.6);
      versus(BEARER, 1);
      const floorRow = row(POST_FLOOR, pipelining);
      const helloRow = row(HELLO, pipelining);
      console.log(
        `-p ${pipelining}: the bare POST endpoint = ${((floorRow.rps / helloRow.rps) * 100).toFixed(0)}% of ${HELLO} (the ceiling of any POST endpoint's ratio); Tokenward verify = ${((ours.rps / floorRow.rps) * 100).toFixed(0)}% of it`,
      );
      if (betterAuth) versus(BETTER_AUTH, 1);
    }
    const errors = rows.filter((r) => /[1-9]/.test(r.errors));
    if (errors.length > 0) console.log(`WARNING: non-2xx answers or errors in ${errors.map((r) => r.name).join(', ')}: those figures are not clean`);
    const misses = /^tokenward_verify_cache_misses_total (\d+)/m.exec(metrics)?.[1];
    console.log(`Tokenward: ${misses} verification cache misses over the whole run`);
  } finally {
    for (const server of started.reverse()) await stop(server);
    await fixture.cleanup();
  }
}

await main();
