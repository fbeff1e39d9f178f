import type { CheckContext } from '../context.ts';
import type { FilingDraft, Material, MaterialKind, Principal, Website } from '../draft.ts';
import { parseCnPhone, samePhone } from '../validators/phone.ts';
import { toUnicodeHost } from '../validators/punycode.ts';
import type { ProvinceRules } from './types.ts';

/**
 * Facts the province and materials rules read from a draft. Every function tolerates a half-filled draft: a fact
 * that cannot be established is `undefined`, and the rules stay silent on it rather than guess.
 */

/** The rule set of the draft's province in force today (ctx.provinces is already resolved for the day). */
export function rulesOf(draft: FilingDraft, ctx: CheckContext): ProvinceRules | undefined {
  return draft.province ? ctx.provinces[draft.province] : undefined;
}

export const isOrg = (draft: FilingDraft): boolean =>
  draft.subject?.type !== undefined && draft.subject.type !== 'PERSONAL';

// ---------------------------------------------------------------------------------------------------------------
// Principals

/** A principal whose data the order carries, with the field path and the remark that belongs to it (R-PRV-004). */
export interface PrincipalSlot {
  role: 'SUBJECT' | 'WEBSITE';
  websiteIndex?: number;
  principal: Principal;
  field: string;
  remarkField: string;
  remark: string | undefined;
}

/** Order types whose draft carries an editable subject principal (ADD_WEBSITE and ACCESS copy it read-only). */
const SUBJECT_PRINCIPAL_EDITABLE = new Set(['FIRST', 'CHANGE_SUBJECT']);
/** Order types whose draft carries editable website principals (ACCESS copies them read-only, R-SUB-029). */
const WEBSITE_PRINCIPAL_EDITABLE = new Set(['FIRST', 'ADD_WEBSITE', 'CHANGE_WEBSITE']);

/**
 * The principals whose phone fields the customer fills in for this order. A website principal linked to the subject
 * principal (「同主体负责人」, R-SUB-024) is the same record and is not listed twice.
 */
export function editablePrincipals(draft: FilingDraft): PrincipalSlot[] {
  const out: PrincipalSlot[] = [];
  const type = draft.orderType ?? '';
  if (SUBJECT_PRINCIPAL_EDITABLE.has(type) && draft.subjectPrincipal) {
    out.push({
      role: 'SUBJECT',
      principal: draft.subjectPrincipal,
      field: 'subjectPrincipal',
      remarkField: 'subject.remark',
      remark: draft.subject?.remark,
    });
  }
  if (WEBSITE_PRINCIPAL_EDITABLE.has(type)) {
    (draft.websites ?? []).forEach((w, i) => {
      if (w.principalSameAsSubject || !w.principal) return;
      out.push({
        role: 'WEBSITE',
        websiteIndex: i,
        principal: w.principal,
        field: `websites[${i}].principal`,
        remarkField: `websites[${i}].remark`,
        remark: w.remark,
      });
    });
  }
  return out;
}

/** The website principal of website `i`, resolving the 「同主体负责人」 link. */
export function websitePrincipal(draft: FilingDraft, w: Website): Principal | undefined {
  return w.principalSameAsSubject ? draft.subjectPrincipal : w.principal;
}

const norm = (s: string | undefined): string => (s ?? '').replace(/\s+/g, '').toUpperCase();

/** Two principal records denote the same natural person: same certificate number, else same name. */
export function samePerson(
  a: { name?: string; certificateNumber?: string } | undefined,
  b: { name?: string; certificateNumber?: string } | undefined,
): boolean | undefined {
  if (!a || !b) return undefined;
  if (a.certificateNumber && b.certificateNumber) return norm(a.certificateNumber) === norm(b.certificateNumber);
  if (a.name && b.name) return norm(a.name) === norm(b.name);
  return undefined;
}

/**
 * Whether `p` is the subject's legal representative (R-SUB-010; for a branch, the head office's). `undefined` when
 * the draft does not say who the legal representative is.
 */
export function isLegalRep(draft: FilingDraft, p: Principal | undefined): boolean | undefined {
  const rep = draft.subject?.legalRepresentative;
  const headRep = draft.subject?.branchOf?.legalRepresentativeName;
  if (!p) return undefined;
  const direct = samePerson(p, rep);
  if (direct) return true;
  if (headRep && p.name && norm(p.name) === norm(headRep)) return true;
  if (direct === false) return false;
  return headRep ? false : undefined;
}

/**
 * Distinct website principals of the order, each with the websites they are responsible for. Used for the handheld
 * and curtain photos, which are one per person, not per website (R-MAT-002, R-MAT-016).
 */
export function distinctWebsitePrincipals(draft: FilingDraft): { principal: Principal; websiteIndexes: number[] }[] {
  const out: { principal: Principal; websiteIndexes: number[] }[] = [];
  (draft.websites ?? []).forEach((w, i) => {
    const p = websitePrincipal(draft, w) ?? {};
    const known = out.find((o) => samePerson(o.principal, p) === true);
    if (known) known.websiteIndexes.push(i);
    else out.push({ principal: p, websiteIndexes: [i] });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Phones

export type PhoneKind = 'MOBILE' | 'LANDLINE' | 'OTHER';

/**
 * The shared validator's reading of a mainland number (libphonenumber): a landline counts only with its area code,
 * which is what R-PRV-003 asks for. Using the same parser as R-SUB-013/015 keeps the two rules in agreement.
 */
export function phoneKind(raw: string | undefined): PhoneKind | undefined {
  if (!raw || raw.trim() === '') return undefined;
  const kind = parseCnPhone(raw).kind;
  return kind === 'MOBILE' ? 'MOBILE' : kind === 'FIXED_LINE' ? 'LANDLINE' : 'OTHER';
}

export { samePhone };

// ---------------------------------------------------------------------------------------------------------------
// Remarks (R-PRV-004..006). The reviewer has the last word; these checks catch the obvious omission at fill-in.

const JOB_TITLE_WORDS = [
  '职务',
  '职位',
  '经理',
  '总监',
  '主管',
  '总裁',
  '董事',
  '监事',
  '主任',
  '专员',
  '助理',
  '法人',
  '法定代表人',
  '负责人',
  '秘书',
  '会计',
  '出纳',
  '行政',
  '文员',
  '厂长',
  '店长',
  '站长',
  '工程师',
  '部长',
  '科长',
  '处长',
  '局长',
  '校长',
  '院长',
  '所长',
  '干事',
  '员工',
  '职员',
  '合伙人',
  '创始人',
  '股东',
  '客服',
  '老板',
];
const JOB_TITLE_LATIN = /\b(CEO|CTO|CFO|COO|manager|director|officer|assistant|engineer|clerk)\b/i;

export function remarkStatesJobTitle(remark: string | undefined): boolean {
  if (!remark) return false;
  return JOB_TITLE_WORDS.some((w) => remark.includes(w)) || JOB_TITLE_LATIN.test(remark);
}

/** Common single-character and compound surnames (百家姓, the frequent part). */
const COMPOUND_SURNAMES = [
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '慕容',
  '令狐',
  '尉迟',
  '公孙',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
];
const SURNAMES = new Set([
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝',
]);
const HAN_NAME = /^[\p{Script=Han}·]{2,5}$/u;

/**
 * Whether a remark names a person: a name the order already knows, a labelled name (「联系人：王五」), or a 2–5
 * character segment that starts with a common surname and is not itself a job title (「王五，行政经理」).
 */
export function remarkStatesName(remark: string | undefined, knownNames: readonly (string | undefined)[]): boolean {
  if (!remark) return false;
  if (knownNames.some((n) => n && n.trim().length >= 2 && remark.includes(n.trim()))) return true;
  const labelled =
    /(联系人|姓名|名字|持有人|使用人|机主|name)\s*[:：为是]?\s*([\p{Script=Han}·]{2,5}|[A-Za-z][A-Za-z .'-]{1,40})/giu;
  for (const m of remark.matchAll(labelled)) {
    if (!remarkStatesJobTitle(m[2]) && !/^(姓名|名字|手机|电话|号码|办公)/.test(m[2])) return true;
  }
  for (const seg of remark.split(/[，,、；;：:\s()（）/|]+/)) {
    if (!HAN_NAME.test(seg) || remarkStatesJobTitle(seg)) continue;
    if (COMPOUND_SURNAMES.some((s) => seg.startsWith(s)) || SURNAMES.has(seg[0])) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Materials

export function materialsOf(draft: FilingDraft, kind: MaterialKind): { m: Material; index: number }[] {
  return (draft.materials ?? []).flatMap((m, index) => (m.kind === kind ? [{ m, index }] : []));
}

/**
 * A per-website document of `kind` for website `i`. A document without `websiteIndex` counts for every website
 * (one letter may cover all websites of the same principal) unless `strict` is set.
 */
export function hasWebsiteMaterial(draft: FilingDraft, kind: MaterialKind, i: number, strict = false): boolean {
  return materialsOf(draft, kind).some(({ m }) => m.websiteIndex === i || (!strict && m.websiteIndex === undefined));
}

// ---------------------------------------------------------------------------------------------------------------
// Website content

/** R-WEB-015(4)'s finance keywords (its list is the catalogue's minimum). */
export const FINANCE_KEYWORDS = ['金融', '理财', '贷', '投资', '支付', '众筹', '保险', '基金'];
/** Online culture / games wording for R-PRV-021 (R-WEB-015(3)'s 文化 and 游戏, plus the common game words). */
export const GAME_CULTURE_KEYWORDS = ['游戏', '网游', '手游', '页游', '电竞', '文化', '动漫'];

/**
 * A keyword that occurs only inside the organisation's own registered name does not count (R-WEB-015(3):
 * 「示例文化传播有限公司官网」 is not a culture website).
 */
export function nameMentions(name: string | undefined, keywords: readonly string[], subjectName?: string): boolean {
  if (!name) return false;
  const stripped = subjectName ? name.split(subjectName).join('') : name;
  return keywords.some((k) => stripped.includes(k));
}

/** R-PRV-020: the website engages in internet finance (R-WEB-015(4) fires, or 互联网金融 is declared). */
export function isFinanceWebsite(draft: FilingDraft, w: Website): boolean {
  return (
    (w.contentTags ?? []).includes('INTERNET_FINANCE') || nameMentions(w.name, FINANCE_KEYWORDS, draft.subject?.name)
  );
}

/** R-PRV-021: name, service content or declared content involve online culture or games. */
export function isGameOrCultureWebsite(draft: FilingDraft, w: Website): boolean {
  const cats = [...(w.preApprovalCategories ?? []), ...(w.preApprovals ?? []).map((p) => p.category)];
  return (
    w.serviceContent === 'ONLINE_GAMES' ||
    w.serviceContent === 'CULTURE' ||
    cats.includes('ONLINE_GAMES') ||
    cats.includes('CULTURE') ||
    (w.contentTags ?? []).includes('ONLINE_GAMES') ||
    (w.cultureActivities ?? []).length > 0 ||
    nameMentions(w.name, GAME_CULTURE_KEYWORDS, draft.subject?.name)
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Domains

/** The rightmost label of a domain in Unicode, lower-cased (`example.XN--FIQS8S` → `中国`). */
export function topLabel(domain: string): string {
  const label = domain.trim().replace(/\.$/, '').split('.').pop() ?? '';
  return toUnicodeHost(label.toLowerCase()).toLowerCase();
}
