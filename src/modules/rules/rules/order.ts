import type { CheckContext } from '../context.ts';
import { ORDER_TYPE_LABELS } from '../data/order-types.ts';
import type { FilingDraft } from '../draft.ts';
import { detectOrderType, type OrderTypeDetection } from '../order-type.ts';
import { defineRule, type RuleDef } from '../rule.ts';
import { toUnicodeHost } from '../validators/domain.ts';
import { samePhone } from '../validators/phone.ts';
import type { Violation } from '../violation.ts';
import {
  blank,
  certKey,
  domainEntries,
  expired,
  provinceOfText,
  recordedSubject,
  registrableOf,
  subjectNumbers,
  t,
  VERIFY_TYPES,
  websiteByFilingNumber,
  websitesOf,
  websitesOfSubject,
} from './helpers.ts';
import { approvedCategoriesOf, lintWebsiteName } from './naming.ts';

/** R-ORD validations: order-type detection, concurrency, read-only data and the re-check of filed websites. */

const detectionCache = new WeakMap<FilingDraft, OrderTypeDetection>();

function detection(draft: FilingDraft, ctx: CheckContext): OrderTypeDetection | undefined {
  if (!ctx.registry) return undefined;
  const cached = detectionCache.get(draft);
  if (cached) return cached;
  const domains = domainEntries(draft).flatMap((e) => {
    const d = registrableOf(e);
    return d ? [d] : [];
  });
  const d = detectOrderType(
    { certificateNumber: draft.subject?.certificateNumber, subjectName: draft.subject?.name, domains },
    ctx,
  );
  detectionCache.set(draft, d);
  return d;
}

/** Field path of a detected domain in the draft. */
function fieldOf(draft: FilingDraft, domain: string): string {
  return domainEntries(draft).find((e) => registrableOf(e) === domain)?.field ?? 'websites';
}

const THREE_WAYS = t(
  '可选择：1. 先到原接入商修改备案信息后再接入；2. 先接入再变更（省管局允许时）；3. 注销原备案后重新备案（他人持有的域名可由新持有人向管局申请注销）',
  'Options: 1. fix the data at the original provider, then access; 2. access first and change afterwards where the province allows; 3. cancel the original filing and file again (a new domain holder can ask the bureau to cancel)',
);

/** Non-compliant items of a subject's filed websites (R-ORD-030 / R-ORD-037), each with the change order needed. */
function existingFindings(draft: FilingDraft, ctx: CheckContext, skip: ReadonlySet<string>) {
  const rec = recordedSubject(draft, ctx);
  if (!rec) return [];
  const out: Array<{ field: string; zh: string; en: string; reason: string }> = [];
  for (const w of websitesOfSubject(ctx, rec)) {
    if (skip.has(w.filingNumber)) continue;
    const base = `existingWebsites[${w.filingNumber}]`;
    const names = lintWebsiteName(w.name, {
      subjectType: rec.type,
      subjectName: rec.name,
      nationalLevel: draft.subject?.nationalLevel,
      approvedCategories: approvedCategoriesOf({ preApprovals: w.preApprovals }, ctx.today),
    }).filter((f) => f.severity === 'block' && f.code === 'WEBSITE_NAME_INVALID');
    for (const f of names) {
      out.push({
        field: `${base}.name`,
        reason: 'WEBSITE_NAME_INVALID',
        zh: `${w.name}（${w.filingNumber}）：${f.message.zh}，请办理变更网站`,
        en: `${w.name} (${w.filingNumber}): ${f.message.en}; submit a CHANGE_WEBSITE`,
      });
    }
    const expiredApproval =
      w.flags?.includes('PRE_APPROVAL_EXPIRED') || (w.preApprovals ?? []).some((a) => expired(a.expiryDate, ctx.today));
    if (expiredApproval) {
      out.push({
        field: `${base}.preApprovals`,
        reason: 'PRE_APPROVAL_EXPIRED',
        zh: `${w.name}（${w.filingNumber}）的前置审批（如《网络文化经营许可证》）已过期，请办理变更网站上传续期证件`,
        en: `${w.name} (${w.filingNumber}): a pre-approval (e.g. the culture licence) has expired; submit a CHANGE_WEBSITE with the renewed one`,
      });
    }
    if (w.probe?.reachable && w.probe.filingNumberShown === false) {
      out.push({
        field: `${base}.homepage`,
        reason: 'FILING_NUMBER_NOT_DISPLAYED',
        zh: `${w.name}（${w.filingNumber}）首页未悬挂备案号并链接至工信部网站`,
        en: `${w.name} (${w.filingNumber}) does not show its filing number linked to MIIT`,
      });
    }
  }
  const legalRep = draft.subject?.legalRepresentative?.name;
  if (rec.type !== 'PERSONAL' && legalRep && rec.principal?.name && rec.principal.name !== legalRep) {
    out.push({
      field: 'existingSubject.principal.name',
      reason: 'PRINCIPAL_NOT_LEGAL_REP',
      zh: `已备案的主体负责人（${rec.principal.name}）不是法定代表人，请办理变更主体`,
      en: `The filed subject principal (${rec.principal.name}) is not the legal representative; submit a CHANGE_SUBJECT`,
    });
  }
  return out;
}

export const orderRules: RuleDef[] = [
  defineRule({
    id: 'R-ORD-004',
    code: 'WRONG_ORDER_TYPE',
    severity: 'block',
    field: 'orderType',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('备案类型由管局数据决定', 'The order type follows the bureau data'),
    check(draft, ctx, report) {
      const d = detection(draft, ctx);
      if (!d) return [];
      const out: Violation[] = [];
      for (const o of d.outcomes) {
        if ('error' in o && o.error === 'ALREADY_ACCESSED') {
          out.push(
            report(
              fieldOf(draft, o.domain),
              t(
                `域名 ${toUnicodeHost(o.domain)} 已在本接入商接入（${o.website?.filingNumber ?? ''}）`,
                `Domain ${toUnicodeHost(o.domain)} is already accessed here (${o.website?.filingNumber ?? ''})`,
              ),
              t('如需修改网站信息请办理变更网站', 'To change the website, use a CHANGE_WEBSITE order'),
              { code: 'ALREADY_ACCESSED' },
            ),
          );
        }
      }
      if (d.type && draft.orderType && d.type !== draft.orderType) {
        out.push(
          report(
            'orderType',
            t(
              `根据备案系统数据，本订单应为「${ORDER_TYPE_LABELS[d.type].zh}」而不是「${ORDER_TYPE_LABELS[draft.orderType].zh}」`,
              `The bureau data make this a ${d.type} order, not ${draft.orderType}`,
            ),
            t(
              '请重新验证备案信息，按系统识别的备案类型办理',
              'Run the verify step again and continue with the detected type',
            ),
          ),
        );
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-ORD-005',
    code: 'DOMAIN_ALREADY_FILED',
    severity: 'block',
    field: 'websites[].domains[]',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('原备案使用旧证件号码（情况二）', 'The original filing uses the old certificate number (case 2)'),
    check(draft, ctx, report) {
      const d = detection(draft, ctx);
      if (!d) return [];
      return d.outcomes
        .filter((o) => 'error' in o && o.error === 'DOMAIN_ALREADY_FILED' && o.sameNameOlderNumber)
        .map((o) =>
          report(
            fieldOf(draft, o.domain),
            t(
              `域名已备案：原备案（${o.website?.filingNumber ?? ''}）使用的是旧证件号码，您填写的是新的三证合一证件`,
              `Domain already filed: the original filing (${o.website?.filingNumber ?? ''}) uses the old certificate number, you entered the new one`,
            ),
            t(
              '请填写原证件号码重新验证，并按省管局要求上传证件；无法提供时，请先到原接入商完成变更，或注销原主体后重新备案',
              'Enter the original number and upload the certificate the province requires; if impossible, change the data at the original provider first, or cancel the original subject and file again',
            ),
          ),
        );
    },
  }),
  defineRule({
    id: 'R-ORD-033',
    code: 'ACCESS_DATA_INCONSISTENT',
    severity: 'block',
    field: 'websites[].domains[]',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('证件与域名对应不同备案号', 'Certificate and domain map to different filings'),
    check(draft, ctx, report) {
      const d = detection(draft, ctx);
      if (!d) return [];
      return d.outcomes
        .filter((o) => 'error' in o && o.error === 'ACCESS_DATA_INCONSISTENT')
        .map((o) =>
          report(
            fieldOf(draft, o.domain),
            t(
              `证件查询到备案号 ${d.subject?.filingNumber ?? ''}，域名查询到备案号 ${o.website?.filingNumber ?? ''}，其中一个备案信息有误`,
              `The certificate maps to ${d.subject?.filingNumber ?? ''} and the domain to ${o.website?.filingNumber ?? ''}; one of the records is wrong`,
            ),
            THREE_WAYS,
          ),
        );
    },
  }),
  defineRule({
    id: 'R-ORD-006',
    code: 'INFO_CONFLICT',
    severity: 'block',
    field: 'subject.name',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('与工信部现存信息冲突', 'Conflicts with existing MIIT data'),
    check(draft, ctx, report) {
      const name = draft.subject?.name?.trim();
      const number = certKey(draft.subject?.certificateNumber);
      if (!name || !number) return [];
      const clash =
        ctx.registry?.subjects.filter((s) => certKey(s.certificateNumber) === number && s.name !== name) ?? [];
      if (clash.length === 0) return [];
      return [
        report(
          'subject.name',
          t(
            `填写的信息与工信部备案系统中现存信息冲突（${clash.map((s) => s.filingNumber).join('、')}：${clash.map((s) => s.name).join('、')}）`,
            `The data conflict with existing MIIT records (${clash.map((s) => `${s.filingNumber}: ${s.name}`).join(', ')})`,
          ),
          t(
            '请核对填写的信息；如确认无误，请携带证明材料联系省管局，并注销旧备案后再备案',
            'Check the entry; if it is correct, contact the provincial bureau with supporting documents and have the old record cancelled first',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ORD-007',
    code: 'ORDER_IN_FLIGHT',
    severity: 'block',
    field: 'orderType',
    scope: {},
    title: t('一个账号只能有一个流程中的订单', 'One order in flight per account'),
    check(_draft, ctx, report) {
      const other = (ctx.openOrders ?? []).find(
        (o) => o.provider === 'HERE' && o.accountId === ctx.account.id && o.id !== ctx.orderId,
      );
      if (!other) return [];
      return [
        report(
          'orderType',
          t(
            `该账号已有一个正在流程中的备案订单（${other.id}，${other.state}）`,
            `This account already has an order in flight (${other.id}, ${other.state})`,
          ),
          other.atBureau
            ? t(
                '订单已提交管局并锁定，请等待管局审核结果后再发起新的备案',
                'It is locked at the bureau; wait for the decision before starting another order',
              )
            : t(
                '请先完成该订单，或放弃后重新提交（同类型可合并到一个订单）',
                'Finish that order, or abandon it and create one order with everything',
              ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ORD-008',
    code: 'SUBJECT_CONFLICT',
    severity: 'block',
    field: 'subject.certificateNumber',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('一个主体只能有一个流程中的备案（跨接入商）', 'One in-flight filing per subject, across providers'),
    check(draft, ctx, report) {
      const numbers = subjectNumbers(draft, ctx);
      if (numbers.size === 0) return [];
      const other = (ctx.openOrders ?? []).find(
        (o) => o.id !== ctx.orderId && o.provider === 'OTHER' && numbers.has(certKey(o.subjectCertificateNumber)),
      );
      if (!other) return [];
      return [
        report(
          'subject.certificateNumber',
          t(
            '备案主办者冲突：该主体在其他接入商有正在流程中的备案',
            'Subject conflict: the subject has a filing in flight at another provider',
          ),
          t(
            '一个主体只能有一个在流程中的备案，请在该备案完成后再提交',
            'A subject can have one filing in flight; submit after that one completes',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ORD-009',
    code: 'DOMAIN_CONFLICT',
    severity: 'block',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...VERIFY_TYPES, 'CHANGE_WEBSITE'] },
    title: t('一个域名只能在一个流程中的备案里', 'A domain is in one in-flight filing only'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      const numbers = subjectNumbers(draft, ctx);
      const busy = new Set<string>();
      for (const o of ctx.openOrders ?? []) {
        if (o.id === ctx.orderId || !(o.provider === 'OTHER' || o.atBureau)) continue;
        if (numbers.has(certKey(o.subjectCertificateNumber))) continue;
        for (const d of o.domains) busy.add(d);
      }
      if (busy.size === 0) return out;
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        if (d && busy.has(d)) {
          out.push(
            report(
              e.field,
              t(
                `备案域名冲突：${toUnicodeHost(d)} 正在其他备案中`,
                `Domain conflict: ${toUnicodeHost(d)} is in another filing in progress`,
              ),
              t(
                '域名只能在一个备案完成后再提交另一个备案',
                'A domain can be filed again only after that filing completes',
              ),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-ORD-011',
    code: 'MIXED_ORDER_TYPES',
    severity: 'block',
    field: 'websites',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('一个订单只能有一种备案类型', 'One order type per order'),
    check(draft, ctx, report) {
      const d = detection(draft, ctx);
      if (!d?.mixed) return [];
      const list = d.outcomes.flatMap((o) => ('type' in o ? [`${toUnicodeHost(o.domain)} → ${o.type}`] : []));
      return [
        report(
          'websites',
          t(
            `订单中的域名属于不同备案类型：${list.join('，')}`,
            `The domains need different order types: ${list.join(', ')}`,
          ),
          t(
            '不同类型须分次提交；建议先进行接入备案，再新增网站',
            'Submit different types as separate orders; do the ACCESS first, then ADD_WEBSITE',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ORD-029',
    code: 'CHANGE_REQUIRED',
    severity: 'block',
    field: 'subject',
    scope: { orderTypes: ['ADD_WEBSITE'] },
    title: t('新增网站时主体信息须与备案信息一致', 'ADD_WEBSITE carries the filed subject data'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      const s = draft.subject;
      if (!rec || !s) return [];
      const out: Violation[] = [];
      const fix = t(
        '新增网站时主体信息只读：如原备案主体信息有误或已变化，请先办理变更主体，再添加网站',
        'The subject section is read-only here: if the filed data are wrong or outdated, submit a CHANGE_SUBJECT first',
      );
      const msg = (what: string, en: string) => t(`${what}与备案成功信息不一致`, `${en} differs from the filed record`);
      if (s.name && s.name.trim() !== rec.name)
        out.push(report('subject.name', msg('主办单位名称', 'The subject name'), fix));
      const a = s.communicationAddress;
      const ra = rec.communicationAddress;
      if (a && ra) {
        const diff = (x?: string, y?: string) => !blank(x) && !blank(y) && x?.trim() !== y?.trim();
        if (
          diff(a.detail, ra.detail) ||
          (a.province && ra.province && provinceOfText(a.province) !== provinceOfText(ra.province)) ||
          diff(a.city, ra.city) ||
          diff(a.district, ra.district)
        ) {
          out.push(report('subject.communicationAddress', msg('通信地址', 'The communication address'), fix));
        }
      }
      // Subject-principal differences are R-SUB-021's.
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-029',
    code: 'ACCESS_DATA_READ_ONLY',
    severity: 'block',
    field: 'subject',
    scope: { orderTypes: ['ACCESS'] },
    title: t('接入备案的主体和网站信息只读', 'ACCESS copies subject and website data read-only'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      if (!rec) return [];
      const out: Violation[] = [];
      const fix = t(
        '接入备案只是为备案信息增加一个新服务商，过程中无法修改：请先到原接入商变更备案信息，或接入完成后在此变更（省管局允许时）',
        'ACCESS only adds this provider; nothing can be edited: change the data at the original provider first, or change here after access where allowed',
      );
      const s = draft.subject;
      if (s?.name && s.name.trim() !== rec.name)
        out.push(
          report(
            'subject.name',
            t('接入备案时不能修改主办单位名称', 'The subject name cannot be edited in ACCESS'),
            fix,
          ),
        );
      const a = s?.communicationAddress?.detail;
      if (a && rec.communicationAddress?.detail && a.trim() !== rec.communicationAddress.detail.trim()) {
        out.push(
          report(
            'subject.communicationAddress',
            t('接入备案时不能修改通信地址', 'The communication address cannot be edited in ACCESS'),
            fix,
          ),
        );
      }
      const p = draft.subjectPrincipal;
      const rp = rec.principal;
      if (p && rp) {
        const edited = (['name', 'certificateNumber', 'email'] as const).filter(
          (k) => !blank(p[k]) && certKey(p[k]) !== certKey(rp[k]),
        );
        if ((p.mobile && rp.mobile && !samePhone(p.mobile, rp.mobile)) || edited.length) {
          out.push(
            report(
              'subjectPrincipal',
              t('接入备案时不能修改主体负责人信息', 'The subject principal cannot be edited in ACCESS'),
              fix,
            ),
          );
        }
      }
      websitesOf(draft).forEach((w, i) => {
        const rw = websiteByFilingNumber(ctx, w.filingNumber);
        if (rw && w.name && w.name.trim() !== rw.name)
          out.push(
            report(
              `websites[${i}].name`,
              t('接入备案时不能修改网站名称', 'The website name cannot be edited in ACCESS'),
              fix,
            ),
          );
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-024',
    code: 'ACCESS_DATA_READ_ONLY',
    severity: 'block',
    field: 'websites[].domains',
    scope: { orderTypes: ['ACCESS'] },
    title: t('接入备案不能删除域名', 'ACCESS cannot remove domains'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const rw =
          websiteByFilingNumber(ctx, w.filingNumber) ??
          ctx.registry?.websites.find((x) => (w.domains ?? []).some((d) => x.domains.includes(d.trim().toLowerCase())));
        if (!rw) return;
        const now = new Set((w.domains ?? []).map((d) => d.trim().toLowerCase()));
        const removed = rw.domains.filter((d) => !now.has(d));
        if (removed.length) {
          out.push(
            report(
              `websites[${i}].domains`,
              t(
                `接入备案时不能删除域名：${removed.map(toUnicodeHost).join('、')}`,
                `ACCESS cannot remove domains: ${removed.map(toUnicodeHost).join(', ')}`,
              ),
              t(
                '可在接入备案完成后办理变更网站删除域名，或先在原接入商变更删除后再接入',
                'Remove them with a CHANGE_WEBSITE after access, or at the original provider before access',
              ),
            ),
          );
        }
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-ORD-030',
    code: 'EXISTING_DATA_NONCOMPLIANT',
    severity: 'block',
    field: 'existingWebsites',
    scope: { orderTypes: ['ADD_WEBSITE'] },
    title: t('新增网站时已备案信息须符合现行规则', 'Filed data must meet current rules before ADD_WEBSITE'),
    check(draft, ctx, report) {
      return existingFindings(draft, ctx, new Set()).map((f) =>
        report(
          f.field,
          t(f.zh, f.en),
          t(
            '已备案信息与现行规则冲突，须先变更为符合规则的信息才能新增网站',
            'Filed data conflict with current rules; change them before adding websites',
          ),
        ),
      );
    },
  }),
  defineRule({
    id: 'R-ORD-037',
    code: 'EXISTING_WEBSITE_NONCOMPLIANT',
    severity: 'warn',
    field: 'existingWebsites',
    scope: { orderTypes: ['CHANGE_SUBJECT', 'CHANGE_WEBSITE'] },
    title: t('变更时复查其他已备案网站', 'Change orders re-check the other filed websites'),
    check(draft, ctx, report) {
      const touched = new Set(websitesOf(draft).flatMap((w) => (w.filingNumber ? [w.filingNumber] : [])));
      return existingFindings(draft, ctx, touched).map((f) =>
        report(f.field, t(f.zh, f.en), t('请及时办理对应的变更', 'Submit the matching change order soon')),
      );
    },
  }),
  defineRule({
    id: 'R-ORD-032',
    code: 'ACCESS_WEBSITE_NOT_OF_SUBJECT',
    severity: 'block',
    field: 'websites[]',
    scope: { orderTypes: ['ACCESS'] },
    title: t('接入备案选择本主体已备案的网站', "ACCESS selects the subject's filed websites"),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      if (!rec) return [];
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const rw = websiteByFilingNumber(ctx, w.filingNumber);
        if (w.filingNumber && (!rw || rw.subjectFilingNumber !== rec.filingNumber)) {
          out.push(
            report(
              `websites[${i}].filingNumber`,
              t(
                `网站备案号 ${w.filingNumber} 不属于该主体`,
                `Website ${w.filingNumber} does not belong to this subject`,
              ),
              t('接入备案只能选择本主体已备案的网站', "ACCESS can only select the subject's filed websites"),
            ),
          );
        }
      });
      return out;
    },
  }),
];
