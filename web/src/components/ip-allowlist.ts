/**
 * Checks an IP allowlist as typed into the policy editor, so mistakes are named in words before
 * anything is sent. The server checks again (src/domain/ip-allowlist.ts); this only saves a trip.
 * IPv6 is checked by the browser's own URL parser (`http://[addr]/`), which follows RFC 4291.
 */
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function ipVersionOf(address: string): 4 | 6 | 0 {
  if (IPV4.test(address)) return 4;
  if (!address.includes(':') || /[^0-9a-fA-F:.]/.test(address)) return 0;
  try {
    new URL(`http://[${address}]/`);
    return 6;
  } catch {
    return 0;
  }
}

export interface IpListCheck {
  entries: string[];
  errors: string[];
}

/** One entry per line or comma: an address (a single host) or `address/prefix`. */
export function checkIpList(text: string): IpListCheck {
  const entries: string[] = [];
  const errors: string[] = [];
  for (const raw of text.split(/[\n,]/)) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address = '', prefix, ...rest] = entry.split('/');
    const version = ipVersionOf(address);
    if (version === 0 || rest.length > 0) {
      errors.push(`"${entry.slice(0, 60)}" is not an IP address or a CIDR block (for example 203.0.113.0/24 or 2001:db8::/32).`);
      continue;
    }
    if (prefix !== undefined) {
      const max = version === 4 ? 32 : 128;
      if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
        errors.push(`"${entry.slice(0, 60)}": the part after / must be a number from 0 to ${max} for an IPv${version} block.`);
        continue;
      }
    }
    entries.push(entry);
  }
  if (entries.length > 500) errors.push(`At most 500 entries: this list has ${entries.length}.`);
  return { entries, errors };
}
