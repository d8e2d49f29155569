/**
 * Webhook rules (shared/protocols/standard-webhooks.md): the signing secret's format,
 * which URLs an endpoint may have, and what a receiver's answer means for the delivery.
 */
import { randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import { DomainError } from './errors.js';

export const MAX_WEBHOOKS_PER_ORG = 50;

/** 32 random bytes, shown as `whsec_` + base64 (the spec allows 24 to 64 bytes). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const PRIVATE_RANGES = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE_RANGES.addSubnet(net, prefix, 'ipv4');
}
PRIVATE_RANGES.addAddress('::', 'ipv6');
PRIVATE_RANGES.addAddress('::1', 'ipv6');
PRIVATE_RANGES.addSubnet('fc00::', 7, 'ipv6');
PRIVATE_RANGES.addSubnet('fe80::', 10, 'ipv6');

/**
 * An endpoint URL must be http(s) with no credentials. Unless `allowPrivate`, a literal loopback,
 * private or link-local address (or `localhost`) is refused: a first guard against SSRF. Names
 * that resolve to such addresses are not caught here; the spec's advice (an egress proxy) holds
 * for production (docs/notifications.md).
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The webhook URL is not a valid URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new DomainError('VALIDATION_FAILED', 'The webhook URL must be http:// or https://.');
  if (url.username || url.password) throw new DomainError('VALIDATION_FAILED', 'The webhook URL must not hold credentials.');
  if (!allowPrivate) {
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const family = isIP(host);
    const isPrivate =
      host === 'localhost' || host.endsWith('.localhost') || (family !== 0 && PRIVATE_RANGES.check(host, family === 6 ? 'ipv6' : 'ipv4'));
    if (isPrivate) throw new DomainError('VALIDATION_FAILED', 'The webhook URL points to a private or loopback address.');
  }
  return url.toString();
}

export type ReceiverVerdict = 'delivered' | 'gone' | 'retry';

/** Only 2xx is success; 3xx is a failure (not followed); 410 disables the endpoint. */
export function verdictOf(status: number): ReceiverVerdict {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 410) return 'gone';
  return 'retry';
}
