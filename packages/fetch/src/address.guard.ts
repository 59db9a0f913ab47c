// Which IP addresses a fetch may connect to. A URL from a feed or a redirect is attacker-chosen, so
// without this a crawler can be steered at the machine itself, the local network or the cloud
// metadata service (which hands out credentials). Checked on the address actually connected to.
import { BlockList, isIP } from 'node:net';

export type AddressClass = 'public' | 'private' | 'metadata';

// Cloud instance metadata endpoints: blocked even when private networks are allowed, because
// nothing a test or an intranet deployment needs lives there and credentials do.
const METADATA = new Set([
  '169.254.169.254',
  '169.254.170.2',
  '100.100.100.200',
  'fd00:ec2::254',
  '168.63.129.16',
]);

const privateNetworks = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated): forwards to whatever it embeds
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const) {
  privateNetworks.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['100::', 64], // discard
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): translates to a network of the operator's choosing
  ['2001::', 23], // IETF protocol assignments: Teredo tunnels, benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['fec0::', 10], // site-local (deprecated, still routed inside some networks)
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  privateNetworks.addSubnet(network, prefix, 'ipv6');
}

export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(bare);
  if (family === 0) throw new Error(`not an IP address: ${address}`);
  if (family === 6) {
    const embedded = embeddedIpv4(bare);
    if (embedded) return classifyAddress(embedded);
    if (METADATA.has(compressIpv6(bare))) return 'metadata';
    return privateNetworks.check(bare, 'ipv6') ? 'private' : 'public';
  }
  if (METADATA.has(bare)) return 'metadata';
  return privateNetworks.check(bare, 'ipv4') ? 'private' : 'public';
}

/** Whether a connection to this address is allowed under the configuration. */
export function isAddressAllowed(address: string, allowPrivateNetwork: boolean): boolean {
  const kind = classifyAddress(address);
  return kind === 'public' || (kind === 'private' && allowPrivateNetwork);
}

/** The eight 16-bit groups of an IPv6 address (dotted IPv4 tail included). */
function ipv6Groups(address: string): number[] {
  let text = address.split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const parse = (part: string): number[] => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const zeros = tail === undefined ? [] : new Array<number>(8 - front.length - back.length).fill(0);
  return [...front, ...zeros, ...back];
}

function compressIpv6(address: string): string {
  return ipv6Groups(address)
    .map((group) => group.toString(16))
    .join(':')
    .replace(/(^|:)0(:0)+(:|$)/, '::')
    .replace(/:{3,}/, '::');
}

// IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible (::a.b.c.d),
// NAT64 (64:ff9b::a.b.c.d) and 6to4 (2002:aabb:ccdd::) addresses reach the embedded IPv4 address,
// so they are judged by it.
function embeddedIpv4(address: string): string | null {
  const groups = ipv6Groups(address);
  const quad = (high: number, low: number): string => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;
  const v4 = (): string => quad(groups[6]!, groups[7]!);
  const zeroTo = (n: number): boolean => groups.slice(0, n).every((group) => group === 0);
  if (zeroTo(5) && groups[5] === 0xffff) return v4();
  if (zeroTo(4) && groups[4] === 0xffff && groups[5] === 0) return v4();
  if (groups[0] === 0x2002) return quad(groups[1]!, groups[2]!);
  if (zeroTo(6) && (groups[6] !== 0 || groups[7]! > 1)) return v4();
  if (groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0))
    return v4();
  return null;
}
