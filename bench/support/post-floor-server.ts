/**
 * A reference row of bench/baselines.ts: the least a Node.js POST endpoint does (node:http, no
 * framework): read the JSON body a verify request sends, answer a fixed JSON document of a
 * verdict's size. Whatever a verify endpoint does on top of this is what its ratio to the hello
 * world (a GET, no body) can still win back.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const answer = JSON.stringify({ valid: true, code: 'VALID', tokenId: 'tok_0000000000000000000000', owner: { type: 'user', id: 'usr_0000000000000000000000', name: 'Owner', email: 'owner@bench.test', groups: [] }, scopes: ['read:jira-work'], expiresAt: '2027-01-01T00:00:00.000Z' });
const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(answer) };

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    response.writeHead(200, headers);
    response.end(answer);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port} \n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
