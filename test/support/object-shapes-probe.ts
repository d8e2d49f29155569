/**
 * Run by test/http/object-shapes.test.ts as `node --allow-natives-syntax --import tsx`: builds the
 * whole server on a fresh data directory and makes it ready (every route's validator and
 * serializer compiled), then asks V8 whether objects that start with a key it has not seen yet
 * still share one shape; answers a few first requests, and asks again after `headroom` more such
 * keys. Prints one JSON line.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const headroom = Number(process.argv[2] ?? '200');
// V8's own test hook; only compiled with --allow-natives-syntax, hence built from a string.
const haveSameShape = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

function startingWith(key: string): Record<string, number> {
  const object: Record<string, number> = {};
  object[key] = 1;
  object.next = 2;
  return object;
}
const sharesShape = (key: string) => haveSameShape(startingWith(key), startingWith(key));

const FIRST_REQUESTS = [
  { method: 'GET', url: '/healthz' },
  { method: 'GET', url: '/readyz' },
  { method: 'GET', url: '/metrics' },
  { method: 'GET', url: '/docs/json' },
  { method: 'GET', url: '/admin/api-access/v1/orgs/00000000-0000-0000-0000-000000000000/api-keys' },
  { method: 'GET', url: '/no/such/page' },
  { method: 'POST', url: '/api/v1/verify', payload: { token: 'not a token' } },
] as const;

const dataDir = mkdtempSync(join(tmpdir(), 'tokenward-shapes-'));
const app = await createApp({ config: loadConfig({ TOKENWARD_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }) });
await app.http.ready();
const afterReady = sharesShape('first key nobody used before');
// Answers compiled or built on first use: the API document, refusals, errors, a verification.
for (const request of FIRST_REQUESTS) await app.http.inject(request);
const kept: object[] = [];
for (let i = 0; i < headroom; i += 1) kept.push(startingWith(`first key of the probe ${i}`));
const afterHeadroom = sharesShape('first key after the probe');
await app.close();
rmSync(dataDir, { recursive: true, force: true });
process.stdout.write(`${JSON.stringify({ afterReady, afterHeadroom, kept: kept.length })}\n`);
