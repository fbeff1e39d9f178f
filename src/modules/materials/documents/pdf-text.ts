import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';

/**
 * Test support: the text of each page of a PDF. Uses poppler's `pdftotext` when installed (Debian poppler-utils),
 * otherwise a small reader that understands exactly what pdfkit writes — Flate-compressed content streams whose
 * text is shown with hex glyph ids (`[<0001…>] TJ`) and one ToUnicode CMap per embedded font — which is enough to
 * prove the Chinese text is really in the file and on which page.
 */

export function hasPdftotext(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function pdfPagesText(pdf: Buffer): { pages: string[]; via: 'pdftotext' | 'builtin' } {
  if (hasPdftotext()) {
    const dir = mkdtempSync(join(tmpdir(), 'beian-pdf-'));
    try {
      const file = join(dir, 'doc.pdf');
      writeFileSync(file, pdf);
      const out = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      const pages = out.split('\f');
      if (pages.at(-1)?.trim() === '') pages.pop();
      return { pages, via: 'pdftotext' };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return { pages: builtinPages(pdf), via: 'builtin' };
}

interface PdfStream {
  dict: string;
  data: Buffer;
}

function streams(pdf: Buffer): PdfStream[] {
  const s = pdf.toString('latin1');
  const out: PdfStream[] = [];
  const re = /(?<!end)stream\r?\n/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const dictStart = s.lastIndexOf('<<', m.index);
    const dict = s.slice(dictStart, m.index);
    const lengthMatch = /\/Length (\d+)/.exec(dict);
    const start = m.index + m[0].length;
    const raw = lengthMatch
      ? pdf.subarray(start, start + Number(lengthMatch[1]))
      : pdf.subarray(start, s.indexOf('endstream', start));
    out.push({ dict, data: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
    re.lastIndex = start + raw.length;
  }
  return out;
}

function parseCMap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  const hexToString = (hex: string) => {
    let out = '';
    for (let i = 0; i < hex.length; i += 4) out += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
    return out;
  };
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
      map.set(Number.parseInt(code, 16), hexToString(uni));
    }
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, rest] of block[1].matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g,
    )) {
      const from = Number.parseInt(lo, 16);
      const to = Number.parseInt(hi, 16);
      if (rest.startsWith('[')) {
        const list = [...rest.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => hexToString(x[1]));
        for (let c = from; c <= to; c++) map.set(c, list[c - from] ?? '');
      } else {
        const base = Number.parseInt(rest.slice(1, -1), 16);
        for (let c = from; c <= to; c++) map.set(c, String.fromCharCode(base + c - from));
      }
    }
  }
  return map;
}

function builtinPages(pdf: Buffer): string[] {
  const all = streams(pdf);
  const cmap = new Map<number, string>();
  for (const st of all) {
    const t = st.data.toString('latin1');
    if (t.includes('begincmap')) for (const [k, v] of parseCMap(t)) cmap.set(k, v);
  }
  const pages: string[] = [];
  for (const st of all) {
    const t = st.data.toString('latin1');
    // Page content streams carry only /Length and /Filter; fonts and CMaps carry more keys.
    if (/\/(Length1|Subtype|Type)\b/.test(st.dict) || t.includes('begincmap') || !/\b(TJ|Tj)\b/.test(t)) continue;
    const lines: string[] = [];
    for (const op of t.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = op[1] !== undefined ? [...op[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]) : [op[2]];
      let line = '';
      for (const h of hexes)
        for (let i = 0; i < h.length; i += 4) line += cmap.get(Number.parseInt(h.slice(i, i + 4), 16)) ?? '\uFFFD';
      lines.push(line);
    }
    pages.push(lines.join('\n'));
  }
  return pages;
}
