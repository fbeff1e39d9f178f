import { isOrganisation } from '../draft.ts';
import { defineRule, type RuleDef } from '../rule.ts';
import { toUnicodeHost } from '../validators/domain.ts';
import type { Violation } from '../violation.ts';
import {
  CANCEL_TYPES,
  certKey,
  provinceRules,
  recordedSubject,
  t,
  websiteByFilingNumber,
  websitesOf,
  websitesOfSubject,
} from './helpers.ts';

/** R-CHG: validations of change, cancellation and cancel-access orders. */

const CHANGE_TYPES = ['CHANGE_SUBJECT', 'CHANGE_WEBSITE', 'CHANGE_ACCESS'] as const;

export const changeRules: RuleDef[] = [
  defineRule({
    id: 'R-CHG-004',
    code: 'SUBJECT_TYPE_CHANGE_NOT_ALLOWED',
    severity: 'block',
    field: 'subject.type',
    scope: { orderTypes: ['CHANGE_SUBJECT'] },
    title: t('个人与单位备案不能互相变更', 'No change between personal and organisation'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      const type = draft.subject?.type;
      if (!rec || !type || isOrganisation(rec.type) === isOrganisation(type)) return [];
      return [
        report(
          'subject.type',
          isOrganisation(type)
            ? t('暂不支持个人备案直接变更为企业备案', 'A personal filing cannot be changed into an organisation filing')
            : t('不支持备案主体由单位变更为个人', 'An organisation filing cannot be changed into a personal filing'),
          t(
            '可先注销该域名的备案，再以新主体重新备案；或使用新域名以新主体备案',
            'Cancel the filing of the domain and file again under the new subject, or file a new domain under it',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-CHG-005',
    code: 'PROVINCE_CHANGE_NOT_ALLOWED',
    severity: 'block',
    field: 'province',
    scope: { orderTypes: [...CHANGE_TYPES] },
    title: t('不能跨地域变更备案', 'No change of filing province'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      if (!rec || !draft.province || draft.province === rec.province) return [];
      return [
        report(
          'province',
          t(
            `管局不允许跨地域变更备案信息（原备案省份：${rec.province}）`,
            `The bureau does not allow moving a filing to another province (filed in ${rec.province})`,
          ),
          t('请先注销备案，再在新省份申请备案', 'Cancel the filing, then file in the new province'),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-CHG-006',
    code: 'CHANGE_NOT_HERE',
    severity: 'block',
    field: 'subjectFilingNumber',
    scope: { orderTypes: [...CHANGE_TYPES] },
    title: t(
      '变更须在接入本接入商的主体和网站上办理',
      'Changes are made here only for subjects and websites accessed here',
    ),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      if (!rec) return [];
      const out: Violation[] = [];
      if (rec.accountId !== ctx.account.id || !rec.accessedHere) {
        out.push(
          report(
            'subjectFilingNumber',
            t(
              '该主体没有在本接入商接入的网站，无法在此变更',
              'This subject has no website accessed here and cannot be changed here',
            ),
            t(
              '如果您在其他接入商进行主体备案，您必须到之前接入商办理变更',
              'Make the change at the provider that holds the subject',
            ),
          ),
        );
        return out;
      }
      if (draft.orderType !== 'CHANGE_SUBJECT') {
        websitesOf(draft).forEach((w, i) => {
          const rw = websiteByFilingNumber(ctx, w.filingNumber);
          if (rw && !rw.accessedHere) {
            out.push(
              report(
                `websites[${i}].filingNumber`,
                t(
                  `网站 ${rw.filingNumber} 未在本接入商接入，不能在此变更`,
                  `Website ${rw.filingNumber} is not accessed here and cannot be changed here`,
                ),
                t('请先办理接入备案，或到其接入商处变更', 'Do an ACCESS first, or change it at its provider'),
                { code: 'WEBSITE_NOT_ACCESSED_HERE' },
              ),
            );
          }
        });
        return out;
      }
      const s = draft.subject;
      if (!s?.certificateNumber) return out;
      const numberChanged = certKey(s.certificateNumber) !== certKey(rec.certificateNumber);
      const nameChanged = !!s.name && s.name.trim() !== rec.name;
      const rules = provinceRules(draft, ctx);
      if (numberChanged && nameChanged && rules?.subjectReplaceAllowed !== true) {
        out.push(
          report(
            'subject.certificateNumber',
            t(
              '不支持同时变更主体名称和证件号码（更换备案主体）',
              'Changing the subject name and certificate number together (replacing the subject) is not allowed',
            ),
            t('请注销原备案后以新主体重新备案', 'Cancel the filing and file again under the new subject'),
            { code: 'SUBJECT_CERT_CHANGE_NOT_ALLOWED' },
          ),
        );
      } else if (numberChanged && !nameChanged && rules?.certNumberChangeAllowed === false) {
        out.push(
          report(
            'subject.certificateNumber',
            t(
              `${draft.province}管局不受理证件号码变更`,
              `The ${draft.province} bureau does not accept certificate-number changes`,
            ),
            undefined,
            { code: 'CERT_NUMBER_CHANGE_NOT_ALLOWED' },
          ),
        );
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-CHG-010',
    code: 'LAST_DOMAIN_USE_CANCEL_WEBSITE',
    severity: 'block',
    field: 'websites[].domains',
    scope: { orderTypes: ['CHANGE_WEBSITE'] },
    title: t('变更网站不能删除全部域名', 'CHANGE_WEBSITE cannot remove every domain'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        if (w.domains !== undefined && w.domains.length === 0) {
          out.push(
            report(
              `websites[${i}].domains`,
              t('不能删除网站的最后一个域名', "A website's last domain cannot be removed"),
              t('如不再使用该网站，请办理注销网站', 'To stop using the website, cancel it with CANCEL_WEBSITE'),
            ),
          );
        }
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-CHG-013',
    code: 'LAST_WEBSITE_USE_CANCEL_SUBJECT',
    severity: 'block',
    field: 'websites',
    scope: { orderTypes: ['CANCEL_WEBSITE'] },
    title: t('注销最后一个网站请注销主体', 'Cancelling the last website means cancelling the subject'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      if (!rec) return [];
      const filed = websitesOfSubject(ctx, rec).map((w) => w.filingNumber);
      const chosen = new Set(websitesOf(draft).flatMap((w) => (w.filingNumber ? [w.filingNumber] : [])));
      if (filed.length === 0 || !filed.every((f) => chosen.has(f))) return [];
      return [
        report(
          'websites',
          t(
            '这是该主体下最后一个已备案网站，不能单独注销网站',
            'This is the subject’s last filed website and cannot be cancelled on its own',
          ),
          t('请办理注销主体（需要备案密码）', 'Cancel the subject instead (the filing password is needed)'),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-CHG-015',
    code: 'FILED_DOMAIN_NOT_HELD',
    severity: 'block',
    field: 'existingWebsites',
    scope: { orderTypes: ['ADD_WEBSITE'] },
    title: t('已备案域名不再持有', 'A filed domain is no longer held'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      if (!rec || !ctx.domains) return [];
      const sites = websitesOfSubject(ctx, rec);
      const out: Violation[] = [];
      for (const w of sites) {
        for (const d of w.domains) {
          const facts = ctx.domains[d];
          if (!facts) continue;
          const lost =
            facts.expired === true || (facts.registrantName !== undefined && facts.registrantName.trim() !== rec.name);
          if (!lost) continue;
          const fix =
            sites.length === 1
              ? t(
                  '请先注销主体，再以首次备案重新备案（可同时备案新域名）',
                  'Cancel the subject, then file again with a FIRST order that includes the new domain',
                )
              : w.domains.length > 1
                ? t(`请办理变更网站删除域名 ${toUnicodeHost(d)}`, `Remove ${toUnicodeHost(d)} with a CHANGE_WEBSITE`)
                : t(`请办理注销网站 ${w.filingNumber}`, `Cancel website ${w.filingNumber} with CANCEL_WEBSITE`);
          out.push(
            report(
              `existingWebsites[${w.filingNumber}].domains`,
              t(
                `已备案域名 ${toUnicodeHost(d)} 已不在该主体名下`,
                `The filed domain ${toUnicodeHost(d)} is no longer held by the subject`,
              ),
              fix,
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-CHG-016',
    code: 'SHELL_RISK',
    severity: 'warn',
    field: 'websites',
    scope: { orderTypes: ['CANCEL_ACCESS'] },
    title: t('取消接入后可能成为空壳网站', 'Cancel access can leave a shell filing'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      websitesOf(draft).forEach((w, i) => {
        const rw = websiteByFilingNumber(ctx, w.filingNumber);
        if (rw && (rw.otherAccessProviders ?? 0) === 0) {
          out.push(
            report(
              `websites[${i}]`,
              t(
                `取消接入后网站 ${rw.filingNumber} 将没有接入商，会成为空壳网站并有被管局注销的风险`,
                `After cancelling access, ${rw.filingNumber} has no provider left and may be cancelled by the bureau as a shell`,
              ),
              t('请尽快在正在使用的服务商处办理接入备案', 'Do an ACCESS filing at the provider now hosting the site'),
            ),
          );
        }
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-CHG-017',
    code: 'CANCEL_CONFIRMATION_REQUIRED',
    severity: 'block',
    field: 'cancelConfirmation',
    scope: { orderTypes: CANCEL_TYPES },
    title: t('确认取消接入与注销备案的区别', 'Confirm cancel access versus cancellation'),
    check(draft, _ctx, report) {
      if (draft.cancelConfirmation === draft.orderType) return [];
      return [
        report(
          'cancelConfirmation',
          t(
            '请确认办理的类型：取消接入（备案号保留、本接入商不再接入）或注销备案（删除备案号，需重新备案）',
            'Confirm the type: cancel access (the number stays, access here ends) or cancellation (the number is deleted; re-filing needed)',
          ),
        ),
      ];
    },
  }),
];
