import type { LocalizedText } from '../../../platform/i18n.ts';
import type { CertificateType, SubjectType } from '../draft.ts';

/** R-SUB-001: subject types, their labels and the mainland certificates each may file with. */
export const SUBJECT_TYPE_INFO: Readonly<
  Record<SubjectType, { label: LocalizedText; certificates: readonly CertificateType[] }>
> = {
  PERSONAL: {
    label: { zh: '个人', en: 'Individual' },
    certificates: ['RESIDENT_ID', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_RESIDENT_ID', 'PASSPORT'],
  },
  ENTERPRISE: {
    label: { zh: '企业（含分公司）', en: 'Enterprise (incl. branch companies)' },
    certificates: ['USCC_LICENCE', 'BUSINESS_REGISTRATION', 'ORGANIZATION_CODE'],
  },
  INDIVIDUAL_BUSINESS: {
    label: { zh: '个体工商户', en: 'Individual business' },
    certificates: ['USCC_LICENCE', 'BUSINESS_REGISTRATION'],
  },
  PUBLIC_INSTITUTION: {
    label: { zh: '事业单位', en: 'Public institution' },
    certificates: ['INSTITUTION_CERT', 'USCC_LICENCE'],
  },
  OTHER_ORG: {
    label: { zh: '政府机关、社会团体等其他单位', en: 'Government body, social organisation or other organisation' },
    certificates: [
      'GOVERNMENT_USCC',
      'SOCIAL_ORG_CERT',
      'PRIVATE_NON_ENTERPRISE_CERT',
      'FOUNDATION_CERT',
      'LAW_FIRM_LICENCE',
      'RELIGIOUS_ORG_CERT',
      'ORGANIZATION_CODE',
      'USCC_LICENCE',
    ],
  },
};

export const CERTIFICATE_LABELS: Readonly<Record<CertificateType, LocalizedText>> = {
  RESIDENT_ID: { zh: '居民身份证', en: 'Resident ID card' },
  PASSPORT: { zh: '护照', en: 'Passport' },
  HK_MACAO_PERMIT: { zh: '港澳居民来往内地通行证', en: 'Mainland travel permit for HK/Macao residents' },
  TAIWAN_PERMIT: { zh: '台湾居民来往大陆通行证', en: 'Mainland travel permit for Taiwan residents' },
  FOREIGN_PERMANENT_RESIDENT_ID: { zh: '外国人永久居留身份证', en: 'Foreign permanent resident ID' },
  USCC_LICENCE: { zh: '营业执照（统一社会信用代码）', en: 'Business licence (unified social credit code)' },
  BUSINESS_REGISTRATION: { zh: '营业执照（注册号）', en: 'Business licence (old registration number)' },
  ORGANIZATION_CODE: { zh: '组织机构代码证', en: 'Organisation code certificate' },
  INSTITUTION_CERT: { zh: '事业单位法人证书', en: 'Public institution legal-person certificate' },
  SOCIAL_ORG_CERT: { zh: '社会团体法人登记证书', en: 'Social organisation registration certificate' },
  GOVERNMENT_USCC: { zh: '统一社会信用代码证书', en: 'Unified social credit code certificate' },
  PRIVATE_NON_ENTERPRISE_CERT: { zh: '民办非企业单位登记证书', en: 'Private non-enterprise unit certificate' },
  FOUNDATION_CERT: { zh: '基金会法人登记证书', en: 'Foundation registration certificate' },
  LAW_FIRM_LICENCE: { zh: '律师事务所执业许可证', en: 'Law firm practising licence' },
  RELIGIOUS_ORG_CERT: { zh: '宗教活动场所登记证', en: 'Religious venue registration certificate' },
  FOREIGN_REGISTRATION: { zh: '境外企业注册证明', en: 'Foreign company registration' },
};

/** Certificate types whose number is an 18-character USCC (R-SUB-002). */
export const USCC_CERTIFICATES: ReadonlySet<CertificateType> = new Set(['USCC_LICENCE', 'GOVERNMENT_USCC']);

/** Principal certificates (R-SUB-013, R-SUB-028: a foreign legal representative files with a passport). */
export const PRINCIPAL_CERTIFICATES: readonly CertificateType[] = [
  'RESIDENT_ID',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGN_PERMANENT_RESIDENT_ID',
];
