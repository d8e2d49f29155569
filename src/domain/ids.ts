/**
 * Application-made ids carry a type prefix (`tok_`, `usr_`) so a log line or a support ticket says
 * what an id names. Organization ids are UUIDs, as in Atlassian's API (shared/atlassian/CONTRACT.md §1.6).
 */
import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';
import { encodeBase62 } from './token-format.js';

/**
 * `ses`/`lnk`: a session and a one-time link (sign-in); `stk`: a SCIM token;
 * `pol`/`treq`/`otd`: a policy, a token request, a one-time token delivery;
 * `evt` events, `whk` webhook endpoints, `dlv` notification deliveries, `run` job runs;
 * `con` connectors, `csy` connector sync runs, `ext` tokens read from a connected system,
 * `xrq` token requests read from a connected system, `ik` the instance administrator's keys.
 */
export type IdPrefix = 'tok' | 'usr' | 'grp' | 'sa' | 'aud' | 'ses' | 'lnk' | 'stk' | 'pol' | 'treq' | 'otd' | 'evt' | 'whk' | 'dlv' | 'run' | 'con' | 'csy' | 'ext' | 'upg' | 'xrq' | 'rot' | 'ik';

/** 16 random bytes in 22 base62 characters after the prefix, e.g. `tok_3tZ9...`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${encodeBase62(BigInt(`0x${randomBytes(16).toString('hex')}`), 22)}`;
}

/** 80 random bits after the time; drawn from a pool, as one call for a few bytes costs microseconds. */
const TIME_ORDERED_RANDOM_BYTES = 10;
const randomPool = Buffer.alloc(TIME_ORDERED_RANDOM_BYTES * 400);
let randomOffset = randomPool.length;

/**
 * The same shape, but the first 48 bits are the time in milliseconds: ids made close together sort
 * close together. For rows written in bulk and keyed by their id (events, deliveries): a batch of
 * a thousand appends at the end of the primary-key index instead of touching a thousand pages
 * spread over it, each written again at commit.
 */
export function newTimeOrderedId(prefix: IdPrefix, nowMs: number = Date.now()): string {
  if (randomOffset + TIME_ORDERED_RANDOM_BYTES > randomPool.length) {
    randomFillSync(randomPool);
    randomOffset = 0;
  }
  const random = BigInt(`0x${randomPool.toString('hex', randomOffset, randomOffset + TIME_ORDERED_RANDOM_BYTES)}`);
  randomOffset += TIME_ORDERED_RANDOM_BYTES;
  return `${prefix}_${encodeBase62((BigInt(nowMs) << 80n) | random, 22)}`;
}

export function newOrgId(): string {
  return randomUUID();
}
