import { randomBytes, randomUUID } from 'node:crypto';
import type { SelectQueryBuilder, Transaction } from 'kysely';
import type { AdjustableClock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/database.ts';
import type { DB } from '../../../platform/db/schema.ts';
import { beijingDate, createWorkCalendar, startOfBeijingDay, type WorkCalendar } from '../../calendar/index.ts';
import { APPROVED_SUFFIXES, approvedSuffixSet } from '../../rules/data/suffixes.ts';
import type { CertificateType, Province } from '../../rules/draft.ts';
import { provinceRulesFor, provinceTable } from '../../rules/provinces/table.ts';
import type { ProvinceRules } from '../../rules/provinces/types.ts';
import { registrableDomain } from '../../rules/validators/domain.ts';
import {
  BUREAU_CANCELLATION_REASONS,
  type BureauCancellationReason,
  CERTIFICATE_CODES,
  ipToLong,
  longToIp,
  PROVINCE_CODES,
  provinceOfShengid,
  queryConditionOfZjlx,
  subjectTypeOfNature,
} from '../codes.ts';
import { filingPasswordDigest, formatFinding, RELATED_RECORD_REJECTED } from '../mapping.ts';
import { resultCodeInfo } from '../miit/codes.ts';
import type { AesMaterial } from '../miit/envelope.ts';
import {
  type DownloadData,
  type DownloadData_ICP,
  type DownloadData_ICP_BAJG_Jg_xx,
  type DownloadData_ICP_BASJ_Baxx,
  type DownloadData_ICP_HCJG_Jgxx,
  type DownloadData_ICP_WBAWZLB_Wbawz_xx,
  type DownloadData_ICP_ZXSJ_Zxxx,
  ResultOperation,
  ReviewDecision,
} from '../miit/payloads/download.ts';
import { FilingState } from '../miit/payloads/returns.ts';
import type {
  BgbaRecord,
  UploadData,
  XzbaRecord,
  XzjrRecord,
  XzwzRecord,
  ZxbaRecord,
} from '../miit/payloads/upload.ts';
import type {
  MiitAccount,
  MiitAnswer,
  MiitCallContext,
  MiitDownloadAnswer,
  MiitPreviousUpload,
  MiitServiceImpl,
  MiitStatusAnswer,
  MiitUploadAnswer,
  MiitUploadCall,
  MiitVerifyAnswer,
} from '../miit/server.ts';
import {
  type CertFact,
  type DomainFact,
  type ExistingWebsiteFact,
  type Finding,
  finding,
  type ReviewContext,
  type ReviewSubject,
  type ReviewWebsite,
  reviewBlacklist,
  reviewCertificates,
  reviewDomains,
  reviewExisting,
  reviewServers,
  type ServerFact,
  type SiteFact,
} from './review.ts';
import { migrateSimulator, type SimDb, type SimTables, simDb } from './schema.ts';

/**
 * The simulated bureau (R-BUR-001): the province communications administration and the MIIT system as one party. It
 * receives uploads through the MIIT interface, reviews each application on its own clock after the province's review
 * time (20 working days, 30 in 浙江; cancellations 3), applies every (bureau) rule of the catalogue, numbers filings,
 * keeps the filing password and sends it to the principal, cancels shells after a grace period, and publishes its
 * results for each provider to download after a configurable sync delay. Test controls decide, reject, cancel and
 * move its clock; the portal functions stand in for beian.miit.gov.cn (public query, password change and retrieval,
 * third-party cancellation requests).
 */

export interface SimProvider {
  ispId: number;
  userName: string;
  password: string;
  name: string;
  aes?: AesMaterial;
  encryptDownloads?: boolean;
}

export interface SimSettings {
  /** R-BUR-011: working days between a decision and the provider being able to download it. */
  syncDelayWorkingDays: number;
  /** R-BUR-017: days a shell stays filed before the bureau cancels it. */
  shellGraceDays: number;
  /** R-CHG-012: review time of cancellations. */
  cancellationWorkingDays: number;
  /** R-BUR-009: working days until a mailed retrieval form is answered by phone. */
  offlineRetrievalWorkingDays: number;
  /** Registrar facts the bureau does not hold count as verified and matching (the provider checked them). */
  assumeRegistrarFacts: boolean;
  /** R-BUR-018 verification of a third-party cancellation: by the control (default) or at once. */
  thirdPartyApproval: 'CONTROL' | 'AUTO';
  /** Wrong filing passwords per number and day before isp_verifybamm answers msg_code 22. */
  verifyAttemptsPerDay: number;
  /** Province rules as this bureau applies them, over the shipped table (e.g. 广东 checkUnreachableFiledSites). */
  provinceRules: Readonly<Record<string, Partial<ProvinceRules>>>;
}

export const DEFAULT_SIM_SETTINGS: SimSettings = {
  syncDelayWorkingDays: 0,
  shellGraceDays: 90,
  cancellationWorkingDays: 3,
  offlineRetrievalWorkingDays: 5,
  assumeRegistrarFacts: true,
  thirdPartyApproval: 'CONTROL',
  verifyAttemptsPerDay: 5,
  provinceRules: {},
};

/** Facts from outside the simulator: in-process demo mode reads the provider's server inventory. */
export interface SimFactsSource {
  server?(ip: string): Promise<ServerFact | undefined>;
}

export interface BureauSimulatorOptions {
  database: Database;
  clock: AdjustableClock;
  calendar?: WorkCalendar;
  providers: readonly SimProvider[];
  facts?: SimFactsSource;
  settings?: Partial<SimSettings>;
  approvedSuffixes?: readonly string[];
  /** Re-apply the clock advances stored in the database (a standalone simulator restarted mid-demo). */
  restoreClock?: boolean;
}

/** A refusal of a portal or control call, with the catalogue code the caller shows. */
export class SimError extends Error {
  constructor(
    readonly code: string,
    readonly zh: string,
    en: string,
    readonly status = 422,
  ) {
    super(en);
    this.name = 'SimError';
  }
}

const FILED = 'FILED';
const SHELL = 'SHELL';
const CANCELLED = 'CANCELLED';
const PENDING = 'PENDING';
const ACTIVE = 'ACTIVE';

interface SubjectData {
  Dwmc: string;
  Dwxz?: number;
  Tzr?: string;
  Txdz: { Shengid: number; Shiid: number; Xianid?: number; Xxdz?: string };
  Zj: { Zjlx: number; Zjhm: string; Zjzs: string };
  Fzr: {
    Fzr_xm?: string;
    Fzr_dhhm?: string;
    Fzr_sjhm?: string;
    Fzr_dzyj: string;
    Msn?: string;
    Qq?: string;
    Fzr_zjlx?: number;
    Fzr_zjhm?: string;
  };
  Bbfs: number;
}

interface WebsiteData {
  Wzmc: string;
  Nrlx?: unknown;
  Fwnr?: { Fwnr_id: number[] };
  Yylb: { Yylb_id: number[] };
  Wz_Fzr: {
    Fzr_xm: string;
    Fzr_dhhm?: string;
    Fzr_sjhm?: string;
    Fzr_dzyj?: string;
    Fzr_zjlx?: number;
    Fzr_zjhm?: string;
  };
  Syurl?: string;
  Wz_Bz?: string;
}

/** The website part of an uploaded record the bureau keeps (new filings and BGBA restatements alike). */
function websiteData(w: WebsiteData): WebsiteData {
  const { Wzmc, Nrlx, Fwnr, Yylb, Wz_Fzr, Syurl, Wz_Bz } = w;
  return { Wzmc, Nrlx, Fwnr, Yylb, Wz_Fzr, Syurl, Wz_Bz };
}

interface AccessData {
  Wzfb: { Fbdd: number[] };
  Wzjrfs: { Jrfs: number[] };
  Ip_xx: { Qsip: number; Zzip: number }[];
}

type Op = 'XZBA' | 'XZWZ' | 'XZJR' | 'BGBA' | 'ZXBA';
type SubmissionRow = SimTables['sim_submissions'];
type Tx = SimDb | Transaction<DB & SimTables>;

const ZXLB_CZLX: Record<number, number> = {
  0: ResultOperation.CANCEL_SUBJECT,
  1: ResultOperation.CANCEL_WEBSITE,
  2: ResultOperation.CANCEL_ACCESS,
};

function safeRegistrable(host: string): string | null {
  try {
    return registrableDomain(host);
  } catch {
    return null;
  }
}

const ipsOf = (data: AccessData) => data.Ip_xx.map((ip) => longToIp(ip.Qsip));

export type BureauSimulator = Awaited<ReturnType<typeof createBureauSimulator>>;

export async function createBureauSimulator(opts: BureauSimulatorOptions) {
  await migrateSimulator(opts.database);
  const db = simDb(opts.database);
  const clock = opts.clock;
  const calendar = opts.calendar ?? createWorkCalendar();
  const providers = new Map(opts.providers.map((p) => [p.ispId, p]));
  const suffixes = opts.approvedSuffixes
    ? new Set(opts.approvedSuffixes.map((s) => s.toLowerCase()))
    : approvedSuffixSet;
  const suffixList = opts.approvedSuffixes ?? APPROVED_SUFFIXES;

  const now = () => clock.now().getTime();
  const today = () => beijingDate(clock.now());

  // -------------------------------------------------------------------------------------------------------------
  // Meta: settings, counters, the clock offset.

  async function meta(tx: Tx, key: string): Promise<string | undefined> {
    return (await tx.selectFrom('sim_meta').select('value').where('key', '=', key).executeTakeFirst())?.value;
  }
  async function setMeta(tx: Tx, key: string, value: string): Promise<void> {
    const r = await tx.updateTable('sim_meta').set({ value }).where('key', '=', key).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) await tx.insertInto('sim_meta').values({ key, value }).execute();
  }
  async function nextSeq(tx: Tx, name: string, start = 1): Promise<number> {
    const key = `seq:${name}`;
    const r = await tx
      .updateTable('sim_meta')
      .set((eb) => ({ value: eb.cast(eb(eb.cast('value', 'bigint'), '+', 1), 'text') }))
      .where('key', '=', key)
      .returning('value')
      .executeTakeFirst();
    if (r) return Number(r.value);
    await tx
      .insertInto('sim_meta')
      .values({ key, value: String(start) })
      .execute();
    return start;
  }

  let settings: SimSettings = { ...DEFAULT_SIM_SETTINGS, ...opts.settings };
  const storedSettings = await meta(db, 'settings');
  if (storedSettings) settings = { ...settings, ...JSON.parse(storedSettings), ...opts.settings };
  // the simulator's clock offset survives restarts, like the demo clock of the platform
  const storedOffset = Number((await meta(db, 'clock_advanced_ms')) ?? 0);
  if (storedOffset > 0 && opts.restoreClock) clock.advance(storedOffset);

  /** The province's rules as this bureau applies them: the shipped table with the simulator's overrides. */
  function rulesFor(province: Province): ProvinceRules {
    return { ...provinceRulesFor(province), ...settings.provinceRules[province] };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Facts.

  async function fact<T>(tx: Tx, kind: string, key: string): Promise<T | undefined> {
    const row = await tx
      .selectFrom('sim_facts')
      .select('value')
      .where('kind', '=', kind)
      .where('key', '=', key)
      .executeTakeFirst();
    return row ? (JSON.parse(row.value) as T) : undefined;
  }
  async function setFact(kind: string, key: string, value: unknown): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await tx.deleteFrom('sim_facts').where('kind', '=', kind).where('key', '=', key).execute();
      if (value !== null)
        await tx
          .insertInto('sim_facts')
          .values({ kind, key, value: JSON.stringify(value), updated_at: now() })
          .execute();
    });
  }

  async function reviewContext(
    tx: Tx,
    province: Province | undefined,
    hosts: string[],
    ips: string[],
    certs: string[],
  ) {
    const domainFacts = new Map<string, DomainFact | undefined>();
    const siteFacts = new Map<string, SiteFact | undefined>();
    for (const h of hosts) {
      domainFacts.set(h, await fact<DomainFact>(tx, 'domain', h));
      siteFacts.set(h, await fact<SiteFact>(tx, 'site', h));
    }
    const serverFacts = new Map<string, ServerFact | undefined>();
    for (const ip of ips)
      serverFacts.set(ip, (await fact<ServerFact>(tx, 'server', ip)) ?? (await opts.facts?.server?.(ip)));
    const certFacts = new Map<string, CertFact | undefined>();
    for (const c of certs) certFacts.set(c, await fact<CertFact>(tx, 'cert', c));
    const black = await tx.selectFrom('sim_blacklist').select(['kind', 'value']).execute();
    const ctx: ReviewContext = {
      today: today(),
      calendar,
      rules: province ? rulesFor(province) : undefined,
      assumeRegistrarFacts: settings.assumeRegistrarFacts,
      facts: {
        domain: (d) => domainFacts.get(d),
        site: (d) => siteFacts.get(d),
        server: (ip) => serverFacts.get(ip),
        cert: (n) => certFacts.get(n),
      },
      blacklist: {
        certs: new Set(black.filter((b) => b.kind === 'CERT').map((b) => b.value)),
        names: new Set(black.filter((b) => b.kind === 'NAME').map((b) => b.value)),
      },
      approvedSuffixes: suffixes,
    };
    return ctx;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Records.

  const subjectById = (tx: Tx, id: number) =>
    tx.selectFrom('sim_subjects').selectAll().where('id', '=', id).executeTakeFirst();
  const subjectByNumber = (tx: Tx, n: string) =>
    tx.selectFrom('sim_subjects').selectAll().where('filing_number', '=', n.trim()).executeTakeFirst();
  const websiteById = (tx: Tx, id: number) =>
    tx.selectFrom('sim_websites').selectAll().where('id', '=', id).executeTakeFirst();
  const websiteByNumber = (tx: Tx, n: string) =>
    tx.selectFrom('sim_websites').selectAll().where('filing_number', '=', n.trim()).executeTakeFirst();
  const liveWebsites = (tx: Tx, subjectId: number) =>
    tx
      .selectFrom('sim_websites')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .where('status', '!=', CANCELLED)
      .orderBy('suffix')
      .execute();
  const activeAccess = (tx: Tx, websiteId: number) =>
    tx
      .selectFrom('sim_access')
      .selectAll()
      .where('website_id', '=', websiteId)
      .where('status', '=', ACTIVE)
      .orderBy('id')
      .execute();

  async function filedDomain(tx: Tx, domain: string) {
    return tx
      .selectFrom('sim_domains')
      .innerJoin('sim_websites', 'sim_websites.id', 'sim_domains.website_id')
      .innerJoin('sim_subjects', 'sim_subjects.id', 'sim_websites.subject_id')
      .select([
        'sim_domains.domain',
        'sim_websites.id as website_id',
        'sim_websites.filing_number as website_number',
        'sim_websites.name as website_name',
        'sim_subjects.filing_number as subject_number',
        'sim_subjects.id as subject_id',
      ])
      .where('sim_domains.domain', '=', domain)
      .where('sim_domains.status', '=', FILED)
      .where('sim_websites.status', '!=', CANCELLED)
      .executeTakeFirst();
  }

  async function allocateNumber(tx: Tx, province: Province): Promise<string> {
    const abbr = provinceTable[province].abbreviation;
    const yy = today().slice(2, 4);
    for (;;) {
      const n = await nextSeq(tx, `number:${abbr}:${yy}`);
      const number = `${abbr}ICP备${yy}${String(n).padStart(6, '0')}号`;
      if (!(await subjectByNumber(tx, number))) return number;
    }
  }

  function newPassword(): string {
    const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
    const bytes = randomBytes(10);
    return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  }

  /** R-BUR-010: the bureau writes to the principal itself, by SMS and email. */
  async function notify(tx: Tx, subject: { id: number | null; data: string }, kind: string, text: string) {
    const d = JSON.parse(subject.data) as SubjectData;
    const at = now();
    for (const [channel, recipient] of [
      ['SMS', d.Fzr.Fzr_sjhm],
      ['EMAIL', d.Fzr.Fzr_dzyj],
    ] as const) {
      if (!recipient) continue;
      await tx
        .insertInto('sim_outbox')
        .values({ id: await nextSeq(tx, 'outbox'), at, channel, recipient, kind, subject_id: subject.id, text })
        .execute();
    }
  }

  /** A file for one provider, downloadable after the sync delay (R-BUR-011). */
  async function publish(tx: Tx, ispId: number, data: DownloadData): Promise<string> {
    const id = await nextSeq(tx, 'download');
    const fileName = `BJ${ispId}N${String(id).padStart(10, '0')}`;
    const at = now();
    const availableAt =
      settings.syncDelayWorkingDays > 0
        ? startOfBeijingDay(calendar.addWorkingDays(today(), settings.syncDelayWorkingDays)).getTime()
        : at;
    await tx
      .insertInto('sim_downloads')
      .values({
        id,
        isp_id: ispId,
        file_name: fileName,
        data: JSON.stringify(data),
        available_at: availableAt,
        acked_at: null,
        created_at: at,
      })
      .execute();
    return fileName;
  }

  // -------------------------------------------------------------------------------------------------------------
  // BASJ: the filed record as providers download it.

  async function basj(
    tx: Tx,
    subjectId: number,
    forIsp: number,
    websiteIds?: number[],
  ): Promise<DownloadData_ICP_BASJ_Baxx | null> {
    const s = await subjectById(tx, subjectId);
    if (!s || s.status === CANCELLED) return null;
    const d = JSON.parse(s.data) as SubjectData;
    const sites = (await liveWebsites(tx, subjectId)).filter((w) => !websiteIds || websiteIds.includes(w.id));
    const wz: DownloadData_ICP_BASJ_Baxx['Wz_xx'] = [];
    for (const w of sites) {
      const access = await activeAccess(tx, w.id);
      // BASJ requires at least one access record: a shell is not published
      if (access.length === 0) continue;
      const wd = JSON.parse(w.data) as WebsiteData;
      const domains = await tx
        .selectFrom('sim_domains')
        .selectAll()
        .where('website_id', '=', w.id)
        .where('status', '=', FILED)
        .orderBy('id')
        .execute();
      wz.push({
        ...(w.creator_isp === forIsp && w.isp_wzid ? { IspWzid: w.isp_wzid } : {}),
        Wzid: w.id,
        Wzmc: w.name,
        ...(wd.Fwnr ? { Fwnr: wd.Fwnr } : {}),
        Yylb: wd.Yylb,
        Ym_xx: domains.map((y) => ({ Ymid: y.id, Ym: y.ym })),
        Jr_xx: access.map((a) => {
          const ad = JSON.parse(a.data) as AccessData;
          return {
            ...(a.isp_id === forIsp && a.isp_jrid ? { IspJrid: a.isp_jrid } : {}),
            Jrid: a.id,
            Ispid: a.isp_id,
            Wzfb: ad.Wzfb,
            Wzjrfs: ad.Wzjrfs,
            Ip_xx: ad.Ip_xx.map((ip, k) => ({ Ipid: a.id * 100 + k + 1, Qsip: ip.Qsip, Zzip: ip.Zzip })),
          };
        }),
        Wz_Fzr: wd.Wz_Fzr,
        ...(wd.Syurl ? { Syurl: wd.Syurl } : {}),
        Scbbsj: w.approved_on,
        Zjxgsj: w.updated_on,
        Baxh: w.filing_number,
      });
    }
    if (wz.length === 0) return null;
    return {
      Zt_xx: {
        ...(s.first_isp === forIsp && s.isp_ztid ? { IspZtid: s.isp_ztid } : {}),
        Ztid: s.id,
        Dwmc: s.name,
        Dwxz: s.nature,
        Txdz: d.Txdz,
        Zj: d.Zj,
        Fzr: d.Fzr,
        Baxh: s.filing_number,
        Bbyhlx: d.Bbfs,
        ...(d.Tzr ? { Tzr: d.Tzr } : {}),
        Scbbsj: s.approved_on,
        Zjxgsj: s.updated_on,
      },
      Wz_xx: wz,
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Intake (isp_upload).

  function reviewDays(op: Op, province: Province | undefined): number {
    if (op === 'ZXBA') return settings.cancellationWorkingDays;
    return province ? rulesFor(province).bureauWorkingDays : 20;
  }

  interface Intake {
    op: Op;
    record: unknown;
    czlx: number;
    bs: string;
    jlid: number;
    province: Province | undefined;
    cert: string | null;
    domains: string[];
  }

  async function intakeOf(tx: Tx, op: Op, record: unknown): Promise<Intake> {
    switch (op) {
      case 'XZBA': {
        const r = record as XzbaRecord;
        return {
          op,
          record,
          czlx: ResultOperation.XZBA,
          bs: String(r.Zt_xx.IspZtid),
          jlid: r.Zt_xx.IspZtid,
          province: provinceOfShengid(r.Zt_xx.Txdz.Shengid),
          cert: r.Zt_xx.Zj.Zjhm.trim().toUpperCase(),
          domains: r.Wz_xx.flatMap((w) => w.Ym_xx.map((y) => safeRegistrable(y.Ym) ?? y.Ym)),
        };
      }
      case 'XZWZ': {
        const r = record as XzwzRecord;
        const s =
          r.Zt_xx.Ztbah !== undefined ? await subjectByNumber(tx, r.Zt_xx.Ztbah) : await subjectById(tx, r.Zt_xx.Ztid!);
        return {
          op,
          record,
          czlx: ResultOperation.XZWZ,
          bs: r.Zt_xx.Ztbah ?? String(r.Zt_xx.Ztid),
          jlid: r.Wz_xx[0]?.IspWzid ?? 1,
          province: s?.province as Province | undefined,
          cert: s?.cert_number ?? null,
          domains: r.Wz_xx.flatMap((w) => w.Ym_xx.map((y) => safeRegistrable(y.Ym) ?? y.Ym)),
        };
      }
      case 'XZJR': {
        const r = record as XzjrRecord;
        const w =
          r.Wz_xx.Wzbah !== undefined ? await websiteByNumber(tx, r.Wz_xx.Wzbah) : await websiteById(tx, r.Wz_xx.Wzid!);
        const s = w ? await subjectById(tx, w.subject_id) : undefined;
        return {
          op,
          record,
          czlx: ResultOperation.XZJR,
          bs: String(r.IspJrid),
          jlid: r.IspJrid,
          province: s?.province as Province | undefined,
          cert: null,
          domains: [],
        };
      }
      case 'BGBA': {
        const r = record as BgbaRecord;
        const s = await subjectById(tx, r.Zt_xx.Ztid);
        return {
          op,
          record,
          czlx: ResultOperation.BGBA,
          bs: String(r.Zt_xx.Ztid),
          jlid: r.Zt_xx.Ztid,
          province: (s?.province as Province | undefined) ?? provinceOfShengid(r.Zt_xx.Txdz.Shengid),
          cert: null,
          domains: [],
        };
      }
      case 'ZXBA': {
        const r = record as ZxbaRecord;
        let province: string | undefined;
        if (r.Zxlb === 0) province = (await subjectById(tx, r.Jlid))?.province;
        else {
          const wid =
            r.Zxlb === 1
              ? r.Jlid
              : (await tx.selectFrom('sim_access').select('website_id').where('id', '=', r.Jlid).executeTakeFirst())
                  ?.website_id;
          const w = wid ? await websiteById(tx, wid) : undefined;
          province = w ? (await subjectById(tx, w.subject_id))?.province : undefined;
        }
        return {
          op,
          record,
          czlx: ZXLB_CZLX[r.Zxlb] ?? ResultOperation.CANCEL_WEBSITE,
          bs: String(r.Jlid),
          jlid: r.Jlid,
          province: province as Province | undefined,
          cert: null,
          domains: [],
        };
      }
    }
  }

  /** Refusals the bureau gives at once: unknown or cancelled records, duplicates, in-flight conflicts (R-ORD-008/009). */
  async function intakeFindings(tx: Tx, ispId: number, uploadId: string, it: Intake): Promise<Finding[]> {
    const out: Finding[] = [];
    const busy = async (kind: 'CERT' | 'DOMAIN', value: string) =>
      !!(await tx
        .selectFrom('sim_inflight')
        .select('submission_id')
        .where('kind', '=', kind)
        .where('value', '=', value)
        .where('upload_id', '!=', uploadId)
        .executeTakeFirst());
    if (it.cert && (await busy('CERT', it.cert)))
      out.push(finding('SUBJECT_CONFLICT', 'Zt_xx', '该主体已有备案申请正在管局审核中'));
    for (const [k, d] of it.domains.entries())
      if (await busy('DOMAIN', d)) out.push(finding('DOMAIN_CONFLICT', domainPath(it, k), `${d} 已在其他备案申请中`));
    const sameTarget =
      it.op !== 'XZBA' &&
      !!(await tx
        .selectFrom('sim_submissions')
        .select('id')
        .where('czlx', '=', it.czlx)
        .where('bs', '=', it.bs)
        .where('state', '=', PENDING)
        .where('upload_id', '!=', uploadId)
        .executeTakeFirst());
    switch (it.op) {
      case 'XZWZ': {
        const r = it.record as XzwzRecord;
        const s =
          r.Zt_xx.Ztbah !== undefined ? await subjectByNumber(tx, r.Zt_xx.Ztbah) : await subjectById(tx, r.Zt_xx.Ztid!);
        if (!s) out.push(finding('SUBJECT_NOT_FOUND', 'Zt_xx', '主体备案号不存在', 1016));
        else if (s.status === CANCELLED) out.push(finding('SUBJECT_CANCELLED', 'Zt_xx', '主体已注销', 1049));
        break;
      }
      case 'XZJR': {
        const r = it.record as XzjrRecord;
        const w =
          r.Wz_xx.Wzbah !== undefined ? await websiteByNumber(tx, r.Wz_xx.Wzbah) : await websiteById(tx, r.Wz_xx.Wzid!);
        if (!w) out.push(finding('WEBSITE_NOT_FOUND', 'Wz_xx', '网站备案号不存在', 1059));
        else if (w.status === CANCELLED) out.push(finding('WEBSITE_CANCELLED', 'Wz_xx', '网站已注销', 1050));
        else if ((await activeAccess(tx, w.id)).some((a) => a.isp_id === ispId))
          out.push(finding('ACCESS_EXISTS', 'Wz_xx', '同一个网站不允许有相同的接入', 1029));
        break;
      }
      case 'BGBA': {
        const r = it.record as BgbaRecord;
        const s = await subjectById(tx, r.Zt_xx.Ztid);
        if (!s) out.push(finding('SUBJECT_NOT_FOUND', 'Zt_xx', '主体信息不存在', 1058));
        else if (s.status === CANCELLED) out.push(finding('SUBJECT_CANCELLED', 'Zt_xx', '主体已注销', 1049));
        if (sameTarget) out.push(finding('CHANGE_IN_PROGRESS', 'Zt_xx', '备案变更中，审核通过后可再次申请变更', 1017));
        for (const [i, w] of r.Wz_xx.entries()) {
          const site = await websiteById(tx, w.Wzid);
          if (!site || site.subject_id !== r.Zt_xx.Ztid)
            out.push(finding('WEBSITE_NOT_FOUND', `Wz_xx[${i}]`, '网站信息不存在', 1059));
          else if (!(await activeAccess(tx, site.id)).some((a) => a.isp_id === ispId))
            out.push(finding('NOT_ACCESSED_HERE', `Wz_xx[${i}]`, '您试图操作的不是您接入的备案', 1048));
        }
        break;
      }
      case 'ZXBA': {
        const r = it.record as ZxbaRecord;
        if (r.Zxlb === 0) {
          const s = await subjectById(tx, r.Jlid);
          if (!s) out.push(finding('SUBJECT_NOT_FOUND', 'Jlid', '主体信息不存在', 1058));
          else if (s.status === CANCELLED) out.push(finding('SUBJECT_CANCELLED', 'Jlid', '主体已注销', 1049));
          if (sameTarget) out.push(finding('CANCEL_IN_PROGRESS', 'Jlid', '无需重复提交该主体的注销申请', 1027));
        } else if (r.Zxlb === 1) {
          const w = await websiteById(tx, r.Jlid);
          if (!w) out.push(finding('WEBSITE_NOT_FOUND', 'Jlid', '网站信息不存在', 1059));
          else if (w.status === CANCELLED) out.push(finding('WEBSITE_CANCELLED', 'Jlid', '网站已注销', 1050));
          if (sameTarget) out.push(finding('CANCEL_IN_PROGRESS', 'Jlid', '无需重复提交该网站的注销申请', 1030));
        } else {
          const a = await tx.selectFrom('sim_access').selectAll().where('id', '=', r.Jlid).executeTakeFirst();
          if (!a || a.status !== ACTIVE) out.push(finding('ACCESS_NOT_FOUND', 'Jlid', '接入信息不存在', 1023));
          else if (a.isp_id !== ispId) out.push(finding('NOT_OWN_ACCESS', 'Jlid', '只能取消本接入商的接入信息', 1047));
          if (sameTarget) out.push(finding('CANCEL_IN_PROGRESS', 'Jlid', '接入商已经对该网站提出取消接入请求', 1032));
        }
        break;
      }
      case 'XZBA':
        break;
    }
    return out;
  }

  function domainPath(it: Intake, k: number): string {
    if (it.op !== 'XZBA' && it.op !== 'XZWZ') return 'Wz_xx';
    const sites = (it.record as XzbaRecord | XzwzRecord).Wz_xx;
    let n = k;
    for (const [i, w] of sites.entries()) {
      if (n < w.Ym_xx.length) return `Wz_xx[${i}].Ym_xx[${n}].Ym`;
      n -= w.Ym_xx.length;
    }
    return 'Wz_xx';
  }

  async function upload(call: MiitUploadCall): Promise<MiitUploadAnswer> {
    await tick();
    return db.transaction().execute(async (tx) => {
      const last = Number((await meta(tx, `last_sequence:${call.ispId}`)) ?? 0);
      if (call.dataSequence !== last + 1) {
        const missing: number[] = [];
        for (let s = last + 1; s < call.dataSequence && missing.length < 100; s++) missing.push(s);
        return { msgCode: 14, missingSequences: missing.length ? missing : [last + 1] };
      }
      await setMeta(tx, `last_sequence:${call.ispId}`, String(call.dataSequence));
      const uploadId = randomUUID();
      const ops = call.payload.ok
        ? Object.entries(call.payload.data).flatMap(([a, b]) =>
            Object.keys(b ?? {})
              .filter((k) => k !== 'Qqdwid')
              .map((k) => `${a}.${k}`),
          )
        : [];
      await tx
        .insertInto('sim_uploads')
        .values({
          id: uploadId,
          isp_id: call.ispId,
          data_sequence: call.dataSequence,
          file_name: call.fileName,
          payload_sha256: call.payloadSha256,
          received: JSON.stringify(call.received),
          ops: JSON.stringify(ops),
          received_at: now(),
        })
        .execute();
      if (!call.payload.ok) {
        // spec 4-2-1-6: an XSD failure is answered with 5001 and the file name in Dmms
        await publish(tx, call.ispId, {
          ICP: { BAJG: { Jg_xx: [{ Jgxx: [{ Jgdm: 5001, Dmms: call.fileName }], Czlx: ResultOperation.XZBA }] } },
        });
        return { msgCode: 0 };
      }
      await accept(tx, call.ispId, uploadId, call.payload.data);
      return { msgCode: 0 };
    });
  }

  async function accept(tx: Tx, ispId: number, uploadId: string, data: UploadData) {
    if (data.ICP) {
      const icp = data.ICP;
      const records: [Op, unknown][] = [
        ...(icp.XZBA?.Baxx ?? []).map((r): [Op, unknown] => ['XZBA', r]),
        ...(icp.XZWZ?.Xzxx ?? []).map((r): [Op, unknown] => ['XZWZ', r]),
        ...(icp.XZJR?.Xzxx ?? []).map((r): [Op, unknown] => ['XZJR', r]),
        ...(icp.BGBA?.Bgxx ?? []).map((r): [Op, unknown] => ['BGBA', r]),
        ...(icp.ZXBA?.Zx_xx ?? []).map((r): [Op, unknown] => ['ZXBA', r]),
      ];
      for (const [op, rec] of [
        ['HSJG', icp.HSJG],
        ['WBACLJG', icp.WBACLJG],
        ['XZHYD', icp.XZHYD],
      ] as const)
        if (rec)
          await tx
            .insertInto('sim_records')
            .values({
              id: await nextSeq(tx, 'record'),
              isp_id: ispId,
              area: 'ICP',
              op,
              isp_ref: null,
              data: JSON.stringify(rec),
              created_at: now(),
            })
            .execute();
      const refusedAll = icp.Qqdwid !== ispId;
      let immediate = refusedAll;
      for (const [k, [op, record]] of records.entries()) {
        const it = await intakeOf(tx, op, record);
        const findings = refusedAll
          ? [finding('REQUESTER_MISMATCH', undefined, 'XML中请求单位Id和报备单位Id不一致', 5003)]
          : await intakeFindings(tx, ispId, uploadId, it);
        if (findings.length) immediate = true;
        const submissionId = randomUUID();
        await tx
          .insertInto('sim_submissions')
          .values({
            id: submissionId,
            isp_id: ispId,
            upload_id: uploadId,
            record_index: k,
            op,
            record: JSON.stringify(record),
            czlx: it.czlx,
            bs: it.bs,
            gj_jlid: it.jlid,
            province: it.province ?? null,
            subject_cert: it.cert,
            domains: JSON.stringify(it.domains),
            received_at: now(),
            decide_on: calendar.addWorkingDays(today(), reviewDays(op, it.province)),
            state: PENDING,
            findings: findings.length ? JSON.stringify(findings) : null,
            decided_at: null,
          })
          .execute();
        for (const [kind, value] of [...(it.cert ? [['CERT', it.cert]] : []), ...it.domains.map((d) => ['DOMAIN', d])])
          await tx
            .insertInto('sim_inflight')
            .values({ submission_id: submissionId, upload_id: uploadId, kind, value })
            .execute();
      }
      if (immediate) await decideUpload(tx, uploadId, { intakeOnly: true });
    }
    if (data.IP) await acceptRecords(tx, ispId, 'IP', data.IP);
    if (data.YM) await acceptRecords(tx, ispId, 'YM', data.YM);
  }

  /**
   * IP and domain filings are not reviewed by this simulator: each record is stored and answered with the spec's
   * success code (2998 / 3998) and a bureau id, in the result groups the download XSD has for them.
   */
  async function acceptRecords(tx: Tx, ispId: number, area: 'IP' | 'YM', body: object) {
    const czlxOf = { XZBA: 1, XGBA: 2, SCBA: 3 } as Record<string, number>;
    const ipGroups: Record<string, 'Lyjg' | 'Fpjg' | 'Gbjs' | 'Zdip'> = {
      Xzly: 'Lyjg',
      Xgly: 'Lyjg',
      Scly: 'Lyjg',
      Xzfp: 'Fpjg',
      Xgfp: 'Fpjg',
      Scfp: 'Fpjg',
      Xzgbjs: 'Gbjs',
      Xggbjs: 'Gbjs',
      Scgbjs: 'Gbjs',
      Zdip: 'Zdip',
      XgZd: 'Zdip',
      Sczd: 'Zdip',
    };
    const ip: Record<string, unknown[]> = {};
    const ym: unknown[] = [];
    for (const [op, content] of Object.entries(body)) {
      if (op === 'Qqdwid' || !content || typeof content !== 'object') continue;
      const czlx = czlxOf[op] ?? 1;
      const groups = area === 'YM' ? [['', content] as const] : Object.entries(content as object);
      for (const [group, g] of groups) {
        for (const list of Object.values(g as object)) {
          for (const rec of (Array.isArray(list) ? list : []) as Record<string, unknown>[]) {
            const id = typeof rec.Id === 'number' ? rec.Id : await nextSeq(tx, `${area}-id`, 70_000_001);
            const ispRef = typeof rec.IspId === 'number' ? rec.IspId : null;
            await tx
              .insertInto('sim_records')
              .values({
                id: await nextSeq(tx, 'record'),
                isp_id: ispId,
                area,
                op,
                isp_ref: ispRef,
                data: JSON.stringify(rec),
                created_at: now(),
              })
              .execute();
            const code = area === 'IP' ? 2998 : 3998;
            const result = {
              Jgxx: [{ Jgdm: code, Dmms: resultCodeInfo(code).text.zh }],
              Id: id,
              Czlx: czlx,
              ...(ispRef !== null && czlx === 1 ? { IspId: ispRef } : {}),
            };
            if (area === 'YM') ym.push(result);
            else {
              const key = ipGroups[group] ?? 'Fpjg';
              ip[key] = [...(ip[key] ?? []), result];
            }
          }
        }
      }
    }
    if (area === 'IP' && Object.keys(ip).length) await publish(tx, ispId, { IP: { BAJG: ip } } as DownloadData);
    if (area === 'YM' && ym.length) await publish(tx, ispId, { YM: { BAJG: { Jg_xx: ym } } } as DownloadData);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Review and decision.

  function reviewSubjectOf(d: SubjectData, path = 'Zt_xx'): ReviewSubject {
    return {
      nature: d.Dwxz ?? 5,
      name: d.Dwmc,
      certNumber: d.Zj.Zjhm,
      path,
      principalCertNumber: d.Fzr.Fzr_zjhm,
    };
  }

  function reviewWebsites(
    sites: readonly { Wzmc: string; Ym_xx: { Ym: string }[]; Jr_xx: { Ip_xx: { Qsip: number }[] }[] }[],
  ): ReviewWebsite[] {
    return sites.map((w, i) => ({
      path: `Wz_xx[${i}]`,
      name: w.Wzmc,
      domains: w.Ym_xx.map((y, j) => ({ path: `Wz_xx[${i}].Ym_xx[${j}].Ym`, ym: y.Ym, domain: safeRegistrable(y.Ym) })),
      ips: w.Jr_xx.flatMap((j, a) =>
        j.Ip_xx.map((ip, k) => ({ path: `Wz_xx[${i}].Jr_xx[${a}].Ip_xx[${k}]`, ip: longToIp(ip.Qsip) })),
      ),
    }));
  }

  async function contextFor(
    tx: Tx,
    province: Province | undefined,
    subject: ReviewSubject | null,
    sites: ReviewWebsite[],
  ) {
    const hosts = sites.flatMap((w) => w.domains.map((d) => d.domain).filter((d): d is string => !!d));
    const ips = sites.flatMap((w) => w.ips.map((i) => i.ip));
    const certs = subject
      ? [subject.certNumber, subject.principalCertNumber]
          .filter((c): c is string => !!c)
          .map((c) => c.trim().toUpperCase())
      : [];
    return reviewContext(tx, province, hosts, ips, certs);
  }

  /** Domains of the new websites must not be filed already (R-ORD-010: the order should have been another type). */
  async function filedDomainFindings(tx: Tx, sites: ReviewWebsite[], ownSubject?: number): Promise<Finding[]> {
    const out: Finding[] = [];
    for (const w of sites)
      for (const d of w.domains) {
        if (!d.domain) continue;
        const f = await filedDomain(tx, d.domain);
        // a change may add another host of a domain the same subject already filed (www. beside the bare domain)
        if (f && f.subject_id !== ownSubject)
          out.push(
            finding('WRONG_ORDER_TYPE', d.path, `${d.domain} 已备案（${f.website_number}），请办理接入备案或变更`),
          );
      }
    return out;
  }

  async function passwordMatches(tx: Tx, subjectId: number, digest: string | undefined): Promise<boolean> {
    const s = await subjectById(tx, subjectId);
    return !!s && !!digest && filingPasswordDigest(s.password) === digest.trim().toLowerCase();
  }

  async function review(tx: Tx, sub: SubmissionRow): Promise<Finding[]> {
    const province = (sub.province ?? undefined) as Province | undefined;
    switch (sub.op as Op) {
      case 'XZBA': {
        const r = JSON.parse(sub.record) as XzbaRecord;
        const subject = reviewSubjectOf(r.Zt_xx as SubjectData);
        const sites = reviewWebsites(r.Wz_xx);
        const ctx = await contextFor(tx, province, subject, sites);
        const out: Finding[] = [];
        const filed = await tx
          .selectFrom('sim_subjects')
          .select('filing_number')
          .where('cert_number', '=', subject.certNumber.trim().toUpperCase())
          .where('status', '=', FILED)
          .executeTakeFirst();
        if (filed)
          out.push(
            finding(
              'WRONG_ORDER_TYPE',
              'Zt_xx.Zj.Zjhm',
              `该主体已有备案号 ${filed.filing_number}，请办理新增网站或接入备案`,
            ),
          );
        out.push(...(await filedDomainFindings(tx, sites)));
        out.push(...reviewBlacklist(subject, sites, ctx));
        out.push(...reviewDomains(subject, sites, ctx, { newWebsites: true }));
        out.push(...reviewCertificates(subject, ctx));
        out.push(...reviewServers(sites, ctx));
        return out;
      }
      case 'XZWZ': {
        const r = JSON.parse(sub.record) as XzwzRecord;
        const s =
          r.Zt_xx.Ztbah !== undefined ? await subjectByNumber(tx, r.Zt_xx.Ztbah) : await subjectById(tx, r.Zt_xx.Ztid!);
        if (!s) return [finding('SUBJECT_NOT_FOUND', 'Zt_xx', '主体备案号不存在', 1016)];
        const subject = reviewSubjectOf(JSON.parse(s.data) as SubjectData);
        const sites = reviewWebsites(r.Wz_xx);
        const ctx = await contextFor(tx, province, subject, sites);
        const existing = [];
        for (const w of await liveWebsites(tx, s.id))
          existing.push({
            filingNumber: w.filing_number,
            fact: await fact<ExistingWebsiteFact>(tx, 'website', w.filing_number),
          });
        const out: Finding[] = [];
        if (r.ICPmm !== undefined && !(await passwordMatches(tx, s.id, r.ICPmm)))
          out.push(finding('FILING_PASSWORD_WRONG', 'ICPmm', '备案密码错误'));
        out.push(...(await filedDomainFindings(tx, sites)));
        out.push(...reviewBlacklist({ ...subject, path: 'Zt_xx' }, sites, ctx));
        out.push(...reviewDomains(subject, sites, ctx, { newWebsites: true }));
        out.push(...reviewCertificates({ ...subject, path: 'Zt_xx' }, ctx));
        out.push(...reviewServers(sites, ctx));
        out.push(...reviewExisting(existing, ctx.rules));
        return out;
      }
      case 'XZJR': {
        const r = JSON.parse(sub.record) as XzjrRecord;
        const w =
          r.Wz_xx.Wzbah !== undefined ? await websiteByNumber(tx, r.Wz_xx.Wzbah) : await websiteById(tx, r.Wz_xx.Wzid!);
        if (!w || w.status === CANCELLED) return [finding('WEBSITE_NOT_FOUND', 'Wz_xx', '网站信息不存在', 1059)];
        const s = (await subjectById(tx, w.subject_id))!;
        const subject = reviewSubjectOf(JSON.parse(s.data) as SubjectData);
        const sites: ReviewWebsite[] = [
          {
            path: 'Wz_xx',
            name: w.name,
            domains: [],
            ips: r.Ip_xx.map((ip, k) => ({ path: `Ip_xx[${k}]`, ip: longToIp(ip.Qsip) })),
          },
        ];
        const ctx = await contextFor(tx, province, subject, sites);
        const out: Finding[] = [];
        if (!(await passwordMatches(tx, s.id, r.ICPmm)))
          out.push(finding('FILING_PASSWORD_WRONG', 'ICPmm', '备案密码错误'));
        out.push(...reviewBlacklist(subject, [], ctx));
        out.push(...reviewCertificates(subject, ctx));
        out.push(...reviewServers(sites, ctx));
        return out;
      }
      case 'BGBA': {
        const r = JSON.parse(sub.record) as BgbaRecord;
        const s = await subjectById(tx, r.Zt_xx.Ztid);
        if (!s) return [finding('SUBJECT_NOT_FOUND', 'Zt_xx', '主体信息不存在', 1058)];
        const before = JSON.parse(s.data) as SubjectData;
        const after = r.Zt_xx as unknown as SubjectData;
        const out: Finding[] = [];
        if (provinceOfShengid(after.Txdz.Shengid) !== s.province)
          out.push(
            finding(
              'PROVINCE_CHANGE_NOT_ALLOWED',
              'Zt_xx.Txdz.Shengid',
              '变更备案时不能改变主体所在省，请先注销后重新备案',
              1046,
            ),
          );
        if ((after.Dwxz === 5) !== (s.nature === 5))
          out.push(
            finding(
              'SUBJECT_TYPE_CHANGE_NOT_ALLOWED',
              'Zt_xx.Dwxz',
              '个人与单位主体之间不能变更，请注销后重新备案',
              1014,
            ),
          );
        const rules = rulesFor(s.province as Province);
        if (
          after.Dwmc.trim() !== s.name &&
          after.Zj.Zjhm.trim().toUpperCase() !== s.cert_number &&
          !rules.subjectReplaceAllowed
        )
          out.push(finding('SUBJECT_CERT_CHANGE_NOT_ALLOWED', 'Zt_xx.Zj.Zjhm', '主体名称与证件号码不能同时变更'));
        // new domains are judged like those of a new website; the rest of the record was filed already
        const newSites: ReviewWebsite[] = [];
        for (const [i, w] of r.Wz_xx.entries()) {
          const known = new Set(
            (
              await tx
                .selectFrom('sim_domains')
                .select('ym')
                .where('website_id', '=', w.Wzid)
                .where('status', '=', FILED)
                .execute()
            ).map((d) => d.ym),
          );
          newSites.push({
            path: `Wz_xx[${i}]`,
            name: w.Wzmc,
            domains: w.Ym_xx.flatMap((y, j) =>
              known.has(y.Ym) ? [] : [{ path: `Wz_xx[${i}].Ym_xx[${j}].Ym`, ym: y.Ym, domain: safeRegistrable(y.Ym) }],
            ),
            ips: w.Jr_xx.flatMap((j, a) =>
              j.Ip_xx.map((ip, k) => ({ path: `Wz_xx[${i}].Jr_xx[${a}].Ip_xx[${k}]`, ip: longToIp(ip.Qsip) })),
            ),
          });
        }
        const subject = reviewSubjectOf(after);
        const ctx = await contextFor(tx, s.province as Province, subject, newSites);
        out.push(...(await filedDomainFindings(tx, newSites, s.id)));
        out.push(...reviewBlacklist(before.Zj.Zjhm === after.Zj.Zjhm ? null : subject, newSites, ctx));
        out.push(...reviewDomains(subject, newSites, ctx, { newWebsites: false }));
        out.push(...reviewCertificates(subject, ctx));
        out.push(...reviewServers(newSites, ctx));
        return out;
      }
      case 'ZXBA': {
        const r = JSON.parse(sub.record) as ZxbaRecord;
        if (r.Zxlb === 0 && !(await passwordMatches(tx, r.Jlid, r.ICPmm)))
          return [finding('FILING_PASSWORD_WRONG', 'ICPmm', '注销主体需提供正确的备案密码')];
        return [];
      }
    }
  }

  interface DecisionOutput {
    basj: DownloadData_ICP_BASJ_Baxx[];
    zxsj: DownloadData_ICP_ZXSJ_Zxxx[];
    /** Cancellations other providers with access must hear about. */
    others: Map<number, DownloadData_ICP_ZXSJ_Zxxx[]>;
  }

  /** Applies an approved record to the bureau's records (R-BUR-003/004/014/017/021). */
  async function apply(tx: Tx, sub: SubmissionRow, out: DecisionOutput): Promise<void> {
    const t = now();
    const day = today();
    const isp = sub.isp_id;
    switch (sub.op as Op) {
      case 'XZBA': {
        const r = JSON.parse(sub.record) as XzbaRecord;
        const province = sub.province as Province;
        const z = r.Zt_xx;
        const subjectId = await nextSeq(tx, 'ztid', 88_000_001);
        const number = await allocateNumber(tx, province);
        const password = newPassword();
        const data: SubjectData = {
          Dwmc: z.Dwmc,
          Dwxz: z.Dwxz,
          Tzr: z.Tzr,
          Txdz: z.Txdz,
          Zj: z.Zj,
          Fzr: z.Fzr,
          Bbfs: z.Bbfs,
        };
        await tx
          .insertInto('sim_subjects')
          .values({
            id: subjectId,
            filing_number: number,
            province,
            name: z.Dwmc.trim(),
            nature: z.Dwxz ?? 5,
            cert_code: z.Zj.Zjlx,
            cert_number: z.Zj.Zjhm.trim().toUpperCase(),
            data: JSON.stringify(data),
            password,
            first_isp: isp,
            isp_ztid: z.IspZtid,
            next_suffix: 1,
            status: FILED,
            approved_on: day,
            updated_on: day,
            cancelled_on: null,
            cancel_reason: null,
          })
          .execute();
        const ids = await addWebsites(tx, subjectId, number, r.Wz_xx, isp, 1);
        const subjectRow = { id: subjectId, data: JSON.stringify(data) };
        // R-BUR-004: the first filing of a subject gets its one password, sent by SMS and email
        await notify(
          tx,
          subjectRow,
          'PASSWORD',
          `【工信部ICP备案】您的主体备案号为${number}，备案密码为${password}，请妥善保管。`,
        );
        await notify(tx, subjectRow, 'APPROVED', `【工信部ICP备案】您的备案申请已审核通过，主体备案号${number}。`);
        const b = await basj(tx, subjectId, isp, ids);
        if (b) out.basj.push(b);
        break;
      }
      case 'XZWZ': {
        const r = JSON.parse(sub.record) as XzwzRecord;
        const s =
          r.Zt_xx.Ztbah !== undefined ? await subjectByNumber(tx, r.Zt_xx.Ztbah) : await subjectById(tx, r.Zt_xx.Ztid!);
        if (!s) return;
        const ids = await addWebsites(tx, s.id, s.filing_number, r.Wz_xx, isp, s.next_suffix);
        await tx.updateTable('sim_subjects').set({ updated_on: day }).where('id', '=', s.id).execute();
        await notify(tx, s, 'APPROVED', `【工信部ICP备案】您的新增网站申请已审核通过（${s.filing_number}）。`);
        const b = await basj(tx, s.id, isp, ids);
        if (b) out.basj.push(b);
        break;
      }
      case 'XZJR': {
        const r = JSON.parse(sub.record) as XzjrRecord;
        const w =
          r.Wz_xx.Wzbah !== undefined ? await websiteByNumber(tx, r.Wz_xx.Wzbah) : await websiteById(tx, r.Wz_xx.Wzid!);
        if (!w) return;
        const data: AccessData = {
          Wzfb: r.Wzfb,
          Wzjrfs: r.Wzjrfs,
          Ip_xx: r.Ip_xx.map((ip) => ({ Qsip: ip.Qsip, Zzip: ip.Zzip })),
        };
        await tx
          .insertInto('sim_access')
          .values({
            id: await nextSeq(tx, 'jrid', 88_300_001),
            website_id: w.id,
            isp_id: isp,
            isp_jrid: r.IspJrid,
            data: JSON.stringify(data),
            status: ACTIVE,
            created_at: t,
            removed_at: null,
          })
          .execute();
        // a shell that gains an access record is no longer a shell (R-BUR-017)
        await tx
          .updateTable('sim_websites')
          .set({ status: FILED, shell_since: null, updated_on: day })
          .where('id', '=', w.id)
          .execute();
        const s = (await subjectById(tx, w.subject_id))!;
        await notify(tx, s, 'APPROVED', `【工信部ICP备案】网站${w.filing_number}的接入备案已审核通过。`);
        const b = await basj(tx, s.id, isp, [w.id]);
        if (b) out.basj.push(b);
        break;
      }
      case 'BGBA': {
        const r = JSON.parse(sub.record) as BgbaRecord;
        const s = await subjectById(tx, r.Zt_xx.Ztid);
        if (!s) return;
        const z = r.Zt_xx;
        const before = JSON.parse(s.data) as SubjectData;
        const data: SubjectData = {
          Dwmc: z.Dwmc,
          Dwxz: z.Dwxz,
          Tzr: z.Tzr,
          Txdz: z.Txdz,
          Zj: z.Zj,
          Fzr: z.Fzr,
          Bbfs: before.Bbfs,
        };
        await tx
          .updateTable('sim_subjects')
          .set({
            name: z.Dwmc.trim(),
            nature: z.Dwxz ?? s.nature,
            cert_code: z.Zj.Zjlx,
            cert_number: z.Zj.Zjhm.trim().toUpperCase(),
            data: JSON.stringify(data),
            updated_on: day,
          })
          .where('id', '=', s.id)
          .execute();
        for (const w of r.Wz_xx) {
          const wd = websiteData(w);
          await tx
            .updateTable('sim_websites')
            .set({ name: w.Wzmc.trim(), data: JSON.stringify(wd), updated_on: day })
            .where('id', '=', w.Wzid)
            .execute();
          const current = await tx
            .selectFrom('sim_domains')
            .selectAll()
            .where('website_id', '=', w.Wzid)
            .where('status', '=', FILED)
            .execute();
          const wanted = new Set(w.Ym_xx.map((y) => y.Ym.trim().toLowerCase()));
          for (const d of current)
            if (!wanted.has(d.ym))
              await tx.updateTable('sim_domains').set({ status: 'REMOVED' }).where('id', '=', d.id).execute();
          const have = new Set(current.map((d) => d.ym));
          for (const ym of wanted) if (!have.has(ym)) await addDomain(tx, w.Wzid, ym);
          for (const j of w.Jr_xx) {
            const a = await tx.selectFrom('sim_access').selectAll().where('id', '=', j.Jrid).executeTakeFirst();
            if (!a || a.isp_id !== isp) continue;
            const ad: AccessData = {
              Wzfb: j.Wzfb,
              Wzjrfs: j.Wzjrfs,
              Ip_xx: j.Ip_xx.map((ip) => ({ Qsip: ip.Qsip, Zzip: ip.Zzip })),
            };
            await tx
              .updateTable('sim_access')
              .set({ data: JSON.stringify(ad) })
              .where('id', '=', a.id)
              .execute();
          }
        }
        await notify(
          tx,
          { id: s.id, data: JSON.stringify(data) },
          'APPROVED',
          `【工信部ICP备案】您的变更备案申请已审核通过（${s.filing_number}）。`,
        );
        const b = await basj(tx, s.id, isp);
        if (b) out.basj.push(b);
        break;
      }
      case 'ZXBA': {
        const r = JSON.parse(sub.record) as ZxbaRecord;
        if (r.Zxlb === 0) await cancelSubject(tx, r.Jlid, 'SUBJECT_REQUEST', out, isp);
        else if (r.Zxlb === 1) await cancelWebsite(tx, r.Jlid, 'SUBJECT_REQUEST', out, isp);
        else {
          const a = await tx.selectFrom('sim_access').selectAll().where('id', '=', r.Jlid).executeTakeFirst();
          if (!a) return;
          await tx.updateTable('sim_access').set({ status: 'REMOVED', removed_at: t }).where('id', '=', a.id).execute();
          const left = await activeAccess(tx, a.website_id);
          const w = (await websiteById(tx, a.website_id))!;
          if (left.length === 0) {
            // R-BUR-017: no access provider left, the website is a shell from now on
            await tx
              .updateTable('sim_websites')
              .set({ status: SHELL, shell_since: t, updated_on: day })
              .where('id', '=', w.id)
              .execute();
          } else {
            const b = await basj(tx, w.subject_id, isp, [w.id]);
            if (b) out.basj.push(b);
          }
          const s = (await subjectById(tx, w.subject_id))!;
          await notify(
            tx,
            s,
            'ACCESS_CANCELLED',
            `【工信部ICP备案】网站${w.filing_number}已取消接入${left.length === 0 ? '，该网站已无接入服务商，请尽快办理接入，否则将被注销' : ''}。`,
          );
        }
        break;
      }
    }
  }

  async function addDomain(tx: Tx, websiteId: number, ym: string) {
    const host = ym.trim().toLowerCase();
    await tx
      .insertInto('sim_domains')
      .values({
        id: await nextSeq(tx, 'ymid', 88_200_001),
        website_id: websiteId,
        domain: safeRegistrable(host) ?? host,
        ym: host,
        status: FILED,
      })
      .execute();
  }

  /** R-BUR-003: website numbers are the subject number with the next unused suffix. */
  async function addWebsites(
    tx: Tx,
    subjectId: number,
    subjectNumber: string,
    sites: readonly (XzbaRecord['Wz_xx'][number] | XzwzRecord['Wz_xx'][number])[],
    isp: number,
    firstSuffix: number,
  ): Promise<number[]> {
    const ids: number[] = [];
    let suffix = firstSuffix;
    const day = today();
    for (const w of sites) {
      const id = await nextSeq(tx, 'wzid', 88_100_001);
      const wd = websiteData(w);
      await tx
        .insertInto('sim_websites')
        .values({
          id,
          subject_id: subjectId,
          suffix,
          filing_number: `${subjectNumber}-${suffix}`,
          name: w.Wzmc.trim(),
          data: JSON.stringify(wd),
          isp_wzid: w.IspWzid,
          creator_isp: isp,
          status: FILED,
          shell_since: null,
          approved_on: day,
          updated_on: day,
          cancelled_on: null,
          cancel_reason: null,
        })
        .execute();
      for (const y of w.Ym_xx) await addDomain(tx, id, y.Ym);
      for (const j of w.Jr_xx) {
        const ad: AccessData = {
          Wzfb: j.Wzfb,
          Wzjrfs: j.Wzjrfs,
          Ip_xx: j.Ip_xx.map((ip) => ({ Qsip: ip.Qsip, Zzip: ip.Zzip })),
        };
        await tx
          .insertInto('sim_access')
          .values({
            id: await nextSeq(tx, 'jrid', 88_300_001),
            website_id: id,
            isp_id: isp,
            isp_jrid: j.IspJrid,
            data: JSON.stringify(ad),
            status: ACTIVE,
            created_at: now(),
            removed_at: null,
          })
          .execute();
      }
      ids.push(id);
      suffix++;
    }
    await tx.updateTable('sim_subjects').set({ next_suffix: suffix }).where('id', '=', subjectId).execute();
    return ids;
  }

  /** Every provider that has (or had) an access record on the websites: they must hear of the cancellation. */
  async function providersOf(tx: Tx, websiteIds: number[]): Promise<number[]> {
    if (websiteIds.length === 0) return [];
    const rows = await tx
      .selectFrom('sim_access')
      .select('isp_id')
      .distinct()
      .where('website_id', 'in', websiteIds)
      .execute();
    return rows.map((r) => Number(r.isp_id));
  }

  function tellOthers(out: DecisionOutput, isps: number[], skip: number | null, rec: DownloadData_ICP_ZXSJ_Zxxx) {
    for (const isp of isps) {
      if (isp === skip) continue;
      out.others.set(isp, [...(out.others.get(isp) ?? []), rec]);
    }
  }

  async function cancelWebsiteRows(tx: Tx, ids: number[], reason: string) {
    if (ids.length === 0) return;
    const day = today();
    await tx
      .updateTable('sim_websites')
      .set({ status: CANCELLED, cancelled_on: day, cancel_reason: reason, shell_since: null })
      .where('id', 'in', ids)
      .execute();
    await tx
      .updateTable('sim_domains')
      .set({ status: CANCELLED })
      .where('website_id', 'in', ids)
      .where('status', '=', FILED)
      .execute();
    await tx
      .updateTable('sim_access')
      .set({ status: 'REMOVED', removed_at: now() })
      .where('website_id', 'in', ids)
      .where('status', '=', ACTIVE)
      .execute();
  }

  /** R-CHG-011 / R-BUR-016: the subject and all its websites, across every provider. Numbers are never reissued. */
  async function cancelSubject(
    tx: Tx,
    subjectId: number,
    reason: string,
    out: DecisionOutput,
    requester: number | null,
  ) {
    const s = await subjectById(tx, subjectId);
    if (!s || s.status === CANCELLED) return;
    const sites = await liveWebsites(tx, subjectId);
    const isps = await providersOf(
      tx,
      sites.map((w) => w.id),
    );
    await cancelWebsiteRows(
      tx,
      sites.map((w) => w.id),
      reason,
    );
    await tx
      .updateTable('sim_subjects')
      .set({ status: CANCELLED, cancelled_on: today(), cancel_reason: reason })
      .where('id', '=', subjectId)
      .execute();
    const rec: DownloadData_ICP_ZXSJ_Zxxx = { Zxlb: 0, Jlid: subjectId, Bz: reason };
    if (requester !== null) out.zxsj.push(rec);
    tellOthers(out, isps, requester, rec);
    await notify(tx, s, 'CANCELLED', `【工信部ICP备案】主体${s.filing_number}及其全部网站已注销（${reason}）。`);
  }

  /** R-CHG-013 / R-BUR-019: one website; the subject goes too when it was its last website. */
  async function cancelWebsite(
    tx: Tx,
    websiteId: number,
    reason: string,
    out: DecisionOutput,
    requester: number | null,
  ) {
    const w = await websiteById(tx, websiteId);
    if (!w || w.status === CANCELLED) return;
    const isps = await providersOf(tx, [w.id]);
    await cancelWebsiteRows(tx, [w.id], reason);
    const rec: DownloadData_ICP_ZXSJ_Zxxx = { Zxlb: 1, Jlid: w.id, Bz: reason };
    if (requester !== null) out.zxsj.push(rec);
    tellOthers(out, isps, requester, rec);
    const s = (await subjectById(tx, w.subject_id))!;
    await notify(tx, s, 'CANCELLED', `【工信部ICP备案】网站${w.filing_number}已注销（${reason}）。`);
    if ((await liveWebsites(tx, s.id)).length === 0) {
      await tx
        .updateTable('sim_subjects')
        .set({ status: CANCELLED, cancelled_on: today(), cancel_reason: reason })
        .where('id', '=', s.id)
        .execute();
      const srec: DownloadData_ICP_ZXSJ_Zxxx = { Zxlb: 0, Jlid: s.id, Bz: reason };
      if (requester !== null) out.zxsj.push(srec);
      tellOthers(out, isps, requester, srec);
    }
  }

  async function flushOthers(tx: Tx, out: DecisionOutput) {
    for (const [isp, recs] of out.others) await publish(tx, isp, { ICP: { ZXSJ: { Zxxx: recs } } });
  }

  /**
   * Decides every pending record of one upload together (one file is one application): approved only if no record
   * has a finding. `reject` forces a rejection with the given finding (the "reject with a code" control).
   */
  async function decideUpload(
    tx: Tx,
    uploadId: string,
    o: { intakeOnly?: boolean; reject?: Finding } = {},
  ): Promise<'APPROVED' | 'REJECTED' | null> {
    const subs = await tx
      .selectFrom('sim_submissions')
      .selectAll()
      .where('upload_id', '=', uploadId)
      .where('state', '=', PENDING)
      .orderBy('record_index')
      .execute();
    if (subs.length === 0) return null;
    const isp = Number(subs[0]!.isp_id);
    const findings = new Map<string, Finding[]>();
    for (const s of subs) {
      const intake = s.findings ? (JSON.parse(s.findings) as Finding[]) : [];
      findings.set(s.id, o.reject ? [o.reject] : intake.length || o.intakeOnly ? intake : await review(tx, s));
    }
    const approved = [...findings.values()].every((f) => f.length === 0);
    const out: DecisionOutput = { basj: [], zxsj: [], others: new Map() };
    if (approved) for (const s of subs) await apply(tx, s, out);
    const day = today();
    const jg: DownloadData_ICP_BAJG_Jg_xx[] = subs.map((s) => {
      const f = findings.get(s.id)!;
      const jgxx = approved
        ? [{ Jgdm: 1001, Dmms: resultCodeInfo(1001).text.zh }]
        : f.length
          ? f.map((x) => ({ Jgdm: x.code, Dmms: formatFinding(x.reason, x.path, x.text) }))
          : [{ Jgdm: 1002, Dmms: formatFinding(RELATED_RECORD_REJECTED, undefined, '同一申请中的其他记录未通过审核') }];
      return { Jgxx: jgxx, Czlx: s.czlx, Bs: s.bs };
    });
    const opinions = subs.map((s) => {
      const f = findings.get(s.id)!;
      return {
        Shrxm: '模拟管局审核员',
        Shsj: day,
        Shyj: approved ? '同意' : f.map((x) => x.text).join('；') || '同一申请中的其他记录未通过审核',
        Shjg: approved ? ReviewDecision.APPROVED : ReviewDecision.REJECTED,
        Czlx: s.czlx,
        Jlid: s.gj_jlid,
      };
    });
    const icp: DownloadData_ICP = { BAJG: { Jg_xx: jg, GJSHS: { Gjsh: opinions } } };
    if (out.basj.length) icp.BASJ = { Baxx: out.basj };
    if (out.zxsj.length) icp.ZXSJ = { Zxxx: out.zxsj };
    await publish(tx, isp, { ICP: icp });
    await flushOthers(tx, out);
    for (const s of subs)
      await tx
        .updateTable('sim_submissions')
        .set({
          state: approved ? 'APPROVED' : 'REJECTED',
          findings: JSON.stringify(findings.get(s.id)),
          decided_at: now(),
        })
        .where('id', '=', s.id)
        .execute();
    await tx.deleteFrom('sim_inflight').where('upload_id', '=', uploadId).execute();
    if (!approved) await notifyRejection(tx, subs, findings);
    return approved ? 'APPROVED' : 'REJECTED';
  }

  async function notifyRejection(tx: Tx, subs: SubmissionRow[], findings: Map<string, Finding[]>) {
    const first = subs[0]!;
    const texts = subs.flatMap((s) => findings.get(s.id)!.map((f) => f.text)).join('；');
    let principal: { id: number | null; data: string } | undefined;
    if (first.op === 'XZBA') {
      const z = (JSON.parse(first.record) as XzbaRecord).Zt_xx;
      principal = { id: null, data: JSON.stringify({ Fzr: z.Fzr }) };
    } else {
      const subjectId = await subjectOfSubmission(tx, first);
      const s = subjectId ? await subjectById(tx, subjectId) : undefined;
      if (s) principal = s;
    }
    if (principal) await notify(tx, principal, 'REJECTED', `【工信部ICP备案】您的备案申请未通过审核：${texts}`);
  }

  async function subjectOfSubmission(tx: Tx, s: SubmissionRow): Promise<number | undefined> {
    const r = JSON.parse(s.record);
    switch (s.op as Op) {
      case 'XZWZ':
        return (r.Zt_xx.Ztbah ? await subjectByNumber(tx, r.Zt_xx.Ztbah) : await subjectById(tx, r.Zt_xx.Ztid))?.id;
      case 'XZJR': {
        const w = r.Wz_xx.Wzbah ? await websiteByNumber(tx, r.Wz_xx.Wzbah) : await websiteById(tx, r.Wz_xx.Wzid);
        return w?.subject_id;
      }
      case 'BGBA':
        return r.Zt_xx.Ztid;
      case 'ZXBA': {
        if (r.Zxlb === 0) return r.Jlid;
        const wid =
          r.Zxlb === 1
            ? r.Jlid
            : (await tx.selectFrom('sim_access').select('website_id').where('id', '=', r.Jlid).executeTakeFirst())
                ?.website_id;
        return wid ? (await websiteById(tx, wid))?.subject_id : undefined;
      }
      default:
        return undefined;
    }
  }

  /** The uploads of the selected submissions, in the order they arrived (the first of two conflicting ones wins). */
  function inArrivalOrder<Q extends SelectQueryBuilder<DB & SimTables, 'sim_submissions', object>>(q: Q) {
    return q
      .innerJoin('sim_uploads', 'sim_uploads.id', 'sim_submissions.upload_id')
      .select([
        'sim_submissions.upload_id',
        'sim_uploads.received_at',
        'sim_uploads.isp_id',
        'sim_uploads.data_sequence',
      ])
      .distinct()
      .orderBy('sim_uploads.received_at')
      .orderBy('sim_uploads.isp_id')
      .orderBy('sim_uploads.data_sequence');
  }

  // -------------------------------------------------------------------------------------------------------------
  // The clock: decisions that fall due, shells past their grace period, mailed retrievals answered.

  let ticking: Promise<void> | null = null;
  async function tick(): Promise<void> {
    ticking ??= runTick().finally(() => {
      ticking = null;
    });
    return ticking;
  }

  async function runTick(): Promise<void> {
    const day = today();
    // in the order the applications arrived (the first of two conflicting ones wins)
    const due = await inArrivalOrder(
      db
        .selectFrom('sim_submissions')
        .where('sim_submissions.state', '=', PENDING)
        .where('sim_submissions.decide_on', '<=', day),
    ).execute();
    for (const d of due) await db.transaction().execute((tx) => decideUpload(tx, d.upload_id));
    const graceMs = settings.shellGraceDays * 86_400_000;
    const shells = await db
      .selectFrom('sim_websites')
      .select('id')
      .where('status', '=', SHELL)
      .where('shell_since', '<=', now() - graceMs)
      .execute();
    for (const w of shells)
      await db.transaction().execute(async (tx) => {
        const out: DecisionOutput = { basj: [], zxsj: [], others: new Map() };
        await cancelWebsite(tx, w.id, 'SHELL_NO_ACCESS', out, null);
        await flushOthers(tx, out);
      });
    const retrievals = await db
      .selectFrom('sim_requests')
      .selectAll()
      .where('kind', '=', 'OFFLINE_RETRIEVAL')
      .where('state', '=', PENDING)
      .where('due_on', '<=', day)
      .execute();
    for (const r of retrievals)
      await db.transaction().execute(async (tx) => {
        const data = JSON.parse(r.data) as { subjectId: number; contactPhone: string };
        const s = await subjectById(tx, data.subjectId);
        if (s && s.status !== CANCELLED) {
          await tx
            .insertInto('sim_outbox')
            .values({
              id: await nextSeq(tx, 'outbox'),
              at: now(),
              channel: 'PHONE',
              recipient: data.contactPhone,
              kind: 'RETRIEVAL_CALL',
              subject_id: s.id,
              text: '管局来电：您邮寄的找回备案密码申请已核实，备案密码已发送至主体负责人手机和邮箱。',
            })
            .execute();
          await notify(
            tx,
            s,
            'PASSWORD',
            `【工信部ICP备案】您的主体备案号为${s.filing_number}，备案密码为${s.password}。`,
          );
        }
        await tx.updateTable('sim_requests').set({ state: 'DONE', done_at: now() }).where('id', '=', r.id).execute();
      });
  }

  // -------------------------------------------------------------------------------------------------------------
  // The MIIT interface.

  const miit: MiitServiceImpl = {
    account(ispId: number, userName: string): MiitAccount | undefined {
      const p = providers.get(ispId);
      if (!p || p.userName !== userName) return undefined;
      return { password: p.password, aes: p.aes, encryptDownloads: p.encryptDownloads };
    },
    upload,
    async download(ctx: MiitCallContext): Promise<MiitDownloadAnswer> {
      await tick();
      const rows = await db
        .selectFrom('sim_downloads')
        .select(['file_name', 'data'])
        .where('isp_id', '=', ctx.ispId)
        .where('acked_at', 'is', null)
        .where('available_at', '<=', now())
        .orderBy('id')
        .limit(2)
        .execute();
      const first = rows[0];
      if (!first) return { msgCode: 2 };
      return { msgCode: rows.length > 1 ? 3 : 0, file: { fileName: first.file_name, data: JSON.parse(first.data) } };
    },
    async ack(ctx: MiitCallContext, fileName: string): Promise<MiitAnswer> {
      const row = await db
        .selectFrom('sim_downloads')
        .select(['id', 'acked_at'])
        .where('isp_id', '=', ctx.ispId)
        .where('file_name', '=', fileName)
        .executeTakeFirst();
      if (!row) return { msgCode: 999, msg: `文件${fileName}不存在` };
      if (row.acked_at === null)
        await db.updateTable('sim_downloads').set({ acked_at: now() }).where('id', '=', row.id).execute();
      return { msgCode: 0 };
    },
    async queryPreviousUpload(ctx: MiitCallContext): Promise<MiitPreviousUpload> {
      const last = await db
        .selectFrom('sim_uploads')
        .selectAll()
        .where('isp_id', '=', ctx.ispId)
        .orderBy('data_sequence', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!last) return { dataSequence: 0 };
      return { dataSequence: last.data_sequence, fileName: last.file_name, received: JSON.parse(last.received) };
    },
    async queryFilingStatus(
      _ctx: MiitCallContext,
      conditionType: number,
      condition: string,
    ): Promise<MiitStatusAnswer> {
      await tick();
      const c = condition.trim();
      if (conditionType === 0) {
        const d = safeRegistrable(c);
        const f = d ? await filedDomain(db, d) : undefined;
        return f
          ? {
              msgCode: 0,
              status: {
                Cxtjlx: 0,
                Cxtj: c,
                Wzmc: f.website_name,
                Ztbah: f.subject_number,
                Wzbah: f.website_number,
                Bazt: String(FilingState.FILED),
              },
            }
          : { msgCode: 0, status: { Cxtjlx: 0, Cxtj: c, Bazt: String(FilingState.NOT_FILED) } };
      }
      const subjects = await db
        .selectFrom('sim_subjects')
        .selectAll()
        .where('cert_number', '=', c.toUpperCase())
        .where('status', '=', FILED)
        .execute();
      const s = subjects.find((x) => queryConditionOfZjlx(x.cert_code) === conditionType);
      return s
        ? {
            msgCode: 0,
            status: { Cxtjlx: conditionType, Cxtj: c, Ztbah: s.filing_number, Bazt: String(FilingState.FILED) },
          }
        : { msgCode: 0, status: { Cxtjlx: conditionType, Cxtj: c, Bazt: String(FilingState.NOT_FILED) } };
    },
    async verifyFilingPassword(
      _ctx: MiitCallContext,
      filingNumber: string,
      password: string,
    ): Promise<MiitVerifyAnswer> {
      const s = await subjectForNumber(db, filingNumber);
      const key = `verify:${filingNumber.trim()}:${today()}`;
      const failures = Number((await meta(db, key)) ?? 0);
      if (failures >= settings.verifyAttemptsPerDay) return { msgCode: 22 };
      const ok = !!s && s.status !== CANCELLED && s.password === password;
      if (!ok) await setMeta(db, key, String(failures + 1));
      return { msgCode: 0, matches: ok };
    },
  };

  /** A subject number, or a website number (`…号-n`) standing for its subject. */
  async function subjectForNumber(tx: Tx, number: string) {
    const n = number.trim();
    const s = await subjectByNumber(tx, n);
    if (s) return s;
    const w = await websiteByNumber(tx, n);
    return w ? subjectById(tx, w.subject_id) : undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // The portal (beian.miit.gov.cn): public query, suffixes, passwords, third-party requests.

  async function publicQuery(q: { domain?: string; number?: string; subject?: string; cert?: string }) {
    await tick();
    let websites: { id: number; subject_id: number }[] = [];
    if (q.domain) {
      const d = safeRegistrable(q.domain);
      const f = d ? await filedDomain(db, d) : undefined;
      if (f) websites = [{ id: f.website_id, subject_id: f.subject_id }];
    } else if (q.number) {
      const n = q.number.trim();
      const w = await websiteByNumber(db, n);
      if (w && w.status !== CANCELLED) websites = [w];
      else {
        const s = await subjectByNumber(db, n);
        if (s && s.status !== CANCELLED) websites = await liveWebsites(db, s.id);
      }
    } else if (q.subject || q.cert) {
      let sq = db.selectFrom('sim_subjects').select('id').where('status', '=', FILED);
      sq = q.subject
        ? sq.where('name', '=', q.subject.trim())
        : sq.where('cert_number', '=', q.cert!.trim().toUpperCase());
      for (const s of await sq.execute()) websites.push(...(await liveWebsites(db, s.id)));
    }
    const out = [];
    for (const w of websites) {
      const site = await websiteById(db, w.id);
      const s = await subjectById(db, w.subject_id);
      if (!site || !s || site.status === CANCELLED || s.status === CANCELLED) continue;
      const domains = await db
        .selectFrom('sim_domains')
        .select('ym')
        .where('website_id', '=', site.id)
        .where('status', '=', FILED)
        .orderBy('id')
        .execute();
      out.push({
        subjectName: s.name,
        subjectType: subjectTypeOfNature(s.nature),
        subjectFilingNumber: s.filing_number,
        websiteName: site.name,
        websiteFilingNumber: site.filing_number,
        domains: domains.map((d) => d.ym),
        approvedOn: site.approved_on,
      });
    }
    return out;
  }

  async function matchRetrieval(input: {
    province: string;
    filingNumber: string;
    certificateType: string;
    certificateNumber: string;
  }) {
    const s = await subjectByNumber(db, input.filingNumber);
    const code = CERTIFICATE_CODES[input.certificateType as CertificateType];
    const ok =
      s &&
      s.status === FILED &&
      s.province === input.province &&
      s.cert_code === code &&
      s.cert_number === input.certificateNumber.trim().toUpperCase();
    // R-BUR-007: one generic answer that does not reveal which field is wrong
    if (!ok)
      throw new SimError(
        'RETRIEVAL_DATA_MISMATCH',
        '您输入的信息有误，请核实后重新输入',
        'The data entered do not match a filed subject',
      );
    return s;
  }

  /**
   * The filed record behind a filing number, for the subject's own filing password only (R-ORD-032a, R-SUB-029): what
   * the portal shows a subject signed in with its number and password, and what an access order copies read-only.
   */
  async function record(input: { filingNumber: string; password: string }) {
    await tick();
    const s = await subjectForNumber(db, input.filingNumber);
    if (!s || s.status === CANCELLED || s.password !== input.password)
      throw new SimError('FILING_PASSWORD_WRONG', '备案号或备案密码错误', 'Wrong filing number or password', 422);
    const websites = [];
    for (const w of await liveWebsites(db, s.id)) {
      const domains = await db
        .selectFrom('sim_domains')
        .select('ym')
        .where('website_id', '=', w.id)
        .where('status', '=', FILED)
        .orderBy('id')
        .execute();
      websites.push({
        filingNumber: w.filing_number,
        name: w.name,
        domains: domains.map((d) => d.ym),
        data: JSON.parse(w.data) as WebsiteData,
        accessProviders: (await activeAccess(db, w.id)).map((a) => Number(a.isp_id)),
      });
    }
    return {
      subject: {
        filingNumber: s.filing_number,
        province: s.province,
        name: s.name,
        nature: s.nature,
        data: JSON.parse(s.data) as SubjectData,
      },
      websites,
    };
  }

  /**
   * Applications in flight at the bureau, from any provider (R-ORD-008/009): the same index the intake checks, so a
   * provider's verify step can refuse what the bureau would refuse at once (1003/1005).
   */
  async function inFlight(q: { cert?: string; domains: string[] }) {
    await tick();
    const busy = async (kind: 'CERT' | 'DOMAIN', value: string) =>
      !!(await db
        .selectFrom('sim_inflight')
        .select('submission_id')
        .where('kind', '=', kind)
        .where('value', '=', value)
        .executeTakeFirst());
    const domains: string[] = [];
    for (const raw of q.domains) {
      const d = safeRegistrable(raw) ?? raw.trim().toLowerCase();
      if (await busy('DOMAIN', d)) domains.push(d);
    }
    return { subject: q.cert ? await busy('CERT', q.cert.trim().toUpperCase()) : false, domains };
  }

  const portal = {
    publicQuery,
    record,
    inFlight,
    suffixes: () => [...suffixList],
    async changePassword(input: { filingNumber: string; oldPassword: string; newPassword: string }) {
      if (!/^[\x21-\x7e]{6,32}$/.test(input.newPassword))
        throw new SimError(
          'PASSWORD_INVALID',
          '新密码需为6~32位可见字符',
          'The new password must be 6–32 visible characters',
        );
      await db.transaction().execute(async (tx) => {
        const s = await subjectForNumber(tx, input.filingNumber);
        if (!s || s.status === CANCELLED || s.password !== input.oldPassword)
          throw new SimError('FILING_PASSWORD_WRONG', '备案密码错误', 'Wrong filing password');
        await tx.updateTable('sim_subjects').set({ password: input.newPassword }).where('id', '=', s.id).execute();
        await notify(tx, s, 'PASSWORD_CHANGED', `【工信部ICP备案】主体${s.filing_number}的备案密码已修改。`);
      });
    },
    async retrievePassword(input: {
      province: string;
      filingNumber: string;
      certificateType: string;
      certificateNumber: string;
    }) {
      const s = await matchRetrieval(input);
      await db
        .transaction()
        .execute((tx) =>
          notify(tx, s, 'PASSWORD', `【工信部ICP备案】您的主体备案号为${s.filing_number}，备案密码为${s.password}。`),
        );
    },
    async offlineRetrieval(input: {
      province: string;
      filingNumber: string;
      certificateType: string;
      certificateNumber: string;
      contactPhone: string;
    }) {
      const province = input.province as Province;
      if (!provinceTable[province]) throw new SimError('PROVINCE_INVALID', '省份无效', 'Unknown province', 400);
      if (rulesFor(province).passwordOnlineOnly)
        throw new SimError(
          'ONLINE_RETRIEVAL_ONLY',
          `${province}用户仅能通过工信部网站线上找回密码`,
          'This province accepts online retrieval only',
        );
      const s = await matchRetrieval(input);
      const id = randomUUID();
      const dueOn = calendar.addWorkingDays(today(), settings.offlineRetrievalWorkingDays);
      await db
        .insertInto('sim_requests')
        .values({
          id,
          kind: 'OFFLINE_RETRIEVAL',
          data: JSON.stringify({ subjectId: s.id, contactPhone: input.contactPhone }),
          state: PENDING,
          created_at: now(),
          due_on: dueOn,
          done_at: null,
        })
        .execute();
      return { requestId: id, dueOn };
    },
    async thirdPartyCancellation(input: { domain: string; requesterName: string; explanation: string }) {
      const d = safeRegistrable(input.domain);
      const f = d ? await filedDomain(db, d) : undefined;
      if (!f) throw new SimError('NOT_FILED', '该域名没有备案记录', 'The domain has no filing', 404);
      const id = randomUUID();
      await db
        .insertInto('sim_requests')
        .values({
          id,
          kind: 'THIRD_PARTY_CANCEL',
          data: JSON.stringify({ ...input, domain: d, websiteId: f.website_id }),
          state: PENDING,
          created_at: now(),
          due_on: null,
          done_at: null,
        })
        .execute();
      if (settings.thirdPartyApproval === 'AUTO') await controls.approveRequest(id);
      return { requestId: id };
    },
  };

  // -------------------------------------------------------------------------------------------------------------
  // Controls (token-protected on the HTTP side).

  const controls = {
    settings: () => ({ ...settings }),
    async updateSettings(patch: Partial<SimSettings>) {
      settings = { ...settings, ...patch };
      await setMeta(db, 'settings', JSON.stringify(settings));
      return { ...settings };
    },
    now: () => ({ now: clock.now().toISOString(), today: today() }),
    /** Moves the bureau's clock forward, then runs everything that fell due. */
    async advance(by: { ms?: number; days?: number; workingDays?: number; to?: string }) {
      const before = clock.now().getTime();
      if (by.to) clock.set(by.to);
      if (by.ms) clock.advance(by.ms);
      if (by.days) clock.advanceDays(by.days);
      if (by.workingDays) {
        const target = calendar.addWorkingDays(today(), by.workingDays);
        clock.advance(
          Math.max(
            0,
            startOfBeijingDay(target).getTime() +
              (clock.now().getTime() - startOfBeijingDay(today()).getTime()) -
              clock.now().getTime(),
          ),
        );
      }
      const moved = clock.now().getTime() - before;
      await setMeta(db, 'clock_advanced_ms', String(Number((await meta(db, 'clock_advanced_ms')) ?? 0) + moved));
      await tick();
      return controls.now();
    },
    tick,
    /** Decides now (running every check): by submission id, by upload, by `Czlx:Bs`, or everything pending. */
    async decide(
      target: { uploadId?: string; submissionId?: string; key?: string; all?: boolean; ispId?: number },
      reject?: { reason?: string; code?: number; path?: string; text?: string },
    ) {
      let q = db.selectFrom('sim_submissions').where('sim_submissions.state', '=', PENDING);
      if (target.uploadId) q = q.where('sim_submissions.upload_id', '=', target.uploadId);
      if (target.submissionId) q = q.where('sim_submissions.id', '=', target.submissionId);
      if (target.ispId) q = q.where('sim_submissions.isp_id', '=', target.ispId);
      if (target.key) {
        const [czlx, ...bs] = target.key.split(':');
        q = q.where('sim_submissions.czlx', '=', Number(czlx)).where('sim_submissions.bs', '=', bs.join(':'));
      }
      if (!target.uploadId && !target.submissionId && !target.key && !target.all && !target.ispId)
        throw new SimError('TARGET_REQUIRED', '请指定要决定的申请', 'Name the application to decide (or all)', 400);
      const uploads = await inArrivalOrder(q).execute();
      let forced: Finding | undefined;
      if (reject) {
        const info = reject.code ? resultCodeInfo(reject.code) : undefined;
        const reason = reject.reason ?? info?.reason ?? `MIIT_${reject.code ?? 1002}`;
        const f = finding(reason, reject.path ?? info?.xsdField, undefined, reject.code);
        forced = { ...f, text: reject.text ?? (reject.reason ? f.text : (info?.text.zh ?? f.text)) };
      }
      const results = [];
      for (const u of uploads)
        results.push({
          uploadId: u.upload_id,
          outcome: await db
            .transaction()
            .execute((tx) => decideUpload(tx, u.upload_id, forced ? { reject: forced } : {})),
        });
      return results;
    },
    async submissions(filter: { state?: string; ispId?: number } = {}) {
      let q = db.selectFrom('sim_submissions').selectAll().orderBy('received_at');
      if (filter.state) q = q.where('state', '=', filter.state);
      if (filter.ispId) q = q.where('isp_id', '=', filter.ispId);
      return (await q.execute()).map((s) => ({
        id: s.id,
        uploadId: s.upload_id,
        ispId: Number(s.isp_id),
        op: s.op,
        key: `${s.czlx}:${s.bs}`,
        province: s.province,
        decideOn: s.decide_on,
        state: s.state,
        findings: s.findings ? (JSON.parse(s.findings) as Finding[]) : [],
      }));
    },
    async uploads(ispId?: number) {
      let q = db
        .selectFrom('sim_uploads')
        .select(['id', 'isp_id', 'data_sequence', 'file_name', 'payload_sha256', 'ops'])
        .orderBy('received_at');
      if (ispId) q = q.where('isp_id', '=', ispId);
      return (await q.execute()).map((u) => ({ ...u, isp_id: Number(u.isp_id), ops: JSON.parse(u.ops) as string[] }));
    },
    async records(area?: string) {
      let q = db.selectFrom('sim_records').selectAll().orderBy('id');
      if (area) q = q.where('area', '=', area);
      return q.execute();
    },
    /** The bureau's full record of a filing (by subject or website number, or by domain), with access records. */
    async filing(q: { number?: string; domain?: string }) {
      let subjectId: number | undefined;
      if (q.domain) {
        const d = safeRegistrable(q.domain);
        const row = d
          ? await db
              .selectFrom('sim_domains')
              .innerJoin('sim_websites', 'sim_websites.id', 'sim_domains.website_id')
              .select('sim_websites.subject_id')
              .where('sim_domains.domain', '=', d)
              .orderBy('sim_domains.id', 'desc')
              .executeTakeFirst()
          : undefined;
        subjectId = row?.subject_id;
      } else if (q.number) subjectId = (await subjectForNumber(db, q.number))?.id;
      if (!subjectId) return null;
      const s = (await subjectById(db, subjectId))!;
      const sites = await db
        .selectFrom('sim_websites')
        .selectAll()
        .where('subject_id', '=', s.id)
        .orderBy('suffix')
        .execute();
      const websites = [];
      for (const w of sites) {
        const access = await db
          .selectFrom('sim_access')
          .selectAll()
          .where('website_id', '=', w.id)
          .orderBy('id')
          .execute();
        const domains = await db
          .selectFrom('sim_domains')
          .selectAll()
          .where('website_id', '=', w.id)
          .orderBy('id')
          .execute();
        websites.push({
          id: w.id,
          filingNumber: w.filing_number,
          name: w.name,
          status: w.status,
          shellSince: w.shell_since,
          cancelReason: w.cancel_reason,
          domains: domains.map((d) => ({ id: d.id, domain: d.ym, status: d.status })),
          access: access.map((a) => ({
            id: a.id,
            ispId: Number(a.isp_id),
            status: a.status,
            ips: ipsOf(JSON.parse(a.data)),
          })),
        });
      }
      return {
        id: s.id,
        filingNumber: s.filing_number,
        name: s.name,
        province: s.province,
        status: s.status,
        cancelReason: s.cancel_reason,
        approvedOn: s.approved_on,
        websites,
      };
    },
    async outbox(filter: { recipient?: string; kind?: string } = {}) {
      let q = db.selectFrom('sim_outbox').selectAll().orderBy('id');
      if (filter.recipient) q = q.where('recipient', '=', filter.recipient);
      if (filter.kind) q = q.where('kind', '=', filter.kind);
      return q.execute();
    },
    /** Registrar, server, certificate, site-probe and existing-website facts (null removes one). */
    async setFact(kind: 'domain' | 'server' | 'cert' | 'site' | 'website', key: string, value: unknown) {
      const k =
        kind === 'domain' || kind === 'site'
          ? (safeRegistrable(key) ?? key.toLowerCase())
          : kind === 'cert'
            ? key.trim().toUpperCase()
            : key.trim();
      await setFact(kind, k, value);
    },
    async blacklist(kind: 'CERT' | 'NAME', value: string) {
      const v = kind === 'CERT' ? value.trim().toUpperCase() : value.trim();
      await db
        .insertInto('sim_blacklist')
        .values({ id: await nextSeq(db, 'blacklist'), kind, value: v, created_at: now() })
        .execute();
    },
    /**
     * R-BUR-016: a bureau-initiated cancellation. A subject number cancels the subject; a website number cancels the
     * website (and its subject if it was the last), except ILLEGAL_CONTENT, which cancels the website and the subject
     * and, when serious, blacklists the certificate number and the website names (R-BUR-018).
     */
    async cancel(input: { filingNumber: string; reason: BureauCancellationReason; severity?: 'serious' | 'normal' }) {
      if (!BUREAU_CANCELLATION_REASONS.includes(input.reason))
        throw new SimError('REASON_INVALID', '注销理由无效', `Unknown cancellation reason ${input.reason}`, 400);
      return db.transaction().execute(async (tx) => {
        const out: DecisionOutput = { basj: [], zxsj: [], others: new Map() };
        const w = await websiteByNumber(tx, input.filingNumber);
        const s = w ? await subjectById(tx, w.subject_id) : await subjectByNumber(tx, input.filingNumber);
        if (!s) throw new SimError('NOT_FILED', '备案号不存在', 'No such filing number', 404);
        if (input.reason === 'ILLEGAL_CONTENT' && input.severity === 'serious') {
          await tx
            .insertInto('sim_blacklist')
            .values({ id: await nextSeq(tx, 'blacklist'), kind: 'CERT', value: s.cert_number, created_at: now() })
            .execute();
          const names = w ? [w] : await liveWebsites(tx, s.id);
          for (const n of names)
            await tx
              .insertInto('sim_blacklist')
              .values({ id: await nextSeq(tx, 'blacklist'), kind: 'NAME', value: n.name, created_at: now() })
              .execute();
          const isps = await providersOf(
            tx,
            (await liveWebsites(tx, s.id)).map((x) => x.id),
          );
          // the XSD wants at least one domain per blacklisted website: its filed domains (a name alone if none)
          const domainsOf = new Map<number, string[]>();
          for (const n of names) {
            const rows = await tx.selectFrom('sim_domains').select('ym').where('website_id', '=', n.id).execute();
            domainsOf.set(n.id, rows.length ? rows.map((r) => r.ym) : [n.name]);
          }
          for (const isp of new Set([...isps, ...providers.keys()]))
            await publish(tx, isp, {
              ICP: {
                HMDLB: {
                  Zthmdxxs: [
                    {
                      Zt_xx: { Dwmc: s.name, Dwxz: s.nature, Zj: { Zjlx: s.cert_code, Zjhm: s.cert_number } },
                      Czlx: 0,
                      Bz: input.reason,
                    },
                  ],
                  Wzhmdxxs: names.map((n) => ({
                    Wz_xx: { Wzmc: n.name, Ym_xx: (domainsOf.get(n.id) ?? []).map((Ym) => ({ Ym })) },
                    Czlx: 0,
                    Bz: input.reason,
                  })),
                },
              },
            });
        }
        if (w && input.reason !== 'ILLEGAL_CONTENT') await cancelWebsite(tx, w.id, input.reason, out, null);
        else await cancelSubject(tx, s.id, input.reason, out, null);
        await flushOthers(tx, out);
        return { cancelled: w && input.reason !== 'ILLEGAL_CONTENT' ? w.filing_number : s.filing_number };
      });
    },
    async requests(kind?: string) {
      let q = db.selectFrom('sim_requests').selectAll().orderBy('created_at');
      if (kind) q = q.where('kind', '=', kind);
      return (await q.execute()).map((r) => ({ ...r, data: JSON.parse(r.data) }));
    },
    /** R-BUR-019: the domain holder's request is verified; only that website is cancelled. */
    async approveRequest(id: string) {
      return db.transaction().execute(async (tx) => {
        const r = await tx.selectFrom('sim_requests').selectAll().where('id', '=', id).executeTakeFirst();
        if (r?.kind !== 'THIRD_PARTY_CANCEL' || r.state !== PENDING)
          throw new SimError('REQUEST_NOT_PENDING', '申请不存在或已处理', 'No such pending request', 404);
        const data = JSON.parse(r.data) as { websiteId: number };
        const out: DecisionOutput = { basj: [], zxsj: [], others: new Map() };
        await cancelWebsite(tx, data.websiteId, 'DOMAIN_HOLDER_CONFLICT', out, null);
        await flushOthers(tx, out);
        await tx.updateTable('sim_requests').set({ state: 'DONE', done_at: now() }).where('id', '=', id).execute();
      });
    },
    /**
     * Test data: a filing made through a provider (e.g. P2) outside this run, created as the bureau would hold it
     * after approval. Numbers may be given (浙ICP备18000002号); otherwise they are allocated.
     */
    async injectFiling(input: InjectFiling) {
      return db.transaction().execute(async (tx) => {
        const province = input.province;
        const number = input.filingNumber ?? (await allocateNumber(tx, province));
        const subjectId = await nextSeq(tx, 'ztid', 88_000_001);
        const certType = input.subject.certificateType;
        const data: SubjectData = {
          Dwmc: input.subject.name,
          Dwxz: input.subject.nature,
          Txdz: {
            Shengid: PROVINCE_CODES[province],
            Shiid: PROVINCE_CODES[province] + 100,
            ...(input.subject.address ? { Xxdz: input.subject.address } : {}),
          },
          Zj: {
            Zjlx: CERTIFICATE_CODES[certType],
            Zjhm: input.subject.certificateNumber.toUpperCase(),
            Zjzs: input.subject.address ?? '未提供',
          },
          Fzr: { Fzr_xm: input.principal.name, Fzr_sjhm: input.principal.mobile, Fzr_dzyj: input.principal.email },
          Bbfs: 1,
        };
        await tx
          .insertInto('sim_subjects')
          .values({
            id: subjectId,
            filing_number: number,
            province,
            name: input.subject.name,
            nature: input.subject.nature,
            cert_code: CERTIFICATE_CODES[certType],
            cert_number: input.subject.certificateNumber.trim().toUpperCase(),
            data: JSON.stringify(data),
            password: input.password ?? newPassword(),
            first_isp: input.ispId,
            isp_ztid: null,
            next_suffix: 1,
            status: FILED,
            approved_on: input.approvedOn ?? today(),
            updated_on: input.approvedOn ?? today(),
            cancelled_on: null,
            cancel_reason: null,
          })
          .execute();
        const sites = input.websites.map((w, i) => ({
          IspWzid: i + 1,
          Wzmc: w.name,
          Fwnr: { Fwnr_id: [3] },
          Yylb: { Yylb_id: [1] },
          Ym_xx: w.domains.map((d, j) => ({ IspYmid: j + 1, Ym: d })),
          Jr_xx: (w.accessIsps ?? [input.ispId]).map((isp, j) => ({
            IspJrid: j + 1,
            Wzfb: { Fbdd: [1] },
            Wzjrfs: { Jrfs: [4] },
            Ip_xx: [{ IspIpid: 1, Qsip: ipToLong(w.ip ?? '198.18.0.1')!, Zzip: ipToLong(w.ip ?? '198.18.0.1')!, isp }],
          })),
          Wz_Fzr: { Fzr_xm: input.principal.name, Fzr_sjhm: input.principal.mobile, Fzr_dzyj: input.principal.email },
        }));
        const ids = await addWebsites(
          tx,
          subjectId,
          number,
          sites.map((s) => ({ ...s, Jr_xx: [] })),
          input.ispId,
          1,
        );
        for (const [i, id] of ids.entries())
          for (const j of sites[i]!.Jr_xx) {
            const isp = j.Ip_xx[0]!.isp;
            const ad: AccessData = {
              Wzfb: j.Wzfb,
              Wzjrfs: j.Wzjrfs,
              Ip_xx: [{ Qsip: j.Ip_xx[0]!.Qsip, Zzip: j.Ip_xx[0]!.Zzip }],
            };
            await tx
              .insertInto('sim_access')
              .values({
                id: await nextSeq(tx, 'jrid', 88_300_001),
                website_id: id,
                isp_id: isp,
                isp_jrid: null,
                data: JSON.stringify(ad),
                status: ACTIVE,
                created_at: now(),
                removed_at: null,
              })
              .execute();
          }
        const websites = await tx
          .selectFrom('sim_websites')
          .select(['id', 'filing_number'])
          .where('subject_id', '=', subjectId)
          .orderBy('suffix')
          .execute();
        return {
          subjectId,
          filingNumber: number,
          websites: websites.map((w) => ({ id: w.id, filingNumber: w.filing_number })),
        };
      });
    },
    /**
     * The bureau's network probe of one provider (the checks behind HCJG and WBAWZLB): each domain was found resolving
     * to `ip` on the provider's network. A domain of a live filing without an access record of that provider is an
     * access under-report (HCJG › Jrhc, Hcjg 2 少报); a domain with no live filing is an unfiled site (WBAWZLB);
     * a filed domain accessed there is fine. `overReported` names website numbers whose access record at the provider
     * serves nothing (Jrhc, Hcjg 1 多报). Each kind is published as its own download file for that provider.
     */
    async probe(input: {
      ispId: number;
      sites?: { domain: string; ip: string }[];
      overReported?: string[];
      operatorId?: number;
    }) {
      return db.transaction().execute(async (tx) => {
        const day = today();
        const province = Math.floor(input.ispId / 1_000_000);
        const jrhc: NonNullable<DownloadData_ICP_HCJG_Jgxx['Jrhc']> = [];
        const unfiled: DownloadData_ICP_WBAWZLB_Wbawz_xx[] = [];
        for (const site of input.sites ?? []) {
          const domain = safeRegistrable(site.domain) ?? site.domain.trim().toLowerCase();
          const ip = ipToLong(site.ip);
          if (ip === null) throw new SimError('IP_INVALID', 'IP 地址无效', `Not an IPv4 address: ${site.ip}`, 400);
          const filed = await tx
            .selectFrom('sim_domains')
            .innerJoin('sim_websites', 'sim_websites.id', 'sim_domains.website_id')
            .select(['sim_websites.id', 'sim_websites.filing_number'])
            .where('sim_domains.domain', '=', domain)
            .where('sim_domains.status', '=', FILED)
            .where('sim_websites.status', '!=', CANCELLED)
            .executeTakeFirst();
          if (!filed) {
            unfiled.push({
              Id: await nextSeq(tx, 'wbawz', 77_000_001),
              Wzym_mc: site.domain.trim().toLowerCase(),
              IP: ip,
              Dqjcsj: day,
              Jccs: 1,
              Sssh: province,
              Scjcsj: day,
              Jrs: input.ispId,
              Yys: input.operatorId ?? input.ispId,
            });
            continue;
          }
          const access = await activeAccess(tx, filed.id);
          if (access.some((a) => Number(a.isp_id) === input.ispId)) continue;
          jrhc.push({
            Wzid: filed.id,
            Wz_Baxh: filed.filing_number,
            Ym: site.domain.trim().toLowerCase(),
            Jxip: ip,
            ...(access[0] ? { Bbisp: Number(access[0].isp_id), Jrid: access[0].id } : {}),
            Hcjg: 2,
            Hcsj: day,
          });
        }
        for (const number of input.overReported ?? []) {
          const w = await websiteByNumber(tx, number);
          const mine = w ? (await activeAccess(tx, w.id)).find((a) => Number(a.isp_id) === input.ispId) : undefined;
          if (!w || !mine) continue;
          jrhc.push({ Wzid: w.id, Wz_Baxh: w.filing_number, Bbisp: input.ispId, Hcjg: 1, Hcsj: day, Jrid: mine.id });
        }
        const files: string[] = [];
        if (jrhc.length) files.push(await publish(tx, input.ispId, { ICP: { HCJG: { Jgxx: { Jrhc: jrhc } } } }));
        if (unfiled.length) files.push(await publish(tx, input.ispId, { ICP: { WBAWZLB: { Wbawz_xx: unfiled } } }));
        return { accessChecks: jrhc.length, unfiledSites: unfiled.length, files };
      });
    },
    /** Removes one provider's access record (a provider-initiated cancel access at P2, R-BUR-021). */
    async removeAccess(input: { websiteNumber: string; ispId: number }) {
      return db.transaction().execute(async (tx) => {
        const w = await websiteByNumber(tx, input.websiteNumber);
        if (!w) throw new SimError('NOT_FILED', '网站备案号不存在', 'No such website number', 404);
        await tx
          .updateTable('sim_access')
          .set({ status: 'REMOVED', removed_at: now() })
          .where('website_id', '=', w.id)
          .where('isp_id', '=', input.ispId)
          .where('status', '=', ACTIVE)
          .execute();
        if ((await activeAccess(tx, w.id)).length === 0)
          await tx
            .updateTable('sim_websites')
            .set({ status: SHELL, shell_since: now() })
            .where('id', '=', w.id)
            .execute();
      });
    },
  };

  return { miit, portal, controls, tick, clock, calendar, database: opts.database, providers: [...providers.values()] };
}

export interface InjectFiling {
  ispId: number;
  province: Province;
  filingNumber?: string;
  password?: string;
  approvedOn?: string;
  subject: {
    name: string;
    nature: number;
    certificateType: CertificateType;
    certificateNumber: string;
    address?: string;
  };
  principal: { name: string; mobile: string; email: string };
  websites: { name: string; domains: string[]; ip?: string; accessIsps?: number[] }[];
}
