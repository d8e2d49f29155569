/**
 * IP allowlists of policies: CIDR blocks, IPv4 and IPv6, matched with node:net's
 * BlockList (pure computation, no I/O). An empty list allows every address.
 */
import { BlockList, isIP } from 'node:net';
import { DomainError } from './errors.js';

export interface Cidr {
  address: string;
  prefix: number;
  family: 'ipv4' | 'ipv6';
}

/** Parses `10.0.0.0/8`, `2001:db8::/32`, or a bare address (a /32 or /128). Throws VALIDATION_FAILED. */
export function parseCidr(input: string): Cidr {
  const text = typeof input === 'string' ? input.trim() : '';
  const [address = '', prefixText, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) throw new DomainError('VALIDATION_FAILED', `"${String(input).slice(0, 60)}" is not an IP address or CIDR block.`);
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw new DomainError('VALIDATION_FAILED', `"${String(input).slice(0, 60)}" has a prefix length outside 0-${max}.`);
  }
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The canonical text of a CIDR list as stored: `address/prefix`, duplicates removed. */
export function normalizeAllowlist(entries: readonly string[]): string[] {
  return [...new Set(entries.map((entry) => {
    const cidr = parseCidr(entry);
    return `${cidr.address}/${cidr.prefix}`;
  }))];
}

/** `::ffff:10.1.2.3` (how a dual-stack socket reports IPv4 peers) is matched as `10.1.2.3`. */
function unmapped(ip: string): string {
  const match = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return match ? match[1]! : ip;
}

/**
 * True when the allowlist is empty or holds a block containing `ip`. An unparseable or missing IP
 * is refused by a non-empty allowlist.
 */
export function isIpAllowed(allowlist: readonly string[], ip: string | null | undefined): boolean {
  if (allowlist.length === 0) return true;
  if (!ip) return false;
  const address = unmapped(ip.trim());
  const version = isIP(address);
  if (version === 0) return false;
  return blockListOf(allowlist).check(address, version === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Built once per list: a verification checks the same cached policy's or token's list on every
 * call, and building a BlockList costs more than matching an address against it. Weak, so a list
 * dropped with its policy or token takes its BlockList with it. Lists are never changed in place.
 */
const blockLists = new WeakMap<readonly string[], BlockList>();

function blockListOf(allowlist: readonly string[]): BlockList {
  let blocks = blockLists.get(allowlist);
  if (blocks === undefined) {
    blocks = new BlockList();
    for (const entry of allowlist) {
      const cidr = parseCidr(entry);
      blocks.addSubnet(cidr.address, cidr.prefix, cidr.family);
    }
    blockLists.set(allowlist, blocks);
  }
  return blocks;
}

/** At most this many blocks on one token's own allowlist. */
export const MAX_TOKEN_ALLOWLIST_ENTRIES = 50;

/** True when every address of `inner` lies in `outer` (same family, at least as long a prefix). */
function isBlockWithin(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.prefix < outer.prefix) return false;
  const blocks = new BlockList();
  blocks.addSubnet(outer.address, outer.prefix, outer.family);
  // The inner block's addresses all share its first `inner.prefix` bits, so one of them decides.
  return blocks.check(inner.address, inner.family);
}

/**
 * The entries of a token's own allowlist that reach beyond its policy's (none when the policy's
 * list is empty: it allows every address). A token's list must narrow its policy's, never widen it.
 *
 *   entriesBeyond(['10.0.0.0/8'], ['10.1.0.0/16', '192.0.2.1/32'])  // -> ['192.0.2.1/32']
 */
export function entriesBeyond(policyAllowlist: readonly string[], tokenAllowlist: readonly string[]): string[] {
  if (policyAllowlist.length === 0) return [];
  const outer = policyAllowlist.map(parseCidr);
  return tokenAllowlist.filter((entry) => {
    const inner = parseCidr(entry);
    return !outer.some((block) => isBlockWithin(inner, block));
  });
}
