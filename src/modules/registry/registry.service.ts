import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import { maskIdNumber } from '../../platform/crypto/pii.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { type AccessChange, applyAccessChanges } from '../access/access.repository.ts';
import { certificateOfZjlx, subjectTypeOfNature } from '../bureau/codes.ts';
import type { Cancellation, FiledRecord, TargetSubject, TargetWebsite } from '../bureau/port.ts';
import type { CertificateType, FilingDraft, OrderType, Principal, Province, Subject, Website } from '../rules/draft.ts';
import { registrableDomain } from '../rules/validators/domain.ts';

/**
 * The registry (§17.3): the provider's record of filed subjects, websites, domains, filing numbers and access
 * records, written in the transaction of the bureau approval that creates or changes them (through the `inTransaction`
 * hook of OrdersService.transition) and by bureau-initiated cancellations. Certificate numbers are encrypted and found
 * by their blind index (`subject_key`, the key the verify step uses); subject and website details are encrypted JSON.
 */

export interface RegistryDeps {
  pii: PiiCrypto;
  /** This provider's id at the bureau (ispId): which access records are "here". */
  providerId: number;
}

/** The order as the registry needs it. */
export interface ApprovedOrder {
  id: string;
  accountId: string;
  type: OrderType;
  province: string | null;
  serverId: string | null;
  accessIp: string | null;
  /** The submission's provider-side ref (IspZtid = ref, IspWzid = ref·100 + n). */
  ref: number;
  draft: FilingDraft;
}

export interface RegistryEffect {
  subjectId: string | null;
  access: AccessChange[];
}

/** As the post-filing service reads it back (`subjects.data.<id>`): the draft's subject and subject principal. */
interface SubjectData {
  subject: Subject;
  subjectPrincipal: Principal;
}

function registrable(host: string): string | null {
  try {
    return registrableDomain(host);
  } catch {
    return null;
  }
}

const LIVE = ['FILED', 'SHELL'];

export function createRegistry(deps: RegistryDeps) {
  const { keyring, indexer } = deps.pii;
  const subjectKey = (certType: string, certNumber: string) =>
    indexer.blindIndex(`${certType}:${certNumber.trim().toUpperCase()}`, 'subject.cert');
  const encSubject = (id: string, d: SubjectData) => keyring.encryptString(JSON.stringify(d), `subjects.data.${id}`);
  const decSubject = (id: string, enc: string | null): SubjectData =>
    enc ? JSON.parse(keyring.decryptString(enc, `subjects.data.${id}`)) : { subject: {}, subjectPrincipal: {} };
  const encWebsite = (id: string, w: Website) => keyring.encryptString(JSON.stringify(w), `websites.data.${id}`);
  const decWebsite = (id: string, enc: string | null): Website =>
    enc ? JSON.parse(keyring.decryptString(enc, `websites.data.${id}`)) : {};

  /** Every certificate type's key of a number: a public query by number alone does not know the type. */
  function keysOfNumber(certNumber: string, types: readonly string[]): string[] {
    return types.map((t) => subjectKey(t, certNumber));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Writes.

  async function upsertSubject(
    tx: Tx,
    o: ApprovedOrder,
    rec: FiledRecord['subject'],
    data: SubjectData,
    now: number,
    today: string,
  ): Promise<string> {
    const certType = data.subject.certificateType ?? certificateOfZjlx(rec.certificateCode) ?? 'RESIDENT_ID';
    const certNumber = (data.subject.certificateNumber ?? rec.certificateNumber).trim().toUpperCase();
    const key = subjectKey(certType, certNumber);
    const existing = await tx
      .selectFrom('subjects')
      .select(['id', 'status', 'filing_number'])
      .where('subject_key', '=', key)
      .executeTakeFirst();
    const fields = {
      subject_type: data.subject.type ?? subjectTypeOfNature(rec.nature),
      name: (data.subject.name ?? rec.name).trim(),
      province: o.province ?? rec.province ?? '',
      filing_number: rec.filingNumber,
      bureau_id: rec.bureauId,
      status: 'FILED',
      updated_at: now,
    };
    if (existing) {
      // a re-filed subject (R-BUR-014) keeps its row: its key is unique, its numbers are new
      const refiled = existing.status === 'CANCELLED' || existing.filing_number !== rec.filingNumber;
      await tx
        .updateTable('subjects')
        .set({
          ...fields,
          data_enc: encSubject(existing.id, data),
          ...(refiled ? { approved_on: today, cancelled_at: null, cancel_reason: null } : {}),
        })
        .where('id', '=', existing.id)
        .execute();
      return existing.id;
    }
    const id = newId();
    await tx
      .insertInto('subjects')
      .values({
        id,
        account_id: o.accountId,
        subject_key: key,
        cert_type: certType,
        cert_number_enc: keyring.encryptString(certNumber, `subjects.cert.${id}`),
        cert_number_masked: maskIdNumber(certNumber),
        data_enc: encSubject(id, data),
        created_at: now,
        approved_on: rec.firstFiledOn || today,
        cancelled_at: null,
        cancel_reason: null,
        ...fields,
      })
      .execute();
    return id;
  }

  /** Writes a filed website with its domains and access records as the bureau published them. */
  async function writeWebsite(
    tx: Tx,
    o: ApprovedOrder,
    subjectId: string,
    w: FiledRecord['websites'][number],
    data: Website,
    now: number,
    today: string,
  ): Promise<{ id: string; domains: string[] }> {
    const existing = await tx
      .selectFrom('websites')
      .select(['id'])
      .where('filing_number', '=', w.filingNumber)
      .executeTakeFirst();
    const here = w.access.find((a) => a.providerId === deps.providerId);
    const values = {
      subject_id: subjectId,
      name: w.name,
      filing_number: w.filingNumber,
      status: 'FILED',
      accessed_here: here ? 1 : 0,
      access_ip: here?.ips[0] ?? o.accessIp,
      server_id: o.serverId,
      bureau_id: w.bureauId,
      shell_since: null,
      cancelled_at: null,
      cancel_reason: null,
      updated_at: now,
    };
    let id: string;
    if (existing) {
      id = existing.id;
      await tx
        .updateTable('websites')
        .set({ ...values, data_enc: encWebsite(id, data) })
        .where('id', '=', id)
        .execute();
    } else {
      id = newId();
      await tx
        .insertInto('websites')
        .values({ id, ...values, data_enc: encWebsite(id, data), approved_on: w.filedOn || today, created_at: now })
        .execute();
    }
    const domains = await replaceDomains(tx, id, subjectId, w.domains, now);
    await replaceAccess(tx, id, w.access, now);
    return { id, domains };
  }

  /** The filed hosts of a website; returns the registrable domains now filed. */
  async function replaceDomains(
    tx: Tx,
    websiteId: string,
    subjectId: string,
    filed: FiledRecord['websites'][number]['domains'],
    now: number,
  ) {
    const current = await tx
      .selectFrom('domains')
      .select(['id', 'host', 'domain'])
      .where('website_id', '=', websiteId)
      .where('status', '=', 'FILED')
      .execute();
    const wanted = new Map(filed.map((d) => [d.domain.trim().toLowerCase(), d.bureauId]));
    for (const c of current)
      if (!wanted.has((c.host ?? c.domain).toLowerCase()))
        await tx.updateTable('domains').set({ status: 'REMOVED' }).where('id', '=', c.id).execute();
    const have = new Set(current.map((c) => (c.host ?? c.domain).toLowerCase()));
    for (const [host, bureauId] of wanted) {
      if (have.has(host)) continue;
      await tx
        .insertInto('domains')
        .values({
          id: newId(),
          website_id: websiteId,
          subject_id: subjectId,
          domain: registrable(host) ?? host,
          host,
          status: 'FILED',
          bureau_id: bureauId,
          created_at: now,
        })
        .execute();
    }
    return [...new Set([...wanted.keys()].map((h) => registrable(h) ?? h))];
  }

  async function replaceAccess(
    tx: Tx,
    websiteId: string,
    access: FiledRecord['websites'][number]['access'],
    now: number,
  ) {
    await tx
      .updateTable('registry_access')
      .set({ status: 'REMOVED', updated_at: now })
      .where('website_id', '=', websiteId)
      .where('status', '=', 'ACTIVE')
      .execute();
    for (const a of access) {
      const r = await tx
        .updateTable('registry_access')
        .set({ status: 'ACTIVE', access_ip: a.ips[0] ?? null, provider_id: a.providerId, updated_at: now })
        .where('website_id', '=', websiteId)
        .where('bureau_id', '=', a.bureauId)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0)
        await tx
          .insertInto('registry_access')
          .values({
            id: newId(),
            website_id: websiteId,
            provider_id: a.providerId,
            bureau_id: a.bureauId,
            access_ip: a.ips[0] ?? null,
            status: 'ACTIVE',
            created_at: now,
            updated_at: now,
          })
          .execute();
    }
  }

  async function domainsOfWebsites(tx: Tx, websiteIds: string[]): Promise<string[]> {
    if (websiteIds.length === 0) return [];
    const rows = await tx
      .selectFrom('domains')
      .select('domain')
      .distinct()
      .where('website_id', 'in', websiteIds)
      .where('status', '=', 'FILED')
      .execute();
    return rows.map((r) => r.domain);
  }

  async function cancelWebsites(tx: Tx, websiteIds: string[], reason: string, now: number) {
    if (websiteIds.length === 0) return;
    await tx
      .updateTable('websites')
      .set({
        status: 'CANCELLED',
        accessed_here: 0,
        cancelled_at: now,
        cancel_reason: reason,
        shell_since: null,
        updated_at: now,
      })
      .where('id', 'in', websiteIds)
      .execute();
    await tx
      .updateTable('domains')
      .set({ status: 'CANCELLED' })
      .where('website_id', 'in', websiteIds)
      .where('status', '=', 'FILED')
      .execute();
    await tx
      .updateTable('registry_access')
      .set({ status: 'REMOVED', updated_at: now })
      .where('website_id', 'in', websiteIds)
      .where('status', '=', 'ACTIVE')
      .execute();
  }

  async function cancelSubjectIfEmpty(tx: Tx, subjectId: string, reason: string, now: number) {
    const live = await tx
      .selectFrom('websites')
      .select('id')
      .where('subject_id', '=', subjectId)
      .where('status', 'in', LIVE)
      .executeTakeFirst();
    if (!live)
      await tx
        .updateTable('subjects')
        .set({ status: 'CANCELLED', cancelled_at: now, cancel_reason: reason, updated_at: now })
        .where('id', '=', subjectId)
        .where('status', '!=', 'CANCELLED')
        .execute();
  }

  const access = (
    domains: string[],
    decision: AccessChange['decision'],
    reason: AccessChange['reason'],
    subjectId: string | null,
    orderId: string | null,
  ): AccessChange[] => domains.map((domain) => ({ domain, decision, reason, subjectId, orderId }));

  /**
   * The registry writes of a bureau approval (T18), in the transaction of the transition. `filed` are the BASJ records
   * of the same download. Returns the order's subject and the access changes still to apply (the transition applied
   * the table's effect for the draft's domains; these complete it with the filed domains and the subject).
   */
  async function applyApproval(
    tx: Tx,
    o: ApprovedOrder,
    filed: readonly FiledRecord[],
    now: number,
    today: string,
  ): Promise<RegistryEffect> {
    const d = o.draft;
    const websites = d.websites ?? [];
    const recFor = (pred: (r: FiledRecord) => boolean) => filed.find(pred);
    const subjectData = (): SubjectData => ({ subject: d.subject ?? {}, subjectPrincipal: d.subjectPrincipal ?? {} });
    switch (o.type) {
      case 'FIRST':
      case 'ADD_WEBSITE': {
        const rec =
          o.type === 'FIRST'
            ? recFor((r) => r.subject.ispRef === o.ref)
            : recFor((r) => r.websites.some((w) => w.ispRef !== undefined && Math.floor(w.ispRef / 100) === o.ref));
        if (!rec) throw new Error(`the bureau's approval of order ${o.id} came without its filed record (BASJ)`);
        const existing = o.type === 'ADD_WEBSITE' ? await subjectRowByNumber(tx, rec.subject.filingNumber) : undefined;
        const prior = existing ? decSubject(existing.id, existing.data_enc) : null;
        const data = prior
          ? {
              subject: { ...prior.subject, ...d.subject },
              subjectPrincipal: { ...prior.subjectPrincipal, ...d.subjectPrincipal },
            }
          : subjectData();
        const subjectId = await upsertSubject(tx, o, rec.subject, data, now, today);
        const allowed: string[] = [];
        for (const [i, w] of websites.entries()) {
          const fw = rec.websites.find((x) => x.ispRef === o.ref * 100 + i + 1);
          if (!fw) continue;
          const written = await writeWebsite(tx, o, subjectId, fw, w, now, today);
          allowed.push(...written.domains);
        }
        return { subjectId, access: access(allowed, 'allow', 'FILED', subjectId, o.id) };
      }
      case 'ACCESS': {
        let subjectId: string | null = null;
        const allowed: string[] = [];
        for (const w of websites) {
          const number = w.filingNumber?.trim();
          const rec = recFor((r) => r.websites.some((x) => x.filingNumber === number));
          const fw = rec?.websites.find((x) => x.filingNumber === number);
          if (!rec || !fw) continue;
          const existing = await subjectRowByNumber(tx, rec.subject.filingNumber);
          const data = existing ? decSubject(existing.id, existing.data_enc) : subjectData();
          if (!data.subject.name) data.subject = { ...data.subject, name: rec.subject.name };
          subjectId = await upsertSubject(tx, o, rec.subject, data, now, today);
          const site = await tx
            .selectFrom('websites')
            .select(['id', 'data_enc'])
            .where('filing_number', '=', fw.filingNumber)
            .executeTakeFirst();
          const siteData = site
            ? { ...decWebsite(site.id, site.data_enc), accessIps: w.accessIps }
            : { ...w, name: w.name ?? fw.name };
          const written = await writeWebsite(tx, o, subjectId, fw, siteData, now, today);
          allowed.push(...written.domains);
        }
        return { subjectId, access: access(allowed, 'allow', 'FILED', subjectId, o.id) };
      }
      case 'CHANGE_SUBJECT':
      case 'CHANGE_WEBSITE':
      case 'CHANGE_ACCESS': {
        const number = d.subjectFilingNumber?.trim() ?? filed[0]?.subject.filingNumber;
        const subject = number ? await subjectRowByNumber(tx, number) : undefined;
        if (!subject) throw new Error(`order ${o.id}: the changed subject ${number ?? ''} is not in the registry`);
        const changes: AccessChange[] = [];
        if (o.type === 'CHANGE_SUBJECT') {
          const before = decSubject(subject.id, subject.data_enc);
          const data = {
            subject: { ...before.subject, ...d.subject },
            subjectPrincipal: { ...before.subjectPrincipal, ...d.subjectPrincipal },
          };
          await tx
            .updateTable('subjects')
            .set({
              name: (data.subject.name ?? subject.name).trim(),
              data_enc: encSubject(subject.id, data),
              updated_at: now,
            })
            .where('id', '=', subject.id)
            .execute();
        }
        const rec = filed.find((r) => r.subject.filingNumber === subject.filing_number);
        for (const w of o.type === 'CHANGE_SUBJECT' ? [] : websites) {
          const site = await tx
            .selectFrom('websites')
            .select(['id', 'data_enc'])
            .where('filing_number', '=', w.filingNumber?.trim() ?? '')
            .executeTakeFirst();
          if (!site) continue;
          const before = await domainsOfWebsites(tx, [site.id]);
          const data =
            o.type === 'CHANGE_ACCESS'
              ? { ...decWebsite(site.id, site.data_enc), accessIps: w.accessIps }
              : { ...decWebsite(site.id, site.data_enc), ...w };
          const fw = rec?.websites.find((x) => x.filingNumber === w.filingNumber?.trim());
          if (fw) await writeWebsite(tx, o, subject.id, fw, data, now, today);
          else
            await tx
              .updateTable('websites')
              .set({
                name: data.name ?? '',
                data_enc: encWebsite(site.id, data),
                access_ip: data.accessIps?.[0] ?? null,
                updated_at: now,
              })
              .where('id', '=', site.id)
              .execute();
          const after = await domainsOfWebsites(tx, [site.id]);
          // R-WEB-022/024: domains a change adds are served, domains it removes are blocked
          changes.push(
            ...access(
              after.filter((x) => !before.includes(x)),
              'allow',
              'FILED',
              subject.id,
              o.id,
            ),
          );
          changes.push(
            ...access(
              before.filter((x) => !after.includes(x)),
              'block',
              'NOT_FILED',
              subject.id,
              o.id,
            ),
          );
        }
        return { subjectId: subject.id, access: changes };
      }
      case 'CANCEL_SUBJECT': {
        const subject = await subjectRowByNumber(tx, d.subjectFilingNumber?.trim() ?? '');
        if (!subject) return { subjectId: null, access: [] };
        const sites = (
          await tx
            .selectFrom('websites')
            .select('id')
            .where('subject_id', '=', subject.id)
            .where('status', 'in', LIVE)
            .execute()
        ).map((s) => s.id);
        const domains = await domainsOfWebsites(tx, sites);
        await cancelWebsites(tx, sites, 'SUBJECT_REQUEST', now);
        await tx
          .updateTable('subjects')
          .set({ status: 'CANCELLED', cancelled_at: now, cancel_reason: 'SUBJECT_REQUEST', updated_at: now })
          .where('id', '=', subject.id)
          .execute();
        // R-CHG-011: every website of the subject is blocked, not only those the order named
        return { subjectId: subject.id, access: access(domains, 'block', 'CANCELLED', subject.id, o.id) };
      }
      case 'CANCEL_WEBSITE': {
        let subjectId: string | null = null;
        const blocked: string[] = [];
        for (const w of websites) {
          const site = await tx
            .selectFrom('websites')
            .select(['id', 'subject_id'])
            .where('filing_number', '=', w.filingNumber?.trim() ?? '')
            .executeTakeFirst();
          if (!site) continue;
          subjectId = site.subject_id;
          blocked.push(...(await domainsOfWebsites(tx, [site.id])));
          await cancelWebsites(tx, [site.id], 'SUBJECT_REQUEST', now);
          await cancelSubjectIfEmpty(tx, site.subject_id, 'SUBJECT_REQUEST', now);
        }
        return { subjectId, access: access(blocked, 'block', 'CANCELLED', subjectId, o.id) };
      }
      case 'CANCEL_ACCESS': {
        let subjectId: string | null = null;
        const blocked: string[] = [];
        for (const w of websites) {
          const site = await tx
            .selectFrom('websites')
            .select(['id', 'subject_id', 'filing_number'])
            .where('filing_number', '=', w.filingNumber?.trim() ?? '')
            .executeTakeFirst();
          if (!site) continue;
          subjectId = site.subject_id;
          blocked.push(...(await domainsOfWebsites(tx, [site.id])));
          await tx
            .updateTable('registry_access')
            .set({ status: 'REMOVED', updated_at: now })
            .where('website_id', '=', site.id)
            .where('provider_id', '=', deps.providerId)
            .where('status', '=', 'ACTIVE')
            .execute();
          const fw = filed.flatMap((r) => r.websites).find((x) => x.filingNumber === site.filing_number);
          if (fw) await replaceAccess(tx, site.id, fw.access, now);
          // §17.3: no provider left means a shell (the bureau publishes no record for a website without access)
          const left = fw ? fw.access.length : 0;
          await tx
            .updateTable('websites')
            .set({ accessed_here: 0, ...(left === 0 ? { status: 'SHELL', shell_since: now } : {}), updated_at: now })
            .where('id', '=', site.id)
            .execute();
        }
        return { subjectId, access: access(blocked, 'block', 'CANCELLED', subjectId, o.id) };
      }
    }
  }

  async function subjectRowByNumber(tx: Tx, number: string) {
    if (!number) return undefined;
    return tx
      .selectFrom('subjects')
      .select(['id', 'name', 'data_enc', 'filing_number'])
      .where('filing_number', '=', number)
      .executeTakeFirst();
  }

  /**
   * A cancellation the bureau reports (ZXSJ): R-BUR-016 reasons, shells (R-BUR-017), third-party requests
   * (R-BUR-019), and the cancellations of our own orders (already applied: a no-op then). Blocks the domains.
   */
  async function applyCancellation(
    tx: Tx,
    c: Cancellation,
    now: number,
  ): Promise<{ subjectId: string | null; access: AccessChange[] }> {
    const reason = c.reason ?? 'FILING_CANCELLED';
    if (c.level === 'SUBJECT') {
      const s = await tx
        .selectFrom('subjects')
        .select(['id', 'status'])
        .where('bureau_id', '=', c.bureauId)
        .executeTakeFirst();
      if (!s || s.status === 'CANCELLED') return { subjectId: s?.id ?? null, access: [] };
      const sites = (
        await tx
          .selectFrom('websites')
          .select('id')
          .where('subject_id', '=', s.id)
          .where('status', 'in', LIVE)
          .execute()
      ).map((x) => x.id);
      const domains = await domainsOfWebsites(tx, sites);
      await cancelWebsites(tx, sites, reason, now);
      await tx
        .updateTable('subjects')
        .set({ status: 'CANCELLED', cancelled_at: now, cancel_reason: reason, updated_at: now })
        .where('id', '=', s.id)
        .execute();
      return { subjectId: s.id, access: access(domains, 'block', 'FILING_CANCELLED', s.id, null) };
    }
    const w = await tx
      .selectFrom('websites')
      .select(['id', 'status', 'subject_id'])
      .where('bureau_id', '=', c.bureauId)
      .executeTakeFirst();
    if (!w || w.status === 'CANCELLED') return { subjectId: w?.subject_id ?? null, access: [] };
    const domains = await domainsOfWebsites(tx, [w.id]);
    await cancelWebsites(tx, [w.id], reason, now);
    return { subjectId: w.subject_id, access: access(domains, 'block', 'FILING_CANCELLED', w.subject_id, null) };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reads for building uploads.

  /** The filed subject an order acts on (by the subject number, or the subject of the first named website). */
  async function target(tx: Tx, draft: FilingDraft): Promise<TargetSubject | null> {
    let subject = draft.subjectFilingNumber?.trim()
      ? await tx
          .selectFrom('subjects')
          .selectAll()
          .where('filing_number', '=', draft.subjectFilingNumber.trim())
          .executeTakeFirst()
      : undefined;
    if (!subject) {
      const number = (draft.websites ?? []).map((w) => w.filingNumber?.trim()).find(Boolean);
      const site = number
        ? await tx.selectFrom('websites').select('subject_id').where('filing_number', '=', number).executeTakeFirst()
        : undefined;
      if (site)
        subject = await tx.selectFrom('subjects').selectAll().where('id', '=', site.subject_id).executeTakeFirst();
    }
    if (!subject || subject.bureau_id === null || !subject.filing_number) return null;
    const data = decSubject(subject.id, subject.data_enc);
    const certNumber = keyring.decryptString(subject.cert_number_enc, `subjects.cert.${subject.id}`);
    const sites = await tx
      .selectFrom('websites')
      .selectAll()
      .where('subject_id', '=', subject.id)
      .where('status', 'in', LIVE)
      .orderBy('filing_number')
      .execute();
    const out: TargetWebsite[] = [];
    for (const s of sites) {
      if (s.bureau_id === null || !s.filing_number) continue;
      const here = await tx
        .selectFrom('registry_access')
        .select('bureau_id')
        .where('website_id', '=', s.id)
        .where('provider_id', '=', deps.providerId)
        .where('status', '=', 'ACTIVE')
        .executeTakeFirst();
      const domains = await tx
        .selectFrom('domains')
        .select(['host', 'domain', 'bureau_id'])
        .where('website_id', '=', s.id)
        .where('status', '=', 'FILED')
        .execute();
      const wdata = decWebsite(s.id, s.data_enc);
      out.push({
        filingNumber: s.filing_number,
        bureauId: s.bureau_id,
        data: { ...wdata, name: s.name, accessIps: wdata.accessIps ?? (s.access_ip ? [s.access_ip] : []) },
        accessBureauId: here?.bureau_id ?? null,
        domainIds: Object.fromEntries(
          domains.filter((x) => x.bureau_id !== null).map((x) => [(x.host ?? x.domain).toLowerCase(), x.bureau_id!]),
        ),
      });
    }
    return {
      filingNumber: subject.filing_number,
      bureauId: subject.bureau_id,
      province: subject.province as Province,
      subject: {
        ...data.subject,
        name: subject.name,
        certificateType: subject.cert_type as CertificateType,
        certificateNumber: certNumber,
      },
      principal: data.subjectPrincipal ?? {},
      websites: out,
    };
  }

  /**
   * Whom to tell about a registry event of a subject (R-NTF-014): its account, its province and the subject
   * principal's email (decrypted here, the only place that holds the subject data key context).
   */
  async function contactOf(tx: Tx, subjectId: string) {
    const s = await tx
      .selectFrom('subjects')
      .select(['id', 'account_id', 'province', 'filing_number', 'data_enc'])
      .where('id', '=', subjectId)
      .executeTakeFirst();
    if (!s) return undefined;
    const email = decSubject(s.id, s.data_enc).subjectPrincipal?.email?.trim();
    return {
      accountId: s.account_id,
      province: s.province,
      filingNumber: s.filing_number,
      principalEmail: email || null,
    };
  }

  return {
    subjectKey,
    keysOfNumber,
    applyApproval,
    applyCancellation,
    target,
    contactOf,
    applyAccess: applyAccessChanges,
  };
}

export type Registry = ReturnType<typeof createRegistry>;
