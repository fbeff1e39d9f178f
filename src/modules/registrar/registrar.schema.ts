import { type Static, Type } from 'typebox';

const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "Civil date 'YYYY-MM-DD'" });

/**
 * One domain as the provider's registrar system states it (R-WEB-007..014). A domain is replaced as a whole: a field
 * left out is "not stated" and yields no fact, so the rules that need it stay silent.
 */
export const RegistrarDomainInput = Type.Object(
  {
    /** Registrable domain, ASCII or Unicode; stored in ASCII (punycode), lower-case. */
    domain: Type.String({ minLength: 3, maxLength: 253 }),
    registrar: Type.String({ minLength: 1, maxLength: 200 }),
    /** The registrar is qualified in mainland China (R-WEB-007). */
    domesticQualified: Type.Boolean(),
    /** When real-name verification completed; null or absent = not verified (R-WEB-009/010). */
    realNameVerifiedOn: Type.Optional(Type.Union([CivilDate, Type.Null()])),
    registrantType: Type.Optional(Type.Union([Type.Literal('PERSONAL'), Type.Literal('ORGANISATION')])),
    registrantName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    privacyProtection: Type.Optional(Type.Boolean()),
    /** End of the registration; the domain has lapsed after this day (R-CHG-015). */
    expiresOn: Type.Optional(Type.Union([CivilDate, Type.Null()])),
  },
  { additionalProperties: false },
);
export type RegistrarDomainInputT = Static<typeof RegistrarDomainInput>;

export const RegistrarImportBody = Type.Object(
  { domains: Type.Array(RegistrarDomainInput, { minItems: 1, maxItems: 10000 }) },
  { additionalProperties: false },
);
