import { createHash } from 'node:crypto';
import { msgCodeInfo } from './codes.ts';
import {
  type AesMaterial,
  decodeBeianInfo,
  decodeXmlDocument,
  type EncodedBeianInfo,
  EncryptAlgorithm,
  encodeBeianInfo,
  encodeXmlDocument,
  HashAlgorithm,
  plainZipMd5,
  RAND_VAL_LENGTH,
  verifyPasswordHash,
} from './envelope.ts';
import { MiitProtocolError } from './errors.ts';
import { type DownloadData, downloadData } from './payloads/download.ts';
import {
  downloadAckReturn,
  downloadReturn,
  type QueryBeianStatusReturn_StatusInfo,
  queryBeianStatusReturn,
  queryPreviousUploadReturn,
  uploadReturn,
  verifyBammReturn,
} from './payloads/returns.ts';
import { type UploadData, uploadData } from './payloads/upload.ts';
import type { PayloadIssue } from './payloads/xsd-model.ts';
import {
  buildSoapFault,
  buildSoapResponse,
  DEFAULT_SERVICE_NS,
  type MiitMethod,
  type MiitRequest,
  parseSoapRequest,
} from './soap.ts';

/**
 * The bureau side of the interface at the transport level, for the bureau simulator: SOAP in, SOAP out. It
 * authenticates every call (randVal + pwdHash), decodes the upload envelope, and hands the simulator typed calls;
 * it encodes download files and all answers. Business rules (sequence numbers, review, results) stay in the impl.
 *
 * Mount the returned function on the three service paths of spec 3-3-x-1 (any HTTP server): it dispatches on the
 * operation in the SOAP body.
 */

/** A provider account as the bureau keeps it. */
export interface MiitAccount {
  password: string;
  /** AES material issued to the provider; used to decrypt its uploads and, if `encryptDownloads`, encrypt downloads. */
  aes?: AesMaterial;
  encryptDownloads?: boolean;
}

export interface MiitCallContext {
  ispId: number;
  userName: string;
  account: MiitAccount;
}

export interface MiitUploadCall extends MiitCallContext {
  dataSequence: number;
  /** The data file name inside the ZIP (what isp_querypreviousupload reports back). */
  fileName: string;
  xml: string;
  /** SHA-256 of the file bytes as received. */
  payloadSha256: string;
  /**
   * The file parsed against 企业上报数据格式.xsd, or every departure from it. The spec's bureau accepts the file
   * (msg_code 0) and reports XSD failures later in the result download (code 5001), so both reach the impl.
   */
  payload: { ok: true; data: UploadData; version: string | undefined } | { ok: false; issues: PayloadIssue[] };
  /** The envelope exactly as received, to give back from isp_querypreviousupload. */
  received: EncodedBeianInfo;
}

/** An answer with a msg_code; `msg` defaults to the spec's text for the code. */
export interface MiitAnswer {
  msgCode: number;
  msg?: string;
}

export type MiitUploadAnswer = MiitAnswer & { missingSequences?: number[] };
export type MiitDownloadAnswer = MiitAnswer & { file?: { fileName: string; data: DownloadData } };
export type MiitPreviousUpload =
  | { dataSequence: 0 }
  | { dataSequence: number; fileName: string; received: EncodedBeianInfo };
export type MiitStatusAnswer = MiitAnswer & { status?: QueryBeianStatusReturn_StatusInfo };
export type MiitVerifyAnswer = MiitAnswer & { matches?: boolean };

export interface MiitServiceImpl {
  /** The account for (ispId, userName); undefined answers msg_code 4 (用户名错误). */
  account(ispId: number, userName: string): MiitAccount | undefined | Promise<MiitAccount | undefined>;
  upload(call: MiitUploadCall): Promise<MiitUploadAnswer>;
  /** The next file for this provider (msgCode 0/1/3 with a file), or msgCode 2 when there is none. */
  download(ctx: MiitCallContext): Promise<MiitDownloadAnswer>;
  ack(ctx: MiitCallContext, fileName: string): Promise<MiitAnswer>;
  queryPreviousUpload(ctx: MiitCallContext): Promise<MiitPreviousUpload>;
  queryFilingStatus(ctx: MiitCallContext, conditionType: number, condition: string): Promise<MiitStatusAnswer>;
  verifyFilingPassword(ctx: MiitCallContext, filingNumber: string, password: string): Promise<MiitVerifyAnswer>;
}

export interface MiitHttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface MiitSoapHandlerOptions {
  namespace?: string;
  /** Called for every call with method, msg_code and payload hash: never parameters or file contents. */
  onCall?: (event: {
    method: MiitMethod | 'unknown';
    msgCode?: number;
    payloadSha256?: string;
    fault?: string;
  }) => void;
}

const XML_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

function msgOf(code: number, msg?: string): string {
  return msg ?? msgCodeInfo(code).text.zh;
}

type Built = { xml: string; msgCode: number; payloadSha256?: string };

function simple(method: MiitMethod, code: number, msg?: string): Built {
  const codec = {
    isp_upload: uploadReturn,
    isp_download: downloadReturn,
    isp_downloadack: downloadAckReturn,
    isp_querypreviousupload: queryPreviousUploadReturn,
    isp_querybeianstatus: queryBeianStatusReturn,
    isp_verifybamm: verifyBammReturn,
  }[method];
  return { xml: codec.build({ msg_code: code, msg: msgOf(code, msg) }), msgCode: code };
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

function encodeFor(account: MiitAccount, name: string, xml: Buffer): EncodedBeianInfo {
  const encrypt = account.encryptDownloads === true && account.aes !== undefined;
  return encodeBeianInfo(
    { name, xml },
    { ...plainZipMd5, encryptAlgorithm: encrypt ? EncryptAlgorithm.AES_CBC_PKCS5 : EncryptAlgorithm.NONE },
    account.aes,
  );
}

async function dispatch(impl: MiitServiceImpl, req: MiitRequest): Promise<Built> {
  const p = req.params;
  if (p.randVal.length < RAND_VAL_LENGTH) return simple(req.method, 16);
  if (p.hashAlgorithm !== HashAlgorithm.MD5) return simple(req.method, 10);
  const account = await impl.account(p.ispId, p.userName);
  if (!account) return simple(req.method, 4);
  if (!verifyPasswordHash(account.password, p.randVal, p.pwdHash, p.hashAlgorithm)) return simple(req.method, 5);
  const ctx: MiitCallContext = { ispId: p.ispId, userName: p.userName, account };

  switch (req.method) {
    case 'isp_upload': {
      const q = req.params;
      const received: EncodedBeianInfo = {
        beianInfo: q.beianInfo,
        beianInfoHash: q.beianInfoHash,
        encryptAlgorithm: q.encryptAlgorithm as EncodedBeianInfo['encryptAlgorithm'],
        hashAlgorithm: q.hashAlgorithm as EncodedBeianInfo['hashAlgorithm'],
        compressionFormat: q.compressionFormat as EncodedBeianInfo['compressionFormat'],
      };
      let file: { name: string; xml: Buffer };
      try {
        file = decodeBeianInfo(received, account.aes);
      } catch (e) {
        // Envelope failures are answered at once with their msg_code (6 decrypt, 7 hash, 8 unzip, 9–11, 17, 18).
        if (e instanceof MiitProtocolError) return simple(req.method, e.msgCode);
        throw e;
      }
      let text = '';
      try {
        text = decodeXmlDocument(file.xml);
      } catch (e) {
        // Not text in its declared encoding: accepted, and reaches the impl as an XSD failure (result 5001).
        if (!(e instanceof MiitProtocolError)) throw e;
      }
      const parsed = uploadData.parseLenient(text, { facets: true });
      const payload: MiitUploadCall['payload'] =
        parsed.issues.length === 0 && parsed.doc
          ? { ok: true, data: parsed.doc.data, version: parsed.doc.version }
          : { ok: false, issues: parsed.issues };
      const payloadSha256 = sha256(file.xml);
      const answer = await impl.upload({
        ...ctx,
        dataSequence: q.dataSequence,
        fileName: file.name,
        xml: text,
        payloadSha256,
        payload,
        received,
      });
      const missing = answer.msgCode === 14 && answer.missingSequences?.length ? answer.missingSequences : undefined;
      return {
        xml: uploadReturn.build({
          msg_code: answer.msgCode,
          msg: msgOf(answer.msgCode, answer.msg),
          ...(missing ? { dataSequences: { dataSequence: missing.map(String) } } : {}),
        }),
        msgCode: answer.msgCode,
        payloadSha256,
      };
    }
    case 'isp_download': {
      const answer = await impl.download(ctx);
      if (!answer.file) return simple(req.method, answer.msgCode, answer.msg);
      const bytes = encodeXmlDocument(downloadData.build(answer.file.data));
      const encoded = encodeFor(account, answer.file.fileName, bytes);
      return {
        xml: downloadReturn.build({
          msg_code: answer.msgCode,
          msg: msgOf(answer.msgCode, answer.msg),
          fileInfos: {
            hashAlgorithm: encoded.hashAlgorithm,
            compressionFormat: encoded.compressionFormat,
            encryptAlgorithm: encoded.encryptAlgorithm,
            return_FileName: answer.file.fileName,
            beianInfo: encoded.beianInfo,
            beianInfoHash: encoded.beianInfoHash,
          },
        }),
        msgCode: answer.msgCode,
        payloadSha256: sha256(bytes),
      };
    }
    case 'isp_downloadack': {
      if (req.params.fileName.trim() === '') return simple(req.method, 21);
      const answer = await impl.ack(ctx, req.params.fileName);
      return simple(req.method, answer.msgCode, answer.msg);
    }
    case 'isp_querypreviousupload': {
      const prev = await impl.queryPreviousUpload(ctx);
      // Spec 3-3-4-3: before any upload the file is empty and the sequence is 0.
      const fileInfos =
        'received' in prev
          ? {
              hashAlgorithm: prev.received.hashAlgorithm,
              compressionFormat: prev.received.compressionFormat,
              encryptAlgorithm: prev.received.encryptAlgorithm,
              dataSequence: prev.dataSequence,
              return_FileName: prev.fileName,
              beianInfo: prev.received.beianInfo,
              beianInfoHash: prev.received.beianInfoHash,
            }
          : { ...plainZipMd5, dataSequence: 0, return_FileName: '', beianInfo: '', beianInfoHash: '' };
      return { xml: queryPreviousUploadReturn.build({ msg_code: 0, msg: msgOf(0), fileInfos }), msgCode: 0 };
    }
    case 'isp_querybeianstatus': {
      const answer = await impl.queryFilingStatus(ctx, req.params.queryConditionType, req.params.queryCondition);
      return {
        xml: queryBeianStatusReturn.build({
          msg_code: answer.msgCode,
          msg: msgOf(answer.msgCode, answer.msg),
          ...(answer.status ? { StatusInfo: answer.status } : {}),
        }),
        msgCode: answer.msgCode,
      };
    }
    case 'isp_verifybamm': {
      const answer = await impl.verifyFilingPassword(ctx, req.params.baxh, req.params.bamm);
      return {
        xml: verifyBammReturn.build({
          msg_code: answer.msgCode,
          msg: msgOf(answer.msgCode, answer.msg),
          ...(answer.matches === undefined ? {} : { VerifyRes: answer.matches ? 0 : 1 }),
        }),
        msgCode: answer.msgCode,
      };
    }
  }
}

/**
 * `(requestBody, headers) => { status, headers, body }`. A malformed SOAP request answers HTTP 500 with a Client
 * fault (SOAP 1.1 sends every fault with 500); an exception in the impl answers a Server fault.
 */
export function createMiitSoapHandler(impl: MiitServiceImpl, options: MiitSoapHandlerOptions = {}) {
  const ns = options.namespace ?? DEFAULT_SERVICE_NS;
  return async (
    requestBody: string,
    _headers: Record<string, string | string[] | undefined> = {},
  ): Promise<MiitHttpResponse> => {
    let req: MiitRequest;
    try {
      req = parseSoapRequest(requestBody);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      options.onCall?.({ method: 'unknown', fault: 'Client' });
      return { status: 500, headers: XML_HEADERS, body: buildSoapFault('Client', reason) };
    }
    try {
      const built = await dispatch(impl, req);
      options.onCall?.({ method: req.method, msgCode: built.msgCode, payloadSha256: built.payloadSha256 });
      return { status: 200, headers: XML_HEADERS, body: buildSoapResponse(req.method, built.xml, ns) };
    } catch (e) {
      options.onCall?.({ method: req.method, fault: 'Server' });
      const reason = e instanceof Error ? e.message : String(e);
      return { status: 500, headers: XML_HEADERS, body: buildSoapFault('Server', reason) };
    }
  };
}
