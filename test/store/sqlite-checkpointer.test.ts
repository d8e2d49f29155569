/**
 * The server's SQLite connection leaves checkpoints to a thread of its own: committed pages reach
 * the database file without any commit copying them, and if the thread ends the connection takes
 * the job back, so the log cannot grow without bound.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/store/db.js';
import { startCheckpointer } from '../../src/store/sqlite-checkpointer.js';

const PAGE = 4096;
const dirs: string[] = [];
const handles: DatabaseHandle[] = [];
afterEach(async () => {
  for (const handle of handles.splice(0)) await handle.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenward-checkpoint-'));
  dirs.push(dir);
  return dir;
}

/** About 500 pages in 20 commits: fewer than SQLite's own threshold (1000), so it alone would not copy them. */
async function writePages(handle: DatabaseHandle): Promise<void> {
  await sql`create table filler (id integer primary key, body blob not null)`.execute(handle.db);
  for (let commit = 0; commit < 20; commit++) {
    await handle.db.transaction().execute(async (trx) => {
      for (let row = 0; row < 25; row++) await sql`insert into filler (body) values (randomblob(3000))`.execute(trx);
    });
  }
}

async function pagesInFileWithin(file: string, ms: number, atLeast: number): Promise<number> {
  const deadline = Date.now() + ms;
  let pages = statSync(file).size / PAGE;
  while (pages < atLeast && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    pages = statSync(file).size / PAGE;
  }
  return pages;
}

async function autocheckpointOf(handle: DatabaseHandle): Promise<number> {
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(handle.db);
  return Number(rows[0]!.wal_autocheckpoint);
}

describe('SQLite checkpoints on a thread of their own', () => {
  it('copies committed pages into the database file while the connection never checkpoints', async () => {
    const dataDir = tempDir();
    const handle = openDatabase({ dataDir, checkpointInBackground: true });
    handles.push(handle);
    for (let i = 0; i < 100 && (await autocheckpointOf(handle)) !== 0; i++) await new Promise((resolve) => setTimeout(resolve, 20)); // the thread has started
    expect(await autocheckpointOf(handle)).toBe(0);
    await writePages(handle);
    expect(await pagesInFileWithin(join(dataDir, 'tokenward.db'), 5000, 400)).toBeGreaterThanOrEqual(400);
  });

  it('leaves the pages in the log without it (the same writes, below SQLite\'s own threshold)', async () => {
    const dataDir = tempDir();
    const handle = openDatabase({ dataDir });
    handles.push(handle);
    await writePages(handle);
    expect(await pagesInFileWithin(join(dataDir, 'tokenward.db'), 600, 400)).toBeLessThan(50);
  });

  it('gives checkpoints back to the connection when the thread ends', async () => {
    const file = join(tempDir(), 'db.sqlite');
    const database = new SQLite(file);
    database.pragma('journal_mode = WAL');
    const checkpointer = startCheckpointer(database, file);
    const isNoLongerSelf = async () => {
      for (let i = 0; i < 100 && Number(database.pragma('wal_autocheckpoint', { simple: true })) !== 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await isNoLongerSelf();
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await checkpointer.thread.terminate();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(database.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await checkpointer.stop();
    database.close();
  });
});
