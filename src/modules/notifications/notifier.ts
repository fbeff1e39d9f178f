import type { Tx } from '../../platform/db/database.ts';
import type { Lang } from '../../platform/i18n.ts';
import { setTimer } from '../../platform/timers.ts';
import type { Actor } from '../audit/audit.repository.ts';
import { addCalendarDays, beijingDate, beijingInstant } from '../calendar/index.ts';
import type { OrderType } from '../filings/domain/order-types.ts';
import { STEP_VALIDITY_DAYS } from '../filings/domain/states.ts';
import type { Accepted } from '../filings/domain/transitions.ts';
import type { OrderRow, RejectionReason } from '../filings/orders.service.ts';
import {
  defaultProviderConfig,
  PROVIDER_CONFIG_KEY,
  type ProviderConfig,
  parseProviderConfig,
} from '../review/provider-config.ts';
import type { FilingDraft } from '../rules/draft.ts';
import { registrableDomain } from '../rules/validators/domain.ts';
import { type Enqueue, eventRef, type OutboxMessage } from './outbox.ts';
import { type PayloadOf, psbDueDate, type TemplateId } from './templates.ts';

/** Timer kind of the public-security filing reminder (R-EXT-001), set at approval of FIRST / ADD_WEBSITE. */
export const PSB_REMINDER_TIMER = 'NTF_PSB_FILING_REMINDER';
/** The reminder goes out this many days before the public-security filing is due. */
export const PSB_REMINDER_LEAD_DAYS = 7;

const DAY_MS = 86_400_000;

/** The account's notification language, kept in `settings` (the users table has no language column). */
export const langSettingKey = (accountId: string) => `notifications.lang:${accountId}`;

export async function accountLang(tx: Tx, accountId: string): Promise<Lang> {
  const row = await tx
    .selectFrom('settings')
    .select('value')
    .where('key', '=', langSettingKey(accountId))
    .executeTakeFirst();
  return row?.value === 'en' ? 'en' : 'zh';
}

/** A syntactically plausible address; a draft can hold anything while it is being typed. */
export function isEmailAddress(s: string | undefined | null): s is string {
  return typeof s === 'string' && /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(s.trim()) && s.length <= 254;
}

/** The provider configuration (photo points, MIIT link) read through the caller's transaction. */
export async function providerConfigIn(
  tx: Tx,
  boot: { providerName: string; hotline: string },
): Promise<ProviderConfig> {
  const row = await tx.selectFrom('settings').select('value').where('key', '=', PROVIDER_CONFIG_KEY).executeTakeFirst();
  return parseProviderConfig(
    row?.value,
    defaultProviderConfig({ legalName: boot.providerName, hotline: boot.hotline }),
  );
}

export interface Recipient {
  email: string;
  role: 'account' | 'principal';
}

/**
 * Who gets a provider notification about an order (§13 preamble, interp.): the account's contact email and the
 * subject principal's email from the draft, once each.
 */
export async function orderRecipients(
  tx: Tx,
  accountId: string,
  draft: FilingDraft | null,
  withPrincipal = true,
): Promise<Recipient[]> {
  const user = await tx.selectFrom('users').select(['email']).where('id', '=', accountId).executeTakeFirst();
  const out: Recipient[] = [];
  if (user && isEmailAddress(user.email)) out.push({ email: user.email.trim(), role: 'account' });
  const p = draft?.subjectPrincipal?.email;
  if (withPrincipal && isEmailAddress(p) && !out.some((r) => r.email.toLowerCase() === p.trim().toLowerCase()))
    out.push({ email: p.trim(), role: 'principal' });
  return out;
}

function safeRegistrable(d: string): string | null {
  try {
    return registrableDomain(d);
  } catch {
    return null;
  }
}

export function draftDomains(draft: FilingDraft): string[] {
  const out = new Set<string>();
  for (const w of draft.websites ?? [])
    for (const d of w.domains ?? []) out.add(safeRegistrable(d) ?? d.trim().toLowerCase());
  return [...out];
}

/** Filing numbers of the draft's websites, as the registry holds them after the bureau approval wrote them. */
async function filedWebsites(tx: Tx, draft: FilingDraft) {
  const websites = [];
  let subjectFilingNumber: string | null = null;
  for (const w of draft.websites ?? []) {
    const domains = [...new Set((w.domains ?? []).map((d) => safeRegistrable(d) ?? d.trim().toLowerCase()))];
    let filingNumber: string | null = w.filingNumber ?? null;
    if (domains.length) {
      const rec = await tx
        .selectFrom('domains')
        .innerJoin('websites', 'websites.id', 'domains.website_id')
        .innerJoin('subjects', 'subjects.id', 'domains.subject_id')
        .select(['websites.filing_number as wfn', 'subjects.filing_number as sfn'])
        .where('domains.domain', 'in', domains)
        .where('domains.status', '=', 'FILED')
        .executeTakeFirst();
      if (rec?.wfn) filingNumber = rec.wfn;
      if (rec?.sfn) subjectFilingNumber ??= rec.sfn;
    }
    websites.push({ name: w.name ?? null, domains, filingNumber, new: !w.filingNumber });
  }
  return { websites, subjectFilingNumber };
}

export interface NotifyContext {
  row: OrderRow;
  decision: Accepted;
  draft: FilingDraft;
  actor: Actor;
  rejection?: RejectionReason[];
  now: number;
}

export interface NotifierDeps {
  enqueue: Enqueue;
  providerName: string;
  hotline: string;
}

/**
 * The lifecycle's notification hook (OrdersDeps.notify): turns the R-NTF rules the transition table lists for an
 * accepted decision into outbox rows, inside the transition's transaction.
 */
export function createNotifier(deps: NotifierDeps) {
  return async function notify(tx: Tx, ctx: NotifyContext): Promise<void> {
    const { row, decision, draft, now } = ctx;
    const rules = decision.notify as readonly string[];
    if (rules.length === 0) return;
    const lang = await accountLang(tx, row.account_id);
    const type = row.order_type as OrderType;
    const ref = { orderId: row.id, orderNo: row.order_no, orderType: type };
    const seq = row.version + 1;
    const messages: { principal: boolean; to: (r: Recipient) => OutboxMessage }[] = [];
    const add = <K extends TemplateId>(template: K, payload: PayloadOf<K>, principal = true) =>
      messages.push({
        principal,
        to: (r): OutboxMessage<K> => ({
          channel: 'email',
          to: r.email,
          template,
          lang,
          payload,
          eventRef: eventRef(row.account_id, `order:${row.id}:${seq}:${template}`, r.role),
        }),
      });

    const rejection = () => ({
      ...ref,
      reasons: ctx.rejection?.length
        ? ctx.rejection.slice(0, 50).map((r) => ({
            code: r.code.slice(0, 64),
            field: r.field.slice(0, 200),
            // bureau texts are relayed verbatim, but a row over the schema's limits would never be sent
            message: r.message.slice(0, 1000),
            ...(r.fix ? { fix: r.fix.slice(0, 1000) } : {}),
          }))
        : [
            {
              code: 'SEE_CONSOLE',
              field: '',
              message: lang === 'zh' ? '驳回原因请登录备案控制台查看' : 'See the filing console for the reasons',
            },
          ],
      deadline: now + STEP_VALIDITY_DAYS * DAY_MS,
      websiteNames: (draft.websites ?? []).map((w) => w.name ?? null),
      materials: (draft.materials ?? []).map((m) => ({
        kind: m.kind ?? '',
        ...(m.websiteIndex !== undefined ? { websiteIndex: m.websiteIndex } : {}),
      })),
    });

    for (const rule of rules) {
      switch (rule) {
        case 'R-NTF-001':
        case 'R-NTF-002':
        case 'R-NTF-003':
          add(rule, rejection());
          break;
        case 'R-NTF-004': {
          const cfg = await providerConfigIn(tx, deps);
          const inProvince = cfg.photoPoints.filter((p) => p.province === row.province);
          add('R-NTF-004', {
            ...ref,
            domains: draftDomains(draft),
            photoPoints: (inProvince.length ? inProvince : cfg.photoPoints).slice(0, 20),
          });
          break;
        }
        case 'R-NTF-010': {
          const server = row.server_id
            ? await tx
                .selectFrom('servers')
                .select(['name', 'expires_at'])
                .where('id', '=', row.server_id)
                .executeTakeFirst()
            : undefined;
          add('R-NTF-010', {
            orderId: row.id,
            orderNo: row.order_no,
            stage: 'expired',
            expiresOn: server?.expires_at ?? beijingDate(new Date(now)),
            ...(server?.name ? { serverName: server.name } : {}),
          });
          break;
        }
        case 'R-NTF-012': {
          const cfg = await providerConfigIn(tx, deps);
          const filed = await filedWebsites(tx, draft);
          // R-EXT-001: FIRST and ADD_WEBSITE open their (new) websites here now; the 30 days count from today
          const opensSites = type === 'FIRST' || type === 'ADD_WEBSITE';
          const due = opensSites ? psbDueDate(beijingDate(new Date(now))) : undefined;
          add('R-NTF-012', {
            ...ref,
            subjectName: draft.subject?.name ?? '',
            subjectFilingNumber: filed.subjectFilingNumber,
            websites: filed.websites.map(({ new: _n, ...w }) => w),
            miitUrl: cfg.miitUrl,
            ...(due ? { psbDueDate: due } : {}),
          });
          const opened = filed.websites.filter((w) => type === 'FIRST' || w.new).flatMap((w) => w.domains);
          if (due && opened.length)
            await setTimer(
              tx,
              {
                kind: PSB_REMINDER_TIMER,
                objectId: row.id,
                dueAt: Math.max(now, beijingInstant(addCalendarDays(due, -PSB_REMINDER_LEAD_DAYS), 9).getTime()),
                payload: { accountId: row.account_id, orderId: row.id, domains: opened, dueDate: due },
              },
              now,
            );
          break;
        }
        case 'R-NTF-013': {
          const filed = await filedWebsites(tx, draft);
          add('R-NTF-013', { ...ref, websites: filed.websites.map(({ new: _n, ...w }) => w) });
          break;
        }
        case 'R-NTF-017':
          // only uploads by someone other than the customer are news to the customer (R-MAT-019, R-ORD-024)
          if (ctx.actor.role !== 'customer')
            add(
              'R-NTF-017',
              {
                orderId: row.id,
                orderNo: row.order_no,
                uploadedBy: ctx.actor.role === 'photo_agent' ? 'photo_point' : 'provider',
                at: now,
              },
              false,
            );
          break;
      }
    }
    // R-NTF-020 is the promise that every synced bureau decision is reported; when the decision already has its own
    // template (approval, rejection, cancel access) that mail is the report, otherwise a plain status mail is.
    if (rules.includes('R-NTF-020') && messages.length === 0)
      add('R-NTF-020', {
        ...ref,
        state: decision.to,
        domains: decision.access.group === 'CXL' && decision.access.domains === 'BLOCKED' ? draftDomains(draft) : [],
      });

    const recipients = await orderRecipients(tx, row.account_id, draft);
    for (const m of messages)
      for (const r of recipients) if (r.role === 'account' || m.principal) await deps.enqueue(tx, m.to(r), now);
  };
}
export type Notify = ReturnType<typeof createNotifier>;
