import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { MemoryUploadJournal, MiitClient, type MiitClientOptions, type MiitLogger } from './client.ts';
import {
  type EncodedBeianInfo,
  encodeBeianInfo,
  encodeXmlDocument,
  newRandVal,
  passwordHash,
  plainZipMd5,
} from './envelope.ts';
import { MiitProtocolError } from './errors.ts';
import type { DownloadData } from './payloads/download.ts';
import { downloadData } from './payloads/download.ts';
import { QueryConditionType } from './payloads/returns.ts';
import type { UploadData } from './payloads/upload.ts';
import { uploadData } from './payloads/upload.ts';
import {
  createMiitSoapHandler,
  type MiitAccount,
  type MiitCallContext,
  type MiitServiceImpl,
  type MiitUploadCall,
} from './server.ts';
import { buildSoapRequest, parseSoapRequest } from './soap.ts';
import { downloads, PROVIDER_ISP_ID, uploads } from './testing/fixtures.ts';
import { nodeAt, sampleValue } from './testing/samples.ts';

// ---------------------------------------------------------------------------------------------------------------
// An in-memory bureau for the test: keeps uploads, answers each with a result file, serves files until acked.

interface StoredUpload {
  dataSequence: number;
  fileName: string;
  payloadSha256: string;
  data: UploadData | null;
  received: EncodedBeianInfo;
}

const ACCOUNT_PASSWORD = 'Bureau-Issued-Pw1';
const AES = { key: 'XRDRUE7FFCRE1T7I', iv: '0102030405060708' };

class MemoryBureau implements MiitServiceImpl {
  readonly uploads: StoredUpload[] = [];
  readonly queue: { fileName: string; data: DownloadData }[] = [];
  readonly acked: string[] = [];
  lastSequence = 0;
  private fileCounter = 0;
  readonly accounts = new Map<string, MiitAccount>([
    [`${PROVIDER_ISP_ID}/plain`, { password: ACCOUNT_PASSWORD }],
    [`${PROVIDER_ISP_ID}/aes`, { password: ACCOUNT_PASSWORD, aes: AES, encryptDownloads: true }],
  ]);

  account(ispId: number, userName: string): MiitAccount | undefined {
    return this.accounts.get(`${ispId}/${userName}`);
  }

  enqueue(data: DownloadData): string {
    const fileName = `D${String(++this.fileCounter).padStart(8, '0')}`;
    this.queue.push({ fileName, data });
    return fileName;
  }

  async upload(call: MiitUploadCall) {
    if (call.dataSequence !== this.lastSequence + 1) {
      const missing = [];
      for (let s = this.lastSequence + 1; s < call.dataSequence; s++) missing.push(s);
      return { msgCode: 14, missingSequences: missing.length ? missing : [this.lastSequence + 1] };
    }
    this.lastSequence = call.dataSequence;
    this.uploads.push({
      dataSequence: call.dataSequence,
      fileName: call.fileName,
      payloadSha256: call.payloadSha256,
      data: call.payload.ok ? call.payload.data : null,
      received: call.received,
    });
    const codes = call.payload.ok
      ? [{ Jgdm: 1001, Dmms: '管局审核通过' }]
      : [{ Jgdm: 5001, Dmms: '数据文件格式不符合接口XSD规范' }];
    this.enqueue({ ICP: { BAJG: { Jg_xx: [{ Jgxx: codes, Czlx: 1, Bs: String(call.dataSequence) }] } } });
    return { msgCode: 0 };
  }

  async download(_ctx: MiitCallContext) {
    const next = this.queue[0];
    if (!next) return { msgCode: 2 };
    return { msgCode: this.queue.length > 1 ? 3 : 0, file: next };
  }

  async ack(_ctx: MiitCallContext, fileName: string) {
    if (this.queue[0]?.fileName !== fileName) return { msgCode: 999, msg: `no such file ${fileName}` };
    this.queue.shift();
    this.acked.push(fileName);
    return { msgCode: 0 };
  }

  async queryPreviousUpload(_ctx: MiitCallContext) {
    const last = this.uploads.at(-1);
    if (!last) return { dataSequence: 0 as const };
    return { dataSequence: last.dataSequence, fileName: last.fileName, received: last.received };
  }

  async queryFilingStatus(_ctx: MiitCallContext, conditionType: number, condition: string) {
    if (conditionType === 0 && condition === 'example-shop.cn') {
      return {
        msgCode: 0,
        status: {
          Cxtjlx: 0,
          Cxtj: condition,
          Wzmc: '示例商城',
          Ztbah: '粤ICP备18000001号',
          Wzbah: '粤ICP备18000001号-1',
          Bazt: '0',
        },
      };
    }
    return { msgCode: 0, status: { Cxtjlx: conditionType, Cxtj: condition, Bazt: '1' } };
  }

  async verifyFilingPassword(_ctx: MiitCallContext, filingNumber: string, password: string) {
    if (password === 'too-many') return { msgCode: 22 };
    return { msgCode: 0, matches: filingNumber === '粤ICP备18000001号' && password === 'Ab3dEf7hJk' };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A real HTTP server on 127.0.0.1 with fault injection between the network and the handler.

interface Faults {
  /** Answer the next n requests with HTTP 503 without reaching the bureau. */
  fail503: number;
  /** Process the next isp_upload, then drop the connection instead of answering. */
  dropUploadAnswers: number;
  /** Hold every answer this long (ms). */
  delayMs: number;
  /** Rewrite the next isp_download answer body. */
  tamperDownload?: (body: string) => string;
}

let bureau: MemoryBureau;
let faults: Faults;
let seen: string[];
let server: Server;
let baseUrl: string;

before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const method = /<ns:(isp_\w+)>/.exec(body)?.[1] ?? 'unknown';
      seen.push(method);
      if (faults.fail503 > 0) {
        faults.fail503--;
        res.writeHead(503, { 'content-type': 'text/plain' }).end('Service Unavailable');
        return;
      }
      const answer = await createMiitSoapHandler(bureau)(body, req.headers);
      if (method === 'isp_upload' && faults.dropUploadAnswers > 0) {
        faults.dropUploadAnswers--;
        req.socket.destroy();
        return;
      }
      let out = answer.body;
      if (method === 'isp_download' && faults.tamperDownload) {
        out = faults.tamperDownload(out);
        faults.tamperDownload = undefined;
      }
      setTimeout(() => res.writeHead(answer.status, answer.headers).end(out), faults.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  bureau = new MemoryBureau();
  faults = { fail503: 0, dropUploadAnswers: 0, delayMs: 0 };
  seen = [];
});

const logLines: unknown[] = [];
const logger: MiitLogger = {
  info: (obj, msg) => logLines.push({ level: 'info', msg, ...obj }),
  warn: (obj, msg) => logLines.push({ level: 'warn', msg, ...obj }),
};

function client(opts: Partial<MiitClientOptions> & { userName?: string } = {}) {
  const delays: number[] = [];
  const c = new MiitClient({
    baseUrl,
    credentials: {
      ispId: PROVIDER_ISP_ID,
      userName: opts.userName ?? 'plain',
      password: ACCOUNT_PASSWORD,
      aes: opts.userName === 'aes' ? AES : undefined,
    },
    logger,
    sleep: async (ms) => {
      delays.push(ms);
    },
    timeoutMs: 2_000,
    ...opts,
  });
  return { c, delays };
}

function count(method: string): number {
  return seen.filter((m) => m === method).length;
}

async function refusal(p: Promise<unknown>): Promise<MiitProtocolError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof MiitProtocolError, String(e));
    return e;
  }
  assert.fail('expected a MiitProtocolError');
}

/** A minimal valid upload for every operation of the upload XSD (ICP, IP and YM). */
function uploadSamples(): [string, UploadData][] {
  const root = uploadData.schema;
  const out: [string, UploadData][] = [];
  for (const area of root.children) {
    if (area.kind !== 'complex') continue;
    for (const op of area.children) {
      if (op.kind !== 'complex') continue;
      const value = {
        [op.name]: sampleValue(nodeAt(root, `${area.name}.${op.name}`), { full: false, variant: 0 }),
        Qqdwid: PROVIDER_ISP_ID,
      };
      out.push([`${area.name}.${op.name}`, { [area.name]: value } as unknown as UploadData]);
    }
  }
  return out;
}

/** A minimal valid file for every branch of the download XSD. */
function downloadSamples(): [string, DownloadData][] {
  const root = downloadData.schema;
  const out: [string, DownloadData][] = [];
  for (const area of root.children) {
    if (area.kind !== 'complex') continue;
    for (const op of area.children) {
      if (op.kind !== 'complex') continue;
      out.push([
        `${area.name}.${op.name}`,
        {
          [area.name]: { [op.name]: sampleValue(nodeAt(root, `${area.name}.${op.name}`), { full: true, variant: 0 }) },
        } as unknown as DownloadData,
      ]);
    }
  }
  return out;
}

describe('R-BUR-001 MIIT client ↔ SOAP server over HTTP', () => {
  for (const userName of ['plain', 'aes']) {
    it(`R-BUR-001 R-BUR-011: upload → download → ack for every upload message type (${userName} envelope)`, async () => {
      const { c } = client({ userName });
      const all: [string, UploadData][] = [...Object.entries(uploads), ...uploadSamples()];
      // 7 catalogue uploads + the 14 operations of the XSD (ICP 8, IP 3, YM 3).
      assert.equal(all.length, 21);
      for (const [i, [label, payload]] of all.entries()) {
        const out = await c.upload(payload);
        assert.equal(out.alreadyAccepted, false, label);
        assert.equal(out.dataSequence, i + 1, label);
        const stored = bureau.uploads.at(-1)!;
        assert.deepEqual(stored.data, payload, label);
        assert.equal(stored.fileName, out.fileName);
        assert.equal(stored.payloadSha256, out.payloadSha256);
        assert.equal(stored.received.encryptAlgorithm, userName === 'aes' ? 1 : 0);

        const file = await c.download();
        assert.ok(file, label);
        assert.deepEqual(file.data.ICP?.BAJG?.Jg_xx?.[0].Jgxx, [{ Jgdm: 1001, Dmms: '管局审核通过' }], label);
        await c.ack([file.fileName]);
        assert.equal(await c.download(), null);
      }
      assert.equal(bureau.uploads.length, all.length);
      assert.equal(bureau.acked.length, all.length);
      // One query on the first upload (sequence unknown), none after: the journal knows the sequence.
      assert.equal(count('isp_querypreviousupload'), 1);
    });
  }

  it('R-BUR-001 R-BUR-011: every download message type is received, checked and acknowledged in order (drain)', async () => {
    const { c } = client({ userName: 'aes' });
    const files = [...Object.entries(downloads), ...downloadSamples()];
    const names = files.map(([, data]) => bureau.enqueue(data));
    const got: DownloadData[] = [];
    const n = await c.drain(async (f) => {
      got.push(f.data);
    });
    assert.equal(n, files.length);
    assert.deepEqual(
      got,
      files.map(([, d]) => d),
    );
    assert.deepEqual(bureau.acked, names);
    assert.equal(bureau.queue.length, 0);
  });

  it('R-BUR-001: the retry path: two 503 answers, then success; backoff doubles; exactly one upload recorded', async () => {
    const { c, delays } = client({ backoffMs: 100 });
    await c.upload(uploads.XZBA); // the first upload also learns the sequence number
    seen = [];
    faults.fail503 = 2;
    const out = await c.upload(uploads.XZWZ);
    assert.equal(out.alreadyAccepted, false);
    assert.equal(out.dataSequence, 2);
    // The first 503 hits the upload. A 503 means the request never reached the bureau, but the client cannot know
    // that, so it asks before resending; the second 503 hits that query, which is safe to repeat and is retried.
    assert.deepEqual(seen, ['isp_upload', 'isp_querypreviousupload', 'isp_querypreviousupload', 'isp_upload']);
    assert.deepEqual(delays.slice(-2), [100, 100]);
    assert.equal(bureau.uploads.length, 2);
  });

  it('R-BUR-001: idempotent calls are simply retried: download after two 503s', async () => {
    const { c, delays } = client({ backoffMs: 10 });
    bureau.enqueue(downloads.WBAWZLB);
    faults.fail503 = 2;
    const f = await c.download();
    assert.deepEqual(f?.data, downloads.WBAWZLB);
    assert.deepEqual(seen, ['isp_download', 'isp_download', 'isp_download']);
    assert.deepEqual(delays, [10, 20]);
  });

  it('R-BUR-001: retries give up after the configured attempts with MIIT_UNAVAILABLE', async () => {
    const { c } = client({ retries: 2 });
    faults.fail503 = 10;
    const e = await refusal(c.download());
    assert.equal(e.failure, 'MIIT_UNAVAILABLE');
    assert.equal(e.code, 'SERVICE_UNAVAILABLE');
    assert.equal(count('isp_download'), 3);
  });

  it('R-BUR-001: a timeout counts as a transport failure and is retried', async () => {
    const { c } = client({ timeoutMs: 50, retries: 1 });
    faults.delayMs = 300;
    const e = await refusal(c.queryPreviousUpload());
    assert.equal(e.failure, 'MIIT_UNAVAILABLE');
    assert.match(e.message, /timed out/);
    assert.equal(count('isp_querypreviousupload'), 2);
  });

  it('R-BUR-001: a definite refusal is never retried (wrong password: msg_code 5; unknown user: 4)', async () => {
    const wrong = new MiitClient({
      baseUrl,
      credentials: { ispId: PROVIDER_ISP_ID, userName: 'plain', password: 'wrong' },
      sleep: async () => {},
    });
    const e = await refusal(wrong.download());
    assert.equal(e.failure, 'MIIT_REFUSED');
    assert.equal(e.msgCode, 5);
    assert.equal(count('isp_download'), 1);

    const unknown = new MiitClient({
      baseUrl,
      credentials: { ispId: 1, userName: 'plain', password: ACCOUNT_PASSWORD },
    });
    assert.equal((await refusal(unknown.download())).msgCode, 4);
    assert.equal(count('isp_download'), 2);
  });

  it('R-BUR-001: crash path: the answer to an upload is lost; the client asks before resending and the bureau keeps one copy', async () => {
    const { c } = client();
    await c.upload(uploads.XZBA);
    seen = [];
    faults.dropUploadAnswers = 1;
    const out = await c.upload(uploads.BGBA);
    assert.equal(out.alreadyAccepted, true);
    assert.equal(out.dataSequence, 2);
    assert.deepEqual(seen, ['isp_upload', 'isp_querypreviousupload']);
    assert.equal(bureau.uploads.length, 2);
    assert.deepEqual(bureau.uploads[1].data, uploads.BGBA);
  });

  it('R-BUR-001: crash path: the process dies with the upload in flight; a re-run (same journal, or none) does not submit twice', async () => {
    const journal = new MemoryUploadJournal();
    const first = client({ journal, retries: 0 }).c;
    faults.dropUploadAnswers = 1;
    const e = await refusal(first.upload(uploads.XZJR));
    assert.equal(e.failure, 'MIIT_UNAVAILABLE');
    const pending = (await journal.load()).pending;
    assert.equal(pending?.dataSequence, 1);
    assert.equal(bureau.uploads.length, 1);

    // The restarted process has the journal: it sees the pending upload, asks, and does not resend.
    const rerun = await client({ journal }).c.upload(uploads.XZJR);
    assert.deepEqual([rerun.alreadyAccepted, rerun.dataSequence], [true, 1]);
    assert.deepEqual(await journal.load(), { lastSequence: 1 });

    // A process without any journal asks too, because it does not know the sequence number yet.
    const fresh = await client().c.upload(uploads.XZJR);
    assert.equal(fresh.alreadyAccepted, true);
    assert.equal(count('isp_upload'), 1);
    assert.equal(bureau.uploads.length, 1);

    // A different payload afterwards goes out normally with the next sequence number.
    const next = await client({ journal }).c.upload(uploads.ZXBA_ACCESS);
    assert.deepEqual([next.alreadyAccepted, next.dataSequence], [false, 2]);
  });

  it('R-BUR-001: a stale journal sequence is resynchronised after msg_code 14', async () => {
    const other = client().c;
    await other.upload(uploads.XZBA);
    await other.upload(uploads.XZWZ);
    const journal = new MemoryUploadJournal();
    await journal.save({ lastSequence: 0 });
    seen = [];
    const out = await client({ journal }).c.upload(uploads.BGBA);
    assert.equal(out.dataSequence, 3);
    assert.deepEqual(seen, ['isp_upload', 'isp_querypreviousupload', 'isp_upload']);
  });

  it('R-BUR-001: a tampered download is refused (hash mismatch) and not acknowledged, so the bureau sends it again', async () => {
    const { c } = client();
    bureau.enqueue(downloads.HCJG);
    faults.tamperDownload = (body) =>
      body.replace(
        /(&lt;beianInfoHash&gt;)([A-Za-z0-9+/]{4})/,
        (_m, tag: string, head: string) => `${tag}${head === 'AAAA' ? 'BBBB' : 'AAAA'}`,
      );
    const e = await refusal(c.download());
    assert.equal(e.failure, 'MIIT_HASH_MISMATCH');
    assert.equal(bureau.queue.length, 1);
    const again = await c.download();
    assert.deepEqual(again?.data, downloads.HCJG);
  });

  it('R-BUR-001: the bureau answers a tampered upload with msg_code 7 and does not record it', async () => {
    const handler = createMiitSoapHandler(bureau);
    const shortRandVal = buildSoapRequest({
      method: 'isp_download',
      params: { ispId: PROVIDER_ISP_ID, userName: 'plain', randVal: 'short', pwdHash: 'x', hashAlgorithm: 0 },
    });
    assert.match((await handler(shortRandVal)).body, /msg_code&gt;16&lt;/);
    // Capture a real upload request from the client, corrupt its hash, replay it to the handler.
    let captured = '';
    const capturing = new MiitClient({
      baseUrl,
      credentials: { ispId: PROVIDER_ISP_ID, userName: 'plain', password: ACCOUNT_PASSWORD },
      fetch: async (url, init) => {
        const body = String(init?.body);
        if (body.includes('isp_upload>')) captured = body;
        return fetch(url, init);
      },
    });
    await capturing.upload(uploads.ZXBA_SUBJECT);
    const req = parseSoapRequest(captured);
    assert.equal(req.method, 'isp_upload');
    const before = bureau.uploads.length;
    const tampered = captured.replace(
      /<beianInfoHash>[^<]+<\/beianInfoHash>/,
      '<beianInfoHash>AAAAAAAAAAAAAAAAAAAAAA==</beianInfoHash>',
    );
    const res = await handler(tampered);
    assert.equal(res.status, 200);
    assert.match(res.body, /msg_code&gt;7&lt;/);
    assert.equal(bureau.uploads.length, before);
    const malformed = await handler('<soap>nope</soap>');
    assert.equal(malformed.status, 500);
    assert.match(malformed.body, /faultcode>soapenv:Client</);
  });

  it('R-BUR-001: an upload that breaks the XSD is accepted (msg_code 0) and reaches the impl with its issues, as the spec bureau answers 5001 later', async () => {
    const events: unknown[] = [];
    const handler = createMiitSoapHandler(bureau, { onCall: (e) => events.push(e) });
    const xml = encodeXmlDocument(
      '<?xml version="1.0" encoding="GBK"?><UploadData version="V.3.0"><ICP><ZXBA><Zx_xx><Zxlb>9</Zxlb><Jlid>1</Jlid><Zxly>1</Zxly></Zx_xx></ZXBA></ICP></UploadData>',
    );
    const randVal = newRandVal();
    const body = buildSoapRequest({
      method: 'isp_upload',
      params: {
        ispId: PROVIDER_ISP_ID,
        userName: 'plain',
        randVal,
        pwdHash: passwordHash(ACCOUNT_PASSWORD, randVal),
        ...encodeBeianInfo({ name: 'bad1', xml }, plainZipMd5),
        dataSequence: 1,
      },
    });
    const res = await handler(body);
    assert.match(res.body, /msg_code&gt;0&lt;/);
    assert.equal(bureau.uploads.length, 1);
    assert.equal(bureau.uploads[0].data, null);
    assert.equal(bureau.uploads[0].fileName, 'bad1');
    const result = bureau.queue[0].data.ICP?.BAJG?.Jg_xx?.[0].Jgxx[0];
    assert.equal(result?.Jgdm, 5001);
    assert.deepEqual(events, [{ method: 'isp_upload', msgCode: 0, payloadSha256: bureau.uploads[0].payloadSha256 }]);
  });

  it('R-BUR-012 R-BUR-008: filing status and filing-password checks, and nothing personal in the logs (R-BUR-005)', async () => {
    logLines.length = 0;
    const { c } = client();
    assert.deepEqual(await c.queryFilingStatus(QueryConditionType.DOMAIN, 'example-shop.cn'), {
      filed: true,
      conditionType: 0,
      condition: 'example-shop.cn',
      subjectNumber: '粤ICP备18000001号',
      websiteNumber: '粤ICP备18000001号-1',
      websiteName: '示例商城',
    });
    assert.deepEqual(await c.queryFilingStatus(QueryConditionType.RESIDENT_ID_CARD, '110101199003077777'), {
      filed: false,
      conditionType: 2,
      condition: '110101199003077777',
    });
    assert.equal(await c.verifyFilingPassword('粤ICP备18000001号', 'Ab3dEf7hJk'), true);
    assert.equal(await c.verifyFilingPassword('粤ICP备18000001号', 'Wrong12345'), false);
    const limited = await refusal(c.verifyFilingPassword('粤ICP备18000001号', 'too-many'));
    assert.equal(limited.msgCode, 22);
    await c.upload(uploads.XZBA);

    const logs = JSON.stringify(logLines);
    for (const secret of [
      'Ab3dEf7hJk',
      'Wrong12345',
      ACCOUNT_PASSWORD,
      '110101199003077777',
      '张三',
      '示例',
      'example-shop.cn',
      'pwdHash',
    ]) {
      assert.ok(!logs.includes(secret), `log leaks ${secret}`);
    }
    const calls = logLines.filter((l) => (l as { msg: string }).msg === 'miit call') as Record<string, unknown>[];
    assert.ok(calls.length >= 6);
    for (const l of calls) {
      assert.equal(typeof l.method, 'string');
      assert.match(String(l.requestSha256), /^[0-9a-f]{64}$/);
      assert.equal(typeof l.msgCode, 'number');
    }
    const upload = calls.find((l) => l.method === 'isp_upload')!;
    assert.match(String(upload.payloadSha256), /^[0-9a-f]{64}$/);
  });
});
