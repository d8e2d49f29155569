/**
 * SQLite's write-ahead log is copied back into the database file (a checkpoint) by a thread of its
 * own, not by the commit that happens to cross the log's threshold. The driver is synchronous: a
 * checkpoint run by a commit holds the event loop for the pages it copies and the file's fsync,
 * 10-30 ms each time under a bulk write, during which no request is answered. On its own thread,
 * with its own connection, the copy runs beside the requests, and a page that several commits
 * rewrote in a row is copied once.
 *
 * If the thread cannot start or stops, the connection goes back to checkpointing itself: the log
 * never grows without bound.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

/**
 * How soon the thread looks again. Under a bulk write it copies every 50 ms, so that the log is
 * mostly copied when the next write begins and SQLite can start it over from its head: with copies a
 * second apart, a bulk revoke took 40% longer than with SQLite's own checkpoints (9.7 s against 7.0 s
 * for 100,000 tokens), every read then searching a log hundreds of megabytes long. Under light
 * writes (usage flushes) it waits 500 ms, so the file is not synced twenty times a second for a few
 * pages.
 */
const BUSY_INTERVAL_MS = 50;
const QUIET_INTERVAL_MS = 500;
/** Pages copied by one checkpoint above which the writes count as a bulk write. */
const BUSY_PAGES = 128;
/** SQLite's own default threshold (pages), restored when the thread is gone. */
const AUTOCHECKPOINT_PAGES = 1000;
/** A log that grew large under a bulk write is cut back to this size once it is reused. */
const JOURNAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

// Plain JavaScript run as the thread's script: no build step, the same in the sources and the build.
const CHECKPOINT_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 1000');
const checkpoint = () => db.pragma('wal_checkpoint(PASSIVE)')[0];
let last = { log: 0, checkpointed: 0 };
let timer;
const tick = () => {
  const now = checkpoint();
  // The log starts over from its head once wholly copied: then every page it counts is new.
  const copied = now.log < last.log ? now.checkpointed : now.checkpointed - last.checkpointed;
  last = now;
  timer = setTimeout(tick, copied >= workerData.busyPages ? workerData.busyMs : workerData.quietMs);
};
timer = setTimeout(tick, workerData.quietMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearTimeout(timer);
  try { checkpoint(); } finally { db.close(); parentPort.close(); }
});
parentPort.postMessage('ready');
`;

export interface Checkpointer {
  /** The thread, for diagnostics: if it ends for any reason, the connection checkpoints itself again. */
  readonly thread: Worker;
  /** Copies what is left and closes the thread's connection; the caller closes its own after. */
  stop(): Promise<void>;
}

export function startCheckpointer(database: SQLite.Database, file: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINT_THREAD, { eval: true, workerData: { driver, file, busyMs: BUSY_INTERVAL_MS, quietMs: QUIET_INTERVAL_MS, busyPages: BUSY_PAGES } });
  // The process may exit with the thread still running (a crash, a test's end): it holds nothing
  // that a later start does not redo.
  worker.unref();
  database.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT_BYTES}`);
  const checkpointHere = () => {
    if (database.open) database.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
  };
  worker.on('message', (message) => {
    if (message === 'ready' && database.open) database.pragma('wal_autocheckpoint = 0');
  });
  worker.on('error', checkpointHere);
  worker.on('exit', checkpointHere);
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    thread: worker,
    async stop() {
      // Held until it has exited: with nothing else pending, the process would otherwise end first.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
