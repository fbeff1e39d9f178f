import type { LocalizedText } from '../../../platform/i18n.ts';
import type { ServiceContent, WebsiteNature } from '../draft.ts';
import { PRE_APPROVAL_INFO } from './pre-approval.ts';

/** R-WEB-016 / R-WEB-017: service-content values with the help text the console shows. */
export const SERVICE_CONTENT_INFO: Readonly<Record<ServiceContent, { label: LocalizedText; help?: LocalizedText }>> = {
  COMPREHENSIVE_PORTAL: {
    label: { zh: '综合门户', en: 'Comprehensive portal' },
    help: {
      zh: '提供多种类信息服务的综合性门户网站，通常涉及新闻、论坛等需要前置审批的内容。',
      en: 'A portal offering many kinds of information service, usually including content that needs pre-approval.',
    },
  },
  ORG_PORTAL: {
    label: { zh: '单位门户网站', en: 'Organisation portal' },
    help: { zh: '介绍本单位自身情况的官方网站。', en: "The organisation's own official site about itself." },
  },
  OTHER: {
    label: { zh: '其他', en: 'Other' },
    help: {
      zh: '不属于以上两种时选择其他，例如：公司官网、商城等都可以填写其他；个人备案一般选择其他。',
      en: 'Anything else, e.g. a company website or an online shop; individuals normally choose this.',
    },
  },
  NEWS: { label: PRE_APPROVAL_INFO.NEWS.label },
  PUBLISHING: { label: PRE_APPROVAL_INFO.PUBLISHING.label },
  EDUCATION: { label: PRE_APPROVAL_INFO.EDUCATION.label },
  MEDICAL: { label: PRE_APPROVAL_INFO.MEDICAL.label },
  DRUGS_DEVICES: { label: PRE_APPROVAL_INFO.DRUGS_DEVICES.label },
  BBS: { label: PRE_APPROVAL_INFO.BBS.label },
  CULTURE: { label: PRE_APPROVAL_INFO.CULTURE.label },
  RADIO_FILM_TV: { label: PRE_APPROVAL_INFO.RADIO_FILM_TV.label },
  ONLINE_GAMES: { label: PRE_APPROVAL_INFO.ONLINE_GAMES.label },
};

/** R-WEB-016: the only service content a personal subject may select. */
export const PERSONAL_SERVICE_CONTENTS: readonly ServiceContent[] = ['OTHER'];

/** R-WEB-018. */
export const WEBSITE_NATURE_INFO: Readonly<Record<WebsiteNature, { label: LocalizedText; personal: boolean }>> = {
  PERSONAL_BLOG: { label: { zh: '个人博客', en: 'Personal blog' }, personal: true },
  PERSONAL_SPACE: { label: { zh: '个人空间', en: 'Personal space' }, personal: true },
  PERSONAL_OTHER: { label: { zh: '其他个人性质网站', en: 'Other personal site' }, personal: true },
  ORGANISATION: { label: { zh: '单位/团体网站', en: 'Organisation site' }, personal: false },
  ENTERPRISE: { label: { zh: '企业网站', en: 'Company site' }, personal: false },
  FORUM: { label: { zh: '论坛', en: 'Forum' }, personal: false },
  COMMERCIAL: { label: { zh: '经营性网站', en: 'Commercial site' }, personal: false },
};
