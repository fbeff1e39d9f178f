import { Type } from 'typebox';
import { DomainError } from '../../platform/errors.ts';
import { type App, requireActor } from '../../platform/http/app.ts';
import type { CurtainService } from './curtain.service.ts';
import type { DocumentsService } from './documents.service.ts';
import type { MaterialsService } from './materials.service.ts';

const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const Address = Type.Object(
  {
    recipient: Type.String({ minLength: 1, maxLength: 60 }),
    phone: Type.String({ minLength: 5, maxLength: 24 }),
    country: Type.Optional(Type.String({ maxLength: 60 })),
    province: Type.Optional(Type.String({ maxLength: 20 })),
    city: Type.Optional(Type.String({ maxLength: 40 })),
    district: Type.Optional(Type.String({ maxLength: 40 })),
    detail: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

export function registerMaterialRoutes(app: App, deps: { materials: MaterialsService; documents: DocumentsService; curtain: CurtainService }) {
  const tags = ['materials'];
  const owners = ['customer', 'reviewer', 'admin'] as const;

  app.post('/api/v1/orders/:id/materials', {
    schema: { tags, summary: 'Upload a material (multipart: kind, websiteIndex?, file). Judged by content; < 2,097,152 bytes; jpg/png (gif for curtain photos)', params: IdParams, consumes: ['multipart/form-data'] },
    config: { auth: ['customer', 'photo_agent'], audit: false, rateLimit: { max: 60, timeWindow: '1 minute' } },
  }, async (req, reply) => {
    if (!req.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', { reason: 'MULTIPART_REQUIRED' });
    const fields: Record<string, string> = {};
    for await (const part of req.parts()) {
      if (part.type === 'field') {
        fields[part.fieldname] = String(part.value);
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        continue;
      }
      const websiteIndex = fields.websiteIndex !== undefined && fields.websiteIndex !== '' ? Number(fields.websiteIndex) : undefined;
      if (websiteIndex !== undefined && !(Number.isInteger(websiteIndex) && websiteIndex >= 0 && websiteIndex < 64))
        throw new DomainError('VALIDATION_FAILED', { reason: 'WEBSITE_INDEX', violations: [{ rule: 'R-MAT-002', code: 'WEBSITE_INDEX', severity: 'block', field: 'websiteIndex', message: { zh: '网站序号无效', en: 'Invalid website index' } }] });
      const result = await deps.materials.upload(requireActor(req), { orderId: req.params.id, kind: fields.kind ?? '', websiteIndex, fileName: part.filename, contentType: part.mimetype, source: part.file, truncated: () => part.file.truncated }, req.id);
      return reply.status(201).send(result);
    }
    throw new DomainError('VALIDATION_FAILED', { reason: 'FILE_MISSING', violations: [{ rule: 'R-MAT-002', code: 'FILE_MISSING', severity: 'block', field: 'file', message: { zh: '请选择要上传的文件（字段 kind 需在文件之前）', en: 'No file was sent (send the kind field before the file)' } }] });
  });

  app.get('/api/v1/orders/:id/materials', { schema: { tags, summary: "The order's current materials", params: IdParams }, config: { auth: owners } }, async (req) =>
    deps.materials.list(requireActor(req), req.params.id, req.id),
  );
  for (const which of ['content', 'thumbnail'] as const) {
    app.get(`/api/v1/materials/:id/${which}`, { schema: { tags, summary: `A material's ${which} (owner and staff only; every view audited)`, params: IdParams }, config: { auth: owners } }, async (req, reply) => {
      const r = await deps.materials.content(requireActor(req), req.params.id, which, req.id);
      return reply.type(r.contentType).header('cache-control', 'private, no-store').send(r.bytes);
    });
  }
  app.get('/api/v1/orders/:id/documents/verification-sheet/:websiteIndex', {
    schema: { tags, summary: '网站备案信息真实性核验单 of one website, pre-filled (PDF)', params: Type.Object({ id: Type.String({ maxLength: 64 }), websiteIndex: Type.String({ pattern: '^\\d{1,2}$' }) }) },
    config: { auth: owners },
  }, async (req, reply) => {
    const r = await deps.documents.verificationSheet(requireActor(req), req.params.id, Number(req.params.websiteIndex), req.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${r.fileName}"`).send(r.pdf);
  });
  app.get('/api/v1/orders/:id/documents/authorization-letter', { schema: { tags, summary: '法人授权书, pre-filled (PDF; organisations)', params: IdParams }, config: { auth: owners } }, async (req, reply) => {
    const r = await deps.documents.authorizationLetter(requireActor(req), req.params.id, req.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${r.fileName}"`).send(r.pdf);
  });
  app.get('/api/v1/orders/:id/documents/construction-letter/:websiteIndex', {
    schema: { tags, summary: '网站建设书 of one website, pre-filled (PDF)', params: Type.Object({ id: Type.String({ maxLength: 64 }), websiteIndex: Type.String({ pattern: '^\\d{1,2}$' }) }) },
    config: { auth: owners },
  }, async (req, reply) => {
    const r = await deps.documents.constructionLetter(requireActor(req), req.params.id, Number(req.params.websiteIndex), req.id);
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="${r.fileName}"`).send(r.pdf);
  });
  app.get('/api/v1/orders/:id/photo-requirements', { schema: { tags, summary: 'Curtain-photo requirements for this order (customer guidance and re-review checklist)', params: IdParams }, config: { auth: owners } }, async (req) =>
    deps.documents.photoRequirements(requireActor(req), req.params.id, req.id),
  );
  app.post('/api/v1/orders/:id/curtain', {
    schema: { tags, summary: 'Apply for a curtain (幕布): mainland address only; dispatch date by the 16:00 cut-off and working days', params: IdParams, body: Type.Object({ address: Address, reason: Type.Optional(Type.Union([Type.Literal('LOST'), Type.Literal('OBSOLETE'), Type.Literal('MISPRINTED')])) }, { additionalProperties: false }) },
    config: { auth: ['customer'], audit: false },
  }, async (req, reply) => reply.status(201).send(await deps.curtain.request(requireActor(req), req.params.id, req.body, req.id)));
  app.get('/api/v1/orders/:id/curtain', { schema: { tags, summary: 'Curtain requests of an order', params: IdParams }, config: { auth: owners } }, async (req) => deps.curtain.list(requireActor(req), req.params.id));
  app.put('/api/v1/curtain-requests/:id/address', {
    schema: { tags, summary: 'Change the mailing address before dispatch', params: IdParams, body: Type.Object({ address: Address }, { additionalProperties: false }) },
    config: { auth: ['customer', 'reviewer', 'admin'], audit: false },
  }, async (req) => deps.curtain.changeAddress(requireActor(req), req.params.id, req.body.address, req.id));
  app.post('/api/v1/admin/curtain-requests/:id/dispatch', {
    schema: { tags, summary: 'Record the curtain handed to the courier (address fixed from now on; customer notified with the tracking number)', params: IdParams, body: Type.Object({ trackingNumber: Type.String({ minLength: 4, maxLength: 40 }), courier: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false }) },
    config: { auth: ['admin', 'reviewer'], audit: false },
  }, async (req) => deps.curtain.dispatch(requireActor(req), req.params.id, req.body, req.id));
  app.get('/api/v1/photo-point/orders', {
    schema: { tags, summary: "Photo point: find a customer's order by order number or domain", querystring: Type.Object({ orderNo: Type.Optional(Type.String({ maxLength: 32 })), domain: Type.Optional(Type.String({ maxLength: 253 })) }, { additionalProperties: false }) },
    config: { auth: ['photo_agent', 'reviewer', 'admin'] },
  }, async (req) => (await deps.materials.findOrderForPhotoPoint(req.query)).map((o) => ({ id: o.id, orderNo: o.order_no, state: o.state, version: o.version, domains: (JSON.parse(o.summary).websites as { domains: string[] }[]).flatMap((w) => w.domains) })));
}
