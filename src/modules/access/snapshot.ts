import { domainToASCII } from 'node:url';
import { ACCESS_REASONS, type AccessDecision, type AccessReason } from './access.repository.ts';

/**
 * The gateway's in-memory copy of the access projection (DESIGN decision 6): registrable domain → decision and
 * reason, answered without touching the database.
 *
 * Why not a `Map<string, …>`: at 10 M domains a Map of JS strings costs ~100+ bytes per entry in V8 (string header,
 * hash-table slot, boxed value) and gives the GC 10 M objects to trace. Here every domain lives as bytes in one
 * arena Buffer; per entry we keep an offset, a length, the 32-bit hash and one code byte in typed arrays, plus an
 * open-addressing slot table of entry numbers. That is the domain's length + ~18 bytes, and zero GC objects per
 * domain. Rows are never deleted from the projection (a blocked domain keeps its row), so no tombstones are needed.
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

export class AccessSnapshot {
  /** The projection version this snapshot reflects (settings.access_version). */
  version = 0;
  private arena: Buffer;
  private arenaUsed = 0;
  private offsets: Uint32Array;
  private hashes: Uint32Array;
  private lens: Uint8Array;
  private codes: Uint8Array;
  private count = 0;
  private slots: Uint32Array;
  private mask: number;

  constructor(sizing: SnapshotSizing = {}) {
    const n = Math.max(16, sizing.domains ?? 1024);
    this.arena = Buffer.allocUnsafe(n * (sizing.meanLength ?? 16));
    this.offsets = new Uint32Array(n);
    this.hashes = new Uint32Array(n);
    this.lens = new Uint8Array(n);
    this.codes = new Uint8Array(n);
    this.slots = new Uint32Array(pow2AtLeast(Math.ceil(n / MAX_LOAD)));
    this.mask = this.slots.length - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Bytes held by the snapshot's tables (allocated capacity, not just what is used). */
  get byteSize(): number {
    return (
      this.arena.length +
      this.offsets.byteLength +
      this.hashes.byteLength +
      this.lens.byteLength +
      this.codes.byteLength +
      this.slots.byteLength
    );
  }

  /** The entry number + 1 of `domain`, or 0. `domain` must already be lower-case ASCII. */
  private find(domain: string, h: number): number {
    const len = domain.length;
    const arena = this.arena;
    let i = h & this.mask;
    for (;;) {
      const e = this.slots[i];
      if (e === 0) return 0;
      const k = e - 1;
      if (this.hashes[k] === h && this.lens[k] === len) {
        const off = this.offsets[k];
        let j = 0;
        while (j < len && arena[off + j] === domain.charCodeAt(j)) j++;
        if (j === len) return e;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** The code of a registrable domain (see encodeAccess), or -1 when the projection has no row for it. */
  get(domain: string): number {
    if (domain.length === 0 || domain.length > 253) return -1;
    const e = this.find(domain, hashString(domain));
    return e === 0 ? -1 : this.codes[e - 1];
  }

  /** Inserts or overwrites one domain. Non-ASCII input is stored in its punycode form. */
  set(domain: string, code: number): void {
    let key = domain;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is "anything outside printable ASCII"
    if (/[^\x00-\x7f]/.test(key) || /[A-Z]/.test(key)) key = domainToASCII(key.toLowerCase());
    if (key.length === 0 || key.length > 253) return;
    const h = hashString(key);
    const e = this.find(key, h);
    if (e !== 0) {
      this.codes[e - 1] = code;
      return;
    }
    if (this.count === this.offsets.length) this.growEntries();
    if (this.arenaUsed + key.length > this.arena.length) this.growArena(key.length);
    const k = this.count++;
    this.arena.write(key, this.arenaUsed, 'latin1');
    this.offsets[k] = this.arenaUsed;
    this.arenaUsed += key.length;
    this.lens[k] = key.length;
    this.hashes[k] = h;
    this.codes[k] = code;
    if (this.count > this.slots.length * MAX_LOAD) this.rehash(this.slots.length * 2);
    else this.place(k);
  }

  /** Every domain with its code, in insertion order (export, tests). */
  *entries(): IterableIterator<[string, number]> {
    for (let k = 0; k < this.count; k++)
      yield [this.arena.toString('latin1', this.offsets[k], this.offsets[k] + this.lens[k]), this.codes[k]];
  }

  private place(k: number) {
    let i = this.hashes[k] & this.mask;
    while (this.slots[i] !== 0) i = (i + 1) & this.mask;
    this.slots[i] = k + 1;
  }

  private rehash(slotCount: number) {
    this.slots = new Uint32Array(slotCount);
    this.mask = slotCount - 1;
    for (let k = 0; k < this.count; k++) this.place(k);
  }

  private growEntries() {
    const n = Math.ceil(this.offsets.length * 1.5);
    const grow = <T extends Uint32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.offsets = grow(this.offsets, (x) => new Uint32Array(x));
    this.hashes = grow(this.hashes, (x) => new Uint32Array(x));
    this.lens = grow(this.lens, (x) => new Uint8Array(x));
    this.codes = grow(this.codes, (x) => new Uint8Array(x));
  }

  private growArena(need: number) {
    const next = Buffer.allocUnsafe(Math.max(Math.ceil(this.arena.length * 1.5), this.arenaUsed + need + 1024));
    this.arena.copy(next, 0, 0, this.arenaUsed);
    this.arena = next;
  }
}
