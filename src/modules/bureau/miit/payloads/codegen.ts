import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import type { XsdComplex, XsdFacets, XsdLeafType, XsdNode } from './xsd-model.ts';

/**
 * Turns the interface XSDs into (1) a descriptor the engine in xsd-model.ts walks and (2) TypeScript interfaces with
 * the XSD documentation as JSDoc. The XSDs are the contract, so the models are generated rather than hand-copied;
 * codegen.test.ts fails when a generated file no longer matches its XSD.
 *
 * Run: node --import tsx src/modules/bureau/miit/payloads/codegen.ts
 */

export interface XsdSource {
  /** File name under ../xsd/ (the spec's own Chinese names, UTF-8). */
  file: string;
  /** Generated module under ./generated/. */
  module: string;
  /** TypeScript name of the root type; nested types are named `<root>_<path>`. */
  rootType: string;
  /** Name of the exported descriptor constant. */
  schemaConst: string;
}

export const xsdSources: XsdSource[] = [
  { file: '企业上报数据格式.xsd', module: 'upload-data', rootType: 'UploadData', schemaConst: 'uploadDataSchema' },
  {
    file: '企业下载数据格式.xsd',
    module: 'download-data',
    rootType: 'DownloadData',
    schemaConst: 'downloadDataSchema',
  },
  {
    file: '企业上报数据方法调用返回数据格式.xsd',
    module: 'upload-return',
    rootType: 'UploadReturn',
    schemaConst: 'uploadReturnSchema',
  },
  {
    file: '企业下载数据方法调用返回数据格式.xsd',
    module: 'download-return',
    rootType: 'DownloadReturn',
    schemaConst: 'downloadReturnSchema',
  },
  {
    file: '企业数据下载确认方法调用返回数据格式.xsd',
    module: 'download-ack-return',
    rootType: 'DownloadAckReturn',
    schemaConst: 'downloadAckReturnSchema',
  },
  {
    file: '企业最近上载数据查询方法调用返回数据格式.xsd',
    module: 'query-previous-upload-return',
    rootType: 'QueryPreviousUploadReturn',
    schemaConst: 'queryPreviousUploadReturnSchema',
  },
  {
    file: '是否备案查询方法调用返回数据格式.xsd',
    module: 'query-beian-status-return',
    rootType: 'QueryBeianStatusReturn',
    schemaConst: 'queryBeianStatusReturnSchema',
  },
  // Written by the project: the spec has no XSD for this return (see the comment in the file).
  {
    file: 'verifybamm-return.project.xsd',
    module: 'verify-bamm-return',
    rootType: 'VerifyBammReturn',
    schemaConst: 'verifyBammReturnSchema',
  },
];

export const xsdDir = fileURLToPath(new URL('../xsd/', import.meta.url));
const generatedDir = fileURLToPath(new URL('./generated/', import.meta.url));

type Entry = Record<string, unknown>;

const xsdParser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
});

function tagOf(e: Entry): string | undefined {
  return Object.keys(e).find((k) => k !== ':@');
}
function kidsOf(e: Entry): Entry[] {
  const t = tagOf(e);
  return t ? ((e[t] as Entry[]) ?? []) : [];
}
function attrsOf(e: Entry): Record<string, string> {
  return (e[':@'] as Record<string, string>) ?? {};
}
function find(entries: Entry[], tag: string): Entry | undefined {
  return entries.find((e) => tagOf(e) === tag);
}

function textContent(entries: Entry[]): string {
  return entries.map((e) => (tagOf(e) === '#text' ? String(e['#text']) : textContent(kidsOf(e)))).join('');
}

/** Element documentation, keyed by descriptor node, for the JSDoc of the generated types. */
export type DocMap = WeakMap<XsdNode, string>;

const leafTypes: Record<string, XsdLeafType> = { string: 'string', long: 'long', base64Binary: 'base64Binary' };
const facetNames = [
  'length',
  'minLength',
  'maxLength',
  'minInclusive',
  'maxInclusive',
  'minExclusive',
  'maxExclusive',
] as const;

function elementToNode(el: Entry, docs: DocMap): XsdNode {
  const a = attrsOf(el);
  const kids = kidsOf(el);
  const name = a.name;
  if (!name) throw new Error('an xs:element without a name (ref= is not used by the V3.0 XSDs)');
  const min = a.minOccurs === undefined ? 1 : Number(a.minOccurs);
  const max: number | 'unbounded' =
    a.maxOccurs === undefined ? 1 : a.maxOccurs === 'unbounded' ? 'unbounded' : Number(a.maxOccurs);
  const annotation = find(kids, 'annotation');
  const doc = annotation ? textContent(kidsOf(annotation)).replace(/\r\n?/g, '\n').trim() : '';

  let node: XsdNode;
  const complexType = find(kids, 'complexType');
  const simpleType = find(kids, 'simpleType');
  if (complexType) {
    const ctKids = kidsOf(complexType);
    const groupEntry = ctKids.find((e) => ['sequence', 'all', 'choice'].includes(tagOf(e) ?? ''));
    const group = (groupEntry ? tagOf(groupEntry) : 'sequence') as XsdComplex['group'];
    const children = groupEntry
      ? kidsOf(groupEntry)
          .filter((e) => {
            const t = tagOf(e);
            if (t === 'sequence' || t === 'choice' || t === 'all' || t === 'any' || t === 'group') {
              throw new Error(`${name}: nested ${t} groups are not used by the V3.0 XSDs and not supported`);
            }
            return t === 'element';
          })
          .map((e) => elementToNode(e, docs))
      : [];
    const attributes = ctKids
      .filter((e) => tagOf(e) === 'attribute')
      .map((e) => ({ name: attrsOf(e).name, required: attrsOf(e).use === 'required' }));
    node = { kind: 'complex', name, min, max, group, children, ...(attributes.length ? { attributes } : {}) };
  } else if (simpleType) {
    const restriction = find(kidsOf(simpleType), 'restriction');
    if (!restriction) throw new Error(`${name}: only xs:restriction simple types are supported`);
    const base = (attrsOf(restriction).base ?? '').replace(/^.*:/, '');
    const type = leafTypes[base];
    if (!type) throw new Error(`${name}: unsupported base type ${base}`);
    const facets: XsdFacets = {};
    for (const f of kidsOf(restriction)) {
      const t = tagOf(f);
      if (t === '#text' || t === undefined) continue;
      if (!(facetNames as readonly string[]).includes(t)) throw new Error(`${name}: unsupported facet ${t}`);
      facets[t as (typeof facetNames)[number]] = Number(attrsOf(f).value);
    }
    node = { kind: 'leaf', name, min, max, type, ...(Object.keys(facets).length ? { facets } : {}) };
  } else {
    const typeAttr = (a.type ?? '').replace(/^.*:/, '');
    // An element with neither a type nor a body is xs:anyType in XSD; the interface only ever puts text in them.
    const type: XsdLeafType = typeAttr ? leafTypes[typeAttr] : 'any';
    if (!type) throw new Error(`${name}: unsupported type ${a.type}`);
    node = { kind: 'leaf', name, min, max, type };
  }
  if (doc) docs.set(node, doc);
  return node;
}

/** Reads one XSD (UTF-8 text) into the descriptor of its single root element. */
export function xsdToDescriptor(xsdText: string, docs: DocMap = new WeakMap()): XsdComplex {
  const tree = xsdParser.parse(xsdText) as Entry[];
  const schema = tree.find((e) => tagOf(e) === 'schema');
  if (!schema) throw new Error('no xs:schema element');
  const roots = kidsOf(schema).filter((e) => tagOf(e) === 'element');
  if (roots.length !== 1) throw new Error(`expected one root element, found ${roots.length}`);
  const root = elementToNode(roots[0], docs);
  if (root.kind !== 'complex') throw new Error('the root element must be complex');
  return root;
}

export function readXsd(file: string): string {
  // The spec's XSDs were converted from GBK to UTF-8 and declare UTF-8; refuse anything else rather than misread it.
  const bytes = readFileSync(`${xsdDir}${file}`);
  const head = bytes.subarray(0, 100).toString('latin1');
  if (!/encoding="UTF-8"/i.test(head)) throw new Error(`${file}: expected an XSD declared as UTF-8`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

// ---------------------------------------------------------------------------------------------------------------
// TypeScript rendering.

function jsdoc(text: string | undefined, indent: string): string {
  if (!text) return '';
  const lines = text.replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0].trim()} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l.trim()}`.trimEnd()).join('\n')}\n${indent} */\n`;
}

function typeRef(node: XsdNode, path: string): string {
  const base = node.kind === 'complex' ? path : node.type === 'long' ? 'number' : 'string';
  return node.max === 'unbounded' || node.max > 1 ? `${base}[]` : base;
}

function renderTypes(root: XsdComplex, rootType: string, docs: DocMap): string {
  const out: string[] = [];
  const visit = (node: XsdComplex, typeName: string) => {
    const props = node.children.map((c) => ({ c, ref: typeRef(c, `${typeName}_${c.name}`), optional: c.min === 0 }));
    if (node.group === 'choice') {
      const alts = props.map(({ c, ref }) => {
        const others = node.children.filter((o) => o !== c).map((o) => `    ${o.name}?: never;`);
        return `  | {\n${jsdoc(docs.get(c), '    ')}    ${c.name}: ${ref};\n${others.join('\n')}\n    }`;
      });
      out.push(`${jsdoc(docs.get(node), '')}export type ${typeName} =\n${alts.join('\n')};\n`);
    } else {
      const body = props.map(
        ({ c, ref, optional }) => `${jsdoc(docs.get(c), '  ')}  ${c.name}${optional ? '?' : ''}: ${ref};`,
      );
      out.push(`${jsdoc(docs.get(node), '')}export interface ${typeName} {\n${body.join('\n')}\n}\n`);
    }
    for (const c of node.children) if (c.kind === 'complex') visit(c, `${typeName}_${c.name}`);
  };
  visit(root, rootType);
  return out.join('\n');
}

function renderValue(v: unknown, indent: string): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => `${indent}  ${renderValue(x, `${indent}  `)},`).join('\n')}\n${indent}]`;
  }
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v);
    const inline = `{ ${entries.map(([k, x]) => `${k}: ${renderValue(x, indent)}`).join(', ')} }`;
    if (!entries.some(([, x]) => Array.isArray(x) && x.length > 0) && inline.length + indent.length < 100)
      return inline;
    return `{\n${entries.map(([k, x]) => `${indent}  ${k}: ${renderValue(x, `${indent}  `)},`).join('\n')}\n${indent}}`;
  }
  return typeof v === 'string' ? `'${v}'` : String(v);
}

export function renderModule(src: XsdSource): string {
  const docs: DocMap = new WeakMap();
  const root = xsdToDescriptor(readXsd(src.file), docs);
  return [
    `// Generated by payloads/codegen.ts from xsd/${src.file}. Do not edit: change the generator or the XSD and run`,
    '// `node --import tsx src/modules/bureau/miit/payloads/codegen.ts`.',
    "import type { XsdComplex } from '../xsd-model.ts';",
    '',
    renderTypes(root, src.rootType, docs),
    `/** Descriptor of xsd/${src.file}, walked by xsd-model.ts to build and parse ${src.rootType}. */`,
    `export const ${src.schemaConst}: XsdComplex = ${renderValue(root, '')};`,
    '',
  ].join('\n');
}

export function generatedPath(src: XsdSource): string {
  return `${generatedDir}${src.module}.ts`;
}

/** The generated text exactly as committed: rendered, then formatted by the project's Biome. */
export function formattedModule(src: XsdSource): string {
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  const run = spawnSync(process.execPath, [biome, 'format', `--stdin-file-path=${generatedPath(src)}`], {
    input: renderModule(src),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`biome format failed: ${run.stderr}`);
  return run.stdout;
}

function main(): void {
  for (const src of xsdSources) {
    writeFileSync(generatedPath(src), formattedModule(src));
    console.log(`wrote generated/${src.module}.ts`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
