import { PERSONAL_SERVICE_CONTENTS, SERVICE_CONTENT_INFO, WEBSITE_NATURE_INFO } from '../data/service-content.ts';
import { approvedSuffixSet, suffixSet } from '../data/suffixes.ts';
import { PRE_APPROVAL_CATEGORIES } from '../draft.ts';
import { serverEligibility } from '../eligibility.ts';
import { defineRule, type RuleDef } from '../rule.ts';
import { toUnicodeHost } from '../validators/domain.ts';
import { isPublicIp } from '../validators/ip.ts';
import type { Violation } from '../violation.ts';
import {
  domainEntries,
  isOrg,
  isPersonal,
  provinceRules,
  realNameVisibleFrom,
  registrableOf,
  subjectByFilingNumber,
  t,
  VERIFY_TYPES,
  WEBSITE_EDIT_TYPES,
  websiteByDomain,
  websiteByFilingNumber,
  websitesOf,
} from './helpers.ts';

/** R-WEB (except the naming rules) plus the access-IP rules R-ACC-016 and R-ORD-036. */

const MAX_WEBSITES = 10;
const MAX_DOMAINS = 10;
const DOMAIN_TYPES = ['FIRST', 'ADD_WEBSITE', 'ACCESS', 'CHANGE_WEBSITE'] as const;
const PRE_APPROVAL_SET: ReadonlySet<string> = new Set(PRE_APPROVAL_CATEGORIES);

/** Domains a CHANGE_WEBSITE adds: the ones not already on the filed website it targets (R-WEB-022). */
function isNewDomain(
  draftWebsiteFiling: string | undefined,
  domain: string,
  ctx: Parameters<RuleDef['check']>[1],
): boolean {
  const rec = websiteByFilingNumber(ctx, draftWebsiteFiling);
  return !rec?.domains.includes(domain);
}

export const websiteRules: RuleDef[] = [
  defineRule({
    id: 'R-WEB-001',
    code: 'MAX_WEBSITES_PER_ORDER',
    severity: 'block',
    field: 'websites',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('每个订单 1–10 个网站', '1 to 10 websites per order'),
    check(draft, _ctx, report) {
      const n = websitesOf(draft).length;
      if (n === 0)
        return [
          report('websites', t('请至少添加一个网站', 'Add at least one website'), undefined, {
            code: 'WEBSITE_REQUIRED',
          }),
        ];
      if (n <= MAX_WEBSITES) return [];
      return [
        report(
          `websites[${MAX_WEBSITES}]`,
          t(
            `一次备案最多能添加 ${MAX_WEBSITES} 个网站（当前 ${n} 个）`,
            `An order holds at most ${MAX_WEBSITES} websites (this one has ${n})`,
          ),
          t('其余网站请在本订单审核通过后再新增', 'Add the others after this order is approved'),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-WEB-002',
    code: 'MAX_DOMAINS_PER_WEBSITE',
    severity: 'block',
    field: 'websites[].domains',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('每个网站 1–10 个域名', '1 to 10 domains per website'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const n = (w.domains ?? []).length;
        if (n === 0) {
          const removingAll = draft.orderType === 'CHANGE_WEBSITE';
          if (!removingAll)
            out.push(
              report(`websites[${i}].domains`, t('请至少填写一个域名', 'Enter at least one domain'), undefined, {
                code: 'DOMAIN_REQUIRED',
              }),
            );
        } else if (n > MAX_DOMAINS) {
          out.push(
            report(
              `websites[${i}].domains[${MAX_DOMAINS}]`,
              t(
                `一个网站最多可以添加 ${MAX_DOMAINS} 个域名（当前 ${n} 个）`,
                `A website holds at most ${MAX_DOMAINS} domains (this one has ${n})`,
              ),
              t('可将其余域名放到另一个网站', 'Put the other domains on another website'),
            ),
          );
        }
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-003',
    code: 'ENTER_MAIN_DOMAIN',
    severity: 'block',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('填写顶级域名', 'Enter the registrable domain'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        if (!e.parsed.ok) {
          const why: Record<typeof e.parsed.reason, [string, string]> = {
            EMPTY: ['请填写域名', 'Enter a domain'],
            SYNTAX: ['域名格式不正确', 'Not a valid domain name'],
            IP_ADDRESS: ['请填写域名而不是 IP 地址', 'Enter a domain, not an IP address'],
            UNKNOWN_TLD: ['无法识别的域名后缀', 'Unknown domain suffix'],
            NO_REGISTRABLE_PART: ['请填写完整域名，而不是域名后缀', 'Enter a full domain, not a bare suffix'],
          };
          const [zh, en] = why[e.parsed.reason];
          out.push(report(e.field, t(`${zh}：${e.input}`, `${en}: ${e.input}`), undefined, { code: 'DOMAIN_INVALID' }));
        } else if (!e.parsed.isRegistrable) {
          const main = toUnicodeHost(e.parsed.registrable);
          out.push(
            report(
              e.field,
              t(
                `请填写顶级域名 ${main}，而不是二级域名 ${e.input}`,
                `Enter the registrable domain ${main}, not the host ${e.input}`,
              ),
              t(
                `顶级域名备案后其下所有二级域名均无需再备案：请填写 ${main}`,
                `A filed registrable domain covers all its hosts: enter ${main}`,
              ),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-004',
    code: 'DOMAIN_ALREADY_FILED',
    severity: 'block',
    field: 'websites[].domains[]',
    scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'CHANGE_WEBSITE'] },
    title: t('一个域名只能属于一个网站', 'A domain belongs to one website only'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      const seen = new Map<string, string>();
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        if (!d) continue;
        const first = seen.get(d);
        if (first) {
          out.push(
            report(
              e.field,
              t(
                `域名 ${toUnicodeHost(d)} 在本订单中重复（${first}）`,
                `Domain ${toUnicodeHost(d)} appears twice in this order (${first})`,
              ),
              undefined,
              { code: 'DOMAIN_DUPLICATE' },
            ),
          );
          continue;
        }
        seen.set(d, e.field);
        if (
          draft.orderType === 'CHANGE_WEBSITE' &&
          !isNewDomain(websitesOf(draft)[e.websiteIndex]?.filingNumber, d, ctx)
        )
          continue;
        const rec = websiteByDomain(ctx, d);
        if (!rec) continue;
        const owner = subjectByFilingNumber(ctx, rec.subjectFilingNumber);
        const sameSubject = owner && draft.subject?.name && owner.name === draft.subject.name;
        // The same-name/other-number case carries R-ORD-005's guidance instead.
        if (
          owner &&
          sameSubject &&
          draft.subject?.certificateNumber &&
          owner.certificateNumber.toUpperCase() !== draft.subject.certificateNumber.trim().toUpperCase() &&
          draft.orderType === 'FIRST'
        )
          continue;
        out.push(
          report(
            e.field,
            t(
              `域名已备案：${toUnicodeHost(d)}（${rec.filingNumber}）`,
              `Domain already filed: ${toUnicodeHost(d)} (${rec.filingNumber})`,
            ),
            sameSubject
              ? rec.accessedHere
                ? t(
                    '该域名已在本接入商备案，请通过变更网站办理',
                    'It is already filed and accessed here: use a CHANGE_WEBSITE order',
                  )
                : t('该域名已在您的主体下备案，请办理接入备案', 'It is filed under your subject: use an ACCESS order')
              : t(
                  '请更换一个未备案的域名，或先注销原备案（新持有人可向管局申请注销）',
                  'Use an unfiled domain, or have the old filing cancelled first (a new holder can ask the bureau)',
                ),
          ),
        );
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-005',
    code: 'SUFFIX_NOT_APPROVED',
    severity: 'block',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('域名后缀须经工信部批复', 'Domain suffix approved by MIIT'),
    check(draft, ctx, report) {
      const approved = ctx.config?.approvedSuffixes ? suffixSet(ctx.config.approvedSuffixes) : approvedSuffixSet;
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        if (!e.parsed.ok || approved.has(e.parsed.topLabel)) continue;
        out.push(
          report(
            e.field,
            t(
              `该域名后缀不支持备案：.${toUnicodeHost(e.parsed.topLabel)}`,
              `This domain suffix cannot be filed: .${toUnicodeHost(e.parsed.topLabel)}`,
            ),
            t(
              '域名后缀必须由工信部批复后才能备案，可在公共查询 > 基础代码查询 > 域名类型中核实；使用中国大陆以外的服务器无需备案',
              'Only MIIT-approved suffixes can be filed (see public query > basic codes > domain types); a server outside mainland China needs no filing',
            ),
          ),
        );
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-007',
    code: 'DOMAIN_REGISTRAR_FOREIGN',
    severity: 'block',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('域名须在国内有资质的注册商注册', 'Domain registered with a qualified domestic registrar'),
    check(draft, ctx, report) {
      if (!ctx.domains) return [];
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        const facts = d ? ctx.domains[d] : undefined;
        if (facts?.domesticQualified === false) {
          out.push(
            report(
              e.field,
              t(
                `域名 ${toUnicodeHost(d ?? '')} 在境外注册商${facts.registrar ? `（${facts.registrar}）` : ''}注册，不能直接备案`,
                `Domain ${toUnicodeHost(d ?? '')} is registered abroad${facts.registrar ? ` (${facts.registrar})` : ''} and cannot be filed`,
              ),
              t('请将域名转入国内有资质的域名注册商后再备案', 'Transfer it to a qualified domestic registrar first'),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-009',
    code: 'DOMAIN_NOT_REAL_NAME',
    severity: 'warn',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('域名实名认证', 'Domain real-name verification'),
    check(draft, ctx, report) {
      if (!ctx.domains) return [];
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        const facts = d ? ctx.domains[d] : undefined;
        if (facts && facts.realNameVerifiedOn === null) {
          out.push(
            report(
              e.field,
              t(
                `域名 ${toUnicodeHost(d ?? '')} 未完成实名认证：不影响提交，但已实名的域名才能通过审核`,
                `Domain ${toUnicodeHost(d ?? '')} is not real-name verified: you may submit, but only verified domains pass review`,
              ),
              t('请在域名注册商处完成实名认证', 'Complete real-name verification at the registrar'),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-010',
    code: 'DOMAIN_NOT_REAL_NAME',
    severity: 'warn',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('实名认证 3 个工作日后管局可见', 'Real-name status reaches the bureau after 3 working days'),
    check(draft, ctx, report) {
      if (!ctx.domains) return [];
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        const verifiedOn = d ? ctx.domains[d]?.realNameVerifiedOn : undefined;
        if (!verifiedOn) continue;
        const from = realNameVisibleFrom(verifiedOn, ctx);
        if (ctx.today < from) {
          out.push(
            report(
              e.field,
              t(
                `域名 ${toUnicodeHost(d ?? '')} 的实名认证尚未同步到管局（${from} 起可见）`,
                `The real-name verification of ${toUnicodeHost(d ?? '')} is not yet visible to the bureau (from ${from})`,
              ),
              t('实名认证完成 3 个工作日后再进行备案', 'File 3 working days after the verification completed'),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-011',
    code: 'DOMAIN_OWNER_TYPE_MISMATCH',
    severity: 'warn',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('域名实名类型与主体性质一致', 'Registrant type matches the subject type'),
    check(draft, ctx, report) {
      if (!ctx.domains || !draft.subject?.type) return [];
      const want = isPersonal(draft) ? 'PERSONAL' : 'ORGANISATION';
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        const facts = d ? ctx.domains[d] : undefined;
        if (facts?.registrantType && facts.registrantType !== want) {
          out.push(
            report(
              e.field,
              t(
                `域名 ${toUnicodeHost(d ?? '')} 的实名认证类型与备案主体性质不一致，初审将驳回`,
                `The registrant type of ${toUnicodeHost(d ?? '')} differs from the subject type; initial review will reject it`,
              ),
              t(
                '请在注册商处将域名所有者变更为与备案主体一致',
                'Change the registrant at the registrar to match the subject',
              ),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-012',
    code: 'DOMAIN_OWNER_MISMATCH',
    severity: 'warn',
    field: 'websites[].domains[]',
    scope: { subjectTypes: ['PERSONAL'], orderTypes: [...DOMAIN_TYPES] },
    title: t('个人备案域名所有者须为本人', "A personal filing's domains are registered to the person"),
    check(draft, ctx, report) {
      if (!ctx.domains || !draft.subject?.name) return [];
      const strict = provinceRules(draft, ctx)?.domainOwnerMustMatch === true;
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        const facts = d ? ctx.domains[d] : undefined;
        if (facts?.registrantName && facts.registrantName.trim() !== draft.subject.name.trim()) {
          out.push(
            report(
              e.field,
              t(
                `域名 ${toUnicodeHost(d ?? '')} 的所有者（${facts.registrantName}）不是备案人本人`,
                `The owner of ${toUnicodeHost(d ?? '')} (${facts.registrantName}) is not the person filing`,
              ),
              t(
                '个人备案时域名所有者需为个人姓名：请先在注册商处变更域名所有者',
                'For a personal filing the registrant must be the person: change it at the registrar first',
              ),
              { severity: strict ? 'block' : 'warn' },
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-013',
    code: 'DOMAIN_OWNER_MISMATCH',
    severity: 'warn',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('单位备案域名所有者应为单位名称', "An organisation's domains are registered to it"),
    check(draft, ctx, report) {
      if (!ctx.domains || !isOrg(draft) || !draft.subject?.name) return [];
      const strict = provinceRules(draft, ctx)?.domainOwnerMustMatch === true;
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        const facts = d ? ctx.domains[d] : undefined;
        if (facts?.registrantName && facts.registrantName.trim() !== draft.subject.name.trim()) {
          out.push(
            report(
              e.field,
              strict
                ? t(
                    `${draft.province}管局要求域名所有者与主办单位一致（当前为 ${facts.registrantName}）`,
                    `The ${draft.province} bureau requires the domain owner to be the subject (it is ${facts.registrantName})`,
                  )
                : t(
                    `域名所有者（${facts.registrantName}）与主办单位名称不一致`,
                    `The domain owner (${facts.registrantName}) differs from the subject name`,
                  ),
              t(
                '建议在注册商处将域名所有者变更为备案单位名称',
                'Change the registrant to the subject name at the registrar',
              ),
              { severity: strict ? 'block' : 'warn' },
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-014',
    code: 'DOMAIN_PRIVACY_ON',
    severity: 'warn',
    field: 'websites[].domains[]',
    scope: { orderTypes: [...DOMAIN_TYPES] },
    title: t('须关闭域名隐私保护的省份', 'Provinces requiring domain privacy off'),
    check(draft, ctx, report) {
      if (!ctx.domains || !provinceRules(draft, ctx)?.domainOwnerMustMatch) return [];
      const out: Violation[] = [];
      for (const e of domainEntries(draft)) {
        const d = registrableOf(e);
        if (d && ctx.domains[d]?.privacyProtection) {
          out.push(
            report(
              e.field,
              t(
                `请关闭域名保护：${draft.province}管局审核时无法核查开启隐私保护的域名所有者，初审将驳回`,
                `Turn off privacy protection: the ${draft.province} bureau cannot see the owner, and initial review will reject it`,
              ),
              t('请在域名注册商处关闭域名隐私保护', 'Turn off privacy protection at the registrar'),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-016',
    code: 'SERVICE_CONTENT_NOT_ALLOWED',
    severity: 'block',
    field: 'websites[].serviceContent',
    scope: { orderTypes: WEBSITE_EDIT_TYPES },
    title: t('网站服务内容', 'Website service content'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const field = `websites[${i}].serviceContent`;
        if (!w.serviceContent) {
          out.push(
            report(field, t('请选择网站服务内容', 'Choose the service content'), undefined, { code: 'FIELD_REQUIRED' }),
          );
          return;
        }
        // Pre-approval categories for individuals are R-PRE-004 / R-PRE-006, with their own codes.
        if (
          isPersonal(draft) &&
          !PERSONAL_SERVICE_CONTENTS.includes(w.serviceContent) &&
          !PRE_APPROVAL_SET.has(w.serviceContent)
        ) {
          out.push(
            report(
              field,
              t(
                `个人备案不能选择「${SERVICE_CONTENT_INFO[w.serviceContent].label.zh}」`,
                `A personal subject cannot choose "${SERVICE_CONTENT_INFO[w.serviceContent].label.en}"`,
              ),
              t('个人备案请选择「其他」', 'Individuals choose "Other"'),
            ),
          );
        }
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-018',
    code: 'WEBSITE_NATURE_NOT_ALLOWED',
    severity: 'block',
    field: 'websites[].nature',
    scope: { subjectTypes: ['PERSONAL'], orderTypes: WEBSITE_EDIT_TYPES },
    title: t('个人只能开办个人性质网站', 'Individuals run personal sites only'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        // Forums have their own code (R-PRE-006).
        if (!w.nature || WEBSITE_NATURE_INFO[w.nature].personal || w.nature === 'FORUM') return;
        out.push(
          report(
            `websites[${i}].nature`,
            t(
              `个人备案不能开办「${WEBSITE_NATURE_INFO[w.nature].label.zh}」`,
              `A personal subject cannot run a "${WEBSITE_NATURE_INFO[w.nature].label.en}"`,
            ),
            t(
              '个人只能做个人博客、空间类等个人性质的网站',
              'Individuals may run personal blogs, spaces and other personal sites only',
            ),
          ),
        );
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-WEB-020',
    code: 'ACCESS_IP_REQUIRED',
    severity: 'block',
    field: 'websites[].accessIps',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('网站须登记接入 IP', 'Each website records its access IP'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        if ((w.accessIps ?? []).length === 0) {
          out.push(
            report(
              `websites[${i}].accessIps`,
              t('请选择网站的接入服务器（接入 IP）', "Choose the website's access server (access IP)"),
              t(
                '接入 IP 为可备案服务器或备案授权码对应服务器的公网 IP',
                "The access IP is an eligible server's public IP or the authorisation code's server IP",
              ),
            ),
          );
        }
        (w.accessIps ?? []).forEach((ip, j) => {
          if (!isPublicIp(ip, { allowDocumentation: true })) {
            out.push(
              report(
                `websites[${i}].accessIps[${j}]`,
                t(`接入 IP ${ip} 不是公网 IP`, `Access IP ${ip} is not a public IP`),
                undefined,
                { code: 'ACCESS_IP_INVALID' },
              ),
            );
          }
        });
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-ACC-016',
    code: 'ACCESS_IP_MISMATCH',
    severity: 'block',
    field: 'websites[].accessIps[]',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('使用授权码时接入 IP 为授权码服务器 IP', "With a code, the access IP is the code's server IP"),
    check(draft, ctx, report) {
      const ip = draft.authCode && ctx.authCode ? ctx.authCode.server.publicIpv4 : undefined;
      if (!ip) return [];
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        (w.accessIps ?? []).forEach((x, j) => {
          if (x !== ip)
            out.push(
              report(
                `websites[${i}].accessIps[${j}]`,
                t(`使用备案授权码时接入 IP 必须是 ${ip}`, `With this authorisation code the access IP must be ${ip}`),
              ),
            );
        });
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-ORD-036',
    code: 'ACCESS_IP_NOT_HERE',
    severity: 'block',
    field: 'websites[].accessIps[]',
    scope: { orderTypes: [...VERIFY_TYPES, 'CHANGE_ACCESS'] },
    title: t('谁接入谁备案', 'Whoever provides access files'),
    check(draft, ctx, report) {
      if (!ctx.servers || (draft.authCode && ctx.authCode)) return [];
      const ips = new Set(
        ctx.servers
          .filter((s) => serverEligibility(s, ctx.today).eligible && s.publicIpv4)
          .map((s) => s.publicIpv4 as string),
      );
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        (w.accessIps ?? []).forEach((ip, j) => {
          if (!ips.has(ip)) {
            out.push(
              report(
                `websites[${i}].accessIps[${j}]`,
                t(`IP ${ip} 不是本账号可备案服务器的 IP`, `IP ${ip} is not an eligible server of this account`),
                t(
                  '备案遵循谁接入谁备案：请在该 IP 所属的服务商处备案，或选择本账号的可备案服务器',
                  'Filing follows the provider hosting the site: file with the provider that owns this IP, or choose an eligible server here',
                ),
              ),
            );
          }
        });
      });
      return out;
    },
  }),
];

export { PRE_APPROVAL_SET };
