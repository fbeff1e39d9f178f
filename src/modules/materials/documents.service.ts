import type { Config } from '../../platform/config.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../audit/audit.repository.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import { ORDER_TYPE_LABELS } from '../rules/data/order-types.ts';
import { SERVICE_CONTENT_INFO } from '../rules/data/service-content.ts';
import { CERTIFICATE_LABELS, SUBJECT_TYPE_INFO } from '../rules/data/subject-types.ts';
import type { FilingDraft, Principal } from '../rules/draft.ts';
import { photoChecklist } from '../rules/materials/photo-checklist.ts';
import { checkContextFor, SHIPPED_PROVINCE_RULES } from '../filings/checker.ts';
import { provinceRulesFor } from '../rules/provinces/table.ts';
import type { ProvinceName } from '../rules/provinces/types.ts';
import { authorizationLetterPdf, type LetterPerson, websiteConstructionLetterPdf } from './documents/letters.ts';
import { sheetSignatureRules, type SheetPerson, verificationSheetPdf } from './documents/verification-sheet.ts';

function person(p: Principal | undefined): SheetPerson {
  return {
    name: p?.name ?? '',
    certificateType: p?.certificateType ? CERTIFICATE_LABELS[p.certificateType].zh : '',
    certificateNumber: p?.certificateNumber ?? '',
    mobile: p?.mobile ?? '',
    officePhone: p?.officePhone,
    email: p?.email ?? '',
  };
}

/** Maps an order to the pre-filled 网站备案信息真实性核验单 of one website (R-MAT-007..013). */
export function createDocumentsService(deps: { orders: OrdersService; config: Pick<Config, 'BEIAN_PROVIDER_NAME'>; today: () => string }) {
  async function verificationSheet(actor: Actor, orderId: string, websiteIndex: number, requestId?: string): Promise<{ pdf: Buffer; fileName: string }> {
    const order = await deps.orders.get(actor, orderId, requestId);
    const d = order.draft as FilingDraft;
    const w = d.websites?.[websiteIndex];
    if (!w) throw new DomainError('NOT_FOUND', { reason: 'WEBSITE_NOT_FOUND', message: { zh: '订单中没有该网站', en: 'The order has no such website' } });
    const province = d.province ?? order.province ?? '广东';
    const rules = provinceRulesFor(province);
    const subjectType = d.subject?.type ?? 'PERSONAL';
    const addr = d.subject?.communicationAddress;
    const sp = person(d.subjectPrincipal);
    const pdf = await verificationSheetPdf({
      orderNumber: order.orderNo,
      orderTypeLabel: ORDER_TYPE_LABELS[order.type as keyof typeof ORDER_TYPE_LABELS]?.zh ?? order.type,
      province,
      generatedOn: deps.today(),
      subject: {
        name: d.subject?.name ?? '',
        natureLabel: SUBJECT_TYPE_INFO[subjectType]?.label?.zh ?? subjectType,
        certificateType: d.subject?.certificateType ? CERTIFICATE_LABELS[d.subject.certificateType].zh : '',
        certificateNumber: d.subject?.certificateNumber ?? '',
        investor: d.subject?.investorOrAuthority,
        address: [addr?.province, addr?.city, addr?.district, addr?.detail].filter(Boolean).join(''),
        principal: sp,
      },
      website: {
        name: w.name ?? '',
        homepageUrl: w.homepageUrl ?? (w.domains?.[0] ? `http://www.${w.domains[0]}` : ''),
        domains: (w.domains ?? []).map((name) => ({ name })),
        serviceContent: w.serviceContent ? SERVICE_CONTENT_INFO[w.serviceContent].label.zh : '',
        preApprovals: (w.preApprovals ?? []).map((p) => [p.category, p.number].filter(Boolean).join('-')),
        remark: w.remark,
        principal: w.principalSameAsSubject ? sp : person(w.principal),
      },
      access: { providerName: deps.config.BEIAN_PROVIDER_NAME, method: '云主机', serverLocation: province, ips: w.accessIps ?? (order.accessIp ? [order.accessIp] : []) },
      signature: sheetSignatureRules(subjectType, rules, d.subject?.hasOfficialSeal ?? true),
    });
    return { pdf, fileName: `verification-sheet-${order.orderNo}-${websiteIndex + 1}.pdf` };
  }
  /** The curtain-photo requirements (R-MAT-021..024): shown to the customer and used as the re-reviewer's checklist. */
  async function photoRequirements(actor: Actor, orderId: string, requestId?: string) {
    const order = await deps.orders.get(actor, orderId, requestId);
    const province = (order.province ?? '广东') as ProvinceName;
    return photoChecklist(province, checkContextFor(SHIPPED_PROVINCE_RULES, { today: deps.today(), accountId: order.accountId }), { orderType: order.type as FilingDraft['orderType'], providerName: deps.config.BEIAN_PROVIDER_NAME });
  }

  const letterPerson = (p: Principal | undefined): LetterPerson => ({
    name: p?.name ?? '',
    certificateType: p?.certificateType ? CERTIFICATE_LABELS[p.certificateType].zh : '',
    certificateNumber: p?.certificateNumber ?? '',
    mobile: p?.mobile,
  });

  /** 法人授权书 (R-MAT-014, R-PRV-008): the legal representative authorises the website principal(s). */
  async function authorizationLetter(actor: Actor, orderId: string, requestId?: string) {
    const order = await deps.orders.get(actor, orderId, requestId);
    const d = order.draft as FilingDraft;
    if (!d.subject?.type || d.subject.type === 'PERSONAL')
      throw new DomainError('RULE_VIOLATION', { reason: 'NOT_AN_ORGANISATION', message: { zh: '个人备案无需法人授权书', en: 'A personal filing needs no authorisation letter' } });
    const authorised = d.websites?.find((w) => !w.principalSameAsSubject && w.principal)?.principal ?? d.subjectPrincipal;
    const pdf = await authorizationLetterPdf({
      date: deps.today(),
      providerName: deps.config.BEIAN_PROVIDER_NAME,
      subject: { name: d.subject.name ?? '', certificateNumber: d.subject.certificateNumber ?? '' },
      legalRepresentative: letterPerson(d.subject.legalRepresentative as Principal | undefined),
      authorisedPerson: letterPerson(authorised),
      websites: (d.websites ?? []).map((w) => ({ name: w.name ?? '', domains: w.domains ?? [] })),
    });
    return { pdf, fileName: `authorization-letter-${order.orderNo}.pdf` };
  }

  /** 网站建设书 (R-MAT-014) of one website. */
  async function constructionLetter(actor: Actor, orderId: string, websiteIndex: number, requestId?: string) {
    const order = await deps.orders.get(actor, orderId, requestId);
    const d = order.draft as FilingDraft;
    const w = d.websites?.[websiteIndex];
    if (!w) throw new DomainError('NOT_FOUND', { reason: 'WEBSITE_NOT_FOUND', message: { zh: '订单中没有该网站', en: 'The order has no such website' } });
    const pdf = await websiteConstructionLetterPdf({
      date: deps.today(),
      providerName: deps.config.BEIAN_PROVIDER_NAME,
      subject: { name: d.subject?.name ?? '', personal: d.subject?.type === 'PERSONAL' },
      website: {
        name: w.name ?? '',
        homepageUrl: w.homepageUrl ?? (w.domains?.[0] ? `http://www.${w.domains[0]}` : ''),
        domains: w.domains ?? [],
        serviceContent: w.serviceContent ? SERVICE_CONTENT_INFO[w.serviceContent].label.zh : '',
        purpose: w.remark ?? '',
        preApprovals: (w.preApprovals ?? []).map((p) => [p.category, p.number].filter(Boolean).join('-')),
        ips: w.accessIps ?? (order.accessIp ? [order.accessIp] : []),
      },
      principal: { ...letterPerson(w.principalSameAsSubject ? d.subjectPrincipal : w.principal), email: (w.principalSameAsSubject ? d.subjectPrincipal : w.principal)?.email },
    });
    return { pdf, fileName: `website-construction-${order.orderNo}-${websiteIndex + 1}.pdf` };
  }

  return { verificationSheet, photoRequirements, authorizationLetter, constructionLetter };
}
export type DocumentsService = ReturnType<typeof createDocumentsService>;
