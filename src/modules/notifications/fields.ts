import type { Lang, LocalizedText } from '../../platform/i18n.ts';

/**
 * Human names for the draft's field paths (`subject.name`, `websites[0].principal.mobile`, `materials[3]`), so a
 * rejection mail names the item the customer must fix in words, not in JSON paths (R-REJ-001: "each with the affected
 * field or website"). Pure; an unknown segment falls back to the raw segment rather than hiding the reason.
 */

const L = (zh: string, en: string): LocalizedText => ({ zh, en });

const PRINCIPAL: Record<string, LocalizedText> = {
  name: L('姓名', 'Name'),
  certificateType: L('证件类型', 'Certificate type'),
  certificateNumber: L('证件号码', 'Certificate number'),
  certificateValidFrom: L('证件有效期起始日期', 'Certificate valid from'),
  certificateValidTo: L('证件有效期截止日期', 'Certificate valid to'),
  nationality: L('国籍', 'Nationality'),
  mobile: L('手机号码', 'Mobile number'),
  officePhone: L('办公电话', 'Office phone'),
  email: L('电子邮箱', 'Email'),
  emergencyContact: L('应急联系人', 'Emergency contact'),
};

const ADDRESS: Record<string, LocalizedText> = {
  province: L('省份', 'Province'),
  city: L('城市', 'City'),
  district: L('区县', 'District'),
  detail: L('详细地址', 'Street address'),
};

const SUBJECT: Record<string, LocalizedText> = {
  type: L('主体性质', 'Subject type'),
  name: L('主办单位或主办人名称', 'Subject name'),
  certificateType: L('证件类型', 'Certificate type'),
  certificateNumber: L('证件号码', 'Certificate number'),
  uploadedCertificateNumber: L('证件照片上的证件号码', 'Number on the uploaded certificate'),
  certificateValidFrom: L('证件有效期起始日期', 'Certificate valid from'),
  certificateValidTo: L('证件有效期截止日期', 'Certificate valid to'),
  certificateAddress: L('证件住所', 'Registered address'),
  communicationAddress: L('通信地址', 'Mailing address'),
  legalRepresentative: L('法定代表人', 'Legal representative'),
  branchOf: L('总公司信息', 'Head office'),
  nationalLevel: L('国家级单位', 'National-level organisation'),
  businessScope: L('经营范围', 'Business scope'),
  investorOrAuthority: L('投资人或主管单位', 'Investor or supervising authority'),
  hasOfficialSeal: L('公章', 'Official seal'),
  remark: L('备注', 'Remark'),
};

const PRE_APPROVAL: Record<string, LocalizedText> = {
  category: L('前置审批类型', 'Pre-approval category'),
  number: L('审批文号', 'Approval number'),
  authority: L('审批机关', 'Issuing authority'),
  issueDate: L('发证日期', 'Issue date'),
  expiryDate: L('有效期截止日期', 'Expiry date'),
  cultureLicence: L('网络文化经营许可证', 'Online culture business licence'),
  activities: L('经营类别', 'Activity categories'),
  documentBlobId: L('审批文件扫描件', 'Scan of the approval'),
};

const WEBSITE: Record<string, LocalizedText> = {
  filingNumber: L('网站备案号', 'Website filing number'),
  name: L('网站名称', 'Website name'),
  domains: L('网站域名', 'Domains'),
  homepageUrl: L('网站首页地址', 'Home page URL'),
  serviceContent: L('网站服务内容', 'Service content'),
  nature: L('网站类型', 'Website nature'),
  languages: L('网站语言', 'Languages'),
  preApprovalCategories: L('前置审批项', 'Pre-approval items'),
  preApprovals: L('前置审批', 'Pre-approvals'),
  contentTags: L('网站内容', 'Declared content'),
  cultureActivities: L('文网文经营类别', 'Culture activities'),
  commercialCulture: L('经营性互联网文化活动', 'Commercial culture activity'),
  principalSameAsSubject: L('网站负责人同主体负责人', 'Website principal same as subject principal'),
  principal: L('网站负责人', 'Website principal'),
  accessIps: L('接入 IP 地址', 'Access IP addresses'),
  serverIds: L('接入服务器', 'Access servers'),
  commercialLicensed: L('经营性备案', 'Commercial licence'),
  icpLicenceNumber: L('ICP 经营许可证编号', 'ICP commercial licence number'),
  remark: L('备注', 'Remark'),
};

const ROOT: Record<string, LocalizedText> = {
  orderType: L('备案类型', 'Order type'),
  province: L('备案省份', 'Filing province'),
  city: L('备案城市', 'Filing city'),
  district: L('备案区县', 'Filing district'),
  authCode: L('备案授权码', 'Authorization code'),
  subjectFilingNumber: L('主体备案号', 'Subject filing number'),
  subject: L('主体信息', 'Subject'),
  subjectPrincipal: L('主体负责人', 'Subject principal'),
  websites: L('网站信息', 'Websites'),
  materials: L('上传资料', 'Uploaded materials'),
  cancelConfirmation: L('注销确认', 'Cancellation confirmation'),
};

/** R-MAT-002 and the supplementary documents: what each upload kind is called in the console. */
export const MATERIAL_KIND_LABELS: Record<string, LocalizedText> = {
  SUBJECT_CERT_FRONT: L('主体证件（正面）', 'Subject certificate (front)'),
  SUBJECT_CERT_BACK: L('主体证件（反面）', 'Subject certificate (back)'),
  SUBJECT_PRINCIPAL_ID_FRONT: L('主体负责人证件（正面）', 'Subject principal ID (front)'),
  SUBJECT_PRINCIPAL_ID_BACK: L('主体负责人证件（反面）', 'Subject principal ID (back)'),
  WEBSITE_PRINCIPAL_ID_FRONT: L('网站负责人证件（正面）', 'Website principal ID (front)'),
  WEBSITE_PRINCIPAL_ID_BACK: L('网站负责人证件（反面）', 'Website principal ID (back)'),
  VERIFICATION_SHEET: L('网站备案信息真实性核验单', 'Verification sheet'),
  HANDHELD_PHOTO: L('手持证件照片', 'Photo holding the ID'),
  CURTAIN_PHOTO: L('幕布照片', 'Curtain photo'),
  PRE_APPROVAL_DOC: L('前置审批文件', 'Pre-approval document'),
  NATIONAL_NAME_APPROVAL: L('国家级名称批复文件', 'National name approval'),
  FINANCE_APPROVAL: L('金融类批复文件', 'Finance approval'),
  LEGAL_REP_AUTH_LETTER: L('法人授权书', 'Legal representative authorisation'),
  FOREIGN_REP_AUTHORISATION: L('境外代表授权书', 'Foreign representative authorisation'),
  RESIDENCE_PERMIT: L('居住证', 'Residence permit'),
  GUARDIAN_CONSENT: L('监护人同意书', 'Guardian consent'),
  ADULT_MARKET_APPROVAL: L('成人用品经营许可', 'Adult products licence'),
  ADULT_HEALTH_APPROVAL: L('成人用品卫生许可', 'Adult products health approval'),
  GD_FINANCE_UNDERTAKING: L('广东金融类承诺书', 'Guangdong finance undertaking'),
  GD_BUSINESS_INTRO: L('广东单位情况说明', 'Guangdong business introduction'),
  GD_WEBSITE_INTRO: L('广东网站情况说明', 'Guangdong website introduction'),
  LICENCE_COPY: L('许可证复印件', 'Licence copy'),
  XJ_PARTY_PROOF: L('新疆网信办证明', 'Xinjiang cyberspace office proof'),
  CHANGE_LETTER: L('变更说明函', 'Change letter'),
  DOMAIN_CERTIFICATE: L('域名证书', 'Domain certificate'),
  SUPPLEMENTARY: L('补充材料', 'Supplementary material'),
};

/** What a path needs from the draft to read well: website names and upload kinds, by index. */
export interface FieldContext {
  websiteNames?: readonly (string | null)[];
  materials?: readonly { kind: string; websiteIndex?: number }[];
}

type Segment = { key: string } | { index: number };

function parsePath(path: string): Segment[] {
  const out: Segment[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[1] !== undefined) out.push({ key: m[1] });
    else out.push({ index: Number(m[2]) });
  }
  return out;
}

/** Which label table applies below a given key (principal → PRINCIPAL, and so on). */
function tableBelow(key: string): Record<string, LocalizedText> | null {
  if (key === 'subjectPrincipal' || key === 'principal' || key === 'legalRepresentative') return PRINCIPAL;
  if (key === 'emergencyContact') return { name: L('姓名', 'Name'), mobile: L('手机号码', 'Mobile number') };
  if (key === 'communicationAddress') return ADDRESS;
  if (key === 'subject') return SUBJECT;
  if (key === 'websites') return WEBSITE;
  if (key === 'preApprovals') return PRE_APPROVAL;
  if (key === 'branchOf')
    return {
      name: L('总公司名称', 'Head office name'),
      legalRepresentativeName: L('总公司法定代表人', 'Head office legal representative'),
    };
  return null;
}

const quote = (lang: Lang, s: string) => (lang === 'zh' ? `「${s}」` : `"${s}"`);

/**
 * `websites[0].principal.mobile` → 「网站1「张三的技术博客」 › 网站负责人 › 手机号码」. Website indexes are shown
 * 1-based with the website's name when the draft has one; an upload index names the upload kind.
 */
export function fieldLabel(path: string, lang: Lang, ctx: FieldContext = {}): string {
  const segs = parsePath(path);
  const parts: string[] = [];
  let table: Record<string, LocalizedText> | null = ROOT;
  let lastKey = '';
  for (const s of segs) {
    if ('key' in s) {
      const label = table?.[s.key];
      parts.push(label ? label[lang] : s.key);
      table = tableBelow(s.key);
      lastKey = s.key;
      continue;
    }
    const n = s.index + 1;
    if (lastKey === 'websites') {
      // "网站信息 › 网站1" reads worse than "网站1"
      parts.pop();
      const name = ctx.websiteNames?.[s.index];
      const base = lang === 'zh' ? `网站${n}` : `Website ${n}`;
      parts.push(name ? `${base}${lang === 'zh' ? '' : ' '}${quote(lang, name)}` : base);
    } else if (lastKey === 'materials') {
      parts.pop();
      const m = ctx.materials?.[s.index];
      const kind = m ? MATERIAL_KIND_LABELS[m.kind]?.[lang] : undefined;
      const site =
        m?.websiteIndex !== undefined
          ? lang === 'zh'
            ? `（网站${m.websiteIndex + 1}）`
            : ` (website ${m.websiteIndex + 1})`
          : '';
      parts.push(kind ? `${kind}${site}` : lang === 'zh' ? `上传资料第${n}项` : `Upload no. ${n}`);
    } else if (lastKey === 'domains') {
      parts.push(lang === 'zh' ? `第${n}个` : `no. ${n}`);
    } else {
      parts.push(lang === 'zh' ? `第${n}项` : `no. ${n}`);
    }
  }
  return parts.join(' › ');
}
