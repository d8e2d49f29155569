import autocannon from 'autocannon';
import { startProcess, stop } from './support/processes.js';
import { createTokenwardFixture } from './support/tokenward-fixture.js';
const fixture = await createTokenwardFixture({ tokens: 1 });
const server = await startProcess(['--cpu-prof', '--cpu-prof-dir=/tmp/sprof', 'src/cli/main.ts', 'serve'], fixture.env);
const req = { url: `${server.url}/api/v1/verify`, method: 'POST' as const, headers: { authorization: `Bearer ${fixture.adminKey}`, 'content-type': 'application/json' },
  body: JSON.stringify({ token: fixture.secrets[0], scopes: ['read:jira-work'], ip: '198.51.100.1', method: 'GET', route: '/rest/api/3/myself' }) };
const r = await autocannon({ ...req, connections: 100, pipelining: 1, duration: 8 });
console.log(r.requests.average, r.non2xx);
await stop(server); await fixture.cleanup();
