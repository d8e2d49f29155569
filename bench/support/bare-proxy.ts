/**
 * The floor of bench/gateway.ts: the least any reverse proxy does (node:http in, undici out, no
 * verification, no header rules), so the gateway's figures can be read against what a proxy hop
 * costs on the same machine at the same moment.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'undici';

const pool = new Pool(process.argv[2]!, { connections: 256 });
const server = createServer((req, res) => {
  pool
    .stream({ path: req.url ?? '/', method: req.method ?? 'GET', headers: { 'x-forwarded-for': req.socket.remoteAddress ?? '' }, body: null }, ({ statusCode, headers }) => {
      res.writeHead(statusCode, headers);
      return res;
    })
    .catch(() => res.destroy());
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port} \n`));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
