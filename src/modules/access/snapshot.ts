import { domainToASCII } from 'node:url';
import { ACCESS_REASONS, type AccessDecision, type AccessReason } from './access.repository.ts';

/**
 * The gateway's in-memory copy of the access projection (DESIGN decision 6): registrable domain → decision and
 * reason, answered without touching the database.
 *
 * Why not a `Map<string, …>`: at 10 M domains a Map of JS strings costs ~100 bytes per entry in V8 (string header,
 * hash-table slot, boxed value) and gives the GC 10 M objects to trace. Here every domain is a record
 * `[length][code][bytes…]` in one arena Buffer, and an open-addressing table of (arena offset, hash) pairs in one
 * Uint32Array points at the records: the domain's length + 2 bytes, plus 8 bytes per slot, and zero GC objects per
 * domain. A lookup touches two cache lines (its slot pair, then its record) — at 10 M domains the cost of a lookup
 * is memory latency, so that count is what the layout minimises. Rows are never deleted from the projection (a
 * blocked domain keeps its row), so no tombstones are needed.
 */

/** One byte per domain: decision in the high nibble, reason index in the low nibble. */
const DECISIONS: readonly AccessDecision[] = ['allow', 'temp_allow', 'block'];
const REASON_INDEX = new Map<string, number>(ACCESS_REASONS.map((r, i) => [r, i]));
const DECISION_INDEX = new Map<string, number>(DECISIONS.map((d, i) => [d, i]));

export function encodeAccess(decision: AccessDecision, reason: AccessReason): number {
  const d = DECISION_INDEX.get(decision);
  const r = REASON_INDEX.get(reason);
  if (d === undefined || r === undefined) throw new Error(`unknown access decision/reason ${decision}/${reason}`);
  return (d << 4) | r;
}
export const decisionOf = (code: number): AccessDecision => DECISIONS[code >> 4];
export const reasonOf = (code: number): AccessReason => ACCESS_REASONS[code & 15];
export const isServed = (code: number): boolean => code >> 4 !== 2;

const MAX_LOAD = 0.7;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
/** Record header: length byte, code byte. */
const HEADER = 2;

/** FNV-1a over the char codes; keys are ASCII, so hashing the JS string and its latin1 bytes agree. */
function hashString(s: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

const pow2AtLeast = (n: number) => 2 ** Math.max(4, Math.ceil(Math.log2(Math.max(1, n))));

export interface SnapshotSizing {
  /** Expected number of domains (pre-sizes the tables; growing later is still possible). */
  domains?: number;
  /** Expected mean domain length in bytes. */
  meanLength?: number;
}

/** Sizing for a full load of `rows` projection rows: 10 % headroom for the polls that follow. */
export const sizingForRows = (rows: number): SnapshotSizing => ({
  domains: Math.ceil(rows * 1.1) + 1024,
  meanLength: 18,
});

export class AccessSnapshot {
  /** The projection version this snapshot reflects (settings.access_version). */
  version = 0;
  private arena: Buffer;
  private arenaUsed = 0;
  private count = 0;
  /** Pairs: [arena offset + 1 (0 = empty), 32-bit hash]. */
  private slots: Uint32Array;
  /** Slot count - 1 (slot count is a power of two). */
  private mask: number;

  constructor(sizing: SnapshotSizing = {}) {
    const n = Math.max(16, sizing.domains ?? 1024);
    this.arena = Buffer.allocUnsafe(n * ((sizing.meanLength ?? 16) + HEADER));
    const slotCount = pow2AtLeast(Math.ceil(n / MAX_LOAD));
    this.slots = new Uint32Array(slotCount * 2);
    this.mask = slotCount - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the snapshot's tables (allocated capacity, not just what is used). */
  get byteSize(): number {
    return this.arena.length + this.slots.byteLength;
  }

  /** The record offset + 1 of `domain`, or 0. `domain` must already be lower-case ASCII. */
  private find(domain: string, h: number): number {
    const len = domain.length;
    const arena = this.arena;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const e = slots[2 * i];
      if (e === 0) return 0;
      if (slots[2 * i + 1] === h) {
        const off = e - 1;
        if (arena[off] === len) {
          const base = off + HEADER;
          let j = 0;
          while (j < len && arena[base + j] === domain.charCodeAt(j)) j++;
          if (j === len) return e;
        }
      }
      i = (i + 1) & mask;
    }
  }

  /** The code of a registrable domain (see encodeAccess), or -1 when the projection has no row for it. */
  get(domain: string): number {
    if (domain.length === 0 || domain.length > 253) return -1;
    const e = this.find(domain, hashString(domain));
    // e is the record offset + 1, which is exactly where the code byte sits
    return e === 0 ? -1 : this.arena[e];
  }

  /** Inserts or overwrites one domain. Upper-case or non-ASCII input is stored in its lower-case punycode form. */
  set(domain: string, code: number): void {
    let key = domain;
    let h = FNV_OFFSET;
    let plain = true;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c > 127 || (c >= 65 && c <= 90)) {
        plain = false;
        break;
      }
      h = Math.imul(h ^ c, FNV_PRIME);
    }
    if (!plain) {
      key = domainToASCII(key.toLowerCase());
      h = hashString(key);
    } else h >>>= 0;
    if (key.length === 0 || key.length > 253) return;
    const e = this.find(key, h);
    if (e !== 0) {
      this.arena[e] = code;
      return;
    }
    if (this.arenaUsed + HEADER + key.length > this.arena.length) this.growArena(HEADER + key.length);
    const off = this.arenaUsed;
    this.arena[off] = key.length;
    this.arena[off + 1] = code;
    this.arena.write(key, off + HEADER, 'latin1');
    this.arenaUsed += HEADER + key.length;
    this.count++;
    if (this.count > (this.mask + 1) * MAX_LOAD) this.rehash((this.mask + 1) * 2);
    this.place(off + 1, h);
  }

  /** Every domain with its code, in insertion order (export, tests). */
  *entries(): IterableIterator<[string, number]> {
    let off = 0;
    while (off < this.arenaUsed) {
      const len = this.arena[off];
      yield [this.arena.toString('latin1', off + HEADER, off + HEADER + len), this.arena[off + 1]];
      off += HEADER + len;
    }
  }

  private place(ref: number, h: number) {
    const slots = this.slots;
    let i = h & this.mask;
    while (slots[2 * i] !== 0) i = (i + 1) & this.mask;
    slots[2 * i] = ref;
    slots[2 * i + 1] = h;
  }

  private rehash(slotCount: number) {
    const old = this.slots;
    this.slots = new Uint32Array(slotCount * 2);
    this.mask = slotCount - 1;
    for (let i = 0; i < old.length; i += 2) if (old[i] !== 0) this.place(old[i], old[i + 1]);
  }

  private growArena(need: number) {
    const next = Buffer.allocUnsafe(Math.max(Math.ceil(this.arena.length * 1.5), this.arenaUsed + need + 1024));
    this.arena.copy(next, 0, 0, this.arenaUsed);
    this.arena = next;
  }
}
