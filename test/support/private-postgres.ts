/**
 * A PostgreSQL server of the test's own (initdb in a temp dir, its own port), so a test may stop
 * and restart a real server without disturbing the one every other test shares. PostgreSQL does
 * not run as root: as root, its commands run as the `postgres` user that the Debian packages make.
 */
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestDatabase } from './databases.js';

export interface PrivatePostgres {
  database: TestDatabase;
  /**
   * `pg_ctl restart -m fast`: every connection is ended, the server stops cleanly and starts
   * again; resolves once it accepts connections. Asynchronous, so the test's load goes on meanwhile.
   */
  restart(): Promise<void>;
  stop(): void;
}

/** Where initdb and pg_ctl are, or null when PostgreSQL's server programs are not installed. */
export function postgresBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).filter((name) => existsSync(join(root, name, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('PostgreSQL server programs (initdb, pg_ctl) are not installed under /usr/lib/postgresql');
  const dir = mkdtempSync(join(tmpdir(), 'tokenward-pg-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'tokenward-test-'));
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
  }
  const run = (program: string, args: string[]) =>
    isRoot ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { stdio: 'pipe' }) : execFileSync(join(bin, program), args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const port = await freePort();
  const serverOptions = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60 -c shared_buffers=16MB`;
  const pgCtl = (...args: string[]) => run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', serverOptions, '-w', '-t', '60', ...args]);
  pgCtl('start');
  let isStopped = false;
  const stop = () => {
    if (isStopped) return;
    isStopped = true;
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already down
    }
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    database: { dialect: 'postgres', databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`, dataDir, drop: async () => stop() },
    restart: async () => {
      const args = ['-D', data, '-l', join(dir, 'log'), '-o', serverOptions, '-w', '-t', '60', '-m', 'fast', 'restart'];
      await promisify(execFile)(isRoot ? 'runuser' : join(bin, 'pg_ctl'), isRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...args] : args);
    },
    stop,
  };
}
