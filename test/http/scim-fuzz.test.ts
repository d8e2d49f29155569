/**
 * SCIM under bad input: random filters, query strings, ids and bodies (random JSON,
 * SCIM-shaped resources with hostile values, PatchOps with random ops, paths and values) at every
 * SCIM route never give a 5xx, and every refusal is SCIM's error body in application/scim+json.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { createScimToken, SCIM_JSON } from '../support/scim.js';

const RUNS_PER_ROUTE = Number(process.env.TOKENWARD_FUZZ_RUNS ?? 40);

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', 'x'.repeat(5000), '😀', 'True', 'False', 'null', '"', '\\', "' OR 1=1 --", '%', '_', 'ada@acme.test'),
);
const attr = fc.constantFrom('userName', 'USERNAME', 'externalId', 'emails', 'emails.value', 'emails[type eq "work"].value', 'active', 'displayName', 'id', 'name.givenName', 'members', 'meta.created', 'urn:ietf:params:scim:schemas:core:2.0:User:userName', 'x');
const op = fc.constantFrom('eq', 'EQ', 'ne', 'co', 'sw', 'pr', 'gt', 'and', 'or', 'not', '[', ']', '(', ')');
const filterValue = fc.oneof(nasty.map((s) => JSON.stringify(s)), fc.constantFrom('true', 'false', 'null', '1', '1e999', '"unterminated'), fc.string({ maxLength: 8 }));
const filterText = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.tuple(attr, op, filterValue).map(([a, o, v]) => `${a} ${o} ${v}`),
  fc.array(fc.tuple(attr, op, filterValue, fc.constantFrom(' and ', ' or ', ' ', ' and not (')), { minLength: 1, maxLength: 5 }).map((parts) => parts.map(([a, o, v, j]) => `${a} ${o} ${v}${j}`).join('')),
  fc.nat(40).map((n) => `${'('.repeat(n)}userName eq "x"${')'.repeat(n)}`),
  fc.nat(300).map((n) => Array.from({ length: n }, (_, i) => `userName eq "u${i}"`).join(' or ')),
);

const path = fc.oneof(attr, fc.string({ maxLength: 30 }), fc.constantFrom('members[value eq "x"]', 'emails[type eq', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 'urn:bogus:x', 'name..x', 'a[b eq "c"].d.e'));
const value = fc.oneof(fc.jsonValue(), nasty, fc.boolean(), fc.array(fc.record({ value: nasty, $ref: fc.constant(null) }), { maxLength: 5 }), fc.dictionary(fc.oneof(attr, fc.string({ maxLength: 10 })), fc.jsonValue(), { maxKeys: 4 }));
const patchOp = fc.record({ op: fc.oneof(fc.constantFrom('add', 'Replace', 'REMOVE', 'remove', 'move'), fc.string({ maxLength: 6 }), fc.integer()), path: fc.option(path), value: fc.option(value) }, { requiredKeys: ['op'] });
const scimBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('', '{', 'null', '[]', '{"Operations":null}', '{"userName":{}}', '{"displayName":"\\u0000"}', '{"__proto__":{"x":1}}'),
  // Nesting deep enough to exhaust a recursive walk's stack.
  fc.constantFrom(`{"userName":"deep@acme.test","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, `{"Operations":[{"op":"add","value":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}}]}`),
  fc.record({ userName: nasty, emails: fc.option(fc.array(fc.record({ value: nasty, primary: fc.oneof(fc.boolean(), nasty), type: nasty }), { maxLength: 3 })), active: fc.option(fc.oneof(fc.boolean(), nasty)), externalId: fc.option(nasty), name: fc.option(fc.jsonValue()), displayName: fc.option(nasty) }).map((v) => JSON.stringify(v)),
  fc.record({ displayName: nasty, externalId: fc.option(nasty), members: fc.option(fc.oneof(fc.jsonValue(), fc.array(fc.record({ value: nasty }), { maxLength: 4 }))) }).map((v) => JSON.stringify(v)),
  fc.record({ schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:PatchOp']), Operations: fc.oneof(fc.array(patchOp, { maxLength: 5 }), fc.jsonValue()) }).map((v) => JSON.stringify(v)),
);

describe.each(DIALECTS)('SCIM routes under bad input on %s', (dialect) => {
  let t: TestApp;
  let token: string;
  let ids: string[];

  beforeAll(async () => {
    t = await startTestApp(dialect, { config: { rateLimitMax: 1_000_000 } });
    token = (await createScimToken(t)).token;
    const headers = { authorization: `Bearer ${token}`, 'content-type': SCIM_JSON };
    const user = (await t.app.http.inject({ method: 'POST', url: '/scim/v2/Users', headers, payload: { userName: 'fuzz@acme.test' } })).json();
    const group = (await t.app.http.inject({ method: 'POST', url: '/scim/v2/Groups', headers, payload: { displayName: 'Fuzz', members: [{ value: user.id }] } })).json();
    ids = [user.id, group.id, 'usr_unknown', '%00', '..', 'x'.repeat(100), '%E2%82', "'"];
  });
  afterAll(async () => t.close());

  const routes: Array<{ method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string; hasId: boolean }> = [
    { method: 'GET', path: '/Users', hasId: false },
    { method: 'POST', path: '/Users', hasId: false },
    { method: 'GET', path: '/Users/', hasId: true },
    { method: 'PUT', path: '/Users/', hasId: true },
    { method: 'PATCH', path: '/Users/', hasId: true },
    { method: 'GET', path: '/Groups', hasId: false },
    { method: 'POST', path: '/Groups', hasId: false },
    { method: 'GET', path: '/Groups/', hasId: true },
    { method: 'PUT', path: '/Groups/', hasId: true },
    { method: 'PATCH', path: '/Groups/', hasId: true },
    { method: 'GET', path: '/ServiceProviderConfig', hasId: false },
    { method: 'GET', path: '/ResourceTypes/', hasId: true },
    { method: 'GET', path: '/Schemas/', hasId: true },
    // DELETE last: it may remove the seeded user and group the others aim at.
    { method: 'DELETE', path: '/Users/', hasId: true },
    { method: 'DELETE', path: '/Groups/', hasId: true },
  ];

  it('never answers 5xx, and always answers errors in the SCIM error body', async () => {
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(
          fc.dictionary(fc.constantFrom('filter', 'FILTER', 'startIndex', 'count', 'attributes', 'excludedAttributes', 'sortBy'), fc.oneof(filterText, nasty, fc.integer().map(String)), { maxKeys: 4 }),
          scimBody,
          fc.constantFrom(...ids),
          fc.constantFrom(SCIM_JSON, 'application/json', 'application/scim+json', 'text/plain'),
          async (query, payload, id, contentType) => {
            const search = new URLSearchParams(query).toString();
            const url = `/scim/v2${route.path}${route.hasId ? id : ''}${search ? `?${search}` : ''}`;
            const response = await t.app.http.inject({
              method: route.method,
              url,
              headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
              payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : payload,
            });
            const label = `${route.method} ${url} body=${payload.slice(0, 300)} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
            expect(response.statusCode, label).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(response.headers['content-type'], label).toContain('application/scim+json');
              expect(response.json(), label).toMatchObject({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(response.statusCode), detail: expect.any(String) });
            }
          },
        ),
        { numRuns: RUNS_PER_ROUTE },
      );
    }
    // Hundreds of requests: room for a loaded machine (2 cores shared by parallel work).
  }, 180_000);

  it('refuses bodies nested too deep with 400 invalidSyntax, before any recursive walk', async () => {
    const headers = { authorization: `Bearer ${token}`, 'content-type': SCIM_JSON };
    const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const [method, url, payload] of [
      ['POST', '/scim/v2/Users', `{"userName":"deep@acme.test","x":${deepArray}}`],
      ['PUT', `/scim/v2/Users/${ids[0]}`, `{"userName":"deep@acme.test","x":${deepArray}}`],
      ['PATCH', `/scim/v2/Users/${ids[0]}`, `{"Operations":[{"op":"add","path":"x","value":${deepArray}}]}`],
      ['POST', '/scim/v2/Groups', `{"displayName":"Deep","members":${deepArray}}`],
    ] as const) {
      const response = await t.app.http.inject({ method, url, headers, payload });
      expect(response.statusCode, url).toBe(400);
      expect(response.json()).toMatchObject({ status: '400', scimType: 'invalidSyntax' });
    }
  });
});
