import { ORDER_TYPE_LABELS } from '../../../../src/modules/rules/data/order-types.ts';
import { SERVICE_CONTENT_INFO, WEBSITE_NATURE_INFO } from '../../../../src/modules/rules/data/service-content.ts';
import { CERTIFICATE_LABELS, SUBJECT_TYPE_INFO } from '../../../../src/modules/rules/data/subject-types.ts';
import type { LocalizedText } from '../../../../src/platform/i18n.ts';

/**
 * Labels for the draft's field paths on the review page. The last key names the field (`websites[0].principal.mobile`
 * → 手机号码); the containers on the way give the context. Unknown keys show as written, never hidden.
 */
const LABELS: Record<string, LocalizedText> = {
  subject: { zh: '主办者', en: 'Subject' },
  subjectPrincipal: { zh: '主体负责人', en: 'Subject principal' },
  websites: { zh: '网站', en: 'Website' },
  materials: { zh: '材料', en: 'Material' },
  existingWebsites: { zh: '已备案网站', en: 'Filed website' },
  orderType: { zh: '备案类型', en: 'Order type' },
  province: { zh: '省份', en: 'Province' },
  city: { zh: '城市', en: 'City' },
  district: { zh: '区县', en: 'District' },
  authCode: { zh: '备案授权码', en: 'Authorization code' },
  subjectFilingNumber: { zh: '主体备案号', en: 'Subject filing number' },
  type: { zh: '类型', en: 'Type' },
  name: { zh: '名称/姓名', en: 'Name' },
  certificateType: { zh: '证件类型', en: 'Certificate type' },
  certificateNumber: { zh: '证件号码', en: 'Certificate number' },
  uploadedCertificateNumber: { zh: '上传证件上的号码', en: 'Number on the uploaded certificate' },
  certificateValidFrom: { zh: '证件有效期起', en: 'Valid from' },
  certificateValidTo: { zh: '证件有效期至', en: 'Valid to' },
  certificateAddress: { zh: '证件地址', en: 'Certificate address' },
  communicationAddress: { zh: '通信地址', en: 'Communication address' },
  detail: { zh: '详细地址', en: 'Street address' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative' },
  nationality: { zh: '国籍', en: 'Nationality' },
  businessScope: { zh: '经营范围', en: 'Business scope' },
  investorOrAuthority: { zh: '投资人或主管单位', en: 'Investor or authority' },
  hasOfficialSeal: { zh: '有公章', en: 'Has an official seal' },
  remark: { zh: '备注', en: 'Remark' },
  mobile: { zh: '手机号码', en: 'Mobile' },
  officePhone: { zh: '办公电话', en: 'Office phone' },
  email: { zh: '电子邮箱', en: 'Email' },
  emergencyContact: { zh: '应急联系人', en: 'Emergency contact' },
  domains: { zh: '域名', en: 'Domains' },
  homepageUrl: { zh: '首页地址', en: 'Home page' },
  serviceContent: { zh: '服务内容', en: 'Service content' },
  nature: { zh: '网站性质', en: 'Website nature' },
  languages: { zh: '网站语言', en: 'Languages' },
  preApprovalCategories: { zh: '前置审批类别', en: 'Pre-approval categories' },
  preApprovals: { zh: '前置审批', en: 'Pre-approvals' },
  contentTags: { zh: '内容标签', en: 'Content tags' },
  principalSameAsSubject: { zh: '网站负责人同主体负责人', en: 'Website principal = subject principal' },
  principal: { zh: '网站负责人', en: 'Website principal' },
  accessIps: { zh: '接入 IP', en: 'Access IPs' },
  serverIds: { zh: '接入服务器', en: 'Servers' },
  kind: { zh: '材料类型', en: 'Kind' },
  websiteIndex: { zh: '网站序号', en: 'Website no.' },
  blobId: { zh: '文件', en: 'File' },
  mimeType: { zh: '格式', en: 'Format' },
  sizeBytes: { zh: '大小（字节）', en: 'Size (bytes)' },
  signed: { zh: '已签字', en: 'Signed' },
  seal: { zh: '盖章', en: 'Seal' },
  fingerprint: { zh: '手印', en: 'Fingerprint' },
  registrarRemarks: { zh: '注册商备注', en: 'Registrar remarks' },
};

/**
 * The label of a path relative to its section: every key labelled, joined (`principal.mobile` → 网站负责人 · 手机号码),
 * with array elements numbered from 1 (`domains[1]` → 域名 2).
 */
export function fieldLabel(path: string, lang: 'zh' | 'en'): string {
  const parts = [...path.matchAll(/([A-Za-z]+)((?:\[\d+\])*)/g)];
  if (parts.length === 0) return path;
  return parts
    .map(([, key, idx]) => {
      const base = LABELS[key]?.[lang] ?? key;
      const n = [...idx.matchAll(/\[(\d+)\]/g)].map((x) => Number(x[1]) + 1);
      return n.length ? `${base} ${n.join('.')}` : base;
    })
    .join(' · ');
}

const ENUM_LABELS: Record<string, Readonly<Record<string, LocalizedText | { label: LocalizedText }>>> = {
  orderType: ORDER_TYPE_LABELS,
  type: SUBJECT_TYPE_INFO,
  certificateType: CERTIFICATE_LABELS,
  serviceContent: SERVICE_CONTENT_INFO,
  nature: WEBSITE_NATURE_INFO,
};

/** The console label of an enumerated value (`RESIDENT_ID` → 居民身份证), or null for free values. */
export function valueLabel(path: string, value: unknown, lang: 'zh' | 'en'): string | null {
  if (typeof value !== 'string') return null;
  const key = /([A-Za-z]+)$/.exec(path)?.[1];
  const entry = key ? ENUM_LABELS[key]?.[value] : undefined;
  if (!entry) return null;
  return 'label' in entry ? entry.label[lang] : entry[lang];
}

/** The part of the page a path belongs to: subject, subject principal, website i, materials, other. */
export function sectionOf(path: string): {
  section: 'subject' | 'subjectPrincipal' | 'websites' | 'materials' | 'other';
  index?: number;
} {
  const m = /^(subjectPrincipal|subject|websites|materials)(?:\[(\d+)\])?(?=[.[]|$)/.exec(path);
  if (!m) return { section: 'other' };
  const section = m[1] as 'subject' | 'subjectPrincipal' | 'websites' | 'materials';
  return section === 'websites' && m[2] !== undefined ? { section, index: Number(m[2]) } : { section };
}

/** The path relative to its section, for the label column (`websites[0].principal.mobile` → `principal.mobile`). */
export function withinSection(path: string): string {
  return path.replace(/^(subjectPrincipal|subject|websites\[\d+\]|materials)(\.|$)/, '') || path;
}
