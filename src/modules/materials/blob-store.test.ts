import assert from 'node:assert/strict';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Keyring } from '../../platform/crypto/pii.ts';
import { DomainError } from '../../platform/errors.ts';
import { assertBlobKey, type BlobStore, LocalDiskBlobStore, S3BlobStore } from './blob-store.ts';

const k1 = Keyring.generateKeyBase64();
const k2 = Keyring.generateKeyBase64();
const keyring = Keyring.fromConfig(`k1:${k1}`);
const idCard = Buffer.concat([
  Buffer.from('\xff\xd8\xff', 'latin1'),
  Buffer.from('张三 110105194912310021'),
  randomBytes(3000),
]);

async function reasonOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof DomainError, `expected DomainError, got ${String(e)}`);
    return e.reason;
  }
  assert.fail('expected a rejection');
}

/** Behaviour both stores must share. */
function contract(name: string, make: () => BlobStore) {
  describe(`${name}: BlobStore contract`, () => {
    test('plain round trip; key is ab/cd/<sha256> and stable for the same bytes and context', async () => {
      const store = make();
      const png = randomBytes(2048);
      const r = await store.put(png, { contentType: 'image/png', encrypt: false, context: 'order/1/CURTAIN_PHOTO' });
      assert.match(r.key, /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
      assert.equal(r.key.slice(0, 2), r.key.slice(6, 8));
      assert.equal(r.size, 2048);
      assert.equal(r.sha256, createHash('sha256').update(png).digest('hex'));
      assert.deepEqual(await store.get(r.key), png);
      assert.equal(await store.exists(r.key), true);
      const again = await store.put(png, {
        contentType: 'image/png',
        encrypt: false,
        context: 'order/1/CURTAIN_PHOTO',
      });
      assert.equal(again.key, r.key);
      const elsewhere = await store.put(png, {
        contentType: 'image/png',
        encrypt: false,
        context: 'order/2/CURTAIN_PHOTO',
      });
      assert.notEqual(elsewhere.key, r.key);
    });

    test('encrypted round trip for identity documents; key ends in .enc', async () => {
      const store = make();
      const r = await store.put(idCard, { contentType: 'image/jpeg', encrypt: true, context: 'order/1/ID/front' });
      assert.ok(r.key.endsWith('.enc'));
      assert.equal(r.size, idCard.length);
      assert.deepEqual(await store.get(r.key), idCard);
    });

    test('missing blob: get → NOT_FOUND, exists → false, delete is idempotent', async () => {
      const store = make();
      const key = `ab/cd/ab${'cd'.repeat(31)}`;
      assert.equal(await reasonOf(store.get(key)), 'BLOB_NOT_FOUND');
      assert.equal(await store.exists(key), false);
      await store.delete(key);
      const r = await store.put(Buffer.from('x'), { contentType: 'text/plain', encrypt: false, context: 'c' });
      await store.delete(r.key);
      assert.equal(await store.exists(r.key), false);
      await store.delete(r.key);
    });

    test('keys that could escape the store are refused before any I/O', async () => {
      const store = make();
      for (const bad of [
        '../../etc/passwd',
        'ab/cd/../../../../etc/passwd',
        `/ab/cd/ab${'cd'.repeat(31)}`,
        `AB/CD/AB${'CD'.repeat(31)}`,
        `ab/cd/ff${'cd'.repeat(31)}`, // prefix does not match the hash
        `ab/cd/ab${'cd'.repeat(31)}.exe`,
        '',
      ]) {
        assert.equal(await reasonOf(store.get(bad)), 'BLOB_KEY_INVALID', bad);
        assert.equal(await reasonOf(store.exists(bad)), 'BLOB_KEY_INVALID', bad);
        assert.equal(await reasonOf(store.delete(bad)), 'BLOB_KEY_INVALID', bad);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------

describe('LocalDiskBlobStore', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'beian-blobs-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  contract('LocalDiskBlobStore', () => new LocalDiskBlobStore(root, { keyring }));

  test('files land under objects/ab/cd/<hash>, mode 0600, and no temp file is left behind', async () => {
    const store = new LocalDiskBlobStore(root, { keyring });
    const r = await store.put(randomBytes(100), { contentType: 'image/png', encrypt: false, context: 'layout' });
    const path = join(root, 'objects', ...r.key.split('/'));
    const st = await stat(path);
    assert.equal(st.mode & 0o777, 0o600);
    assert.deepEqual(await readdir(join(root, 'tmp')), []);
  });

  test('an encrypted file on disk holds no plaintext and starts with the v1 envelope header', async () => {
    const store = new LocalDiskBlobStore(root, { keyring });
    const r = await store.put(idCard, { contentType: 'image/jpeg', encrypt: true, context: 'order/9/ID' });
    const onDisk = await readFile(join(root, 'objects', ...r.key.split('/')));
    assert.equal(onDisk.subarray(0, 6).toString('latin1'), 'v1.k1.');
    assert.ok(!onDisk.includes(Buffer.from('110105194912310021')));
    assert.ok(!onDisk.includes(Buffer.from('张三')));
  });

  test('a tampered or relocated ciphertext does not decrypt', async () => {
    const store = new LocalDiskBlobStore(root, { keyring });
    const a = await store.put(idCard, { contentType: 'image/jpeg', encrypt: true, context: 'order/10/ID' });
    const b = await store.put(Buffer.from('other'), {
      contentType: 'image/jpeg',
      encrypt: true,
      context: 'order/11/ID',
    });
    const pa = join(root, 'objects', ...a.key.split('/'));
    const pb = join(root, 'objects', ...b.key.split('/'));
    // Moving A's ciphertext to B's key: the AAD is bound to the key, so B no longer opens.
    await writeFile(pb, await readFile(pa));
    assert.equal(await reasonOf(store.get(b.key)), 'PII_DECRYPT_FAILED');
    const bytes = await readFile(pa);
    bytes[bytes.length - 1] ^= 1;
    await writeFile(pa, bytes);
    assert.equal(await reasonOf(store.get(a.key)), 'PII_DECRYPT_FAILED');
  });

  test('rotation: blobs written under k1 still read after k2 becomes active', async () => {
    const old = new LocalDiskBlobStore(root, { keyring });
    const r = await old.put(idCard, { contentType: 'image/jpeg', encrypt: true, context: 'order/12/ID' });
    const rotated = new LocalDiskBlobStore(root, { keyring: Keyring.fromConfig(`k1:${k1},k2:${k2}`) });
    assert.deepEqual(await rotated.get(r.key), idCard);
  });

  test('configuration errors: relative root, root inside a public directory, encryption without a keyring', async () => {
    assert.throws(() => new LocalDiskBlobStore('data/blobs'), DomainError);
    assert.throws(
      () => new LocalDiskBlobStore(join(root, 'pub', 'blobs'), { publicRoots: [join(root, 'pub')] }),
      DomainError,
    );
    assert.throws(() => new LocalDiskBlobStore(join(root, 'pub'), { publicRoots: [join(root, 'pub')] }), DomainError);
    // A sibling directory whose name merely starts with the public root's name is fine.
    new LocalDiskBlobStore(join(root, 'public-blobs'), { publicRoots: [join(root, 'public')] });
    const plainOnly = new LocalDiskBlobStore(root);
    assert.equal(
      await reasonOf(plainOnly.put(idCard, { contentType: 'image/jpeg', encrypt: true, context: 'x' })),
      'BLOB_STORE_MISCONFIGURED',
    );
  });

  test('concurrent puts of the same content converge on one readable file', async () => {
    const store = new LocalDiskBlobStore(root, { keyring });
    const bytes = randomBytes(50_000);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.put(bytes, { contentType: 'image/png', encrypt: true, context: 'race' })),
    );
    assert.equal(new Set(results.map((r) => r.key)).size, 1);
    assert.deepEqual(await store.get(results[0].key), bytes);
    assert.deepEqual(await readdir(join(root, 'tmp')), []);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// A small S3 peer for the tests: verifies every request's SigV4 signature (including the signed payload hash) and
// keeps objects in memory. It is a test peer, not part of the product.

interface FakeS3 {
  server: Server;
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  requests: { method: string; path: string; authorization: string }[];
}

const ACCESS_KEY = 'AKIDBEIANTEST';
const SECRET = 'beian-test-secret-key';
const REGION = 'ap-guangzhou';

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function sigV4Problem(req: IncomingMessage, body: Buffer): string | null {
  const auth = req.headers.authorization ?? '';
  const m =
    /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      auth,
    );
  if (!m) return 'missing or malformed Authorization header';
  const [, accessKey, date, region, signedHeaders, signature] = m;
  if (accessKey !== ACCESS_KEY) return 'unknown access key';
  if (region !== REGION) return 'wrong region';
  const amzDate = String(req.headers['x-amz-date'] ?? '');
  if (!amzDate.startsWith(date)) return 'x-amz-date does not match the credential scope';
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256hex(body)) return 'payload hash mismatch';
  const names = signedHeaders.split(';');
  if (!names.includes('host') || !names.includes('x-amz-date')) return 'host and x-amz-date must be signed';
  const url = new URL(req.url ?? '/', 'http://x');
  const query = [...url.searchParams.entries()]
    .map(([k, v]) => [encodeURIComponent(k), encodeURIComponent(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const canonicalHeaders = names
    .map(
      (h) =>
        `${h}:${String(req.headers[h] ?? '')
          .trim()
          .replace(/\s+/g, ' ')}\n`,
    )
    .join('');
  const canonicalRequest = [req.method, url.pathname, query, canonicalHeaders, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256hex(canonicalRequest)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, date), region), 's3'), 'aws4_request');
  const expected = createHmac('sha256', signingKey).update(stringToSign).digest('hex');
  return expected === signature ? null : 'signature mismatch';
}

async function startFakeS3(): Promise<FakeS3> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: FakeS3['requests'] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization ?? '' });
    const problem = sigV4Problem(req, body);
    if (problem) {
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end(`<Error><Code>SignatureDoesNotMatch</Code><Message>${problem}</Message></Error>`);
      return;
    }
    const obj = objects.get(path);
    switch (req.method) {
      case 'PUT':
        objects.set(path, { body, contentType: String(req.headers['content-type'] ?? '') });
        res.writeHead(200).end();
        return;
      case 'GET':
      case 'HEAD':
        if (!obj) {
          res.writeHead(404).end(req.method === 'GET' ? '<Error><Code>NoSuchKey</Code></Error>' : undefined);
          return;
        }
        res.writeHead(200, { 'content-type': obj.contentType, 'content-length': obj.body.length });
        res.end(req.method === 'GET' ? obj.body : undefined);
        return;
      case 'DELETE':
        objects.delete(path);
        res.writeHead(204).end();
        return;
      default:
        res.writeHead(405).end();
    }
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return { server, endpoint: `http://127.0.0.1:${port}`, objects, requests };
}

describe('S3BlobStore against a SigV4-verifying S3 peer on 127.0.0.1', () => {
  let s3: FakeS3;
  before(async () => {
    s3 = await startFakeS3();
  });
  after(async () => {
    await new Promise((ok) => s3.server.close(ok));
  });

  const make = () =>
    new S3BlobStore({
      endpoint: s3.endpoint,
      bucket: 'beian-materials',
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET,
      prefix: 'prod/',
      keyring,
      retries: 0,
    });

  contract('S3BlobStore', make);

  test('requests are path-style, carry a verified SigV4 Authorization header, and encrypted objects are opaque', async () => {
    const store = make();
    const before = s3.requests.length;
    const r = await store.put(idCard, { contentType: 'image/jpeg', encrypt: true, context: 'order/3/ID' });
    const req = s3.requests[before];
    assert.equal(req.method, 'PUT');
    assert.equal(req.path, `/beian-materials/prod/${r.key}`);
    assert.match(
      req.authorization,
      /^AWS4-HMAC-SHA256 Credential=AKIDBEIANTEST\/\d{8}\/ap-guangzhou\/s3\/aws4_request/,
    );
    const stored = s3.objects.get(req.path);
    assert.ok(stored);
    assert.equal(stored.contentType, 'application/octet-stream');
    assert.ok(!stored.body.includes(Buffer.from('110105194912310021')));
    assert.deepEqual(await store.get(r.key), idCard);

    const plain = await store.put(Buffer.from('thumbnail'), {
      contentType: 'image/jpeg',
      encrypt: false,
      context: 't',
    });
    assert.equal(s3.objects.get(`/beian-materials/prod/${plain.key}`)?.contentType, 'image/jpeg');
  });

  test('a wrong secret is refused by the peer (403) and surfaces as BLOB_STORE_UNAVAILABLE', async () => {
    const bad = new S3BlobStore({
      endpoint: s3.endpoint,
      bucket: 'beian-materials',
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: 'wrong',
      retries: 0,
    });
    const countBefore = s3.objects.size;
    assert.equal(
      await reasonOf(bad.put(Buffer.from('x'), { contentType: 'text/plain', encrypt: false, context: 'c' })),
      'BLOB_STORE_UNAVAILABLE',
    );
    assert.equal(s3.objects.size, countBefore);
  });

  test('an unreachable endpoint surfaces as BLOB_STORE_UNAVAILABLE', async () => {
    const down = new S3BlobStore({
      endpoint: 'http://127.0.0.1:1',
      bucket: 'beian-materials',
      region: REGION,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET,
      retries: 0,
    });
    assert.equal(await reasonOf(down.exists(`ab/cd/ab${'cd'.repeat(31)}`)), 'BLOB_STORE_UNAVAILABLE');
  });

  test('configuration errors: bad endpoint, bucket, prefix; encryption without a keyring', async () => {
    const base = { bucket: 'b-1', region: REGION, accessKeyId: 'a', secretAccessKey: 's' };
    const noKeys = new S3BlobStore({
      ...base,
      endpoint: s3.endpoint,
      accessKeyId: ACCESS_KEY,
      secretAccessKey: SECRET,
    });
    const countBefore = s3.objects.size;
    assert.equal(
      await reasonOf(noKeys.put(idCard, { contentType: 'image/jpeg', encrypt: true, context: 'x' })),
      'BLOB_STORE_MISCONFIGURED',
    );
    assert.equal(s3.objects.size, countBefore, 'nothing was written in the clear');
    assert.throws(() => new S3BlobStore({ ...base, endpoint: 'not a url' }), DomainError);
    assert.throws(() => new S3BlobStore({ ...base, endpoint: 'ftp://x' }), DomainError);
    assert.throws(() => new S3BlobStore({ ...base, endpoint: 'http://x', bucket: '../etc' }), DomainError);
    assert.throws(() => new S3BlobStore({ ...base, endpoint: 'http://x', prefix: '../' }), DomainError);
  });
});

test('assertBlobKey reports whether a key is encrypted', () => {
  assert.deepEqual(assertBlobKey(`ab/cd/ab${'cd'.repeat(31)}`), { encrypted: false });
  assert.deepEqual(assertBlobKey(`ab/cd/ab${'cd'.repeat(31)}.enc`), { encrypted: true });
});
