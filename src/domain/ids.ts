/**
 * Application-made ids carry a type prefix (`tok_`, `usr_`) so a log line or a support ticket says
 * what an id names. Organization ids are UUIDs, as in Atlassian's API (shared/atlassian/CONTRACT.md §1.6).
 */
import { randomBytes, randomUUID } from 'node:crypto';
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

export function newOrgId(): string {
  return randomUUID();
}
