import { A4, type CjkFont, chineseDate, newDocument, renderToBuffer } from './pdf.ts';

/**
 * 网站备案信息真实性核验单 (R-MAT-007..013): one sheet per website, pre-filled from the order, laid out like the
 * official sheet — subject, website (with its domain box), access, the website principal's signature/seal area at the
 * bottom and the checker's (接入服务商核验) area below it.
 *
 * Domains that do not fit the box continue where the FAQ says a customer would write them by hand (R-MAT-008:
 * 「域名列表行写不下可以写在附近空白处，如域名列表下方，仍然放不下还可以写在“真实性核验单”文字顶部」): first the blank
 * band below the list, then the band above the title. Only beyond that — never for the ≤ 10 domains R-WEB-002
 * allows, but possible with long registrar remarks or an operator-raised limit — an attached page (附页) continues
 * the list; page 1 then says which entries are there.
 */

/** A person as printed on the sheet. Labels are display text; the lead maps codes (e.g. RESIDENT_ID) to them. */
export interface SheetPerson {
  name: string;
  /** e.g. 居民身份证 */
  certificateType: string;
  certificateNumber: string;
  mobile: string;
  officePhone?: string;
  email: string;
}

export interface SheetDomain {
  /** Registrable domain or host, as filed. */
  name: string;
  /** Registrar company name from the registrar adapter (R-MAT-011); printed only where the province asks for it. */
  registrar?: string;
}

export interface VerificationSheetData {
  orderNumber: string;
  /** Display label, e.g. 首次备案 / 新增接入. */
  orderTypeLabel: string;
  /** Filing province, e.g. 广东. */
  province: string;
  /** Beijing civil date 'YYYY-MM-DD' printed on the sheet (and used as the PDF's creation date). */
  generatedOn: string;
  subject: {
    name: string;
    /** 主办单位性质, e.g. 企业 / 个人 / 个体工商户. */
    natureLabel: string;
    certificateType: string;
    certificateNumber: string;
    /** 投资者或上级主管单位; organisations only. */
    investor?: string;
    /** 通信地址 */
    address: string;
    principal: SheetPerson;
  };
  website: {
    name: string;
    homepageUrl: string;
    domains: SheetDomain[];
    /** 网站服务内容, e.g. 综合门户 / 其他. */
    serviceContent: string;
    /** 前置审批 labels with numbers, e.g. 「药品和医疗器械（京）-经营性-2018-0001」; empty = 以上都不涉及. */
    preApprovals: string[];
    /** 网站备注, e.g. 「个体工商户无公章」 (R-MAT-010). */
    remark?: string;
    principal: SheetPerson;
  };
  access: {
    /** 接入服务商名称 — the provider. */
    providerName: string;
    /** 接入方式, e.g. 云主机. */
    method: string;
    /** 服务器放置地, e.g. 广东省广州市. */
    serverLocation: string;
    ips: string[];
  };
  /** Derived by `sheetSignatureRules` from the subject type and the province rule set. */
  signature: SheetSignatureRules;
}

export interface SheetSignatureRules {
  /** R-MAT-010: organisations (and individual businesses that have one, or must) seal with the official seal. */
  sealRequired: boolean;
  /** R-MAT-013: 江西 personal filings — fingerprint over the signature. */
  fingerprintRequired: boolean;
  /** R-MAT-011: 北京 — the registrar after each domain. */
  registrarRemarkRequired: boolean;
}

/** The province-rule keys the sheet depends on (a subset of `ProvinceRules`). */
export interface SheetProvinceRules {
  sheetRegistrarRemark: boolean;
  personalFingerprint: boolean;
  individualBusinessSealRequired: boolean;
}

/**
 * R-MAT-010/011/013 for the sheet's printed instructions. `hasSeal` matters only for individual businesses: one with
 * a seal uses it; one without writes 「个体工商户无公章」 in the remark unless the province insists on a seal.
 */
export function sheetSignatureRules(
  subjectType: 'PERSONAL' | 'ENTERPRISE' | 'INDIVIDUAL_BUSINESS' | 'PUBLIC_INSTITUTION' | 'OTHER_ORG',
  rules: SheetProvinceRules,
  hasSeal = true,
): SheetSignatureRules {
  const personal = subjectType === 'PERSONAL';
  const sealRequired =
    !personal && (subjectType !== 'INDIVIDUAL_BUSINESS' || hasSeal || rules.individualBusinessSealRequired);
  return {
    sealRequired,
    fingerprintRequired: personal && rules.personalFingerprint,
    registrarRemarkRequired: rules.sheetRegistrarRemark,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Domain placement (pure, so the overflow order is testable without a PDF)

export interface DomainPlacement {
  /** 2 when every entry fits half the value width, else 1. */
  columns: 1 | 2;
  box: string[];
  /** Printed in the band directly below the list. */
  below: string[];
  /** Printed in the band above the title. */
  top: string[];
  /** Printed on the attached page(s). */
  attached: string[];
}

/** Rows per area by column count: one long column gets a row more, so 10 domains with 北京 registrar remarks still
 * fit in the box and the band below it (R-MAT-008: 10 domains legibly) without using the band above the title. */
export const DOMAIN_ROWS = {
  1: { box: 5, below: 5, top: 3 },
  2: { box: 4, below: 4, top: 3 },
} as const;
export const DOMAIN_TOP_ROWS = 3;

/** The text printed for one domain: `example-bj.cn（示例注册商有限公司）` where the province asks for the registrar. */
export function domainEntry(d: SheetDomain, registrarRemarkRequired: boolean): string {
  if (!registrarRemarkRequired) return d.name;
  const registrar = d.registrar?.trim();
  // A missing registrar leaves a blank to fill in by hand rather than hiding the requirement.
  return registrar ? `${d.name}（${registrar}）` : `${d.name}（注册商：　　　　　　　　）`;
}

export function placeDomains(entries: string[], fitsHalfWidth: (entry: string) => boolean): DomainPlacement {
  const columns: 1 | 2 = entries.every(fitsHalfWidth) ? 2 : 1;
  const numbered = entries.map((e, i) => `${i + 1}. ${e}`);
  const rows = DOMAIN_ROWS[columns];
  const boxN = rows.box * columns;
  const belowN = rows.below * columns;
  const topN = rows.top * columns;
  return {
    columns,
    box: numbered.slice(0, boxN),
    below: numbered.slice(boxN, boxN + belowN),
    top: numbered.slice(boxN + belowN, boxN + belowN + topN),
    attached: numbered.slice(boxN + belowN + topN),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Drawing

const M = 36; // page margin
const W = A4.width - 2 * M; // table width
const LABEL_W = 92;
const HALF_VALUE_W = (W - 2 * LABEL_W) / 2;
const ROW_H = 18;
const LINE_H = 13;
const HEADER_H = 16;
const FONT = 9;

type Doc = PDFKit.PDFDocument;

/** Writes one line, shrinking the font (down to 5.5 pt) rather than cutting or wrapping a filed value. */
function fitText(
  doc: Doc,
  text: string,
  x: number,
  y: number,
  w: number,
  size = FONT,
  align: 'left' | 'center' = 'left',
) {
  let s = size;
  doc.fontSize(s);
  while (s > 5.5 && doc.widthOfString(text) > w) {
    s -= 0.5;
    doc.fontSize(s);
  }
  doc.text(text, x, y, { width: w, lineBreak: false, align });
  doc.fontSize(FONT);
}

function cell(doc: Doc, x: number, y: number, w: number, h: number, text: string, opts: { label?: boolean } = {}) {
  if (opts.label) doc.rect(x, y, w, h).fillAndStroke('#f2f2f2', '#000000');
  else doc.rect(x, y, w, h).stroke();
  doc.fillColor('#000000');
  fitText(doc, text, x + 4, y + (h - FONT) / 2 - 1, w - 8, FONT, opts.label ? 'center' : 'left');
}

function header(doc: Doc, y: number, title: string): number {
  doc.rect(M, y, W, HEADER_H).fillAndStroke('#d9d9d9', '#000000');
  doc.fillColor('#000000');
  fitText(doc, title, M + 4, y + 3.5, W - 8, 9.5);
  return y + HEADER_H;
}

/** label | value (full width) */
function row(doc: Doc, y: number, label: string, value: string): number {
  cell(doc, M, y, LABEL_W, ROW_H, label, { label: true });
  cell(doc, M + LABEL_W, y, W - LABEL_W, ROW_H, value);
  return y + ROW_H;
}

/** label | value | label | value */
function row2(doc: Doc, y: number, l1: string, v1: string, l2: string, v2: string): number {
  cell(doc, M, y, LABEL_W, ROW_H, l1, { label: true });
  cell(doc, M + LABEL_W, y, HALF_VALUE_W, ROW_H, v1);
  cell(doc, M + LABEL_W + HALF_VALUE_W, y, LABEL_W, ROW_H, l2, { label: true });
  cell(doc, M + 2 * LABEL_W + HALF_VALUE_W, y, HALF_VALUE_W, ROW_H, v2);
  return y + ROW_H;
}

function listBlock(doc: Doc, x: number, y: number, w: number, rows: number, columns: 1 | 2, items: string[]) {
  const colW = w / columns;
  items.forEach((item, i) => {
    // Fill column by column, so numbering reads downwards like a handwritten list.
    const col = Math.floor(i / rows);
    const r = i % rows;
    fitText(doc, item, x + 4 + col * colW, y + 3 + r * LINE_H, colW - 8);
  });
}

function domainArea(doc: Doc, y: number, label: string[], rows: number, columns: 1 | 2, items: string[]): number {
  const h = rows * LINE_H + 6;
  doc.rect(M, y, LABEL_W, h).fillAndStroke('#f2f2f2', '#000000');
  doc.fillColor('#000000');
  label.forEach((line, i) => {
    fitText(
      doc,
      line,
      M + 4,
      y + h / 2 - (label.length * 11) / 2 + i * 11 + 1,
      LABEL_W - 8,
      i === 0 ? FONT : 7.5,
      'center',
    );
  });
  doc.rect(M + LABEL_W, y, W - LABEL_W, h).stroke();
  listBlock(doc, M + LABEL_W, y, W - LABEL_W, rows, columns, items);
  return y + h;
}

function personRows(doc: Doc, y: number, who: string, p: SheetPerson): number {
  let yy = row2(doc, y, `${who}姓名`, p.name, '证件类型', p.certificateType);
  yy = row2(doc, yy, '证件号码', p.certificateNumber, '手机号码', p.mobile);
  return row2(doc, yy, '办公电话', p.officePhone ?? '', '电子邮箱', p.email);
}

function footer(doc: Doc, page: number, pages: number, orderNumber: string) {
  fitText(doc, `备案订单号 ${orderNumber}　·　第 ${page} 页 / 共 ${pages} 页`, M, A4.height - 24, W, 7.5, 'center');
}

/** Generates the sheet for one website. Throws `CJK_FONT_MISSING` when the font is not installed. */
export async function verificationSheetPdf(
  data: VerificationSheetData,
  opts: { font?: CjkFont } = {},
): Promise<Buffer> {
  const doc = newDocument({
    title: `网站备案信息真实性核验单 - ${data.website.name}`,
    author: data.access.providerName,
    date: data.generatedOn,
    margin: 0,
    font: opts.font,
  });
  doc.lineWidth(0.6).fontSize(FONT);

  const entries = data.website.domains.map((d) => domainEntry(d, data.signature.registrarRemarkRequired));
  const halfWidth = (W - LABEL_W) / 2 - 8;
  const placement = placeDomains(entries, (e) => {
    doc.fontSize(FONT);
    return doc.widthOfString(`${entries.length}. ${e}`) <= halfWidth;
  });
  const attachedPages = Math.ceil(placement.attached.length / (40 * placement.columns));
  const pages = 1 + attachedPages;
  const total = entries.length;
  const firstAttached = total - placement.attached.length + 1;

  // Band above the title: the FAQ's last resort for domains (empty otherwise).
  let y = 26;
  if (placement.top.length > 0) {
    fitText(doc, '网站域名（续，接“网站域名”栏）：', M, y, W, 8);
    listBlock(doc, M, y + 10, W, DOMAIN_TOP_ROWS, placement.columns, placement.top);
  }
  y = 26 + 18 + DOMAIN_TOP_ROWS * LINE_H;

  fitText(doc, '网站备案信息真实性核验单', M, y, W, 18, 'center');
  y += 26;
  fitText(
    doc,
    `备案订单号：${data.orderNumber}　　备案类型：${data.orderTypeLabel}　　备案省份：${data.province}　　生成日期：${chineseDate(data.generatedOn)}`,
    M,
    y,
    W,
    8.5,
    'center',
  );
  y += 16;

  // 主办者信息
  y = header(doc, y, '一、主办者信息');
  y = row(doc, y, '主办单位名称', data.subject.name);
  y = row2(doc, y, '主办单位性质', data.subject.natureLabel, '证件类型', data.subject.certificateType);
  y = row2(doc, y, '证件号码', data.subject.certificateNumber, '投资者或上级主管单位', data.subject.investor ?? '');
  y = row(doc, y, '通信地址', data.subject.address);
  y = personRows(doc, y, '负责人', data.subject.principal);

  // 网站信息
  y = header(doc, y, '二、网站信息');
  y = row2(doc, y, '网站名称', data.website.name, '网站首页网址', data.website.homepageUrl);
  const boxLabel = ['网站域名', `共 ${total} 个`];
  if (placement.attached.length > 0) boxLabel.push(`第 ${firstAttached}–${total} 个见附页`);
  const rows = DOMAIN_ROWS[placement.columns];
  y = domainArea(doc, y, boxLabel, rows.box, placement.columns, placement.box);
  if (placement.below.length > 0) {
    y = domainArea(doc, y, ['网站域名', '（续）'], rows.below, placement.columns, placement.below);
  }
  y = row2(
    doc,
    y,
    '网站服务内容',
    data.website.serviceContent,
    '前置审批',
    data.website.preApprovals.length > 0 ? data.website.preApprovals.join('；') : '以上都不涉及',
  );
  y = personRows(doc, y, '网站负责人', data.website.principal);
  y = row(doc, y, '网站备注', data.website.remark ?? '');

  // 接入信息
  y = header(doc, y, '三、接入信息');
  y = row2(doc, y, '接入服务商', data.access.providerName, '接入方式', data.access.method);
  y = row2(doc, y, '服务器放置地', data.access.serverLocation, 'IP 地址', data.access.ips.join('，'));

  // 网站负责人签字（盖章）
  y = header(doc, y, '四、网站负责人确认（仅在此处签字、盖章，其余部分请勿填写）');
  const signH = 88;
  doc.rect(M, y, W, signH).stroke();
  doc.fontSize(8.5);
  doc.text(
    `本人/本单位承诺：以上所填写的备案信息及所提交的证件材料真实、有效，如有虚假，愿承担由此产生的一切法律责任；网站开通后将按规定在首页底部标注备案号。`,
    M + 6,
    y + 6,
    { width: W / 2 - 6, lineGap: 2 },
  );
  const signNotes: string[] = [];
  if (data.signature.sealRequired) signNotes.push('须加盖单位公章（不接受合同章等其他印章）');
  else signNotes.push('个人备案仅需签字，无需盖章');
  if (data.signature.fingerprintRequired) signNotes.push('须在签字处按手印');
  fitText(doc, signNotes.join('；'), M + 6, y + signH - 16, W / 2 - 12, 7.5);
  const sx = M + W / 2 + 10;
  fitText(doc, '网站负责人签字：______________________', sx, y + 14, W / 2 - 20, 9);
  if (data.signature.sealRequired) {
    doc
      .circle(sx + 170, y + 52, 26)
      .dash(2, { space: 2 })
      .stroke()
      .undash();
    fitText(doc, '（单位公章）', sx + 140, y + 48, 60, 7.5, 'center');
  }
  fitText(doc, '日期：________ 年 ____ 月 ____ 日', sx, y + signH - 18, W / 2 - 20, 9);
  y += signH;

  // 核验记录（接入服务商填写）
  y = header(doc, y, '五、核验记录（以下由接入服务商填写）');
  const checkH = 58;
  doc.rect(M, y, W, checkH).stroke();
  fitText(doc, `核验单位：${data.access.providerName}（盖章）`, M + 6, y + 8, W / 2 - 12, 9);
  fitText(doc, '核验意见：□ 已核验本人身份　□ 信息与证件一致', M + 6, y + 26, W / 2 - 12, 9);
  fitText(doc, '核验人签字：____________________', sx, y + 8, W / 2 - 20, 9);
  fitText(doc, '核验日期：________ 年 ____ 月 ____ 日', sx, y + 26, W / 2 - 20, 9);
  fitText(doc, '核验方式：□ 当面核验　□ 幕布照片核验', sx, y + 42, W / 2 - 20, 9);
  y += checkH;

  // The layout is fixed; if a future edit makes page 1 overflow, fail loudly instead of printing over the footer.
  if (y + 20 > A4.height - 28) throw new Error(`verification sheet layout overflows page 1 (y=${y})`);
  fitText(
    doc,
    '说明：每个网站单独打印一份核验单（原件 2 份），签字盖章后扫描或拍照上传；核验单无需邮寄。',
    M,
    y + 6,
    W,
    7.5,
  );
  footer(doc, 1, pages, data.orderNumber);

  // 附页
  const perPage = 40 * placement.columns;
  for (let p = 0; p < attachedPages; p++) {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.font('cjk').lineWidth(0.6);
    fitText(doc, '网站备案信息真实性核验单 — 附页（网站域名续）', M, 40, W, 14, 'center');
    fitText(
      doc,
      `网站名称：${data.website.name}　　备案订单号：${data.orderNumber}　　本附页与核验单第 1 页一并签字上传`,
      M,
      64,
      W,
      8.5,
      'center',
    );
    const items = placement.attached.slice(p * perPage, (p + 1) * perPage);
    doc.rect(M, 84, W, 40 * LINE_H + 6).stroke();
    listBlock(doc, M, 84, W, 40, placement.columns, items);
    fitText(doc, '网站负责人签字：______________________', M + W / 2 + 10, 84 + 40 * LINE_H + 24, W / 2 - 20, 9);
    footer(doc, p + 2, pages, data.orderNumber);
  }

  return renderToBuffer(doc);
}
