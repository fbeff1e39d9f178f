import { chineseDate, newDocument, renderToBuffer } from '../materials/documents/pdf.ts';

/**
 * The "access provider information" sheet (接入商信息) a customer hands in with the public-security filing
 * (R-EXT-003). The PDF plumbing (CJK font, reproducible dates) is the materials module's.
 */
export interface InfoSheetData {
  /** Beijing civil date the sheet is generated on. */
  date: string;
  providerName: string;
  /** The access-service licence number; empty when the operator has not configured it. */
  licenceNumber: string;
  subjectName: string;
  subjectFilingNumber: string;
  websiteName: string;
  websiteFilingNumber: string;
  domains: string[];
  accessIps: string[];
  /** e.g. 中国大陆 · ap-guangzhou */
  serverRegions: string[];
}

const MARGIN = 64;

export async function accessInfoSheetPdf(d: InfoSheetData): Promise<Buffer> {
  const doc = newDocument({ title: '接入服务商信息', author: d.providerName, date: d.date, margin: MARGIN });
  doc.fontSize(20).text('接入服务商信息', { align: 'center' });
  doc.fontSize(11).text('（供办理公安机关互联网站备案使用）', { align: 'center' });
  doc.moveDown(1.5);
  const rows: [string, string][] = [
    ['接入服务商名称', d.providerName],
    ['接入服务商经营许可证号', d.licenceNumber.trim() || '未配置'],
    ['主办单位名称', d.subjectName],
    ['ICP 主体备案号', d.subjectFilingNumber],
    ['网站名称', d.websiteName],
    ['ICP 网站备案号', d.websiteFilingNumber],
    ['网站域名', d.domains.join('、') || '—'],
    ['接入 IP 地址', d.accessIps.join('、') || '—'],
    ['服务器所在地区', d.serverRegions.join('、') || '—'],
  ];
  doc.fontSize(12);
  const labelWidth = 170;
  for (const [label, value] of rows) {
    const y = doc.y;
    doc.text(`${label}：`, MARGIN, y, { width: labelWidth });
    const labelBottom = doc.y;
    doc.text(value, MARGIN + labelWidth, y, { width: doc.page.width - 2 * MARGIN - labelWidth, lineGap: 3 });
    doc.y = Math.max(labelBottom, doc.y) + 8;
  }
  doc.moveDown(2);
  doc
    .fontSize(10.5)
    .text(
      '本服务商不代为办理公安备案。请登录全国公安机关互联网站安全管理服务平台（https://beian.mps.gov.cn）自行提交，并在网站开通之日起 30 日内完成。',
      MARGIN,
      doc.y,
      { lineGap: 4 },
    );
  doc.moveDown(2);
  doc.fontSize(12).text(d.providerName, { align: 'right' });
  doc.text(chineseDate(d.date), { align: 'right' });
  return renderToBuffer(doc);
}
