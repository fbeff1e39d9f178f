import { createCipheriv, createDecipheriv, createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { miitError } from './errors.ts';
import { decodeGbk, encodeGbk } from './gbk.ts';
import { unzip, ZipFormatError, zipSingle } from './zip.ts';

/**
 * The data envelope of spec section 3-3 (isp_upload 3-3-1-3, isp_download 3-3-2-3/3-3-2-5,
 * isp_querypreviousupload 3-3-4-5) and the authentication of every method (randVal + pwdHash).
 *
 * Sender: XML file (GBK) → ZIP (compressionFormat) → hash of the ZIP bytes, base64 (beianInfoHash)
 *         → optional AES-CBC/PKCS5 of the ZIP bytes (encryptAlgorithm) → base64 (beianInfo).
 * Receiver: base64-decode → decrypt → hash and compare with beianInfoHash → unzip.
 * The provider is the sender of uploads and the receiver of downloads; the bureau the other way round, and it sends
 * the provider's own last upload back unchanged from isp_querypreviousupload.
 */

export const EncryptAlgorithm = { NONE: 0, AES_CBC_PKCS5: 1 } as const;
export type EncryptAlgorithm = (typeof EncryptAlgorithm)[keyof typeof EncryptAlgorithm];
export const HashAlgorithm = { MD5: 0 } as const;
export type HashAlgorithm = (typeof HashAlgorithm)[keyof typeof HashAlgorithm];
export const CompressionFormat = { ZIP: 0 } as const;
export type CompressionFormat = (typeof CompressionFormat)[keyof typeof CompressionFormat];

/** Section 3-3-1-3: one upload carries one XML file of at most 50 MB with at most 1000 records. */
export const MAX_DATA_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_RECORDS_PER_FILE = 1000;
/** Section 3-3-1-3: the file name uses English letters or digits, at most 128 bytes. */
export const MAX_FILE_NAME_BYTES = 128;
/** Every method: "长度为20个字节的随机字符串（数字和大、小写字母）". */
export const RAND_VAL_LENGTH = 20;

/**
 * The AES material the bureau issues to a provider. `iv` is the spec's 密钥偏移量 (e.g. "0102030405060708");
 * both are strings the bureau generates, used as their UTF-8 bytes. A 16/24/32-byte key selects AES-128/192/256.
 */
export interface AesMaterial {
  key: string | Buffer;
  iv: string | Buffer;
}

export interface EnvelopeAlgorithms {
  encryptAlgorithm: EncryptAlgorithm;
  hashAlgorithm: HashAlgorithm;
  compressionFormat: CompressionFormat;
}

/** What travels in the SOAP parameters (upload) or in fileInfos (download, query previous upload). */
export interface EncodedBeianInfo extends EnvelopeAlgorithms {
  beianInfo: string;
  beianInfoHash: string;
}

/** One data file: its name inside the ZIP and its XML bytes (GBK). */
export interface DataFile {
  name: string;
  xml: Buffer;
}

export const plainZipMd5: EnvelopeAlgorithms = {
  encryptAlgorithm: EncryptAlgorithm.NONE,
  hashAlgorithm: HashAlgorithm.MD5,
  compressionFormat: CompressionFormat.ZIP,
};

function asBytes(v: string | Buffer): Buffer {
  return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
}

function cipherName(key: Buffer): string {
  if (key.length === 16) return 'aes-128-cbc';
  if (key.length === 24) return 'aes-192-cbc';
  if (key.length === 32) return 'aes-256-cbc';
  throw miitError(
    'MIIT_DECRYPT_FAILED',
    'AES密钥长度必须为16、24或32字节',
    `an AES key must be 16, 24 or 32 bytes, not ${key.length}`,
  );
}

function checkIv(iv: Buffer): void {
  if (iv.length !== 16) {
    throw miitError('MIIT_DECRYPT_FAILED', '密钥偏移量必须为16字节', `the AES IV must be 16 bytes, not ${iv.length}`);
  }
}

/** AES-CBC with PKCS#5 padding (PKCS#7 on 16-byte blocks, which is what Java's "PKCS5Padding" does for AES). */
export function encryptAesCbc(plain: Buffer, aes: AesMaterial): Buffer {
  const key = asBytes(aes.key);
  const iv = asBytes(aes.iv);
  checkIv(iv);
  const cipher = createCipheriv(cipherName(key), key, iv);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

export function decryptAesCbc(encrypted: Buffer, aes: AesMaterial): Buffer {
  const key = asBytes(aes.key);
  const iv = asBytes(aes.iv);
  checkIv(iv);
  if (encrypted.length === 0 || encrypted.length % 16 !== 0) {
    throw miitError('MIIT_DECRYPT_FAILED', '解密失败：密文长度不是16的倍数', 'decryption failed: not whole AES blocks');
  }
  try {
    const decipher = createDecipheriv(cipherName(key), key, iv);
    return Buffer.concat([decipher.update(encrypted), decipher.final()]);
  } catch {
    // A wrong key almost always shows up as bad padding; the rare valid padding is caught by the hash check.
    throw miitError('MIIT_DECRYPT_FAILED', '解密失败', 'decryption failed (wrong key or corrupted data)');
  }
}

function digest(alg: number, data: Buffer): Buffer {
  if (alg !== HashAlgorithm.MD5) {
    throw miitError('MIIT_UNSUPPORTED_HASH_ALGORITHM', 'Hash算法类型错误', `hash algorithm ${alg} is not supported`);
  }
  return createHash('md5').update(data).digest();
}

function checkAlgorithms(a: { encryptAlgorithm: number; hashAlgorithm: number; compressionFormat: number }): void {
  if (a.encryptAlgorithm !== EncryptAlgorithm.NONE && a.encryptAlgorithm !== EncryptAlgorithm.AES_CBC_PKCS5) {
    throw miitError(
      'MIIT_UNSUPPORTED_ENCRYPT_ALGORITHM',
      '加密算法类型错误',
      `encrypt algorithm ${a.encryptAlgorithm} is not supported`,
    );
  }
  if (a.hashAlgorithm !== HashAlgorithm.MD5) {
    throw miitError(
      'MIIT_UNSUPPORTED_HASH_ALGORITHM',
      'Hash算法类型错误',
      `hash algorithm ${a.hashAlgorithm} is not supported`,
    );
  }
  if (a.compressionFormat !== CompressionFormat.ZIP) {
    throw miitError(
      'MIIT_UNSUPPORTED_COMPRESSION',
      '压缩格式错误',
      `compression format ${a.compressionFormat} is not supported`,
    );
  }
}

/** Strict base64: Buffer.from(…, 'base64') silently drops junk, which would turn tampering into a hash error. */
function fromBase64(text: string, what: string): Buffer {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) {
    throw miitError('MIIT_HASH_MISMATCH', `${what}不是合法的base64编码`, `${what} is not valid base64`);
  }
  return Buffer.from(compact, 'base64');
}

export function isValidDataFileName(name: string): boolean {
  return /^[A-Za-z0-9]+(\.xml)?$/.test(name) && Buffer.byteLength(name) <= MAX_FILE_NAME_BYTES;
}

/** Sender side: XML file → ZIP → hash → (encrypt) → base64. */
export function encodeBeianInfo(file: DataFile, algorithms: EnvelopeAlgorithms, aes?: AesMaterial): EncodedBeianInfo {
  checkAlgorithms(algorithms);
  if (!isValidDataFileName(file.name)) {
    throw miitError(
      'MIIT_FILE_NAME_INVALID',
      '数据文件名只能使用英文字母或数字，且不超过128个字节',
      `data file name "${file.name}" must be letters/digits (optionally .xml), at most 128 bytes`,
    );
  }
  if (file.xml.length > MAX_DATA_FILE_BYTES) {
    throw miitError(
      'MIIT_FILE_TOO_LARGE',
      '上报的备案数据文件过大，请调整为50MB内',
      `data file is ${file.xml.length} bytes; the limit is 50 MB`,
    );
  }
  const zipped = zipSingle(file.name, file.xml);
  const beianInfoHash = digest(algorithms.hashAlgorithm, zipped).toString('base64');
  let body = zipped;
  if (algorithms.encryptAlgorithm === EncryptAlgorithm.AES_CBC_PKCS5) {
    if (!aes) throw miitError('MIIT_DECRYPT_FAILED', '未配置AES密钥', 'AES encryption requested without AES material');
    body = encryptAesCbc(zipped, aes);
  }
  return { ...algorithms, beianInfo: body.toString('base64'), beianInfoHash };
}

/**
 * Receiver side: base64 → (decrypt) → verify hash → unzip. Every failure is a MiitProtocolError whose msg_code is
 * the one the spec's receiver answers with (6 decrypt, 7 hash, 8 decompress, 9–11 algorithms, 17 file count).
 */
export function decodeBeianInfo(
  encoded: {
    beianInfo: string;
    beianInfoHash: string;
    encryptAlgorithm: number;
    hashAlgorithm: number;
    compressionFormat: number;
  },
  aes?: AesMaterial,
): DataFile {
  checkAlgorithms(encoded);
  const body = fromBase64(encoded.beianInfo, 'beianInfo');
  const expected = fromBase64(encoded.beianInfoHash, 'beianInfoHash');
  let zipped = body;
  if (encoded.encryptAlgorithm === EncryptAlgorithm.AES_CBC_PKCS5) {
    if (!aes) throw miitError('MIIT_DECRYPT_FAILED', '未配置AES密钥，无法解密', 'encrypted data but no AES material');
    zipped = decryptAesCbc(body, aes);
  }
  const actual = digest(encoded.hashAlgorithm, zipped);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw miitError('MIIT_HASH_MISMATCH', '哈希值验证未通过，备案数据不完整', 'beianInfoHash does not match the data');
  }
  let entries: ReturnType<typeof unzip>;
  try {
    entries = unzip(zipped, MAX_DATA_FILE_BYTES);
  } catch (e) {
    if (e instanceof ZipFormatError && /exceeds/.test(e.message)) {
      throw miitError('MIIT_FILE_TOO_LARGE', '备案数据文件过大', e.message);
    }
    throw miitError('MIIT_DECOMPRESS_FAILED', '解压缩失败', `decompression failed: ${(e as Error).message}`);
  }
  if (entries.length !== 1) {
    throw miitError(
      'MIIT_DECOMPRESS_FAILED',
      '备案数据文件数量不符合要求（每次必须1个文件）',
      `the archive holds ${entries.length} files; exactly 1 is required`,
      { msgCode: 17 },
    );
  }
  const [entry] = entries;
  return { name: entry.name, xml: entry.data };
}

/** Section 1-2: the XML files are GBK. Characters outside GBK become numeric references, which XML reads back. */
export function encodeXmlDocument(xml: string): Buffer {
  const declared = xml.replace(/^\s*<\?xml[^?]*\?>/, '<?xml version="1.0" encoding="GBK"?>');
  const withDecl = declared.startsWith('<?xml') ? declared : `<?xml version="1.0" encoding="GBK"?>${xml}`;
  return encodeGbk(withDecl, (cp) => `&#x${cp.toString(16).toUpperCase()};`);
}

/** Reads a data file in whichever encoding its declaration names (GBK by the spec; UTF-8 tolerated). */
export function decodeXmlDocument(bytes: Buffer): string {
  const utf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (utf8Bom) return bytes.subarray(3).toString('utf8');
  const head = bytes.subarray(0, 200).toString('latin1');
  const declared = /^\s*<\?xml[^?]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  try {
    if (!declared || declared === 'utf-8' || declared === 'utf8')
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (declared === 'gbk' || declared === 'gb2312' || declared === 'cp936') return decodeGbk(bytes);
    if (declared === 'gb18030') return new TextDecoder('gb18030', { fatal: true }).decode(bytes);
  } catch {
    throw miitError(
      'MIIT_PAYLOAD_INVALID',
      `XML文件内容不是合法的${declared ?? 'UTF-8'}编码`,
      `XML is not valid ${declared ?? 'UTF-8'}`,
    );
  }
  throw miitError('MIIT_PAYLOAD_INVALID', `不支持的XML编码${declared}`, `unsupported XML encoding ${declared}`);
}

const RAND_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A fresh randVal: 20 characters of digits and upper/lower-case letters, from a CSPRNG. */
export function newRandVal(length = RAND_VAL_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += RAND_ALPHABET[randomInt(RAND_ALPHABET.length)];
  return out;
}

/** pwdHash = base64(hash(GBK(password + randVal))), the authentication of every method. */
export function passwordHash(password: string, randVal: string, hashAlgorithm: number = HashAlgorithm.MD5): string {
  return digest(hashAlgorithm, encodeGbk(password + randVal)).toString('base64');
}

/** Bureau side: recompute and compare in constant time. */
export function verifyPasswordHash(password: string, randVal: string, pwdHash: string, hashAlgorithm: number): boolean {
  const expected = Buffer.from(passwordHash(password, randVal, hashAlgorithm), 'base64');
  const given = Buffer.from(pwdHash, 'base64');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
