import type { LocalizedText } from '../../../platform/i18n.ts';
import type { CheckContext } from '../context.ts';
import type { OrderType } from '../draft.ts';
import { provinceRulesFor } from '../provinces/table.ts';
import type { ProvinceName } from '../provinces/types.ts';
import { CURTAIN_PHOTO_FORMATS } from './acceptance.ts';

/**
 * The curtain-photo requirements (R-MAT-016, R-MAT-020..024, R-PRV-016, R-PRV-018) as one data structure, shown to the
 * customer on the upload page and worked through by the photo re-reviewer, so both read the same list.
 */

export type Season = 'SPRING' | 'SUMMER' | 'AUTUMN' | 'WINTER';

export const SEASON_TEXT: Readonly<Record<Season, LocalizedText>> = {
  SPRING: { zh: '春季', en: 'spring' },
  SUMMER: { zh: '夏季', en: 'summer' },
  AUTUMN: { zh: '秋季', en: 'autumn' },
  WINTER: { zh: '冬季', en: 'winter' },
};

/** R-MAT-024 (interp.): Mar–May, Jun–Aug, Sep–Nov, Dec–Feb. */
export function seasonOf(date: string): Season {
  const month = Number(date.slice(5, 7));
  if (month >= 3 && month <= 5) return 'SPRING';
  if (month >= 6 && month <= 8) return 'SUMMER';
  if (month >= 9 && month <= 11) return 'AUTUMN';
  return 'WINTER';
}

/** R-MAT-023: default cut-over date before which the provider's curtains came from another company (康盛). */
export const DEFAULT_CURTAIN_CUTOVER = '2015-03-01';

export interface PhotoChecklistItem {
  /** The rejection reason when the item fails (R-REJ-007). */
  code:
    | 'PHOTO_NOT_PRINCIPAL'
    | 'PHOTO_FRAMING'
    | 'CURTAIN_TEXT_MISMATCH'
    | 'PHOTO_EDITED'
    | 'PHOTO_MIRRORED'
    | 'PHOTO_SEASON'
    | 'CURTAIN_NOT_PROVIDER'
    | 'IMAGE_FORMAT';
  rule: string;
  requirement: LocalizedText;
  /** true: failing it rejects the photo; false: advice only (e.g. seasonal clothing outside 北京/江西). */
  rejects: boolean;
  /** SYSTEM items are enforced at upload; REVIEWER items are judged at re-review. */
  checkedBy: 'SYSTEM' | 'REVIEWER';
}

export interface PhotoChecklist {
  province: ProvinceName;
  curtainText: string;
  season: Season;
  items: PhotoChecklistItem[];
}

export interface PhotoChecklistOptions {
  /** CHANGE_SUBJECT photographs the subject principal instead of the website principal (R-MAT-016). */
  orderType?: OrderType;
  /** Provider configuration: the curtain cut-over date (R-MAT-023) and the provider's name for the message. */
  curtainCutover?: string;
  providerName?: string;
}

export function photoChecklist(
  province: ProvinceName,
  ctx: CheckContext,
  opts: PhotoChecklistOptions = {},
): PhotoChecklist {
  const rules = provinceRulesFor(province, ctx.provinces);
  const season = seasonOf(ctx.today);
  const subjectChange = opts.orderType === 'CHANGE_SUBJECT';
  const person = subjectChange
    ? { zh: '主体负责人', en: 'subject principal' }
    : { zh: '网站负责人', en: 'website principal' };
  const cutover = opts.curtainCutover ?? DEFAULT_CURTAIN_CUTOVER;
  const providerText = opts.providerName
    ? { zh: opts.providerName, en: opts.providerName }
    : { zh: '本接入商', en: 'this provider' };
  const seasonText = SEASON_TEXT[season];

  const items: PhotoChecklistItem[] = [
    {
      code: 'PHOTO_NOT_PRINCIPAL',
      rule: 'R-MAT-021',
      requirement: {
        zh: `拍照人必须是${person.zh}本人，站在幕布前拍摄`,
        en: `The person photographed must be the ${person.en} in person, standing in front of the curtain`,
      },
      rejects: true,
      checkedBy: 'REVIEWER',
    },
    {
      code: 'PHOTO_FRAMING',
      rule: 'R-MAT-021',
      requirement: { zh: '半身照：须拍摄胸部以上部位', en: 'Half-length: framed from the chest up' },
      rejects: true,
      checkedBy: 'REVIEWER',
    },
    {
      code: 'CURTAIN_TEXT_MISMATCH',
      rule: 'R-PRV-018',
      requirement: {
        zh: `幕布背景字样须为「${rules.curtainText}」`,
        en: `The curtain must read 「${rules.curtainText}」`,
      },
      rejects: true,
      checkedBy: 'REVIEWER',
    },
    {
      code: 'PHOTO_MIRRORED',
      rule: 'R-MAT-021',
      requirement: {
        zh: '幕布背景字样不能是反的（请勿使用镜像自拍）',
        en: 'The curtain text must not be mirrored (no mirrored selfies)',
      },
      rejects: true,
      checkedBy: 'REVIEWER',
    },
    {
      code: 'PHOTO_EDITED',
      rule: 'R-MAT-022',
      requirement: {
        zh: '幕布照片不能 PS 或合成，不能使用电子版幕布',
        en: 'No editing or compositing, and no electronic curtain',
      },
      rejects: true,
      checkedBy: 'REVIEWER',
    },
    {
      code: 'CURTAIN_NOT_PROVIDER',
      rule: 'R-MAT-023',
      requirement: {
        zh: `须使用${providerText.zh}${cutover}之后发放的幕布，其他公司的幕布不可用（可免费申请新幕布）`,
        en: `The curtain must be one issued by ${providerText.en} after ${cutover}; other companies' curtains are refused (a new one is free)`,
      },
      rejects: true,
      checkedBy: 'REVIEWER',
    },
    rules.seasonalClothing
      ? {
          code: 'PHOTO_SEASON',
          rule: 'R-PRV-016',
          requirement: {
            zh: `${province}地区要求${person.zh}穿着符合当季（${seasonText.zh}）的衣服拍摄`,
            en: `${province} requires clothing that suits the current season (${seasonText.en})`,
          },
          rejects: true,
          checkedBy: 'REVIEWER',
        }
      : {
          code: 'PHOTO_SEASON',
          rule: 'R-MAT-021',
          requirement: {
            zh: `请穿着符合当前季节（${seasonText.zh}）特点的服装拍摄`,
            en: `Please wear clothing of the current season (${seasonText.en})`,
          },
          rejects: false,
          checkedBy: 'REVIEWER',
        },
    {
      code: 'IMAGE_FORMAT',
      rule: 'R-MAT-020',
      requirement: {
        zh: `图片后缀为 ${CURTAIN_PHOTO_FORMATS.map((f) => `.${f}`).join('/')} 之一，大小小于 2MB`,
        en: `A ${CURTAIN_PHOTO_FORMATS.map((f) => `.${f}`).join('/')} file smaller than 2 MB`,
      },
      rejects: true,
      checkedBy: 'SYSTEM',
    },
  ];
  return { province, curtainText: rules.curtainText, season, items };
}
