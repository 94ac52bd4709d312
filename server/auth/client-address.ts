/**
 * Client addresses as the sign-in limits count them. One client must count as one address, or the
 * per-address limit does not hold: some proxies append the client's port to X-Forwarded-For (new
 * with every connection), a dual-stack socket reports IPv4 clients as `::ffff:a.b.c.d`, and IPv6
 * has many spellings of one address.
 */
import { isIPv4, isIPv6 } from "node:net";

/**
 * The address alone, in one spelling: without a port or brackets, IPv4 for an IPv4-mapped IPv6
 * address, and IPv6 in its canonical form. Anything that is not an IP address is kept as it is.
 */
export function normaliseAddress(raw: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(raw);
  const bare = bracketed?.[1] ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(raw)?.[1] ?? raw;
  if (isIPv4(bare)) return bare;
  // A zone (`fe80::1%eth0`) names the server's own interface, not the client.
  const withoutZone = bare.replace(/%.*$/, "");
  if (!isIPv6(withoutZone)) return raw;
  const groups = ipv6Groups(withoutZone);
  if (groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 0xff, groups[7]! >> 8, groups[7]! & 0xff].join(".");
  }
  return new URL(`http://[${withoutZone}]/`).hostname.slice(1, -1);
}

/**
 * What one per-address limit covers: an IPv4 address, or an IPv6 /64. A home, office or server
 * gets a whole /64 and may use any of its 2^64 addresses, one per attempt.
 */
export function limitedAddress(address: string): string {
  if (!isIPv6(address)) return address;
  const network = ipv6Groups(address).slice(0, 4);
  return `${network.map((group) => group.toString(16)).join(":")}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address. */
function ipv6Groups(address: string): number[] {
  // The URL parser writes an embedded IPv4 part in hex, so only `::` is left to expand.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head = "", tail] = canonical.split("::");
  const parse = (part: string) => (part ? part.split(":").map((group) => Number.parseInt(group, 16)) : []);
  const [front, back] = [parse(head), parse(tail ?? "")];
  return tail === undefined
    ? front
    : [...front, ...Array<number>(8 - front.length - back.length).fill(0), ...back];
}
