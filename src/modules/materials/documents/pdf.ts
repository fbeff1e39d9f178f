import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { DomainError } from '../../../platform/errors.ts';
import { startOfBeijingDay } from '../../calendar/civil-date.ts';

/**
 * Shared PDF plumbing for the generated materials. Chinese needs an embedded CJK font: pdfkit's built-in fonts are
 * Latin-only and would print nothing (or boxes) for 核验单. The default is Debian's fonts-wqy-microhei; pdfkit embeds
 * only the glyphs used, so a sheet stays around 30–60 KB.
 */

export const DEFAULT_CJK_FONT = {
  path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
  /** The face inside the TrueType collection (the other is the monospaced variant). */
  family: 'WenQuanYiMicroHei',
  debianPackage: 'fonts-wqy-microhei',
} as const;

export interface CjkFont {
  path: string;
  /** PostScript name of the face for .ttc collections; omit for a single .ttf/.otf. */
  family?: string;
}

/** Throws a clear, actionable error when the font is missing (a packaging problem, not a customer error). */
export function resolveCjkFont(font: CjkFont = DEFAULT_CJK_FONT): CjkFont {
  if (!existsSync(font.path)) {
    throw new DomainError('SERVICE_UNAVAILABLE', {
      reason: 'CJK_FONT_MISSING',
      message: {
        zh: `生成 PDF 需要中文字体 ${font.path}，请安装 Debian 软件包 ${DEFAULT_CJK_FONT.debianPackage}（apt-get install ${DEFAULT_CJK_FONT.debianPackage}）或配置其他中文字体。`,
        en: `Generating PDFs needs the CJK font ${font.path}: install the Debian package ${DEFAULT_CJK_FONT.debianPackage} (apt-get install ${DEFAULT_CJK_FONT.debianPackage}) or configure another CJK font.`,
      },
      details: { fontPath: font.path, package: DEFAULT_CJK_FONT.debianPackage },
    });
  }
  return font;
}

export const A4 = { width: 595.28, height: 841.89 } as const;

export interface NewDocOptions {
  title: string;
  author: string;
  /** Beijing civil date printed on the document; also its CreationDate, so output is reproducible. */
  date: string;
  /** 0 for absolutely positioned forms (no automatic page breaks); a normal margin for flowing letters. */
  margin: number;
  font?: CjkFont;
}

export function newDocument(opts: NewDocOptions): PDFKit.PDFDocument {
  const font = resolveCjkFont(opts.font);
  const creation = startOfBeijingDay(opts.date);
  const doc = new PDFDocument({
    size: 'A4',
    margin: opts.margin,
    info: { Title: opts.title, Author: opts.author, Creator: 'Beian', CreationDate: creation, ModDate: creation },
    lang: 'zh-CN',
    displayTitle: true,
  });
  doc.registerFont('cjk', font.path, font.family);
  doc.font('cjk');
  return doc;
}

/** Ends the document and collects its bytes. */
export function renderToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/** 2018-11-05 → 2018年11月05日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${y}年${m}月${d}日`;
}
