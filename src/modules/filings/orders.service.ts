import { Value } from 'typebox/value';
import type { Clock } from '../../platform/clock.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import { maskIdNumber } from '../../platform/crypto/pii.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { newId, randomDigits } from '../../platform/db/ids.ts';
import { DomainError, ruleViolation } from '../../platform/errors.ts';
import { clearTimers, setTimer } from '../../platform/timers.ts';
import { type AccessChange, applyAccessChanges } from '../access/access.repository.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import { beijingDate, type WorkCalendar } from '../calendar/index.ts';
import type { AuthCodesService } from '../resources/auth-codes.service.ts';
import { serverFacts } from '../resources/facts.ts';
import { toServerView } from '../resources/servers.service.ts';
import { type FilingDraft, FilingDraftSchema } from '../rules/draft.ts';
import { serverEligibility } from '../rules/eligibility.ts';
import { provinceTable } from '../rules/provinces/table.ts';
import { registrableDomain } from '../rules/validators/domain.ts';
import type { Violation } from '../rules/violation.ts';
import { type DomainFacts, type VerifyFacts, verifyOrderType } from './domain/detect-type.ts';
import type { EditSection, OrderType } from './domain/order-types.ts';
import { refusal, refusalToError } from './domain/refusals.ts';
import type { OrderState } from './domain/states.ts';
import {
  type Accepted,
  allowedEvents,
  type Decision,
  type Actor as DomainActor,
  decide,
  decideCreate,
  INITIAL_FLAGS,
  type OrderEvent,
  type OrderFlags,
  type OrderSnapshot,
} from './domain/transitions.ts';
import { type WorkingDayTimerPayload, workingDayDueAt } from './order-timers.ts';

export type OrderRow = NonNullable<Awaited<ReturnType<typeof loadOrder>>>;
async function loadOrder(tx: Tx, id: string) {
  return tx.selectFrom('orders').selectAll().where('id', '=', id).executeTakeFirst();
}

export interface VerifyInput {
  subject: { type: string; certificateType: string; certificateNumber: string; name: string };
  province: string;
  domains: string[];
  serverId?: string;
  authCode?: string;
}

export interface RejectionReason {
  code: string;
  field: string;
  message: string;
  fix?: string;
}

/** What the lifecycle needs from the checker: blocking violations of the current draft (R-ORD-003 at submit). */
export type DraftChecker = (
  draft: FilingDraft,
  ctx: {
    accountId: string;
    today: string;
    orderType: OrderType;
    /** The order checked: its own code reservation and open state are not counted against it. */
    orderId?: string;
    /** Gather the platform's facts (servers, registry, open orders, registrar); false: the draft's own rules only. */
    withFacts?: boolean;
  },
) => Promise<{
  blocking: number;
  violations: unknown[];
  ruleSetVersion?: string;
  missingPhotos: { kind: string; websiteIndex?: number; reason: { zh: string; en: string } }[];
}>;

export interface OrdersDeps {
  database: Database;
  clock: Clock;
  calendar: WorkCalendar;
  pii: PiiCrypto;
  authCodes: AuthCodesService;
  checkDraft: DraftChecker;
  syncDelayMinutes: number;
  /**
   * Writes the notifications a transition sends (the table's `notify` rules, R-NTF) into the outbox, in the same
   * transaction as the state change, so a committed change is always reported and a rolled-back one never is.
   */
  notify?: (
    tx: Tx,
    ctx: {
      row: OrderRow;
      decision: Accepted;
      draft: FilingDraft;
      actor: Actor;
      rejection?: RejectionReason[];
      now: number;
    },
  ) => Promise<void>;
  /**
   * The bureau's answer for the verify step (late-bound: the bureau module is built after this service). Without it,
   * or when the bureau cannot be reached, the verify step decides from this platform's registry and says so.
   */
  bureauLookup?: () => BureauVerifyLookup | undefined;
  /**
   * R-BUR-018: the bureau's blacklist as downloaded (HMDLB), late-bound like `bureauLookup`. Returns the BLACKLISTED
   * violations for a certificate number and website names, so a listed subject is refused at once rather than after
   * the reviews and the bureau's 20 working days.
   */
  blacklist?: () => BlacklistCheck | undefined;
}

/** What the bureau knows for the verify step (R-ORD-004/006/008/009), gathered before the verify transaction. */
export interface BureauVerifyAnswer {
  /** The filing behind the entered certificate, at any provider. */
  subject: { filingNumber: string; name: string } | null;
  /** The certificate is in an application in flight at the bureau (R-ORD-008). */
  subjectInFlight: boolean;
  domains: {
    domain: string;
    /** In an application in flight at the bureau, any provider (R-ORD-009). */
    inFlight: boolean;
    filing: { websiteFilingNumber: string; subjectFilingNumber: string; subjectName: string } | null;
  }[];
}
export type BureauVerifyLookup = (q: {
  certificateType: string;
  certificateNumber: string;
  domains: string[];
}) => Promise<BureauVerifyAnswer>;

export type BlacklistCheck = (
  db: Database['db'],
  input: { certificateNumber?: string | null; websiteNames?: readonly (string | null | undefined)[] },
) => Promise<Violation[]>;

/** States in which the customer's data are still checked against the platform's facts (not yet at the bureau). */
function beforeBureau(state: string): boolean {
  return ['DRAFT', 'INITIAL_REJECTED', 'RE_REVIEW_REJECTED', 'BUREAU_REJECTED', 'PENDING_INITIAL_REVIEW'].includes(state);
}

/** Whether the verify step could ask the bureau; without it only this platform's registry decided. */
export type BureauLookupOutcome = 'CONSULTED' | 'UNAVAILABLE' | 'NOT_CONFIGURED';

const subjectPurpose = 'subject.cert';
/** The order event detail recording an ACCESS order's copy of the bureau record (R-SUB-029). */
const ACCESS_COPY = 'accessRecordCopied';

export function createOrdersService(deps: OrdersDeps) {
  const { db } = deps.database;
  const now = () => deps.clock.now().getTime();
  const today = () => beijingDate(deps.clock.now());
  const encDraft = (id: string, d: FilingDraft) =>
    deps.pii.keyring.encryptString(JSON.stringify(d), `orders.draft_enc.${id}`);
  const decDraft = (row: OrderRow): FilingDraft =>
    JSON.parse(deps.pii.keyring.decryptString(row.draft_enc, `orders.draft_enc.${row.id}`));
  const subjectKey = (certType: string, certNumber: string) =>
    deps.pii.indexer.blindIndex(`${certType}:${certNumber.trim().toUpperCase()}`, subjectPurpose);
  const domainActor = (a: Actor): DomainActor =>
    ({ role: a.role === 'edge' || a.role === 'billing' ? 'system' : a.role }) as DomainActor;

  function bureauDays(province: string | null): number {
    const p = province ? (provinceTable as Record<string, { bureauWorkingDays?: number }>)[province] : undefined;
    return p?.bureauWorkingDays ?? 20;
  }

  function snapshot(row: OrderRow, extra: Partial<OrderSnapshot> = {}): OrderSnapshot {
    return {
      type: row.order_type as OrderType,
      state: row.state as OrderState,
      stateEnteredAt: new Date(row.state_entered_at),
      initiator: 'customer',
      authCodeId: row.auth_code_id,
      bureauWorkingDays: bureauDays(row.province),
      flags: { ...INITIAL_FLAGS, ...(JSON.parse(row.flags) as Partial<OrderFlags>) },
      curtainPhotosComplete: false,
      openBlockingViolations: 0,
      ...extra,
    };
  }

  function refuseDecision(d: Decision): asserts d is Accepted {
    if (!d.ok) throw refusalToError(d);
  }

  /** Due instants for the timers a decision sets: calendar days as 24 h periods, working days by the calendar (§0.2). */
  function timerDue(spec: Accepted['timers']['set'][number]): {
    dueAt: number;
    calendarVersion?: string;
    payload?: WorkingDayTimerPayload;
  } {
    const t = now();
    if ('calendarDays' in spec.due) return { dueAt: t + spec.due.calendarDays * 86_400_000 };
    const from = today();
    const r = deps.calendar.addWorkingDaysDetailed(from, spec.due.workingDays);
    // the start day and count travel with the timer, so a calendar change can recompute it (recomputeWorkingDayTimers)
    return {
      dueAt: workingDayDueAt(r.date),
      calendarVersion: r.calendarVersion,
      payload: { workingDays: spec.due.workingDays, from },
    };
  }

  function orderDomains(draft: FilingDraft): string[] {
    const out = new Set<string>();
    for (const w of draft.websites ?? [])
      for (const d of w.domains ?? []) {
        const reg = safeRegistrable(d);
        if (reg) out.add(reg);
      }
    return [...out];
  }

  async function accessChanges(tx: Tx, d: Accepted, row: OrderRow, draft: FilingDraft): Promise<AccessChange[]> {
    const domains = orderDomains(draft);
    const a = d.access;
    if (a.group === 'CHG') {
      // R-ACS-009 / T18: at approval the domains a CHANGE_WEBSITE adds become served and those it removes blocked
      if (d.to !== 'APPROVED' || !row.subject_id) return [];
      const numbers = (draft.websites ?? []).map((w) => w.filingNumber).filter((n): n is string => !!n);
      if (numbers.length === 0) return [];
      const filed = await tx
        .selectFrom('domains')
        .innerJoin('websites', 'websites.id', 'domains.website_id')
        .select('domains.domain')
        .where('websites.filing_number', 'in', numbers)
        .where('domains.status', '!=', 'CANCELLED')
        .execute();
      const was = new Set(filed.map((f) => f.domain));
      const now = new Set(domains);
      return [
        ...domains
          .filter((x) => !was.has(x))
          .map((domain) => ({
            domain,
            decision: 'allow' as const,
            reason: 'FILED' as const,
            subjectId: row.subject_id,
            orderId: row.id,
          })),
        ...[...was]
          .filter((x) => !now.has(x))
          .map((domain) => ({
            domain,
            decision: 'block' as const,
            reason: 'NOT_FILED' as const,
            subjectId: row.subject_id,
            orderId: row.id,
          })),
      ];
    }
    // an abandoned or expired first filing is no longer "in progress": its domains are simply not filed
    if (a.group === 'NEW' && (d.to === 'ABANDONED' || d.to === 'EXPIRED'))
      return domains.map((domain) => ({
        domain,
        decision: 'block',
        reason: 'NOT_FILED',
        subjectId: row.subject_id,
        orderId: row.id,
      }));
    const map = {
      ALLOWED: ['allow', 'FILED'],
      TEMPORARY: ['temp_allow', 'ACCESS_IN_REVIEW'],
      BLOCKED: [
        'block',
        a.group === 'CXL' ? 'CANCELLED' : a.group === 'ACC' ? 'NOT_ACCESSED_HERE' : 'FILING_IN_PROGRESS',
      ],
    } as const;
    if (a.domains === 'UNCHANGED') return [];
    const [decision, reason] = map[a.domains];
    return domains.map((domain) => ({ domain, decision, reason, subjectId: row.subject_id, orderId: row.id }));
  }

  /**
   * The one transition function (DESIGN decision 1): in one transaction it re-reads the order, asks the pure table,
   * bumps the version (a stale version is refused), appends the order event and the audit entry, sets and clears
   * timers, updates the access projection and the authorization code.
   */
  async function transition(
    orderId: string,
    event: OrderEvent,
    actor: Actor,
    opts: {
      expectedVersion?: number;
      requestId?: string;
      details?: Record<string, unknown>;
      draft?: FilingDraft;
      extra?: Partial<OrderSnapshot>;
      rejection?: RejectionReason[];
      /**
       * Extra writes that must commit with the state change (e.g. the registry rows and filing numbers of a bureau
       * approval). Runs after the table accepted the event and the order row was updated, inside the transaction.
       */
      inTransaction?: (
        tx: Tx,
        ctx: { row: OrderRow; decision: Accepted; draft: FilingDraft; now: number },
      ) => Promise<void>;
    } = {},
  ) {
    return db.transaction().execute(async (tx) => {
      const row = await loadOrder(tx, orderId);
      if (!row) throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
      if (actor.role === 'customer' && row.account_id !== actor.id)
        throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
      if (opts.expectedVersion !== undefined && opts.expectedVersion !== row.version)
        throw new DomainError('STALE_VERSION', {
          reason: 'STALE_VERSION',
          details: { expected: opts.expectedVersion, current: row.version },
        });
      const d = decide(snapshot(row, opts.extra), event, domainActor(actor));
      refuseDecision(d);
      const t = now();
      const flags = { ...JSON.parse(row.flags), ...d.flags };
      const draft = opts.draft ?? decDraft(row);
      const res = await tx
        .updateTable('orders')
        .set({
          state: d.to,
          version: row.version + 1,
          flags: JSON.stringify(flags),
          updated_at: t,
          ...(d.stateChanged ? { state_entered_at: t } : {}),
          ...(opts.draft
            ? { draft_enc: encDraft(row.id, opts.draft), summary: JSON.stringify(summarize(opts.draft)) }
            : {}),
          ...(event.type === 'SUBMIT' || event.type === 'RESUBMIT' ? { submitted_at: t } : {}),
          ...(opts.rejection ? { rejection: JSON.stringify({ step: row.state, reasons: opts.rejection, at: t }) } : {}),
          ...(event.type === 'INITIAL_APPROVE' ? { initial_passed: 1 } : {}),
        })
        .where('id', '=', row.id)
        .where('version', '=', row.version)
        .executeTakeFirst();
      // a concurrent decision committed first: exactly one of two racing reviewers wins
      if (Number(res.numUpdatedRows) !== 1) throw new DomainError('STALE_VERSION', { reason: 'STALE_VERSION' });
      const seq = row.version + 1;
      await tx
        .insertInto('order_events')
        .values({
          id: newId(),
          order_id: row.id,
          seq,
          at: t,
          actor_id: actor.id,
          actor_role: actor.role,
          event: d.auditType,
          from_state: row.state,
          to_state: d.to,
          request_id: opts.requestId ?? null,
          details: JSON.stringify({ event: event.type, transition: d.transition, rules: d.rules, ...opts.details }),
        })
        .execute();
      await appendAudit(
        tx,
        {
          actor,
          action: `order.${d.auditType.toLowerCase()}`,
          objectType: 'order',
          objectId: row.id,
          requestId: opts.requestId,
          details: { from: row.state, to: d.to, transition: d.transition },
        },
        t,
      );
      if (d.timers.clear.length) await clearTimers(tx, row.id, t, d.timers.clear);
      for (const spec of d.timers.set) await setTimer(tx, { kind: spec.kind, objectId: row.id, ...timerDue(spec) }, t);
      if (d.codeEffect)
        await tx
          .updateTable('auth_codes')
          .set({ state: d.codeEffect.to, order_id: d.codeEffect.to === 'AVAILABLE' ? null : row.id, updated_at: t })
          .where('id', '=', d.codeEffect.codeId)
          .where('state', '=', d.codeEffect.from)
          .execute();
      await applyAccessChanges(tx, await accessChanges(tx, d, row, draft), t);
      if (opts.inTransaction) await opts.inTransaction(tx, { row, decision: d, draft, now: t });
      if (deps.notify && d.notify.length)
        await deps.notify(tx, { row, decision: d, draft, actor, rejection: opts.rejection, now: t });
      return { id: row.id, state: d.to, version: seq, transition: d.transition };
    });
  }

  /** Gathers the registry facts of the verify step (R-ORD-003/004) for the pure type detection. */
  async function verifyFacts(
    tx: Tx,
    actor: Actor,
    input: VerifyInput,
    bureau: BureauVerifyAnswer | null = null,
  ): Promise<VerifyFacts> {
    const key = subjectKey(input.subject.certificateType, input.subject.certificateNumber);
    const own = await tx
      .selectFrom('subjects')
      .selectAll()
      .where('account_id', '=', actor.id!)
      .where('status', '!=', 'CANCELLED')
      .executeTakeFirst();
    const bound = await tx
      .selectFrom('subjects')
      .select(['account_id', 'filing_number', 'name', 'id'])
      .where('subject_key', '=', key)
      .where('status', '!=', 'CANCELLED')
      .executeTakeFirst();
    const states = await tx.selectFrom('orders').select('state').where('account_id', '=', actor.id!).execute();
    const ownKey = own
      ? {
          certType: own.cert_type,
          certNumber: deps.pii.keyring.decryptString(own.cert_number_enc, `subjects.cert.${own.id}`),
        }
      : null;
    // accounts are named by their public account number, which the refusal shows masked (R-ACC-004)
    const accountNo = async (id: string | null | undefined) =>
      id
        ? ((await tx.selectFrom('users').select('account_no').where('id', '=', id).executeTakeFirst())?.account_no ??
          null)
        : null;
    const accessedHere = async (subjectId: string) =>
      !!(await tx
        .selectFrom('websites')
        .select('id')
        .where('subject_id', '=', subjectId)
        .where('accessed_here', '=', 1)
        .where('status', '=', 'FILED')
        .executeTakeFirst());
    const domains: DomainFacts[] = [];
    for (const raw of input.domains) {
      const domain = safeRegistrable(raw) ?? raw.trim().toLowerCase();
      const atBureau = bureau?.domains.find((b) => b.domain === domain);
      const rec = await tx
        .selectFrom('domains')
        .innerJoin('websites', 'websites.id', 'domains.website_id')
        .innerJoin('subjects', 'subjects.id', 'domains.subject_id')
        .select([
          'websites.filing_number as wfn',
          'websites.accessed_here',
          'subjects.filing_number as sfn',
          'subjects.name',
          'subjects.cert_number_masked',
          'subjects.account_id',
        ])
        .where('domains.domain', '=', domain)
        .where('domains.status', '=', 'FILED')
        .executeTakeFirst();
      domains.push({
        domain,
        // R-ORD-009: an application in flight at the bureau through any provider (the bureau's index; orders here
        // that have not reached it yet do not hold a domain, so a draft cannot squat a stranger's domain)
        inFlightElsewhere: !!atBureau?.inFlight,
        // the registry here knows the access records and bindings; the bureau knows every other provider's filings
        filing: rec
          ? {
              websiteFilingNumber: rec.wfn ?? '',
              subjectFilingNumber: rec.sfn ?? '',
              subjectName: rec.name,
              subjectCertNumber: rec.cert_number_masked,
              accessedHere: rec.accessed_here === 1,
              subjectBoundAccountId: await accountNo(rec.account_id),
            }
          : atBureau?.filing
            ? {
                ...atBureau.filing,
                // the public query does not disclose certificate numbers
                subjectCertNumber: '',
                accessedHere: false,
                subjectBoundAccountId: null,
              }
            : null,
      });
    }
    return {
      accountId: (await accountNo(actor.id))!,
      accountSubject:
        own && ownKey
          ? { ...ownKey, name: own.name, accessedHere: await accessedHere(own.id), oldCertOnRecord: false }
          : null,
      accountOrderStates: states.map((s) => s.state as OrderState),
      entered: {
        certType: input.subject.certificateType,
        certNumber: input.subject.certificateNumber.trim().toUpperCase(),
        name: input.subject.name.trim(),
      },
      subjectBoundAccountId: await accountNo(bound?.account_id),
      subjectFiling: bound?.filing_number
        ? {
            filingNumber: bound.filing_number,
            subjectName: bound.name,
            accessedHere: await accessedHere(bound.id),
            oldCertOnRecord: false,
            principalIdExpired: false,
            filedDomainNotHeld: null,
          }
        : bureau?.subject
          ? {
              filingNumber: bureau.subject.filingNumber,
              subjectName: bureau.subject.name,
              accessedHere: false,
              oldCertOnRecord: false,
              principalIdExpired: false,
              filedDomainNotHeld: null,
            }
          : null,
      subjectInFlightElsewhere: !!bureau?.subjectInFlight,
      domains,
    };
  }

  /** R-ACC-006/020..023: an eligible own server, or a valid authorization code from another account. */
  async function resolveResource(tx: Tx, actor: Actor, input: VerifyInput) {
    if (input.authCode) {
      const found = await deps.authCodes.lookup(tx, input.authCode);
      if (!found || found.effectiveState === 'CONSUMED' || found.effectiveState === 'INVALID')
        throw new DomainError('RULE_VIOLATION', {
          reason: 'AUTH_CODE_INVALID',
          message: found?.serverExpired
            ? {
                zh: '备案授权码无效：授权码对应的服务器已到期',
                en: 'Invalid authorization code: its server has expired',
              }
            : { zh: '备案授权码无效', en: 'Invalid authorization code' },
          details: { rule: 'R-ACC-023' },
        });
      if (found.effectiveState === 'RESERVED')
        throw new DomainError('CONFLICT', {
          reason: 'CODE_IN_USE',
          message: { zh: '该授权码正被其他订单使用', en: 'The code is held by another order' },
          details: { rule: 'R-ACC-022' },
        });
      return { serverId: found.server.id, accessIp: found.server.publicIp, authCodeId: found.row.id };
    }
    const rows = await tx.selectFrom('servers').selectAll().where('account_id', '=', actor.id!).execute();
    const views = rows.map(toServerView).filter((s) => !input.serverId || s.id === input.serverId);
    const nowIso = deps.clock.now().toISOString();
    const judged = views.map((s) => ({
      s,
      e: serverEligibility(serverFacts(s, undefined, deps.syncDelayMinutes), today(), { now: nowIso }),
    }));
    const ok = judged.find((j) => j.e.eligible && !j.s.isLoadBalancer);
    if (ok) return { serverId: ok.s.id, accessIp: ok.s.publicIp, authCodeId: null };
    const onlyExpired = judged.length > 0 && judged.every((j) => j.e.reasons.some((r) => r.code === 'SERVER_EXPIRED'));
    const syncing = judged.some((j) => j.e.reasons.some((r) => r.code === 'NOT_YET_SYNCED'));
    if (onlyExpired)
      throw new DomainError('RULE_VIOLATION', {
        reason: 'SERVER_EXPIRED',
        message: {
          zh: '服务器已过期，不能备案，请续费后再试',
          en: 'The server has expired and cannot be used for filing; renew it first',
        },
        details: { rule: 'R-ACC-010' },
      });
    throw new DomainError('RULE_VIOLATION', {
      reason: 'NO_AVAILABLE_RESOURCE',
      message: {
        zh: `暂无可用资源：请在拥有符合条件服务器的账号中生成备案授权码后使用，或购买 3 个月及以上的包年包月中国大陆服务器${syncing ? '（新购服务器需 30 分钟 ~ 1 小时同步，请稍后重试）' : ''}`,
        en: `No available resource: use an authorization code generated in an account with an eligible server, or buy a prepaid mainland server of at least 3 months${syncing ? ' (a new server needs 30 minutes to 1 hour to sync; retry later)' : ''}`,
      },
      details: {
        rule: 'R-ACC-006',
        reasons: judged.map((j) => ({ server: j.s.id, reasons: j.e.reasons.map((r) => r.code) })),
      },
    });
  }

  /** The verify step: detects the order type from registry data (never picked by the customer) and creates the DRAFT (T01). */
  /** T01 for every order type: the DRAFT row, its first event, audit entry, timers and the reserved code. */
  async function insertOrder(
    tx: Tx,
    actor: Actor,
    o: {
      id: string;
      type: OrderType;
      variant: string | null;
      province: string | null;
      subjectId: string | null;
      serverId: string | null;
      authCodeId: string | null;
      accessIp: string | null;
      draft: FilingDraft;
      decision: Accepted;
      requestId?: string;
      details?: Record<string, unknown>;
    },
  ): Promise<string> {
    const d = o.decision;
    const t = now();
    const orderNo = `${today().replaceAll('-', '')}${randomDigits(6)}`;
    await tx
      .insertInto('orders')
      .values({
        id: o.id,
        order_no: orderNo,
        account_id: actor.accountId ?? actor.id!,
        subject_id: o.subjectId,
        order_type: o.type,
        variant: o.variant,
        state: d.to,
        version: 1,
        province: o.province,
        server_id: o.serverId,
        auth_code_id: o.authCodeId,
        access_ip: o.accessIp,
        draft_enc: encDraft(o.id, o.draft),
        summary: JSON.stringify(summarize(o.draft)),
        flags: JSON.stringify(d.flags),
        rejection: null,
        initial_passed: 0,
        photo_flagged: 0,
        state_entered_at: t,
        submitted_at: null,
        bureau_ref: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await tx
      .insertInto('order_events')
      .values({
        id: newId(),
        order_id: o.id,
        seq: 1,
        at: t,
        actor_id: actor.id,
        actor_role: actor.role,
        event: d.auditType,
        from_state: null,
        to_state: d.to,
        request_id: o.requestId ?? null,
        details: JSON.stringify({ transition: d.transition, type: o.type, variant: o.variant, ...o.details }),
      })
      .execute();
    await appendAudit(
      tx,
      {
        actor,
        action: 'order.order_created',
        objectType: 'order',
        objectId: o.id,
        requestId: o.requestId,
        details: { type: o.type },
      },
      t,
    );
    for (const spec of d.timers.set) await setTimer(tx, { kind: spec.kind, objectId: o.id, ...timerDue(spec) }, t);
    if (d.codeEffect) {
      const r = await tx
        .updateTable('auth_codes')
        .set({ state: 'RESERVED', order_id: o.id, updated_at: t })
        .where('id', '=', d.codeEffect.codeId)
        .where('state', '=', 'AVAILABLE')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new DomainError('CONFLICT', { reason: 'CODE_IN_USE' });
    }
    return orderNo;
  }

  /**
   * The bureau's answer for the verify step, asked before its transaction (a SQLite write transaction is never held
   * across a network call). A bureau that cannot be reached leaves the decision to this platform's registry.
   */
  async function askBureau(
    input: VerifyInput,
  ): Promise<{ answer: BureauVerifyAnswer | null; outcome: BureauLookupOutcome }> {
    const lookup = deps.bureauLookup?.();
    if (!lookup) return { answer: null, outcome: 'NOT_CONFIGURED' };
    try {
      const answer = await lookup({
        certificateType: input.subject.certificateType,
        certificateNumber: input.subject.certificateNumber,
        domains: input.domains,
      });
      return { answer, outcome: 'CONSULTED' };
    } catch {
      return { answer: null, outcome: 'UNAVAILABLE' };
    }
  }

  async function create(actor: Actor, input: VerifyInput, requestId?: string) {
    if (input.domains.length === 0) throw refusalToError(refusal('NO_DOMAINS'));
    const listed = await deps.blacklist?.()?.(db, { certificateNumber: input.subject.certificateNumber });
    if (listed?.length) throw ruleViolation(listed);
    const bureau = await askBureau(input);
    const bureauNote =
      bureau.outcome === 'UNAVAILABLE'
        ? {
            code: 'BUREAU_UNAVAILABLE',
            message: {
              zh: '管局系统暂不可用，本次仅依据本平台的备案数据判断备案类型；提交管局时仍以管局数据为准',
              en: "The bureau could not be reached: the order type was detected from this platform's registry only; the bureau still checks it on submission",
            },
          }
        : null;
    return db.transaction().execute(async (tx) => {
      const facts = await verifyFacts(tx, actor, input, bureau.answer);
      const detected = verifyOrderType(facts);
      if (!detected.ok)
        throw refusalToError(detected, {
          ...(detected.domains ? { domains: detected.domains } : {}),
          bureauLookup: bureau.outcome,
        });
      const resource = await resolveResource(tx, actor, input);
      const d = decideCreate(
        {
          type: detected.type,
          initiator: 'customer',
          authCodeId: resource.authCodeId,
          bureauWorkingDays: bureauDays(input.province),
        },
        domainActor(actor),
      );
      refuseDecision(d);
      const id = newId();
      const draft: FilingDraft = {
        orderType: detected.type,
        province: input.province as FilingDraft['province'],
        // ADD_WEBSITE and ACCESS act on the filed subject; ACCESS fetches its record with this number (R-ORD-032)
        ...(detected.subjectFilingNumber ? { subjectFilingNumber: detected.subjectFilingNumber } : {}),
        subject: {
          type: input.subject.type as never,
          name: input.subject.name,
          certificateType: input.subject.certificateType as never,
          certificateNumber: input.subject.certificateNumber,
        },
        websites: [
          {
            domains: facts.domains.map((x) => x.domain),
            accessIps: resource.accessIp ? [resource.accessIp] : [],
            serverIds: [resource.serverId],
          },
        ],
      } as FilingDraft;
      const orderNo = await insertOrder(tx, actor, {
        id,
        type: detected.type,
        variant: detected.variant,
        province: input.province,
        subjectId: null,
        serverId: resource.serverId,
        authCodeId: resource.authCodeId,
        accessIp: resource.accessIp,
        draft,
        decision: d,
        requestId,
      });
      return {
        id,
        orderNo,
        type: detected.type,
        variant: detected.variant,
        state: d.to,
        version: 1,
        subjectFilingNumber: detected.subjectFilingNumber,
        prefill: detected.prefill,
        bureauLookup: bureau.outcome,
        warnings: bureauNote ? [bureauNote] : [],
      };
    });
  }

  async function get(actor: Actor, id: string, requestId?: string) {
    const row = await loadOrder(db, id);
    if (!row || (actor.role === 'customer' && row.account_id !== actor.id))
      throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
    const draft = decDraft(row);
    if (actor.role !== 'customer') {
      // staff reading personal data is audited (DESIGN decision 7)
      await appendAudit(db, { actor, action: 'order.pii_viewed', objectType: 'order', objectId: id, requestId }, now());
    }
    // 提交照片 is offered only with every curtain photo attached (R-ORD-020), as submitPhotos() checks it; the rules run
    // only where the event could be offered at all
    const who = domainActor(actor);
    const photoStep = allowedEvents(snapshot(row, { curtainPhotosComplete: true }), who).includes('SUBMIT_PHOTOS');
    const curtainPhotosComplete =
      photoStep &&
      (
        await deps.checkDraft(draft, {
          accountId: row.account_id,
          today: today(),
          orderType: row.order_type as OrderType,
          orderId: row.id,
        })
      ).missingPhotos.length === 0;
    return { ...view(row), draft, allowedEvents: allowedEvents(snapshot(row, { curtainPhotosComplete }), who) };
  }

  async function list(actor: Actor, filter: { state?: string } = {}) {
    let q = db.selectFrom('orders').selectAll().orderBy('created_at', 'desc').limit(200);
    if (actor.role === 'customer') q = q.where('account_id', '=', actor.id!);
    if (filter.state) q = q.where('state', '=', filter.state);
    return (await q.execute()).map(view);
  }

  async function events(actor: Actor, id: string) {
    const row = await loadOrder(db, id);
    if (!row || (actor.role === 'customer' && row.account_id !== actor.id))
      throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
    const rows = await db.selectFrom('order_events').selectAll().where('order_id', '=', id).orderBy('seq').execute();
    return rows.map((e) => ({
      seq: e.seq,
      at: e.at,
      actorRole: e.actor_role,
      event: e.event,
      from: e.from_state,
      to: e.to_state,
      details: e.details ? JSON.parse(e.details) : null,
    }));
  }

  /** The paths an ACCESS order copied from the bureau record at its last copy (R-SUB-029), or null before any copy. */
  async function accessCopyOf(id: string): Promise<string[] | null> {
    const rows = await db
      .selectFrom('order_events')
      .select('details')
      .where('order_id', '=', id)
      .where('details', 'like', `%${ACCESS_COPY}%`)
      .orderBy('seq', 'desc')
      .execute();
    for (const r of rows) {
      const paths = (JSON.parse(r.details ?? 'null') as Record<string, { paths?: string[] }> | null)?.[ACCESS_COPY]
        ?.paths;
      if (paths) return paths;
    }
    return null;
  }

  /**
   * R-ORD-032a: writes the bureau record's subject, principal and selected websites into an ACCESS order's draft (an
   * EDIT of the website selection, TARGETS) and records which values were copied: those stay read-only (R-SUB-029).
   */
  async function copyAccessRecord(
    actor: Actor,
    id: string,
    copy: { draft: FilingDraft; copiedPaths: string[] },
    requestId?: string,
  ) {
    const row = await loadOrder(db, id);
    if (!row || (actor.role === 'customer' && row.account_id !== actor.id))
      throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
    if (row.order_type !== 'ACCESS')
      throw new DomainError('CONFLICT', {
        reason: 'NOT_AN_ACCESS_ORDER',
        message: { zh: '只有接入备案订单会复制管局备案信息', en: 'Only access orders copy the bureau record' },
      });
    const draft: FilingDraft = {
      ...copy.draft,
      orderType: 'ACCESS',
      province: (row.province ?? copy.draft.province) as FilingDraft['province'],
    };
    return transition(id, { type: 'EDIT', sections: ['TARGETS'] }, actor, {
      requestId,
      draft,
      details: {
        [ACCESS_COPY]: {
          paths: copy.copiedPaths,
          websites: (draft.websites ?? []).map((w) => w.filingNumber ?? null),
        },
      },
    });
  }

  /** Saves the draft (an EDIT event: the table decides whether this state allows it) and returns the live check. */
  async function saveDraft(actor: Actor, id: string, version: number, draft: FilingDraft, requestId?: string) {
    if (!Value.Check(FilingDraftSchema, draft)) throw new DomainError('VALIDATION_FAILED', { reason: 'DRAFT_SCHEMA' });
    const row = await loadOrder(db, id);
    if (!row || (actor.role === 'customer' && row.account_id !== actor.id))
      throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
    // the detected type, the subject's certificate and the access resource are fixed at the verify step
    const fixed: FilingDraft = {
      ...draft,
      orderType: row.order_type as FilingDraft['orderType'],
      province: (row.province ?? draft.province) as FilingDraft['province'],
    };
    // only the sections that really changed are an edit of them (an ACCESS order keeps its bureau data read-only)
    const before = decDraft(row);
    const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
    const sections: EditSection[] = [];
    const dataChanged = {
      subject: !same(before.subject, fixed.subject) || !same(before.subjectPrincipal, fixed.subjectPrincipal),
      websites: !same(before.websites, fixed.websites) || !same(before.subjectFilingNumber, fixed.subjectFilingNumber),
    };
    if (row.order_type === 'ACCESS') {
      // R-SUB-029 / R-WEB-024: every value copied from the bureau record is read-only, named field by field; what is
      // left to change is the access part (IPs, servers, a newer certificate's number) and the materials
      const paths = (await accessCopyOf(id)) ?? VERIFY_FIXED_PATHS;
      const edits = readOnlyEdits(before, fixed, paths);
      if (edits.length) {
        const violations = edits.map(readOnlyViolation);
        throw new DomainError('RULE_VIOLATION', {
          reason: 'ACCESS_DATA_READ_ONLY',
          message: violations[0]!.message,
          violations,
          // the problem's field errors carry no rule id: name each field's rule here
          details: { rule: 'R-SUB-029', readOnly: violations.map((v) => ({ field: v.field, rule: v.rule })) },
        });
      }
      if (dataChanged.subject || dataChanged.websites) sections.push('ACCESS_DATA');
    } else {
      if (dataChanged.subject) sections.push('SUBJECT');
      if (!same(before.websites, fixed.websites)) sections.push('WEBSITES');
    }
    if (!same(before.materials, fixed.materials)) sections.push('MATERIALS');
    const r = await transition(id, { type: 'EDIT', sections: sections.length ? sections : ['MATERIALS'] }, actor, {
      expectedVersion: version,
      requestId,
      draft: fixed,
    });
    const check = await deps.checkDraft(fixed, {
      accountId: row.account_id,
      today: today(),
      orderType: row.order_type as OrderType,
      orderId: row.id,
      withFacts: beforeBureau(r.state),
    });
    return { ...r, check };
  }

  /** Submit / resubmit run the whole rule check first: blocking violations refuse with every field named. */
  async function submit(actor: Actor, id: string, version: number, requestId?: string) {
    const row = await loadOrder(db, id);
    if (!row || (actor.role === 'customer' && row.account_id !== actor.id))
      throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
    const draft = decDraft(row);
    // R-ORD-032a/c: an ACCESS order goes to review with the bureau record, which the filing password unlocks
    if (row.order_type === 'ACCESS' && !(await accessCopyOf(id)))
      throw ruleViolation([
        {
          rule: 'R-ORD-032',
          code: 'FILING_PASSWORD_REQUIRED',
          severity: 'block',
          field: 'subjectFilingNumber',
          message: {
            zh: '请先输入主体备案密码：接入备案的主体和网站信息须从管局备案记录中复制',
            en: "Enter the subject's filing password first: an access order copies its subject and website data from the bureau record",
          },
        },
      ]);
    const check = await deps.checkDraft(draft, {
      accountId: row.account_id,
      today: today(),
      orderType: row.order_type as OrderType,
      orderId: row.id,
      withFacts: true,
    });
    const listed =
      (await deps.blacklist?.()?.(db, {
        certificateNumber: draft.subject?.certificateNumber,
        websiteNames: (draft.websites ?? []).map((w) => w.name),
      })) ?? [];
    if (check.blocking > 0 || listed.length > 0)
      throw ruleViolation([...listed, ...(check.violations as Violation[]).filter((v) => v.severity === 'block')]);
    const event: OrderEvent = row.state === 'DRAFT' ? { type: 'SUBMIT' } : { type: 'RESUBMIT' };
    return transition(id, event, actor, {
      expectedVersion: version,
      requestId,
      extra: { openBlockingViolations: 0 },
      details: { ruleSetVersion: check.ruleSetVersion },
    });
  }

  /** 提交照片 (T11/T16): refused with PHOTO_MISSING until every required curtain photo is attached (R-ORD-020). */
  async function submitPhotos(actor: Actor, id: string, version: number, requestId?: string) {
    const row = await loadOrder(db, id);
    if (!row || (actor.role === 'customer' && row.account_id !== actor.id))
      throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
    const check = await deps.checkDraft(decDraft(row), {
      accountId: row.account_id,
      today: today(),
      orderType: row.order_type as OrderType,
      orderId: row.id,
    });
    return transition(id, { type: 'SUBMIT_PHOTOS' }, actor, {
      expectedVersion: version,
      requestId,
      extra: { curtainPhotosComplete: check.missingPhotos.length === 0 },
      details: check.missingPhotos.length ? { missing: check.missingPhotos.map((m) => m.kind) } : undefined,
    });
  }

  return {
    create,
    get,
    list,
    events,
    saveDraft,
    submit,
    submitPhotos,
    transition,
    insertOrder,
    copyAccessRecord,
    accessCopyOf,
    decDraft: (row: OrderRow) => decDraft(row),
    bureauDays,
    domainActor,
    today,
  };
}
export type OrdersService = ReturnType<typeof createOrdersService>;

/** What the verify step fixed in an ACCESS order before its record was copied. */
const VERIFY_FIXED_PATHS = [
  'subjectFilingNumber',
  'subject.type',
  'subject.name',
  'subject.certificateType',
  'subject.certificateNumber',
];

/** The value at a path of the form `a.b[2].c`. */
export function valueAt(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const part of path.split('.')) {
    const m = part.match(/^(\w+)(?:\[(\d+)\])?$/);
    if (!m || cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[m[1]!];
    if (m[2] !== undefined) cur = Array.isArray(cur) ? cur[Number(m[2])] : undefined;
  }
  return cur;
}

/**
 * R-SUB-029 / R-WEB-024 / R-ORD-032b: the copied values an edited ACCESS draft changed (`websites` when it changed
 * the website selection, which only the selection step does). Strings compare trimmed, domains as sets.
 */
export function readOnlyEdits(before: FilingDraft, after: FilingDraft, paths: readonly string[]): string[] {
  const norm = (v: unknown) =>
    Array.isArray(v)
      ? JSON.stringify(v.map((x) => (typeof x === 'string' ? x.trim().toLowerCase() : x)).sort())
      : JSON.stringify(typeof v === 'string' ? v.trim() : (v ?? null));
  const numbers = (d: FilingDraft) => (d.websites ?? []).map((w) => w.filingNumber ?? '').join('|');
  if (numbers(before) !== numbers(after)) return ['websites'];
  return paths.filter((p) => norm(valueAt(before, p)) !== norm(valueAt(after, p)));
}

function readOnlyViolation(field: string): Violation {
  const fix = {
    zh: '接入备案只是为已有备案增加本接入商，过程中不能修改备案信息：请先到原接入商处变更，或接入完成后在本接入商办理变更备案（所在省份允许时）',
    en: 'An access filing only adds this provider to the existing filing and cannot change it: change the data at the original provider first, or by a change order here after access where the province allows',
  };
  if (field === 'websites')
    return {
      rule: 'R-ORD-032',
      code: 'ACCESS_DATA_READ_ONLY',
      severity: 'block',
      field,
      message: {
        zh: '接入的网站须在“选择网站”步骤中从主体的已备案网站中选择（1～10 个）',
        en: "The websites to access are chosen in the website selection step, from the subject's filed websites (1–10)",
      },
    };
  if (/\.domains$/.test(field))
    return {
      rule: 'R-WEB-024',
      code: 'ACCESS_DATA_READ_ONLY',
      severity: 'block',
      field,
      message: {
        zh: '接入备案不能删除或增加域名：可在接入完成后通过变更网站删除，或先在原接入商处删除',
        en: 'An access filing cannot remove or add domains: remove them by a website change after access, or at the original provider first',
      },
      fix,
    };
  return {
    rule: 'R-SUB-029',
    code: 'ACCESS_DATA_READ_ONLY',
    severity: 'block',
    field,
    message: {
      zh: `接入备案的信息来自管局备案记录，不可修改（${field}）`,
      en: `Access filings carry the bureau record read-only (${field})`,
    },
    fix,
  };
}

function safeRegistrable(host: string): string | null {
  try {
    return registrableDomain(host);
  } catch {
    return null;
  }
}

function summarize(d: FilingDraft) {
  return {
    subjectName: d.subject?.name ?? null,
    subjectType: d.subject?.type ?? null,
    certMasked: d.subject?.certificateNumber ? maskIdNumber(d.subject.certificateNumber) : null,
    websites: (d.websites ?? []).map((w) => ({ name: w.name ?? null, domains: w.domains ?? [] })),
  };
}

function view(row: OrderRow) {
  return {
    id: row.id,
    orderNo: row.order_no,
    accountId: row.account_id,
    type: row.order_type,
    variant: row.variant,
    state: row.state,
    version: row.version,
    province: row.province,
    accessIp: row.access_ip,
    summary: JSON.parse(row.summary),
    flags: JSON.parse(row.flags),
    rejection: row.rejection ? JSON.parse(row.rejection) : null,
    stateEnteredAt: row.state_entered_at,
    submittedAt: row.submitted_at,
    createdAt: row.created_at,
  };
}
