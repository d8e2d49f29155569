/** The secret-scanning rules: GitHub's documented sample verifies; garbage never crashes the parser. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/errors.js';
import { isValidSignature, normalizeSource, parseKeysDocument, parseReport, publicKeyFromPem } from '../../src/domain/secret-scanning.js';

// GitHub's documented sample (docs "Secret scanning partner program"; copy in getsentry/sentry tests/sentry/utils/test_github.py).
const SAMPLE_BODY = '[{"source":"commit","token":"some_token","type":"some_type","url":"https://example.com/base-repo-url/"}]';
const SAMPLE_SIGNATURE = 'MEQCIQDaMKqrGnE27S0kgMrEK0eYBmyG0LeZismAEz/BgZyt7AIfXt9fErtRS4XaeSt/AO1RtBY66YcAdjxji410VQV4xg==';
const SAMPLE_KEY_ID = 'bcb53661c06b4728e59d897fb6165d5c9cda0fd9cdf9d09ead458168deb7518c';
const SAMPLE_KEYS = JSON.stringify({
  public_keys: [
    {
      key_identifier: '90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a',
      key: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE9MJJHnMfn2+H4xL4YaPDA4RpJqUq\nkCmRCBnYERxZanmcpzQSXs1X/AljlKkbJ8qpVIW4clayyef9gWhFbNHWAA==\n-----END PUBLIC KEY-----\n',
      is_current: false,
    },
    {
      key_identifier: SAMPLE_KEY_ID,
      key: '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEYAGMWO8XgCamYKMJS6jc/qgvSlAd\nAjPuDPRcXU22YxgBrz+zoN19MzuRyW87qEt9/AmtoNP5GrobzUvQSyJFVw==\n-----END PUBLIC KEY-----\n',
      is_current: true,
    },
  ],
});

describe('secret-scanning signatures', () => {
  it("verifies GitHub's documented sample, and not once a byte changes", () => {
    const keys = parseKeysDocument(SAMPLE_KEYS)!;
    expect([...keys.keys()]).toHaveLength(2);
    const key = keys.get(SAMPLE_KEY_ID)!;
    expect(isValidSignature(key, Buffer.from(SAMPLE_BODY), SAMPLE_SIGNATURE)).toBe(true);
    expect(isValidSignature(key, Buffer.from(`${SAMPLE_BODY}\n`), SAMPLE_SIGNATURE)).toBe(false);
    expect(isValidSignature(key, Buffer.from('[]'), SAMPLE_SIGNATURE)).toBe(false);
    expect(isValidSignature(keys.get('90a421169f0a406205f1563a953312f0be898d3c7b6c06b681aa86a874555f4a')!, Buffer.from(SAMPLE_BODY), SAMPLE_SIGNATURE)).toBe(false);
    expect(isValidSignature(key, Buffer.from(SAMPLE_BODY), 'fakesignature')).toBe(false);
  });

  it('accepts only P-256 keys', () => {
    const pemOf = (pair: { publicKey: KeyObject }) => pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(publicKeyFromPem(pemOf(generateKeyPairSync('rsa', { modulusLength: 1024 })))).toBeNull();
    expect(publicKeyFromPem(pemOf(generateKeyPairSync('ec', { namedCurve: 'secp384r1' })))).toBeNull();
    expect(publicKeyFromPem(pemOf(generateKeyPairSync('ec', { namedCurve: 'prime256v1' })))).not.toBeNull();
    expect(publicKeyFromPem('not a pem')).toBeNull();
    expect(parseKeysDocument('{"public_keys":"x"}')).toBeNull();
    expect(parseKeysDocument('nope')).toBeNull();
  });

  it('never crashes on arbitrary signatures or bodies', () => {
    const key = parseKeysDocument(SAMPLE_KEYS)!.get(SAMPLE_KEY_ID)!;
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 120 }), (body, signature) => {
      expect(isValidSignature(key, Buffer.from(body), signature)).toBe(false);
    }));
  });
});

describe('secret-scanning reports', () => {
  it('reads the sample, normalizing the source case-insensitively', () => {
    expect(parseReport(Buffer.from(SAMPLE_BODY))).toEqual([{ token: 'some_token', type: 'some_type', url: 'https://example.com/base-repo-url/', source: 'commit' }]);
    expect(normalizeSource('Pull_request_title')).toBe('pull_request_title');
    expect(normalizeSource('Somewhere_new')).toBe('unknown');
    expect(normalizeSource(42)).toBe('unknown');
  });

  it('refuses anything but an array of matches with a DomainError, never quoting the body', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
        try {
          const matches = parseReport(Buffer.from(text));
          expect(Array.isArray(matches)).toBe(true);
        } catch (error) {
          expect(isDomainError(error) && error.code === 'VALIDATION_FAILED').toBe(true);
          expect((error as Error).message.includes(text) && text.length > 8).toBe(false);
        }
      }),
    );
  });
});
