import type { LocalizedText } from '../../../platform/i18n.ts';
import type { CheckContext, PrincipalUse, RegistrySubject, RegistryWebsite } from '../context.ts';
import { addDays, addWorkingDays } from '../dates.ts';
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
import { parseCnPhone } from '../validators/phone.ts';
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
  if (!ctx.registry) return undefined;
  const idx = registryIndex(ctx);
  if (draft.subjectFilingNumber) {
    const byNumber = idx.subjectByFiling.get(draft.subjectFilingNumber);
    if (byNumber) return byNumber;
  }
  const key = certKey(draft.subject?.certificateNumber);
  if (!key) return undefined;
  return idx.subjectByCert.get(key);
}

/** Every certificate number the draft's subject is known by (the entered one and, via the registry, the other). */
const numbersCache = new WeakMap<FilingDraft, { ctx: CheckContext; numbers: Set<string> }>();

export function subjectNumbers(draft: FilingDraft, ctx: CheckContext): Set<string> {
  const cached = numbersCache.get(draft);
  if (cached && cached.ctx === ctx) return cached.numbers;
  const numbers = computeSubjectNumbers(draft, ctx);
  numbersCache.set(draft, { ctx, numbers });
  return numbers;
}

function computeSubjectNumbers(draft: FilingDraft, ctx: CheckContext): Set<string> {
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

/** Lookup maps over the registry, built once per registry object (rules look domains up many times). */
interface RegistryIndex {
  websiteByDomain: Map<string, RegistryWebsite>;
  websiteByFiling: Map<string, RegistryWebsite>;
  websitesBySubject: Map<string, RegistryWebsite[]>;
  subjectByFiling: Map<string, RegistrySubject>;
  subjectByCert: Map<string, RegistrySubject>;
}
const EMPTY_REGISTRY: NonNullable<CheckContext['registry']> = { subjects: [], websites: [] };
const indexCache = new WeakMap<object, RegistryIndex>();

export function registryIndex(ctx: Pick<CheckContext, 'registry'>): RegistryIndex {
  const reg = ctx.registry ?? EMPTY_REGISTRY;
  const cached = indexCache.get(reg);
  if (cached) return cached;
  const idx: RegistryIndex = {
    websiteByDomain: new Map(),
    websiteByFiling: new Map(),
    websitesBySubject: new Map(),
    subjectByFiling: new Map(),
    subjectByCert: new Map(),
  };
  for (const w of reg.websites) {
    for (const d of w.domains) if (!idx.websiteByDomain.has(d)) idx.websiteByDomain.set(d, w);
    idx.websiteByFiling.set(w.filingNumber, w);
    const list = idx.websitesBySubject.get(w.subjectFilingNumber);
    if (list) list.push(w);
    else idx.websitesBySubject.set(w.subjectFilingNumber, [w]);
  }
  for (const s of reg.subjects) {
    idx.subjectByFiling.set(s.filingNumber, s);
    const k = certKey(s.certificateNumber);
    if (!idx.subjectByCert.has(k)) idx.subjectByCert.set(k, s);
  }
  indexCache.set(reg, idx);
  return idx;
}

export function websitesOfSubject(ctx: CheckContext, subject: RegistrySubject): RegistryWebsite[] {
  return registryIndex(ctx).websitesBySubject.get(subject.filingNumber) ?? [];
}

export function websiteByDomain(ctx: Pick<CheckContext, 'registry'>, domain: string): RegistryWebsite | undefined {
  return registryIndex(ctx).websiteByDomain.get(domain);
}

export function websiteByFilingNumber(
  ctx: CheckContext,
  filingNumber: string | undefined,
): RegistryWebsite | undefined {
  if (!filingNumber) return undefined;
  return registryIndex(ctx).websiteByFiling.get(filingNumber);
}

export function subjectByFilingNumber(
  ctx: Pick<CheckContext, 'registry'>,
  filingNumber: string,
): RegistrySubject | undefined {
  return registryIndex(ctx).subjectByFiling.get(filingNumber);
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
const visibleMemo = new Map<string, string>();

export function realNameVisibleFrom(verifiedOn: string, ctx: CheckContext): string {
  // Without a calendar the answer depends on the date alone, so it is memoised (100 domains share a few dates).
  if (ctx.calendar) return addDays(addWorkingDays(verifiedOn, 3, ctx.calendar), 1);
  const hit = visibleMemo.get(verifiedOn);
  if (hit) return hit;
  const out = addDays(addWorkingDays(verifiedOn, 3), 1);
  if (visibleMemo.size > 5000) visibleMemo.clear();
  visibleMemo.set(verifiedOn, out);
  return out;
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

/** A phone number's comparison key: its national number when valid, else its digits. */
export function phoneKey(n: string): string {
  const p = parseCnPhone(n);
  return p.kind === 'INVALID' ? n.replace(/\D/g, '') : p.national;
}

const phoneIndexCache = new WeakMap<readonly PrincipalUse[], Map<string, PrincipalUse[]>>();

/** Recorded principals whose mobile or office phone is `phone` (R-SUB-019, -020), via an index per registry. */
export function usesOfPhone(uses: readonly PrincipalUse[], phone: string): PrincipalUse[] {
  let idx = phoneIndexCache.get(uses);
  if (!idx) {
    idx = new Map();
    for (const u of uses) {
      for (const n of new Set([u.mobile, u.officePhone].filter((x): x is string => !!x).map(phoneKey))) {
        const list = idx.get(n);
        if (list) list.push(u);
        else idx.set(n, [u]);
      }
    }
    phoneIndexCache.set(uses, idx);
  }
  return idx.get(phoneKey(phone)) ?? [];
}
