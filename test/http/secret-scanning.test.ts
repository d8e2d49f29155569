/**
 * Leaked-token response over real HTTP on both dialects: GitHub-style signed reports
 * (our own P-256 key pairs, keys served from a 127.0.0.1 key server) revoke the tokens they name
 * and get the programme's feedback list; anything unsigned, tampered or signed by an unknown key
 * is refused before the body is read.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenSha256Hex } from '../../src/domain/secret-scanning.js';
import { generateToken } from '../../src/domain/token-format.js';
import { GITHUB_SECRET_SCANNING_PATH } from '../../src/http/routes/secret-scanning.js';
import { createStores } from '../../src/store/stores.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { DIALECTS } from '../support/databases.js';
import { insertOrg } from '../support/http.js';
import { seedToken, seedUser } from '../support/seed.js';

interface Signer {
  id: string;
  privateKey: KeyObject;
  pem: string;
}

function newSigner(id: string): Signer {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { id, privateKey, pem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

describe.each(DIALECTS)('GitHub secret-scanning reports on %s', (dialect) => {
  let t: TestApp;
  let baseUrl: string;
  let keyServer: Server;
  let keyFetches = 0;
  const published: Signer[] = [];
  const signerA = newSigner('key-a');
  const signerB = newSigner('key-b');
  let nowMs = Date.parse('2026-06-01T00:00:00.000Z');

  beforeAll(async () => {
    published.push(signerA);
    keyServer = createServer((_request, response) => {
      keyFetches += 1;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ public_keys: published.map((s) => ({ key_identifier: s.id, key: s.pem, is_current: true })) }));
    });
    await new Promise<void>((resolve) => keyServer.listen(0, '127.0.0.1', resolve));
    const keysUrl = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}/meta/public_keys/secret_scanning`;
    t = await startTestApp(dialect, { clock: () => new Date(nowMs), config: { secretScanning: { keysUrl, keysFile: undefined, githubToken: undefined } } });
    baseUrl = await t.app.listen();
  });
  afterAll(async () => {
    await t.close();
    await new Promise((resolve) => keyServer.close(resolve));
  });

  const post = (body: string, headers: Record<string, string>) =>
    fetch(`${baseUrl}${GITHUB_SECRET_SCANNING_PATH}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  const signed = (body: string, signer: Signer = signerA, keyId = signer.id) =>
    post(body, { 'Github-Public-Key-Identifier': keyId, 'Github-Public-Key-Signature': sign('sha256', Buffer.from(body), signer.privateKey).toString('base64') });
  const tokenById = (id: string) => createStores(t.app.core.database.db).tokens.findById(t.orgId, id);
  const leakedEntries = async () => (await createStores(t.app.core.database.db).audit.listRecent(t.orgId, 500)).filter((e) => e.action === 'token.leaked');

  const secrets: string[] = [];
  async function liveToken() {
    const user = await seedUser(t.app, t.orgId);
    const issued = await seedToken(t.app, t.orgId, { type: 'user', id: user.id }, { label: 'ci deploy' });
    secrets.push(issued.secret);
    return issued;
  }

  it('revokes a reported live token at once and answers the feedback list', async () => {
    const live = await liveToken();
    const badChecksum = `${live.secret.slice(0, -1)}${live.secret.endsWith('0') ? '1' : '0'}`;
    const unknownWellFormed = generateToken('user').secret;
    const notOurs = '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';
    secrets.push(badChecksum, unknownWellFormed);
    const report = [
      { token: live.secret, type: 'tokenward_user_token', url: 'https://github.com/acme/app/blob/abc/deploy.sh#L3', source: 'Commit' },
      { token: notOurs, type: 'tokenward_user_token', url: '', source: 'content' },
      { token: badChecksum, type: 'tokenward_user_token', url: '', source: 'whatever' },
      { token: unknownWellFormed, type: 'tokenward_user_token', url: '', source: 'npm' },
      { token: live.secret, type: 'tokenward_user_token', url: 'https://gist.github.com/x', source: 'gist_content' },
    ];
    const response = await signed(JSON.stringify(report));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { token_hash: tokenSha256Hex(live.secret), token_type: 'tokenward_user_token', label: 'true_positive' },
      { token_hash: tokenSha256Hex(notOurs), token_type: 'tokenward_user_token', label: 'false_positive' },
      { token_hash: tokenSha256Hex(badChecksum), token_type: 'tokenward_user_token', label: 'false_positive' },
      { token_hash: tokenSha256Hex(unknownWellFormed), token_type: 'tokenward_user_token', label: 'false_positive' },
      { token_hash: tokenSha256Hex(live.secret), token_type: 'tokenward_user_token', label: 'true_positive' },
    ]);
    expect(await tokenById(live.token.id)).toMatchObject({
      status: 'revoked',
      revokedBy: null,
      revokedReason: 'leaked: reported by GitHub secret scanning (https://github.com/acme/app/blob/abc/deploy.sh#L3)',
    });
    const [entry, ...more] = await leakedEntries();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({
      actorType: 'system',
      actorId: 'github-secret-scanning',
      targetType: 'token',
      targetId: live.token.id,
      details: { source: 'commit', url: 'https://github.com/acme/app/blob/abc/deploy.sh#L3', previousStatus: 'active', kind: 'user' },
    });
    const events = await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'token.leaked', 10);
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toEqual({
      token: expect.objectContaining({ id: live.token.id, kind: 'user', label: 'ci deploy' }),
      source: 'GitHub secret scanning (commit)',
      url: 'https://github.com/acme/app/blob/abc/deploy.sh#L3',
    });
    expect(keyFetches).toBe(1);

    // Reported again: labelled again, revoked and audited once, no key fetch for a known key.
    const again = await signed(JSON.stringify(report.slice(0, 1)));
    expect(await again.json()).toEqual([{ token_hash: tokenSha256Hex(live.secret), token_type: 'tokenward_user_token', label: 'true_positive' }]);
    expect(await leakedEntries()).toHaveLength(1);
    expect(await createStores(t.app.core.database.db).events.listOfType(t.orgId, 'token.leaked', 10)).toHaveLength(1);
    expect(keyFetches).toBe(1);
    expect(await t.app.core.services.auditChain.verifyChain()).toMatchObject({ ok: true });
  });

  it('refuses missing headers, a tampered body, another key, a P1363 signature and an unknown key id, revoking nothing', async () => {
    const live = await liveToken();
    const body = JSON.stringify([{ token: live.secret, type: 't', url: '', source: 'commit' }]);
    const good = sign('sha256', Buffer.from(body), signerA.privateKey).toString('base64');
    const attempts: Array<[string, Response]> = [
      ['no headers', await post(body, {})],
      ['no signature', await post(body, { 'Github-Public-Key-Identifier': signerA.id })],
      ['tampered body', await post(body.replace('"t"', '"u"'), { 'Github-Public-Key-Identifier': signerA.id, 'Github-Public-Key-Signature': good })],
      ['added whitespace', await post(`${body}\n`, { 'Github-Public-Key-Identifier': signerA.id, 'Github-Public-Key-Signature': good })],
      ['signed by another key', await signed(body, signerB, signerA.id)],
      [
        'P1363 signature',
        await post(body, {
          'Github-Public-Key-Identifier': signerA.id,
          'Github-Public-Key-Signature': sign('sha256', Buffer.from(body), { key: signerA.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64'),
        }),
      ],
      ['garbage signature', await post(body, { 'Github-Public-Key-Identifier': signerA.id, 'Github-Public-Key-Signature': '%%%not base64' })],
      ['unknown key id', await signed(body, signerB)],
    ];
    for (const [what, response] of attempts) {
      expect(response.status, what).toBe(400);
      expect(((await response.json()) as { errors: unknown[] }).errors[0], what).toMatchObject({ status: '400', title: 'INVALID_SIGNATURE', code: 'ADMIN-400-6' });
    }
    // The unknown id came within a minute of the last fetch: no new fetch (forged ids cannot make us hammer GitHub).
    expect(keyFetches).toBe(1);
    expect((await tokenById(live.token.id))?.status).toBe('active');
  });

  it('fetches the key list once when GitHub rotates to a key we do not hold yet', async () => {
    const live = await liveToken();
    const body = JSON.stringify([{ token: live.secret, type: 't', url: '', source: 'commit' }]);
    published.push(signerB);
    nowMs += 61_000;
    const [first, second] = await Promise.all([signed(body, signerB), signed(body, signerB)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(keyFetches).toBe(2);
    expect((await signed(body, signerB)).status).toBe(200);
    expect(keyFetches).toBe(2);
    expect((await tokenById(live.token.id))?.status).toBe('revoked');
  });

  it('answers 400 to a signed body that is not a report, revoking nothing', async () => {
    const live = await liveToken();
    for (const body of ['{"token":"x"}', 'not json', `[{"token":"${live.secret}"}]`, '[1,2]', `{"0":{"token":"${live.secret}","type":"t"}}`]) {
      const response = await signed(body);
      expect(response.status, body).toBe(400);
      const error = ((await response.json()) as { errors: Array<{ title: string; detail: string }> }).errors[0]!;
      expect(error.title, body).toBe('VALIDATION_FAILED');
      expect(error.detail, body).not.toContain(live.secret);
    }
    expect((await tokenById(live.token.id))?.status).toBe('active');
  });

  it('handles concurrent reports naming tokens of several orgs in opposite orders (no deadlock)', async () => {
    const otherOrg = await insertOrg(t, `leaky-${dialect}`);
    const pairs = [];
    for (let i = 0; i < 4; i += 1) {
      const mine = await liveToken();
      const theirs = await seedToken(t.app, otherOrg, { type: 'user', id: (await seedUser(t.app, otherOrg)).id });
      secrets.push(theirs.secret);
      pairs.push([mine, theirs]);
    }
    const reports = pairs.flatMap(([a, b]) => [
      JSON.stringify([a, b].map((x) => ({ token: x!.secret, type: 't', url: '', source: 'commit' }))),
      JSON.stringify([b, a].map((x) => ({ token: x!.secret, type: 't', url: '', source: 'commit' }))),
    ]);
    const responses = await Promise.all(reports.map((body) => signed(body)));
    expect(responses.map((r) => r.status)).toEqual(reports.map(() => 200));
    for (const [a, b] of pairs) {
      expect((await tokenById(a!.token.id))?.status).toBe('revoked');
      expect((await createStores(t.app.core.database.db).tokens.findById(otherOrg, b!.token.id))?.status).toBe('revoked');
    }
    expect(await t.app.core.services.auditChain.verifyChain()).toMatchObject({ ok: true });
  });

  it('answers any signed body with 200 or 400, never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.array(fc.record({ token: fc.oneof(fc.string(), fc.constant(generateToken('user').secret)), type: fc.string(), url: fc.option(fc.string()), source: fc.string() }, { requiredKeys: [] })).map((a) => JSON.stringify(a)),
        ),
        async (body) => {
          const response = await signed(body);
          expect([200, 400], body).toContain(response.status);
          if (response.status === 400) expect(((await response.json()) as { errors: Array<{ title: string }> }).errors[0]!.title).toBe('VALIDATION_FAILED');
          else expect(Array.isArray(await response.json())).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('answers a 1,000-match report well within GitHub 30 s', async () => {
    const lives = [await liveToken(), await liveToken()];
    const report = Array.from({ length: 1000 }, (_, i) => ({
      token: i < 2 ? lives[i]!.secret : generateToken('user').secret,
      type: 'tokenward_user_token',
      url: '',
      source: 'content',
    }));
    const started = performance.now();
    const response = await signed(JSON.stringify(report));
    const elapsedMs = performance.now() - started;
    expect(response.status).toBe(200);
    const feedback = (await response.json()) as Array<{ label: string }>;
    expect(feedback.filter((f) => f.label === 'true_positive')).toHaveLength(2);
    expect(elapsedMs).toBeLessThan(5_000);
    console.info(`[${dialect}] 1,000-match report answered in ${elapsedMs.toFixed(0)} ms`);
  });

  it('never writes a reported string to the logs', () => {
    const logs = t.logs.join('');
    expect(logs).toContain('github secret-scanning report handled');
    for (const secret of secrets) expect(logs).not.toContain(secret);
  });
});
