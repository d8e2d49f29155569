/**
 * Retry timing for webhook and e-mail deliveries and job runs: exponential backoff with jitter
 * (Standard Webhooks §Delivery; shared/protocols/standard-webhooks.md). Pure: the caller passes the
 * random number, so tests can fix it.
 */
import { DAY_MS } from './time.js';
export interface BackoffPolicy {
  /** Delay before the second attempt. */
  baseMs: number;
  /** Each further delay is this many times the previous one. */
  factor: number;
  maxDelayMs: number;
  /** After this many attempts without success the delivery is dead-lettered. */
  maxAttempts: number;
}

/**
 * Default: 5 s, 30 s, 3 min, 18 min, 1.8 h, 10.8 h, then 24 h: ten attempts over about 3.5 days,
 * close to the spec's example schedule.
 */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, factor: 6, maxDelayMs: DAY_MS, maxAttempts: 10 };

/**
 * Delay after the `attempts`-th failed attempt (1-based), jittered by ±20 % (`random` in [0, 1)),
 * so many deliveries failing at once do not all come back at the same instant.
 */
export function backoffDelayMs(policy: BackoffPolicy, attempts: number, random: number): number {
  const exponent = Math.max(0, attempts - 1);
  const raw = Math.min(policy.maxDelayMs, policy.baseMs * policy.factor ** exponent);
  const jitter = 0.8 + 0.4 * Math.min(Math.max(random, 0), 1);
  return Math.max(1, Math.round(raw * jitter));
}

/** `retry-after` as seconds or an HTTP date; null when absent or unreadable. Capped by the caller. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
