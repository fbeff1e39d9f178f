import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import { type App, requireActor } from '../../platform/http/app.ts';
import type { Actor } from '../audit/audit.repository.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import { CERTIFICATE_TYPES, type FilingDraft, PROVINCES } from '../rules/draft.ts';
import type { BureauPort, BureauRecord } from './port.ts';
import { copyRecordIntoDraft, MAX_ACCESS_WEBSITES, selectWebsites } from './record-mapping.ts';
import { type BureauSync, type FilingPasswordVault, passwordNumbers } from './sync.service.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Password = Type.String({ minLength: 1, maxLength: 64 });
const FilingNumber = Type.String({ minLength: 6, maxLength: 40 });
/** R-ORD-032b: the filed websites an ACCESS order takes over, by website filing number. */
const Selection = Type.Array(FilingNumber, { minItems: 1, maxItems: 64 });
const Retrieval = {
  province: Type.Enum(PROVINCES),
  filingNumber: FilingNumber,
  certificateType: Type.Enum(CERTIFICATE_TYPES),
  certificateNumber: Type.String({ minLength: 1, maxLength: 40 }),
};
/** Password functions are throttled per client: they are what a guesser would hammer. */
const PASSWORD_RATE = { max: 10, timeWindow: '1 minute' };

function filingNumberOf(draft: FilingDraft): string | undefined {
  return draft.subjectFilingNumber?.trim() || draft.websites?.map((w) => w.filingNumber?.trim()).find(Boolean);
}

type OrderView = Awaited<ReturnType<OrdersService['get']>>;

/** The record's websites as the selection step lists them. */
function websiteChoices(record: BureauRecord, draft: FilingDraft) {
  const selected = new Set((draft.websites ?? []).map((w) => w.filingNumber));
  return record.websites.map((w) => ({
    filingNumber: w.filingNumber,
    name: w.name ?? '',
    domains: w.domains ?? [],
    selected: selected.has(w.filingNumber),
    otherProviders: w.accessProviders.length,
  }));
}

function selectionError(p: Exclude<ReturnType<typeof selectWebsites>, string[]>): DomainError {
  const message =
    p.code === 'MAX_WEBSITES_PER_ORDER'
      ? { zh: `一次接入备案最多选择 ${p.max} 个网站`, en: `An access order takes at most ${p.max} websites` }
      : p.code === 'WEBSITE_NOT_IN_RECORD'
        ? {
            zh: `网站备案号 ${p.filingNumber} 不属于该主体的备案`,
            en: `Website number ${p.filingNumber} is not one of the subject's filed websites`,
          }
        : { zh: '请至少选择一个要接入的网站', en: 'Select at least one website to access' };
  return new DomainError('RULE_VIOLATION', {
    reason: p.code,
    message,
    violations: [
      {
        rule: p.code === 'MAX_WEBSITES_PER_ORDER' ? 'R-WEB-001' : 'R-ORD-032',
        code: p.code,
        severity: 'block',
        field: 'websites',
        message,
      },
    ],
  });
}

export function registerBureauRoutes(
  app: App,
  deps: { orders: OrdersService; bureau: BureauPort; sync: BureauSync; vault: FilingPasswordVault },
) {
  const tags = ['bureau'];

  /**
   * R-ORD-032a/b: fetches the subject's record with its filing password and copies subject, principal and the selected
   * websites into the ACCESS order, read-only (R-SUB-029). The password itself goes nowhere but the bureau.
   */
  async function copyRecord(
    actor: Actor,
    order: OrderView,
    number: string,
    password: string,
    chosen: string[] | undefined,
    requestId: string,
  ) {
    const draft = order.draft as FilingDraft;
    const record = await deps.bureau.fetchRecord(number, password);
    const entered = (draft.websites ?? []).flatMap((w) => (w.domains ?? []).map((d) => d.trim().toLowerCase()));
    const selected = selectWebsites(record, chosen, entered);
    if (!Array.isArray(selected)) throw selectionError(selected);
    const copy = copyRecordIntoDraft(draft, record, selected);
    const r = await deps.orders.copyAccessRecord(actor, order.id, copy, requestId);
    return { version: r.version, websites: websiteChoices(record, copy.draft), maxWebsites: MAX_ACCESS_WEBSITES };
  }

  app.post(
    '/api/v1/orders/:id/filing-password',
    {
      schema: {
        tags,
        summary:
          'Filing password for ACCESS / CANCEL_SUBJECT (R-BUR-008): verified at the bureau now and held in memory only until the upload (R-BUR-005)',
        params: IdParams,
        body: Type.Object({ password: Password, websites: Type.Optional(Selection) }, { additionalProperties: false }),
      },
      config: { auth: ['customer'], rateLimit: PASSWORD_RATE },
    },
    async (req) => {
      const actor = requireActor(req);
      const order = await deps.orders.get(actor, req.params.id, req.id);
      if (order.type !== 'ACCESS' && order.type !== 'CANCEL_SUBJECT')
        throw new DomainError('CONFLICT', {
          reason: 'FILING_PASSWORD_NOT_NEEDED',
          message: { zh: '该类型的订单无需备案密码', en: 'This order type does not use the filing password' },
        });
      const number = filingNumberOf(order.draft as FilingDraft);
      if (!number)
        throw new DomainError('RULE_VIOLATION', {
          reason: 'FILING_NUMBER_MISSING',
          message: { zh: '请先填写备案号', en: 'Enter the filing number first' },
        });
      if (!(await deps.bureau.verifyFilingPassword(number, req.body.password)))
        throw new DomainError('RULE_VIOLATION', {
          reason: 'FILING_PASSWORD_WRONG',
          message: { zh: '备案密码错误', en: 'Wrong filing password' },
          details: { rule: 'R-BUR-008' },
        });
      deps.vault.hold(number, req.body.password);
      // R-ORD-032a: the first entry (or a new selection) copies the bureau record into the ACCESS order
      if (order.type === 'ACCESS' && (req.body.websites || !(await deps.orders.accessCopyOf(order.id))))
        return {
          verified: true,
          copied: true,
          ...(await copyRecord(actor, order, number, req.body.password, req.body.websites, req.id)),
        };
      return { verified: true, copied: false };
    },
  );

  app.get(
    '/api/v1/orders/:id/access-record',
    {
      schema: {
        tags,
        summary:
          "An ACCESS order's bureau record: the subject's filed websites to select from (R-ORD-032b), while the filing password is held",
        params: IdParams,
      },
      config: { auth: ['customer'] },
    },
    async (req) => {
      const order = await deps.orders.get(requireActor(req), req.params.id, req.id);
      const draft = order.draft as FilingDraft;
      const number = filingNumberOf(draft);
      const password = deps.vault.find(passwordNumbers(draft));
      const copiedPaths = await deps.orders.accessCopyOf(order.id);
      if (order.type !== 'ACCESS' || !number || !password)
        return { passwordHeld: false, copied: copiedPaths !== null, copiedPaths: copiedPaths ?? [], websites: [] };
      const record = await deps.bureau.fetchRecord(number, password);
      return {
        passwordHeld: true,
        copied: copiedPaths !== null,
        copiedPaths: copiedPaths ?? [],
        websites: websiteChoices(record, draft),
        maxWebsites: MAX_ACCESS_WEBSITES,
      };
    },
  );

  app.put(
    '/api/v1/orders/:id/access-websites',
    {
      schema: {
        tags,
        summary:
          "R-ORD-032b: select 1–10 of the subject's filed websites for an ACCESS order; their data are copied read-only",
        params: IdParams,
        body: Type.Object({ websites: Selection }, { additionalProperties: false }),
      },
      config: { auth: ['customer'] },
    },
    async (req) => {
      const actor = requireActor(req);
      const order = await deps.orders.get(actor, req.params.id, req.id);
      if (order.type !== 'ACCESS')
        throw new DomainError('CONFLICT', {
          reason: 'NOT_AN_ACCESS_ORDER',
          message: { zh: '只有接入备案需要选择网站', en: 'Only access orders select filed websites' },
        });
      const draft = order.draft as FilingDraft;
      const number = filingNumberOf(draft);
      const password = deps.vault.find(passwordNumbers(draft));
      if (!number || !password)
        throw new DomainError('CONFLICT', {
          reason: 'FILING_PASSWORD_REQUIRED',
          message: {
            zh: '请先输入主体备案密码',
            en: "Enter the subject's filing password first",
          },
          details: { rule: 'R-ORD-032' },
        });
      return copyRecord(actor, order, number, password, req.body.websites, req.id);
    },
  );

  app.get(
    '/api/v1/orders/:id/bureau',
    {
      schema: {
        tags,
        summary: 'Where the order is at the bureau: upload state, data sequence, waiting for the password',
        params: IdParams,
      },
      config: { auth: ['customer', 'reviewer', 'admin'] },
    },
    async (req) => {
      const order = await deps.orders.get(requireActor(req), req.params.id, req.id);
      const sub = await deps.sync.submissionOf(order.id);
      return {
        orderId: order.id,
        state: sub?.state ?? null,
        dataSequence: sub?.data_sequence ?? null,
        uploadedAt: sub?.state === 'UPLOADED' ? sub.updated_at : null,
        awaitingPassword: sub?.state === 'AWAITING_PASSWORD',
        passwordHeld: deps.vault.find(passwordNumbers(order.draft as FilingDraft)) !== undefined,
        lastResult: sub?.last_result ? JSON.parse(sub.last_result) : null,
      };
    },
  );

  app.post(
    '/api/v1/filing-password/change',
    {
      schema: {
        tags,
        summary: 'Change the filing password at the bureau; the current one is required (R-BUR-006)',
        body: Type.Object(
          { filingNumber: FilingNumber, oldPassword: Password, newPassword: Password },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['customer'], rateLimit: PASSWORD_RATE },
    },
    async (req) => {
      await deps.bureau.changeFilingPassword(req.body);
      return { changed: true };
    },
  );

  app.post(
    '/api/v1/filing-password/retrieve',
    {
      schema: {
        tags,
        summary: 'Online retrieval (R-BUR-007): the bureau sends the password to the subject principal',
        body: Type.Object(Retrieval, { additionalProperties: false }),
      },
      config: { auth: ['customer'], rateLimit: PASSWORD_RATE },
    },
    async (req) => {
      await deps.bureau.retrieveFilingPassword(req.body);
      return { sent: true };
    },
  );

  app.post(
    '/api/v1/filing-password/retrieve-offline',
    {
      schema: {
        tags,
        summary: 'Offline retrieval (R-BUR-009): the mailed form; answered by phone within working days',
        body: Type.Object(
          { ...Retrieval, contactPhone: Type.String({ minLength: 5, maxLength: 24 }) },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['customer'], rateLimit: PASSWORD_RATE },
    },
    async (req, reply) => reply.status(202).send(await deps.bureau.requestOfflineRetrieval(req.body)),
  );

  app.post(
    '/api/v1/bureau/cancellation-requests',
    {
      schema: {
        tags,
        summary: "A domain holder asks the bureau to cancel another subject's filing of the domain (R-BUR-019)",
        body: Type.Object(
          {
            domain: Type.String({ minLength: 3, maxLength: 253 }),
            requesterName: Type.String({ minLength: 1, maxLength: 100 }),
            explanation: Type.String({ minLength: 1, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['customer', 'reviewer', 'admin'], rateLimit: PASSWORD_RATE },
    },
    async (req, reply) => reply.status(202).send(await deps.bureau.requestThirdPartyCancellation(req.body)),
  );

  app.post(
    '/api/v1/bureau/sync',
    {
      schema: { tags, summary: 'Run the bureau sync now (uploads, then downloads)' },
      config: { auth: ['admin'] },
    },
    async () => deps.sync.sync(),
  );
}
