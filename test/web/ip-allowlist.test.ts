/**
 * The console checks an IP allowlist as it is typed (web/src/components/ip-allowlist.ts);
 * the server checks it again (src/domain/ip-allowlist.ts). The two must agree, or the editor would
 * name a good entry as wrong, or let a bad one through to a 400.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCidr } from '../../src/domain/ip-allowlist.js';
import { checkIpList } from '../../web/src/components/ip-allowlist.js';

const isAcceptedByServer = (entry: string) => {
  try {
    parseCidr(entry);
    return true;
  } catch {
    return false;
  }
};

const octet = fc.oneof(fc.integer({ min: 0, max: 255 }).map(String), fc.constantFrom('256', '300', '01', '', 'a', '1e2'));
const ipv4 = fc.array(octet, { minLength: 3, maxLength: 5 }).map((parts) => parts.join('.'));
const group = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16)), fc.constantFrom('', '0', 'ffff', '10000', 'g1', '1.2.3.4'));
const ipv6 = fc.array(group, { minLength: 2, maxLength: 9 }).map((parts) => parts.join(':'));
const prefix = fc.option(fc.oneof(fc.integer({ min: 0, max: 140 }).map(String), fc.constantFrom('', '-1', '08', '1/2', 'x')), { nil: undefined });
const entry = fc.tuple(fc.oneof(ipv4, ipv6), prefix).map(([address, p]) => (p === undefined ? address : `${address}/${p}`));

describe('IP allowlist check in the console', () => {
  it('accepts exactly what the server accepts', () => {
    fc.assert(
      fc.property(entry, (text) => {
        expect(checkIpList(text).errors.length === 0, text).toBe(isAcceptedByServer(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('names each wrong entry in words and keeps the good ones', () => {
    const checked = checkIpList('203.0.113.0/24\n10.0.0.300, 2001:db8::/32\n\n::ffff:192.0.2.1\n2001:db8::/129\n192.0.2.1');
    expect(checked.entries).toEqual(['203.0.113.0/24', '2001:db8::/32', '::ffff:192.0.2.1', '192.0.2.1']);
    expect(checked.errors).toEqual([
      '"10.0.0.300" is not an IP address or a CIDR block (for example 203.0.113.0/24 or 2001:db8::/32).',
      '"2001:db8::/129": the part after / must be a number from 0 to 128 for an IPv6 block.',
    ]);
    expect(checkIpList('').errors).toEqual([]);
  });
});
