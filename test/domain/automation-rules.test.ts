/** Pure rules of signing vector, sealed secrets, backoff, webhook URLs, templates. */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { escapeHtml, renderEmail, renderSlack } from '../../src/domain/email-templates.js';
import { isDomainError } from '../../src/domain/errors.js';
import type { DomainEvent } from '../../src/domain/events.js';
import { backoffDelayMs, DEFAULT_BACKOFF, retryAfterMs } from '../../src/domain/retry.js';
import { createSecretBox } from '../../src/domain/secret-box.js';
import { checkWebhookUrl, generateWebhookSecret, verdictOf } from '../../src/domain/webhooks.js';

describe('Standard Webhooks signing', () => {
  // The vector shared by the reference libraries (shared/protocols/standard-webhooks.md).
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const id = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
  const timestamp = 1614265330;
  const body = '{"test": 2432232314}';
  const expected = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

  it('reproduces the spec vector with the package we sign with, and with node:crypto', () => {
    expect(new Webhook(secret).sign(id, new Date(timestamp * 1000), body)).toBe(expected);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    expect(`v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`).toBe(expected);
  });

  it('generates secrets of 32 random bytes the package accepts', () => {
    const generated = generateWebhookSecret();
    expect(Buffer.from(generated.slice(6), 'base64')).toHaveLength(32);
    const now = new Date();
    const signature = new Webhook(generated).sign('evt_1', now, '{}');
    const headers = { 'webhook-id': 'evt_1', 'webhook-timestamp': String(Math.floor(now.getTime() / 1000)), 'webhook-signature': signature };
    expect(new Webhook(generated).verify('{}', headers)).toEqual({});
    expect(() => new Webhook(generated).verify('{"x":1}', headers)).toThrow();
  });
});

describe('sealed secrets (webhook secrets, SMTP passwords)', () => {
  const pepper = Buffer.from('p'.repeat(32));
  it('round-trip, and never open under another purpose or pepper', () => {
    const webhook = createSecretBox(pepper, 'webhook-secret');
    fc.assert(
      fc.property(fc.string(), (plain) => {
        const sealed = webhook.seal(plain);
        expect(webhook.open(sealed)).toBe(plain);
        expect(createSecretBox(pepper, 'smtp-password').open(sealed)).toBeNull();
        expect(createSecretBox(Buffer.from('q'.repeat(32)), 'webhook-secret').open(sealed)).toBeNull();
      }),
    );
    expect(webhook.seal('secret')).not.toContain('secret');
  });
});

describe('backoff', () => {
  it('grows exponentially within ±20 % jitter and is capped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempts, random) => {
        const raw = Math.min(DEFAULT_BACKOFF.maxDelayMs, DEFAULT_BACKOFF.baseMs * DEFAULT_BACKOFF.factor ** (attempts - 1));
        const delay = backoffDelayMs(DEFAULT_BACKOFF, attempts, random);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(0.8 * raw));
        expect(delay).toBeLessThanOrEqual(Math.ceil(1.2 * raw));
      }),
    );
  });
  it('reads retry-after as seconds or a date', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(retryAfterMs('30', now)).toBe(30_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000);
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs(null, now)).toBeNull();
  });
  it('maps receiver statuses as the spec says', () => {
    expect([200, 204, 301, 410, 429, 500].map(verdictOf)).toEqual(['delivered', 'delivered', 'retry', 'gone', 'retry', 'retry']);
  });
});

describe('webhook URLs', () => {
  it('accepts public http(s) URLs and refuses private ones unless allowed', () => {
    expect(checkWebhookUrl('https://hooks.example.com/x', false)).toBe('https://hooks.example.com/x');
    for (const url of ['http://127.0.0.1/x', 'http://localhost:8080', 'http://10.1.2.3', 'http://[::1]/', 'http://169.254.169.254/latest', 'http://192.168.0.1']) {
      expect(() => checkWebhookUrl(url, false), url).toThrow();
      expect(checkWebhookUrl(url, true)).toBeTruthy();
    }
    expect(() => checkWebhookUrl('https://user:pw@example.com', true)).toThrow();
    expect(() => checkWebhookUrl('file:///etc/passwd', true)).toThrow();
  });
  it('answers garbage with a DomainError, never a crash', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (text, allow) => {
        try {
          checkWebhookUrl(text, allow);
        } catch (error) {
          expect(isDomainError(error)).toBe(true);
        }
      }),
    );
  });
});

describe('templates', () => {
  const token = { id: 'tok_1', kind: 'user' as const, label: '<script>alert(1)</script>', displayPrefix: 'twu_abcd', owner: null, expiresAt: '2026-02-01T00:00:00.000Z' };
  const event: DomainEvent = { id: 'evt_1', orgId: 'o', type: 'token.expiring', payload: { token, daysBefore: 7 }, occurredAt: new Date('2026-01-25T00:00:00Z') };
  it('escapes data in the HTML part and keeps it in the text part', () => {
    const email = renderEmail(event, 'https://tw.example.com')!;
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain(escapeHtml('<script>alert(1)</script>'));
    expect(email.text).toContain('<script>alert(1)</script>');
    expect(email.text).toContain('2026-02-01');
    expect(email.text).toContain('https://tw.example.com');
  });
  it('makes a Slack message for every event', () => {
    expect(renderSlack(event).text).toContain('expires in 7 days');
    expect(renderSlack({ ...event, type: 'user.deactivated', payload: { userId: 'u', tokensSuspended: 1, actor: { type: 'system', id: null } } }).text).toBe('Tokenward event user.deactivated');
  });
});
