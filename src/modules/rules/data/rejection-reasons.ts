import type { LocalizedText } from '../../../platform/i18n.ts';

export type ReviewStage = 'initial' | 're-review' | 'bureau';

/**
 * R-REJ-007: rejection reason codes with their console label and stages; R-REJ-008: the remedy text from the FAQ.
 * The review and bureau modules record these codes; the console shows the label and remedy.
 */
export const REJECTION_REASONS: Readonly<
  Record<string, { label: LocalizedText; stages: readonly ReviewStage[]; remedy?: LocalizedText }>
> = {
  SUBJECT_INFO_INCOMPLETE: {
    label: { zh: '主体信息填写不完善', en: 'Subject information incomplete' },
    stages: ['initial', 'bureau'],
  },
  WEBSITE_INFO_INCOMPLETE: {
    label: { zh: '网站信息填写不完善', en: 'Website information incomplete' },
    stages: ['initial', 'bureau'],
  },
  SITE_OPEN_BEFORE_FILING: {
    label: { zh: '网站未备案通过前已开通', en: 'Website opened before the filing was approved' },
    stages: ['initial', 'bureau'],
    remedy: {
      zh: '请关闭网站访问或将页面设置为"网站正在建设中"，必要时关闭域名解析，并检查 DNS 与 CDN 缓存后重新提交。',
      en: "Close the site or show only 'under construction', remove DNS resolution if needed, check DNS/CDN caches, then resubmit.",
    },
  },
  CONTENT_SUBJECT_MISMATCH: {
    label: { zh: '网站内容与主体性质不符', en: 'Website content does not fit the subject' },
    stages: ['initial', 'bureau'],
    remedy: {
      zh: '网站内容需是本单位自身内容、符合经营范围、不涉及其他单位；涉及前置审批的内容需有审批文件；已备案网站需悬挂备案号；未备案网站不得开通访问。',
      en: 'Content must be about the organisation itself and its business scope, not other organisations; pre-approval content needs the approval; filed sites show the filing number; unfiled sites stay closed.',
    },
  },
  WEBSITE_NAME_INVALID: {
    label: { zh: '网站名称不符合要求', en: 'Website name not acceptable' },
    stages: ['initial', 'bureau'],
    remedy: {
      zh: '请按照网站命名规则修改网站名称（见命名规则说明）。',
      en: 'Rename the website following the naming rules (see the naming-rules help).',
    },
  },
  MATERIALS_NOT_AS_REQUIRED: {
    label: { zh: '证件/核验单未按要求上传', en: 'Certificates or verification sheet not uploaded as required' },
    stages: ['initial'],
  },
  CERT_IMAGE_UNCLEAR: {
    label: { zh: '证件不清晰', en: 'Certificate image unclear' },
    stages: ['initial', 'bureau'],
    remedy: {
      zh: '建议重新提交扫描件，因提交管局时会压缩图片。',
      en: 'Re-upload a clearer scan: images are compressed before they go to the bureau.',
    },
  },
  CERT_EXPIRED: { label: { zh: '证件已过期', en: 'Certificate expired' }, stages: ['initial', 'bureau'] },
  PRINCIPAL_NOT_LEGAL_REP: {
    label: { zh: '主体负责人非法人', en: 'Subject principal is not the legal representative' },
    stages: ['initial', 'bureau'],
  },
  LEGAL_REP_AUTH_MISSING: {
    label: { zh: '缺少法人授权书', en: 'Legal-representative authorisation letter missing' },
    stages: ['initial'],
  },
  DOMAIN_NOT_REAL_NAME: {
    label: { zh: '域名未实名认证', en: 'Domain not real-name verified' },
    stages: ['initial', 'bureau'],
  },
  DOMAIN_OWNER_MISMATCH: {
    label: { zh: '域名所有者与主办者不一致', en: 'Domain owner differs from the subject' },
    stages: ['initial', 'bureau'],
  },
  DOMAIN_OWNER_TYPE_MISMATCH: {
    label: { zh: '域名实名类型与主体性质不一致', en: 'Domain registrant type differs from the subject type' },
    stages: ['initial', 'bureau'],
  },
  DOMAIN_PRIVACY_ON: { label: { zh: '请关闭域名保护', en: 'Turn off domain privacy protection' }, stages: ['initial'] },
  PRE_APPROVAL_MISSING: { label: { zh: '缺少前置审批', en: 'Pre-approval missing' }, stages: ['initial', 'bureau'] },
  CONFIRMATION_CALL_UNREACHED: {
    label: { zh: '审核确认电话未接通', en: 'Confirmation call not answered' },
    stages: ['initial'],
  },
  SUPPLEMENTARY_MATERIALS_REQUIRED: {
    label: { zh: '需补交材料', en: 'Supplementary materials required' },
    stages: ['initial'],
  },
  SEAL_INVALID: {
    label: { zh: '核验单盖章不符合要求', en: 'Seal on the verification sheet not acceptable' },
    stages: ['initial'],
  },
  CURTAIN_NOT_PROVIDER: {
    label: { zh: '幕布不是本接入商的', en: "The curtain is not this provider's" },
    stages: ['re-review'],
    remedy: { zh: '请联系客服免费申请本接入商的幕布。', en: "Ask support for this provider's curtain; it is free." },
  },
  PHOTO_SEASON: {
    label: { zh: '幕布照片不符合要求', en: 'Curtain photo not acceptable' },
    stages: ['re-review', 'bureau'],
  },
  PHOTO_EDITED: {
    label: { zh: '幕布照片不符合要求', en: 'Curtain photo not acceptable' },
    stages: ['re-review', 'bureau'],
  },
  PHOTO_MIRRORED: {
    label: { zh: '幕布照片不符合要求', en: 'Curtain photo not acceptable' },
    stages: ['re-review', 'bureau'],
  },
  PHOTO_FRAMING: {
    label: { zh: '幕布照片不符合要求', en: 'Curtain photo not acceptable' },
    stages: ['re-review', 'bureau'],
  },
  PHOTO_NOT_PRINCIPAL: {
    label: { zh: '幕布照片不符合要求', en: 'Curtain photo not acceptable' },
    stages: ['re-review', 'bureau'],
  },
  CURTAIN_TEXT_MISMATCH: {
    label: { zh: '幕布照片不符合要求', en: 'Curtain photo not acceptable' },
    stages: ['re-review', 'bureau'],
  },
  SUBJECT_CONFLICT: { label: { zh: '备案主办者冲突', en: 'Subject conflict' }, stages: ['bureau'] },
  DOMAIN_CONFLICT: { label: { zh: '备案域名冲突', en: 'Domain conflict' }, stages: ['bureau'] },
  WRONG_ORDER_TYPE: { label: { zh: '备案类型提交错误', en: 'Wrong order type' }, stages: ['bureau'] },
  SERVER_INVALID: { label: { zh: '接入服务器无效', en: 'Access server invalid' }, stages: ['initial', 'bureau'] },
  FILING_PASSWORD_WRONG: { label: { zh: '备案密码错误', en: 'Wrong filing password' }, stages: ['bureau'] },
  EXISTING_WEBSITE_NONCOMPLIANT: {
    label: { zh: '已备案网站不符合要求', en: 'An already filed website is not compliant' },
    stages: ['initial', 'bureau'],
  },
  BLACKLISTED: {
    label: { zh: '主体或网站名称已列入黑名单', en: 'Subject or website name is blacklisted' },
    stages: ['bureau'],
  },
};
