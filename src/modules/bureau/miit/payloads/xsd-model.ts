import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { LocalizedText } from '../../../../platform/i18n.ts';
import type { Violation } from '../../../rules/violation.ts';
import { miitError } from '../errors.ts';

/**
 * A descriptor of one XSD of the interface, generated from the XSD by codegen.ts, and a generic engine that builds
 * XML from typed objects and parses XML back, checking the structure the XSD defines. The XSDs of spec V3.0 use only
 * anonymous local types: elements with xs:sequence / xs:all / xs:choice content, xs:long and xs:string leaves with
 * length and range facets, and one attribute (version) on the root. That is all this engine needs to know.
 */

export type XsdLeafType = 'long' | 'string' | 'base64Binary' | 'any';

export interface XsdFacets {
  length?: number;
  minLength?: number;
  maxLength?: number;
  minInclusive?: number;
  maxInclusive?: number;
  minExclusive?: number;
  maxExclusive?: number;
}

interface XsdNodeBase {
  name: string;
  min: number;
  max: number | 'unbounded';
}

export interface XsdLeaf extends XsdNodeBase {
  kind: 'leaf';
  type: XsdLeafType;
  facets?: XsdFacets;
}

export interface XsdComplex extends XsdNodeBase {
  kind: 'complex';
  group: 'sequence' | 'all' | 'choice';
  children: XsdNode[];
  /** Attributes; only the root's `version` exists in V3.0. */
  attributes?: { name: string; required: boolean }[];
}

export type XsdNode = XsdLeaf | XsdComplex;

/** The version attribute value every V3.0 file carries (spec 3-2 and 4-1: `<UploadData version="V.3.0">`). */
export const INTERFACE_VERSION = 'V.3.0';

export type IssueRule = 'required' | 'unexpected' | 'occurs' | 'order' | 'choice' | 'type' | 'facet' | 'attribute';

/** One departure from the XSD, with the path of the element, e.g. `UploadData.ICP.XZBA.Baxx[0].Zt_xx.Dwmc`. */
export interface PayloadIssue {
  path: string;
  rule: IssueRule;
  message: LocalizedText;
}

export function isRepeated(node: XsdNode): boolean {
  return node.max === 'unbounded' || node.max > 1;
}

function maxCount(node: XsdNode): number {
  return node.max === 'unbounded' ? Number.POSITIVE_INFINITY : node.max;
}

function issue(path: string, rule: IssueRule, zh: string, en: string): PayloadIssue {
  return { path, rule, message: { zh, en } };
}

function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function checkFacets(leaf: XsdLeaf, value: string | number, path: string, out: PayloadIssue[]): void {
  const f = leaf.facets;
  if (!f) return;
  if (typeof value === 'string') {
    const len = charLength(value);
    if (f.length !== undefined && len !== f.length)
      out.push(issue(path, 'facet', `长度必须为${f.length}`, `length must be exactly ${f.length}, is ${len}`));
    if (f.minLength !== undefined && len < f.minLength)
      out.push(issue(path, 'facet', `长度不能少于${f.minLength}`, `length must be at least ${f.minLength}, is ${len}`));
    if (f.maxLength !== undefined && len > f.maxLength)
      out.push(issue(path, 'facet', `长度不能超过${f.maxLength}`, `length must be at most ${f.maxLength}, is ${len}`));
    return;
  }
  if (f.minInclusive !== undefined && value < f.minInclusive)
    out.push(issue(path, 'facet', `不能小于${f.minInclusive}`, `must be at least ${f.minInclusive}`));
  if (f.maxInclusive !== undefined && value > f.maxInclusive)
    out.push(issue(path, 'facet', `不能大于${f.maxInclusive}`, `must be at most ${f.maxInclusive}`));
  if (f.minExclusive !== undefined && value <= f.minExclusive)
    out.push(issue(path, 'facet', `必须大于${f.minExclusive}`, `must be greater than ${f.minExclusive}`));
  if (f.maxExclusive !== undefined && value >= f.maxExclusive)
    out.push(issue(path, 'facet', `必须小于${f.maxExclusive}`, `must be less than ${f.maxExclusive}`));
}

// ---------------------------------------------------------------------------------------------------------------
// Build: typed object → fast-xml-parser ordered tree → XML text, in XSD order.

type OrderedNode = Record<string, unknown>;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function leafText(leaf: XsdLeaf, value: unknown, path: string, out: PayloadIssue[], facets: boolean): string | null {
  if (leaf.type === 'long') {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      out.push(issue(path, 'type', '必须是整数', 'must be an integer (xs:long)'));
      return null;
    }
    if (facets) checkFacets(leaf, value, path, out);
    return String(value);
  }
  if (typeof value !== 'string') {
    out.push(issue(path, 'type', '必须是字符串', 'must be a string'));
    return null;
  }
  if (leaf.type === 'base64Binary' && !/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(value)) {
    out.push(issue(path, 'type', '必须是base64编码', 'must be base64 (xs:base64Binary)'));
  }
  if (facets) checkFacets(leaf, value, path, out);
  return value;
}

function buildChildren(
  node: XsdComplex,
  value: Record<string, unknown>,
  path: string,
  out: PayloadIssue[],
): OrderedNode[] {
  const known = new Set(node.children.map((c) => c.name));
  for (const key of Object.keys(value)) {
    if (!known.has(key) && value[key] !== undefined) {
      out.push(
        issue(
          `${path}.${key}`,
          'unexpected',
          `${node.name}下不允许出现${key}`,
          `${key} is not an element of ${node.name}`,
        ),
      );
    }
  }
  const present = node.children.filter((c) => value[c.name] !== undefined);
  if (node.group === 'choice' && present.length !== 1) {
    const names = node.children.map((c) => c.name).join(' | ');
    out.push(
      issue(
        path,
        'choice',
        `必须且只能填写以下一项：${names}`,
        `exactly one of ${names} is required, got ${present.length}`,
      ),
    );
  }
  const result: OrderedNode[] = [];
  for (const child of node.children) {
    const v = value[child.name];
    const childPath = `${path}.${child.name}`;
    if (v === undefined) {
      if (node.group !== 'choice' && child.min > 0)
        out.push(issue(childPath, 'required', '必填项缺失', 'required element is missing'));
      continue;
    }
    const items = isRepeated(child) ? v : [v];
    if (!Array.isArray(items)) {
      out.push(issue(childPath, 'type', '必须是数组（可重复元素）', 'must be an array (repeated element)'));
      continue;
    }
    if (items.length < child.min || items.length > maxCount(child)) {
      out.push(
        issue(
          childPath,
          'occurs',
          `出现次数必须在${child.min}到${child.max}之间`,
          `must occur ${child.min}..${child.max} times, got ${items.length}`,
        ),
      );
    }
    items.forEach((item, i) => {
      const itemPath = isRepeated(child) ? `${childPath}[${i}]` : childPath;
      const built = buildElement(child, item, itemPath, out);
      if (built) result.push(built);
    });
  }
  return result;
}

function buildElement(node: XsdNode, value: unknown, path: string, out: PayloadIssue[]): OrderedNode | null {
  if (node.kind === 'leaf') {
    const text = leafText(node, value, path, out, true);
    if (text === null) return null;
    return { [node.name]: text === '' ? [] : [{ '#text': text }] };
  }
  if (!isPlainObject(value)) {
    out.push(issue(path, 'type', '必须是对象', 'must be an object (complex element)'));
    return null;
  }
  return { [node.name]: buildChildren(node, value, path, out) };
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  format: false,
});

/** Checks `value` against the descriptor without producing XML. */
export function validateValue(root: XsdComplex, value: unknown): PayloadIssue[] {
  const out: PayloadIssue[] = [];
  buildElement(root, value, root.name, out);
  return out;
}

export function toViolations(issues: PayloadIssue[]): Violation[] {
  return issues.map((i) => ({
    rule: 'R-BUR-001',
    code: `MIIT_XSD_${i.rule.toUpperCase()}`,
    severity: 'block' as const,
    field: i.path,
    message: { zh: `${i.path}：${i.message.zh}`, en: `${i.path}: ${i.message.en}` },
  }));
}

function refuseInvalid(issues: PayloadIssue[], what: string): never {
  const first = issues[0];
  throw miitError(
    'MIIT_PAYLOAD_INVALID',
    `${what}不符合接口XSD规范：${first.path} ${first.message.zh}`,
    `${what} does not conform to the interface XSD: ${first.path} ${first.message.en}`,
    { violations: toViolations(issues) },
  );
}

/**
 * Builds the XML text of a document. Data files declare GBK, which is what they are once `encodeXmlDocument` writes
 * them; method returns travel as strings inside a UTF-8 SOAP message and declare UTF-8. Refuses (MIIT_PAYLOAD_INVALID)
 * anything the XSD would refuse, so the provider never sends a file the bureau answers with 5001.
 */
export function buildDocument(root: XsdComplex, value: unknown, opts: { encoding?: 'GBK' | 'UTF-8' } = {}): string {
  const out: PayloadIssue[] = [];
  const element = buildElement(root, value, root.name, out);
  if (out.length > 0 || !element) refuseInvalid(out, root.name);
  const hasVersion = root.attributes?.some((a) => a.name === 'version');
  if (hasVersion) element[':@'] = { '@_version': INTERFACE_VERSION };
  const doc: OrderedNode[] = [];
  doc.push({ '?xml': [{ '#text': '' }], ':@': { '@_version': '1.0', '@_encoding': opts.encoding ?? 'GBK' } });
  doc.push(element);
  return builder.build(doc);
}

// ---------------------------------------------------------------------------------------------------------------
// Parse: XML text → ordered tree → typed object, checking names, order, occurrences, types (and facets on request).

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  // Decodes numeric character references (&#x20000;), which encodeXmlDocument writes for characters GBK lacks.
  htmlEntities: true,
  removeNSPrefix: true,
});

export interface ParseOptions {
  /**
   * Also check length and range facets. On for what the provider sends (the bureau refuses those with 5001);
   * off by default for what the bureau sends, so a cosmetic departure in its answer does not stall the sync.
   */
  facets?: boolean;
}

export interface ParsedDocument<T> {
  version: string | undefined;
  data: T;
}

type OrderedEntry = Record<string, unknown>;

function entryName(e: OrderedEntry): string | undefined {
  return Object.keys(e).find((k) => k !== ':@');
}

function elementChildren(
  entries: OrderedEntry[],
  path: string,
  out: PayloadIssue[],
): { name: string; entry: OrderedEntry }[] {
  const result: { name: string; entry: OrderedEntry }[] = [];
  for (const e of entries) {
    const name = entryName(e);
    if (name === undefined || name === '#comment' || name.startsWith('?')) continue;
    if (name === '#text') {
      if (String(e['#text']).trim() !== '')
        out.push(issue(path, 'type', '不允许出现文本内容', 'text is not allowed here'));
      continue;
    }
    result.push({ name, entry: e });
  }
  return result;
}

function textOf(entries: OrderedEntry[], path: string, out: PayloadIssue[]): string {
  let text = '';
  for (const e of entries) {
    const name = entryName(e);
    if (name === '#text') text += String(e['#text']);
    else if (name !== '#comment' && name !== undefined)
      out.push(
        issue(
          `${path}.${name}`,
          'unexpected',
          '简单类型元素下不允许出现子元素',
          'a simple element cannot hold elements',
        ),
      );
  }
  return text;
}

function parseLeaf(
  leaf: XsdLeaf,
  entries: OrderedEntry[],
  path: string,
  out: PayloadIssue[],
  facets: boolean,
): unknown {
  const raw = textOf(entries, path, out);
  if (leaf.type === 'long') {
    const t = raw.trim();
    if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) {
      out.push(issue(path, 'type', '必须是整数', `must be an integer (xs:long), got "${t.slice(0, 40)}"`));
      return undefined;
    }
    const n = Number(t);
    if (facets) checkFacets(leaf, n, path, out);
    return n;
  }
  const value = leaf.type === 'base64Binary' ? raw.replace(/\s+/g, '') : raw;
  if (facets) checkFacets(leaf, value, path, out);
  return value;
}

function parseComplex(
  node: XsdComplex,
  entries: OrderedEntry[],
  path: string,
  out: PayloadIssue[],
  facets: boolean,
): Record<string, unknown> {
  const kids = elementChildren(entries, path, out);
  const byName = new Map(node.children.map((c) => [c.name, c]));
  const result: Record<string, unknown> = {};
  const counts = new Map<string, number>();

  // Order: a sequence must follow declaration order; xs:all and xs:choice take any order.
  if (node.group === 'sequence') {
    let cursor = 0;
    for (const k of kids) {
      const idx = node.children.findIndex((c, i) => i >= cursor && c.name === k.name);
      if (idx < 0) {
        if (byName.has(k.name))
          out.push(
            issue(`${path}.${k.name}`, 'order', '元素顺序与XSD不符', 'element is out of the XSD sequence order'),
          );
        continue;
      }
      cursor = idx;
    }
  }

  for (const k of kids) {
    const child = byName.get(k.name);
    if (!child) {
      out.push(
        issue(
          `${path}.${k.name}`,
          'unexpected',
          `${node.name}下不允许出现${k.name}`,
          `${k.name} is not an element of ${node.name}`,
        ),
      );
      continue;
    }
    const n = counts.get(k.name) ?? 0;
    counts.set(k.name, n + 1);
    const childPath = isRepeated(child) ? `${path}.${k.name}[${n}]` : `${path}.${k.name}`;
    const inner = (k.entry[k.name] as OrderedEntry[]) ?? [];
    const value =
      child.kind === 'leaf'
        ? parseLeaf(child, inner, childPath, out, facets)
        : parseComplex(child, inner, childPath, out, facets);
    if (value === undefined) continue;
    if (isRepeated(child)) {
      const list = (result[k.name] as unknown[] | undefined) ?? [];
      list.push(value);
      result[k.name] = list;
    } else if (n === 0) result[k.name] = value;
  }

  const present = node.children.filter((c) => (counts.get(c.name) ?? 0) > 0);
  if (node.group === 'choice' && present.length !== 1) {
    const names = node.children.map((c) => c.name).join(' | ');
    out.push(
      issue(
        path,
        'choice',
        `必须且只能出现以下一项：${names}`,
        `exactly one of ${names} is required, got ${present.length}`,
      ),
    );
  }
  for (const child of node.children) {
    const n = counts.get(child.name) ?? 0;
    const childPath = `${path}.${child.name}`;
    if (n === 0) {
      if (node.group !== 'choice' && child.min > 0)
        out.push(issue(childPath, 'required', '必填项缺失', 'required element is missing'));
      continue;
    }
    if (n < child.min || n > maxCount(child)) {
      out.push(
        issue(
          childPath,
          'occurs',
          `出现次数必须在${child.min}到${child.max}之间`,
          `must occur ${child.min}..${child.max} times, got ${n}`,
        ),
      );
    }
  }
  return result;
}

/**
 * Parses and checks a document. Returns the issues instead of throwing, so the bureau side can record a bad upload
 * and answer it later with result code 5001, as the spec's bureau does.
 */
export function parseDocumentLenient<T>(
  root: XsdComplex,
  xml: string,
  opts: ParseOptions = {},
): { doc: ParsedDocument<T> | null; issues: PayloadIssue[] } {
  if (/<!DOCTYPE/i.test(xml)) {
    return {
      doc: null,
      issues: [issue(root.name, 'unexpected', '不允许DOCTYPE声明', 'DOCTYPE declarations are not allowed')],
    };
  }
  let tree: OrderedEntry[];
  try {
    tree = parser.parse(xml) as OrderedEntry[];
  } catch (e) {
    return { doc: null, issues: [issue(root.name, 'type', 'XML格式错误', `malformed XML: ${(e as Error).message}`)] };
  }
  const out: PayloadIssue[] = [];
  const top = elementChildren(tree, root.name, out);
  if (top.length !== 1 || top[0].name !== root.name) {
    return {
      doc: null,
      issues: [issue(root.name, 'required', `根元素必须是${root.name}`, `the root element must be ${root.name}`)],
    };
  }
  const attrs = (top[0].entry[':@'] ?? {}) as Record<string, string>;
  const version = attrs['@_version'];
  for (const a of root.attributes ?? []) {
    if (a.required && attrs[`@_${a.name}`] === undefined) {
      out.push(issue(`${root.name}@${a.name}`, 'attribute', `缺少属性${a.name}`, `attribute ${a.name} is required`));
    }
  }
  const data = parseComplex(
    root,
    (top[0].entry[root.name] as OrderedEntry[]) ?? [],
    root.name,
    out,
    opts.facets ?? false,
  );
  return { doc: { version, data: data as T }, issues: out };
}

/** Parses a document and throws MIIT_PAYLOAD_INVALID with every issue as a field-level violation. */
export function parseDocument<T>(root: XsdComplex, xml: string, opts: ParseOptions = {}): ParsedDocument<T> {
  const { doc, issues } = parseDocumentLenient<T>(root, xml, opts);
  if (issues.length > 0 || !doc) refuseInvalid(issues, root.name);
  return doc;
}

/**
 * Counts records the way section 3-3-1-3 limits them (≤ 1000 per file): each occurrence of the first repeated element
 * on a path from the root is one record (Baxx, Xzxx, Bgxx, Zx_xx, Ly, …).
 */
export function countRecords(root: XsdComplex, value: unknown): number {
  const walk = (node: XsdComplex, v: unknown): number => {
    if (!isPlainObject(v)) return 0;
    let n = 0;
    for (const child of node.children) {
      const cv = v[child.name];
      if (cv === undefined) continue;
      if (isRepeated(child)) n += Array.isArray(cv) ? cv.length : 0;
      else if (child.kind === 'complex') n += walk(child, cv);
    }
    return n;
  };
  return walk(root, value);
}
