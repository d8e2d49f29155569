/** GitHub's signing keys: a fixed file is never fetched; a failing fetch is 503, retried after the cooldown. */
import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGithubKeySource } from '../../src/service/github-key-source.js';

const pem = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
const DOCUMENT = JSON.stringify({ public_keys: [{ key_identifier: 'k1', key: pem, is_current: true }] });

describe('GitHub key source', () => {
  let server: Server;
  let url: string;
  let hits = 0;
  let status = 500;
  let lastAuthorization: string | undefined;

  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      lastAuthorization = request.headers.authorization;
      response.statusCode = status;
      response.end(status === 200 ? DOCUMENT : 'down');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/keys`;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));

  it('uses a fixed key document without ever fetching', async () => {
    const source = createGithubKeySource({ keysUrl: url, staticDocument: DOCUMENT });
    expect(await source.keyFor('k1')).not.toBeNull();
    expect(await source.keyFor('other')).toBeNull();
    expect(hits).toBe(0);
    expect(() => createGithubKeySource({ keysUrl: url, staticDocument: '{"nope":1}' })).toThrow(/public_keys/);
  });

  it('answers SIGNING_KEYS_UNAVAILABLE while GitHub fails, and fetches again only after the cooldown', async () => {
    let now = 0;
    const source = createGithubKeySource({ keysUrl: url, githubToken: 'ghp_secret', nowMs: () => now, refetchCooldownMs: 60_000 });
    await expect(source.keyFor('k1')).rejects.toMatchObject({ code: 'SIGNING_KEYS_UNAVAILABLE' });
    expect(hits).toBe(1);
    expect(lastAuthorization).toBe('Bearer ghp_secret');
    status = 200;
    await expect(source.keyFor('k1')).rejects.toMatchObject({ code: 'SIGNING_KEYS_UNAVAILABLE' });
    expect(hits).toBe(1);
    now = 60_001;
    expect(await source.keyFor('k1')).not.toBeNull();
    expect(hits).toBe(2);
    expect(await source.keyFor('unknown')).toBeNull();
    expect(hits).toBe(2);
  });
});
