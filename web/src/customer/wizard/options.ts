import type { TFunction } from 'i18next';
import { CULTURE_ACTIVITY_INFO, PRE_APPROVAL_INFO } from '../../../../src/modules/rules/data/pre-approval.ts';
import {
  PERSONAL_SERVICE_CONTENTS,
  SERVICE_CONTENT_INFO,
  WEBSITE_NATURE_INFO,
} from '../../../../src/modules/rules/data/service-content.ts';
import {
  CERTIFICATE_LABELS,
  PRINCIPAL_CERTIFICATES,
  SUBJECT_TYPE_INFO,
} from '../../../../src/modules/rules/data/subject-types.ts';
import {
  type CertificateType,
  CONTENT_TAGS,
  CULTURE_ACTIVITIES,
  PRE_APPROVAL_CATEGORIES,
  SERVICE_CONTENTS,
  SUBJECT_TYPES,
  type SubjectType,
  WEBSITE_NATURES,
} from '../../../../src/modules/rules/draft.ts';
import type { LocalizedText } from '../../../../src/platform/i18n.ts';

/** Select options from the rules module's own label tables, so the console and the rules never disagree. */
type Pick = (t: LocalizedText | undefined) => string;

export const subjectTypeOptions = (pick: Pick) =>
  SUBJECT_TYPES.map((v) => ({ value: v, label: pick(SUBJECT_TYPE_INFO[v].label) }));

/** R-SUB-001: the certificates a subject type may file with. */
export const subjectCertificateOptions = (pick: Pick, type: SubjectType | undefined) =>
  (type ? SUBJECT_TYPE_INFO[type].certificates : []).map((v) => ({ value: v, label: pick(CERTIFICATE_LABELS[v]) }));

export const principalCertificateOptions = (pick: Pick) =>
  PRINCIPAL_CERTIFICATES.map((v: CertificateType) => ({ value: v, label: pick(CERTIFICATE_LABELS[v]) }));

/** R-WEB-016: a personal subject may only choose 「其他」. */
export const serviceContentOptions = (pick: Pick, personal: boolean) =>
  (personal ? PERSONAL_SERVICE_CONTENTS : SERVICE_CONTENTS).map((v) => ({
    value: v,
    label: pick(SERVICE_CONTENT_INFO[v].label),
  }));

export const serviceContentHelp = (pick: Pick, v: string | undefined) =>
  v && v in SERVICE_CONTENT_INFO ? pick(SERVICE_CONTENT_INFO[v as keyof typeof SERVICE_CONTENT_INFO].help) : '';

/** R-WEB-018: personal subjects pick personal natures only. */
export const natureOptions = (pick: Pick, personal: boolean) =>
  WEBSITE_NATURES.filter((v) => WEBSITE_NATURE_INFO[v].personal === personal).map((v) => ({
    value: v,
    label: pick(WEBSITE_NATURE_INFO[v].label),
  }));

export const preApprovalOptions = (pick: Pick) =>
  PRE_APPROVAL_CATEGORIES.map((v) => ({ value: v, label: pick(PRE_APPROVAL_INFO[v].label) }));

export const preApprovalAuthority = (pick: Pick, v: string | undefined) =>
  v && v in PRE_APPROVAL_INFO ? pick(PRE_APPROVAL_INFO[v as keyof typeof PRE_APPROVAL_INFO].authority) : '';

export const cultureActivityOptions = (pick: Pick) =>
  CULTURE_ACTIVITIES.map((v) => ({ value: v, label: pick(CULTURE_ACTIVITY_INFO[v]) }));

export const contentTagOptions = (t: TFunction) =>
  CONTENT_TAGS.map((v) => ({ value: v, label: t(`customer.wizard.contentTag.${v}`) }));

/** Website languages, as BCP 47 tags (the draft stores tags). */
export const LANGUAGES = ['zh-CN', 'zh-TW', 'en', 'ja', 'ko', 'fr', 'de', 'ru', 'es', 'other'] as const;
export const languageOptions = (t: TFunction) =>
  LANGUAGES.map((v) => ({ value: v, label: t(`customer.wizard.language.${v}`) }));
