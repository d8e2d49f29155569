/**
 * What the HTTP benches share: servers started as their own processes (under tsx), autocannon
 * figures, the load average beside each figure, and a Markdown table printer.
 *
 * A server announces itself with one stdout line `listening on <url> ` and, when it creates its own
 * keys (the baselines), one line `ready <json>`: the parent waits for the one it asked for.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

export interface Started<Ready = unknown> {
  child: ChildProcess;
  url: string;
  /** The `ready` line's JSON, when the server prints one. */
  ready: Ready | undefined;
}

/** Starts `node --import tsx <args>`; resolves on `listening on` (and `ready`, if `awaitReady`). */
export function startProcess<Ready = unknown>(args: string[], env: Record<string, string | undefined>, awaitReady = false): Promise<Started<Ready>> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const listening = /listening on (http:\/\/\S+?)\/? /.exec(out);
      const ready = /^ready (.+)$/m.exec(out);
      if (listening && (!awaitReady || ready)) resolve({ child, url: listening[1]!, ready: ready ? (JSON.parse(ready[1]!) as Ready) : undefined });
    });
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${out}`)));
  });
}

export async function stop(started: Started<unknown>): Promise<void> {
  if (started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  /** Non-2xx answers and errors (timeouts included): a run with any is not a clean figure. */
  errors: number;
  /** The same, spelled out: `non-2xx/socket errors/timeouts`. */
  errorDetail: string;
  /** 1-minute load average when the run ended (the machine may be shared). */
  load1: number;
  /** Requests answered in the run. */
  total: number;
}

/** Linux's clock ticks per second for /proc/<pid>/stat (USER_HZ: 100 on every mainstream kernel). */
const CLOCK_TICKS_PER_S = 100;

/**
 * CPU time (user + system, all threads) a process has used so far, in ms, from /proc; null where
 * there is no /proc. On a shared machine the CPU a server spends per request is far steadier than
 * its req/s, which moves with whatever else runs.
 */
export function cpuMsOf(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_S;
  } catch {
    return null;
  }
}

export async function load(options: autocannon.Options): Promise<Figures> {
  const result = await autocannon(options);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon's `errors` counts its timeouts too.
    errors: result.non2xx + result.errors,
    errorDetail: `${result.non2xx}/${result.errors - result.timeouts}/${result.timeouts}`,
    load1: loadavg()[0]!,
    total: result.requests.total,
  };
}

/** The middle value of a bench's rounds (the upper of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
}

export const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

export function printTable(header: string[], rows: Array<Array<string | number>>): void {
  console.log(`\n| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}
