import { createHash } from 'node:crypto';
import type { UnfiledSiteHandling } from '../access/provider-blocks.ts';
import { catalogueReason } from '../review/catalogue.ts';
import type { FilingDraft, Principal, Province, Subject, Website } from '../rules/draft.ts';
import {
  ACCESS_METHOD_CLOUD,
  CANCELLATION_REASON_CODES,
  CERTIFICATE_CODES,
  cityCodeFor,
  ipToLong,
  languageCode,
  longToIp,
  natureOf,
  PLACEMENT_MAINLAND,
  PRE_APPROVAL_CODES,
  PROVINCE_CODES,
  provinceOfShengid,
  SERVICE_CONTENT_CODES,
} from './codes.ts';
import { resultCodeInfo } from './miit/codes.ts';
import { type DownloadData, type DownloadData_ICP_HCJG_Jgxx, ResultOperation } from './miit/payloads/download.ts';
import {
  CancellationCategory,
  ReportMode,
  type UploadData,
  type UploadData_ICP,
  type XzbaRecord,
} from './miit/payloads/upload.ts';
import type {
  AccessCheckFinding,
  BlacklistEntry,
  BureauFinding,
  BureauInbound,
  BureauResult,
  BureauSubmission,
  Cancellation,
  TargetWebsite,
} from './port.ts';

/**
 * Platform orders ⇄ the MIIT upload and download files (spec 4-1, 4-2). Pure functions: the same draft, target and
 * ref always give the same file, which is what lets an upload whose answer was lost be recognised (journal +
 * isp_querypreviousupload) instead of being sent twice.
 *
 * Provider-side ids: one submission has a numeric `ref`; IspZtid = ref, IspWzid/IspJrid = ref·100 + website number,
 * IspYmid/IspIpid = ref·10000 + website number·100 + item number. Results are matched by `Czlx:Bs` (spec 4-2-1-6).
 */

export class MappingError extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

const siteRef = (ref: number, i: number) => ref * 100 + i + 1;
const itemRef = (ref: number, i: number, j: number) => ref * 10_000 + (i + 1) * 100 + j + 1;

/** The password travels as the MD5 hex digest the XSD asks for (ICPmm); the digest is not kept either. */
export function filingPasswordDigest(password: string): string {
  return createHash('md5').update(password, 'utf8').digest('hex');
}

function fullAddress(a: Subject['communicationAddress']): string | undefined {
  if (!a) return undefined;
  const s = [a.province, a.city, a.district, a.detail].filter(Boolean).join('');
  return s || undefined;
}

function principalOf(p: Principal | undefined) {
  return {
    Fzr_xm: p?.name,
    // the XSD wants at least 11 characters; a shorter office number is not sent rather than refused
    Fzr_dhhm: p?.officePhone && p.officePhone.length >= 11 ? p.officePhone : undefined,
    Fzr_sjhm: p?.mobile ?? '',
    Fzr_dzyj: p?.email ?? '',
    Fzr_zjlx: p?.certificateType ? CERTIFICATE_CODES[p.certificateType] : undefined,
    Fzr_zjhm: p?.certificateNumber || undefined,
  };
}

function websitePrincipal(w: Website, subjectPrincipal: Principal | undefined) {
  const p = w.principalSameAsSubject ? subjectPrincipal : (w.principal ?? subjectPrincipal);
  return { ...principalOf(p), Fzr_xm: p?.name ?? '' };
}

function subjectBlock(subject: Subject, principal: Principal | undefined, province: Province) {
  const certNumber = subject.certificateNumber?.trim() ?? '';
  return {
    Dwmc: subject.name ?? '',
    Dwxz: natureOf(subject.type, subject.certificateType),
    Tzr: subject.investorOrAuthority || undefined,
    Txdz: {
      Shengid: PROVINCE_CODES[province],
      Shiid: cityCodeFor(province, certNumber),
      Xxdz: fullAddress(subject.communicationAddress),
    },
    Zj: {
      Zjlx: subject.certificateType ? CERTIFICATE_CODES[subject.certificateType] : CERTIFICATE_CODES.RESIDENT_ID,
      Zjhm: certNumber,
      Zjzs: subject.certificateAddress ?? fullAddress(subject.communicationAddress) ?? '',
    },
    Fzr: principalOf(principal),
  };
}

function ips(w: Website, ref: number, i: number) {
  return (w.accessIps ?? []).map((ip, k) => {
    const n = ipToLong(ip);
    if (n === null) throw new MappingError('ACCESS_IP_INVALID', `websites[${i}].accessIps[${k}]: ${ip} is not IPv4`);
    return { IspIpid: itemRef(ref, i, k), Qsip: n, Zzip: n };
  });
}

/** The content of a website as every new-website record states it (Wz_xx of XZBA/XZWZ). */
function newWebsite(
  w: Website,
  i: number,
  ref: number,
  subjectPrincipal: Principal | undefined,
  scans?: Readonly<Record<string, string[]>>,
) {
  const domains = w.domains ?? [];
  // Nrlx needs the approval scan itself (Spwj, base64 JPG); attachments are not sent by this adapter, so a
  // pre-approval travels only when its scan is supplied
  const preApprovals = (w.preApprovals ?? []).filter((p) => p.category && p.number && scans?.[p.number]?.length);
  return {
    IspWzid: siteRef(ref, i),
    Wzmc: w.name ?? '',
    Nrlx: preApprovals.length
      ? {
          Nrlx_xx: preApprovals.map((p) => ({
            Nrlx_id: PRE_APPROVAL_CODES[p.category!],
            Qzsph: p.number!,
            Spwj: scans![p.number!]!,
          })),
        }
      : undefined,
    Fwnr: { Fwnr_id: [SERVICE_CONTENT_CODES[w.serviceContent ?? 'OTHER']] },
    Yylb: { Yylb_id: [...new Set((w.languages?.length ? w.languages : ['zh-CN']).map(languageCode))] },
    Ym_xx: domains.map((d, j) => ({ IspYmid: itemRef(ref, i, j), Ym: d.trim().toLowerCase() })),
    Jr_xx: [
      {
        IspJrid: siteRef(ref, i),
        Wzfb: { Fbdd: [PLACEMENT_MAINLAND] },
        Wzjrfs: { Jrfs: [ACCESS_METHOD_CLOUD] },
        Ip_xx: ips(w, ref, i),
      },
    ],
    Wz_Fzr: websitePrincipal(w, subjectPrincipal),
    Syurl: homepage(w),
    Wz_Bz: w.remark || undefined,
  };
}

function homepage(w: Website): string | undefined {
  const url = w.homepageUrl?.trim() || w.domains?.[0]?.trim();
  if (!url) return undefined;
  const bare = url.replace(/^https?:\/\//i, '');
  return bare.length >= 4 ? bare : undefined;
}

function requireTarget(s: BureauSubmission) {
  if (!s.target)
    throw new MappingError('TARGET_NOT_IN_REGISTRY', `${s.orderType}: the filed subject is not in the registry`);
  return s.target;
}

function targetWebsite(s: BureauSubmission, w: Website, i: number): TargetWebsite {
  const target = requireTarget(s);
  const found = target.websites.find((t) => t.filingNumber === w.filingNumber?.trim());
  if (!found)
    throw new MappingError(
      'WEBSITE_NOT_IN_REGISTRY',
      `websites[${i}].filingNumber ${w.filingNumber ?? '(none)'} is not filed`,
    );
  return found;
}

function passwordOf(s: BureauSubmission, required: boolean): string | undefined {
  if (!s.filingPassword) {
    if (required) throw new MappingError('FILING_PASSWORD_REQUIRED', `${s.orderType} needs the filing password`);
    return undefined;
  }
  return filingPasswordDigest(s.filingPassword);
}

/** Builds the upload file of one order and the keys its results will carry. */
export function buildOrderUpload(s: BureauSubmission, ispId: number): { data: UploadData; resultKeys: string[] } {
  const d = s.draft;
  const province = (d.province ?? s.target?.province) as Province | undefined;
  if (!province) throw new MappingError('PROVINCE_MISSING', 'the order has no filing province');
  const icp: Omit<UploadData_ICP, 'Qqdwid'> = {};
  const keys: string[] = [];
  const websites = d.websites ?? [];
  switch (s.orderType) {
    case 'FIRST': {
      const record: XzbaRecord = {
        Zt_xx: {
          IspZtid: s.ref,
          ...subjectBlock(d.subject ?? {}, d.subjectPrincipal, province),
          Bbfs: ReportMode.ON_BEHALF,
        },
        Wz_xx: websites.map((w, i) => newWebsite(w, i, s.ref, d.subjectPrincipal, s.preApprovalScans)),
      };
      icp.XZBA = { Baxx: [record] };
      keys.push(`${ResultOperation.XZBA}:${s.ref}`);
      break;
    }
    case 'ADD_WEBSITE': {
      const number = d.subjectFilingNumber?.trim() || s.target?.filingNumber;
      if (!number) throw new MappingError('SUBJECT_NUMBER_MISSING', 'ADD_WEBSITE needs the subject filing number');
      icp.XZWZ = {
        Xzxx: [
          {
            Zt_xx: { Ztbah: number },
            Wz_xx: websites.map((w, i) =>
              newWebsite(w, i, s.ref, d.subjectPrincipal ?? s.target?.principal, s.preApprovalScans),
            ),
            ICPmm: passwordOf(s, false),
          },
        ],
      };
      keys.push(`${ResultOperation.XZWZ}:${number}`);
      break;
    }
    case 'ACCESS': {
      const password = passwordOf(s, true)!;
      icp.XZJR = {
        Xzxx: websites.map((w, i) => {
          const number = w.filingNumber?.trim();
          if (!number) throw new MappingError('WEBSITE_NUMBER_MISSING', `websites[${i}].filingNumber is required`);
          return {
            Wz_xx: { Wzbah: number },
            IspJrid: siteRef(s.ref, i),
            Wzfb: { Fbdd: [PLACEMENT_MAINLAND] },
            Wzjrfs: { Jrfs: [ACCESS_METHOD_CLOUD] },
            Ip_xx: ips(w, s.ref, i),
            ICPmm: password,
          };
        }),
      };
      for (let i = 0; i < websites.length; i++) keys.push(`${ResultOperation.XZJR}:${siteRef(s.ref, i)}`);
      break;
    }
    case 'CHANGE_SUBJECT':
    case 'CHANGE_WEBSITE':
    case 'CHANGE_ACCESS': {
      const target = requireTarget(s);
      const subject = s.orderType === 'CHANGE_SUBJECT' ? { ...target.subject, ...d.subject } : target.subject;
      const principal =
        s.orderType === 'CHANGE_SUBJECT' ? { ...target.principal, ...d.subjectPrincipal } : target.principal;
      const changed = new Map<string, Website>();
      if (s.orderType !== 'CHANGE_SUBJECT')
        websites.forEach((w, i) => {
          const t = targetWebsite(s, w, i);
          changed.set(
            t.filingNumber,
            s.orderType === 'CHANGE_ACCESS' ? { ...t.data, accessIps: w.accessIps } : { ...t.data, ...w },
          );
        });
      // BGBA restates the subject with every website accessed here (the XSD has one full-record shape)
      const wz = target.websites
        .filter((t) => t.accessBureauId !== null)
        .map((t, i) => {
          const w = changed.get(t.filingNumber) ?? t.data;
          const built = newWebsite(w, i, s.ref, principal, s.preApprovalScans);
          return {
            Wzid: t.bureauId,
            Wzmc: built.Wzmc,
            Nrlx: built.Nrlx,
            Fwnr: built.Fwnr,
            Yylb: built.Yylb,
            Ym_xx: (w.domains ?? []).map((dom, j) => ({
              IspYmid: itemRef(s.ref, i, j),
              Ymid: t.domainIds[dom.trim().toLowerCase()],
              Ym: dom.trim().toLowerCase(),
            })),
            Jr_xx: [
              {
                Jrid: t.accessBureauId!,
                Wzfb: { Fbdd: [PLACEMENT_MAINLAND] },
                Wzjrfs: { Jrfs: [ACCESS_METHOD_CLOUD] },
                Ip_xx: ips(w, s.ref, i),
              },
            ],
            Wz_Fzr: built.Wz_Fzr,
            Baxh: t.filingNumber,
            Syurl: built.Syurl,
          };
        });
      if (wz.length === 0)
        throw new MappingError(
          'NO_WEBSITE_ACCESSED_HERE',
          'a change needs a website accessed at this provider (R-CHG-006)',
        );
      icp.BGBA = {
        Bgxx: [
          {
            Zt_xx: {
              Ztid: target.bureauId,
              Baxh: target.filingNumber,
              ...subjectBlock(subject, principal, target.province),
            },
            Wz_xx: wz,
          },
        ],
      };
      keys.push(`${ResultOperation.BGBA}:${target.bureauId}`);
      break;
    }
    case 'CANCEL_SUBJECT': {
      const target = requireTarget(s);
      icp.ZXBA = {
        Zx_xx: [
          {
            Zxlb: CancellationCategory.SUBJECT,
            Jlid: target.bureauId,
            Zxly: CANCELLATION_REASON_CODES.CANCEL_SUBJECT!,
            ICPmm: passwordOf(s, true),
          },
        ],
      };
      keys.push(`${ResultOperation.CANCEL_SUBJECT}:${target.bureauId}`);
      break;
    }
    case 'CANCEL_WEBSITE':
    case 'CANCEL_ACCESS': {
      const access = s.orderType === 'CANCEL_ACCESS';
      icp.ZXBA = {
        Zx_xx: websites.map((w, i) => {
          const t = targetWebsite(s, w, i);
          if (access && t.accessBureauId === null)
            throw new MappingError('NOT_ACCESSED_HERE', `websites[${i}] has no access record at this provider`);
          const jlid = access ? t.accessBureauId! : t.bureauId;
          keys.push(`${access ? ResultOperation.CANCEL_ACCESS : ResultOperation.CANCEL_WEBSITE}:${jlid}`);
          return {
            Zxlb: access ? CancellationCategory.ACCESS : CancellationCategory.WEBSITE,
            Jlid: jlid,
            Zxly: CANCELLATION_REASON_CODES[s.orderType]!,
          };
        }),
      };
      break;
    }
  }
  return { data: { ICP: { ...icp, Qqdwid: ispId } }, resultKeys: keys };
}

// ---------------------------------------------------------------------------------------------------------------
// Downloads.

/**
 * The simulator (and this adapter) write a finding's R-REJ-007 reason and its indexed element path in front of the
 * bureau's words in Dmms: `DOMAIN_NOT_REAL_NAME@Wz_xx[0].Ym_xx[1].Ym 域名未实名认证…`. A real bureau writes free text;
 * then the code table (`xsdField`, `reason`) is all there is.
 */
const DMMS_TAG = /^([A-Z][A-Z0-9_]{2,})(?:@([A-Za-z0-9_.[\]]+))?\s+([\s\S]*)$/;

export function formatFinding(reason: string, xsdPath: string | undefined, text: string): string {
  return `${reason}${xsdPath ? `@${xsdPath}` : ''} ${text}`;
}

export function parseFinding(code: number, dmms: string | undefined): BureauFinding {
  const info = resultCodeInfo(code);
  const m = dmms ? DMMS_TAG.exec(dmms.trim()) : null;
  if (m) return { code, reason: m[1]!, xsdPath: m[2], text: m[3]!.trim() || info.text.zh };
  return { code, reason: info.reason ?? `MIIT_${code}`, xsdPath: info.xsdField, text: dmms?.trim() || info.text.zh };
}

function isApproval(code: number): boolean {
  const kind = resultCodeInfo(code).kind;
  return kind === 'approved' || kind === 'success';
}

export function readDownload(fileName: string, payloadSha256: string, data: DownloadData): BureauInbound {
  const inbound: BureauInbound = {
    fileName,
    payloadSha256,
    results: [],
    filed: [],
    cancellations: [],
    blacklist: [],
    other: [],
  };
  if (!data.ICP) {
    inbound.other.push(Object.keys(data)[0] ?? 'UNKNOWN');
    return inbound;
  }
  const icp = data.ICP;
  for (const key of Object.keys(icp)) if (!ACTED_ON.includes(key)) inbound.other.push(`ICP.${key}`);
  const reviews = icp.BAJG?.GJSHS?.Gjsh ?? [];
  for (const jg of icp.BAJG?.Jg_xx ?? []) {
    const codes = jg.Jgxx.map((x) => x.Jgdm);
    const review = reviews.find((r) => r.Czlx === jg.Czlx) ?? reviews[0];
    inbound.results.push({
      key: `${jg.Czlx}:${jg.Bs ?? ''}`,
      approved: codes.length > 0 && codes.every(isApproval),
      findings: jg.Jgxx.filter((x) => !isApproval(x.Jgdm)).map((x) => parseFinding(x.Jgdm, x.Dmms)),
      opinion: review?.Shyj,
      reviewedOn: review?.Shsj,
    });
  }
  for (const b of icp.BASJ?.Baxx ?? []) {
    const z = b.Zt_xx;
    inbound.filed.push({
      subject: {
        bureauId: z.Ztid,
        ispRef: z.IspZtid,
        filingNumber: z.Baxh ?? '',
        name: z.Dwmc,
        nature: z.Dwxz,
        certificateCode: z.Zj.Zjlx,
        certificateNumber: z.Zj.Zjhm,
        province: provinceOfShengid(z.Txdz.Shengid),
        firstFiledOn: z.Scbbsj,
      },
      websites: b.Wz_xx.map((w) => ({
        bureauId: w.Wzid,
        ispRef: w.IspWzid,
        filingNumber: w.Baxh ?? '',
        name: w.Wzmc,
        domains: w.Ym_xx.map((y) => ({ bureauId: y.Ymid, domain: y.Ym })),
        access: w.Jr_xx.map((j) => ({
          bureauId: j.Jrid,
          providerId: j.Ispid,
          ispRef: j.IspJrid,
          ips: j.Ip_xx.map((ip) => longToIp(ip.Qsip)),
        })),
        filedOn: w.Scbbsj,
      })),
    });
  }
  for (const z of icp.ZXSJ?.Zxxx ?? []) {
    const c: Cancellation = {
      level: z.Zxlb === CancellationCategory.SUBJECT ? 'SUBJECT' : 'WEBSITE',
      bureauId: z.Jlid,
    };
    if (z.Bz) c.reason = z.Bz.trim();
    inbound.cancellations.push(c);
  }
  const op = (n: number): BlacklistEntry['operation'] => (n === 0 ? 'ADD' : n === 1 ? 'UPDATE' : 'REMOVE');
  const note = (bz: string | undefined) => (bz?.trim() ? { note: bz.trim() } : {});
  for (const s of icp.HMDLB?.Zthmdxxs ?? [])
    if (s.Zt_xx)
      inbound.blacklist.push({
        kind: 'SUBJECT',
        operation: op(s.Czlx),
        name: s.Zt_xx.Dwmc,
        certificateNumber: s.Zt_xx.Zj.Zjhm,
        ...note(s.Bz),
      });
  for (const w of icp.HMDLB?.Wzhmdxxs ?? [])
    inbound.blacklist.push({
      kind: 'WEBSITE',
      operation: op(w.Czlx),
      name: w.Wz_xx.Wzmc,
      domains: w.Wz_xx.Ym_xx.map((y) => y.Ym),
      ...note(w.Bz),
    });
  if (icp.HCJG) inbound.accessChecks = readAccessChecks(icp.HCJG.Jgxx);
  if (icp.WBAWZLB)
    inbound.unfiledSites = icp.WBAWZLB.Wbawz_xx.map((w) => ({
      recordId: w.Id,
      domain: w.Wzym_mc.trim(),
      ip: w.IP,
      operatorId: w.Yys,
      ...(w.Jrs !== undefined ? { providerId: w.Jrs } : {}),
      ...(w.Sssh !== undefined ? { provinceId: w.Sssh } : {}),
      ...(w.Dqjcsj ? { detectedAt: w.Dqjcsj } : {}),
      ...(w.Scjcsj ? { firstDetectedAt: w.Scjcsj } : {}),
      ...(w.Jccs !== undefined ? { detections: w.Jccs } : {}),
    }));
  return inbound;
}

/** The ICP download types the sync acts on; anything else is recorded and acknowledged only. */
const ACTED_ON = ['BAJG', 'BASJ', 'ZXSJ', 'HMDLB', 'HCJG', 'WBAWZLB'];

/** HCJG › Jgxx in plain names (spec 4-2 核查结果); the lists keep the bureau's order. */
export function readAccessChecks(jg: DownloadData_ICP_HCJG_Jgxx): AccessCheckFinding[] {
  const out: AccessCheckFinding[] = [];
  const opt = <K extends keyof AccessCheckFinding>(k: K, v: AccessCheckFinding[K] | undefined) =>
    v === undefined || v === '' ? {} : { [k]: typeof v === 'string' ? v.trim() : v };
  for (const j of jg.Jrhc ?? [])
    out.push({
      kind: j.Hcjg === 2 ? 'ACCESS_UNDER_REPORTED' : 'ACCESS_OVER_REPORTED',
      bureauId: j.Wzid,
      websiteNumber: j.Wz_Baxh.trim(),
      ...opt('domain', j.Ym?.trim().toLowerCase()),
      ...opt('resolvedIp', j.Jxip === undefined ? undefined : longToIp(j.Jxip)),
      ...opt('reportingProvider', j.Bbisp),
      ...opt('accessBureauId', j.Jrid),
      ...opt('checkedAt', j.Hcsj),
      ...opt('note', j.Bz),
    });
  for (const z of jg.Zthc ?? [])
    out.push({
      kind: 'SUBJECT_CHECK',
      bureauId: z.Ztid,
      subjectName: z.Dwmc,
      certificateNumber: z.Zjhm,
      ...opt('error', z.Cwyy),
      ...opt('note', z.Bz),
    });
  for (const k of jg.Kkwzhc ?? [])
    out.push({
      kind: k.Hcjg === 1 ? 'SHELL_DEAD' : 'SHELL_ALIVE',
      bureauId: k.Wzid,
      websiteNumber: k.Wz_Baxh.trim(),
      ...opt('homepage', k.Syurl),
      ...opt('checkedAt', k.Hcsj),
      ...opt('note', k.Bz),
    });
  for (const w of jg.Wzch ?? [])
    out.push({
      kind: 'SITE_PROBE',
      bureauId: w.Wzid,
      websiteNumber: w.Wz_Baxh.trim(),
      ...opt('homepage', w.Syurl),
      ...opt('checkedAt', w.Hcsj),
      ...opt('note', w.Bz),
    });
  return out;
}

/** WBACLJG: how this provider handled the listed unfiled sites, reported back to the bureau (spec 4-1 未备案网站处理结果). */
export function buildUnfiledReport(lines: readonly UnfiledSiteHandling[], ispId: number): UploadData {
  return {
    ICP: {
      WBACLJG: {
        Clxx: lines.map((l) => ({
          Ym: l.domain,
          IP: l.ip,
          Yys: l.operatorId,
          Jrs: l.providerId,
          Shengid: l.provinceId,
          Cljg: l.resultCode,
          Clyj: l.opinion,
          Rbsj: l.listedOn,
          Clsx: l.handledBy,
          ...(l.reporter?.name ? { Sbrxm: l.reporter.name } : {}),
          ...(l.reporter?.phone ? { Sbrdh: l.reporter.phone } : {}),
          ...(l.reporter?.email ? { Sbrdzyj: l.reporter.email } : {}),
        })),
      },
      Qqdwid: ispId,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Findings → field-level rejection reasons on the draft.

const PRINCIPAL_FIELDS: Record<string, string> = {
  Fzr_xm: 'name',
  Fzr_dhhm: 'officePhone',
  Fzr_sjhm: 'mobile',
  Fzr_dzyj: 'email',
  Fzr_zjhm: 'certificateNumber',
  Fzr_zjlx: 'certificateType',
  Msn: 'email',
  Qq: 'email',
};

const SUBJECT_FIELDS: Record<string, string> = {
  Dwmc: 'subject.name',
  Dwxz: 'subject.type',
  Tzr: 'subject.investorOrAuthority',
  Zj: 'subject.certificateNumber',
  'Zj.Zjhm': 'subject.certificateNumber',
  'Zj.Zjlx': 'subject.certificateType',
  'Zj.Zjzs': 'subject.certificateAddress',
  Txdz: 'subject.communicationAddress',
  'Txdz.Shengid': 'province',
  'Txdz.Shiid': 'subject.communicationAddress.city',
  'Txdz.Xianid': 'subject.communicationAddress.district',
  'Txdz.Xxdz': 'subject.communicationAddress.detail',
};

const WEBSITE_FIELDS: Record<string, string> = {
  Wzmc: 'name',
  Syurl: 'homepageUrl',
  Fwnr: 'serviceContent',
  Yylb: 'languages',
  Nrlx: 'preApprovals',
  Ym_xx: 'domains',
  Jr_xx: 'accessIps',
  Ip_xx: 'accessIps',
  Wz_Fzr: 'principal',
  Wzbah: 'filingNumber',
  Baxh: 'filingNumber',
};

interface Segment {
  name: string;
  index?: number;
}

function segments(path: string): Segment[] {
  return path.split('.').map((p) => {
    const m = /^(\w+)(?:\[(\d+)\])?$/.exec(p);
    return m ? { name: m[1]!, index: m[2] === undefined ? undefined : Number(m[2]) } : { name: p };
  });
}

/**
 * Maps an element path inside a submitted record (e.g. `Wz_xx[1].Ym_xx[0].Ym`, or `Wz_xx.Jr_xx.Ip_xx` from the code
 * table) onto the draft field the customer edits (`websites[1].domains[0]`). `record` is the index of the record in
 * the file for types with one record per website (XZJR, ZXBA). An element without an index names website 0 when the
 * order has one website, otherwise the whole list.
 */
export function draftFieldOf(xsdPath: string, draft: FilingDraft, record = 0): string {
  const segs = segments(xsdPath);
  const first = segs[0];
  if (!first) return 'orderType';
  const siteIndex = (i: number | undefined) =>
    i !== undefined ? `websites[${i}]` : (draft.websites?.length ?? 0) <= 1 ? 'websites[0]' : 'websites';
  switch (first.name) {
    case 'Zt_xx': {
      const rest = segs.slice(1).map((s) => s.name);
      if (rest[0] === 'Fzr')
        return rest[1] ? `subjectPrincipal.${PRINCIPAL_FIELDS[rest[1]] ?? rest[1]}` : 'subjectPrincipal';
      if (rest.length === 0) return 'subject';
      return SUBJECT_FIELDS[rest.join('.')] ?? SUBJECT_FIELDS[rest[0]!] ?? 'subject';
    }
    case 'Wz_xx': {
      const base = siteIndex(first.index);
      const second = segs[1];
      if (!second) return base;
      if (second.name === 'Ym_xx')
        return second.index !== undefined ? `${base}.domains[${second.index}]` : `${base}.domains`;
      if (second.name === 'Wz_Fzr') {
        const leaf = segs[2]?.name;
        return leaf ? `${base}.principal.${PRINCIPAL_FIELDS[leaf] ?? leaf}` : `${base}.principal`;
      }
      return `${base}.${WEBSITE_FIELDS[second.name] ?? second.name}`;
    }
    case 'Ip_xx':
    case 'Jr_xx':
      return `websites[${record}].accessIps`;
    case 'ICPmm':
      return 'subjectFilingNumber';
    case 'Fj':
      return 'materials';
    case 'Zxly':
    case 'Zxlb':
    case 'Jlid':
      return draft.orderType === 'CANCEL_SUBJECT' ? 'subjectFilingNumber' : `websites[${record}].filingNumber`;
    default:
      return 'orderType';
  }
}

const PHOTO_REASONS = new Set([
  'PHOTO_SEASON',
  'PHOTO_EDITED',
  'PHOTO_MIRRORED',
  'PHOTO_FRAMING',
  'PHOTO_NOT_PRINCIPAL',
  'CURTAIN_TEXT_MISMATCH',
  'CURTAIN_NOT_PROVIDER',
]);

/** A record of an application rejected because another record of the same file failed (the simulator's tag). */
export const RELATED_RECORD_REJECTED = 'RELATED_RECORD_REJECTED';

export interface FieldReason {
  code: string;
  field: string;
  message: string;
  fix?: string;
}

/** A bureau rejection as the order records it: one field-level reason per finding, and whether a photo was flagged. */
export function rejectionOf(
  results: readonly BureauResult[],
  draft: FilingDraft,
  keys: readonly string[] = [],
): { reasons: FieldReason[]; photoFlagged: boolean } {
  const reasons: FieldReason[] = [];
  // a record rejected only because another record of the same application failed adds no reason of its own
  const anyFindings = results.some((r) => r.findings.length > 0);
  for (const r of results) {
    const record = Math.max(0, keys.indexOf(r.key));
    for (const f of r.findings) {
      if (f.reason === RELATED_RECORD_REJECTED) continue;
      const catalogue = catalogueReason(f.reason);
      const field = f.xsdPath ? draftFieldOf(f.xsdPath, draft, record) : catalogueField(catalogue?.fields[0], draft);
      reasons.push({ code: f.reason, field, message: f.text, ...(catalogue?.fix ? { fix: catalogue.fix.zh } : {}) });
    }
    if (r.findings.length === 0 && !r.approved && !anyFindings)
      reasons.push({
        code: 'MIIT_1002',
        field: 'orderType',
        message: r.opinion?.trim() || resultCodeInfo(1002).text.zh,
      });
  }
  return { reasons, photoFlagged: reasons.some((r) => PHOTO_REASONS.has(r.code)) };
}

function catalogueField(pattern: string | undefined, draft: FilingDraft): string {
  if (!pattern) return 'orderType';
  const one = (draft.websites?.length ?? 0) <= 1;
  return pattern.replace(/^\*\./, 'subject.').replace(/\[\]/g, one ? '[0]' : '');
}
