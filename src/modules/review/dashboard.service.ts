import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { WorkCalendar } from '../calendar/index.ts';
import { catalogueReason } from './catalogue.ts';
import { countsByStateAndProvince, REJECTION_AUDIT_TYPES, stepEvents } from './review.repository.ts';
import { durationStats, type Stay, slaSeries, staysFromEvents } from './sla.ts';

/**
 * The back-office dashboard: orders by state and province, time spent per step, rejections by reason and rule, and
 * SLA breaches per week (R-ORD-017, R-ORD-021, R-ORD-024: "tracked and reported").
 */
export const DASHBOARD_STEPS = [
  'PENDING_INITIAL_REVIEW',
  'PHOTO_PENDING',
  'PENDING_RE_REVIEW',
  'PENDING_BUREAU',
] as const;

const STAGE_OF_EVENT: Record<string, 'initial' | 're-review' | 'bureau'> = {
  INITIAL_REVIEW_REJECTED: 'initial',
  RE_REVIEW_REJECTED: 're-review',
  BUREAU_REJECTED: 'bureau',
};

const MAX_WINDOW_MS = 366 * 86_400_000;

export function createDashboardService(deps: { database: Database; clock: Clock; calendar: WorkCalendar }) {
  const { db } = deps.database;

  async function dashboard(range: { from?: number; to?: number } = {}) {
    const t = deps.clock.now().getTime();
    const to = range.to ?? t;
    const from = range.from ?? to - 90 * 86_400_000;
    if (from > to || to - from > MAX_WINDOW_MS)
      throw new DomainError('VALIDATION_FAILED', {
        reason: 'BAD_RANGE',
        message: { zh: '时间范围无效（最长 366 天）', en: 'Invalid range (at most 366 days)' },
      });

    const counts = await countsByStateAndProvince(db);
    const byState: Record<string, number> = {};
    const byProvince: Record<string, number> = {};
    for (const c of counts) {
      const n = Number(c.n);
      byState[c.state] = (byState[c.state] ?? 0) + n;
      const p = c.province ?? '—';
      byProvince[p] = (byProvince[p] ?? 0) + n;
    }

    const events = await stepEvents(db, from, to);
    const stays = staysFromEvents(
      events.map((e) => ({ orderId: e.order_id, seq: e.seq, at: e.at, from: e.from_state, to: e.to_state })),
    );
    // a stay counts in the window it ended in
    const inWindow = (s: Stay) => s.leftAt !== null && s.leftAt >= from && s.leftAt <= to;
    const steps = DASHBOARD_STEPS.map((state) => ({
      state,
      ...durationStats(
        deps.calendar,
        stays.filter((s) => s.state === state && inWindow(s)),
      ),
    }));

    // creation to approval, for orders approved in the window
    const created = new Map<string, number>();
    const approvedAt = new Map<string, number>();
    for (const e of events) {
      if (e.from_state === null) created.set(e.order_id, e.at);
      if (e.to_state === 'APPROVED' && e.from_state !== 'APPROVED' && e.at >= from) approvedAt.set(e.order_id, e.at);
    }
    const total = durationStats(
      deps.calendar,
      [...approvedAt].flatMap(([orderId, at]) => {
        const c = created.get(orderId);
        return c === undefined ? [] : [{ orderId, state: 'TOTAL', enteredAt: c, leftAt: at, next: 'APPROVED' }];
      }),
    );

    const rejections = new Map<
      string,
      { code: string; total: number; initial: number; 're-review': number; bureau: number }
    >();
    for (const e of events) {
      const stage = STAGE_OF_EVENT[e.event];
      if (!stage || e.at < from) continue;
      const details = e.details ? (JSON.parse(e.details) as { reasons?: { code: string }[] }) : {};
      for (const code of new Set((details.reasons ?? []).map((r) => r.code))) {
        const row = rejections.get(code) ?? { code, total: 0, initial: 0, 're-review': 0, bureau: 0 };
        row.total += 1;
        row[stage] += 1;
        rejections.set(code, row);
      }
    }
    const rejectionRows = [...rejections.values()]
      .map((r) => {
        const entry = catalogueReason(r.code);
        return { ...r, label: entry?.label ?? null, rules: entry?.rules ?? [] };
      })
      .sort((a, b) => b.total - a.total || a.code.localeCompare(b.code));

    const judged = stays.filter((s) => s.enteredAt <= to && (s.leftAt === null || s.leftAt >= from));
    return {
      from,
      to,
      ordersByState: byState,
      ordersByProvince: byProvince,
      ordersByStateAndProvince: counts.map((c) => ({ state: c.state, province: c.province, count: Number(c.n) })),
      timeInStep: steps,
      timeToApproval: total,
      rejectionsByCode: rejectionRows,
      rejectionEvents: events.filter(
        (e) => (REJECTION_AUDIT_TYPES as readonly string[]).includes(e.event) && e.at >= from,
      ).length,
      slaBreaches: {
        initial: slaSeries(deps.calendar, judged, 'PENDING_INITIAL_REVIEW', Math.min(t, to)),
        reReview: slaSeries(deps.calendar, judged, 'PENDING_RE_REVIEW', Math.min(t, to)),
      },
    };
  }

  return { dashboard };
}

export type DashboardService = ReturnType<typeof createDashboardService>;
