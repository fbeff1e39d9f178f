import type { Clock } from '../../platform/clock.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import { maskIdNumber } from '../../platform/crypto/pii.ts';
import type { Tx } from '../../platform/db/database.ts';
import { addCalendarDays, beijingDate, type WorkCalendar } from '../calendar/index.ts';
import type { RegistrarPort } from '../registrar/registrar.service.ts';
import { serverFacts } from '../resources/facts.ts';
import { toServerView } from '../resources/servers.service.ts';
import type {
  AuthCodeFacts,
  AuthCodeState,
  CalendarData,
  CheckContext,
  OpenOrderFacts,
  PrincipalRecord,
  PrincipalUse,
  RegistrySubject,
  RegistryWebsite,
  ServerFacts,
} from '../rules/context.ts';
import {
  type Address,
  CERTIFICATE_TYPES,
  type CertificateType,
  type FilingDraft,
  type Principal,
  type Province,
  type Subject,
  type SubjectType,
  type Website,
} from '../rules/draft.ts';
import { certKey, phoneKey } from '../rules/rules/helpers.ts';
import { parseDomain } from '../rules/validators/domain.ts';
import { NON_TERMINAL_STATES } from './domain/states.ts';

/**
 * The facts of a server-side check (R-ORD-003 at submit, the review checklist): what the rules engine needs from
 * outside the draft, gathered from this provider's database and its registrar, as a real provider system holds them.
 * Each family is restricted to what the rules read about THIS draft (its certificate, its domains, its principals),
 * never the whole registry. A family that cannot be known here is left undefined, so the rules that need it stay
 * silent: a wrong fact is a false rejection.
 *
 * Call it only for orders that have not reached the bureau's decision: once an order is APPROVED its own subject and
 * domains are in the registry, and the FIRST-order rules would find them "already filed".
 */

export interface CheckFactsDeps {
  pii: PiiCrypto;
  clock: Clock;
  /** The platform's working-day calendar (R-ORD-035), passed to the rules as data. */
  calendar: WorkCalendar;
  /** R-ACC-012: minutes a newly synced server takes to become usable. */
  syncDelayMinutes: number;
  registrar: RegistrarPort;
  /** The bureau's approved suffixes (R-WEB-005) when a bureau list is loaded; undefined = the shipped list. */
  approvedSuffixes?: () => readonly string[] | undefined;
}

export interface CheckFactsInput {
  accountId: string;
  /** The order being checked: its own open state and code reservation do not count against it. */
  orderId?: string;
  draft: FilingDraft;
}

/** As the registry writes them (registry.service.ts): subject data and website data, encrypted JSON. */
interface SubjectData {
  subject?: Subject;
  subjectPrincipal?: Principal;
}

const LIVE_WEBSITE = ['FILED', 'SHELL'];
const SUBJECT_CERT_PURPOSE = 'subject.cert';
const PHONE_PURPOSE = 'registry.principal.phone';
const CERT_PURPOSE = 'registry.principal.cert';
/** IN lists are cut into batches far below SQLite's and PostgreSQL's parameter limits. */
const BATCH = 500;

function chunks<T>(xs: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += BATCH) out.push(xs.slice(i, i + BATCH));
  return out;
}

const uniq = <T>(xs: Iterable<T>): T[] => [...new Set(xs)];
const present = (s: string | undefined | null): s is string => typeof s === 'string' && s.trim() !== '';

/** The registrable domain (ASCII) of an entry, as the rules key domains; null for hosts that have none. */
function registrableOf(input: string): string | null {
  const p = parseDomain(input);
  return p.ok ? p.registrable : null;
}

export function enteredDomains(draft: FilingDraft): string[] {
  return uniq(
    (draft.websites ?? []).flatMap((w) => (w.domains ?? []).map(registrableOf).filter((d): d is string => !!d)),
  );
}

/** Every principal the draft names (subject principal and website principals, linked or not). */
function enteredPrincipals(draft: FilingDraft): Principal[] {
  return [draft.subjectPrincipal, ...(draft.websites ?? []).map((w) => w.principal)].filter((p): p is Principal => !!p);
}

export async function gatherCheckFacts(
  db: Tx,
  deps: CheckFactsDeps,
  input: CheckFactsInput,
): Promise<Partial<CheckContext>> {
  const { keyring, indexer } = deps.pii;
  const nowDate = deps.clock.now();
  const today = beijingDate(nowDate);
  const { draft } = input;
  const domains = enteredDomains(draft);

  const decSubject = (id: string, enc: string | null): SubjectData =>
    enc ? JSON.parse(keyring.decryptString(enc, `subjects.data.${id}`)) : {};
  const decWebsite = (id: string, enc: string | null): Website =>
    enc ? JSON.parse(keyring.decryptString(enc, `websites.data.${id}`)) : {};
  const decCert = (id: string, enc: string) => keyring.decryptString(enc, `subjects.cert.${id}`);

  // ---------------------------------------------------------------------------------------------------------------
  // Servers (R-ACC-006..013) and the authorisation code (R-ACC-020..023).

  const generatedCounts = async (serverIds: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const ids of chunks(serverIds)) {
      if (ids.length === 0) continue;
      const rows = await db
        .selectFrom('auth_codes')
        .select(['server_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('server_id', 'in', ids)
        .groupBy('server_id')
        .execute();
      for (const r of rows) counts.set(r.server_id, Number(r.n));
    }
    return counts;
  };

  const serverRows = await db
    .selectFrom('servers')
    .selectAll()
    .where('account_id', '=', input.accountId)
    .orderBy('created_at')
    .execute();
  const counts = await generatedCounts(serverRows.map((r) => r.id));
  const servers: ServerFacts[] = serverRows.map((r) =>
    serverFacts(toServerView(r), counts.get(r.id) ?? 0, deps.syncDelayMinutes),
  );

  let authCode: AuthCodeFacts | null | undefined;
  if (present(draft.authCode)) {
    const row = await db
      .selectFrom('auth_codes')
      .selectAll()
      .where('code', '=', draft.authCode.trim().toUpperCase())
      .executeTakeFirst();
    const server = row
      ? await db.selectFrom('servers').selectAll().where('id', '=', row.server_id).executeTakeFirst()
      : undefined;
    if (!row || !server) authCode = null;
    else {
      const n = (await generatedCounts([server.id])).get(server.id) ?? 0;
      authCode = {
        code: row.code,
        // the rules judge the server's expiry themselves (R-ACC-023), so the stored state is passed as it is
        state: row.state as AuthCodeState,
        reservedByOrderId: row.order_id,
        server: serverFacts(toServerView(server), n, deps.syncDelayMinutes),
        generatedByAccountId: row.owner_account_id,
      };
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Registry: the subject behind the entered certificate or subject filing number, the websites of the entered
  // domains and filing numbers, and every live website of the recorded subject (R-ORD-030/037, R-CHG-015 read them).

  const certNumbers = uniq(
    [draft.subject?.certificateNumber, draft.subject?.uploadedCertificateNumber].filter(present).map(certKey),
  );
  const subjectKeys = certNumbers.flatMap((n) =>
    CERTIFICATE_TYPES.map((t) => indexer.blindIndex(`${t}:${n}`, SUBJECT_CERT_PURPOSE)),
  );
  const recordedIds = new Set<string>();
  if (subjectKeys.length) {
    const rows = await db
      .selectFrom('subjects')
      .select('id')
      .where('subject_key', 'in', subjectKeys)
      .where('status', '=', 'FILED')
      .execute();
    for (const r of rows) recordedIds.add(r.id);
  }
  if (present(draft.subjectFilingNumber)) {
    const r = await db
      .selectFrom('subjects')
      .select('id')
      .where('filing_number', '=', draft.subjectFilingNumber.trim())
      .where('status', '=', 'FILED')
      .executeTakeFirst();
    if (r) recordedIds.add(r.id);
  }

  const websiteIds = new Set<string>();
  for (const batch of chunks(domains)) {
    if (batch.length === 0) continue;
    const rows = await db
      .selectFrom('domains')
      .select('website_id')
      .where('domain', 'in', batch)
      .where('status', '=', 'FILED')
      .execute();
    for (const r of rows) websiteIds.add(r.website_id);
  }
  const websiteNumbers = uniq((draft.websites ?? []).map((w) => w.filingNumber?.trim()).filter(present));
  if (websiteNumbers.length) {
    const rows = await db.selectFrom('websites').select('id').where('filing_number', 'in', websiteNumbers).execute();
    for (const r of rows) websiteIds.add(r.id);
  }
  if (recordedIds.size) {
    const rows = await db
      .selectFrom('websites')
      .select('id')
      .where('subject_id', 'in', [...recordedIds])
      .where('status', 'in', LIVE_WEBSITE)
      .execute();
    for (const r of rows) websiteIds.add(r.id);
  }

  const websiteRows = websiteIds.size
    ? await db
        .selectFrom('websites')
        .innerJoin('subjects', 'subjects.id', 'websites.subject_id')
        .select([
          'websites.id',
          'websites.subject_id',
          'websites.name',
          'websites.filing_number',
          'websites.accessed_here',
          'websites.data_enc',
          'subjects.filing_number as subject_filing_number',
        ])
        .where('websites.id', 'in', [...websiteIds])
        .where('websites.status', 'in', LIVE_WEBSITE)
        .where('subjects.status', '=', 'FILED')
        .execute()
    : [];

  const subjectIds = uniq([...recordedIds, ...websiteRows.map((w) => w.subject_id)]);
  const subjectRows = subjectIds.length
    ? await db
        .selectFrom('subjects')
        .leftJoin('users', 'users.id', 'subjects.account_id')
        .select([
          'subjects.id',
          'subjects.account_id',
          'subjects.subject_type',
          'subjects.name',
          'subjects.province',
          'subjects.cert_type',
          'subjects.cert_number_enc',
          'subjects.filing_number',
          'subjects.data_enc',
          'users.account_no',
        ])
        .where('subjects.id', 'in', subjectIds)
        .where('subjects.status', '=', 'FILED')
        .execute()
    : [];
  const accessedSubjects = new Set(
    subjectIds.length
      ? (
          await db
            .selectFrom('websites')
            .select('subject_id')
            .where('subject_id', 'in', subjectIds)
            .where('accessed_here', '=', 1)
            .where('status', '=', 'FILED')
            .execute()
        ).map((r) => r.subject_id)
      : [],
  );
  const websiteDomains = new Map<string, string[]>();
  if (websiteRows.length) {
    const rows = await db
      .selectFrom('domains')
      .select(['website_id', 'domain'])
      .where(
        'website_id',
        'in',
        websiteRows.map((w) => w.id),
      )
      .where('status', '=', 'FILED')
      .orderBy('domain')
      .execute();
    for (const r of rows) {
      const list = websiteDomains.get(r.website_id) ?? [];
      if (!list.includes(r.domain)) list.push(r.domain);
      websiteDomains.set(r.website_id, list);
    }
  }

  const subjectData = new Map<string, SubjectData>();
  const registrySubjects: RegistrySubject[] = [];
  for (const s of subjectRows) {
    if (!s.filing_number) continue;
    const data = decSubject(s.id, s.data_enc);
    subjectData.set(s.id, data);
    const principal = principalRecord(data.subjectPrincipal);
    const address: Address | undefined = data.subject?.communicationAddress;
    registrySubjects.push({
      filingNumber: s.filing_number,
      type: s.subject_type as SubjectType,
      name: s.name,
      certificateType: s.cert_type as CertificateType,
      certificateNumber: decCert(s.id, s.cert_number_enc),
      province: s.province as Province,
      accountId: s.account_id,
      accountUin: s.account_no ?? null,
      accessedHere: accessedSubjects.has(s.id),
      ...(address ? { communicationAddress: address } : {}),
      ...(principal ? { principal } : {}),
    });
  }
  const filedSubjects = new Set(subjectRows.filter((s) => s.filing_number).map((s) => s.id));
  const registryWebsites: RegistryWebsite[] = [];
  for (const w of websiteRows) {
    if (!w.filing_number || !w.subject_filing_number || !filedSubjects.has(w.subject_id)) continue;
    const data = decWebsite(w.id, w.data_enc);
    const principal = principalRecord(
      data.principalSameAsSubject ? subjectData.get(w.subject_id)?.subjectPrincipal : data.principal,
    );
    registryWebsites.push({
      filingNumber: w.filing_number,
      subjectFilingNumber: w.subject_filing_number,
      name: w.name,
      domains: websiteDomains.get(w.id) ?? [],
      ...(data.serviceContent ? { serviceContent: data.serviceContent } : {}),
      ...(data.preApprovalCategories ? { preApprovalCategories: data.preApprovalCategories } : {}),
      ...(data.preApprovals ? { preApprovals: data.preApprovals } : {}),
      ...(principal ? { principal } : {}),
      accessedHere: w.accessed_here === 1,
    });
  }

  // An ACCESS order acts on a record filed through another provider, which this platform's registry does not hold:
  // the bureau's copy in the order (read-only, R-SUB-029), as the verify step found it at the bureau, stands for it.
  // Without it the registry alone would read the subject as unfiled and call the order FIRST (a false WRONG_ORDER_TYPE).
  const bureauNumber = draft.orderType === 'ACCESS' ? draft.subjectFilingNumber?.trim() : undefined;
  if (
    present(bureauNumber) &&
    draft.subject?.type &&
    draft.subject.certificateType &&
    present(draft.subject.certificateNumber) &&
    !registrySubjects.some((x) => x.filingNumber === bureauNumber)
  ) {
    registrySubjects.push({
      filingNumber: bureauNumber,
      type: draft.subject.type,
      name: draft.subject.name ?? '',
      certificateType: draft.subject.certificateType,
      certificateNumber: draft.subject.certificateNumber,
      province: draft.province as RegistrySubject['province'],
      accountId: null,
      accessedHere: false,
    });
    for (const w of draft.websites ?? [])
      if (present(w.filingNumber) && !registryWebsites.some((x) => x.filingNumber === w.filingNumber))
        registryWebsites.push({
          filingNumber: w.filingNumber,
          subjectFilingNumber: bureauNumber,
          name: w.name ?? '',
          domains: uniq((w.domains ?? []).map(registrableOf).filter((d): d is string => !!d)),
          accessedHere: false,
        });
  }

  const principals = await principalUses(db, deps.pii, enteredPrincipals(draft));

  // ---------------------------------------------------------------------------------------------------------------
  // The account's bound subject (R-ACC-001/002): its filed subject on this platform.

  const account = await db
    .selectFrom('users')
    .select('account_no')
    .where('id', '=', input.accountId)
    .executeTakeFirst();
  const own = await db
    .selectFrom('subjects')
    .select(['id', 'cert_type', 'cert_number_enc', 'name', 'subject_type'])
    .where('account_id', '=', input.accountId)
    .where('status', '!=', 'CANCELLED')
    .orderBy('created_at')
    .executeTakeFirst();

  // ---------------------------------------------------------------------------------------------------------------
  // Open orders here (R-ORD-007/009, R-ACC-004): the account's own, and other accounts' on the same certificate or
  // domains. The non-personal `summary` selects the candidates; only those have their draft decrypted, to compare
  // the full certificate (the summary holds it masked, and masks collide).

  const openOrders = await openOrdersTouching(db, deps.pii, {
    accountId: input.accountId,
    orderId: input.orderId,
    certNumbers,
    domains,
    recordedSubjectIds: recordedIds,
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Registrar facts (R-WEB-007..014) for the entered domains, and for the recorded subject's filed domains
  // (R-CHG-015: a filed domain that lapsed or changed hands).

  const isRecorded = (s: RegistrySubject) =>
    certNumbers.includes(certKey(s.certificateNumber)) ||
    (present(draft.subjectFilingNumber) && s.filingNumber === draft.subjectFilingNumber.trim());
  const filedOfRecorded = registryWebsites
    .filter((w) => registrySubjects.some((s) => s.filingNumber === w.subjectFilingNumber && isRecorded(s)))
    .flatMap((w) => w.domains);
  const domainFacts = await deps.registrar.lookup(uniq([...domains, ...filedOfRecorded]));

  const approvedSuffixes = deps.approvedSuffixes?.();
  return {
    now: nowDate.toISOString(),
    account: {
      id: input.accountId,
      ...(account ? { uin: account.account_no } : {}),
      subject: own
        ? {
            certificateType: own.cert_type as CertificateType,
            certificateNumber: decCert(own.id, own.cert_number_enc),
            name: own.name,
            type: own.subject_type as SubjectType,
          }
        : null,
    },
    ...(input.orderId ? { orderId: input.orderId } : {}),
    servers,
    ...(authCode !== undefined ? { authCode } : {}),
    registry: { subjects: registrySubjects, websites: registryWebsites, principals },
    openOrders,
    domains: domainFacts,
    calendar: calendarData(deps.calendar, today),
    config: {
      resourceSyncDelayMinutes: deps.syncDelayMinutes,
      ...(approvedSuffixes ? { approvedSuffixes } : {}),
    },
  };
}

/** A recorded principal as the rules compare it: only the fields the record holds (a missing one is not "different"). */
function principalRecord(p: Principal | undefined): PrincipalRecord | undefined {
  if (!p || !present(p.name) || !present(p.certificateNumber)) return undefined;
  return {
    name: p.name,
    certificateNumber: p.certificateNumber,
    ...(p.certificateValidTo ? { certificateValidTo: p.certificateValidTo } : {}),
    ...(present(p.mobile) ? { mobile: p.mobile } : {}),
    ...(present(p.officePhone) ? { officePhone: p.officePhone } : {}),
    ...(present(p.email) ? { email: p.email } : {}),
  };
}

// -----------------------------------------------------------------------------------------------------------------
// Principal uses (R-SUB-019, R-SUB-020, R-SUB-023) through the blind-index table `registry_principal_keys`.

/** The blind keys of a principal: phone numbers by their national number, certificates upper-cased. */
function principalKeys(pii: PiiCrypto, p: Principal | undefined) {
  const phone = (n: string | undefined) => (present(n) ? pii.indexer.blindIndex(phoneKey(n), PHONE_PURPOSE) : null);
  return {
    mobile_key: phone(p?.mobile),
    phone_key: phone(p?.officePhone),
    cert_key: present(p?.certificateNumber) ? pii.indexer.blindIndex(certKey(p.certificateNumber), CERT_PURPOSE) : null,
  };
}

/**
 * Brings the principal index up to date with the registry: every filed subject and live website whose row changed
 * since its keys were computed (its `updated_at` differs) is decrypted once and re-keyed. The registry writes
 * `updated_at` with every change, so after the first run only rows changed since the last check are read.
 */
export async function refreshPrincipalIndex(db: Tx, pii: PiiCrypto): Promise<number> {
  const { keyring } = pii;
  const subjects = await db
    .selectFrom('subjects')
    .leftJoin('registry_principal_keys as k', 'k.entity_id', 'subjects.id')
    .select(['subjects.id', 'subjects.updated_at', 'subjects.data_enc'])
    .where('subjects.status', '=', 'FILED')
    .where((eb) =>
      eb.or([eb('k.entity_id', 'is', null), eb('k.source_updated_at', '!=', eb.ref('subjects.updated_at'))]),
    )
    .execute();
  const websites = await db
    .selectFrom('websites')
    .leftJoin('registry_principal_keys as k', 'k.entity_id', 'websites.id')
    .select(['websites.id', 'websites.subject_id', 'websites.updated_at', 'websites.data_enc'])
    .where('websites.status', 'in', LIVE_WEBSITE)
    .where((eb) =>
      eb.or([eb('k.entity_id', 'is', null), eb('k.source_updated_at', '!=', eb.ref('websites.updated_at'))]),
    )
    .execute();
  const rows = [
    ...subjects.map((s) => {
      const data: SubjectData = s.data_enc
        ? JSON.parse(keyring.decryptString(s.data_enc, `subjects.data.${s.id}`))
        : {};
      return {
        entity_id: s.id,
        entity_type: 'subject',
        subject_id: s.id,
        source_updated_at: s.updated_at,
        ...principalKeys(pii, data.subjectPrincipal),
      };
    }),
    ...websites.map((w) => {
      const data: Website = w.data_enc ? JSON.parse(keyring.decryptString(w.data_enc, `websites.data.${w.id}`)) : {};
      // a website linked to the subject principal (R-SUB-024) is found through the subject's keys
      return {
        entity_id: w.id,
        entity_type: 'website',
        subject_id: w.subject_id,
        source_updated_at: w.updated_at,
        ...principalKeys(pii, data.principalSameAsSubject ? undefined : data.principal),
      };
    }),
  ];
  for (const r of rows) {
    const { entity_id: _id, ...update } = r;
    await db
      .insertInto('registry_principal_keys')
      .values(r)
      .onConflict((oc) => oc.column('entity_id').doUpdateSet(update))
      .execute();
  }
  return rows.length;
}

/** Where the entered principals' mobiles, office phones and certificates are recorded in the registry. */
async function principalUses(db: Tx, pii: PiiCrypto, entered: readonly Principal[]): Promise<PrincipalUse[]> {
  await refreshPrincipalIndex(db, pii);
  const phoneKeys = uniq(
    entered
      .flatMap((p) => [p.mobile, p.officePhone])
      .filter(present)
      .map((n) => pii.indexer.blindIndex(phoneKey(n), PHONE_PURPOSE)),
  );
  const certKeys = uniq(
    entered
      .map((p) => p.certificateNumber)
      .filter(present)
      .map((n) => pii.indexer.blindIndex(certKey(n), CERT_PURPOSE)),
  );
  if (phoneKeys.length === 0 && certKeys.length === 0) return [];
  const hits = await db
    .selectFrom('registry_principal_keys')
    .select(['entity_id', 'entity_type', 'subject_id'])
    .where((eb) =>
      eb.or([
        ...(phoneKeys.length ? [eb('mobile_key', 'in', phoneKeys), eb('phone_key', 'in', phoneKeys)] : []),
        ...(certKeys.length ? [eb('cert_key', 'in', certKeys)] : []),
      ]),
    )
    .execute();
  if (hits.length === 0) return [];
  const { keyring } = pii;
  const subjectIds = uniq(hits.map((h) => h.subject_id));
  const subjects = await db
    .selectFrom('subjects')
    .select(['id', 'name', 'subject_type', 'cert_number_enc', 'data_enc'])
    .where('id', 'in', subjectIds)
    .where('status', '=', 'FILED')
    .execute();
  const subjectById = new Map(
    subjects.map((s) => [
      s.id,
      {
        name: s.name,
        type: s.subject_type as SubjectType,
        cert: keyring.decryptString(s.cert_number_enc, `subjects.cert.${s.id}`),
        data: (s.data_enc ? JSON.parse(keyring.decryptString(s.data_enc, `subjects.data.${s.id}`)) : {}) as SubjectData,
      },
    ]),
  );
  // websites: the ones hit directly, and the live websites of hit subjects that are linked to the subject principal
  const subjectHits = hits.filter((h) => h.entity_type === 'subject').map((h) => h.subject_id);
  const websiteHitIds = hits.filter((h) => h.entity_type === 'website').map((h) => h.entity_id);
  const websites = await db
    .selectFrom('websites')
    .select(['id', 'subject_id', 'data_enc'])
    .where('status', 'in', LIVE_WEBSITE)
    .where((eb) =>
      eb.or([
        ...(websiteHitIds.length ? [eb('id', 'in', websiteHitIds)] : []),
        ...(subjectHits.length ? [eb('subject_id', 'in', subjectHits)] : []),
      ]),
    )
    .execute();

  const out: PrincipalUse[] = [];
  const use = (subjectId: string, role: PrincipalUse['role'], p: Principal | undefined) => {
    const s = subjectById.get(subjectId);
    if (!s || !p || !present(p.name) || !present(p.certificateNumber)) return;
    out.push({
      subjectCertificateNumber: s.cert,
      subjectName: s.name,
      subjectType: s.type,
      role,
      name: p.name,
      certificateNumber: p.certificateNumber,
      ...(present(p.mobile) ? { mobile: p.mobile } : {}),
      ...(present(p.officePhone) ? { officePhone: p.officePhone } : {}),
    });
  };
  for (const id of uniq(subjectHits)) use(id, 'SUBJECT', subjectById.get(id)?.data.subjectPrincipal);
  for (const w of websites) {
    const data: Website = w.data_enc ? JSON.parse(keyring.decryptString(w.data_enc, `websites.data.${w.id}`)) : {};
    if (data.principalSameAsSubject) {
      if (subjectHits.includes(w.subject_id))
        use(w.subject_id, 'WEBSITE', subjectById.get(w.subject_id)?.data.subjectPrincipal);
    } else if (websiteHitIds.includes(w.id)) use(w.subject_id, 'WEBSITE', data.principal);
  }
  return out;
}

// -----------------------------------------------------------------------------------------------------------------
// Open orders.

async function openOrdersTouching(
  db: Tx,
  pii: PiiCrypto,
  q: {
    accountId: string;
    orderId?: string;
    certNumbers: readonly string[];
    domains: readonly string[];
    recordedSubjectIds: ReadonlySet<string>;
  },
): Promise<OpenOrderFacts[]> {
  let query = db
    .selectFrom('orders')
    .leftJoin('users', 'users.id', 'orders.account_id')
    .select([
      'orders.id',
      'orders.account_id',
      'orders.order_type',
      'orders.state',
      'orders.summary',
      'orders.subject_id',
      'users.account_no',
    ])
    .where('orders.state', 'in', [...NON_TERMINAL_STATES])
    // another account's unsubmitted draft binds nothing: otherwise anyone could squat a stranger's certificate
    // number or domain by starting a draft (R-ACC-004 speaks of an application submitted, 「提交过备案申请」)
    .where((eb) => eb.or([eb('orders.account_id', '=', q.accountId), eb('orders.state', '!=', 'DRAFT')]));
  if (q.orderId) query = query.where('orders.id', '!=', q.orderId);
  const rows = await query.execute();
  const masks = new Set(q.certNumbers.map((n) => maskIdNumber(n).toUpperCase()));
  const wanted = new Set(q.domains);
  const out: OpenOrderFacts[] = [];
  for (const r of rows) {
    const summary = parseSummary(r.summary);
    const summaryDomains = uniq(
      summary.websites.flatMap((w) => w.domains.map(registrableOf).filter((d): d is string => !!d)),
    );
    const candidate =
      summaryDomains.some((d) => wanted.has(d)) ||
      (!!summary.certMasked && masks.has(summary.certMasked.toUpperCase())) ||
      (!!r.subject_id && q.recordedSubjectIds.has(r.subject_id));
    const mine = r.account_id === q.accountId;
    if (!candidate && !mine) continue;
    const base: OpenOrderFacts = {
      id: r.id,
      provider: 'HERE',
      accountId: r.account_id,
      accountUin: r.account_no,
      orderType: r.order_type as OpenOrderFacts['orderType'],
      state: r.state,
      atBureau: r.state === 'PENDING_BUREAU',
      ...(summary.subjectName ? { subjectName: summary.subjectName } : {}),
      domains: summaryDomains,
    };
    if (!candidate) {
      // the account's own order, for R-ORD-007; it touches neither the certificate nor the domains
      out.push(base);
      continue;
    }
    const full = await db.selectFrom('orders').select('draft_enc').where('id', '=', r.id).executeTakeFirst();
    if (!full) continue;
    const draft = JSON.parse(pii.keyring.decryptString(full.draft_enc, `orders.draft_enc.${r.id}`)) as FilingDraft;
    const cert = draft.subject?.certificateNumber;
    const orderDomains = enteredDomains(draft);
    const touches =
      (present(cert) && q.certNumbers.includes(certKey(cert))) ||
      orderDomains.some((d) => wanted.has(d)) ||
      (!!r.subject_id && q.recordedSubjectIds.has(r.subject_id));
    if (!touches && !mine) continue;
    out.push({
      ...base,
      ...(present(cert) ? { subjectCertificateNumber: cert } : {}),
      ...(draft.subject?.name ? { subjectName: draft.subject.name } : {}),
      domains: orderDomains,
    });
  }
  return out;
}

interface OrderSummary {
  subjectName: string | null;
  certMasked: string | null;
  websites: { domains: string[] }[];
}

function parseSummary(text: string): OrderSummary {
  try {
    const s = JSON.parse(text) as Partial<OrderSummary> | null;
    return {
      subjectName: typeof s?.subjectName === 'string' ? s.subjectName : null,
      certMasked: typeof s?.certMasked === 'string' ? s.certMasked : null,
      websites: Array.isArray(s?.websites)
        ? s.websites.map((w) => ({
            domains: Array.isArray(w?.domains) ? w.domains.filter((d) => typeof d === 'string') : [],
          }))
        : [],
    };
  } catch {
    return { subjectName: null, certMasked: null, websites: [] };
  }
}

// -----------------------------------------------------------------------------------------------------------------
// The calendar as data (R-ORD-035).

/**
 * Days before `today` a working-day rule may start counting from: a real-name verification older than this became
 * visible (3 working days + 1, R-WEB-010) long ago whatever the holidays. Days after `today` a rule may count to:
 * R-SUB-026's bureau horizon (up to ~30 working days) across the longest break.
 */
const CALENDAR_DAYS_BACK = 60;
const CALENDAR_DAYS_AHEAD = 200;
const calendarMemo = new Map<string, CalendarData>();

/** Holidays and make-up workdays around `today`, from the platform calendar (vendored notices plus overrides). */
export function calendarData(calendar: WorkCalendar, today: string): CalendarData {
  const key = `${calendar.version}|${today}`;
  const hit = calendarMemo.get(key);
  if (hit) return hit;
  const holidays: string[] = [];
  const makeupWorkdays: string[] = [];
  for (let i = -CALENDAR_DAYS_BACK; i <= CALENDAR_DAYS_AHEAD; i++) {
    const day = calendar.dayInfo(addCalendarDays(today, i));
    if (day.kind === 'holiday') holidays.push(day.date);
    else if (day.kind === 'makeUpWorkday') makeupWorkdays.push(day.date);
  }
  const out = { holidays, makeupWorkdays };
  if (calendarMemo.size > 64) calendarMemo.clear();
  calendarMemo.set(key, out);
  return out;
}

// -----------------------------------------------------------------------------------------------------------------
// The bureau's approved suffixes (R-WEB-005/006) as a synchronous getter for `approvedSuffixes`.

/**
 * The last approved-suffix list fetched from the bureau (BureauPort#approvedSuffixes), refreshed in the background at
 * most every `ttlMs`. Until a fetch succeeds it answers undefined, so the shipped list applies; a failed fetch keeps
 * the last list; an empty list is ignored, because it would refuse every domain (a false rejection, not a fact).
 */
export function cachedApprovedSuffixes(
  load: () => Promise<readonly string[]>,
  opts: { clock: Clock; ttlMs?: number; onError?: (err: unknown) => void },
): () => readonly string[] | undefined {
  const ttl = opts.ttlMs ?? 3_600_000;
  let list: readonly string[] | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | null = null;
  return () => {
    const now = opts.clock.now().getTime();
    if (!pending && now - fetchedAt >= ttl) {
      fetchedAt = now;
      pending = load()
        .then((next) => {
          if (next.length > 0) list = [...next];
        })
        .catch((err: unknown) => opts.onError?.(err))
        .finally(() => {
          pending = null;
        });
    }
    return list;
  };
}
