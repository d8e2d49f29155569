/**
 * POST /api/v1/verify over real HTTP is answered before Fastify's pipeline (src/http/verify-fast-path.ts);
 * `inject()` still goes through the Fastify route. Both must answer alike: the same status, body
 * (request ids aside) and WWW-Authenticate, for good bodies and bad ones, random ones included.
 */
import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateToken } from '../../src/domain/token-format.js';
import { bearer, startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { scopedKey } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';

interface Answer {
  status: number;
  body: unknown;
  wwwAuthenticate: string | undefined;
  requestId: string | undefined;
}

/** Request ids differ per request: blank them where they appear. */
function comparable(answer: Answer): Omit<Answer, 'requestId'> {
  const text = JSON.stringify(answer.body).replace(/"id":"[0-9a-f-]{36}"/g, '"id":"<request>"');
  return { status: answer.status, body: JSON.parse(text), wwwAuthenticate: answer.wwwAuthenticate };
}

describe.each(DIALECTS)('the verify fast path on %s', (dialect) => {
  let t: TestApp;
  let baseUrl: string;
  let verifierKey: string;
  let secret: string;

  beforeAll(async () => {
    t = await startTestApp(dialect);
    baseUrl = await t.app.listen();
    verifierKey = await scopedKey(t, ['verify:tokens']);
    const user = await seedUser(t.app, t.orgId, { name: 'Ada', email: 'ada@acme.test' });
    secret = (await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { scopes: ['read:jira-work'] })).secret;
  });
  afterAll(async () => t.close());

  async function overHttp(raw: string, headers: Record<string, string>): Promise<Answer> {
    const response = await fetch(`${baseUrl}/api/v1/verify`, { method: 'POST', body: raw, headers });
    return { status: response.status, body: await response.json(), wwwAuthenticate: response.headers.get('www-authenticate') ?? undefined, requestId: response.headers.get('x-request-id') ?? undefined };
  }
  async function throughFastify(raw: string, headers: Record<string, string>): Promise<Answer> {
    const response = await t.app.http.inject({ method: 'POST', url: '/api/v1/verify', payload: raw, headers });
    return { status: response.statusCode, body: response.json(), wwwAuthenticate: response.headers['www-authenticate'] as string | undefined, requestId: response.headers['x-request-id'] as string | undefined };
  }
  const json = (key = verifierKey) => ({ 'content-type': 'application/json', ...bearer(key) });

  /** The server's count of requests the fast path answered, from /metrics. */
  async function fastPathServed(): Promise<number> {
    const text = await (await fetch(`${baseUrl}/metrics`)).text();
    return Number(/^tokenward_verify_fast_path_requests_total (\d+)$/m.exec(text)?.[1]);
  }

  async function expectAlike(raw: string, headers: Record<string, string> = json()) {
    const before = await fastPathServed();
    const fast = await overHttp(raw, headers);
    expect(await fastPathServed(), 'answered by the fast path').toBe(before + 1);
    const reference = await throughFastify(raw, headers);
    expect(comparable(fast), raw).toEqual(comparable(reference));
    expect(fast.requestId).toMatch(/^[0-9a-f-]{36}$/);
    return fast;
  }

  it('answers verdicts, key failures and bad bodies as the Fastify route does', async () => {
    const valid = await expectAlike(JSON.stringify({ token: secret, scopes: ['read:jira-work'], ip: '198.51.100.7', method: 'GET', route: '/r' }));
    expect(valid.body).toMatchObject({ valid: true, code: 'VALID', owner: { name: 'Ada' } });
    expect((await expectAlike(JSON.stringify({ token: secret, scopes: ['write:jira-work'] }))).body).toMatchObject({ code: 'INSUFFICIENT_SCOPE' });
    expect((await expectAlike(JSON.stringify({ token: generateToken('user').secret }))).body).toMatchObject({ code: 'NOT_FOUND' });
    // A token with its own IP allowlist: refused outside it, without an address, allowed inside.
    const fenced = await seedToken(t.app, t.orgId, { type: 'user', id: (await seedUser(t.app, t.orgId)).id }, { scopes: ['read:jira-work'] });
    const fence = await t.app.http.inject({ method: 'PUT', url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${fenced.token.id}/ip-allowlist`, headers: bearer(t.adminKey), payload: { ipAllowlist: ['198.51.100.0/24'] } });
    expect(fence.statusCode, fence.body).toBe(200);
    expect((await expectAlike(JSON.stringify({ token: fenced.secret, ip: '192.0.2.1' }))).body).toMatchObject({ valid: false, code: 'IP_NOT_ALLOWED' });
    expect((await expectAlike(JSON.stringify({ token: fenced.secret }))).body).toMatchObject({ code: 'IP_NOT_ALLOWED' });
    expect((await expectAlike(JSON.stringify({ token: fenced.secret, ip: '198.51.100.7' }))).body).toMatchObject({ code: 'VALID' });
    // Coerced as everywhere in the API (coerceTypes: 'array'): a number token, a scalar scope list.
    expect((await expectAlike(JSON.stringify({ token: 42, scopes: 'read:x' }))).body).toMatchObject({ code: 'MALFORMED' });
    expect((await expectAlike(JSON.stringify({ scopes: ['x'] }))).status).toBe(400);
    expect((await expectAlike(JSON.stringify({ token: 'x', extra: true }))).status).toBe(400);
    expect((await expectAlike('{"token": ')).status).toBe(400);
    expect((await expectAlike('{"token":"x","__proto__":{"polluted":true}}')).status).toBe(400);
    expect((await expectAlike('[]')).status).toBe(400);
    // Text no database column may hold (the route is recorded as usage), numbers that are not finite.
    expect((await expectAlike('{"token":"x","route":"/a\\u0000b"}')).status).toBe(400);
    expect((await expectAlike('{"token":1e400}')).status).toBe(400);
    expect((await expectAlike('null')).status).toBe(400);
    // The caller's own key: missing, malformed, not a verifier; a bad key wins over a bad body.
    expect((await expectAlike(JSON.stringify({ token: secret }), { 'content-type': 'application/json' })).status).toBe(401);
    expect((await expectAlike('{"token": ', json('twa_nonsense'))).status).toBe(401);
    expect((await expectAlike(JSON.stringify({ token: secret }), json(await scopedKey(t, ['read:tokens:admin'])))).status).toBe(401);
    // A member's token as the caller's key, while the verification cache holds it (verified above).
    expect((await expectAlike(JSON.stringify({ token: secret }), json(secret))).body).toMatchObject({ errors: [{ detail: 'This is not an organization admin API key.' }] });
  });

  it('answers a token with limits as the Fastify route does, figure included, until past its limit', async () => {
    const limited = await seedToken(t.app, t.orgId, { type: 'user', id: (await seedUser(t.app, t.orgId)).id }, { scopes: ['read:jira-work'] });
    const set = await t.app.http.inject({
      method: 'PUT',
      url: `/admin/tokenward/v1/orgs/${t.orgId}/tokens/${limited.token.id}/limits`,
      headers: bearer(t.adminKey),
      payload: { rateLimits: [{ limit: 3, windowSeconds: 3600 }, { limit: 100, windowSeconds: 60 }], quota: { uses: 50, refillEverySeconds: null } },
    });
    expect(set.statusCode, set.body).toBe(200);
    const raw = JSON.stringify({ token: limited.secret, scopes: ['read:jira-work'] });
    // Each answer counts a use: the route, asked second, has one use less left.
    const fast = await overHttp(raw, json());
    const reference = await throughFastify(raw, json());
    expect(fast.body).toMatchObject({ code: 'VALID', rateLimit: { kind: 'rate', limit: 3, remaining: 2, windowSeconds: 3600 } });
    const { remaining, ...figure } = (fast.body as { rateLimit: { remaining: number } }).rateLimit;
    expect(comparable(reference)).toEqual(comparable({ ...fast, body: { ...(fast.body as object), rateLimit: { ...figure, remaining: remaining - 1 } } }));
    // The third use, then refused: the refusing figure, with its reset.
    expect((await overHttp(raw, json())).body).toMatchObject({ valid: true, rateLimit: { remaining: 0 } });
    const refused = await overHttp(raw, json());
    expect(comparable(refused)).toEqual(comparable(await throughFastify(raw, json())));
    expect(refused.body).toMatchObject({ valid: false, code: 'RATE_LIMITED', rateLimit: { kind: 'rate', limit: 3, remaining: 0, windowSeconds: 3600 } });
    expect(Date.parse((refused.body as { rateLimit: { resetAt: string } }).rateLimit.resetAt)).toBeGreaterThan(Date.now());
    // The same verdict on an unlimited token keeps its own shape, with no figure.
    expect(Object.keys((await overHttp(JSON.stringify({ token: secret }), json())).body as object)).not.toContain('rateLimit');
  });

  it('leaves other shapes to Fastify: a query string, another content type, a chunked body', async () => {
    const body = JSON.stringify({ token: secret });
    const before = await fastPathServed();
    const withQuery = await fetch(`${baseUrl}/api/v1/verify?x=1`, { method: 'POST', body, headers: json() });
    expect(withQuery.status).toBe(200);
    const text = await fetch(`${baseUrl}/api/v1/verify`, { method: 'POST', body, headers: { ...bearer(verifierKey), 'content-type': 'text/plain' } });
    expect(text.status).toBe(400); // Fastify reads text/plain as a string: not the body's schema
    const chunked = await fetch(`${baseUrl}/api/v1/verify`, {
      method: 'POST',
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode(body)), c.close()) }),
      headers: json(),
      duplex: 'half',
    } as RequestInit);
    expect(await chunked.json()).toMatchObject({ code: 'VALID' });
    expect(await fastPathServed()).toBe(before);
  });

  it('answers requests pipelined on one connection in order, each with its own verdict', async () => {
    // Answers given in one turn of the event loop leave the server in one write: every answer
    // must still be whole, in the order asked, the ones Fastify answers included.
    const request = (body: string, path = '/api/v1/verify') =>
      `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer ${verifierKey}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const asked = [
      { raw: request(JSON.stringify({ token: secret, scopes: ['read:jira-work'] })), code: 'VALID' },
      { raw: request(JSON.stringify({ token: secret, scopes: ['write:jira-work'] })), code: 'INSUFFICIENT_SCOPE' },
      { raw: request(JSON.stringify({ token: secret }), '/api/v1/verify?through=fastify'), code: 'VALID' },
      { raw: request('{"token": '), status: 400 },
      { raw: request(JSON.stringify({ token: generateToken('user').secret })), code: 'NOT_FOUND' },
      ...Array.from({ length: 20 }, () => ({ raw: request(JSON.stringify({ token: secret })), code: 'VALID' })),
    ];
    const { port } = new URL(baseUrl);
    const socket = connect(Number(port), '127.0.0.1');
    let received = Buffer.alloc(0);
    const answers: { status: number; body: { code?: string } }[] = [];
    await new Promise<void>((resolve, reject) => {
      socket.on('error', reject);
      socket.on('data', (chunk) => {
        received = Buffer.concat([received, chunk]);
        for (;;) {
          const end = received.indexOf('\r\n\r\n');
          if (end < 0) break;
          const head = received.subarray(0, end).toString();
          const length = Number(/content-length: (\d+)/i.exec(head)?.[1]);
          if (received.length < end + 4 + length) break;
          answers.push({ status: Number(head.split(' ')[1]), body: JSON.parse(received.subarray(end + 4, end + 4 + length).toString()) });
          received = received.subarray(end + 4 + length);
        }
        if (answers.length === asked.length) resolve();
      });
      socket.write(asked.map((a) => a.raw).join(''));
    });
    socket.destroy();
    expect(received.length, 'nothing beyond the answers').toBe(0);
    expect(answers.map((a) => a.status)).toEqual(asked.map((a) => a.status ?? 200));
    expect(answers.map((a) => a.body.code)).toEqual(asked.map((a) => a.code));
  });

  it('answers random bodies exactly as the Fastify route does', async () => {
    // Any UTF-16 text (NUL and lone surrogates included), not only printable ASCII.
    const text = fc.string({ unit: 'binary' });
    const value = fc.oneof(text, fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }));
    const body = fc.oneof(
      fc.dictionary(fc.constantFrom('token', 'scopes', 'ip', 'method', 'route', 'userAgent', 'deferUsage', 'other'), value),
      text.map((s) => ({ token: s })),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        await expectAlike(JSON.stringify(b));
      }),
      { numRuns: 60 },
    );
  });
});
