import type { ExpressionBuilder } from 'kysely';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DomainError } from '../../platform/errors.ts';
import { pendingTimers, setTimer, type TimerHandler } from '../../platform/timers.ts';
import { applyAccessChanges } from '../access/access.repository.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import { beijingDate } from '../calendar/index.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import type { PayloadOf } from '../notifications/templates.ts';
import type { Registry } from '../registry/registry.service.ts';
import type { FilingDraft, OrderType } from '../rules/draft.ts';
import { type DownloadActions, markUnfiledReported, pendingUnfiledReports } from './downloads.ts';
import { MappingError, rejectionOf } from './mapping.ts';
import { MiitProtocolError } from './miit/errors.ts';
import type { BureauInbound, BureauPort, BureauResult } from './port.ts';

/**
 * The sync between the lifecycle and the bureau (R-BUR-011), driven by one durable timer:
 *
 * - upload: every order in PENDING_BUREAU gets one submission row per round (the instant it entered the state),
 *   created before anything is sent; the MIIT journal (DB) carries the upload in flight across a crash, and an upload
 *   whose outcome was unknown is retried first, so the bureau reconciles it instead of receiving it twice;
 * - download: every waiting file is applied and only then acknowledged; each result moves its order through
 *   `OrdersService.transition` (T18 with the registry writes in the same transaction, T19 with field-level reasons);
 *   an order no longer at the bureau ignores a replayed result, and a file already applied is only acknowledged.
 *
 * Submission states: PREPARED → UPLOADING → UPLOADED → APPROVED | REJECTED; AWAITING_PASSWORD (ACCESS and
 * CANCEL_SUBJECT wait for the customer's filing password, held in memory only, R-BUR-005); ERROR (the order's data
 * cannot be expressed in the upload format; retried on every sweep and shown on the order).
 */

export const BUREAU_SYNC_TIMER = 'BUREAU_SYNC';
const SYNC_OBJECT = 'bureau-sync';
const BUREAU_ACTOR: Actor = { id: null, role: 'bureau' };
const SYSTEM_ACTOR: Actor = { id: null, role: 'system' };
const NEEDS_PASSWORD: readonly OrderType[] = ['ACCESS', 'CANCEL_SUBJECT'];
const REF_KEY = 'bureau.next_ref';

export interface SyncDeps {
  database: Database;
  clock: Clock;
  orders: OrdersService;
  registry: Registry;
  bureau: BureauPort;
  /** HMDLB / HCJG / WBAWZLB / filed-elsewhere handling (`downloads.ts`). */
  downloads: DownloadActions;
  /** R-NTF-014: the notifications module's `notifyAccount` (absent: cancellations are applied, not notified). */
  notifyAccount?: NotifyAccount;
  /** Minutes between two sync runs of the timer. */
  intervalMinutes?: number;
  log?: { info(o: Record<string, unknown>, m: string): void; warn(o: Record<string, unknown>, m: string): void };
}

/**
 * R-BUR-005: filing passwords live here between the customer's entry (verified at the bureau) and the upload, keyed by
 * the filing number they were verified for; never in a table or a log, and forgotten once delivered.
 */
export class FilingPasswordVault {
  private readonly held = new Map<string, string>();
  hold(filingNumber: string, password: string): void {
    this.held.set(filingNumber.trim(), password);
  }
  /** The password held for any of the numbers (the subject's, or a website's standing for its subject). */
  find(numbers: readonly (string | undefined)[]): string | undefined {
    for (const n of numbers) {
      const p = n ? this.held.get(n.trim()) : undefined;
      if (p) return p;
    }
    return undefined;
  }
  forget(numbers: readonly (string | undefined)[]): void {
    for (const n of numbers) if (n) this.held.delete(n.trim());
  }
}

/** The filing numbers an order's password may have been verified for. */
export function passwordNumbers(draft: FilingDraft): string[] {
  return [draft.subjectFilingNumber, ...(draft.websites ?? []).map((w) => w.filingNumber)].filter(
    (n): n is string => !!n?.trim(),
  );
}

export interface SyncReport {
  uploaded: number;
  awaitingPassword: number;
  errors: number;
  files: number;
  approved: number;
  rejected: number;
  cancellations: number;
  /** HMDLB entries listed (ADD/UPDATE) and unlisted (REMOVE). */
  blacklisted: number;
  unlisted: number;
  /** HCJG findings and WBAWZLB handling lines recorded. */
  findings: number;
  /** Domains blocked by downloads other than results (unfiled sites, access checks, filed elsewhere). */
  blocked: number;
  /** WBACLJG reports uploaded. */
  reports: number;
}

const emptyReport = (): SyncReport => ({
  uploaded: 0,
  awaitingPassword: 0,
  errors: 0,
  files: 0,
  approved: 0,
  rejected: 0,
  cancellations: 0,
  blacklisted: 0,
  unlisted: 0,
  findings: 0,
  blocked: 0,
  reports: 0,
});

/** The notifications module's `notifyAccount`, narrowed to the one template the sync sends (R-NTF-014). */
export type NotifyAccount = (
  tx: Tx,
  input: {
    accountId: string;
    template: 'R-NTF-014';
    payload: PayloadOf<'R-NTF-014'>;
    eventKey: string;
    draft?: FilingDraft | null;
    once?: boolean;
  },
  now: number,
) => Promise<number>;

export function createBureauSync(deps: SyncDeps, vault: FilingPasswordVault) {
  const { db } = deps.database;
  const now = () => deps.clock.now().getTime();
  const log = deps.log ?? { info: () => {}, warn: () => {} };
  const interval = (deps.intervalMinutes ?? 1) * 60_000;

  async function nextRef(tx: Tx): Promise<number> {
    const bumped = await tx
      .updateTable('settings')
      .set((eb) => ({ value: eb.cast(eb(eb.cast('value', 'bigint'), '+', 1), 'text'), updated_at: now() }))
      .where('key', '=', REF_KEY)
      .returning('value')
      .executeTakeFirst();
    if (bumped) return Number(bumped.value);
    await tx.insertInto('settings').values({ key: REF_KEY, value: '100001', updated_at: now() }).execute();
    return 100_001;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Upload.

  /**
   * The round of an order at the bureau: the seq of the event that last took it into PENDING_BUREAU (T06/T13). It does
   * not move while the order waits there (server flags are same-state events), and each return to the bureau after a
   * rejection is a new round, even within the same millisecond.
   */
  const roundOf = (eb: ExpressionBuilder<DB, 'orders'>) =>
    eb
      .selectFrom('order_events')
      .select((e) => e.fn.max('order_events.seq').as('s'))
      .whereRef('order_events.order_id', '=', 'orders.id')
      .where('order_events.to_state', '=', 'PENDING_BUREAU')
      .where('order_events.from_state', '!=', 'PENDING_BUREAU');

  /** Creates the submission rows of orders that reached PENDING_BUREAU in a round without one. */
  async function prepare(): Promise<void> {
    const orders = await db
      .selectFrom('orders')
      .select((eb) => ['orders.id', 'orders.order_type', roundOf(eb).as('round')])
      .where('orders.state', '=', 'PENDING_BUREAU')
      .orderBy('orders.state_entered_at')
      .execute();
    for (const r of orders) {
      const round = Number(r.round);
      const existing = await db
        .selectFrom('bureau_submissions')
        .select('id')
        .where('order_id', '=', r.id)
        .where('round_seq', '=', round)
        .executeTakeFirst();
      if (existing) continue;
      await db
        .transaction()
        .execute(async (tx) => {
          const t = now();
          await tx
            .insertInto('bureau_submissions')
            .values({
              id: newId(),
              order_id: r.id,
              round_seq: round,
              order_type: r.order_type,
              ref: await nextRef(tx),
              payload_hash: '',
              upload_id: null,
              state: 'PREPARED',
              attempts: 0,
              last_result: null,
              result_keys: null,
              file_name: null,
              data_sequence: null,
              created_at: t,
              updated_at: t,
            })
            .execute();
        })
        .catch((e) => {
          // a concurrent sweep created it first (unique order_id + round): nothing to do
          log.warn({ orderId: r.id, err: (e as Error).message }, 'bureau submission not prepared');
        });
    }
  }

  async function setSubmission(id: string, values: Record<string, unknown>) {
    await db
      .updateTable('bureau_submissions')
      .set({ ...values, updated_at: now() })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Uploads every prepared submission, the one whose outcome is unknown (UPLOADING) first: it is the upload the MIIT
   * journal holds as pending, and the client settles it with isp_querypreviousupload before anything else is sent.
   */
  async function upload(report: SyncReport): Promise<void> {
    await prepare();
    const subs = await db
      .selectFrom('bureau_submissions')
      .innerJoin('orders', 'orders.id', 'bureau_submissions.order_id')
      .select([
        'bureau_submissions.id',
        'bureau_submissions.order_id',
        'bureau_submissions.ref',
        'bureau_submissions.order_type',
        'bureau_submissions.state',
        'bureau_submissions.attempts',
        'orders.state as order_state',
        'bureau_submissions.round_seq',
      ])
      .select((eb) => roundOf(eb).as('current_round'))
      .where('bureau_submissions.state', 'in', ['UPLOADING', 'PREPARED', 'AWAITING_PASSWORD', 'ERROR'])
      .orderBy('bureau_submissions.created_at')
      .execute();
    subs.sort((a, b) => Number(b.state === 'UPLOADING') - Number(a.state === 'UPLOADING'));
    for (const s of subs) {
      // a submission of an earlier round (the order was rejected and came back, or left the bureau) is not sent
      const current = s.order_state === 'PENDING_BUREAU' && Number(s.round_seq) === Number(s.current_round);
      if (!current && s.state !== 'UPLOADING') {
        await setSubmission(s.id, { state: 'WITHDRAWN' });
        continue;
      }
      const order = await deps.orders.get(SYSTEM_ACTOR, s.order_id);
      const draft = order.draft as FilingDraft;
      const type = s.order_type as OrderType;
      const password = vault.find(passwordNumbers(draft));
      if (NEEDS_PASSWORD.includes(type) && !password) {
        if (s.state !== 'AWAITING_PASSWORD') await setSubmission(s.id, { state: 'AWAITING_PASSWORD' });
        report.awaitingPassword++;
        continue;
      }
      const target = type === 'FIRST' ? null : await deps.registry.target(db, draft);
      await setSubmission(s.id, { state: 'UPLOADING', attempts: s.attempts + 1 });
      try {
        const receipt = await deps.bureau.submit({
          orderId: s.order_id,
          orderType: type,
          ref: Number(s.ref),
          draft,
          target,
          filingPassword: password,
        });
        await setSubmission(s.id, {
          state: 'UPLOADED',
          payload_hash: receipt.payloadSha256,
          upload_id: receipt.fileName,
          file_name: receipt.fileName,
          data_sequence: receipt.dataSequence,
          result_keys: JSON.stringify(receipt.resultKeys),
          last_result: JSON.stringify({ alreadyAccepted: receipt.alreadyAccepted }),
        });
        // delivered: the password is not needed any more (R-BUR-005)
        vault.forget(passwordNumbers(draft));
        report.uploaded++;
        log.info(
          { orderId: s.order_id, dataSequence: receipt.dataSequence, alreadyAccepted: receipt.alreadyAccepted },
          'order uploaded to the bureau',
        );
      } catch (e) {
        if (e instanceof MiitProtocolError && e.failure === 'MIIT_UNAVAILABLE') {
          // the outcome is unknown: the row stays UPLOADING and the next sweep reconciles before sending anything
          await setSubmission(s.id, { last_result: JSON.stringify({ error: e.reason, message: e.message }) });
          throw e;
        }
        const reason = e instanceof MappingError || e instanceof DomainError ? e.reason : 'UPLOAD_FAILED';
        await setSubmission(s.id, {
          state: 'ERROR',
          last_result: JSON.stringify({ error: reason, message: (e as Error).message }),
        });
        report.errors++;
        log.warn({ orderId: s.order_id, reason }, 'order could not be uploaded');
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Download.

  async function submissionFor(result: BureauResult) {
    const xsdFailure = result.findings.find((f) => f.code === 5001);
    if (xsdFailure)
      return db
        .selectFrom('bureau_submissions')
        .selectAll()
        .where('file_name', '=', xsdFailure.text)
        .executeTakeFirst();
    const rows = await db
      .selectFrom('bureau_submissions')
      .selectAll()
      .where('state', 'in', ['UPLOADED', 'APPROVED', 'REJECTED'])
      .where('result_keys', 'like', `%${JSON.stringify(result.key)}%`)
      .orderBy('created_at', 'desc')
      .execute();
    const matching = rows.filter((s) => (JSON.parse(s.result_keys ?? '[]') as string[]).includes(result.key));
    // the open one, else the most recent (a replayed file of a submission already decided)
    return matching.find((s) => s.state === 'UPLOADED') ?? matching[0];
  }

  async function applyResults(inbound: BureauInbound, report: SyncReport): Promise<void> {
    const bySubmission = new Map<
      string,
      { sub: NonNullable<Awaited<ReturnType<typeof submissionFor>>>; results: BureauResult[] }
    >();
    for (const r of inbound.results) {
      const sub = await submissionFor(r);
      if (!sub) {
        log.warn({ key: r.key, fileName: inbound.fileName }, 'bureau result for no known submission');
        continue;
      }
      const entry = bySubmission.get(sub.id) ?? { sub, results: [] };
      entry.results.push(r);
      bySubmission.set(sub.id, entry);
    }
    for (const { sub, results } of bySubmission.values()) {
      const approved = results.every((r) => r.approved);
      const keys = JSON.parse(sub.result_keys ?? '[]') as string[];
      const summary = {
        fileName: inbound.fileName,
        approved,
        results: results.map((r) => ({ key: r.key, codes: r.findings.map((f) => f.code) })),
      };
      try {
        if (approved) {
          await deps.orders.transition(sub.order_id, { type: 'BUREAU_APPROVE' }, BUREAU_ACTOR, {
            details: { bureau: summary },
            inTransaction: async (tx, ctx) => {
              const today = beijingDate(new Date(ctx.now));
              const effect = await deps.registry.applyApproval(
                tx,
                {
                  id: ctx.row.id,
                  accountId: ctx.row.account_id,
                  type: ctx.row.order_type as OrderType,
                  province: ctx.row.province,
                  serverId: ctx.row.server_id,
                  accessIp: ctx.row.access_ip,
                  ref: Number(sub.ref),
                  draft: ctx.draft,
                },
                inbound.filed,
                ctx.now,
                today,
              );
              await applyAccessChanges(tx, effect.access, ctx.now);
              if (effect.subjectId)
                await tx
                  .updateTable('orders')
                  .set({ subject_id: effect.subjectId })
                  .where('id', '=', ctx.row.id)
                  .execute();
              await tx
                .updateTable('bureau_submissions')
                .set({ state: 'APPROVED', last_result: JSON.stringify(summary), updated_at: ctx.now })
                .where('id', '=', sub.id)
                .execute();
            },
          });
          report.approved++;
        } else {
          const order = await deps.orders.get(SYSTEM_ACTOR, sub.order_id);
          const { reasons, photoFlagged } = rejectionOf(results, order.draft as FilingDraft, keys);
          await deps.orders.transition(
            sub.order_id,
            { type: 'BUREAU_REJECT', reasons: reasons.map((r) => r.code), photoFlagged },
            BUREAU_ACTOR,
            {
              rejection: reasons,
              details: { bureau: summary, reasons: reasons.map((r) => ({ code: r.code, field: r.field })) },
              inTransaction: async (tx, ctx) => {
                await tx
                  .updateTable('bureau_submissions')
                  .set({ state: 'REJECTED', last_result: JSON.stringify(summary), updated_at: ctx.now })
                  .where('id', '=', sub.id)
                  .execute();
              },
            },
          );
          report.rejected++;
        }
      } catch (e) {
        // a replayed result: the order already left PENDING_BUREAU (APPROVED ignores the same approval)
        if (e instanceof DomainError && (e.code === 'ILLEGAL_TRANSITION' || e.reason === 'ORDER_NOT_FOUND')) {
          log.info({ orderId: sub.order_id, fileName: inbound.fileName }, 'bureau result already applied');
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * ZXSJ: cancellations the bureau reports (R-BUR-016/017/019, and another provider's customer cancelling a subject
   * accessed here too). The registry marks them CANCELLED and the domains are blocked FILING_CANCELLED (R-ACS-010);
   * the account and the subject principal are told (R-NTF-014) with the reason code. Our own cancel orders were
   * applied by their approval already: the registry reports no change and nothing is sent.
   */
  async function applyCancellations(tx: Tx, inbound: BureauInbound, report: SyncReport, t: number): Promise<void> {
    for (const c of inbound.cancellations) {
      const website =
        c.level === 'WEBSITE'
          ? await tx
              .selectFrom('websites')
              .select('filing_number')
              .where('bureau_id', '=', c.bureauId)
              .executeTakeFirst()
          : undefined;
      const effect = await deps.registry.applyCancellation(tx, c, t);
      if (effect.access.length === 0) continue;
      await applyAccessChanges(tx, effect.access, t);
      const domains = effect.access.map((a) => a.domain);
      await appendAudit(
        tx,
        {
          actor: BUREAU_ACTOR,
          action: 'registry.bureau_cancellation',
          objectType: c.level === 'SUBJECT' ? 'subject' : 'website',
          objectId: effect.subjectId ?? undefined,
          details: { level: c.level, bureauId: c.bureauId, reason: c.reason ?? null, domains },
        },
        t,
      );
      report.cancellations++;
      const contact = effect.subjectId ? await deps.registry.contactOf(tx, effect.subjectId) : undefined;
      const filingNumber = website?.filing_number ?? contact?.filingNumber;
      if (!deps.notifyAccount || !contact || !filingNumber) continue;
      await deps.notifyAccount(
        tx,
        {
          accountId: contact.accountId,
          template: 'R-NTF-014',
          payload: {
            filingNumber,
            domains: [...new Set(domains)].sort().slice(0, 64),
            ...(c.reason ? { reasonCode: c.reason.slice(0, 64) } : {}),
            ...(contact.province ? { province: contact.province.slice(0, 16) } : {}),
          },
          eventKey: `bureau-cancellation:${c.level}:${c.bureauId}`,
          // the principal's address is all the template needs of a draft (notifyAccount's recipients)
          draft: contact.principalEmail
            ? ({ subjectPrincipal: { email: contact.principalEmail } } as FilingDraft)
            : null,
          once: true,
        },
        t,
      );
    }
  }

  async function handle(inbound: BureauInbound, report: SyncReport): Promise<void> {
    report.files++;
    const seen = await db
      .selectFrom('bureau_inbox')
      .select(['id', 'applied_at'])
      .where('payload_sha256', '=', inbound.payloadSha256)
      .executeTakeFirst();
    if (seen?.applied_at) return; // applied before a crash kept it from being acknowledged
    // results move orders through transition() (one transaction each; a replay is refused as ILLEGAL_TRANSITION)
    await applyResults(inbound, report);
    const kinds = [
      ...(inbound.results.length ? ['BAJG'] : []),
      ...(inbound.filed.length ? ['BASJ'] : []),
      ...(inbound.cancellations.length ? ['ZXSJ'] : []),
      ...(inbound.blacklist.length ? ['HMDLB'] : []),
      ...(inbound.accessChecks?.length ? ['HCJG'] : []),
      ...(inbound.unfiledSites?.length ? ['WBAWZLB'] : []),
      ...inbound.other,
    ];
    // everything else commits with the inbox row: a file is either wholly applied and recorded, or not at all
    await db.transaction().execute(async (tx) => {
      const again = await tx
        .selectFrom('bureau_inbox')
        .select(['id', 'applied_at'])
        .where('payload_sha256', '=', inbound.payloadSha256)
        .executeTakeFirst();
      if (again?.applied_at) return;
      const t = now();
      await applyCancellations(tx, inbound, report, t);
      const fx = await deps.downloads.apply(tx, inbound, t);
      report.blacklisted += fx.blacklisted;
      report.unlisted += fx.unlisted;
      report.findings += fx.findings;
      report.blocked += fx.blocked.length;
      const summary = JSON.stringify({
        results: inbound.results.map((r) => ({
          key: r.key,
          approved: r.approved,
          codes: r.findings.map((f) => f.code),
        })),
        cancellations: inbound.cancellations,
        blacklist: inbound.blacklist.map((b) => ({ kind: b.kind, operation: b.operation })),
        accessChecks: (inbound.accessChecks ?? []).map((c) => ({ kind: c.kind, websiteNumber: c.websiteNumber })),
        unfiled: fx.unfiled.map((l) => ({ recordId: l.recordId, outcome: l.outcome })),
        blocked: fx.blocked.slice(0, 100),
      });
      if (again)
        await tx.updateTable('bureau_inbox').set({ applied_at: t, summary }).where('id', '=', again.id).execute();
      else
        await tx
          .insertInto('bureau_inbox')
          .values({
            id: newId(),
            file_name: inbound.fileName,
            payload_sha256: inbound.payloadSha256,
            kinds: JSON.stringify(kinds),
            summary,
            received_at: t,
            applied_at: t,
          })
          .execute();
    });
  }

  /**
   * WBACLJG: the handling of each listed unfiled site goes back to the bureau, one upload per listing file, after the
   * transaction that blocked them (the network is never called inside a transaction). A bureau port without the
   * report leaves the lines PENDING (shown to staff).
   */
  async function reportUnfiled(report: SyncReport): Promise<void> {
    if (!deps.bureau.reportUnfiledHandling) return;
    for (const p of await pendingUnfiledReports(db)) {
      const r = await deps.bureau.reportUnfiledHandling(p.lines);
      await markUnfiledReported(db, p.payloadSha256, r.fileName, now());
      report.reports++;
    }
  }

  /** One sync run: uploads, then downloads. Tests call it directly; the timer calls it every interval. */
  async function sync(): Promise<SyncReport> {
    const report = emptyReport();
    await upload(report);
    await deps.bureau.poll((inbound) => handle(inbound, report));
    await reportUnfiled(report);
    return report;
  }

  /** Applies one decoded file (what `poll` hands over); exposed so a replay can be tested without the network. */
  async function applyInbound(inbound: BureauInbound): Promise<SyncReport> {
    const report = emptyReport();
    await handle(inbound, report);
    return report;
  }

  /** Arms the recurring sync timer unless one is pending (one chain, even after a crash or with several workers). */
  async function ensureTimer(except?: string): Promise<void> {
    const pending = (await pendingTimers(db, SYNC_OBJECT)).filter(
      (t) => t.kind === BUREAU_SYNC_TIMER && t.id !== except,
    );
    if (pending.length === 0)
      await setTimer(db, { kind: BUREAU_SYNC_TIMER, objectId: SYNC_OBJECT, dueAt: now() + interval }, now());
  }

  const timerHandlers: Record<string, TimerHandler> = {
    // The handler never fails: a bureau that is down is retried by the next run of the one recurring chain (a failed
    // timer would be retried by the worker as well, and the chain would fork).
    [BUREAU_SYNC_TIMER]: async (timer) => {
      try {
        await sync();
      } catch (e) {
        log.warn(
          { err: (e as Error).message, reason: (e as DomainError).reason },
          'bureau sync failed; retried on the next run',
        );
      } finally {
        await ensureTimer(timer.id);
      }
    },
  };

  async function submissionOf(orderId: string) {
    return db
      .selectFrom('bureau_submissions')
      .selectAll()
      .where('order_id', '=', orderId)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
  }

  return {
    sync,
    applyInbound,
    upload: async () => {
      const report = emptyReport();
      await upload(report);
      return report;
    },
    reportUnfiled: async () => {
      const report = emptyReport();
      await reportUnfiled(report);
      return report;
    },
    ensureTimer,
    timerHandlers,
    submissionOf,
  };
}

export type BureauSync = ReturnType<typeof createBureauSync>;
