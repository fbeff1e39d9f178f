import { Type } from 'typebox';
import { type App, requireActor } from '../../platform/http/app.ts';
import { type ExtrasService, QUALIFICATION_STATES } from './extras.service.ts';

/** R-ACS-016, R-EXT-002/003/004/005: the after-filing extras of the console and the support queue. */
export function registerExtrasRoutes(app: App, deps: { extras: ExtrasService }) {
  const { extras } = deps;
  const tags = ['extras'];
  const customer = ['customer'] as const;
  const staff = ['reviewer', 'admin'] as const;
  const WebsiteId = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });

  app.get(
    '/api/v1/diagnosis',
    {
      schema: {
        tags,
        summary: 'Access diagnosis of a domain (R-ACS-016): gateway decision, filing, providers, DNS resolution, hints',
        querystring: Type.Object(
          { domain: Type.String({ minLength: 1, maxLength: 253 }) },
          { additionalProperties: false },
        ),
      },
      config: { auth: ['customer', 'reviewer', 'admin'] },
    },
    async (req) => extras.diagnose(requireActor(req), req.query.domain),
  );
  app.get(
    '/api/v1/diagnosis/domains',
    { schema: { tags, summary: 'The domains of my account the diagnosis can check' }, config: { auth: customer } },
    async (req) => extras.diagnosisDomains(requireActor(req)),
  );
  app.get(
    '/api/v1/extras/websites',
    {
      schema: { tags, summary: 'My filed websites with their public-security record and tasks (R-EXT-001/002)' },
      config: { auth: customer },
    },
    async (req) => extras.websites(requireActor(req)),
  );
  app.put(
    '/api/v1/extras/websites/:id/psb',
    {
      schema: {
        tags,
        summary: 'Record the public-security filing number and approval date of a website (R-EXT-002)',
        params: WebsiteId,
        body: Type.Object(
          {
            psbNumber: Type.String({ maxLength: 64 }),
            approvedOn: Type.String({ maxLength: 10 }),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: customer },
    },
    async (req) => extras.recordPsb(requireActor(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/extras/websites/:id/access-info.pdf',
    {
      schema: {
        tags,
        summary: 'The access provider information sheet of a filed website accessed here (R-EXT-003)',
        params: WebsiteId,
      },
      config: { auth: ['customer', 'reviewer', 'admin'] },
    },
    async (req, reply) => {
      const { pdf, fileName } = await extras.infoSheet(requireActor(req), req.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(pdf);
    },
  );

  const QualificationBody = Type.Object(
    {
      domain: Type.String({ minLength: 1, maxLength: 253 }),
      uin: Type.String({ minLength: 1, maxLength: 32 }),
      registeredCapitalCny: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 })),
    },
    { additionalProperties: false },
  );
  app.post(
    '/api/v1/extras/qualification-requests',
    {
      schema: {
        tags,
        summary: "Request the provider's qualification documents for a commercial licence (R-EXT-004/005)",
        body: QualificationBody,
      },
      config: { auth: customer },
    },
    async (req, reply) => reply.status(201).send(await extras.requestQualification(requireActor(req), req.body)),
  );
  app.get(
    '/api/v1/extras/qualification-requests',
    { schema: { tags, summary: 'My qualification-document requests' }, config: { auth: customer } },
    async (req) => extras.listQualifications(requireActor(req)),
  );
  app.get(
    '/api/v1/admin/qualification-requests',
    {
      schema: {
        tags,
        summary: 'Qualification-document tickets (support queue)',
        querystring: Type.Object(
          { state: Type.Optional(Type.Union(QUALIFICATION_STATES.map((s) => Type.Literal(s)))) },
          { additionalProperties: false },
        ),
      },
      config: { auth: staff },
    },
    async (req) => extras.listQualifications(requireActor(req), req.query.state),
  );
  app.post(
    '/api/v1/admin/qualification-requests/:id/decision',
    {
      schema: {
        tags,
        summary: 'Close a qualification ticket: documents sent, or rejected, with a note',
        params: WebsiteId,
        body: Type.Object(
          {
            state: Type.Union([Type.Literal('DOCUMENTS_SENT'), Type.Literal('REJECTED')]),
            note: Type.String({ minLength: 1, maxLength: 2000 }),
          },
          { additionalProperties: false },
        ),
      },
      config: { auth: staff },
    },
    async (req) => extras.decide(requireActor(req), req.params.id, req.body),
  );
}
