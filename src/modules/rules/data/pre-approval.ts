import type { LocalizedText } from '../../../platform/i18n.ts';
import type { CultureActivity, PreApprovalCategory } from '../draft.ts';

/**
 * R-PRE-001 / R-PRE-002: pre-approval categories with their issuing authority. 教育 and 医疗保健 have no authority in
 * the FAQ; the defaults below are the usual provincial departments and are configuration, not catalogue.
 */
export const PRE_APPROVAL_INFO: Readonly<
  Record<PreApprovalCategory, { label: LocalizedText; authority: LocalizedText }>
> = {
  NEWS: { label: { zh: '新闻', en: 'News' }, authority: { zh: '省新闻办公室', en: 'Provincial news office' } },
  PUBLISHING: {
    label: { zh: '出版', en: 'Publishing' },
    authority: { zh: '省新闻出版局', en: 'Provincial press and publication bureau' },
  },
  EDUCATION: {
    label: { zh: '教育', en: 'Education' },
    authority: { zh: '省教育厅', en: 'Provincial education department' },
  },
  MEDICAL: {
    label: { zh: '医疗保健', en: 'Medical and health care' },
    authority: { zh: '省卫生健康委员会', en: 'Provincial health commission' },
  },
  DRUGS_DEVICES: {
    label: { zh: '药品和医疗器械', en: 'Drugs and medical devices' },
    authority: { zh: '省食品药品监督管理局', en: 'Provincial food and drug administration' },
  },
  BBS: {
    label: { zh: '电子公告服务', en: 'Bulletin board service (BBS)' },
    authority: { zh: '省通信管理局', en: 'Provincial communications administration' },
  },
  CULTURE: { label: { zh: '文化', en: 'Culture' }, authority: { zh: '省文化厅', en: 'Provincial culture department' } },
  RADIO_FILM_TV: {
    label: { zh: '广播电影电视节目', en: 'Radio, film and TV programmes' },
    authority: { zh: '省广播电影电视局', en: 'Provincial radio, film and TV bureau' },
  },
  ONLINE_GAMES: {
    label: { zh: '网络游戏', en: 'Online games' },
    authority: { zh: '省文化厅', en: 'Provincial culture department' },
  },
};

/** Categories whose approval a given category accepts: a game site's 文网文 is filed under 文化 (R-PRE-008, R-EXT-007). */
export const ACCEPTED_APPROVAL_CATEGORIES: Readonly<Record<PreApprovalCategory, readonly PreApprovalCategory[]>> = {
  NEWS: ['NEWS'],
  PUBLISHING: ['PUBLISHING'],
  EDUCATION: ['EDUCATION'],
  MEDICAL: ['MEDICAL'],
  DRUGS_DEVICES: ['DRUGS_DEVICES'],
  BBS: ['BBS'],
  CULTURE: ['CULTURE', 'ONLINE_GAMES'],
  RADIO_FILM_TV: ['RADIO_FILM_TV'],
  ONLINE_GAMES: ['ONLINE_GAMES', 'CULTURE'],
};

/** R-EXT-008: the seven 文网文 activity categories. */
export const CULTURE_ACTIVITY_INFO: Readonly<Record<CultureActivity, LocalizedText>> = {
  MUSIC: { zh: '音乐娱乐产品', en: 'Music entertainment products' },
  GAMES: {
    zh: '游戏产品（运营、网络游戏虚拟货币发行、交易）',
    en: 'Game products (operation, virtual currency issuance and trading)',
  },
  ARTWORK: { zh: '艺术品', en: 'Artworks' },
  PERFORMANCE: { zh: '演出剧（节）目、表演', en: 'Shows and performances' },
  ANIMATION: { zh: '动漫产品', en: 'Animation and comics' },
  INTERNET_CAFE: { zh: '网吧内网络文化产品经营', en: 'Internet-café culture products' },
  EXHIBITION: { zh: '展览、比赛活动', en: 'Exhibitions and competitions' },
};

/** R-EXT-007: a 文网文 is valid for 3 years. */
export const CULTURE_LICENCE_YEARS = 3;

/** R-PRE-007: business-scope phrases that allow an adult-products website. */
export const ADULT_SCOPE_PHRASES = ['互联网成人用品信息服务', '互联网成人用户交易'] as const;

/** R-PRE-007(c): the remark declaration, recognised by these phrases. */
export const ADULT_REMARK_PHRASES = ['不展示', '不向公众展示', '无涉性', '不涉及性'] as const;
