import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import { type App, requireActor } from '../../platform/http/app.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import { CERTIFICATE_TYPES, type FilingDraft, PROVINCES } from '../rules/draft.ts';
import type { BureauPort } from './port.ts';
import { type BureauSync, type FilingPasswordVault, passwordNumbers } from './sync.service.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Password = Type.String({ minLength: 1, maxLength: 64 });
const FilingNumber = Type.String({ minLength: 6, maxLength: 40 });
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

export function registerBureauRoutes(
  app: App,
  deps: { orders: OrdersService; bureau: BureauPort; sync: BureauSync; vault: FilingPasswordVault },
) {
  const tags = ['bureau'];

  app.post(
    '/api/v1/orders/:id/filing-password',
    {
      schema: {
        tags,
        summary:
          'Filing password for ACCESS / CANCEL_SUBJECT (R-BUR-008): verified at the bureau now and held in memory only until the upload (R-BUR-005)',
        params: IdParams,
        body: Type.Object({ password: Password }, { additionalProperties: false }),
      },
      config: { auth: ['customer'], rateLimit: PASSWORD_RATE },
    },
    async (req) => {
      const order = await deps.orders.get(requireActor(req), req.params.id, req.id);
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
      return { verified: true };
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
