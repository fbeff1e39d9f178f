import type { Tx } from '../../platform/db/database.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import { beijingDate } from '../calendar/index.ts';
import { type AccessReason, accessRowsFor, applyAccessChanges } from './access.repository.ts';
import { NO_DOMAIN, registrableOfHost } from './host.ts';

/**
 * Writers of the access projection besides `transition()`: blocks the provider or the bureau decides outside any
 * order (R-ACS-010 bureau cancellation and provider-initiated cancel access, R-CHG-016/018; domains filed only at
 * another provider, R-ACS-006; the bureau's unfiled-site lists, WBAWZLB). Each runs inside the caller's transaction,
 * so the block commits with the event that caused it.
 */

export type BlockReason = Exclude<AccessReason, 'FILED' | 'ACCESS_IN_REVIEW'>;

export interface BlockInput {
  /** Hosts or registrable domains; each is reduced to its registrable domain. */
  domains: readonly string[];
  reason: BlockReason;
  subjectId?: string | null;
  orderId?: string | null;
  /**
   * true: leave domains that are currently served alone (a bureau record saying "filed at P2" must not revoke this
   * provider's own access or an ACCESS order's temporary access). false (default): the block wins, as for a
   * cancellation.
   */
  keepServed?: boolean;
}

export interface BlockResult {
  version: number | null;
  blocked: string[];
  /** Served domains left alone because of `keepServed`. */
  kept: string[];
  /** Inputs with no registrable domain (IP literals, unknown suffixes). */
  invalid: string[];
}

const CHUNK = 500;

async function currentRows(tx: Tx, domains: string[]) {
  const out = new Map<string, { decision: string; reason: string; subject_id: string | null }>();
  for (let i = 0; i < domains.length; i += CHUNK)
    for (const r of await accessRowsFor(tx, domains.slice(i, i + CHUNK))) out.set(r.domain, r);
  return out;
}

function registrables(inputs: readonly string[]) {
  const valid = new Map<string, string>();
  const invalid: string[] = [];
  for (const raw of inputs) {
    const d = registrableOfHost(raw);
    if (d === null || d === NO_DOMAIN) invalid.push(raw);
    else if (!valid.has(d)) valid.set(d, raw);
  }
  return { valid: [...valid.keys()], invalid };
}

/** Blocks domains with a reason, in the caller's transaction, and audits it. */
export async function blockDomains(tx: Tx, input: BlockInput, actor: Actor, now: number): Promise<BlockResult> {
  const { valid, invalid } = registrables(input.domains);
  const rows = await currentRows(tx, valid);
  const kept: string[] = [];
  const blocked: string[] = [];
  for (const d of valid) {
    const r = rows.get(d);
    if (input.keepServed && r && r.decision !== 'block') kept.push(d);
    else blocked.push(d);
  }
  const version = await applyAccessChanges(
    tx,
    blocked.map((domain) => ({
      domain,
      decision: 'block',
      reason: input.reason,
      subjectId: input.subjectId ?? rows.get(domain)?.subject_id ?? null,
      orderId: input.orderId ?? null,
    })),
    now,
  );
  if (blocked.length)
    await appendAudit(
      tx,
      {
        actor,
        action: 'access.block',
        objectType: 'access_domain',
        objectId: blocked.length === 1 ? blocked[0] : undefined,
        details: { reason: input.reason, domains: blocked.slice(0, 100), count: blocked.length, version },
      },
      now,
    );
  return { version, blocked, kept, invalid };
}

// ---------------------------------------------------------------------------------------------------------------
// Unfiled-site lists (WBAWZLB in, WBACLJG out)
// ---------------------------------------------------------------------------------------------------------------

/** One entry of the bureau's unfiled-site list (WBAWZLB › Wbawz_xx), in plain names. */
export interface UnfiledSiteEntry {
  /** `Id`: the province system's record id. */
  recordId: number;
  /** `Wzym_mc`: the website's domain name (a host; its registrable domain is blocked). */
  domain: string;
  /** `IP`: the site's IPv4 address as the unsigned 32-bit integer the interface uses. */
  ip: number;
  /** `Yys`: operator id. */
  operatorId: number;
  /** `Jrs`: access-provider id, when the bureau names it. */
  providerId?: number;
  /** `Sssh`: province id. */
  provinceId?: number;
  /** `Dqjcsj`: date of the current detection. */
  detectedAt?: string;
  /** `Scjcsj`: date of the first detection. */
  firstDetectedAt?: string;
  /** `Jccs`: how many times it was detected. */
  detections?: number;
}

/**
 * How one entry was handled. The bureau's code table for `Cljg` (未备案网站处理状态, Wbacl_xx) is base data downloaded
 * from the bureau and not part of the public interface text, so the numeric codes are a parameter
 * (`UnfiledListOptions.codes`) with these defaults.
 */
export type UnfiledOutcome = 'BLOCKED' | 'ALREADY_BLOCKED' | 'FILED_HERE' | 'INVALID_DOMAIN';

export const DEFAULT_UNFILED_CODES: Readonly<Record<UnfiledOutcome, number>> = {
  BLOCKED: 1,
  ALREADY_BLOCKED: 1,
  FILED_HERE: 2,
  INVALID_DOMAIN: 3,
};

const OPINION: Record<UnfiledOutcome, string> = {
  BLOCKED: '已对该未备案域名在本接入商中国大陆服务器上实施访问阻断',
  ALREADY_BLOCKED: '该域名此前已处于阻断状态，维持阻断',
  FILED_HERE: '该域名已备案并已在本接入商接入，未予阻断，请核实',
  INVALID_DOMAIN: '域名格式无效，无法处理，请核实',
};

/** One handling report line (WBACLJG › Clxx), in plain names; the bureau adapter maps it to XML. */
export interface UnfiledSiteHandling {
  recordId: number;
  outcome: UnfiledOutcome;
  /** `Ym` */
  domain: string;
  /** The registrable domain the gateway acted on (null for INVALID_DOMAIN). */
  registrableDomain: string | null;
  /** `IP` */
  ip: number;
  /** `Yys` */
  operatorId: number;
  /** `Jrs`: this provider's id. */
  providerId: number;
  /** `Shengid` */
  provinceId: number;
  /** `Cljg` */
  resultCode: number;
  /** `Clyj` */
  opinion: string;
  /** `Rbsj`: the date the entry was taken into the list (Beijing date, YYYY-MM-DD). */
  listedOn: string;
  /** `Clsx`: the date the handling was completed (Beijing date, YYYY-MM-DD). */
  handledBy: string;
  /** `Sbrxm` / `Sbrdh` / `Sbrdzyj` */
  reporter?: { name?: string; phone?: string; email?: string };
}

export interface UnfiledListOptions {
  now: number;
  /** This provider's id at the bureau (报备单位 id), reported as `Jrs`. */
  providerId: number;
  /** `Shengid` when the entry does not carry `Sssh`. */
  provinceId: number;
  actor: Actor;
  codes?: Partial<Record<UnfiledOutcome, number>>;
  reporter?: { name?: string; phone?: string; email?: string };
}

/**
 * Applies the bureau's unfiled-site list: every listed domain is blocked as NOT_FILED unless this provider's synced
 * data say it is filed and accessed here (`allow`): that entry is reported back instead of blocking a filed site on a
 * stale list (R-ACS-017). A temporary access (`temp_allow`, an ACCESS order in review) is revoked: the bureau has no
 * access record for it here yet, and its listing is the authority. A domain already blocked keeps its more specific
 * reason. Returns one handling line per entry, in input order.
 */
export async function applyUnfiledSiteList(
  tx: Tx,
  entries: readonly UnfiledSiteEntry[],
  opts: UnfiledListOptions,
): Promise<UnfiledSiteHandling[]> {
  const codes = { ...DEFAULT_UNFILED_CODES, ...opts.codes };
  const today = beijingDate(new Date(opts.now));
  const domainOf = entries.map((e) => {
    const d = registrableOfHost(e.domain);
    return d === null || d === NO_DOMAIN ? null : d;
  });
  const rows = await currentRows(tx, [...new Set(domainOf.filter((d): d is string => d !== null))]);
  const toBlock = new Set<string>();
  const outcomes: UnfiledOutcome[] = domainOf.map((d) => {
    if (d === null) return 'INVALID_DOMAIN';
    const r = rows.get(d);
    if (r?.decision === 'allow') return 'FILED_HERE';
    if (r?.decision === 'block') return 'ALREADY_BLOCKED';
    toBlock.add(d);
    return 'BLOCKED';
  });
  let version: number | null = null;
  if (toBlock.size) {
    version = await applyAccessChanges(
      tx,
      [...toBlock].map((domain) => ({
        domain,
        decision: 'block',
        reason: 'NOT_FILED',
        subjectId: rows.get(domain)?.subject_id ?? null,
        orderId: null,
      })),
      opts.now,
    );
  }
  await appendAudit(
    tx,
    {
      actor: opts.actor,
      action: 'access.unfiled_list_applied',
      objectType: 'access_domain',
      details: {
        entries: entries.length,
        blocked: toBlock.size,
        filedHere: outcomes.filter((o) => o === 'FILED_HERE').length,
        invalid: outcomes.filter((o) => o === 'INVALID_DOMAIN').length,
        recordIds: entries.slice(0, 100).map((e) => e.recordId),
        version,
      },
    },
    opts.now,
  );
  return entries.map((e, i) => ({
    recordId: e.recordId,
    outcome: outcomes[i],
    domain: e.domain,
    registrableDomain: domainOf[i],
    ip: e.ip,
    operatorId: e.operatorId,
    providerId: opts.providerId,
    provinceId: e.provinceId ?? opts.provinceId,
    resultCode: codes[outcomes[i]],
    opinion: OPINION[outcomes[i]],
    listedOn: today,
    handledBy: today,
    ...(opts.reporter ? { reporter: opts.reporter } : {}),
  }));
}
