import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { DEFAULT_CURTAIN_TEXT, ZHEJIANG_CURTAIN_TEXT } from '../rules/provinces/table.ts';
import { PROVINCE_NAMES, type ProvinceName } from '../rules/provinces/types.ts';

/**
 * The access provider's own configuration, edited in the back office and kept in `settings` as one JSON document:
 * legal name (verification sheets, letters), curtain text per province (R-PRV-018), hotline (§14), the DNS hint shown
 * to customers (R-ORD-034), photo points (R-MAT-018/019) and the MIIT link of the filing-number snippet (R-PRE-013).
 */
export const PROVIDER_CONFIG_KEY = 'provider_config';

const Localized = Type.Object(
  { zh: Type.String({ minLength: 1, maxLength: 1000 }), en: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);

export const PhotoPointSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    /** AGENT = 代理拍照点 (same-day upload); VERIFICATION = 拍照核验点 (≤ 2 working days, R-ORD-024). */
    kind: Type.Union([Type.Literal('AGENT'), Type.Literal('VERIFICATION')]),
    province: Type.Enum(PROVINCE_NAMES),
    city: Type.String({ minLength: 1, maxLength: 32 }),
    address: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.String({ minLength: 1, maxLength: 40 }),
    hours: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

export const ProviderConfigSchema = Type.Object(
  {
    legalName: Type.String({ minLength: 1, maxLength: 100 }),
    hotline: Type.String({ minLength: 1, maxLength: 40 }),
    supportEmail: Type.Optional(Type.String({ maxLength: 254 })),
    dnsHint: Localized,
    curtainText: Type.Object(
      {
        /** The text for every province without its own (R-PRV-018: 「…广州分公司」 in the FAQ). */
        default: Type.String({ minLength: 1, maxLength: 100 }),
        byProvince: Type.Array(
          Type.Object(
            { province: Type.Enum(PROVINCE_NAMES), text: Type.String({ minLength: 1, maxLength: 100 }) },
            { additionalProperties: false },
          ),
          { maxItems: 31 },
        ),
      },
      { additionalProperties: false },
    ),
    photoPoints: Type.Array(PhotoPointSchema, { maxItems: 500 }),
    miitUrl: Type.String({ minLength: 1, maxLength: 200, pattern: '^https?://' }),
  },
  { additionalProperties: false },
);

export type ProviderConfig = Static<typeof ProviderConfigSchema>;

/** The FAQ provider's values (§14, R-PRV-018, R-ORD-034, R-PRE-013), with name and hotline from the boot config. */
export function defaultProviderConfig(boot: { legalName: string; hotline: string }): ProviderConfig {
  return {
    legalName: boot.legalName,
    hotline: boot.hotline,
    dnsHint: {
      zh: '备案期间网站不得开通访问：可保留域名解析，但须关闭网站或仅显示「网站正在建设中」；新增接入（接入备案）无需修改解析。',
      en: "While the filing is in progress the site must not be open: DNS may stay, but close the site or show only 'under construction'. ACCESS filings need no DNS change.",
    },
    curtainText: { default: DEFAULT_CURTAIN_TEXT, byProvince: [{ province: '浙江', text: ZHEJIANG_CURTAIN_TEXT }] },
    photoPoints: [],
    miitUrl: 'http://www.miitbeian.gov.cn',
  };
}

/** A stored document that no longer fits the schema (an older version) falls back field by field to the defaults. */
export function parseProviderConfig(stored: string | null | undefined, defaults: ProviderConfig): ProviderConfig {
  if (!stored) return defaults;
  let raw: unknown;
  try {
    raw = JSON.parse(stored);
  } catch {
    return defaults;
  }
  if (typeof raw !== 'object' || raw === null) return defaults;
  const merged: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(raw)) {
    if (!Object.hasOwn(defaults, k) && k !== 'supportEmail') continue;
    const candidate = { ...merged, [k]: v };
    if (Value.Check(ProviderConfigSchema, candidate)) merged[k] = v;
  }
  return merged as ProviderConfig;
}

/** R-PRV-018: the curtain text an order's photo must show; a dated province override wins over the configuration. */
export function curtainTextFor(
  cfg: ProviderConfig,
  province: ProvinceName,
  provinceOverride: string | undefined,
): string {
  return (
    provinceOverride ?? cfg.curtainText.byProvince.find((p) => p.province === province)?.text ?? cfg.curtainText.default
  );
}
