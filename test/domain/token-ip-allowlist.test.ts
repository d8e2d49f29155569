/**
 * A token's own IP allowlist never widens its policy's: whenever `entriesBeyond` accepts a token's
 * list, every address that list allows is allowed by the policy's too (fast-check over random IPv4
 * and IPv6 blocks, bare addresses included); a refused list names the entries that reach beyond.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entriesBeyond, isIpAllowed } from '../../src/domain/ip-allowlist.js';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((parts) => parts.join('.'));
// A small space of v6 addresses so blocks and addresses meet often.
const ipv6 = fc.tuple(fc.constantFrom('2001:db8', '2001:db9', 'fd00'), fc.nat(3), fc.nat(0xffff)).map(([head, a, b]) => `${head}:${a}::${b.toString(16)}`);
const block = fc.oneof(
  fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  ipv4,
  fc.tuple(ipv6, fc.integer({ min: 16, max: 128 })).map(([a, p]) => `${a}/${p}`),
);

describe("a token's own IP allowlist", () => {
  it('allows no address its policy refuses, whenever it is accepted', () => {
    let exercised = 0;
    // The token's blocks are drawn inside or near the policy's often enough to be accepted.
    const lists = fc.array(block, { minLength: 1, maxLength: 3 }).chain((policy) =>
      fc.tuple(fc.constant(policy), fc.array(fc.oneof(fc.constantFrom(...policy), block), { minLength: 1, maxLength: 3 })),
    );
    fc.assert(
      fc.property(lists, fc.oneof(ipv4, ipv6), ([policy, token], ip) => {
        const beyond = entriesBeyond(policy, token);
        for (const entry of beyond) expect(token).toContain(entry);
        if (beyond.length === 0 && isIpAllowed(token, ip)) {
          exercised += 1;
          expect(isIpAllowed(policy, ip)).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(exercised).toBeGreaterThan(0);
  });

  it('names the entries that reach beyond; an empty policy list allows any', () => {
    expect(entriesBeyond(['10.0.0.0/8'], ['10.1.0.0/16', '192.0.2.1', '10.0.0.0/7', '2001:db8::/32'])).toEqual(['192.0.2.1', '10.0.0.0/7', '2001:db8::/32']);
    expect(entriesBeyond(['10.0.0.0/8', '2001:db8::/32'], ['10.255.255.255', '2001:db8:ffff::/48'])).toEqual([]);
    expect(entriesBeyond([], ['0.0.0.0/0', '::/0'])).toEqual([]);
  });
});
