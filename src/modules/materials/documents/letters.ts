import { type CjkFont, chineseDate, newDocument, renderToBuffer } from './pdf.ts';

/**
 * The letters offered on the materials-download page (R-MAT-014), pre-filled from the order:
 * - 法人授权书: the legal representative authorises a website principal who is not the legal representative
 *   (required in the provinces of R-PRV-008, accepted everywhere);
 * - 网站建设书: the website-construction statement (what the site is, who runs it, what it does and does not do).
 * Both are plain flowing documents; the customer prints, signs, seals and uploads them to a supplementary slot.
 */

export interface LetterPerson {
  name: string;
  /** e.g. 居民身份证 */
  certificateType: string;
  certificateNumber: string;
  mobile?: string;
}

export interface LetterWebsite {
  name: string;
  domains: string[];
}

export interface AuthorizationLetterData {
  /** Beijing civil date 'YYYY-MM-DD'. */
  date: string;
  /** Addressee, normally the access provider (「致：…」). */
  providerName: string;
  subject: {
    name: string;
    /** 统一社会信用代码 or other certificate number. */
    certificateNumber: string;
  };
  legalRepresentative: LetterPerson;
  /** The website principal being authorised. */
  authorisedPerson: LetterPerson;
  websites: LetterWebsite[];
}

const MARGIN = 64;

function heading(doc: PDFKit.PDFDocument, title: string) {
  doc.fontSize(20).text(title, { align: 'center' });
  doc.moveDown(1.2);
  doc.fontSize(11.5);
}

function para(doc: PDFKit.PDFDocument, text: string, opts: PDFKit.Mixins.TextOptions = {}) {
  doc.text(text, { lineGap: 5, paragraphGap: 8, ...opts });
}

function personLine(p: LetterPerson): string {
  return `${p.name}（${p.certificateType}：${p.certificateNumber}${p.mobile ? `，手机：${p.mobile}` : ''}）`;
}

function websiteLines(websites: LetterWebsite[]): string[] {
  return websites.map((w, i) => `${i + 1}. ${w.name}：${w.domains.join('、')}`);
}

/** 法人授权书. Throws `CJK_FONT_MISSING` when the font is not installed. */
export async function authorizationLetterPdf(
  data: AuthorizationLetterData,
  opts: { font?: CjkFont } = {},
): Promise<Buffer> {
  const doc = newDocument({
    title: `法人授权书 - ${data.subject.name}`,
    author: data.providerName,
    date: data.date,
    margin: MARGIN,
    font: opts.font,
  });
  heading(doc, '法人授权书');
  para(doc, `致：${data.providerName}`);
  para(
    doc,
    `兹授权 ${personLine(data.authorisedPerson)} 为我单位 ${data.subject.name}（证件号码：${data.subject.certificateNumber}）以下网站的网站负责人，代表我单位办理网站备案（含首次备案、接入、变更及注销）的相关事宜，并负责网站的日常管理与信息安全。`,
    { indent: 23 },
  );
  para(doc, '授权网站：');
  for (const line of websiteLines(data.websites)) para(doc, line, { indent: 23, paragraphGap: 2 });
  doc.moveDown(0.5);
  para(
    doc,
    '被授权人在上述事项中所提交的信息和材料均视为我单位提交，我单位对其真实性、有效性负责，并承担相应的法律责任。本授权自签署之日起生效，至上述网站备案注销或我单位书面撤销授权之日止。',
    { indent: 23 },
  );
  doc.moveDown(2);
  para(doc, `法定代表人：${personLine(data.legalRepresentative)}`);
  para(doc, '法定代表人签字：______________________');
  para(doc, '被授权人签字：______________________');
  doc.moveDown(1);
  para(doc, `授权单位（盖公章）：${data.subject.name}`, { align: 'right' });
  para(doc, `日期：${chineseDate(data.date)}`, { align: 'right' });
  return renderToBuffer(doc);
}

export interface WebsiteConstructionLetterData {
  date: string;
  providerName: string;
  subject: {
    name: string;
    /** 个人 subjects sign; organisations seal. */
    personal: boolean;
  };
  website: {
    name: string;
    homepageUrl: string;
    domains: string[];
    /** 网站服务内容 label. */
    serviceContent: string;
    /** What the site is for, in the customer's words (网站建设目的及内容简介). */
    purpose: string;
    /** 网站栏目 (menu sections), if known. */
    sections?: string[];
    /** Pre-approval labels; empty = none. */
    preApprovals: string[];
    ips: string[];
  };
  principal: LetterPerson & { email?: string };
}

/** 网站建设书 (R-MAT-014). Throws `CJK_FONT_MISSING` when the font is not installed. */
export async function websiteConstructionLetterPdf(
  data: WebsiteConstructionLetterData,
  opts: { font?: CjkFont } = {},
): Promise<Buffer> {
  const doc = newDocument({
    title: `网站建设书 - ${data.website.name}`,
    author: data.providerName,
    date: data.date,
    margin: MARGIN,
    font: opts.font,
  });
  const w = data.website;
  heading(doc, '网站建设书');
  para(doc, '一、网站基本情况');
  for (const line of [
    `网站名称：${w.name}`,
    `网站首页网址：${w.homepageUrl}`,
    `网站域名：${w.domains.join('、')}`,
    `网站服务内容：${w.serviceContent}`,
    `前置审批：${w.preApprovals.length > 0 ? w.preApprovals.join('；') : '以上都不涉及'}`,
    `接入服务商：${data.providerName}　　IP 地址：${w.ips.join('，')}`,
    `主办者：${data.subject.name}`,
    `网站负责人：${personLine(data.principal)}${data.principal.email ? `，邮箱：${data.principal.email}` : ''}`,
  ]) {
    para(doc, line, { indent: 23, paragraphGap: 2 });
  }
  doc.moveDown(0.5);
  para(doc, '二、网站建设目的及内容简介');
  para(doc, w.purpose, { indent: 23 });
  if (w.sections && w.sections.length > 0) {
    para(doc, '三、网站栏目设置');
    para(doc, w.sections.join('、'), { indent: 23 });
  }
  para(doc, `${w.sections && w.sections.length > 0 ? '四' : '三'}、承诺`);
  para(
    doc,
    `网站内容与备案的网站名称和服务内容一致，不从事新闻、出版、教育、医疗保健、药品和医疗器械、文化、广播电影电视节目等须经前置审批的互联网信息服务${w.preApprovals.length > 0 ? '（已取得的前置审批除外）' : ''}；不发布违反国家法律法规的内容；网站开通后在首页底部标注备案号并链接至工业和信息化部备案管理系统网站。`,
    { indent: 23 },
  );
  doc.moveDown(2);
  para(doc, `网站负责人签字：______________________`, { align: 'right' });
  para(doc, data.subject.personal ? `主办者签字：${data.subject.name}` : `主办单位（盖公章）：${data.subject.name}`, {
    align: 'right',
  });
  para(doc, `日期：${chineseDate(data.date)}`, { align: 'right' });
  return renderToBuffer(doc);
}
