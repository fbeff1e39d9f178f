import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { AwsClient } from 'aws4fetch';
import type { Keyring } from '../../platform/crypto/pii.ts';
import { DomainError } from '../../platform/errors.ts';

/**
 * Where uploaded images, thumbnails and generated PDFs live (STACK "File storage"). The database row keeps the key,
 * content type, size and sha256; the store keeps only bytes.
 *
 * Keys are content-addressed: sha256(context ‖ plaintext) → `ab/cd/<64 hex>` (plus `.enc` when encrypted). The context
 * (e.g. `order/42/WEBSITE_PRINCIPAL_ID`) is part of the hash because an encrypted blob is bound to where it belongs:
 * the same image uploaded into two orders is two blobs, each decryptable only under its own key.
 * Encrypted blobs use the PII keyring with AAD `blob:<key>`, so a ciphertext moved to another key no longer decrypts.
 */
export interface PutOptions {
  contentType: string;
  /** Identity documents: always true (see `acceptanceFor(kind).encryptAtRest`). */
  encrypt: boolean;
  /** Where the blob belongs, e.g. `order/42/SUBJECT_CERT_FRONT`. Part of the key. */
  context: string;
}

export interface PutResult {
  key: string;
  /** Plaintext size and sha256 (hex), for the database row and later integrity checks. */
  size: number;
  sha256: string;
}

export interface BlobStore {
  put(bytes: Uint8Array, opts: PutOptions): Promise<PutResult>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

const KEY_PATTERN = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{64})(\.enc)?$/;

/** Validates a key before it touches a path or URL; anything else (`..`, absolute paths, odd case) is refused. */
export function assertBlobKey(key: string): { encrypted: boolean } {
  const m = KEY_PATTERN.exec(key);
  if (!m || m[3].slice(0, 2) !== m[1] || m[3].slice(2, 4) !== m[2]) {
    throw new DomainError('BAD_REQUEST', {
      reason: 'BLOB_KEY_INVALID',
      message: { zh: '文件标识无效', en: 'Invalid blob key' },
      details: { key: key.slice(0, 100) },
    });
  }
  return { encrypted: m[4] === '.enc' };
}

export function blobKeyFor(bytes: Uint8Array, opts: Pick<PutOptions, 'context' | 'encrypt'>): string {
  if (opts.context.length === 0) {
    throw new DomainError('INTERNAL', {
      reason: 'BLOB_CONTEXT_MISSING',
      message: { zh: '缺少存储上下文', en: 'A blob needs a context' },
    });
  }
  const h = createHash('sha256')
    .update('beian-blob-v1\0')
    .update(opts.context, 'utf8')
    .update('\0')
    .update(bytes)
    .digest('hex');
  return `${h.slice(0, 2)}/${h.slice(2, 4)}/${h}${opts.encrypt ? '.enc' : ''}`;
}

const blobAad = (key: string) => `blob:${key}`;

function notFound(key: string): DomainError {
  return new DomainError('NOT_FOUND', {
    reason: 'BLOB_NOT_FOUND',
    message: { zh: '文件不存在', en: 'The file does not exist' },
    details: { key },
  });
}

function misconfigured(en: string): DomainError {
  return new DomainError('INTERNAL', { reason: 'BLOB_STORE_MISCONFIGURED', message: { zh: '文件存储配置错误', en } });
}

/** The bytes to store and the key to store them under. Shared by both stores so they agree on keys and envelopes. */
function seal(
  bytes: Uint8Array,
  opts: PutOptions,
  keyring: Keyring | undefined,
): { key: string; body: Buffer } & PutResult {
  if (opts.encrypt && !keyring) throw misconfigured('encrypt:true needs a keyring (PII_KEYS)');
  const plain = Buffer.from(bytes);
  const key = blobKeyFor(plain, opts);
  const body = opts.encrypt && keyring ? keyring.encryptBytes(plain, blobAad(key)) : plain;
  return { key, body, size: plain.length, sha256: createHash('sha256').update(plain).digest('hex') };
}

function unseal(key: string, stored: Buffer, keyring: Keyring | undefined): Buffer {
  if (!assertBlobKey(key).encrypted) return stored;
  if (!keyring) throw misconfigured(`blob ${key} is encrypted but the store has no keyring`);
  return keyring.decryptBytes(stored, blobAad(key));
}

// ---------------------------------------------------------------------------------------------------------------

export interface LocalDiskOptions {
  keyring?: Keyring;
  /**
   * Directories served over HTTP (e.g. the @fastify/static root). The store refuses to live inside any of them, so
   * an uploaded ID card can never be fetched by guessing a path.
   */
  publicRoots?: string[];
}

/** Files under `<root>/objects/ab/cd/<hash>[.enc]`, written atomically (temp file in `<root>/tmp`, fsync, rename). */
export class LocalDiskBlobStore implements BlobStore {
  readonly root: string;
  private readonly keyring?: Keyring;

  constructor(rootDir: string, opts: LocalDiskOptions = {}) {
    if (!isAbsolute(rootDir)) throw misconfigured(`blob root must be an absolute path, got ${rootDir}`);
    this.root = resolve(rootDir);
    for (const pub of opts.publicRoots ?? []) {
      const rel = relative(resolve(pub), this.root);
      if (rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))) {
        throw misconfigured(`blob root ${this.root} is inside the public directory ${pub}`);
      }
    }
    this.keyring = opts.keyring;
  }

  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, 'objects', ...key.split('/'));
  }

  async put(bytes: Uint8Array, opts: PutOptions): Promise<PutResult> {
    const { key, body, size, sha256 } = seal(bytes, opts, this.keyring);
    const finalPath = this.pathOf(key);
    // Content-addressed: an existing file already holds these bytes for this context.
    if (await this.exists(key)) return { key, size, sha256 };
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true, mode: 0o700 });
    await mkdir(dirname(finalPath), { recursive: true, mode: 0o700 });
    const tmpPath = join(tmpDir, `${randomBytes(12).toString('hex')}.part`);
    const fh = await open(tmpPath, 'wx', 0o600);
    try {
      await fh.writeFile(body);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      // rename() is atomic within one file system, so a reader sees either no file or the whole file.
      await rename(tmpPath, finalPath);
    } catch (e) {
      await rm(tmpPath, { force: true });
      throw e;
    }
    const dir = await open(dirname(finalPath), 'r');
    try {
      await dir.sync(); // make the rename itself durable
    } finally {
      await dir.close();
    }
    return { key, size, sha256 };
  }

  async get(key: string): Promise<Buffer> {
    let stored: Buffer;
    try {
      stored = await readFile(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw notFound(key);
      throw e;
    }
    return unseal(key, stored, this.keyring);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async exists(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    try {
      await access(path, fsConstants.F_OK);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

export interface S3Options {
  /** e.g. `https://s3.ap-guangzhou.example.com` or `http://127.0.0.1:9000` (MinIO). Path-style addressing is used. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Optional key prefix inside the bucket, e.g. `beian/`. */
  prefix?: string;
  keyring?: Keyring;
  /** aws4fetch retries 5xx/throttling with backoff; default 3. */
  retries?: number;
}

/**
 * S3-compatible storage through aws4fetch (SigV4, path style: works with AWS, MinIO, OSS and COS in S3 mode).
 * The payload hash is signed (not UNSIGNED-PAYLOAD), so the server rejects a body altered in transit.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: AwsClient;
  private readonly base: string;
  private readonly keyring?: Keyring;

  constructor(opts: S3Options) {
    let url: URL;
    try {
      url = new URL(opts.endpoint);
    } catch {
      throw misconfigured(`invalid S3 endpoint ${opts.endpoint}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw misconfigured('the S3 endpoint must be http(s)');
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(opts.bucket))
      throw misconfigured(`invalid bucket name ${opts.bucket}`);
    const prefix = opts.prefix ?? '';
    if (prefix !== '' && !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\/$/.test(prefix)) {
      throw misconfigured('the S3 prefix must look like `a/b/` (letters, digits, _ and -, ending in /)');
    }
    this.base = `${url.origin}${url.pathname.replace(/\/+$/, '')}/${opts.bucket}/${prefix}`;
    this.client = new AwsClient({
      accessKeyId: opts.accessKeyId,
      secretAccessKey: opts.secretAccessKey,
      sessionToken: opts.sessionToken,
      service: 's3',
      region: opts.region,
      retries: opts.retries ?? 3,
    });
    this.keyring = opts.keyring;
  }

  private urlOf(key: string): string {
    assertBlobKey(key);
    return this.base + key;
  }

  private async call(method: string, key: string, init: { body?: Buffer; headers?: Record<string, string> } = {}) {
    const url = this.urlOf(key);
    try {
      return await this.client.fetch(url, {
        method,
        // A copy backed by a plain ArrayBuffer: what fetch's BodyInit accepts.
        body: init.body ? new Uint8Array(init.body) : undefined,
        headers: init.headers,
      });
    } catch (e) {
      throw new DomainError('SERVICE_UNAVAILABLE', {
        reason: 'BLOB_STORE_UNAVAILABLE',
        message: { zh: '文件存储暂不可用', en: `S3 ${method} failed: ${(e as Error).message}` },
      });
    }
  }

  private failure(method: string, key: string, res: Response): DomainError {
    return new DomainError('SERVICE_UNAVAILABLE', {
      reason: 'BLOB_STORE_UNAVAILABLE',
      message: { zh: '文件存储暂不可用', en: `S3 ${method} ${key} answered ${res.status}` },
      details: { status: res.status },
    });
  }

  async put(bytes: Uint8Array, opts: PutOptions): Promise<PutResult> {
    const { key, body, size, sha256 } = seal(bytes, opts, this.keyring);
    const res = await this.call('PUT', key, {
      body,
      headers: {
        // An encrypted object's real type is for the database only; the bucket sees opaque bytes.
        'content-type': opts.encrypt ? 'application/octet-stream' : opts.contentType,
        'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
      },
    });
    await res.arrayBuffer();
    if (!res.ok) throw this.failure('PUT', key, res);
    return { key, size, sha256 };
  }

  async get(key: string): Promise<Buffer> {
    const res = await this.call('GET', key);
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status === 404) throw notFound(key);
    if (!res.ok) throw this.failure('GET', key, res);
    return unseal(key, body, this.keyring);
  }

  async delete(key: string): Promise<void> {
    const res = await this.call('DELETE', key);
    await res.arrayBuffer();
    if (!res.ok && res.status !== 404) throw this.failure('DELETE', key, res);
  }

  async exists(key: string): Promise<boolean> {
    const res = await this.call('HEAD', key);
    await res.arrayBuffer();
    if (res.status === 404) return false;
    if (!res.ok) throw this.failure('HEAD', key, res);
    return true;
  }
}
