/**
 * IPv4/IPv6 syntax and address-range classification (R-ACC-011, R-WEB-020). The documentation ranges of RFC 5737 /
 * RFC 3849 are reported as such; callers decide whether to accept them (the catalogue's examples use them).
 */

export type IpKind =
  | 'public'
  | 'private'
  | 'loopback'
  | 'link-local'
  | 'shared'
  | 'documentation'
  | 'multicast'
  | 'reserved'
  | 'unspecified';

export function parseIPv4(s: string): number[] | null {
  const parts = s.trim().split('.');
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

export function isIPv4(s: string): boolean {
  return parseIPv4(s) !== null;
}

function inRange(ip: number[], base: number[], bits: number): boolean {
  const a = ((ip[0] << 24) | (ip[1] << 16) | (ip[2] << 8) | ip[3]) >>> 0;
  const b = ((base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3]) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (a & mask) === (b & mask);
}

const V4_RANGES: ReadonlyArray<readonly [number[], number, IpKind]> = [
  [[0, 0, 0, 0], 8, 'unspecified'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'reserved'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
];

export function ipv4Kind(s: string): IpKind | null {
  const ip = parseIPv4(s);
  if (!ip) return null;
  for (const [base, bits, kind] of V4_RANGES) if (inRange(ip, base, bits)) return kind;
  return 'public';
}

/** Parses IPv6 (with ::, and an embedded IPv4 tail) into 8 groups. */
export function parseIPv6(input: string): number[] | null {
  let s = input.trim().toLowerCase();
  if (s.startsWith('[') && s.endsWith(']')) s = s.slice(1, -1);
  if (!/^[0-9a-f:.]+$/.test(s) || s.split('::').length > 2) return null;
  if (s.includes('.')) {
    // An embedded IPv4 tail (::ffff:192.0.2.1) becomes its two hex groups.
    const lastColon = s.lastIndexOf(':');
    const v4 = parseIPv4(s.slice(lastColon + 1));
    if (!v4) return null;
    s = `${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const [head, rest] = s.includes('::') ? s.split('::') : [s, undefined];
  const group = (part: string) => (part === '' ? [] : part.split(':'));
  const h = group(head);
  const r = rest === undefined ? [] : group(rest);
  const valid = (g: string) => /^[0-9a-f]{1,4}$/.test(g);
  if (![...h, ...r].every(valid)) return null;
  const explicit = h.length + r.length;
  if (rest === undefined) {
    if (explicit !== 8) return null;
    return h.map((g) => Number.parseInt(g, 16));
  }
  if (explicit > 7) return null;
  return [
    ...h.map((g) => Number.parseInt(g, 16)),
    ...Array<number>(8 - explicit).fill(0),
    ...r.map((g) => Number.parseInt(g, 16)),
  ];
}

export function isIPv6(s: string): boolean {
  return parseIPv6(s) !== null;
}

export function ipv6Kind(s: string): IpKind | null {
  const g = parseIPv6(s);
  if (!g) return null;
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return ipv4Kind(`${g[6] >> 8}.${g[6] & 255}.${g[7] >> 8}.${g[7] & 255}`);
  }
  if ((g[0] & 0xfe00) === 0xfc00) return 'private';
  if ((g[0] & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0] & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'documentation';
  if ((g[0] & 0xe000) === 0x2000) return 'public';
  return 'reserved';
}

/** Any syntactically valid IP's kind, or null. */
export function ipKind(s: string): IpKind | null {
  return ipv4Kind(s) ?? ipv6Kind(s);
}

/**
 * An address a website can be reached on from the internet. Documentation ranges count only when asked, because
 * demos and the catalogue's scenarios use 203.0.113.0/24 and 198.51.100.0/24 as stand-ins for public servers.
 */
export function isPublicIp(s: string, opts: { allowDocumentation?: boolean } = {}): boolean {
  const k = ipKind(s);
  return k === 'public' || (k === 'documentation' && opts.allowDocumentation === true);
}
