import { isRepeated, type XsdComplex, type XsdLeaf, type XsdNode } from '../payloads/xsd-model.ts';

/**
 * Test support: builds values that satisfy a descriptor, so every message type of the XSDs can be exercised without
 * hand-writing hundreds of fixtures. `full` fills optional elements too and repeats repeatable ones twice; `variant`
 * picks which branch of each xs:choice is taken, so running variants 0..n-1 covers every branch.
 * Strings mix Chinese and ASCII so the GBK path is exercised; values stay inside the XSD facets.
 */

export interface SampleOptions {
  full: boolean;
  variant: number;
}

const DATE = '2026-01-05';
const TEXT = '样例数据ABCabc测试文本0123456789';

function sampleLeaf(leaf: XsdLeaf, counter: { n: number }): string | number {
  counter.n++;
  const f = leaf.facets ?? {};
  if (leaf.type === 'long') {
    const lo = f.minInclusive ?? (f.minExclusive !== undefined ? f.minExclusive + 1 : 1);
    const hi = f.maxInclusive ?? (f.maxExclusive !== undefined ? f.maxExclusive - 1 : lo + 100_000);
    return lo + (counter.n % (hi - lo + 1));
  }
  if (leaf.type === 'base64Binary') return 'U2FtcGxl';
  if (leaf.type === 'any') return `备注${counter.n}`;
  const min = f.length ?? f.minLength ?? 1;
  const max = f.length ?? f.maxLength ?? Math.max(min, 12);
  if (min === 10 && max >= 10 && max <= 22) return DATE;
  const want = Math.min(Math.max(min, 8), max);
  let s = `${TEXT.slice(0, 4)}${counter.n}${TEXT}`;
  while ([...s].length < want) s += TEXT;
  return [...s].slice(0, want).join('');
}

function occurrences(node: XsdNode, opts: SampleOptions): number {
  const max = node.max === 'unbounded' ? 2 : node.max;
  if (opts.full) return Math.min(Math.max(node.min, isRepeated(node) ? 2 : 1), max);
  return node.min;
}

export function sampleValue(node: XsdComplex, opts: SampleOptions, counter = { n: 0 }): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  const children = node.group === 'choice' ? [node.children[opts.variant % node.children.length]] : node.children;
  for (const child of children) {
    const count = node.group === 'choice' ? Math.max(1, occurrences(child, opts)) : occurrences(child, opts);
    if (count === 0) continue;
    const make = () => (child.kind === 'leaf' ? sampleLeaf(child, counter) : sampleValue(child, opts, counter));
    result[child.name] = isRepeated(child) ? Array.from({ length: count }, make) : make();
  }
  return result;
}

/** The descriptor of the element at `path` (names separated by dots) under `root`. */
export function nodeAt(root: XsdComplex, path: string): XsdComplex {
  let node: XsdNode = root;
  for (const name of path.split('.')) {
    if (node.kind !== 'complex') throw new Error(`${path}: ${node.name} is a leaf`);
    const next: XsdNode | undefined = node.children.find((c) => c.name === name);
    if (!next) throw new Error(`${path}: no element ${name}`);
    node = next;
  }
  if (node.kind !== 'complex') throw new Error(`${path} is a leaf`);
  return node;
}

/** Number of choice branches reachable under a node, i.e. how many variants cover them all. */
export function variantsNeeded(node: XsdNode): number {
  if (node.kind === 'leaf') return 1;
  const own = node.group === 'choice' ? node.children.length : 1;
  return Math.max(own, ...node.children.map(variantsNeeded));
}
