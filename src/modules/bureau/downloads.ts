import type { Kysely } from 'kysely';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import { maskIdNumber } from '../../platform/crypto/pii.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import { ruleViolation } from '../../platform/errors.ts';
import {
  applyUnfiledSiteList,
  blockDomains,
  type UnfiledListOptions,
  type UnfiledSiteHandling,
} from '../access/provider-blocks.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import type { Violation } from '../rules/violation.ts';
import type { AccessCheckFinding, BlacklistEntry, BureauInbound } from './port.ts';

/**
 * What the bureau sends besides results, acted on (issue 6), each inside the transaction that records the file in
 * `bureau_inbox` (a file applied twice changes nothing: the inbox row is the guard, and every write here is an upsert
 * or keyed by the file's hash and position):
 *
 * - HMDLB: the local blacklist (R-BUR-018), consulted before an order goes anywhere (`checkBlacklist`);
 * - HCJG: the bureau's checks of this provider's records, listed for staff; a filed domain served here without an
 *   access record here (少报) is blocked NOT_ACCESSED_HERE (R-ACS-006) unless this provider's synced data serve it;
 * - WBAWZLB: unfiled sites on this provider's network, blocked (`applyUnfiledSiteList`), each handling line kept for
 *   staff and queued for the WBACLJG report to the bureau;
 * - BASJ records of websites without an access record here: their domains are filed elsewhere, so a request here is
 *   NOT_ACCESSED_HERE rather than NOT_FILED (R-ACS-006/014, FAQ-023).
 */

/** 004_bureau_downloads row types (the tables are this module's; `withTables` adds them to the DB type). */
export type BureauBlacklistTable = {
  id: string;
  /** SUBJECT (by certificate number) or WEBSITE (by website name). */
  kind: string;
  /** SUBJECT: blind index of the certificate number; WEBSITE: `name:` + the normalised name. */
  match_key: string;
  /** What staff see: the name, with the certificate number masked. */
  label: string;
  /** JSON array of the listed domains (WEBSITE). */
  domains: string;
  active: number;
  reason: string | null;
  file_name: string;
  created_at: number;
  updated_at: number;
};

export type BureauFindingsTable = {
  id: string;
  payload_sha256: string;
  seq: number;
  file_name: string;
  /** AccessCheckFinding kind, or UNFILED_SITE. */
  kind: string;
  website_number: string | null;
  domain: string | null;
  /** What the platform did: BLOCKED, ALREADY_BLOCKED, KEPT_SERVED, FILED_HERE, INVALID_DOMAIN, RECORDED. */
  action: string;
  /** JSON: the finding in plain names (certificate numbers masked) or the WBACLJG handling line. */
  detail: string;
  /** OPEN until staff mark it RESOLVED. */
  status: string;
  /** UNFILED_SITE: PENDING until the WBACLJG report is uploaded, then SENT. */
  report_state: string | null;
  created_at: number;
  resolved_at: number | null;
  resolved_by: string | null;
};

// a type alias, not an interface: `withTables` wants an index-signature-compatible record
export type DownloadTables = {
  bureau_blacklist: BureauBlacklistTable;
  bureau_findings: BureauFindingsTable;
};

export type DownloadsDb = Kysely<DB & DownloadTables>;
const withTables = (db: Tx): DownloadsDb => db.withTables<DownloadTables>();

const BUREAU_ACTOR: Actor = { id: null, role: 'bureau' };
const CERT_PURPOSE = 'bureau.blacklist.cert';

export interface DownloadActionDeps {
  pii: PiiCrypto;
  /** This provider's id at the bureau: reported as `Jrs`, and which access records are "here". */
  providerId: number;
}

export interface DownloadEffects {
  blacklisted: number;
  unlisted: number;
  findings: number;
  /** Domains newly blocked by these downloads. */
  blocked: string[];
  unfiled: UnfiledSiteHandling[];
}

const normaliseName = (n: string) => n.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
const normaliseCert = (n: string) => n.normalize('NFKC').trim().toUpperCase();
/** Wzmc may hold several names separated by ";" (XSD). */
const namesOf = (wzmc: string) =>
  wzmc
    .split(/[;；]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The province of an ISP id (its first six digits are the GB/T 2260 code of the issuing province). */
export function provinceIdOfIsp(ispId: number): number {
  return Math.floor(ispId / 1_000_000);
}

export function createDownloadActions(deps: DownloadActionDeps) {
  const certKey = (n: string) => deps.pii.indexer.blindIndex(normaliseCert(n), CERT_PURPOSE);

  // ---------------------------------------------------------------------------------------------------------------
  // HMDLB

  async function applyBlacklist(tx: Tx, inbound: BureauInbound, now: number, fx: DownloadEffects): Promise<void> {
    const db = withTables(tx);
    const rows: { kind: string; key: string; label: string; domains: string[]; e: BlacklistEntry }[] = [];
    for (const e of inbound.blacklist) {
      if (e.kind === 'SUBJECT') {
        if (!e.certificateNumber?.trim()) continue;
        rows.push({
          kind: 'SUBJECT',
          key: certKey(e.certificateNumber),
          label: `${e.name.trim()}（${maskIdNumber(normaliseCert(e.certificateNumber))}）`,
          domains: [],
          e,
        });
      } else
        for (const name of namesOf(e.name))
          rows.push({
            kind: 'WEBSITE',
            key: `name:${normaliseName(name)}`,
            label: name,
            domains: (e.domains ?? []).map((d) => d.trim().toLowerCase()),
            e,
          });
    }
    for (const r of rows) {
      const active = r.e.operation === 'REMOVE' ? 0 : 1;
      const values = {
        label: r.label,
        domains: JSON.stringify(r.domains),
        active,
        reason: r.e.note ?? null,
        file_name: inbound.fileName,
        updated_at: now,
      };
      const updated = await db
        .updateTable('bureau_blacklist')
        .set(values)
        .where('kind', '=', r.kind)
        .where('match_key', '=', r.key)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        // removing what was never listed here leaves nothing to record
        if (!active) continue;
        await db
          .insertInto('bureau_blacklist')
          .values({ id: newId(), kind: r.kind, match_key: r.key, ...values, created_at: now })
          .execute();
      }
      if (active) fx.blacklisted++;
      else fx.unlisted++;
    }
    if (rows.length)
      await appendAudit(
        tx,
        {
          actor: BUREAU_ACTOR,
          action: 'bureau.blacklist_synced',
          objectType: 'bureau_file',
          objectId: inbound.fileName,
          details: {
            entries: rows.map((r) => ({ kind: r.kind, operation: r.e.operation, label: r.label })).slice(0, 100),
          },
        },
        now,
      );
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Findings (HCJG, WBAWZLB)

  async function recordFinding(
    tx: Tx,
    inbound: BureauInbound,
    seq: number,
    f: {
      kind: string;
      websiteNumber?: string | null;
      domain?: string | null;
      action: string;
      detail: unknown;
      reportState?: string | null;
    },
    now: number,
  ): Promise<void> {
    await withTables(tx)
      .insertInto('bureau_findings')
      .values({
        id: newId(),
        payload_sha256: inbound.payloadSha256,
        seq,
        file_name: inbound.fileName,
        kind: f.kind,
        website_number: f.websiteNumber ?? null,
        domain: f.domain ?? null,
        action: f.action,
        detail: JSON.stringify(f.detail),
        status: 'OPEN',
        report_state: f.reportState ?? null,
        created_at: now,
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
  }

  /** Whether this provider's synced data hold an active access record here for the website number. */
  async function accessedHere(tx: Tx, websiteNumber: string | undefined): Promise<boolean> {
    if (!websiteNumber) return false;
    const row = await tx
      .selectFrom('websites')
      .innerJoin('registry_access', 'registry_access.website_id', 'websites.id')
      .select('websites.id')
      .where('websites.filing_number', '=', websiteNumber)
      .where('websites.status', '!=', 'CANCELLED')
      .where('registry_access.provider_id', '=', deps.providerId)
      .where('registry_access.status', '=', 'ACTIVE')
      .executeTakeFirst();
    return !!row;
  }

  async function applyAccessChecks(tx: Tx, inbound: BureauInbound, now: number, fx: DownloadEffects): Promise<void> {
    const checks = inbound.accessChecks ?? [];
    for (const [i, c] of checks.entries()) {
      let action = 'RECORDED';
      if (c.kind === 'ACCESS_UNDER_REPORTED' && c.domain) {
        if (await accessedHere(tx, c.websiteNumber)) {
          // the bureau has no access record of ours where our synced data have one: staff reconcile, nothing blocks
          action = 'DISCREPANCY';
        } else {
          const r = await blockDomains(
            tx,
            { domains: [c.domain], reason: 'NOT_ACCESSED_HERE', keepServed: true },
            BUREAU_ACTOR,
            now,
          );
          action = r.blocked.length ? 'BLOCKED' : r.kept.length ? 'KEPT_SERVED' : 'INVALID_DOMAIN';
          fx.blocked.push(...r.blocked);
        }
      }
      const detail: AccessCheckFinding = c.certificateNumber
        ? { ...c, certificateNumber: maskIdNumber(normaliseCert(c.certificateNumber)) }
        : c;
      await recordFinding(
        tx,
        inbound,
        i,
        { kind: c.kind, websiteNumber: c.websiteNumber, domain: c.domain, action, detail },
        now,
      );
      fx.findings++;
    }
  }

  async function applyUnfiledSites(
    tx: Tx,
    inbound: BureauInbound,
    now: number,
    fx: DownloadEffects,
    opts?: Partial<Pick<UnfiledListOptions, 'codes' | 'reporter'>>,
  ): Promise<void> {
    const entries = inbound.unfiledSites ?? [];
    if (entries.length === 0) return;
    const lines = await applyUnfiledSiteList(tx, entries, {
      now,
      providerId: deps.providerId,
      provinceId: provinceIdOfIsp(deps.providerId),
      actor: BUREAU_ACTOR,
      ...opts,
    });
    // the findings of HCJG and WBAWZLB of one file never share positions: the list comes after the checks
    const base = inbound.accessChecks?.length ?? 0;
    for (const [i, l] of lines.entries()) {
      await recordFinding(
        tx,
        inbound,
        base + i,
        {
          kind: 'UNFILED_SITE',
          domain: l.registrableDomain ?? l.domain,
          action: l.outcome,
          detail: l,
          reportState: 'PENDING',
        },
        now,
      );
      if (l.outcome === 'BLOCKED' && l.registrableDomain) fx.blocked.push(l.registrableDomain);
      fx.findings++;
    }
    fx.unfiled.push(...lines);
  }

  /**
   * BASJ records carry every website of a subject with its access records; a website with none here is filed
   * elsewhere: its domains are recorded as NOT_ACCESSED_HERE, never revoking a domain this provider serves.
   */
  async function applyFiledElsewhere(tx: Tx, inbound: BureauInbound, now: number, fx: DownloadEffects) {
    const elsewhere = inbound.filed.flatMap((r) =>
      r.websites
        .filter((w) => w.access.length > 0 && !w.access.some((a) => a.providerId === deps.providerId))
        .flatMap((w) => w.domains.map((d) => d.domain)),
    );
    if (elsewhere.length === 0) return;
    const r = await blockDomains(
      tx,
      { domains: elsewhere, reason: 'NOT_ACCESSED_HERE', keepServed: true },
      BUREAU_ACTOR,
      now,
    );
    fx.blocked.push(...r.blocked);
  }

  /** Everything of one downloaded file besides results and cancellations, in the caller's transaction. */
  async function apply(tx: Tx, inbound: BureauInbound, now: number): Promise<DownloadEffects> {
    const fx: DownloadEffects = { blacklisted: 0, unlisted: 0, findings: 0, blocked: [], unfiled: [] };
    await applyBlacklist(tx, inbound, now, fx);
    await applyAccessChecks(tx, inbound, now, fx);
    await applyUnfiledSites(tx, inbound, now, fx);
    await applyFiledElsewhere(tx, inbound, now, fx);
    return fx;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reads

  /**
   * R-BUR-018: the blacklisted parts of an order (subject certificate number, website names), as blocking
   * violations with code BLACKLISTED on the draft fields; empty when nothing is listed.
   */
  async function checkBlacklist(
    db: Kysely<DB>,
    input: { certificateNumber?: string | null; websiteNames?: readonly (string | null | undefined)[] },
  ): Promise<Violation[]> {
    const out: Violation[] = [];
    const t = withTables(db);
    const cert = input.certificateNumber?.trim();
    if (cert) {
      const hit = await t
        .selectFrom('bureau_blacklist')
        .select('id')
        .where('kind', '=', 'SUBJECT')
        .where('match_key', '=', certKey(cert))
        .where('active', '=', 1)
        .executeTakeFirst();
      if (hit)
        out.push({
          rule: 'R-BUR-018',
          code: 'BLACKLISTED',
          severity: 'block',
          field: 'subject.certificateNumber',
          message: {
            zh: '主体证件号码已列入管局黑名单，不可再进行备案',
            en: "The subject's certificate number is on the bureau's blacklist and cannot be filed again",
          },
        });
    }
    const names = (input.websiteNames ?? []).map((n, i) => ({ i, n: n?.trim() })).filter((x) => !!x.n);
    if (names.length) {
      const keys = names.map((x) => `name:${normaliseName(x.n!)}`);
      const hits = new Set(
        (
          await t
            .selectFrom('bureau_blacklist')
            .select('match_key')
            .where('kind', '=', 'WEBSITE')
            .where('match_key', 'in', keys)
            .where('active', '=', 1)
            .execute()
        ).map((r) => r.match_key),
      );
      for (const [j, x] of names.entries())
        if (hits.has(keys[j]!))
          out.push({
            rule: 'R-BUR-018',
            code: 'BLACKLISTED',
            severity: 'block',
            field: `websites[${x.i}].name`,
            message: {
              zh: `网站名称「${x.n}」已列入管局黑名单，不可再进行备案`,
              en: `The website name "${x.n}" is on the bureau's blacklist and cannot be filed again`,
            },
          });
    }
    return out;
  }

  /** As `checkBlacklist`, throwing RULE_VIOLATION (reason BLACKLISTED, one violation per listed field). */
  async function assertNotBlacklisted(
    db: Kysely<DB>,
    input: { certificateNumber?: string | null; websiteNames?: readonly (string | null | undefined)[] },
  ): Promise<void> {
    const v = await checkBlacklist(db, input);
    if (v.length) throw ruleViolation(v);
  }

  return { apply, checkBlacklist, assertNotBlacklisted };
}

export type DownloadActions = ReturnType<typeof createDownloadActions>;

// -----------------------------------------------------------------------------------------------------------------
// Staff views and the WBACLJG report

export interface FindingView {
  id: string;
  fileName: string;
  kind: string;
  websiteNumber: string | null;
  domain: string | null;
  action: string;
  detail: unknown;
  status: string;
  reportState: string | null;
  createdAt: number;
  resolvedAt: number | null;
}

export async function listFindings(
  db: Kysely<DB>,
  q: { kind?: string; status?: string; limit?: number; before?: number },
): Promise<FindingView[]> {
  let s = withTables(db)
    .selectFrom('bureau_findings')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('seq')
    .limit(Math.min(q.limit ?? 100, 500));
  if (q.kind) s = s.where('kind', '=', q.kind);
  if (q.status) s = s.where('status', '=', q.status);
  if (q.before !== undefined) s = s.where('created_at', '<', q.before);
  return (await s.execute()).map((r) => ({
    id: r.id,
    fileName: r.file_name,
    kind: r.kind,
    websiteNumber: r.website_number,
    domain: r.domain,
    action: r.action,
    detail: JSON.parse(r.detail),
    status: r.status,
    reportState: r.report_state,
    createdAt: Number(r.created_at),
    resolvedAt: r.resolved_at === null ? null : Number(r.resolved_at),
  }));
}

/** Staff mark a finding handled (audited by the route). Returns false when there is no such open finding. */
export async function resolveFinding(db: Kysely<DB>, id: string, by: string | null, now: number): Promise<boolean> {
  const r = await withTables(db)
    .updateTable('bureau_findings')
    .set({ status: 'RESOLVED', resolved_at: now, resolved_by: by })
    .where('id', '=', id)
    .where('status', '=', 'OPEN')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface BlacklistView {
  kind: string;
  label: string;
  domains: string[];
  active: boolean;
  reason: string | null;
  fileName: string;
  updatedAt: number;
}

export async function listBlacklist(db: Kysely<DB>, q: { active?: boolean } = {}): Promise<BlacklistView[]> {
  let s = withTables(db).selectFrom('bureau_blacklist').selectAll().orderBy('updated_at', 'desc').limit(500);
  if (q.active !== undefined) s = s.where('active', '=', q.active ? 1 : 0);
  return (await s.execute()).map((r) => ({
    kind: r.kind,
    label: r.label,
    domains: JSON.parse(r.domains) as string[],
    active: r.active === 1,
    reason: r.reason,
    fileName: r.file_name,
    updatedAt: Number(r.updated_at),
  }));
}

/** Unfiled-site handling lines not yet reported to the bureau, grouped by the file that listed them. */
export async function pendingUnfiledReports(
  db: Kysely<DB>,
): Promise<{ payloadSha256: string; lines: UnfiledSiteHandling[] }[]> {
  const rows = await withTables(db)
    .selectFrom('bureau_findings')
    .select(['payload_sha256', 'detail', 'seq'])
    .where('report_state', '=', 'PENDING')
    .orderBy('created_at')
    .orderBy('seq')
    .execute();
  const byFile = new Map<string, UnfiledSiteHandling[]>();
  for (const r of rows)
    byFile.set(r.payload_sha256, [
      ...(byFile.get(r.payload_sha256) ?? []),
      JSON.parse(r.detail) as UnfiledSiteHandling,
    ]);
  return [...byFile].map(([payloadSha256, lines]) => ({ payloadSha256, lines }));
}

export async function markUnfiledReported(db: Kysely<DB>, payloadSha256: string, fileName: string, now: number) {
  const t = withTables(db);
  await t
    .updateTable('bureau_findings')
    .set({ report_state: 'SENT' })
    .where('payload_sha256', '=', payloadSha256)
    .where('report_state', '=', 'PENDING')
    .execute();
  await appendAudit(
    db,
    {
      actor: { id: null, role: 'system' },
      action: 'bureau.unfiled_report_uploaded',
      objectType: 'bureau_file',
      objectId: fileName,
      details: { listedIn: payloadSha256 },
    },
    now,
  );
}
