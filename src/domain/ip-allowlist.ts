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
  const blocks = new BlockList();
  for (const entry of allowlist) {
    const cidr = parseCidr(entry);
    blocks.addSubnet(cidr.address, cidr.prefix, cidr.family);
  }
  return blocks.check(address, version === 4 ? 'ipv4' : 'ipv6');
}
