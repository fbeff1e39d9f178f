import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { encodeXmlDocument } from '../envelope.ts';
import { readXsd, xsdDir } from '../payloads/codegen.ts';

/**
 * Test support: validates XML against the interface XSDs with libxml2, independently of our own checks.
 * xmllint-wasm reads UTF-8 only, so it gets the document re-declared as UTF-8 (same characters). When the Debian
 * xmllint binary is installed it also gets the real GBK bytes as they go on the wire.
 */

const xmllintBinary = ['/usr/bin/xmllint', '/usr/local/bin/xmllint'].find((p) => existsSync(p));
const schemaCache = new Map<string, string>();

function asUtf8(xml: string): string {
  const withoutDecl = xml.replace(/^\s*<\?xml[^?]*\?>/, '');
  return `<?xml version="1.0" encoding="UTF-8"?>${withoutDecl}`;
}

export interface LintResult {
  valid: boolean;
  errors: string[];
}

/** Validates several documents against one XSD in a single libxml2 run (compiling the big XSDs takes ~0.1 s). */
export async function lintAgainstXsd(
  xsdFile: string,
  docs: string[],
  opts: { gbkBytes?: boolean } = {},
): Promise<LintResult[]> {
  let schema = schemaCache.get(xsdFile);
  if (!schema) {
    schema = readXsd(xsdFile);
    schemaCache.set(xsdFile, schema);
  }
  const files = docs.map((d, i) => ({ fileName: `doc${i}.xml`, contents: asUtf8(d) }));
  const result = await validateXML({
    xml: files,
    schema: { fileName: 'schema.xsd', contents: schema },
    maxMemoryPages: 4096,
  });
  const out: LintResult[] = docs.map(() => ({ valid: true, errors: [] }));
  for (const e of result.errors) {
    const m = /^doc(\d+)\.xml$/.exec(e.loc?.fileName ?? '');
    const idx = m ? Number(m[1]) : -1;
    if (idx >= 0) {
      out[idx].valid = false;
      out[idx].errors.push(e.message);
    } else if (!result.valid) {
      for (const o of out) o.errors.push(e.rawMessage);
    }
  }
  if (!result.valid && out.every((o) => o.valid)) for (const o of out) o.valid = false;

  if (opts.gbkBytes !== false && xmllintBinary) {
    const dir = mkdtempSync(join(tmpdir(), 'miit-xsd-'));
    try {
      docs.forEach((d, i) => {
        const file = join(dir, `gbk${i}.xml`);
        writeFileSync(file, encodeXmlDocument(d));
        const run = spawnSync(xmllintBinary, ['--noout', '--schema', join(xsdDir, xsdFile), file], {
          encoding: 'utf8',
        });
        if (run.status !== 0) {
          out[i].valid = false;
          out[i].errors.push(`[xmllint binary, GBK bytes] ${run.stderr.trim()}`);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export const hasXmllintBinary = xmllintBinary !== undefined;
