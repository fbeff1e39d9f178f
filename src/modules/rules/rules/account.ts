import { isOrganisation } from '../draft.ts';
import { isServerExpired, serverEligibility } from '../eligibility.ts';
import { defineRule, type RuleDef } from '../rule.ts';
import type { Violation } from '../violation.ts';
import {
  certKey,
  maskAccount,
  NON_CANCEL_TYPES,
  subjectByFilingNumber,
  subjectNumbers,
  t,
  VERIFY_TYPES,
  websiteByDomain,
  websitesOf,
} from './helpers.ts';

/** R-ACC: account/subject binding and resources (servers, authorisation codes). */

const sameSubjectAsAccount = (numbers: Set<string>, accountNumber: string) => numbers.has(certKey(accountNumber));

export const accountRules: RuleDef[] = [
  defineRule({
    id: 'R-ACC-001',
    code: 'ACCOUNT_HAS_OTHER_SUBJECT',
    severity: 'block',
    field: 'subject.certificateNumber',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('一个账号只能备案一个主体', 'One account, one subject'),
    check(draft, ctx, report) {
      const bound = ctx.account.subject;
      const entered = draft.subject?.certificateNumber;
      if (!bound || !entered) return [];
      if (sameSubjectAsAccount(subjectNumbers(draft, ctx), bound.certificateNumber)) return [];
      // Personal ↔ organisation is R-ACC-002's message; do not say it twice.
      if (bound.type && draft.subject?.type && isOrganisation(bound.type) !== isOrganisation(draft.subject.type))
        return [];
      return [
        report(
          'subject.certificateNumber',
          t(
            `该账号已绑定备案主体「${bound.name ?? bound.certificateNumber}」，一个账号只能备案一个主体`,
            `This account is already bound to the subject "${bound.name ?? bound.certificateNumber}"; an account can file for one subject only`,
          ),
          t(
            '请使用另一个账号备案该主体；该账号若无服务器，可使用本账号服务器生成的备案授权码',
            'File this subject from another account; if that account has no server, use an authorisation code generated here',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ACC-002',
    code: 'ACCOUNT_HAS_OTHER_SUBJECT',
    severity: 'block',
    field: 'subject.type',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('个人主体与单位主体是不同主体', 'A personal and an organisation subject are different subjects'),
    check(draft, ctx, report) {
      const bound = ctx.account.subject;
      const type = draft.subject?.type;
      if (!bound?.type || !type || isOrganisation(bound.type) === isOrganisation(type)) return [];
      if (draft.subject?.certificateNumber && sameSubjectAsAccount(subjectNumbers(draft, ctx), bound.certificateNumber))
        return [];
      return [
        report(
          'subject.type',
          isOrganisation(type)
            ? t(
                '该账号已有个人备案主体，不能再备案单位主体',
                'This account already holds a personal subject and cannot file for an organisation',
              )
            : t(
                '该账号已有单位备案主体，不能再备案个人主体',
                'This account already holds an organisation subject and cannot file for an individual',
              ),
          t(
            '请重新注册另一个账号备案另一个主体；如需使用本账号的服务器，可生成备案授权码',
            "Register another account for the other subject; to use this account's server, generate an authorisation code",
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ACC-004',
    code: 'SUBJECT_BOUND_TO_OTHER_ACCOUNT',
    severity: 'block',
    field: 'subject.certificateNumber',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('主体已绑定其他账号', 'Subject bound to another account'),
    check(draft, ctx, report) {
      const entered = certKey(draft.subject?.certificateNumber);
      if (!entered) return [];
      const numbers = subjectNumbers(draft, ctx);
      const me = ctx.account.id;
      let other: string | undefined;
      for (const s of ctx.registry?.subjects ?? []) {
        const mine =
          numbers.has(certKey(s.certificateNumber)) ||
          (s.latestCertificateNumber && numbers.has(certKey(s.latestCertificateNumber)));
        if (mine && s.accountId && s.accountId !== me) other = s.accountUin ?? s.accountId;
      }
      if (!other) {
        for (const o of ctx.openOrders ?? []) {
          if (
            o.provider === 'HERE' &&
            o.accountId &&
            o.accountId !== me &&
            numbers.has(certKey(o.subjectCertificateNumber))
          ) {
            other = o.accountUin ?? o.accountId;
          }
        }
      }
      // The domain variant: the domain is the customer's own (same subject name) but filed from another account.
      const name = draft.subject?.name;
      const candidate =
        !!name && (ctx.registry?.subjects ?? []).some((s) => s.name === name && s.accountId && s.accountId !== me);
      if (!other && candidate && draft.subject?.name) {
        for (const w of websitesOf(draft)) {
          for (const d of w.domains ?? []) {
            const rec = websiteByDomain(ctx, d.trim().toLowerCase());
            const subj = rec && subjectByFilingNumber(ctx, rec.subjectFilingNumber);
            if (subj && subj.name === draft.subject.name && subj.accountId && subj.accountId !== me) {
              other = subj.accountUin ?? subj.accountId;
            }
          }
        }
      }
      if (!other) return [];
      const masked = maskAccount(other);
      return [
        report(
          'subject.certificateNumber',
          t(
            `证件已在其他账号下有备案记录（账号 ${masked}）`,
            `The certificate already has filing records under another account (${masked})`,
          ),
          t(
            `请登录账号 ${masked} 办理备案，或联系客服申请备案转移`,
            `Sign in to account ${masked} to file, or ask support for a filing transfer`,
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ACC-006',
    code: 'NO_AVAILABLE_RESOURCE',
    severity: 'block',
    field: 'authCode',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('需要可备案的服务器或备案授权码', 'An eligible server or an authorisation code is needed'),
    check(draft, ctx, report) {
      if (!ctx.servers) return [];
      if (draft.authCode) return []; // R-ACC-020..023 judge the code.
      const judged = ctx.servers.map((s) => ({ s, e: serverEligibility(s, ctx.today, { now: ctx.now }) }));
      if (judged.some((j) => j.e.eligible)) return [];
      // Servers that fail only because they expired are R-ACC-010's case.
      if (
        judged.length > 0 &&
        judged.every((j) => j.e.reasons.length > 0 && j.e.reasons.every((r) => r.code === 'SERVER_EXPIRED'))
      )
        return [];
      const reasons = [...new Map(judged.flatMap((j) => j.e.reasons).map((r) => [r.rule, r])).values()];
      const why = reasons.length
        ? {
            zh: `（${reasons.map((r) => r.message.zh).join('；')}）`,
            en: ` (${reasons.map((r) => r.message.en).join('; ')})`,
          }
        : { zh: '（账号下没有服务器）', en: ' (the account has no server)' };
      return [
        report(
          'authCode',
          t(`暂无可用资源${why.zh}`, `No available resource${why.en}`),
          t(
            '请购买 3 个月或以上的包年包月中国大陆云服务器，或在拥有可备案服务器的其他账号中生成备案授权码后填写',
            'Buy a mainland prepaid server for 3 months or more, or enter an authorisation code generated in another account that owns an eligible server',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ACC-010',
    code: 'SERVER_EXPIRED',
    severity: 'block',
    field: 'authCode',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('服务器过期不能备案', 'An expired server cannot be used for filing'),
    check(draft, ctx, report) {
      if (!ctx.servers || ctx.servers.length === 0 || draft.authCode) return [];
      const judged = ctx.servers.map((s) => serverEligibility(s, ctx.today, { now: ctx.now }));
      if (judged.some((e) => e.eligible)) return [];
      if (!judged.every((e) => e.reasons.length > 0 && e.reasons.every((r) => r.code === 'SERVER_EXPIRED'))) return [];
      return [
        report(
          'authCode',
          t('服务器已过期，不能备案', 'The server has expired and cannot be used for filing'),
          t('请续费服务器后再验证备案信息', 'Renew the server, then run the verify step again'),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-ACC-013',
    code: 'SERVER_EXPIRED',
    severity: 'block',
    field: 'websites[].serverIds[]',
    scope: { orderTypes: NON_CANCEL_TYPES },
    title: t('备案期间接入服务器过期', 'Access server expired during filing'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      const fix = t(
        '请及时续费服务器，以免审核时被认定为接入服务器无效',
        'Renew the server so the review does not find an invalid access server',
      );
      websitesOf(draft).forEach((w, i) => {
        (w.serverIds ?? []).forEach((id, j) => {
          const s = ctx.servers?.find((x) => x.id === id);
          if (s && isServerExpired(s, ctx.today)) {
            out.push(
              report(
                `websites[${i}].serverIds[${j}]`,
                t(`接入服务器 ${id} 已过期`, `Access server ${id} has expired`),
                fix,
              ),
            );
          }
        });
      });
      return out;
    },
  }),
  defineRule({
    id: 'R-ACC-023',
    code: 'AUTH_CODE_INVALID',
    severity: 'block',
    field: 'authCode',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('备案授权码无效', 'Authorisation code invalid'),
    check(draft, ctx, report) {
      if (!draft.authCode || ctx.authCode === undefined) return [];
      const code = ctx.authCode;
      const fix = t(
        '请向生成授权码的账号确认授权码及其服务器状态',
        'Check the code and its server with the account that generated it',
      );
      if (code === null)
        return [
          report('authCode', t('备案授权码无效（授权码不存在）', 'Authorisation code invalid (no such code)'), fix),
        ];
      if (isServerExpired(code.server, ctx.today)) {
        return [
          report(
            'authCode',
            t('备案授权码无效：授权码对应的服务器已过期', "Authorisation code invalid: the code's server has expired"),
            t('请确认服务器是否到期并续费', 'Check whether the server has expired and renew it'),
          ),
        ];
      }
      if (code.state === 'CONSUMED' || code.state === 'INVALID') {
        return [
          report(
            'authCode',
            t('备案授权码无效（已被成功使用或已失效）', 'Authorisation code invalid (already used or invalidated)'),
            fix,
          ),
        ];
      }
      return [];
    },
  }),
  defineRule({
    id: 'R-ACC-022',
    code: 'CODE_IN_USE',
    severity: 'block',
    field: 'authCode',
    scope: { orderTypes: VERIFY_TYPES },
    title: t('备案授权码正被其他订单使用', 'Authorisation code in use by another order'),
    check(draft, ctx, report) {
      const code = ctx.authCode;
      if (!draft.authCode || !code || code.state !== 'RESERVED') return [];
      if (code.reservedByOrderId && code.reservedByOrderId === ctx.orderId) return [];
      if (isServerExpired(code.server, ctx.today)) return [];
      return [
        report(
          'authCode',
          t('该备案授权码正被其他备案订单使用', 'This authorisation code is being used by another filing order'),
          t(
            '待该订单放弃或过期后可再次使用，或申请新的授权码',
            'It becomes usable again when that order is abandoned or expires; or request a new code',
          ),
        ),
      ];
    },
  }),
];
