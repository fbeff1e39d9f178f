/**
 * GBK text codec. The spec (section 1-2) requires every XML file of the interface, and the password-hash input,
 * to be GBK. Node decodes GBK natively (WHATWG TextDecoder) but has no GBK encoder and we add no dependency for one,
 * so the encoder is the decoder's table inverted once, lazily: every two-byte GBK sequence is decoded and the
 * character it yields is mapped back to those bytes.
 */

let table: Map<number, number> | undefined;

function encoderTable(): Map<number, number> {
  if (table) return table;
  const decoder = new TextDecoder('gbk', { fatal: true });
  const map = new Map<number, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      let ch: string;
      try {
        ch = decoder.decode(pair);
      } catch {
        continue;
      }
      const cp = ch.codePointAt(0);
      // The first byte pair wins: GBK has a few duplicate mappings and the lower one is the canonical encoding.
      if (cp !== undefined && ch.length <= 2 && !map.has(cp)) map.set(cp, (lead << 8) | trail);
    }
  }
  table = map;
  return map;
}

/** True when every character of `text` has a GBK encoding. */
export function isGbkEncodable(text: string): boolean {
  const t = encoderTable();
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp >= 0x80 && !t.has(cp)) return false;
  }
  return true;
}

/**
 * Encodes text as GBK. A character GBK lacks goes through `fallback`, whose result must be ASCII; the XML layer
 * passes a numeric character reference (`&#x20000;`), which is lossless in XML text. Without a fallback such a
 * character is an error rather than a silent `?`.
 */
export function encodeGbk(text: string, fallback?: (codePoint: number) => string): Buffer {
  const t = encoderTable();
  // Each UTF-16 unit takes at most 2 GBK bytes; only fallbacks can take more, and they grow the buffer.
  let out = Buffer.allocUnsafe(text.length * 2 + 16);
  let n = 0;
  const room = (k: number) => {
    if (n + k <= out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, n + k));
    out.copy(bigger, 0, 0, n);
    out = bigger;
  };
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp < 0x80) {
      room(1);
      out[n++] = cp;
      continue;
    }
    const bytes = t.get(cp);
    if (bytes !== undefined) {
      room(2);
      out[n++] = bytes >> 8;
      out[n++] = bytes & 0xff;
      continue;
    }
    if (!fallback) throw new RangeError(`U+${cp.toString(16).toUpperCase()} has no GBK encoding`);
    const replacement = fallback(cp);
    room(replacement.length);
    for (let i = 0; i < replacement.length; i++) {
      const a = replacement.charCodeAt(i);
      if (a >= 0x80) throw new RangeError('a GBK fallback must be ASCII');
      out[n++] = a;
    }
  }
  return Buffer.from(out.subarray(0, n));
}

export function decodeGbk(bytes: Uint8Array): string {
  return new TextDecoder('gbk', { fatal: true }).decode(bytes);
}
