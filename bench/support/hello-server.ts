/** The baseline of bench/verify.ts: a Fastify hello-world route, no logger, printing its URL. */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`listening on ${url} \n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
