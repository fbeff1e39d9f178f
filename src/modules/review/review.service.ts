import type { Clock } from '../../platform/clock.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import { maskName, maskPhone } from '../../platform/crypto/pii.ts';
import type { Database } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Lang } from '../../platform/i18n.ts';
import { type Actor, appendAudit, listAudit } from '../audit/audit.repository.ts';
import { beijingDate, type WorkCalendar } from '../calendar/index.ts';
import type { CheckFactsDeps } from '../filings/check-facts.ts';
import { fullCheckContext } from '../filings/checker.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import type { Notifications } from '../notifications/index.ts';
import { checkFiling } from '../rules/check.ts';
import type { ReviewStage } from '../rules/data/rejection-reasons.ts';
import type { FilingDraft } from '../rules/draft.ts';
import { isProvinceName } from '../rules/provinces/table.ts';
import { ruleRegistry } from '../rules/registry.ts';
import type { Violation } from '../rules/violation.ts';
import {
  type CallOutcome,
  type CallRecord,
  type CallStatus,
  callStatus,
  judgeNewCall,
  normalizeMobile,
  RETRY_AFTER_MS,
  rejectsForUnreachable,
} from './calls.ts';
import { catalogueReason, parseFieldPath, type ReasonInput, reasonsError, resolveReasons } from './catalogue.ts';
import { buildChecklist, type Checklist } from './checklist.ts';
import { diffDrafts } from './diff.ts';
import { curtainTextFor, type ProviderConfig } from './provider-config.ts';
import type { ProvinceOverrideStore } from './province-overrides.ts';
import {
  callsOf,
  expiringOrders,
  materialsOf,
  ordersByIds,
  ordersInStates,
  problemSubmissions,
  type QueueFilter,
  type QueueOrderRow,
  REJECTION_AUDIT_TYPES,
  rejectionsOf,
  roundSeqs,
  submissionsOf,
} from './review.repository.ts';
import { REVIEW_SLA_WORKING_DAYS, slaClock } from './sla.ts';

export const QUEUES = ['initial', 're-review', 'bureau', 'expiring'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface QueueQuery extends QueueFilter {
  /** Only orders at least this many working days in their step. */
  minAgeDays?: number;
  /** Only orders whose SLA is breached. */
  breachedOnly?: boolean;
}

/** R-ORD-026 / R-NTF-011: the expiring queue looks 7 days ahead. */
export const EXPIRY_LOOKAHEAD_MS = 7 * 86_400_000;

export type DecisionKind = 'initial-approve' | 'initial-reject' | 're-review-approve' | 're-review-reject';

export interface DecisionBody {
  version: number;
  reasons?: ReasonInput[];
  note?: string;
}

/** What the rejection route hands to `recordRejection` once the transition has committed. */
export interface RejectionStash {
  orderId: string;
  version: number;
  stage: ReviewStage;
  draft: FilingDraft;
  reasons: { code: string; field: string; message: string; fix?: string }[];
  note?: string;
}

export interface ReviewDeps {
  database: Database;
  clock: Clock;
  /** The calendar in force (the refreshable holder), read at every call. */
  calendar: WorkCalendar;
  pii: PiiCrypto;
  orders: OrdersService;
  provinceRules: ProvinceOverrideStore;
  providerConfig: () => Promise<ProviderConfig>;
  notifyPerson: Notifications['notifyPerson'];
  /** The platform's facts for the checklist (servers, registry, open orders, registrar); absent: the draft's rules only. */
  checkFacts?: CheckFactsDeps;
}

const STAGE_OF_STATE: Record<string, ReviewStage> = {
  PENDING_INITIAL_REVIEW: 'initial',
  PENDING_RE_REVIEW: 're-review',
};

const subjectSummary = (row: { summary: string }) => {
  const s = JSON.parse(row.summary) as {
    subjectName: string | null;
    subjectType: string | null;
    websites: { name: string | null; domains: string[] }[];
  };
  // lists show masked personal data (DESIGN decision 7); organisation names are public record
  const name = s.subjectName && s.subjectType === 'PERSONAL' ? maskName(s.subjectName) : s.subjectName;
  return { subjectName: name, subjectType: s.subjectType, domains: s.websites.flatMap((w) => w.domains) };
};

function toCallRecord(c: {
  attempt: number;
  outcome: string;
  at: number;
  round_seq: number | null;
  callee_key: string | null;
}): CallRecord {
  return { attempt: c.attempt, outcome: c.outcome, at: c.at, roundSeq: c.round_seq, calleeKey: c.callee_key };
}

export function createReviewService(deps: ReviewDeps) {
  const { db } = deps.database;
  const now = () => deps.clock.now().getTime();
  const today = () => beijingDate(deps.clock.now());
  const principalKey = (mobile: string | undefined) =>
    mobile ? deps.pii.indexer.blindIndex(normalizeMobile(mobile), 'review.callee') : null;

  // -------------------------------------------------------------------------------------------------------------
  // Queues

  function baseRow(r: QueueOrderRow) {
    return {
      id: r.id,
      orderNo: r.order_no,
      type: r.order_type,
      state: r.state,
      version: r.version,
      province: r.province,
      ...subjectSummary(r),
      enteredAt: r.state_entered_at,
      submittedAt: r.submitted_at,
      /** The order was rejected before: the reviewer should look at what changed (R-REJ-002). */
      resubmission: r.rejection !== null,
    };
  }

  async function reviewQueue(state: 'PENDING_INITIAL_REVIEW' | 'PENDING_RE_REVIEW', q: QueueQuery) {
    const rows = await ordersInStates(db, [state], q);
    const ids = rows.map((r) => r.id);
    const calls = state === 'PENDING_INITIAL_REVIEW' ? await callsOf(db, ids) : [];
    const rounds = state === 'PENDING_INITIAL_REVIEW' ? await roundSeqs(db, ids, state) : new Map<string, number>();
    const t = now();
    return rows.map((r) => {
      const sla = slaClock(deps.calendar, r.state_entered_at, t, REVIEW_SLA_WORKING_DAYS[state]);
      const round = rounds.get(r.id) ?? null;
      const mine = calls.filter((c) => c.order_id === r.id && c.round_seq === round);
      return {
        ...baseRow(r),
        sla,
        ageWorkingDays: sla.elapsedWorkingDays,
        calls:
          state === 'PENDING_INITIAL_REVIEW'
            ? {
                attempts: mine.length,
                failed: mine.filter((c) => c.outcome === 'unreached').length,
                reached: mine.some((c) => c.outcome === 'reached'),
              }
            : null,
      };
    });
  }

  /** R-BUR: orders at the bureau with their latest submission, and submissions in error whatever the order state. */
  async function bureauQueue(q: QueueQuery) {
    const atBureau = await ordersInStates(db, ['PENDING_BUREAU'], q);
    const problems = await problemSubmissions(db);
    const extraIds = [...new Set(problems.map((p) => p.order_id))].filter((id) => !atBureau.some((o) => o.id === id));
    const extra = (await ordersByIds(db, extraIds)).filter(
      (o) => (!q.province || o.province === q.province) && (!q.type || o.order_type === q.type),
    );
    const rows = [...atBureau, ...extra];
    const subs = await submissionsOf(
      db,
      rows.map((r) => r.id),
    );
    const t = now();
    const day = today();
    return rows.map((r) => {
      const latest = subs.find((s) => s.order_id === r.id) ?? null;
      const inState = r.state === 'PENDING_BUREAU';
      const province = r.province && isProvinceName(r.province) ? r.province : null;
      const days = province ? deps.provinceRules.source.tableFor(day).table[province].bureauWorkingDays : 20;
      const startedOn = beijingDate(new Date(r.state_entered_at));
      const expectedOn = deps.calendar.addWorkingDays(startedOn, days);
      const submissionProblem = latest ? /error|fail/i.test(latest.state) : false;
      return {
        ...baseRow(r),
        ageWorkingDays: deps.calendar.workingDaysBetween(startedOn, day),
        bureau: {
          /** R-ORD-022: the bureau decides within the province's working days; later means a sync problem. */
          expectedDecisionOn: inState ? expectedOn : null,
          overdue: inState && Date.parse(`${expectedOn}T23:59:59.999+08:00`) < t,
          submission: latest
            ? {
                state: latest.state,
                attempts: latest.attempts,
                lastResult: latest.last_result,
                updatedAt: latest.updated_at,
              }
            : null,
          problem: submissionProblem || (inState && !latest && t - r.state_entered_at > 3_600_000),
        },
      };
    });
  }

  async function expiringQueue(q: QueueQuery) {
    const t = now();
    const rows = await expiringOrders(db, t + EXPIRY_LOOKAHEAD_MS, q);
    const day = today();
    return rows.map((r) => {
      const startedOn = beijingDate(new Date(r.state_entered_at));
      return {
        ...baseRow(r),
        ageWorkingDays: deps.calendar.workingDaysBetween(startedOn, day),
        expiry: {
          dueAt: r.due_at,
          dueOn: beijingDate(new Date(r.due_at)),
          daysLeft: Math.max(0, Math.ceil((r.due_at - t) / 86_400_000)),
        },
      };
    });
  }

  async function queue(name: QueueName, q: QueueQuery) {
    const rows =
      name === 'initial'
        ? await reviewQueue('PENDING_INITIAL_REVIEW', q)
        : name === 're-review'
          ? await reviewQueue('PENDING_RE_REVIEW', q)
          : name === 'bureau'
            ? await bureauQueue(q)
            : await expiringQueue(q);
    return rows.filter(
      (r) =>
        (q.minAgeDays === undefined || r.ageWorkingDays >= q.minAgeDays) &&
        (!q.breachedOnly || ('sla' in r && r.sla?.breached) || ('bureau' in r && r.bureau.overdue)),
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // The review page

  async function callContext(orderId: string, state: string, draft: FilingDraft) {
    const calls = await callsOf(db, [orderId]);
    const rounds = await roundSeqs(db, [orderId], 'PENDING_INITIAL_REVIEW');
    const lastRound = rounds.get(orderId) ?? null;
    const roundSeq = state === 'PENDING_INITIAL_REVIEW' ? lastRound : null;
    const key = principalKey(draft.subjectPrincipal?.mobile);
    const status = callStatus(calls.map(toCallRecord), { roundSeq, principalKey: key });
    return { calls, roundSeq, lastRound, key, status };
  }

  async function checklistFor(
    stage: ReviewStage,
    order: { id: string; province: string | null; flags: Record<string, unknown> },
    accountId: string,
    draft: FilingDraft,
    calls: CallStatus | null,
    withFacts = true,
  ): Promise<Checklist> {
    const day = today();
    // facts only while the order is in review: once at or past the bureau, its own filing would read as "already filed"
    const ctx = await fullCheckContext(deps.database, deps.provinceRules.source, withFacts ? deps.checkFacts : undefined, {
      today: day,
      accountId,
      orderId: order.id,
      draft,
    });
    const result = checkFiling(draft, ctx);
    const province = order.province && isProvinceName(order.province) ? order.province : null;
    const provinceRules = province ? ctx.provinces[province] : null;
    let curtainText: string | null = null;
    if (province) {
      const cfg = await deps.providerConfig();
      const override = deps.provinceRules.inForce(day).find((o) => o.province === province && o.key === 'curtainText')
        ?.value as string | undefined;
      curtainText = curtainTextFor(cfg, province, override);
    }
    return buildChecklist({
      stage,
      draft,
      ctx,
      violations: result.violations,
      rules: ruleRegistry,
      provinceRules,
      curtainText,
      serverExpired: order.flags.serverExpired === true,
      calls,
    });
  }

  async function accountOf(orderId: string): Promise<string> {
    const r = await db.selectFrom('orders').select('account_id').where('id', '=', orderId).executeTakeFirst();
    if (!r) throw new DomainError('NOT_FOUND', { reason: 'ORDER_NOT_FOUND' });
    return r.account_id;
  }

  async function page(actor: Actor, orderId: string, requestId?: string) {
    // OrdersService.get audits the staff read of personal data (DESIGN decision 7)
    const order = await deps.orders.get(actor, orderId, requestId);
    const draft = order.draft as FilingDraft;
    const stage: ReviewStage | null = STAGE_OF_STATE[order.state] ?? null;
    const accountId = await accountOf(orderId);
    const cc = await callContext(orderId, order.state, draft);
    const checklist = await checklistFor(stage ?? 'initial', order, accountId, draft, cc.status, stage !== null);
    const events = await deps.orders.events(actor, orderId);
    const stored = await rejectionsOf(db, orderId);
    const rejectionEvents = events.filter((e) => (REJECTION_AUDIT_TYPES as readonly string[]).includes(e.event));
    const rejections = rejectionEvents.map((e) => {
      const snap = stored.find((s) => s.order_version === e.seq - 1);
      const details = (e.details ?? {}) as { reasons?: { code: string; field: string }[]; note?: string };
      return {
        seq: e.seq,
        at: e.at,
        event: e.event,
        stage:
          snap?.stage ??
          (e.event === 'BUREAU_REJECTED' ? 'bureau' : e.from === 'PENDING_RE_REVIEW' ? 're-review' : 'initial'),
        reasons: snap ? (JSON.parse(snap.reasons) as RejectionStash['reasons']) : (details.reasons ?? []),
        note: snap?.note ?? details.note ?? null,
        reviewerId: snap?.reviewer_id ?? null,
        hasSnapshot: !!snap,
      };
    });
    const lastSnap = [...stored].reverse().find((s) => rejectionEvents.some((e) => e.seq - 1 === s.order_version));
    const diff = lastSnap
      ? {
          since: { at: lastSnap.at, stage: lastSnap.stage, orderVersion: lastSnap.order_version },
          ...diffDrafts(
            JSON.parse(
              deps.pii.keyring.decryptString(lastSnap.draft_enc, `review_rejections.draft_enc.${lastSnap.id}`),
            ),
            draft,
            JSON.parse(lastSnap.reasons) as { code: string; field: string }[],
          ),
        }
      : null;
    const materials = (await materialsOf(db, orderId)).map((m) => ({
      id: m.id,
      kind: m.kind,
      websiteIndex: m.website_index,
      contentType: m.content_type,
      size: m.size,
      width: m.width,
      height: m.height,
      uploadedRole: m.uploaded_role,
      createdAt: m.created_at,
      thumbnailUrl: m.thumb_key ? `/api/v1/materials/${m.id}/thumbnail` : null,
      contentUrl: `/api/v1/materials/${m.id}/content`,
    }));
    const calls = cc.calls.map((c) => ({
      id: c.id,
      attempt: c.attempt,
      outcome: c.outcome,
      note: c.note,
      at: c.at,
      reviewerId: c.reviewer_id,
      roundSeq: c.round_seq,
      currentRound: c.round_seq !== null && c.round_seq === cc.roundSeq,
      callee: c.callee_masked,
      calleeIsPrincipal: c.callee_key !== null && c.callee_key === cc.key,
    }));
    const timeline = [
      ...events.map((e) => ({ kind: 'event' as const, ...e })),
      ...calls.map((c) => ({ kind: 'call' as const, ...c })),
    ].sort((a, b) => a.at - b.at || (a.kind === 'event' ? 0 : 1) - (b.kind === 'event' ? 0 : 1));
    const audit = await listAudit(db, { objectType: 'order', objectId: orderId, limit: 200 });
    const t = now();
    return {
      order,
      stage,
      sla: stage
        ? slaClock(
            deps.calendar,
            order.stateEnteredAt,
            t,
            REVIEW_SLA_WORKING_DAYS[order.state as 'PENDING_INITIAL_REVIEW'],
          )
        : null,
      checklist,
      calls: {
        attempts: calls,
        status: cc.status,
        retryAfterMinutes: RETRY_AFTER_MS / 60_000,
        callee: draft.subjectPrincipal?.mobile
          ? { name: draft.subjectPrincipal.name ?? null, mobile: draft.subjectPrincipal.mobile }
          : null,
      },
      rejections,
      diff,
      materials,
      timeline,
      audit,
      decision: {
        stage,
        canApprove: stage !== null && checklist.blocking.length === 0 && !order.flags.serverExpired,
        blockers: checklist.blocking.map((i) => ({
          id: i.id,
          title: i.title,
          reasonCode: i.reasonCode,
          field: i.field,
        })),
      },
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Confirmation calls (R-ORD-018, R-NTF-008)

  async function recordRejection(stash: RejectionStash, actor: Actor) {
    const id = newId();
    await db
      .insertInto('review_rejections')
      .values({
        id,
        order_id: stash.orderId,
        order_version: stash.version,
        stage: stash.stage,
        reasons: JSON.stringify(stash.reasons),
        note: stash.note ?? null,
        draft_enc: deps.pii.keyring.encryptString(JSON.stringify(stash.draft), `review_rejections.draft_enc.${id}`),
        reviewer_id: actor.id,
        at: now(),
      })
      .execute();
  }

  async function logCall(
    actor: Actor,
    orderId: string,
    input: { outcome: CallOutcome; note?: string },
    requestId?: string,
    lang: Lang = 'zh',
  ) {
    const order = await deps.orders.get(actor, orderId, requestId);
    if (order.state !== 'PENDING_INITIAL_REVIEW')
      throw new DomainError('ILLEGAL_TRANSITION', {
        reason: 'CALL_NOT_IN_INITIAL_REVIEW',
        message: {
          zh: '只有初审中的订单才能记录审核确认电话',
          en: 'Confirmation calls are logged only while the order is in initial review',
        },
      });
    const draft = order.draft as FilingDraft;
    const mobile = draft.subjectPrincipal?.mobile;
    if (!mobile)
      throw new DomainError('RULE_VIOLATION', {
        reason: 'PRINCIPAL_MOBILE_MISSING',
        message: { zh: '订单中没有主体负责人手机号码', en: 'The order has no subject-principal mobile number' },
      });
    const key = principalKey(mobile)!;
    const accountId = await accountOf(orderId);
    const t = now();
    const cfg = await deps.providerConfig();
    let inserted: { id: string; attempt: number; status: CallStatus; roundSeq: number };
    try {
      inserted = await db.transaction().execute(async (tx) => {
        const rounds = await roundSeqs(tx, [orderId], 'PENDING_INITIAL_REVIEW');
        const roundSeq = rounds.get(orderId)!;
        const all = (await callsOf(tx, [orderId])).map(toCallRecord);
        const before = callStatus(all, { roundSeq, principalKey: key });
        const refused = judgeNewCall(before, input.outcome, t);
        if (refused === 'CALL_RETRY_TOO_SOON')
          throw new DomainError('CONFLICT', {
            reason: refused,
            message: {
              zh: `上次未接通后须间隔至少 2 小时再拨打（${new Date(before.retryAllowedAt!).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} 之后）`,
              en: `Wait at least 2 hours after a missed call (until ${new Date(before.retryAllowedAt!).toISOString()})`,
            },
            details: { retryAllowedAt: before.retryAllowedAt, rule: 'R-ORD-018' },
          });
        if (refused === 'CALL_ROUND_DECIDED')
          throw new DomainError('CONFLICT', {
            reason: refused,
            message: {
              zh: '本轮已有两次未接通记录，订单应以「审核确认电话未接通」驳回',
              en: 'Two missed calls are already logged in this round; the order is to be rejected as unreachable',
            },
            details: { rule: 'R-ORD-018' },
          });
        const id = newId();
        const attempt = before.roundAttempts + 1;
        await tx
          .insertInto('review_calls')
          .values({
            id,
            order_id: orderId,
            reviewer_id: actor.id!,
            attempt,
            outcome: input.outcome,
            note: input.note?.trim() || null,
            at: t,
            round_seq: roundSeq,
            callee_key: key,
            callee_masked: maskPhone(mobile),
          })
          .execute();
        await appendAudit(
          tx,
          {
            actor,
            action: 'review.call_logged',
            objectType: 'order',
            objectId: orderId,
            requestId,
            details: { attempt, outcome: input.outcome, callee: maskPhone(mobile), rule: 'R-ORD-018' },
          },
          t,
        );
        const after = callStatus([...all, { attempt, outcome: input.outcome, at: t, roundSeq, calleeKey: key }], {
          roundSeq,
          principalKey: key,
        });
        // R-NTF-008: after a missed call that another attempt will follow, an SMS says so and gives the hotline
        if (input.outcome === 'unreached' && !rejectsForUnreachable(after, input.outcome))
          await deps.notifyPerson(
            tx,
            {
              mobile,
              template: 'R-NTF-008',
              payload: { orderNo: order.orderNo, hotline: cfg.hotline, attempt, nextAttemptAfter: t + RETRY_AFTER_MS },
              eventKey: `review_call:${id}`,
              accountId,
            },
            t,
          );
        return { id, attempt, status: after, roundSeq };
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError('CONFLICT', {
          reason: 'CALL_ATTEMPT_RACE',
          message: {
            zh: '另一位审核员刚刚记录了这次拨打，请刷新',
            en: 'Another reviewer just logged this attempt; reload',
          },
        });
      throw err;
    }

    let autoRejection: { ok: true; state: string; version: number } | { ok: false; code: string } | null = null;
    if (rejectsForUnreachable(inserted.status, input.outcome)) {
      const entry = catalogueReason('CONFIRMATION_CALL_UNREACHED')!;
      const reasons = [
        {
          code: entry.code,
          field: 'subjectPrincipal.mobile',
          message: entry.label[lang],
          ...(entry.fix ? { fix: entry.fix[lang] } : {}),
        },
      ];
      try {
        const r = await deps.orders.transition(orderId, { type: 'INITIAL_REJECT', reasons: [entry.code] }, actor, {
          expectedVersion: order.version,
          requestId,
          rejection: reasons,
          details: {
            reasons: reasons.map((x) => ({ code: x.code, field: x.field })),
            note: null,
            automatic: 'R-ORD-018',
          },
        });
        await recordRejection({ orderId, version: order.version, stage: 'initial', draft, reasons }, actor);
        autoRejection = { ok: true, state: r.state, version: r.version };
      } catch (err) {
        // the call stays logged (it happened); the reviewer can still reject by hand, which the two misses now allow
        autoRejection = { ok: false, code: err instanceof DomainError ? (err.reason ?? err.code) : 'INTERNAL' };
      }
    }
    return {
      call: { id: inserted.id, attempt: inserted.attempt, outcome: input.outcome, at: t, roundSeq: inserted.roundSeq },
      status: inserted.status,
      autoRejection,
    };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Decisions: the guard in front of the lifecycle's review routes

  /**
   * Checks a review decision before the lifecycle applies it: rejection reasons come from the catalogue and name a
   * field of this order (R-REJ-001, R-REJ-007); the unreachable reason needs two missed calls (R-ORD-018); initial
   * approval needs a call that reached the principal and no failing blocking item under today's rule set (R-ORD-017,
   * R-PRV-001). Fills each reason's message and fix from the catalogue where the reviewer left them empty. Returns
   * what to record once the rejection has committed.
   */
  async function guardDecision(
    actor: Actor,
    orderId: string,
    kind: DecisionKind,
    body: DecisionBody,
    lang: Lang,
  ): Promise<RejectionStash | null> {
    // anyone else is refused by the transition table with its own code; only reviewers decide (§17.2)
    if (actor.role !== 'reviewer') return null;
    const row = await db
      .selectFrom('orders')
      .select(['id', 'state', 'version', 'account_id'])
      .where('id', '=', orderId)
      .executeTakeFirst();
    if (!row) return null;
    const stage: ReviewStage = kind.startsWith('initial') ? 'initial' : 're-review';
    const inStep = STAGE_OF_STATE[row.state] === stage;

    if (kind === 'initial-reject' || kind === 're-review-reject') {
      const input = body.reasons ?? [];
      const resolved = resolveReasons(input, stage, lang);
      if (!resolved.ok) throw reasonsError(resolved.failures, input);
      if (!inStep) return null;
      const order = await deps.orders.get(actor, orderId);
      const draft = order.draft as FilingDraft;
      const missing = resolved.reasons.findIndex((r) => !indicesExist(draft, r.field));
      if (missing >= 0) throw reasonsError([{ index: missing, field: 'field', reason: 'UNKNOWN_FIELD' }], input);
      if (stage === 'initial' && resolved.reasons.some((r) => r.code === 'CONFIRMATION_CALL_UNREACHED')) {
        const cc = await callContext(orderId, row.state, draft);
        if (!cc.status.unreachedRejectionAllowed)
          throw new DomainError('RULE_VIOLATION', {
            reason: 'CALL_ATTEMPTS_REQUIRED',
            message: {
              zh: '须记录两次未接通的审核确认电话后，才能以「审核确认电话未接通」驳回',
              en: 'Reject as unreachable only after two failed confirmation calls are logged',
            },
            details: { rule: 'R-ORD-018', failedAttempts: cc.status.failedInRound },
          });
      }
      const reasons = resolved.reasons.map(({ rules: _rules, ...r }) => r);
      body.reasons = reasons;
      return row.version === body.version
        ? { orderId, version: body.version, stage, draft, reasons, ...(body.note ? { note: body.note } : {}) }
        : null;
    }

    if (kind === 'initial-approve' && inStep) {
      const order = await deps.orders.get(actor, orderId);
      const draft = order.draft as FilingDraft;
      const cc = await callContext(orderId, row.state, draft);
      const checklist = await checklistFor('initial', order, row.account_id, draft, cc.status);
      if (checklist.blocking.length > 0) {
        const call = checklist.blocking.find((i) => i.id === 'R-ORD-018');
        const violations: Violation[] = checklist.blocking.map((i) => ({
          rule: i.rules[0],
          code: i.id === 'R-ORD-018' ? 'CONFIRMATION_CALL_REQUIRED' : (i.reasonCode ?? i.id),
          severity: 'block',
          field: i.field ?? '',
          message: i.violations?.[0]?.message ?? i.title,
        }));
        throw new DomainError('RULE_VIOLATION', {
          reason: call ? 'CONFIRMATION_CALL_REQUIRED' : 'REVIEW_CHECKLIST_OPEN',
          message: call
            ? {
                zh: '初审通过前须有一次接通主体负责人并确认的审核确认电话',
                en: 'Initial review passes only after a confirmation call reached the subject principal',
              }
            : {
                zh: '按今日生效的规则，订单仍有未通过的检查项，请驳回并注明原因',
                en: "Under today's rules the order still fails checks; reject it with the reasons",
              },
          violations,
        });
      }
    }
    return null;
  }

  return { queue, page, logCall, guardDecision, recordRejection };
}

export type ReviewService = ReturnType<typeof createReviewService>;

/** Every `[i]` of the path exists in the draft (keys may be absent: a missing field is a fine thing to flag). */
export function indicesExist(draft: unknown, path: string): boolean {
  const segs = parseFieldPath(path);
  if (!segs) return false;
  if ('key' in segs[0] && segs[0].key === 'existingWebsites') return true;
  let node: unknown = draft;
  for (const s of segs) {
    if ('index' in s) {
      if (!Array.isArray(node) || s.index >= node.length) return false;
      node = node[s.index];
    } else {
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[s.key] : undefined;
    }
  }
  return true;
}
