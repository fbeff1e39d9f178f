import { FINANCE_KEYWORDS } from '../data/naming.ts';
import {
  ACCEPTED_APPROVAL_CATEGORIES,
  ADULT_REMARK_PHRASES,
  ADULT_SCOPE_PHRASES,
  CULTURE_LICENCE_YEARS,
  PRE_APPROVAL_INFO,
} from '../data/pre-approval.ts';
import { addYears } from '../dates.ts';
import type { PreApprovalCategory, Website } from '../draft.ts';
import { defineRule, type RuleDef } from '../rule.ts';
import type { Violation } from '../violation.ts';
import {
  blank,
  expired,
  hasMaterial,
  includesAny,
  isOrg,
  isPersonal,
  provinceRules,
  t,
  WEBSITE_EDIT_TYPES,
  websiteByFilingNumber,
  websitesOf,
} from './helpers.ts';
import { PRE_APPROVAL_SET } from './website.ts';

/** R-PRE (pre-approvals and content) and R-EXT-007/009/012 (the online culture licence, 文网文). */

/** Categories a website needs approval for: the selected ones plus a pre-approval service content. */
function requiredCategories(w: Website): PreApprovalCategory[] {
  const out = new Set<PreApprovalCategory>(w.preApprovalCategories ?? []);
  if (w.serviceContent && PRE_APPROVAL_SET.has(w.serviceContent)) out.add(w.serviceContent as PreApprovalCategory);
  return [...out];
}

function isForum(w: Website): boolean {
  return (
    w.serviceContent === 'BBS' ||
    (w.preApprovalCategories ?? []).includes('BBS') ||
    w.nature === 'FORUM' ||
    (w.contentTags ?? []).includes('FORUM')
  );
}

/** A document that counts for a category today: numbered, scanned, unexpired. */
function validApprovalFor(w: Website, category: PreApprovalCategory, today: string): boolean {
  return (w.preApprovals ?? []).some(
    (a) =>
      a.category &&
      ACCEPTED_APPROVAL_CATEGORIES[category].includes(a.category) &&
      !blank(a.number) &&
      !expired(a.expiryDate, today),
  );
}

function hasAnyApprovalFor(w: Website, category: PreApprovalCategory): boolean {
  return (w.preApprovals ?? []).some((a) => a.category && ACCEPTED_APPROVAL_CATEGORIES[category].includes(a.category));
}

const missing = (category: PreApprovalCategory) =>
  t(
    `涉及「${PRE_APPROVAL_INFO[category].label.zh}」须提供前置审批文件（由${PRE_APPROVAL_INFO[category].authority.zh}办理）`,
    `"${PRE_APPROVAL_INFO[category].label.en}" needs a pre-approval document (issued by the ${PRE_APPROVAL_INFO[category].authority.en})`,
  );

export const preApprovalRules: RuleDef[] = [
  defineRule({
    id: 'R-PRE-003',
    code: 'PRE_APPROVAL_MISSING',
    severity: 'block',
    field: 'websites[].preApprovals',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('涉及前置审批须上传审批文件', 'Pre-approval categories need their document'),
    check(draft, ctx, report) {
      if (isPersonal(draft)) return []; // R-PRE-004 refuses the category itself.
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        for (const c of requiredCategories(w)) {
          if (validApprovalFor(w, c, ctx.today) || hasAnyApprovalFor(w, c)) continue;
          out.push(
            report(
              `websites[${i}].preApprovals`,
              missing(c),
              t(
                '请在通过前置审批后上传审批文件（文号、发证机关、有效期、彩色扫描件）',
                'Upload the approval (number, authority, validity, colour scan) once obtained',
              ),
            ),
          );
        }
        (w.preApprovals ?? []).forEach((a, j) => {
          const gaps = [
            blank(a.number) && '文号/number',
            !a.expiryDate && '有效期/expiry date',
            blank(a.documentBlobId) && '彩色扫描件/colour scan',
          ].filter(Boolean);
          if (gaps.length) {
            out.push(
              report(
                `websites[${i}].preApprovals[${j}]`,
                t(`前置审批信息不完整：${gaps.join('、')}`, `Pre-approval record incomplete: ${gaps.join(', ')}`),
                undefined,
                { code: 'PRE_APPROVAL_INCOMPLETE' },
              ),
            );
          }
        });
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-PRE-004',
    code: 'PERSONAL_PRE_APPROVAL_FORBIDDEN',
    severity: 'block',
    field: 'websites[].preApprovalCategories',
    scope: { subjectTypes: ['PERSONAL'], orderTypes: WEBSITE_EDIT_TYPES },
    title: t('个人不能涉及前置审批', 'Individuals cannot hold pre-approvals'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const cats = requiredCategories(w).filter((c) => c !== 'BBS'); // forums: R-PRE-006
        if (cats.length === 0) return;
        out.push(
          report(
            `websites[${i}].preApprovalCategories`,
            t(
              `个人无法办理前置审批，个人网站不能涉及「${cats.map((c) => PRE_APPROVAL_INFO[c].label.zh).join('、')}」`,
              `Individuals cannot obtain pre-approvals; a personal site cannot involve ${cats.map((c) => PRE_APPROVAL_INFO[c].label.en).join(', ')}`,
            ),
            t(
              '前置审批需由企事业单位向相关部门申请；个人网站请选择服务内容「其他」、前置审批「以上都不涉及」',
              'Pre-approvals are for organisations; choose service content "Other" and "none of the above"',
            ),
          ),
        );
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-PRE-006',
    code: 'PERSONAL_FORUM_FORBIDDEN',
    severity: 'block',
    field: 'websites[].serviceContent',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('论坛（电子公告服务）', 'Forums (bulletin board service)'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      const suspended = provinceRules(draft, ctx)?.bbsSuspended === true;
      websitesOf(draft).forEach((w, i) => {
        if (!isForum(w)) return;
        const field = `websites[${i}].serviceContent`;
        if (isPersonal(draft)) {
          out.push(
            report(
              field,
              t('个人备案不可以做论坛性质的网站', 'A personal subject cannot file a forum website'),
              t(
                '论坛属电子公告服务，须由单位申请 BBS 前置审批',
                'Forums are a bulletin board service that only organisations can get approved',
              ),
            ),
          );
          return;
        }
        if (suspended) {
          out.push(
            report(
              field,
              t(`${draft.province}已停止办理论坛备案`, `${draft.province} no longer accepts forum websites`),
              undefined,
              { code: 'BBS_SUSPENDED_IN_PROVINCE' },
            ),
          );
          return;
        }
        const selected = w.serviceContent === 'BBS' || (w.preApprovalCategories ?? []).includes('BBS');
        if (!selected && !hasAnyApprovalFor(w, 'BBS')) {
          out.push(
            report(
              `websites[${i}].preApprovals`,
              missing('BBS'),
              t(
                '论坛需由单位向省通信管理局申请 BBS 前置审批文件',
                'Apply to the provincial communications administration for the BBS approval',
              ),
              { code: 'PRE_APPROVAL_MISSING' },
            ),
          );
        }
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-PRE-007',
    code: 'ADULT_PRODUCTS_REQUIREMENTS',
    severity: 'block',
    field: 'websites[].contentTags',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('成人用品网站', 'Adult-products websites'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        if (!(w.contentTags ?? []).includes('ADULT_PRODUCTS')) return;
        const field = `websites[${i}].contentTags`;
        if (!isOrg(draft)) {
          out.push(report(field, t('个人不能备案成人用品网站', 'Individuals cannot file adult-products websites')));
          return;
        }
        const gaps: string[] = [];
        if (!includesAny(draft.subject?.businessScope ?? '', ADULT_SCOPE_PHRASES))
          gaps.push('经营范围须含「互联网成人用品信息服务」或「互联网成人用户交易」/ business scope');
        if (!hasMaterial(draft, 'ADULT_MARKET_APPROVAL', i)) gaps.push('工商部门许可 / market-regulation approval');
        if (!hasMaterial(draft, 'ADULT_HEALTH_APPROVAL', i)) gaps.push('卫生部门许可 / health approval');
        if (!includesAny(w.remark ?? '', ADULT_REMARK_PHRASES))
          gaps.push('网站备注声明不向公众展示涉性图片及描述 / remark declaration');
        if (gaps.length) {
          out.push(
            report(
              field,
              t(
                `成人用品网站备案条件不满足：${gaps.join('；')}`,
                `Adult-products website requirements not met: ${gaps.join('; ')}`,
              ),
            ),
          );
        }
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-PRE-008',
    code: 'PRE_APPROVAL_MISSING',
    severity: 'block',
    field: 'websites[].preApprovals',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('经营性网络文化活动须有《网络文化经营许可证》', 'Commercial online culture needs the 文网文'),
    check(draft, ctx, report) {
      if (isPersonal(draft)) return [];
      // Where games go only through a later CHANGE_WEBSITE (广东), R-PRV-021 decides new filings.
      if (
        provinceRules(draft, ctx)?.gameViaChangeOnly &&
        (draft.orderType === 'FIRST' || draft.orderType === 'ADD_WEBSITE')
      )
        return [];
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const culture =
          (w.cultureActivities ?? []).length > 0 ||
          w.serviceContent === 'ONLINE_GAMES' ||
          (w.contentTags ?? []).includes('ONLINE_GAMES');
        if (!w.commercialCulture || !culture) return;
        const licensed = (w.preApprovals ?? []).some(
          (a) =>
            (a.cultureLicence || a.category === 'CULTURE' || a.category === 'ONLINE_GAMES') &&
            !blank(a.number) &&
            !expired(a.expiryDate, ctx.today),
        );
        if (licensed) return;
        out.push(
          report(
            `websites[${i}].preApprovals`,
            t(
              '经营性网络文化活动（如收费游戏、付费音乐）须在提交时上传有效的《网络文化经营许可证》',
              'Commercial online culture (paid games, paid music …) needs a valid online culture business licence at submission',
            ),
            t(
              '请先到文化部门办理《网络文化经营许可证》，以前置审批「文化」上传',
              'Obtain the licence from the culture department and upload it under pre-approval "Culture"',
            ),
          ),
        );
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-PRE-009',
    code: 'PRE_APPROVAL_EXPIRED',
    severity: 'block',
    field: 'websites[].preApprovals[]',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('过期的前置审批视同未办理', 'An expired pre-approval counts as none'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        (w.preApprovals ?? []).forEach((a, j) => {
          if (expired(a.expiryDate, ctx.today)) {
            out.push(
              report(
                `websites[${i}].preApprovals[${j}]`,
                t(
                  `前置审批文件已过期（${a.expiryDate}），过期后和未申请是一样的`,
                  `The pre-approval expired on ${a.expiryDate}; an expired approval counts as none`,
                ),
                t('请上传续期后的有效审批文件', 'Upload the renewed approval'),
              ),
            );
          }
        });
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-PRE-010',
    code: 'FINANCE_APPROVAL_RECOMMENDED',
    severity: 'warn',
    field: 'materials',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('金融类网站专项审批', 'Finance special approval'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const word = includesAny(w.name ?? '', FINANCE_KEYWORDS);
        if (!word || hasMaterial(draft, 'FINANCE_APPROVAL', i)) return;
        out.push(
          report(
            `websites[${i}].materials.FINANCE_APPROVAL`,
            t(
              '网站涉及金融，建议上传本省金融办的专项审批文件，否则有被退回的风险',
              'The site involves finance: upload the provincial finance office approval, or it risks being returned',
            ),
            t('在「金融专项审批」上传位上传审批文件电子版', 'Use the finance-approval upload slot'),
          ),
        );
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-PRE-012',
    code: 'CONTENT_SUBJECT_MISMATCH',
    severity: 'warn',
    field: 'websites[].contentTags',
    scope: { subjectTypes: ['PERSONAL'], orderTypes: WEBSITE_EDIT_TYPES },
    title: t('个人网站内容须符合个人性质', 'Personal site content fits an individual'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const tags = (w.contentTags ?? []).filter((x) => x === 'ECOMMERCE' || x === 'INTERNET_FINANCE');
        if (tags.length === 0 && !w.commercialCulture) return;
        out.push(
          report(
            `websites[${i}].contentTags`,
            t(
              '个人不能办理公司性质或经营性质网站的备案，初审将驳回',
              'Individuals cannot file company or commercial websites; initial review will reject this',
            ),
            t(
              '个人网站内容不能涉及企业、团体、论坛、经营性和前置审批内容',
              'Personal sites carry no company, group, forum, commercial or pre-approval content',
            ),
          ),
        );
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-EXT-007',
    code: 'CULTURE_LICENCE_VALIDITY',
    severity: 'block',
    field: 'websites[].preApprovals[].expiryDate',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('《网络文化经营许可证》有效期三年', 'The online culture licence is valid for 3 years'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        (w.preApprovals ?? []).forEach((a, j) => {
          if (!a.cultureLicence || !a.issueDate || !a.expiryDate) return;
          const max = addYears(a.issueDate, CULTURE_LICENCE_YEARS);
          if (a.expiryDate > max || a.expiryDate < a.issueDate) {
            out.push(
              report(
                `websites[${i}].preApprovals[${j}].expiryDate`,
                t(
                  `《网络文化经营许可证》有效期为三年，到期日不能晚于 ${max}`,
                  `The licence is valid for 3 years: the expiry cannot be after ${max}`,
                ),
                t('请按许可证原件填写发证日期和有效期', 'Enter the dates exactly as printed on the licence'),
              ),
            );
          }
        });
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-EXT-009',
    code: 'PERSONAL_PRE_APPROVAL_FORBIDDEN',
    severity: 'block',
    field: 'websites[].preApprovals[]',
    scope: { subjectTypes: ['PERSONAL'], orderTypes: WEBSITE_EDIT_TYPES },
    title: t('个人不能持有《网络文化经营许可证》', 'Individuals cannot hold the 文网文'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        (w.preApprovals ?? []).forEach((a, j) => {
          if (!a.cultureLicence && a.category !== 'CULTURE') return;
          out.push(
            report(
              `websites[${i}].preApprovals[${j}]`,
              t(
                '《网络文化经营许可证》不可以以个人为主体申请办理',
                'The online culture licence cannot be held by an individual',
              ),
              t(
                '个人需要注册企业，经工商部门批准后方可开展此类业务',
                'Register a company first; only then can this business be run',
              ),
            ),
          );
        });
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-EXT-012',
    code: 'CULTURE_LICENCE_NOT_DISPLAYED',
    severity: 'warn',
    // the finding is about the website's approvals as a whole (it reports `websites[i].preApprovals`), and the
    // reviewer rejects at that field
    field: 'websites[].preApprovals',
    scope: { orderTypes: ['CHANGE_WEBSITE'] },
    title: t('网站首页须标明《网络文化经营许可证》编号', 'Home page shows the culture licence number'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const adds = (w.preApprovals ?? []).some((a) => a.cultureLicence);
        const probe = websiteByFilingNumber(ctx, w.filingNumber)?.probe;
        if (adds && probe?.reachable && probe.cultureLicenceShown === false) {
          out.push(
            report(
              `websites[${i}].preApprovals`,
              t(
                '网站首页未显著标明《网络文化经营许可证》编号，初审将驳回',
                'The home page does not show the licence number; initial review will reject the change',
              ),
              t('请在网站主页的显著位置标明许可证编号', 'Show the licence number prominently on the home page'),
            ),
          );
        }
      });
      return out;
    },
  }),
];
