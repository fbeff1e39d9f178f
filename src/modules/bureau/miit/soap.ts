import { XMLParser } from 'fast-xml-parser';
import { miitError } from './errors.ts';

/**
 * SOAP 1.1 framing of the six web-service methods (spec 3-3-1 … 3-3-6). Each method takes scalar parameters named
 * as in the spec's Java prototypes and answers one string, `return`, holding the method's XML answer document.
 *
 * The spec gives the service addresses and prototypes but not the WSDL, so the target namespace is not known; it is
 * configurable, and parsing matches local names only, so either side accepts any namespace or prefix.
 */

export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
/** Default target namespace; set the real one from the bureau's WSDL when connecting to a real bureau. */
export const DEFAULT_SERVICE_NS = 'http://beian.miit.gov.cn/ispws';

type ParamType = 'long' | 'int' | 'string';

/** Service addresses of spec 3-3-x-1, relative to the bureau host. */
export const endpointPaths = {
  upDownLoad: '/ISPWebService/upDownLoad',
  queryBeianStatus: '/BeianStatusWebService/queryBeianStatus',
  verifyBamm: '/BeianStatusWebService/verifyBamm',
} as const;
export type MiitEndpoint = keyof typeof endpointPaths;

const auth = [
  ['ispId', 'long'],
  ['userName', 'string'],
  ['randVal', 'string'],
  ['pwdHash', 'string'],
] as const;

/** Parameters of each method, in prototype order (spec 3-3-x-2). */
export const soapMethods = {
  isp_upload: {
    endpoint: 'upDownLoad',
    params: [
      ...auth,
      ['beianInfo', 'string'],
      ['beianInfoHash', 'string'],
      ['dataSequence', 'long'],
      ['encryptAlgorithm', 'int'],
      ['hashAlgorithm', 'int'],
      ['compressionFormat', 'int'],
    ],
  },
  isp_download: { endpoint: 'upDownLoad', params: [...auth, ['hashAlgorithm', 'int']] },
  isp_downloadack: { endpoint: 'upDownLoad', params: [...auth, ['hashAlgorithm', 'int'], ['fileName', 'string']] },
  isp_querypreviousupload: { endpoint: 'upDownLoad', params: [...auth, ['hashAlgorithm', 'int']] },
  isp_querybeianstatus: {
    endpoint: 'queryBeianStatus',
    params: [...auth, ['hashAlgorithm', 'int'], ['queryConditionType', 'int'], ['queryCondition', 'string']],
  },
  isp_verifybamm: {
    endpoint: 'verifyBamm',
    params: [...auth, ['hashAlgorithm', 'int'], ['baxh', 'string'], ['bamm', 'string']],
  },
} as const satisfies Record<string, { endpoint: MiitEndpoint; params: readonly (readonly [string, ParamType])[] }>;

export type MiitMethod = keyof typeof soapMethods;

type ParamTuple = (typeof soapMethods)[MiitMethod]['params'][number];
type ValueOf<T extends ParamType> = T extends 'string' ? string : number;
type ParamsOf<M extends MiitMethod> = {
  [P in (typeof soapMethods)[M]['params'][number] as P[0]]: ValueOf<P[1]>;
};

export interface AuthParams {
  ispId: number;
  userName: string;
  randVal: string;
  pwdHash: string;
}
export type UploadParams = ParamsOf<'isp_upload'>;
export type DownloadParams = ParamsOf<'isp_download'>;
export type DownloadAckParams = ParamsOf<'isp_downloadack'>;
export type QueryPreviousUploadParams = ParamsOf<'isp_querypreviousupload'>;
export type QueryBeianStatusParams = ParamsOf<'isp_querybeianstatus'>;
export type VerifyBammParams = ParamsOf<'isp_verifybamm'>;

/** A parsed request, discriminated by method. */
export type MiitRequest = { [M in MiitMethod]: { method: M; params: ParamsOf<M> } }[MiitMethod];

export function isMiitMethod(name: string): name is MiitMethod {
  return Object.hasOwn(soapMethods, name);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function envelope(body: string, ns: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:ns="${escapeXml(ns)}">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

export function buildSoapRequest(req: MiitRequest, ns: string = DEFAULT_SERVICE_NS): string {
  const values = req.params as unknown as Record<string, string | number>;
  const parts = soapMethods[req.method].params.map(([name]: ParamTuple) => {
    const v = values[name];
    if (v === undefined) throw new TypeError(`${req.method}: parameter ${name} is missing`);
    return `<${name}>${escapeXml(String(v))}</${name}>`;
  });
  return envelope(`<ns:${req.method}>${parts.join('')}</ns:${req.method}>`, ns);
}

export function buildSoapResponse(method: MiitMethod, returnXml: string, ns: string = DEFAULT_SERVICE_NS): string {
  return envelope(`<ns:${method}Response><return>${escapeXml(returnXml)}</return></ns:${method}Response>`, ns);
}

/** SOAP 1.1 fault; `Client` = the request is at fault (do not repeat it), `Server` = the service failed. */
export function buildSoapFault(faultcode: 'Client' | 'Server', faultstring: string): string {
  return envelope(
    `<soapenv:Fault><faultcode>soapenv:${faultcode}</faultcode><faultstring>${escapeXml(faultstring)}</faultstring></soapenv:Fault>`,
    DEFAULT_SERVICE_NS,
  );
}

const soapParser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  isArray: () => false,
});

function malformed(en: string): never {
  throw miitError('MIIT_SOAP_MALFORMED', 'SOAP报文格式错误', en);
}

function soapBody(xml: string): Record<string, unknown> {
  if (/<!DOCTYPE/i.test(xml)) malformed('DOCTYPE is not allowed in a SOAP message');
  let doc: Record<string, unknown>;
  try {
    doc = soapParser.parse(xml) as Record<string, unknown>;
  } catch (e) {
    malformed(`not XML: ${(e as Error).message}`);
  }
  const env = doc.Envelope as Record<string, unknown> | undefined;
  const body = env?.Body;
  if (!body || typeof body !== 'object') malformed('no SOAP Envelope/Body');
  return body as Record<string, unknown>;
}

function textOf(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && '#text' in (v as Record<string, unknown>))
    return String((v as Record<string, unknown>)['#text']);
  if (typeof v === 'object' && Object.keys(v as object).length === 0) return '';
  return String(v);
}

/** Server side: which method, with which typed parameters. */
export function parseSoapRequest(xml: string): MiitRequest {
  const body = soapBody(xml);
  const names = Object.keys(body).filter((k) => k !== '#text');
  if (names.length !== 1) malformed(`the SOAP Body must hold one operation, found ${names.length}`);
  const method = names[0];
  if (!isMiitMethod(method)) malformed(`unknown operation ${method}`);
  const raw = (body[method] ?? {}) as Record<string, unknown>;
  const params: Record<string, string | number> = {};
  for (const [name, type] of soapMethods[method].params as readonly (readonly [string, ParamType])[]) {
    const text = textOf(raw[name]);
    if (text === undefined) malformed(`${method}: parameter ${name} is missing`);
    if (type === 'string') params[name] = text;
    else {
      const t = text.trim();
      if (!/^[+-]?\d+$/.test(t) || !Number.isSafeInteger(Number(t)))
        malformed(`${method}: parameter ${name} must be an integer`);
      params[name] = Number(t);
    }
  }
  return { method, params } as MiitRequest;
}

/** Client side: the `return` string of a response, or MIIT_SOAP_FAULT when the service answered with a Fault. */
export function parseSoapResponse(method: MiitMethod, xml: string): string {
  const body = soapBody(xml);
  const fault = body.Fault as Record<string, unknown> | undefined;
  if (fault) {
    const code = textOf(fault.faultcode) ?? '';
    const reason = textOf(fault.faultstring) ?? '';
    throw miitError('MIIT_SOAP_FAULT', `SOAP错误：${reason}`, `SOAP fault ${code}: ${reason}`, {
      details: { faultcode: code.replace(/^.*:/, '') },
    });
  }
  const response = body[`${method}Response`] as Record<string, unknown> | undefined;
  if (!response || typeof response !== 'object') malformed(`no ${method}Response in the SOAP Body`);
  const ret = textOf(response.return);
  if (ret === undefined) malformed(`${method}Response has no return`);
  return ret;
}

/** Headers of a SOAP 1.1 request for `method`. */
export function soapRequestHeaders(method: MiitMethod): Record<string, string> {
  return { 'content-type': 'text/xml; charset=utf-8', soapaction: `"${method}"` };
}
