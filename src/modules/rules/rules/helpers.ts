import type { LocalizedText } from '../../../platform/i18n.ts';
import type { CheckContext, RegistrySubject, RegistryWebsite } from '../context.ts';
import { addWorkingDays } from '../dates.ts';
import {
  type FilingDraft,
  isOrganisation,
  type OrderType,
  PROVINCES,
  type Principal,
  type Province,
  type Website,
} from '../draft.ts';
import type { ProvinceRules } from '../provinces/types.ts';
import { type DomainParse, parseDomain } from '../validators/domain.ts';
import { provinceOfAddress } from '../validators/regions.ts';

/** Shared lookups for the rule files. Pure, and cheap enough to call per rule (the bench budget is 1 ms). */

export const t = (zh: string, en: string): LocalizedText => ({ zh, en });

export const NEW_FILING_TYPES: readonly OrderType[] = ['FIRST', 'ADD_WEBSITE'];
export const VERIFY_TYPES: readonly OrderType[] = ['FIRST', 'ADD_WEBSITE', 'ACCESS'];
export const EDITING_TYPES: readonly OrderType[] = ['FIRST', 'ADD_WEBSITE', 'CHANGE_SUBJECT', 'CHANGE_WEBSITE'];
export const WEBSITE_EDIT_TYPES: readonly OrderType[] = ['FIRST', 'ADD_WEBSITE', 'CHANGE_WEBSITE'];
export const CANCEL_TYPES: readonly OrderType[] = ['CANCEL_SUBJECT', 'CANCEL_WEBSITE', 'CANCEL_ACCESS'];
export const NON_CANCEL_TYPES: readonly OrderType[] = [
  'FIRST',
  'ADD_WEBSITE',
  'ACCESS',
  'CHANGE_SUBJECT',
  'CHANGE_WEBSITE',
  'CHANGE_ACCESS',
];

export function websitesOf(draft: FilingDraft): Website[] {
  return draft.websites ?? [];
}

export function isOrg(draft: FilingDraft): boolean {
  return isOrganisation(draft.subject?.type);
}

export function isPersonal(draft: FilingDraft): boolean {
  return draft.subject?.type === 'PERSONAL';
}

export function provinceRules(draft: FilingDraft, ctx: CheckContext): ProvinceRules | undefined {
  return draft.province ? ctx.provinces[draft.province] : undefined;
}

export function certKey(n: string | undefined): string {
  return (n ?? '').trim().toUpperCase();
}

export function blank(s: string | undefined | null): boolean {
  return s === undefined || s === null || s.trim() === '';
}

/** A certificate end date in the past; LONG_TERM never expires. The end date itself is still valid. */
export function expired(validTo: string | undefined, today: string): boolean {
  return validTo !== undefined && validTo !== 'LONG_TERM' && validTo < today;
}

/** The filed subject this draft is about: by the subject filing number, else by the entered certificate number. */
export function recordedSubject(draft: FilingDraft, ctx: CheckContext): RegistrySubject | undefined {
  const subjects = ctx.registry?.subjects;
  if (!subjects) return undefined;
  if (draft.subjectFilingNumber) {
    const byNumber = subjects.find((s) => s.filingNumber === draft.subjectFilingNumber);
    if (byNumber) return byNumber;
  }
  const key = certKey(draft.subject?.certificateNumber);
  if (!key) return undefined;
  return subjects.find((s) => certKey(s.certificateNumber) === key);
}

/** Every certificate number the draft's subject is known by (the entered one and, via the registry, the other). */
export function subjectNumbers(draft: FilingDraft, ctx: CheckContext): Set<string> {
  const out = new Set<string>();
  const entered = certKey(draft.subject?.certificateNumber);
  if (entered) out.add(entered);
  const uploaded = certKey(draft.subject?.uploadedCertificateNumber);
  if (uploaded) out.add(uploaded);
  for (const s of ctx.registry?.subjects ?? []) {
    const nums = [certKey(s.certificateNumber), certKey(s.latestCertificateNumber)].filter(Boolean);
    if (nums.some((n) => out.has(n))) for (const n of nums) out.add(n);
  }
  return out;
}

export function websitesOfSubject(ctx: CheckContext, subject: RegistrySubject): RegistryWebsite[] {
  return (ctx.registry?.websites ?? []).filter((w) => w.subjectFilingNumber === subject.filingNumber);
}

export function websiteByDomain(ctx: CheckContext, domain: string): RegistryWebsite | undefined {
  return ctx.registry?.websites.find((w) => w.domains.includes(domain));
}

export function websiteByFilingNumber(
  ctx: CheckContext,
  filingNumber: string | undefined,
): RegistryWebsite | undefined {
  if (!filingNumber) return undefined;
  return ctx.registry?.websites.find((w) => w.filingNumber === filingNumber);
}

export function subjectByFilingNumber(ctx: CheckContext, filingNumber: string): RegistrySubject | undefined {
  return ctx.registry?.subjects.find((s) => s.filingNumber === filingNumber);
}

/** A parsed domain with its position in the draft. */
export interface DomainEntry {
  websiteIndex: number;
  domainIndex: number;
  field: string;
  input: string;
  parsed: DomainParse;
}

const domainCache = new WeakMap<FilingDraft, DomainEntry[]>();

/** All domains of the draft, parsed once per draft (many rules read them). */
export function domainEntries(draft: FilingDraft): DomainEntry[] {
  const cached = domainCache.get(draft);
  if (cached) return cached;
  const out: DomainEntry[] = [];
  websitesOf(draft).forEach((w, wi) => {
    (w.domains ?? []).forEach((d, di) => {
      out.push({
        websiteIndex: wi,
        domainIndex: di,
        field: `websites[${wi}].domains[${di}]`,
        input: d,
        parsed: parseDomain(d),
      });
    });
  });
  domainCache.set(draft, out);
  return out;
}

/** The registrable domain of a valid, registrable entry (the ones the filing rules judge). */
export function registrableOf(e: DomainEntry): string | null {
  return e.parsed.ok && e.parsed.isRegistrable ? e.parsed.registrable : null;
}

export interface PrincipalEntry {
  field: string;
  role: 'SUBJECT' | 'WEBSITE';
  websiteIndex?: number;
  principal: Principal;
}

/**
 * The principals the customer entered. A website principal linked to the subject principal (R-SUB-024) is the same
 * person and is not listed twice.
 */
export function principalEntries(draft: FilingDraft): PrincipalEntry[] {
  const out: PrincipalEntry[] = [];
  if (draft.subjectPrincipal)
    out.push({ field: 'subjectPrincipal', role: 'SUBJECT', principal: draft.subjectPrincipal });
  websitesOf(draft).forEach((w, i) => {
    if (!w.principalSameAsSubject && w.principal) {
      out.push({ field: `websites[${i}].principal`, role: 'WEBSITE', websiteIndex: i, principal: w.principal });
    }
  });
  return out;
}

/** R-SUB-024: the effective website principal (the subject principal while the link is on). */
export function websitePrincipal(draft: FilingDraft, index: number): Principal | undefined {
  const w = websitesOf(draft)[index];
  if (!w) return undefined;
  return w.principalSameAsSubject ? draft.subjectPrincipal : w.principal;
}

/** A province named by a form value such as '广东', '广东省' or a full address. */
export function provinceOfText(s: string | undefined): Province | undefined {
  if (!s) return undefined;
  const v = s.trim();
  if ((PROVINCES as readonly string[]).includes(v)) return v as Province;
  return provinceOfAddress(v);
}

/** Date from which a domain's real-name verification is visible to the bureau (R-WEB-010). */
export function realNameVisibleFrom(verifiedOn: string, ctx: CheckContext): string {
  const third = addWorkingDays(verifiedOn, 3, ctx.calendar);
  const d = new Date(`${third}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Mask of an account identifier for R-ACC-004: first four and last four characters. */
export function maskAccount(id: string): string {
  if (id.length <= 8) return `${id.slice(0, 2)}****`;
  return `${id.slice(0, 4)}****${id.slice(-4)}`;
}

export function hasMaterial(draft: FilingDraft, kind: string, websiteIndex?: number): boolean {
  return (draft.materials ?? []).some(
    (m) =>
      m.kind === kind &&
      (websiteIndex === undefined || m.websiteIndex === undefined || m.websiteIndex === websiteIndex),
  );
}

export function includesAny(text: string, words: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  return words.find((w) => lower.includes(w.toLowerCase()));
}
