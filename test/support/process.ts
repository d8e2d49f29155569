/** Runs the real CLI in a child process, as `npm start` does, and reads what it prints. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningCli {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves when stdout matches, rejects when the process exits first or the time runs out. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The compiled CLI when it is at least as new as every source file (as after `npm test`'s build),
 * else the sources through tsx: compiling the server at each start costs seconds per process, and
 * minutes over the suite on a busy 2-core machine, while a stale build would test old code.
 */
export function cliEntry(): string[] {
  const compiled = join(REPO_ROOT, 'dist/src/cli/main.js');
  if (!existsSync(compiled)) return ['--import', 'tsx', 'src/cli/main.ts'];
  const builtAtMs = statSync(compiled).mtimeMs;
  const newestSourceMs = Math.max(...sourceFiles(join(REPO_ROOT, 'src')).map((file) => statSync(file).mtimeMs));
  return newestSourceMs <= builtAtMs ? [compiled] : ['--import', 'tsx', 'src/cli/main.ts'];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}


export interface RunOptions {
  /** Files the process writes stop growing past this many KiB (`ulimit -f`): a full disk. */
  fileSizeLimitKb?: number;
  /** Runs as this user and group (the test runs as root, whom file modes do not stop). */
  uid?: number;
  gid?: number;
}

export function runCli(args: string[], env: Record<string, string | undefined>, options: RunOptions = {}): RunningCli {
  const command = [process.execPath, ...cliEntry(), ...args];
  // bash counts `ulimit -f` in KiB; exec keeps the process id. Node ignores SIGXFSZ itself, so a
  // write past the limit fails with EFBIG, as on a full disk.
  const [file, ...argv] = options.fileSizeLimitKb === undefined ? command : ['bash', '-c', `ulimit -f ${options.fileSizeLimitKb} && exec "$0" "$@"`, ...command];
  const child = spawn(file!, argv, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    uid: options.uid,
    gid: options.gid,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  let hasExited = false;
  void exited.then(() => (hasExited = true));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (pattern, timeoutMs = 60_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          const match = out.match(pattern);
          if (match) {
            clearInterval(poll);
            resolve(match);
          } else if (hasExited || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`no ${pattern} in output (exited: ${hasExited}).\nstdout:\n${out}\nstderr:\n${err}`));
          }
        }, 25);
      }),
  };
}
