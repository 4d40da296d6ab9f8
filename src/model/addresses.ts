import ipaddr from 'ipaddr.js';

// The documentation blocks (RFC 5737, RFC 3849) are let through: examples and the offline plan's placeholder
// addresses use them, and no real deployment publishes them.
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'].map((c) =>
  ipaddr.parseCIDR(c),
);

/** How DNS publishes an address: A for IPv4, AAAA for IPv6, CNAME for a name. */
export function recordTypeOf(address: string): 'A' | 'AAAA' | 'CNAME' {
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return 'A';
  return ipaddr.IPv6.isValid(address) ? 'AAAA' : 'CNAME';
}

/**
 * True for an IPv4 or IPv6 address users on the internet cannot reach (private, carrier-grade NAT, loopback,
 * link-local, unique-local, multicast, unspecified, benchmarking and other reserved blocks), which IGTM refuses
 * to publish; false for public addresses and for names.
 */
export function isPrivateAddress(address: string): boolean {
  if (recordTypeOf(address) === 'CNAME') return false;
  const parsed = ipaddr.process(address); // IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry
  if (DOCUMENTATION.some(([block, bits]) => block.kind() === parsed.kind() && parsed.match(block, bits))) {
    return false;
  }
  return parsed.range() !== 'unicast';
}
