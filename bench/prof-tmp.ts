import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Writable } from 'node:stream';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { generateToken } from '../src/domain/token-format.js';
const name = `tw_prof_${randomBytes(4).toString('hex')}`;
const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await c.connect(); await c.query(`create database ${name}`); await c.end();
const adminKey = generateToken('admin_key').secret;
const app = await createApp({ config: loadConfig({ PORT: '0', DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${name}`, TOKENWARD_DATA_DIR: mkdtempSync(join(tmpdir(), 'p-')), TOKENWARD_BOOTSTRAP_ADMIN_KEY: adminKey, LOG_LEVEL: 'warn', TOKENWARD_PEPPER: randomBytes(32).toString('base64url') }), logDestination: new Writable({ write(_c, _e, d) { d(); } }) });
let changes = 0;
app.core.bus.subscribe((ch) => { changes++; if (changes < 5) console.log('change', JSON.stringify(ch)); });
const payload = JSON.stringify({ token: adminKey });
for (let i = 0; i < 20; i++) {
  const r = await app.http.inject({ method: 'POST', url: '/api/v1/verify', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, payload });
  if (i < 2) console.log(r.body.slice(0, 80));
}
console.log(app.core.services.verification.cacheStats(), 'changes', changes);
await app.close();
const d = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' }); await d.connect(); await d.query(`drop database ${name} with (force)`); await d.end();
