import type { LocalizedText } from '../../../platform/i18n.ts';
import {
  COMMON_SURNAMES,
  COMPOUND_SURNAMES,
  ECOMMERCE_KEYWORDS,
  ECOMMERCE_REMARK_PHRASES,
  FINANCE_KEYWORDS,
  NATIONAL_WORDS,
  PERSON_SITE_PATTERN,
  PERSONAL_DISCOURAGED_WORDS,
  PERSONAL_FORBIDDEN_ORG_WORDS,
  PRE_APPROVAL_KEYWORDS,
  placesIn,
  REBATE_KEYWORDS,
} from '../data/naming.ts';
import { ACCEPTED_APPROVAL_CATEGORIES } from '../data/pre-approval.ts';
import type { PreApprovalCategory, SubjectType, Website } from '../draft.ts';
import { isOrganisation } from '../draft.ts';
import { defineRule, type RuleDef } from '../rule.ts';
import type { Violation } from '../violation.ts';
import { blank, expired, hasMaterial, includesAny, t, WEBSITE_EDIT_TYPES, websitesOf } from './helpers.ts';

/** R-WEB-015: website naming rules. `lintWebsiteName` is pure so R-ORD-030 can re-run it on filed websites. */

export interface NameFinding {
  /** The rule number of R-WEB-015, 1–10. */
  ruleNo: number;
  severity: 'block' | 'warn';
  code: string;
  message: LocalizedText;
  fix?: LocalizedText;
}

export interface NameContext {
  subjectType: SubjectType | undefined;
  subjectName: string | undefined;
  nationalLevel?: boolean;
  /** Approval for 中国/国家 in the name is attached (rule 1). */
  nationalApproval?: boolean;
  /** Categories with a valid pre-approval on this website (rule 3). */
  approvedCategories: ReadonlySet<PreApprovalCategory>;
  remark?: string;
}

const RULES_LINK = t('请按照网站命名规则修改网站名称', 'Rename the website following the naming rules');

function isHan(s: string): boolean {
  return /^[\u4e00-\u9fff]+$/.test(s);
}

/** Looks like a real Chinese personal name (rule 9: ERROR) rather than a pen or screen name (WARN). */
function looksLikeRealName(x: string): boolean {
  if (!isHan(x) || x.length < 2 || x.length > 4) return false;
  return COMPOUND_SURNAMES.some((s) => x.startsWith(s) && x.length >= 3) || COMMON_SURNAMES.includes(x[0]);
}

/**
 * Rule 3 (interp.): a keyword is ignored when every occurrence sits inside a piece of the organisation's own
 * registered name (「示例文化传播有限公司官网」, or 「示例游戏官网」 for 杭州示例游戏有限公司): the market regulator has already
 * approved that name. A piece is the keyword plus at least two neighbouring characters found in the subject name.
 */
function onlyInsideSubjectName(name: string, keyword: string, subjectName: string | undefined): boolean {
  if (!subjectName) return false;
  const k = keyword.length;
  let at = name.indexOf(keyword);
  if (at < 0) return false;
  while (at >= 0) {
    const pieces = [
      name.slice(Math.max(0, at - 2), at + k),
      name.slice(at, at + k + 2),
      name.slice(Math.max(0, at - 1), at + k + 1),
    ];
    if (!pieces.some((p) => p.length >= k + 2 && subjectName.includes(p))) return false;
    at = name.indexOf(keyword, at + 1);
  }
  return true;
}

export function lintWebsiteName(name: string, c: NameContext): NameFinding[] {
  const out: NameFinding[] = [];
  const org = isOrganisation(c.subjectType);
  const personal = c.subjectType === 'PERSONAL';
  const invalid = (ruleNo: number, zh: string, en: string, fix = RULES_LINK): NameFinding => ({
    ruleNo,
    severity: 'block',
    code: 'WEBSITE_NAME_INVALID',
    message: t(`网站名称不符合要求（规则 ${ruleNo}）：${zh}`, `Website name not acceptable (rule ${ruleNo}): ${en}`),
    fix,
  });
  const risk = (ruleNo: number, zh: string, en: string, fix?: LocalizedText): NameFinding => ({
    ruleNo,
    severity: 'warn',
    code: 'WEBSITE_NAME_RISK',
    message: t(
      `网站名称存在审核风险（规则 ${ruleNo}）：${zh}`,
      `Website name carries review risk (rule ${ruleNo}): ${en}`,
    ),
    fix,
  });

  // (1) national words
  const national = includesAny(name, NATIONAL_WORDS);
  if (national && !c.nationalLevel && !c.nationalApproval) {
    out.push(
      invalid(
        1,
        `非国家级单位的网站名称不能包含「${national}」`,
        `only national-level organisations may use "${national}"`,
        t('请删除该词，或上传相关部门的批准文件', "Remove the word or attach the relevant department's approval"),
      ),
    );
  }
  // (2) organisational words in personal names
  if (personal) {
    const w = includesAny(name, PERSONAL_FORBIDDEN_ORG_WORDS);
    if (w)
      out.push(
        invalid(
          2,
          `个人网站名称不能包含「${w}」等单位性质词语`,
          `personal site names may not contain organisational words such as "${w}"`,
        ),
      );
  }
  // (3) pre-approval keywords
  for (const [keyword, categories] of PRE_APPROVAL_KEYWORDS) {
    if (!name.toLowerCase().includes(keyword.toLowerCase())) continue;
    if (org && onlyInsideSubjectName(name, keyword, c.subjectName)) continue;
    if (categories.some((cat) => c.approvedCategories.has(cat))) continue;
    out.push(
      invalid(
        3,
        `名称含「${keyword}」，涉及前置审批但网站没有相应的有效前置审批`,
        `"${keyword}" implies a pre-approval field, but the website has no matching valid pre-approval`,
        t('请修改网站名称，或添加相应的前置审批文件', 'Rename the website or add the matching pre-approval'),
      ),
    );
    break;
  }
  // (4) finance
  const fin = includesAny(name, FINANCE_KEYWORDS);
  if (fin)
    out.push(
      risk(
        4,
        `名称含金融类词语「${fin}」`,
        `finance word "${fin}"`,
        t(
          '建议先到本省金融办办理专项审批，并在提交时上传审批文件',
          "Obtain the provincial finance office's special approval and upload it",
        ),
      ),
    );
  // (5) e-commerce: the remark becomes mandatory
  const shop = includesAny(name, ECOMMERCE_KEYWORDS);
  if (shop) {
    const fix = t(
      '请在网站备注中说明取得 ICP 号后将办理经营性备案，或由哪个部门确认无需办理',
      'State in the website remark that commercial filing follows the ICP number, or which office confirmed none is needed',
    );
    out.push(risk(5, `名称含电商类词语「${shop}」`, `e-commerce word "${shop}"`, fix));
    if (!c.remark || !includesAny(c.remark, ECOMMERCE_REMARK_PHRASES)) {
      out.push({
        ruleNo: 5,
        severity: 'block',
        code: 'WEBSITE_REMARK_REQUIRED',
        message: t(
          '电商类网站名称须在网站备注中说明经营性备案情况',
          'An e-commerce site name needs a website remark about commercial filing',
        ),
        fix,
      });
    }
  }
  // (6) rebate
  const rebate = includesAny(name, REBATE_KEYWORDS);
  if (rebate)
    out.push(
      risk(
        6,
        `名称含「${rebate}」，驳回风险较大（无需经营性备案）`,
        `"${rebate}" raises the rejection risk (no commercial filing needed)`,
      ),
    );
  // (8) place names
  const places = placesIn(name);
  if (places.length > 0) {
    if (personal) {
      out.push(
        invalid(
          8,
          `个人网站名称不能包含地名「${places[0].name}」`,
          `personal site names may not contain a place name ("${places[0].name}")`,
        ),
      );
    } else if (org) {
      const own = placesIn(c.subjectName ?? '');
      const bad = places.find(
        (p) => !own.some((o) => o.name === p.name || (o.level === 'province' && o.province === p.province)),
      );
      if (bad) {
        out.push(
          invalid(
            8,
            `网站名称中的地名「${bad.name}」不能大于或超出主体名称中的地域`,
            `the place "${bad.name}" is outside or larger than the place in the subject name`,
          ),
        );
      }
    }
  }
  // (9) other people's names; (10) discouraged personal words
  if (personal) {
    const m = PERSON_SITE_PATTERN.exec(name.trim());
    if (m && m[1] !== c.subjectName) {
      if (looksLikeRealName(m[1])) {
        out.push(
          invalid(
            9,
            `个人网站名称不能使用他人姓名「${m[1]}」`,
            `a personal site may not carry another person's name ("${m[1]}")`,
          ),
        );
      } else {
        out.push(risk(9, `「${m[1]}」似为笔名或网名`, `"${m[1]}" looks like a pen or screen name`));
      }
    }
    const soft = includesAny(name, PERSONAL_DISCOURAGED_WORDS);
    if (soft && !out.some((f) => f.ruleNo === 9))
      out.push(risk(10, `不建议使用「${soft}」`, `"${soft}" is allowed but discouraged`));
  }
  return out;
}

/** Categories with a valid (unexpired, numbered) pre-approval on a website. */
export function approvedCategoriesOf(w: Website, today: string): Set<PreApprovalCategory> {
  const out = new Set<PreApprovalCategory>();
  for (const a of w.preApprovals ?? []) {
    if (!a.category || blank(a.number) || expired(a.expiryDate, today)) continue;
    for (const c of ACCEPTED_APPROVAL_CATEGORIES[a.category]) out.add(c);
  }
  return out;
}

export const namingRules: RuleDef[] = [
  defineRule({
    id: 'R-WEB-015',
    code: 'WEBSITE_NAME_INVALID',
    severity: 'block',
    field: 'websites[].name',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('网站命名规则', 'Website naming rules'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const field = `websites[${i}].name`;
        if (blank(w.name) || !w.name) {
          out.push(
            report(field, t('请填写网站名称', 'The website name is required'), undefined, { code: 'FIELD_REQUIRED' }),
          );
          return;
        }
        const findings = lintWebsiteName(w.name, {
          subjectType: draft.subject?.type,
          subjectName: draft.subject?.name,
          nationalLevel: draft.subject?.nationalLevel,
          nationalApproval: hasMaterial(draft, 'NATIONAL_NAME_APPROVAL', i),
          approvedCategories: approvedCategoriesOf(w, ctx.today),
          remark: w.remark,
        });
        for (const f of findings) {
          out.push(
            report(f.code === 'WEBSITE_REMARK_REQUIRED' ? `websites[${i}].remark` : field, f.message, f.fix, {
              code: f.code,
              severity: f.severity,
            }),
          );
        }
      });
      return out;
    },
  }),
];
