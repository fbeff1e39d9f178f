import { createHash } from 'node:crypto';
import { msgCodeInfo } from './codes.ts';
import {
  type AesMaterial,
  decodeBeianInfo,
  decodeXmlDocument,
  EncryptAlgorithm,
  encodeBeianInfo,
  encodeXmlDocument,
  HashAlgorithm,
  newRandVal,
  passwordHash,
  plainZipMd5,
} from './envelope.ts';
import { MiitProtocolError, miitError } from './errors.ts';
import { type DownloadData, downloadData } from './payloads/download.ts';
import {
  downloadAckReturn,
  downloadReturn,
  FilingState,
  type QueryConditionType,
  queryBeianStatusReturn,
  queryPreviousUploadReturn,
  type ReturnCodec,
  uploadReturn,
  VerifyResult,
  verifyBammReturn,
} from './payloads/returns.ts';
import { buildUploadData, type UploadData, uploadData } from './payloads/upload.ts';
import {
  buildSoapRequest,
  DEFAULT_SERVICE_NS,
  endpointPaths,
  type MiitEndpoint,
  type MiitMethod,
  type MiitRequest,
  parseSoapResponse,
  soapMethods,
  soapRequestHeaders,
} from './soap.ts';

/**
 * The provider side of the MIIT interface (spec section 3): one method per web-service call, over fetch, with
 * timeouts, retries on transport failures and idempotent uploads.
 *
 * Retries: a network error, a timeout or an HTTP 5xx (other than a SOAP Client fault) is retried with exponential
 * backoff. A definite answer — any msg_code, HTTP 4xx, a Client fault — is never repeated.
 *
 * Uploads are not idempotent at the bureau: each carries the next dataSequence and the bureau keeps what it
 * received. So an upload whose answer was lost is never simply re-sent: the client first asks
 * isp_querypreviousupload what the bureau last received, and if that is this payload (same file name, which is the
 * payload's SHA-256, or same content hash) it reports the upload as done instead of sending it again. The journal
 * carries the in-flight upload across a crash; a client without one reconciles on its first upload anyway, because it
 * does not know the sequence number yet.
 */

/** pino-compatible: `logger.info({ ...fields }, 'message')`. */
export interface MiitLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface MiitCredentials {
  /** ispId: the provider's id in the bureau system (also Qqdwid in upload files). */
  ispId: number;
  /** userName and password (口令) issued by the province bureau. */
  userName: string;
  password: string;
  /** AES key and IV (密钥偏移量) issued by the bureau; required to encrypt uploads or read encrypted downloads. */
  aes?: AesMaterial;
}

export interface PendingUpload {
  fileName: string;
  payloadSha256: string;
  dataSequence: number;
}

export interface UploadJournalState {
  /** The dataSequence the bureau last accepted from us; unknown until first synced. */
  lastSequence?: number;
  /** An upload sent (or about to be) whose answer has not been seen. */
  pending?: PendingUpload;
}

/** Where the client keeps its upload bookkeeping. Persist it (e.g. a DB row) so a restarted process can reconcile. */
export interface UploadJournal {
  load(): Promise<UploadJournalState>;
  save(state: UploadJournalState): Promise<void>;
}

export class MemoryUploadJournal implements UploadJournal {
  private state: UploadJournalState = {};
  async load(): Promise<UploadJournalState> {
    return structuredClone(this.state);
  }
  async save(state: UploadJournalState): Promise<void> {
    this.state = structuredClone(state);
  }
}

export interface MiitClientOptions {
  /** Bureau host, e.g. `http://bureau.example:8080`; the spec's service paths are appended. */
  baseUrl: string;
  /** Full URLs per service, overriding baseUrl + the spec paths. */
  endpoints?: Partial<Record<MiitEndpoint, string>>;
  credentials: MiitCredentials;
  /** Target namespace from the bureau's WSDL. */
  namespace?: string;
  /** Encrypt uploads (encryptAlgorithm 1). Default: when AES material is configured. */
  encryptUploads?: boolean;
  /** Per attempt. Default 30 s; uploads of large files may need more. */
  timeoutMs?: number;
  /** Extra attempts after the first, on transport failures. Default 3. */
  retries?: number;
  /** First backoff; doubles per attempt. Default 500 ms. */
  backoffMs?: number;
  logger?: MiitLogger;
  journal?: UploadJournal;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export interface UploadOutcome {
  dataSequence: number;
  fileName: string;
  payloadSha256: string;
  /** True when the bureau already had this payload (a lost answer, or a re-run after a crash) and nothing was sent. */
  alreadyAccepted: boolean;
}

export interface DownloadedFile {
  fileName: string;
  data: DownloadData;
  xml: string;
  payloadSha256: string;
  /** msg_code 3: the bureau has more files waiting. */
  more: boolean;
}

export interface PreviousUpload {
  dataSequence: number;
  /** The last file the bureau received from us; null before the first upload. */
  file: { fileName: string; xml: string; payloadSha256: string; data: UploadData | null } | null;
}

export type FilingStatus =
  | {
      filed: true;
      conditionType: number;
      condition: string;
      subjectNumber?: string;
      websiteNumber?: string;
      websiteName?: string;
    }
  | { filed: false; conditionType: number; condition: string };

class TransportError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const silentLogger: MiitLogger = { info: () => {}, warn: () => {} };

export class MiitClient {
  private readonly opts: Required<Pick<MiitClientOptions, 'timeoutMs' | 'retries' | 'backoffMs' | 'namespace'>> &
    MiitClientOptions;
  private readonly log: MiitLogger;
  private readonly journal: UploadJournal;
  private readonly fetchImpl: typeof fetch;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Uploads are strictly sequential (dataSequence); this chains them. */
  private uploadQueue: Promise<unknown> = Promise.resolve();

  constructor(options: MiitClientOptions) {
    this.opts = { timeoutMs: 30_000, retries: 3, backoffMs: 500, namespace: DEFAULT_SERVICE_NS, ...options };
    this.log = options.logger ?? silentLogger;
    this.journal = options.journal ?? new MemoryUploadJournal();
    this.fetchImpl = options.fetch ?? fetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Transport.

  private url(endpoint: MiitEndpoint): string {
    return this.opts.endpoints?.[endpoint] ?? `${this.opts.baseUrl.replace(/\/+$/, '')}${endpointPaths[endpoint]}`;
  }

  private authParams() {
    const randVal = newRandVal();
    const { ispId, userName, password } = this.opts.credentials;
    return { ispId, userName, randVal, pwdHash: passwordHash(password, randVal, HashAlgorithm.MD5) };
  }

  /** One HTTP exchange. Throws TransportError when the outcome is unknown or transient (retryable). */
  private async exchange(method: MiitMethod, body: string): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.opts.timeoutMs);
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(this.url(soapMethods[method].endpoint), {
        method: 'POST',
        headers: soapRequestHeaders(method),
        body,
        signal: controller.signal,
      });
      text = await res.text();
    } catch (e) {
      const why = controller.signal.aborted ? `timed out after ${this.opts.timeoutMs} ms` : (e as Error).message;
      throw new TransportError(why);
    } finally {
      clearTimeout(timer);
    }
    if (res.status >= 500) {
      // A SOAP Client fault is the service refusing this request: definite, not retried.
      if (/<(\w+:)?Fault[\s>]/.test(text) && /faultcode>\s*(\w+:)?Client/.test(text)) return text;
      throw new TransportError(`HTTP ${res.status}`, res.status);
    }
    if (res.status >= 400) {
      throw miitError(
        'MIIT_REFUSED',
        `管局接口拒绝请求（HTTP ${res.status}）`,
        `the bureau refused the request: HTTP ${res.status}`,
        {
          details: { httpStatus: res.status },
        },
      );
    }
    return text;
  }

  /**
   * One attempt: fresh randVal/pwdHash (in `request`), one HTTP exchange, the answer parsed. Throws TransportError
   * when the outcome is unknown or transient; any other error is a definite answer.
   */
  private async attempt<R extends { msg_code: number; msg: string }>(
    request: MiitRequest,
    codec: ReturnCodec<R>,
    meta: { payloadSha256?: string },
    attempt: number,
  ): Promise<R> {
    const body = buildSoapRequest(request, this.opts.namespace);
    // The request embeds a fresh randVal, so its hash correlates log lines without revealing any parameter.
    const fields = { method: request.method, requestSha256: sha256(body), ...meta, attempt };
    const started = Date.now();
    try {
      const text = await this.exchange(request.method, body);
      const ret = codec.parse(parseSoapResponse(request.method, text)).data;
      this.log.info({ ...fields, msgCode: ret.msg_code, ms: Date.now() - started }, 'miit call');
      return ret;
    } catch (e) {
      if (e instanceof TransportError) {
        this.log.warn(
          { ...fields, transport: e.message, httpStatus: e.status, ms: Date.now() - started },
          'miit call failed',
        );
      } else {
        const failure = e instanceof MiitProtocolError ? e.failure : 'error';
        this.log.warn({ ...fields, failure, ms: Date.now() - started }, 'miit call refused');
      }
      throw e;
    }
  }

  private unavailable(method: MiitMethod, attempts: number, e: Error): MiitProtocolError {
    return miitError(
      'MIIT_UNAVAILABLE',
      '管局接口暂不可用',
      `${method} failed after ${attempts} attempts: ${e.message}`,
      {
        details: { attempts },
      },
    );
  }

  private backoff(attempt: number): Promise<void> {
    return this.sleep(this.opts.backoffMs * 2 ** attempt);
  }

  /** A call that is safe to repeat: transport failures are retried with backoff, each time with fresh credentials. */
  private async invoke<R extends { msg_code: number; msg: string }>(
    makeRequest: () => MiitRequest,
    codec: ReturnCodec<R>,
    meta: { payloadSha256?: string } = {},
  ): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      const request = makeRequest();
      try {
        return await this.attempt(request, codec, meta, attempt);
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        if (attempt >= this.opts.retries) throw this.unavailable(request.method, attempt + 1, e);
      }
      await this.backoff(attempt);
    }
  }

  /** Turns a non-success msg_code into a typed error. */
  private refuse(method: MiitMethod, ret: { msg_code: number; msg: string }): never {
    const info = msgCodeInfo(ret.msg_code);
    throw miitError(
      info.outcome === 'retryLater' ? 'MIIT_UNAVAILABLE' : 'MIIT_REFUSED',
      `${method}：${ret.msg || info.text.zh}（${ret.msg_code}）`,
      `${method}: ${info.text.en} (msg_code ${ret.msg_code})`,
      { msgCode: ret.msg_code, details: { retryLater: info.outcome === 'retryLater' } },
    );
  }

  // -------------------------------------------------------------------------------------------------------------
  // isp_upload with reconciliation.

  /** Uploads one data file (isp_upload). Never submits the same payload twice in a row; see the class comment. */
  upload(payload: UploadData, options: { fileName?: string } = {}): Promise<UploadOutcome> {
    const run = this.uploadQueue.then(() => this.uploadNow(payload, options));
    this.uploadQueue = run.catch(() => {});
    return run;
  }

  private async uploadNow(payload: UploadData, options: { fileName?: string }): Promise<UploadOutcome> {
    const file = encodeXmlDocument(buildUploadData(payload));
    const payloadSha256 = sha256(file);
    // The file name doubles as the idempotency key: the bureau reports it back from isp_querypreviousupload.
    const fileName = options.fileName ?? payloadSha256;
    const mine = { fileName, payloadSha256 };
    const done = (dataSequence: number, alreadyAccepted: boolean): UploadOutcome => ({
      ...mine,
      dataSequence,
      alreadyAccepted,
    });

    let state = await this.journal.load();
    if (state.pending || state.lastSequence === undefined) {
      const sync = await this.reconcile(state, mine);
      if (sync.accepted !== null) return done(sync.accepted, true);
      state = sync.state;
    }

    const aes = this.opts.credentials.aes;
    const encrypt = this.opts.encryptUploads ?? aes !== undefined;
    const encoded = encodeBeianInfo(
      { name: fileName, xml: file },
      { ...plainZipMd5, encryptAlgorithm: encrypt ? EncryptAlgorithm.AES_CBC_PKCS5 : EncryptAlgorithm.NONE },
      aes,
    );

    let attempt = 0;
    let resynced = false;
    for (;;) {
      const dataSequence = (state.lastSequence ?? 0) + 1;
      // Written before sending: if the process dies now, the next run knows an upload may have gone out.
      await this.journal.save({ lastSequence: state.lastSequence, pending: { ...mine, dataSequence } });
      const request: MiitRequest = {
        method: 'isp_upload',
        params: { ...this.authParams(), ...encoded, dataSequence },
      };
      let ret: { msg_code: number; msg: string };
      try {
        ret = await this.attempt(request, uploadReturn, { payloadSha256 }, attempt);
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        if (attempt >= this.opts.retries) throw this.unavailable('isp_upload', attempt + 1, e);
        await this.backoff(attempt);
        attempt++;
        // The answer was lost, and maybe not the question: ask the bureau before sending the file again.
        const sync = await this.reconcile(state, mine);
        if (sync.accepted !== null) return done(sync.accepted, true);
        state = sync.state;
        continue;
      }
      if (ret.msg_code === 0) {
        await this.journal.save({ lastSequence: dataSequence });
        return done(dataSequence, false);
      }
      if (ret.msg_code === 14 && !resynced) {
        // Our sequence is out of step with the bureau's: learn its last sequence and try once more.
        resynced = true;
        const sync = await this.reconcile(state, mine);
        if (sync.accepted !== null) return done(sync.accepted, true);
        state = sync.state;
        continue;
      }
      // A definite refusal: the bureau did not take the file, so nothing is pending any more.
      await this.journal.save({ lastSequence: state.lastSequence });
      if (ret.msg_code === 14) {
        throw miitError('MIIT_OUT_OF_SEQUENCE', '数据编号与管局不一致', 'dataSequence still out of step after resync', {
          msgCode: 14,
        });
      }
      this.refuse('isp_upload', ret);
    }
  }

  /**
   * Asks the bureau what it last received and settles the journal: the pending upload (if any) either arrived or
   * did not; `accepted` is the sequence number when the bureau's last file is `mine`.
   */
  private async reconcile(
    state: UploadJournalState,
    mine: { fileName: string; payloadSha256: string },
  ): Promise<{ state: UploadJournalState; accepted: number | null }> {
    const prev = await this.queryPreviousUpload();
    const last = prev.file;
    const isMine = last !== null && (last.fileName === mine.fileName || last.payloadSha256 === mine.payloadSha256);
    const next: UploadJournalState = { lastSequence: prev.dataSequence };
    await this.journal.save(next);
    this.log.info(
      {
        method: 'isp_querypreviousupload',
        payloadSha256: mine.payloadSha256,
        lastSequence: prev.dataSequence,
        pendingSequence: state.pending?.dataSequence,
        alreadyAccepted: isMine,
      },
      'miit upload reconciled',
    );
    return { state: next, accepted: isMine ? prev.dataSequence : null };
  }

  // -------------------------------------------------------------------------------------------------------------
  // The other methods.

  /** isp_querypreviousupload: the last sequence number and file the bureau received from this provider. */
  async queryPreviousUpload(): Promise<PreviousUpload> {
    const ret = await this.invoke(
      () => ({ method: 'isp_querypreviousupload', params: { ...this.authParams(), hashAlgorithm: HashAlgorithm.MD5 } }),
      queryPreviousUploadReturn,
    );
    if (ret.msg_code !== 0) this.refuse('isp_querypreviousupload', ret);
    const info = ret.fileInfos;
    // Spec 3-3-4-3: before the first upload the file is empty and the sequence is 0.
    if (!info) return { dataSequence: 0, file: null };
    if (info.beianInfo === '') return { dataSequence: info.dataSequence, file: null };
    const file = decodeBeianInfo(info, this.opts.credentials.aes);
    const xml = decodeXmlDocument(file.xml);
    const parsed = uploadData.parseLenient(xml);
    return {
      dataSequence: info.dataSequence,
      file: {
        fileName: info.return_FileName || file.name,
        xml,
        payloadSha256: sha256(file.xml),
        data: parsed.issues.length === 0 && parsed.doc ? parsed.doc.data : null,
      },
    };
  }

  /**
   * isp_download: the next file the bureau has for us, or null (msg_code 2). The file is checked (hash, ZIP, XSD
   * structure) before it is returned; call `ack` once it is stored, or the bureau sends it again.
   */
  async download(): Promise<DownloadedFile | null> {
    const ret = await this.invoke(
      () => ({ method: 'isp_download', params: { ...this.authParams(), hashAlgorithm: HashAlgorithm.MD5 } }),
      downloadReturn,
    );
    if (ret.msg_code === 2) return null;
    if (![0, 1, 3].includes(ret.msg_code)) this.refuse('isp_download', ret);
    const info = ret.fileInfos;
    if (!info) {
      if (ret.msg_code === 1) return null;
      throw miitError(
        'MIIT_SOAP_MALFORMED',
        '下载返回缺少文件信息',
        `isp_download msg_code ${ret.msg_code} without fileInfos`,
      );
    }
    const file = decodeBeianInfo(info, this.opts.credentials.aes);
    const xml = decodeXmlDocument(file.xml);
    const payloadSha256 = sha256(file.xml);
    const data = downloadData.parse(xml).data;
    this.log.info({ method: 'isp_download', payloadSha256, fileName: info.return_FileName }, 'miit file received');
    return { fileName: info.return_FileName || file.name, data, xml, payloadSha256, more: ret.msg_code === 3 };
  }

  /** isp_downloadack for each file name, in order. */
  async ack(fileNames: string[]): Promise<void> {
    for (const fileName of fileNames) {
      const ret = await this.invoke(
        () => ({
          method: 'isp_downloadack',
          params: { ...this.authParams(), hashAlgorithm: HashAlgorithm.MD5, fileName },
        }),
        downloadAckReturn,
      );
      if (ret.msg_code !== 0) this.refuse('isp_downloadack', ret);
    }
  }

  /**
   * Downloads every waiting file: each is handed to `handle` and acknowledged only after `handle` resolves, so a
   * crash in between makes the bureau send it again rather than lose it.
   */
  async drain(handle: (file: DownloadedFile) => Promise<void>): Promise<number> {
    let n = 0;
    for (;;) {
      const file = await this.download();
      if (!file) return n;
      await handle(file);
      await this.ack([file.fileName]);
      n++;
      if (!file.more) return n;
    }
  }

  /** isp_querybeianstatus: whether a domain (type 0) or a certificate number (types 1–11) is filed. */
  async queryFilingStatus(conditionType: QueryConditionType, condition: string): Promise<FilingStatus> {
    const ret = await this.invoke(
      () => ({
        method: 'isp_querybeianstatus',
        params: {
          ...this.authParams(),
          hashAlgorithm: HashAlgorithm.MD5,
          queryConditionType: conditionType,
          queryCondition: condition,
        },
      }),
      queryBeianStatusReturn,
    );
    if (ret.msg_code !== 0) this.refuse('isp_querybeianstatus', ret);
    const s = ret.StatusInfo;
    if (!s) {
      throw miitError(
        'MIIT_SOAP_MALFORMED',
        '查询返回缺少StatusInfo',
        'isp_querybeianstatus answered without StatusInfo',
      );
    }
    if (Number(s.Bazt.trim()) !== FilingState.FILED)
      return { filed: false, conditionType: s.Cxtjlx, condition: s.Cxtj };
    return {
      filed: true,
      conditionType: s.Cxtjlx,
      condition: s.Cxtj,
      subjectNumber: s.Ztbah || undefined,
      websiteNumber: s.Wzbah || undefined,
      websiteName: s.Wzmc || undefined,
    };
  }

  /**
   * isp_verifybamm: true when `password` is the filing password of `filingNumber`. The password goes to the bureau
   * and nowhere else: it is not logged and not kept (R-BUR-005).
   */
  async verifyFilingPassword(filingNumber: string, password: string): Promise<boolean> {
    const ret = await this.invoke(
      () => ({
        method: 'isp_verifybamm',
        params: { ...this.authParams(), hashAlgorithm: HashAlgorithm.MD5, baxh: filingNumber, bamm: password },
      }),
      verifyBammReturn,
    );
    if (ret.msg_code !== 0) this.refuse('isp_verifybamm', ret);
    if (ret.VerifyRes === undefined) {
      throw miitError('MIIT_SOAP_MALFORMED', '校验返回缺少VerifyRes', 'isp_verifybamm answered without VerifyRes');
    }
    return ret.VerifyRes === VerifyResult.MATCH;
  }
}
