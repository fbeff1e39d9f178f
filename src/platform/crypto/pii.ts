import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { DomainError } from '../errors.ts';

/**
 * Envelope encryption for personal data at rest (DESIGN decision 7, STACK "PII encryption at rest").
 *
 * Text format:   `v1.<keyId>.<base64url(iv ‖ tag ‖ ciphertext)>`
 * Binary format: the ASCII bytes `v1.<keyId>.` followed by the raw `iv ‖ tag ‖ ciphertext` (for images, where base64
 *                would cost a third more space on disk and in S3).
 *
 * AES-256-GCM, 96-bit random IV, 128-bit tag. The AAD is `v1|<keyId>|<context>`: binding the key id stops an attacker
 * from relabelling a ciphertext with another key id, and binding the caller's context (table/column/row id) stops a
 * ciphertext from being copied into another row or column and decrypting there.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
/** Key ids appear between dots in the envelope and in config, so they are restricted to a dot-free alphabet. */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export type PiiErrorReason =
  | 'PII_KEYRING_INVALID'
  | 'PII_UNKNOWN_KEY_ID'
  | 'PII_ENVELOPE_MALFORMED'
  | 'PII_DECRYPT_FAILED'
  | 'PII_CONTEXT_INVALID';

function piiError(reason: PiiErrorReason, en: string, zh: string, details?: Record<string, unknown>): DomainError {
  // A key or ciphertext problem is a server fault, never the customer's; the reason names it for the operator.
  return new DomainError('INTERNAL', { reason, message: { zh, en }, details });
}

/** Where a value lives. Bound into the AAD, so a value only decrypts where it was written. */
export interface PiiContextParts {
  table: string;
  column: string;
  rowId: string | number;
}

export type PiiContext = string | PiiContextParts;

/** `principal/id_number/42`. Parts may not contain `/`, so two different triples never give the same string. */
export function piiContext(table: string, column: string, rowId: string | number): string {
  const parts = [table, column, String(rowId)];
  for (const p of parts) {
    if (p.length === 0 || p.includes('/')) {
      throw piiError('PII_CONTEXT_INVALID', `invalid PII context part: ${JSON.stringify(p)}`, 'PII 上下文无效');
    }
  }
  return parts.join('/');
}

function contextString(ctx: PiiContext): string {
  const s = typeof ctx === 'string' ? ctx : piiContext(ctx.table, ctx.column, ctx.rowId);
  if (s.length === 0) throw piiError('PII_CONTEXT_INVALID', 'PII context must not be empty', 'PII 上下文不能为空');
  return s;
}

function aad(keyId: string, ctx: PiiContext): Buffer {
  return Buffer.from(`${VERSION}|${keyId}|${contextString(ctx)}`, 'utf8');
}

function decodeKey(keyId: string, b64: string): Buffer {
  // Accept both base64 and base64url: operators paste from `openssl rand -base64 32` as often as from other tools.
  const normalised = b64.trim().replace(/-/g, '+').replace(/_/g, '/');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(normalised)) {
    throw piiError('PII_KEYRING_INVALID', `key ${keyId} is not base64`, `密钥 ${keyId} 不是 base64 编码`);
  }
  const key = Buffer.from(normalised, 'base64');
  if (key.length !== KEY_BYTES) {
    throw piiError(
      'PII_KEYRING_INVALID',
      `key ${keyId} must be ${KEY_BYTES} bytes, got ${key.length}`,
      `密钥 ${keyId} 必须为 ${KEY_BYTES} 字节`,
    );
  }
  return key;
}

export interface KeyringOptions {
  /** Which key encrypts new values. Default: the last key in the list, so rotation is "append a key". */
  activeKeyId?: string;
}

/**
 * Data keys by id: one active key encrypts, every key decrypts. Rotating = append a new key and make it active; old
 * values keep decrypting under their own key id until a re-encryption job rewrites them (`needsReencryption`).
 */
export class Keyring {
  readonly activeKeyId: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(keys: ReadonlyMap<string, Buffer> | Record<string, Buffer>, opts: KeyringOptions = {}) {
    const map = keys instanceof Map ? new Map(keys) : new Map(Object.entries(keys));
    if (map.size === 0) throw piiError('PII_KEYRING_INVALID', 'the keyring has no keys', '密钥环为空');
    for (const [id, key] of map) {
      if (!KEY_ID.test(id)) {
        throw piiError('PII_KEYRING_INVALID', `invalid key id ${JSON.stringify(id)}`, `密钥编号 ${id} 无效`);
      }
      if (key.length !== KEY_BYTES) {
        throw piiError('PII_KEYRING_INVALID', `key ${id} must be ${KEY_BYTES} bytes`, `密钥 ${id} 长度错误`);
      }
    }
    const active = opts.activeKeyId ?? [...map.keys()].at(-1);
    if (active === undefined || !map.has(active)) {
      throw piiError(
        'PII_KEYRING_INVALID',
        `active key id ${JSON.stringify(active)} is not in the keyring`,
        `当前密钥 ${active} 不在密钥环中`,
      );
    }
    this.keys = map;
    this.activeKeyId = active;
  }

  /**
   * Parses `k1:<base64 32 bytes>,k2:<base64 32 bytes>` (whitespace around entries ignored). Duplicate ids are
   * refused: silently keeping one of two different keys under the same id would make old data undecryptable.
   */
  static fromConfig(value: string, opts: KeyringOptions = {}): Keyring {
    const map = new Map<string, Buffer>();
    for (const entry of value
      .split(',')
      .map((e) => e.trim())
      .filter((e) => e.length > 0)) {
      const colon = entry.indexOf(':');
      if (colon <= 0) {
        throw piiError(
          'PII_KEYRING_INVALID',
          'keyring entries must look like <keyId>:<base64 key>',
          '密钥配置格式错误',
        );
      }
      const id = entry.slice(0, colon).trim();
      if (!KEY_ID.test(id)) {
        throw piiError('PII_KEYRING_INVALID', `invalid key id ${JSON.stringify(id)}`, `密钥编号 ${id} 无效`);
      }
      if (map.has(id)) throw piiError('PII_KEYRING_INVALID', `duplicate key id ${id}`, `密钥编号 ${id} 重复`);
      map.set(id, decodeKey(id, entry.slice(colon + 1)));
    }
    return new Keyring(map, opts);
  }

  /** A fresh random key, base64, for `beian` setup and tests. */
  static generateKeyBase64(): string {
    return randomBytes(KEY_BYTES).toString('base64');
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) {
      throw piiError(
        'PII_UNKNOWN_KEY_ID',
        `no key with id "${keyId}" in the keyring (known: ${this.keyIds.join(', ')}); was a retired key removed before its data was re-encrypted?`,
        `密钥环中没有编号为 "${keyId}" 的密钥`,
        { keyId },
      );
    }
    return key;
  }

  private seal(plain: Buffer, ctx: PiiContext): { keyId: string; payload: Buffer } {
    const keyId = this.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad(keyId, ctx));
    const ct = Buffer.concat([cipher.update(plain), cipher.final()]);
    return { keyId, payload: Buffer.concat([iv, cipher.getAuthTag(), ct]) };
  }

  private open(keyId: string, payload: Buffer, ctx: PiiContext): Buffer {
    const key = this.key(keyId);
    if (payload.length < IV_BYTES + TAG_BYTES) {
      throw piiError('PII_ENVELOPE_MALFORMED', 'ciphertext is too short', '密文长度不足');
    }
    const iv = payload.subarray(0, IV_BYTES);
    const tag = payload.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
    const ct = payload.subarray(IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, ctx));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ct), decipher.final()]);
    } catch {
      // GCM cannot tell tampering from a wrong context; both mean "this value does not belong here".
      throw piiError(
        'PII_DECRYPT_FAILED',
        'authentication failed: the value was altered or belongs to another context',
        '解密失败：数据被篡改或上下文不匹配',
        { keyId },
      );
    }
  }

  encryptString(plaintext: string, ctx: PiiContext): string {
    const { keyId, payload } = this.seal(Buffer.from(plaintext, 'utf8'), ctx);
    return `${VERSION}.${keyId}.${payload.toString('base64url')}`;
  }

  decryptString(envelope: string, ctx: PiiContext): string {
    const { keyId, body } = parseTextEnvelope(envelope);
    return this.open(keyId, Buffer.from(body, 'base64url'), ctx).toString('utf8');
  }

  encryptBytes(plain: Uint8Array, ctx: PiiContext): Buffer {
    const { keyId, payload } = this.seal(Buffer.from(plain), ctx);
    return Buffer.concat([Buffer.from(`${VERSION}.${keyId}.`, 'ascii'), payload]);
  }

  decryptBytes(envelope: Uint8Array, ctx: PiiContext): Buffer {
    const { keyId, payload } = parseBinaryEnvelope(Buffer.from(envelope));
    return this.open(keyId, payload, ctx);
  }

  /** True when a stored value was encrypted under a key other than the active one (input to a rotation job). */
  needsReencryption(envelope: string | Uint8Array): boolean {
    return envelopeKeyId(envelope) !== this.activeKeyId;
  }

  reencryptString(envelope: string, ctx: PiiContext): string {
    return this.encryptString(this.decryptString(envelope, ctx), ctx);
  }
}

function parseTextEnvelope(envelope: string): { keyId: string; body: string } {
  const parts = envelope.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION || !KEY_ID.test(parts[1]) || !/^[A-Za-z0-9_-]+$/.test(parts[2])) {
    throw piiError('PII_ENVELOPE_MALFORMED', 'not a v1 PII envelope', '不是有效的加密数据');
  }
  return { keyId: parts[1], body: parts[2] };
}

function parseBinaryEnvelope(buf: Buffer): { keyId: string; payload: Buffer } {
  const prefix = Buffer.from(`${VERSION}.`, 'ascii');
  if (buf.length < prefix.length || !buf.subarray(0, prefix.length).equals(prefix)) {
    throw piiError('PII_ENVELOPE_MALFORMED', 'not a v1 binary PII envelope', '不是有效的加密数据');
  }
  // Key ids are at most 32 characters, so the second dot must come within 33 bytes.
  const dot = buf.indexOf(0x2e, prefix.length);
  if (dot < 0 || dot - prefix.length > 32) {
    throw piiError('PII_ENVELOPE_MALFORMED', 'binary envelope has no key id', '加密数据缺少密钥编号');
  }
  const keyId = buf.subarray(prefix.length, dot).toString('ascii');
  if (!KEY_ID.test(keyId)) throw piiError('PII_ENVELOPE_MALFORMED', 'invalid key id in envelope', '密钥编号无效');
  return { keyId, payload: buf.subarray(dot + 1) };
}

/** The key id an envelope (text or binary) was written with. */
export function envelopeKeyId(envelope: string | Uint8Array): string {
  return typeof envelope === 'string'
    ? parseTextEnvelope(envelope).keyId
    : parseBinaryEnvelope(Buffer.from(envelope)).keyId;
}

export function isPiiEnvelope(value: string): boolean {
  try {
    parseTextEnvelope(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * HMAC-SHA256 blind index for equality lookups on encrypted columns (e.g. "is this ID number already a principal
 * elsewhere?"). The index key is separate from the data keys on purpose: data keys rotate, and an index that changed
 * with them would break every lookup until the whole table was re-indexed. A per-purpose subkey (HKDF) keeps the same
 * value from producing equal indexes in two different columns, so columns cannot be joined on their indexes.
 *
 * Callers normalise the value first (e.g. upper-case the ID-number check letter); here only Unicode NFKC and trimming
 * are applied so full-width digits typed on a Chinese keyboard index the same as ASCII digits.
 */
export class BlindIndexer {
  private readonly secret: Buffer;
  private readonly subkeys = new Map<string, Buffer>();

  constructor(secret: Uint8Array) {
    if (secret.length < KEY_BYTES) {
      throw piiError(
        'PII_KEYRING_INVALID',
        `the blind-index secret must be at least ${KEY_BYTES} bytes`,
        '索引密钥过短',
      );
    }
    this.secret = Buffer.from(secret);
  }

  static fromBase64(b64: string): BlindIndexer {
    return new BlindIndexer(decodeKey('blind-index', b64));
  }

  private subkey(purpose: string): Buffer {
    if (!/^[a-z0-9_.:-]{1,64}$/.test(purpose)) {
      throw piiError('PII_CONTEXT_INVALID', `invalid blind-index purpose ${JSON.stringify(purpose)}`, '索引用途无效');
    }
    let k = this.subkeys.get(purpose);
    if (!k) {
      k = Buffer.from(hkdfSync('sha256', this.secret, Buffer.alloc(0), `beian-blind-index:${purpose}`, KEY_BYTES));
      this.subkeys.set(purpose, k);
    }
    return k;
  }

  blindIndex(value: string, purpose: string): string {
    return createHmac('sha256', this.subkey(purpose))
      .update(value.normalize('NFKC').trim(), 'utf8')
      .digest('base64url');
  }

  /** Constant-time comparison of a value against a stored index. */
  matches(value: string, purpose: string, storedIndex: string): boolean {
    const a = Buffer.from(this.blindIndex(value, purpose));
    const b = Buffer.from(storedIndex);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Masking for display in lists and logs. Works on code points, so a CJK name is not cut in the middle of a surrogate.

function stars(n: number): string {
  return '*'.repeat(Math.max(0, n));
}

/**
 * `110105194912310021` → `1101**********0021`. Long identifiers (resident ID, USCC) keep 4 + 4; shorter ones such as
 * passport or permit numbers keep 2 + 2, because 4 + 4 of a 9-character passport number would reveal almost all of it.
 */
export function maskIdNumber(value: string): string {
  const cps = Array.from(value.trim());
  const n = cps.length;
  if (n === 0) return '';
  const keep = n >= 12 ? 4 : n >= 6 ? 2 : 0;
  if (keep === 0) return stars(n);
  return cps.slice(0, keep).join('') + stars(n - 2 * keep) + cps.slice(n - keep).join('');
}

/**
 * `13800138000` → `138****8000`. A leading `+86`/`0086` country code stays visible; of the remaining digits the first
 * 3 and last 4 are kept (mobile numbers) and separators are preserved, so `010-12345678` → `010-****5678`.
 */
export function maskPhone(value: string): string {
  const v = value.trim();
  const cc = /^(\+86|0086)[\s-]?/.exec(v);
  const prefix = cc ? cc[0] : '';
  const rest = Array.from(v.slice(prefix.length));
  const digitPositions = rest.flatMap((c, i) => (/[0-9]/.test(c) ? [i] : []));
  const d = digitPositions.length;
  const keepHead = d >= 9 ? 3 : d >= 5 ? 1 : 0;
  const keepTail = d >= 9 ? 4 : d >= 5 ? 2 : 0;
  const masked = new Set(digitPositions.slice(keepHead, d - keepTail));
  return prefix + rest.map((c, i) => (masked.has(i) ? '*' : c)).join('');
}

/** `张三丰` → `张**`; `张三` → `张*`; one character → `*`. Latin names keep the first letter and the spaces. */
export function maskName(value: string): string {
  const cps = Array.from(value.trim());
  if (cps.length <= 1) return stars(cps.length);
  return (
    cps[0] +
    cps
      .slice(1)
      .map((c) => (c === ' ' ? ' ' : '*'))
      .join('')
  );
}

/** `zhangsan@example.com` → `z******n@example.com`; the domain stays visible (it is rarely personal). */
export function maskEmail(value: string): string {
  const v = value.trim();
  const at = v.lastIndexOf('@');
  if (at <= 0) return maskName(v);
  const local = Array.from(v.slice(0, at));
  const domain = v.slice(at);
  const n = local.length;
  const maskedLocal = n <= 1 ? '*' : n === 2 ? `${local[0]}*` : local[0] + stars(n - 2) + local[n - 1];
  return maskedLocal + domain;
}
