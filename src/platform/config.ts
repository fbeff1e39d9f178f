import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/**
 * Configuration, parsed once at boot (STYLE practice 14). Every variable is declared here with its default and
 * its documentation; `docs/CONFIGURATION.md` is generated from this table (`beian config --markdown`).
 * Sources, later wins: defaults < the JSON file named by BEIAN_CONFIG_FILE < the environment.
 * An invalid value stops the boot with a message that names the variable.
 */
type Parser<T> = (raw: string, name: string) => T;

class ConfigError extends Error {
  constructor(name: string, raw: string, expected: string) {
    super(`Invalid configuration: ${name}=${JSON.stringify(raw)} — expected ${expected}`);
    this.name = 'ConfigError';
  }
}

const str: Parser<string> = (raw) => raw;
const int =
  (min: number, max: number): Parser<number> =>
  (raw, name) => {
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max)
      throw new ConfigError(name, raw, `an integer ${min}..${max}`);
    return n;
  };
const bool: Parser<boolean> = (raw, name) => {
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(name, raw, 'true or false');
};
const oneOf =
  <T extends string>(...values: T[]): Parser<T> =>
  (raw, name) => {
    if ((values as string[]).includes(raw)) return raw as T;
    throw new ConfigError(name, raw, `one of ${values.join(', ')}`);
  };
const url =
  (...protocols: string[]): Parser<string> =>
  (raw, name) => {
    try {
      const u = new URL(raw);
      if (protocols.length && !protocols.includes(u.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      throw new ConfigError(name, raw, `a URL (${protocols.join(' or ') || 'any scheme'})`);
    }
  };
const optional =
  <T>(p: Parser<T>): Parser<T | undefined> =>
  (raw, name) =>
    raw === '' ? undefined : p(raw, name);
const keyring: Parser<string> = (raw, name) => {
  for (const part of raw.split(',')) {
    const [id, key] = part.split(':');
    if (!id || !key || Buffer.from(key, 'base64').length !== 32)
      throw new ConfigError(name, '(hidden)', 'comma-separated keyId:base64(32 bytes) entries');
  }
  return raw;
};

/** A bureau-issued AES key or IV: used as UTF-8 bytes (spec 3-3-1-3; miit/README). The value is never echoed. */
const aesBytes =
  (...lengths: number[]): Parser<string> =>
  (raw, name) => {
    if (!lengths.includes(Buffer.byteLength(raw, 'utf8')))
      throw new ConfigError(name, '(hidden)', `a string of ${lengths.join(', ')} bytes`);
    return raw;
  };

interface VarSpec<T> {
  parse: Parser<T>;
  default: string;
  doc: string;
}
const v = <T>(parse: Parser<T>, def: string, doc: string): VarSpec<T> => ({ parse, default: def, doc });

export const configSpec = {
  BEIAN_MODE: v(
    oneOf('demo', 'production'),
    'demo',
    'demo: adjustable clock, demo seed, bureau simulator beside Beian; production: real clock that cannot be moved',
  ),
  HOST: v(str, '127.0.0.1', 'Address the API and console listen on'),
  PORT: v(int(0, 65535), '3000', 'Port of the API and web console'),
  PUBLIC_URL: v(
    optional(url('http:', 'https:')),
    '',
    'External URL of the console (links in mail); default http://HOST:PORT',
  ),
  BEIAN_DATA_DIR: v(str, './data', 'Where the SQLite file, uploads (blobs) and generated files live'),
  DATABASE_URL: v(
    optional(url('postgres:', 'postgresql:', 'sqlite:')),
    '',
    'postgres://user:pass@host/db selects PostgreSQL; empty means embedded SQLite at BEIAN_DATA_DIR/beian.sqlite',
  ),
  LOG_LEVEL: v(oneOf('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'), 'info', 'pino log level'),
  BEIAN_TRUST_PROXY: v(str, '', 'Comma-separated proxy addresses whose X-Forwarded-For is trusted (empty: none)'),
  BEIAN_PII_KEYS: v(
    optional(keyring),
    '',
    'keyId:base64key,… AES-256 keys for personal data at rest; the first is active. Demo mode generates and stores one under BEIAN_DATA_DIR when empty; production requires it',
  ),
  BEIAN_SESSION_TTL_HOURS: v(int(1, 24 * 90), '168', 'Absolute lifetime of a sign-in session'),
  BEIAN_SESSION_IDLE_HOURS: v(int(1, 24 * 30), '24', 'A session unused this long ends'),
  BEIAN_SECURE_COOKIES: v(bool, 'false', 'Mark cookies Secure (set true behind HTTPS)'),
  BEIAN_LOGIN_MAX_FAILURES: v(int(1, 100), '5', 'Failed sign-ins in a row before the account/IP is throttled'),
  BEIAN_LOGIN_LOCK_MINUTES: v(int(1, 1440), '15', 'How long a throttled sign-in stays locked'),
  BEIAN_BODY_LIMIT_BYTES: v(int(1024, 50 * 1024 * 1024), '1048576', 'Largest JSON body accepted'),
  BEIAN_ACCESS_HOST: v(str, '127.0.0.1', 'Address of the internal listener for the access check and /metrics'),
  BEIAN_ACCESS_PORT: v(
    int(0, 65535),
    '3001',
    'Port of the internal listener (edge proxies call GET /access/check here)',
  ),
  BEIAN_ACCESS_TOKEN: v(
    str,
    '',
    'Shared secret edge proxies send as X-Beian-Token; empty allows loopback callers only',
  ),
  BEIAN_SERVER_SYNC_DELAY_MINUTES: v(
    int(0, 60),
    '30',
    'R-ACC-012: minutes before a newly bought server is usable at the verify step',
  ),
  BEIAN_BUREAU_URL: v(
    optional(url('http:', 'https:')),
    '',
    'MIIT enterprise interface endpoint (required in production); empty in demo mode uses the bundled simulator',
  ),
  BEIAN_BUREAU_SIM_PORT: v(int(0, 65535), '3002', 'Port of the bureau simulator started beside Beian in demo mode'),
  BEIAN_BUREAU_ISP_ID: v(
    optional(int(1, 999_999_999_999)),
    '',
    "The provider's id at the bureau (ispId, 报备单位 id; also Qqdwid in uploads). Required in production; empty in demo mode uses the simulator's demo account",
  ),
  BEIAN_BUREAU_USER: v(
    str,
    '',
    'User name of the provider account issued by the province bureau. Required in production',
  ),
  BEIAN_BUREAU_PASSWORD: v(
    str,
    '',
    "Password (口令) of the bureau account; sent only as the spec's salted hash, never logged. Required in production",
  ),
  BEIAN_BUREAU_AES_KEY: v(
    optional(aesBytes(16, 24, 32)),
    '',
    'AES key issued by the bureau (16/24/32 bytes, used as UTF-8): encrypts uploads and decrypts encrypted downloads. Secret',
  ),
  BEIAN_BUREAU_AES_IV: v(
    optional(aesBytes(16)),
    '',
    'AES IV (密钥偏移量, 16 bytes, e.g. 0102030405060708) issued with the key. Secret',
  ),
  BEIAN_BUREAU_ENCRYPT: v(
    optional(bool),
    '',
    'Encrypt uploads (encryptAlgorithm 1, AES-CBC/PKCS5). Empty: when BEIAN_BUREAU_AES_KEY is set; true requires the key and IV',
  ),
  SMTP_URL: v(
    optional(url('smtp:', 'smtps:')),
    '',
    'smtp://user:pass@host:port for email; empty: a development sink (BEIAN_DATA_DIR/mail-sink) in demo mode; in production nothing is delivered and the boot logs an error',
  ),
  MAIL_FROM: v(str, 'Beian <noreply@beian.localhost>', 'Sender of notification mail'),
  BEIAN_PROVIDER_NAME: v(
    str,
    '腾讯云计算（北京）有限责任公司',
    'The access provider (接入服务商) printed on verification sheets and letters; the FAQ provider by default',
  ),
  BEIAN_PROVIDER_HOTLINE: v(str, '4009-100-100', 'Support hotline shown to customers and on the block page'),
  BEIAN_DNS_SERVERS: v(
    str,
    'f1g1ns1.dnspod.net,f1g1ns2.dnspod.net',
    "The provider's DNS server names shown in the access diagnosis (R-ACS-016), comma-separated",
  ),
  BEIAN_ACCESS_LICENCE_NUMBER: v(
    str,
    '',
    "The provider's access-service licence number (增值电信业务经营许可证) printed on the access provider information sheet (R-EXT-003); empty prints 未配置",
  ),
  BEIAN_S3_URL: v(
    optional(url('http:', 'https:')),
    '',
    'S3-compatible endpoint/bucket (https://host/bucket) for uploads; empty stores them under BEIAN_DATA_DIR/blobs',
  ),
  BEIAN_S3_REGION: v(str, 'us-east-1', 'Region used to sign S3 requests'),
  BEIAN_S3_ACCESS_KEY: v(str, '', 'S3 access key id'),
  BEIAN_S3_SECRET_KEY: v(str, '', 'S3 secret access key'),
  BEIAN_CONFIG_FILE: v(str, '', 'Optional JSON file with any of these variables as keys (the environment wins)'),
} as const;

type Spec = typeof configSpec;
export type ConfigValues = { [K in keyof Spec]: Spec[K] extends VarSpec<infer T> ? T : never };

export interface Config extends ConfigValues {
  /** Absolute path of BEIAN_DATA_DIR. */
  dataDir: string;
  /** The database to open: a postgres URL or `sqlite:<absolute file>`. */
  databaseUrl: string;
  publicUrl: string;
}

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  let fileValues: Record<string, unknown> = {};
  const file = env.BEIAN_CONFIG_FILE;
  if (file) {
    const path = isAbsolute(file) ? file : resolve(cwd, file);
    if (!existsSync(path)) throw new ConfigError('BEIAN_CONFIG_FILE', file, 'an existing JSON file');
    try {
      fileValues = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new ConfigError('BEIAN_CONFIG_FILE', file, 'a readable JSON object');
    }
    for (const key of Object.keys(fileValues)) {
      if (!(key in configSpec)) throw new ConfigError(key, String(fileValues[key]), `a known variable (in ${file})`);
    }
  }
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(configSpec) as [keyof Spec, VarSpec<unknown>][]) {
    const raw = env[name] ?? (fileValues[name] === undefined ? undefined : String(fileValues[name])) ?? spec.default;
    values[name] = spec.parse(raw, name);
  }
  const c = values as ConfigValues;
  const dataDir = resolve(cwd, c.BEIAN_DATA_DIR);
  if (c.BEIAN_MODE === 'production' && !c.BEIAN_PII_KEYS)
    throw new ConfigError('BEIAN_PII_KEYS', '', 'a keyring in production mode (generate one with `beian keys new`)');
  checkBureauAccount(c);
  const databaseUrl = c.DATABASE_URL ?? `sqlite:${resolve(dataDir, 'beian.sqlite')}`;
  const publicUrl = c.PUBLIC_URL ?? `http://${c.HOST === '0.0.0.0' ? '127.0.0.1' : c.HOST}:${c.PORT}`;
  const config = { ...c, dataDir, databaseUrl, publicUrl };
  // `beian config`, a logged config object and any JSON of it show the secrets redacted
  Object.defineProperty(config, 'toJSON', { value: () => redactConfig(config), enumerable: false });
  return Object.freeze(config);
}

/**
 * The bureau account (issue 6). Production talks to a real bureau only: BEIAN_BUREAU_URL and the account (ispId, user,
 * password) are required. In any mode an account is all or nothing, and the AES key and IV come together.
 */
function checkBureauAccount(c: ConfigValues): void {
  const production = c.BEIAN_MODE === 'production';
  if (production && !c.BEIAN_BUREAU_URL)
    throw new ConfigError(
      'BEIAN_BUREAU_URL',
      '',
      'the MIIT interface endpoint in production mode (the bundled simulator is for demo mode only)',
    );
  const account = {
    BEIAN_BUREAU_ISP_ID: c.BEIAN_BUREAU_ISP_ID !== undefined,
    BEIAN_BUREAU_USER: c.BEIAN_BUREAU_USER.trim() !== '',
    BEIAN_BUREAU_PASSWORD: c.BEIAN_BUREAU_PASSWORD !== '',
  };
  const given = Object.values(account).some(Boolean);
  for (const [name, ok] of Object.entries(account))
    if (!ok && (production || given))
      throw new ConfigError(
        name,
        '',
        production
          ? "the provider's bureau account in production mode (BEIAN_BUREAU_ISP_ID, BEIAN_BUREAU_USER, BEIAN_BUREAU_PASSWORD)"
          : 'a value: the bureau account needs BEIAN_BUREAU_ISP_ID, BEIAN_BUREAU_USER and BEIAN_BUREAU_PASSWORD together',
      );
  if (c.BEIAN_BUREAU_AES_KEY && !c.BEIAN_BUREAU_AES_IV)
    throw new ConfigError('BEIAN_BUREAU_AES_IV', '', 'the IV issued with BEIAN_BUREAU_AES_KEY (16 bytes)');
  if (c.BEIAN_BUREAU_AES_IV && !c.BEIAN_BUREAU_AES_KEY)
    throw new ConfigError('BEIAN_BUREAU_AES_KEY', '', 'the key issued with BEIAN_BUREAU_AES_IV (16, 24 or 32 bytes)');
  if (c.BEIAN_BUREAU_ENCRYPT && !c.BEIAN_BUREAU_AES_KEY)
    throw new ConfigError('BEIAN_BUREAU_AES_KEY', '', 'the bureau AES key when BEIAN_BUREAU_ENCRYPT=true');
  if (c.BEIAN_BUREAU_AES_KEY && !given)
    throw new ConfigError('BEIAN_BUREAU_ISP_ID', '', 'the bureau account the AES key was issued for');
}

/** Variables whose values never leave the process (printing, logs). */
export const SECRET_VARIABLES = [
  'BEIAN_PII_KEYS',
  'BEIAN_ACCESS_TOKEN',
  'BEIAN_S3_SECRET_KEY',
  'BEIAN_BUREAU_PASSWORD',
  'BEIAN_BUREAU_AES_KEY',
  'BEIAN_BUREAU_AES_IV',
] as const satisfies readonly (keyof ConfigValues)[];

/** URLs keep their host but not the password in their user info (SMTP_URL, DATABASE_URL). */
function withoutPassword(u: string): string {
  try {
    const url = new URL(u);
    if (!url.password) return u;
    url.password = 'redacted';
    return url.toString();
  } catch {
    return u;
  }
}

/** The configuration as it may be shown: secrets replaced by `[redacted]` (or empty when unset). */
export function redactConfig(c: Config | (ConfigValues & Record<string, unknown>)): Record<string, unknown> {
  const out: Record<string, unknown> = { ...c };
  for (const k of SECRET_VARIABLES) out[k] = c[k] ? '[redacted]' : c[k];
  for (const k of ['SMTP_URL', 'DATABASE_URL', 'databaseUrl'] as const)
    if (typeof out[k] === 'string') out[k] = withoutPassword(out[k] as string);
  return out;
}

export function configMarkdown(): string {
  const rows = Object.entries(configSpec).map(([k, s]) => `| \`${k}\` | \`${s.default}\` | ${s.doc} |`);
  return [
    '# Configuration',
    '',
    'Generated by `beian config --markdown` from src/platform/config.ts. Sources, later wins: defaults, the JSON file named by BEIAN_CONFIG_FILE, the environment.',
    '',
    'Production mode refuses to boot without BEIAN_PII_KEYS, BEIAN_BUREAU_URL and the bureau account (BEIAN_BUREAU_ISP_ID, BEIAN_BUREAU_USER, BEIAN_BUREAU_PASSWORD). `beian config` prints secrets (keys, passwords, tokens, passwords inside URLs) as `[redacted]`.',
    '',
    '| Variable | Default | Meaning |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}

export { ConfigError };
