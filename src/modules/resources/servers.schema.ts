import { type Static, Type } from 'typebox';

const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD (Beijing civil date)' });

/** One server as the provider's billing system or an import file describes it (R-ACC-007..011). */
export const ServerInput = Type.Object(
  {
    externalId: Type.String({
      minLength: 1,
      maxLength: 128,
      description: "The provider's own id of the server (idempotency key)",
    }),
    accountNo: Type.Optional(Type.String({ pattern: '^\\d{6,20}$', description: 'Owning account number' })),
    accountEmail: Type.Optional(
      Type.String({ maxLength: 254, description: 'Owning account email (alternative to accountNo)' }),
    ),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    region: Type.String({ minLength: 1, maxLength: 64, description: 'e.g. ap-guangzhou, ap-hongkong' }),
    regionKind: Type.Union([
      Type.Literal('mainland'),
      Type.Literal('hongkong'),
      Type.Literal('macao'),
      Type.Literal('taiwan'),
      Type.Literal('overseas'),
    ]),
    billingMode: Type.Union([Type.Literal('prepaid'), Type.Literal('postpaid')], {
      description: 'prepaid = 包年包月, postpaid = 按量计费',
    }),
    prepaidMonths: Type.Integer({
      minimum: 0,
      maximum: 1200,
      description: 'Total purchased prepaid term incl. renewals',
    }),
    purchasedAt: CivilDate,
    expiresAt: CivilDate,
    publicIp: Type.Optional(Type.Union([Type.String({ maxLength: 45 }), Type.Null()])),
    isLoadBalancer: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ServerInputT = Static<typeof ServerInput>;

export const BillingEvent = Type.Object(
  {
    event: Type.Union([
      Type.Literal('purchase'),
      Type.Literal('renewal'),
      Type.Literal('expiry'),
      Type.Literal('update'),
    ]),
    server: ServerInput,
  },
  { additionalProperties: false },
);
