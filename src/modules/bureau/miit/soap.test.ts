import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldReasonsOf, msgCodeInfo, msgCodes, resultCodeInfo, resultCodes } from './codes.ts';
import { MiitProtocolError } from './errors.ts';
import { readXsd } from './payloads/codegen.ts';
import {
  buildSoapFault,
  buildSoapRequest,
  buildSoapResponse,
  type MiitRequest,
  parseSoapRequest,
  parseSoapResponse,
  soapMethods,
} from './soap.ts';

const auth = { ispId: 110000000211, userName: 'provider', randVal: 'abcdefghijABCDEFGHIJ', pwdHash: 'x+y/z==' };

const requests: MiitRequest[] = [
  {
    method: 'isp_upload',
    params: {
      ...auth,
      beianInfo: 'UEsDBA==',
      beianInfoHash: 'AAAA',
      dataSequence: 42,
      encryptAlgorithm: 1,
      hashAlgorithm: 0,
      compressionFormat: 0,
    },
  },
  { method: 'isp_download', params: { ...auth, hashAlgorithm: 0 } },
  { method: 'isp_downloadack', params: { ...auth, hashAlgorithm: 0, fileName: 'D20260105001' } },
  { method: 'isp_querypreviousupload', params: { ...auth, hashAlgorithm: 0 } },
  {
    method: 'isp_querybeianstatus',
    params: { ...auth, hashAlgorithm: 0, queryConditionType: 0, queryCondition: 'example-shop.cn' },
  },
  { method: 'isp_verifybamm', params: { ...auth, hashAlgorithm: 0, baxh: '粤ICP备18000001号', bamm: 'a<b&c' } },
];

describe('R-BUR-001 MIIT SOAP 1.1 framing (spec 3-3)', () => {
  it('R-BUR-001: every method request builds with its parameters in prototype order and parses back typed', () => {
    for (const req of requests) {
      const xml = buildSoapRequest(req);
      const names = [...xml.matchAll(/<(\w+)>/g)].map((m) => m[1]);
      assert.deepEqual(
        names,
        soapMethods[req.method].params.map(([n]) => n),
        req.method,
      );
      assert.deepEqual(parseSoapRequest(xml), req);
    }
  });

  it('R-BUR-001: parsing ignores namespace prefixes and URIs (the WSDL namespace is not in the spec)', () => {
    const xml =
      '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Header/><S:Body>' +
      '<m:isp_download xmlns:m="urn:other"><ispId>7</ispId><userName>u</userName><randVal>r</randVal>' +
      '<pwdHash>p</pwdHash><hashAlgorithm>0</hashAlgorithm></m:isp_download></S:Body></S:Envelope>';
    assert.deepEqual(parseSoapRequest(xml), {
      method: 'isp_download',
      params: { ispId: 7, userName: 'u', randVal: 'r', pwdHash: 'p', hashAlgorithm: 0 },
    });
  });

  it('R-BUR-001: malformed requests are refused: unknown operation, missing or non-integer parameter, DOCTYPE', () => {
    const ok = buildSoapRequest(requests[1]);
    for (const bad of [
      ok.replace(/isp_download/g, 'isp_delete'),
      ok.replace('<hashAlgorithm>0</hashAlgorithm>', ''),
      ok.replace('<ispId>110000000211</ispId>', '<ispId>11a</ispId>'),
      `<!DOCTYPE x>${ok}`,
      'not xml at all',
    ]) {
      assert.throws(
        () => parseSoapRequest(bad),
        (e) => e instanceof MiitProtocolError && e.failure === 'MIIT_SOAP_MALFORMED',
      );
    }
  });

  it('R-BUR-001: the return document travels escaped inside <return> and comes back unchanged', () => {
    const ret =
      '<?xml version="1.0" encoding="UTF-8"?><return version="V.3.0"><msg_code>0</msg_code><msg>操作成功 & "ok"</msg></return>';
    const xml = buildSoapResponse('isp_downloadack', ret);
    assert.ok(!xml.includes('<msg_code>'));
    assert.equal(parseSoapResponse('isp_downloadack', xml), ret);
    assert.throws(() => parseSoapResponse('isp_download', xml), /no isp_downloadResponse/);
  });

  it('R-BUR-001: a SOAP Fault is surfaced as MIIT_SOAP_FAULT carrying its faultcode', () => {
    const xml = buildSoapFault('Client', 'bad request');
    assert.throws(
      () => parseSoapResponse('isp_upload', xml),
      (e) => e instanceof MiitProtocolError && e.failure === 'MIIT_SOAP_FAULT' && e.details?.faultcode === 'Client',
    );
  });
});

describe('R-BUR-001 MIIT code tables (spec 3-4, 3-5)', () => {
  it('R-BUR-001: msg_code table agrees with the list in every return XSD (codes 0–15, 999)', () => {
    for (const file of [
      '企业上报数据方法调用返回数据格式.xsd',
      '企业下载数据方法调用返回数据格式.xsd',
      '是否备案查询方法调用返回数据格式.xsd',
    ]) {
      const listed = [...readXsd(file).matchAll(/^(\d+)-(.+)$/gm)].map((m) => [Number(m[1]), m[2].trim()] as const);
      assert.ok(listed.length >= 17, file);
      for (const [code, zh] of listed) {
        const ours = msgCodes[code];
        assert.ok(ours, `${file}: msg_code ${code} missing`);
        // The XSD wording of 12 and 999 differs slightly from the spec table ("认证信息错误" / "其他错误").
        if (code !== 999 && code !== 12) assert.equal(ours.text.zh, zh, `msg_code ${code}`);
      }
    }
  });

  it('R-BUR-001: the V3.0 additions are present (22 password-check limit) and outcomes classify retries', () => {
    assert.match(msgCodeInfo(22).text.zh, /备案密码校验超过/);
    assert.equal(msgCodeInfo(902).outcome, 'retryLater');
    assert.equal(msgCodeInfo(15).outcome, 'retryLater');
    assert.equal(msgCodeInfo(5).outcome, 'refused');
    assert.equal(msgCodeInfo(123456).outcome, 'refused');
  });

  it('R-REJ-007 R-BUR-002: result codes that concern a field map to the XSD field and the rejection reason', () => {
    assert.equal(resultCodeInfo(1001).kind, 'approved');
    assert.equal(resultCodeInfo(1002).kind, 'rejected');
    assert.deepEqual(
      fieldReasonsOf([1002, 1005, 1018, 1065]).map((r) => [r.code, r.xsdField, r.reason]),
      [
        [1005, 'Wz_xx.Ym_xx.Ym', 'DOMAIN_CONFLICT'],
        [1018, 'ICPmm', 'FILING_PASSWORD_WRONG'],
        [1065, 'Zt_xx.Zj.Zjhm', 'BLACKLISTED'],
      ],
    );
    const reasons = new Set(
      'SUBJECT_INFO_INCOMPLETE WEBSITE_INFO_INCOMPLETE MATERIALS_NOT_AS_REQUIRED SUBJECT_CONFLICT DOMAIN_CONFLICT SERVER_INVALID FILING_PASSWORD_WRONG BLACKLISTED'.split(
        ' ',
      ),
    );
    for (const [code, info] of resultCodes) {
      if (info.reason) assert.ok(reasons.has(info.reason), `${code}: ${info.reason} is not an R-REJ-007 code`);
      assert.ok(info.text.zh && info.text.en, String(code));
    }
    // 1001–1068, 1999, 2001–2056, 2998–2999, 3001–3037, 3998–3999, 5001–5011, 5999.
    assert.equal(resultCodes.size, 178);
  });
});
