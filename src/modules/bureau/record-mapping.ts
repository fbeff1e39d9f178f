import type { FilingDraft, Principal, Province, Subject, Website } from '../rules/draft.ts';
import { registrableDomain } from '../rules/validators/domain.ts';
import { certificateOfZjlx, languageOf, provinceOfShengid, serviceContentOf, subjectTypeOfNature } from './codes.ts';
import type { BureauRecord } from './port.ts';

/**
 * The bureau's record of a filed subject (the portal's answer, in the interface's element names) → the draft shape,
 * and the copy of that record into an ACCESS order (R-ORD-032a, R-SUB-029, R-WEB-024). Pure functions.
 *
 * Interpretation: the record carries what the bureau holds (Dwmc, Zj, Txdz, Fzr, Wzmc, Fwnr, Yylb, Ym, Wz_Fzr …);
 * what it does not hold (certificate validity, emergency contacts …) is not invented: the draft leaves it empty and
 * the customer may fill it, since only copied values are read-only.
 */

/** The portal's `/portal/record` answer. */
export interface PortalRecordAnswer {
  subject: {
    filingNumber: string;
    province: string;
    name: string;
    nature?: number;
    data: {
      Dwmc?: string;
      Dwxz?: number;
      Tzr?: string;
      Txdz?: { Shengid?: number; Xxdz?: string };
      Zj?: { Zjlx?: number; Zjhm?: string; Zjzs?: string };
      Fzr?: PortalPrincipal;
    };
  };
  websites: {
    filingNumber: string;
    name: string;
    domains: string[];
    accessProviders?: number[];
    data: {
      Wzmc?: string;
      Fwnr?: { Fwnr_id?: number[] };
      Yylb?: { Yylb_id?: number[] };
      Wz_Fzr?: PortalPrincipal;
      Syurl?: string;
      Wz_Bz?: string;
    };
  }[];
}

interface PortalPrincipal {
  Fzr_xm?: string;
  Fzr_dhhm?: string;
  Fzr_sjhm?: string;
  Fzr_dzyj?: string;
  Fzr_zjlx?: number;
  Fzr_zjhm?: string;
}

/** Drops undefined and empty-string members, so a copied object lists exactly the values the bureau holds. */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}

/**
 * A record may list hosts (`www.example.cn` beside `example.cn`); an order carries registrable domains only (R-WEB-003,
 * a filing covers every host of its domain), so the copy holds each registrable domain once, in the record's order.
 */
export function filedDomains(hosts: readonly string[]): string[] {
  const out: string[] = [];
  for (const h of hosts) {
    let d: string | null;
    try {
      d = registrableDomain(h);
    } catch {
      d = null;
    }
    const v = d ?? h.trim().toLowerCase();
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

function principalOf(f: PortalPrincipal | undefined): Principal {
  if (!f) return {};
  const certificateType = f.Fzr_zjlx !== undefined ? certificateOfZjlx(f.Fzr_zjlx) : undefined;
  return compact({
    name: f.Fzr_xm,
    certificateType,
    certificateNumber: f.Fzr_zjhm,
    mobile: f.Fzr_sjhm,
    officePhone: f.Fzr_dhhm,
    email: f.Fzr_dzyj,
  });
}

export function recordFromPortal(r: PortalRecordAnswer): BureauRecord {
  const d = r.subject.data;
  const province = (provinceOfShengid(d.Txdz?.Shengid ?? 0) ?? r.subject.province) as Province;
  const certificateType = d.Zj?.Zjlx !== undefined ? certificateOfZjlx(d.Zj.Zjlx) : undefined;
  const subject: Subject = compact({
    type: subjectTypeOfNature(d.Dwxz ?? r.subject.nature),
    name: d.Dwmc ?? r.subject.name,
    certificateType,
    certificateNumber: d.Zj?.Zjhm,
    certificateAddress: d.Zj?.Zjzs && d.Zj.Zjzs !== '未提供' ? d.Zj.Zjzs : undefined,
    communicationAddress: d.Txdz?.Xxdz ? { province, detail: d.Txdz.Xxdz } : undefined,
    investorOrAuthority: d.Tzr,
  });
  const principal = principalOf(d.Fzr);
  const websites = r.websites.map((w) => {
    const content = w.data.Fwnr?.Fwnr_id?.[0];
    const languages = (w.data.Yylb?.Yylb_id ?? []).map(languageOf).filter((l) => l !== 'other');
    const site: Website & { filingNumber: string; accessProviders: number[] } = {
      ...compact({
        filingNumber: w.filingNumber,
        name: w.data.Wzmc ?? w.name,
        homepageUrl: w.data.Syurl,
        serviceContent: content !== undefined ? serviceContentOf(content) : undefined,
        remark: w.data.Wz_Bz,
      }),
      filingNumber: w.filingNumber,
      domains: filedDomains(w.domains),
      ...(languages.length ? { languages } : {}),
      principal: principalOf(w.data.Wz_Fzr),
      accessProviders: [...(w.accessProviders ?? [])],
    };
    return site;
  });
  return { filingNumber: r.subject.filingNumber, province, subject, principal, websites };
}

// ---------------------------------------------------------------------------------------------------------------
// The copy into an ACCESS order

/** The websites an ACCESS order may select at once (R-ORD-032b, R-WEB-001). */
export const MAX_ACCESS_WEBSITES = 10;

export type SelectionProblem =
  | { code: 'NO_WEBSITE_SELECTED' }
  | { code: 'MAX_WEBSITES_PER_ORDER'; max: number }
  | { code: 'WEBSITE_NOT_IN_RECORD'; filingNumber: string };

/**
 * The filing numbers an ACCESS order copies: the customer's choice, else the record's websites holding a domain entered
 * at the verify step (R-ORD-032b: 1–10 of the subject's filed websites).
 */
export function selectWebsites(
  record: BureauRecord,
  chosen: readonly string[] | undefined,
  enteredDomains: readonly string[],
): string[] | SelectionProblem {
  const numbers = chosen?.length
    ? [...new Set(chosen.map((n) => n.trim()))]
    : record.websites
        .filter((w) => (w.domains ?? []).some((d) => enteredDomains.includes(d.trim().toLowerCase())))
        .map((w) => w.filingNumber);
  if (numbers.length === 0) return { code: 'NO_WEBSITE_SELECTED' };
  if (numbers.length > MAX_ACCESS_WEBSITES) return { code: 'MAX_WEBSITES_PER_ORDER', max: MAX_ACCESS_WEBSITES };
  const missing = numbers.find((n) => !record.websites.some((w) => w.filingNumber === n));
  if (missing) return { code: 'WEBSITE_NOT_IN_RECORD', filingNumber: missing };
  return numbers;
}

/**
 * The ACCESS draft after the copy: subject, principal and the selected websites from the record (read-only), the
 * access-specific parts (access IPs and servers, materials, the number on a newer certificate, R-SUB-005) kept from
 * the order. Returns the paths of every copied value: these are what the order keeps read-only.
 */
export function copyRecordIntoDraft(
  draft: FilingDraft,
  record: BureauRecord,
  selected: readonly string[],
): { draft: FilingDraft; copiedPaths: string[] } {
  const access = draft.websites?.[0];
  const websites: Website[] = selected.map((n) => {
    const { accessProviders: _providers, ...w } = record.websites.find((x) => x.filingNumber === n)!;
    const before = draft.websites?.find((x) => x.filingNumber === n) ?? access;
    return {
      ...w,
      accessIps: before?.accessIps ?? access?.accessIps ?? [],
      serverIds: before?.serverIds ?? access?.serverIds ?? [],
    };
  });
  const subject: Subject = {
    ...record.subject,
    ...(draft.subject?.uploadedCertificateNumber
      ? { uploadedCertificateNumber: draft.subject.uploadedCertificateNumber }
      : {}),
  };
  const next: FilingDraft = {
    ...draft,
    subjectFilingNumber: record.filingNumber,
    subject,
    subjectPrincipal: record.principal,
    websites,
  };
  return { draft: next, copiedPaths: copiedPaths(record, websites) };
}

/** Leaf paths (`subject.name`, `websites[0].domains`, `websites[1].principal.mobile` …) of what the copy set. */
function copiedPaths(record: BureauRecord, websites: readonly Website[]): string[] {
  const out = ['subjectFilingNumber'];
  const walk = (prefix: string, o: object) => {
    for (const [k, v] of Object.entries(o)) {
      if (v === undefined) continue;
      const path = `${prefix}.${k}`;
      if (v && typeof v === 'object' && !Array.isArray(v)) walk(path, v);
      else out.push(path);
    }
  };
  walk('subject', record.subject);
  walk('subjectPrincipal', record.principal);
  websites.forEach((w, i) => {
    const { accessIps: _ips, serverIds: _servers, ...copied } = w;
    walk(`websites[${i}]`, copied);
  });
  return out;
}
