import type { Clock } from '../../platform/clock.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import type { Database, Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError } from '../../platform/errors.ts';
import { type AccessDecision, type AccessReason, accessRowsFor } from '../access/access.repository.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import type { FilingDraft, Website } from '../rules/draft.ts';
import { registrableDomain } from '../rules/validators/domain.ts';
import { checkPostFilingOrder, type PostFilingOrderType } from './domain/detect-type.ts';
import { checkFilingTransfer } from './domain/limits.ts';
import { refusalToError } from './domain/refusals.ts';
import type { OrderState } from './domain/states.ts';
import { decideCreate } from './domain/transitions.ts';
import type { OrdersService } from './orders.service.ts';

/** The bureau's password check (R-BUR-008), through the bureau port; absent when no bureau is configured. */
export type FilingPasswordVerifier = (subjectFilingNumber: string, password: string) => Promise<boolean>;

export interface PostFilingInput {
  type: PostFilingOrderType;
  websiteIds?: string[];
  /** CANCEL_SUBJECT only (R-CHG-011). */
  filingPassword?: string;
  /** R-CHG-017: the customer names the cancellation type to confirm it. */
  confirm?: 'CANCEL_SUBJECT' | 'CANCEL_WEBSITE' | 'CANCEL_ACCESS';
}

/**
 * Orders on an existing filing (R-CHG): changes, cancellations, cancel access — by the customer, or a cancel access
 * initiated by the provider (R-CHG-018) — and the filing transfer between accounts (R-ACC-005).
 */
export function createPostFilingService(deps: {
  database: Database;
  clock: Clock;
  pii: PiiCrypto;
  orders: OrdersService;
  verifyFilingPassword?: () => FilingPasswordVerifier | undefined;
  notifyTransfer?: (
    tx: Tx,
    input: { fromAccountId: string; toAccountId: string; subjectName: string; transferId: string },
    now: number,
  ) => Promise<void>;
}) {
  const { db } = deps.database;

  async function filedSubjectOf(accountId: string) {
    return db
      .selectFrom('subjects')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('status', '!=', 'CANCELLED')
      .executeTakeFirst();
  }

  async function websitesOf(subjectId: string) {
    const sites = await db
      .selectFrom('websites')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .where('status', '!=', 'CANCELLED')
      .orderBy('filing_number')
      .execute();
    const domains = await db
      .selectFrom('domains')
      .select(['website_id', 'domain'])
      .where('subject_id', '=', subjectId)
      .where('status', '!=', 'CANCELLED')
      .execute();
    // the registry keeps each filed host (x.cn and www.x.cn); a filing covers the registrable domain, listed once
    return sites.map((w) => ({
      ...w,
      domains: [...new Set(domains.filter((d) => d.website_id === w.id).map((d) => d.domain))],
    }));
  }

  function decryptJson<T>(value: string | null, context: string): T | undefined {
    if (!value) return undefined;
    return JSON.parse(deps.pii.keyring.decryptString(value, context)) as T;
  }

  /**
   * What the gateway serves for each domain, read from the access projection (R-ACS-006) rather than derived from the
   * registry: the projection is what the edge enforces, so the console shows the same answer a visitor gets
   * (a domain without a row is blocked as not filed here).
   */
  async function domainAccess(domains: readonly string[]): Promise<DomainAccess[]> {
    const keyOf = (d: string) => safeRegistrable(d) ?? d;
    const rows = await accessRowsFor(db, [...new Set(domains.map(keyOf))]);
    const byKey = new Map(rows.map((r) => [r.domain, r]));
    return domains.map((domain) => {
      const row = byKey.get(keyOf(domain));
      return {
        domain,
        decision: (row?.decision ?? 'block') as AccessDecision,
        reason: (row?.reason ?? 'NOT_FILED') as AccessReason,
      };
    });
  }

  /** The customer's filed subject with its websites, for the dashboard and the "after filing" pages. */
  async function filings(actor: Actor) {
    const subject = await filedSubjectOf(actor.id!);
    if (!subject) return null;
    const sites = await websitesOf(subject.id);
    const access = await domainAccess(sites.flatMap((w) => w.domains));
    return {
      subject: {
        id: subject.id,
        name: subject.name,
        type: subject.subject_type,
        province: subject.province,
        filingNumber: subject.filing_number,
        status: subject.status,
        certificateNumber: subject.cert_number_masked,
      },
      websites: sites.map((w) => ({
        id: w.id,
        name: w.name,
        filingNumber: w.filing_number,
        status: w.status,
        accessedHere: w.accessed_here === 1,
        domains: w.domains,
        accessIp: w.access_ip,
        access: access.filter((a) => w.domains.includes(a.domain)),
      })),
    };
  }

  async function create(
    actor: Actor,
    input: PostFilingInput,
    opts: { onBehalfOfAccountId?: string; requestId?: string } = {},
  ) {
    const provider = actor.role === 'admin' || actor.role === 'reviewer';
    if (provider && input.type !== 'CANCEL_ACCESS')
      throw new DomainError('FORBIDDEN', { reason: 'PROVIDER_MAY_ONLY_CANCEL_ACCESS' });
    const accountId = provider ? opts.onBehalfOfAccountId : actor.id!;
    if (!accountId) throw new DomainError('VALIDATION_FAILED', { reason: 'ACCOUNT_REQUIRED' });
    const subject = await filedSubjectOf(accountId);
    if (!subject?.filing_number)
      throw new DomainError('RULE_VIOLATION', {
        reason: 'NO_FILED_SUBJECT',
        message: { zh: '该账号下没有已备案的主体', en: 'The account has no filed subject' },
      });
    const sites = await websitesOf(subject.id);
    const states = await db.selectFrom('orders').select('state').where('account_id', '=', accountId).execute();
    const refused = checkPostFilingOrder({
      type: input.type,
      initiator: provider ? 'provider' : 'customer',
      accountId,
      subjectBoundAccountId: subject.account_id,
      websites: sites.map((w) => ({
        id: w.id,
        label: w.name || w.domains[0] || w.id,
        accessedHere: w.accessed_here === 1,
      })),
      targetWebsiteIds: input.websiteIds ?? [],
      accountOrderStates: states.map((s) => s.state as OrderState),
    });
    if (refused) throw refusalToError(refused);
    if (input.type.startsWith('CANCEL_') && input.confirm !== input.type)
      throw new DomainError('VALIDATION_FAILED', {
        reason: 'CANCEL_CONFIRMATION_REQUIRED',
        message: {
          zh: '请确认注销/取消接入的类型（取消接入保留备案号；注销备案删除备案号）',
          en: 'Confirm the cancellation type by name (cancel access keeps the number; cancelling the filing deletes it)',
        },
        violations: [
          {
            rule: 'R-CHG-017',
            code: 'CANCEL_CONFIRMATION_REQUIRED',
            severity: 'block',
            field: 'confirm',
            message: { zh: '请确认操作类型', en: 'Confirm the type' },
          },
        ],
      });
    if (input.type === 'CANCEL_SUBJECT') {
      const verify = deps.verifyFilingPassword?.();
      if (!verify) throw new DomainError('SERVICE_UNAVAILABLE', { reason: 'BUREAU_UNAVAILABLE' });
      if (!input.filingPassword || !(await verify(subject.filing_number, input.filingPassword)))
        throw new DomainError('RULE_VIOLATION', {
          reason: 'FILING_PASSWORD_INVALID',
          message: {
            zh: '备案密码错误，可通过找回备案密码重置',
            en: 'Wrong filing password; it can be retrieved and reset',
          },
          violations: [
            {
              rule: 'R-CHG-011',
              code: 'FILING_PASSWORD_INVALID',
              severity: 'block',
              field: 'filingPassword',
              message: { zh: '备案密码错误', en: 'Wrong filing password' },
            },
          ],
        });
    }
    const targets =
      input.type === 'CHANGE_SUBJECT' || input.type === 'CANCEL_SUBJECT'
        ? sites
        : sites.filter((w) => input.websiteIds?.includes(w.id));
    const subjectData = decryptJson<Pick<FilingDraft, 'subject' | 'subjectPrincipal'>>(
      subject.data_enc,
      `subjects.data.${subject.id}`,
    );
    const draft: FilingDraft = {
      orderType: input.type,
      province: subject.province as FilingDraft['province'],
      subjectFilingNumber: subject.filing_number,
      subject: subjectData?.subject ?? {
        name: subject.name,
        type: subject.subject_type as never,
        certificateType: subject.cert_type as never,
      },
      ...(subjectData?.subjectPrincipal ? { subjectPrincipal: subjectData.subjectPrincipal } : {}),
      websites: targets.map((w) => ({
        ...(decryptJson<Website>(w.data_enc, `websites.data.${w.id}`) ?? {}),
        name: w.name,
        filingNumber: w.filing_number ?? undefined,
        domains: w.domains,
        ...(w.access_ip ? { accessIps: [w.access_ip] } : {}),
      })),
      ...(input.confirm ? { cancelConfirmation: input.confirm } : {}),
    };
    const d = decideCreate(
      {
        type: input.type,
        initiator: provider ? 'provider' : 'customer',
        authCodeId: null,
        bureauWorkingDays: deps.orders.bureauDays(subject.province),
      },
      deps.orders.domainActor(actor),
    );
    if (!d.ok) throw refusalToError(d);
    const id = newId();
    const owner: Actor = provider ? { ...actor, accountId } : actor;
    const orderNo = await db.transaction().execute((tx) =>
      deps.orders.insertOrder(tx, owner, {
        id,
        type: input.type,
        variant: null,
        province: subject.province,
        subjectId: subject.id,
        serverId: targets[0]?.server_id ?? null,
        authCodeId: null,
        accessIp: targets[0]?.access_ip ?? null,
        draft,
        decision: d,
        requestId: opts.requestId,
        details: { targets: targets.map((w) => w.filing_number), initiator: provider ? 'provider' : 'customer' },
      }),
    );
    // R-CHG-016: cancelling access leaves a shell unless another provider hosts the site
    const warnings =
      input.type === 'CANCEL_ACCESS'
        ? [
            {
              code: 'MAY_BECOME_SHELL',
              rule: 'R-CHG-016',
              message: {
                zh: '取消接入后，若网站没有其他接入商，将成为空壳备案并可能被管局注销。请先在新的接入商处办理接入。',
                en: 'After cancelling access, a website with no other access provider becomes a shell filing and may be cancelled by the bureau. Obtain access at the new provider first.',
              },
            },
          ]
        : [];
    return { id, orderNo, type: input.type, state: d.to, version: 1, warnings };
  }

  /** R-ACC-005: support moves a subject with its websites, orders and access records to another account. */
  async function transfer(actor: Actor, input: { subjectId: string; toAccountNo: string }, requestId?: string) {
    return db.transaction().execute(async (tx) => {
      const subject = await tx.selectFrom('subjects').selectAll().where('id', '=', input.subjectId).executeTakeFirst();
      if (!subject) throw new DomainError('NOT_FOUND', { reason: 'SUBJECT_NOT_FOUND' });
      const to = await tx
        .selectFrom('users')
        .select(['id', 'role'])
        .where('account_no', '=', input.toAccountNo)
        .executeTakeFirst();
      if (!to || to.role !== 'customer') throw new DomainError('NOT_FOUND', { reason: 'ACCOUNT_NOT_FOUND' });
      const targetSubject = await tx
        .selectFrom('subjects')
        .select(['cert_type', 'id'])
        .where('account_id', '=', to.id)
        .where('status', '!=', 'CANCELLED')
        .executeTakeFirst();
      const orders = await tx.selectFrom('orders').select('state').where('subject_id', '=', subject.id).execute();
      const fromOrders = await tx
        .selectFrom('orders')
        .select('state')
        .where('account_id', '=', subject.account_id)
        .execute();
      const refused = checkFilingTransfer({
        fromAccountId: subject.account_id,
        toAccountId: to.id,
        targetAccountSubject: targetSubject
          ? { certType: targetSubject.cert_type, certNumber: targetSubject.id }
          : null,
        subjectOrderStates: [...orders, ...fromOrders].map((o) => o.state as OrderState),
      });
      if (refused) throw refusalToError(refused);
      const t = deps.clock.now().getTime();
      await tx.updateTable('subjects').set({ account_id: to.id, updated_at: t }).where('id', '=', subject.id).execute();
      await tx.updateTable('orders').set({ account_id: to.id }).where('subject_id', '=', subject.id).execute();
      // R-NTF-018: both accounts hear of it, in the same transaction
      await deps.notifyTransfer?.(
        tx,
        { fromAccountId: subject.account_id, toAccountId: to.id, subjectName: subject.name, transferId: newId() },
        t,
      );
      await appendAudit(
        tx,
        {
          actor,
          action: 'subject.transfer',
          objectType: 'subject',
          objectId: subject.id,
          requestId,
          details: { from: subject.account_id, to: to.id },
        },
        t,
      );
      return { subjectId: subject.id, fromAccountId: subject.account_id, toAccountId: to.id };
    });
  }

  async function accountIdOf(accountNo: string): Promise<string> {
    const u = await db.selectFrom('users').select('id').where('account_no', '=', accountNo).executeTakeFirst();
    if (!u) throw new DomainError('NOT_FOUND', { reason: 'ACCOUNT_NOT_FOUND' });
    return u.id;
  }

  return { filings, create, transfer, accountIdOf };
}
export type PostFilingService = ReturnType<typeof createPostFilingService>;

/** The gateway's decision for one filed domain (GET /api/v1/filings). */
export interface DomainAccess {
  domain: string;
  decision: AccessDecision;
  reason: AccessReason;
}

function safeRegistrable(host: string): string | null {
  try {
    return registrableDomain(host);
  } catch {
    return null;
  }
}
