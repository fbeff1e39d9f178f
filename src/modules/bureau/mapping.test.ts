import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personDraft } from '../../../test/support/drafts.ts';
import type { FilingDraft, OrderType } from '../rules/draft.ts';
import { cityCodeFor, ipToLong, longToIp, PROVINCE_CODES, queryConditionOfZjlx } from './codes.ts';
import {
  buildOrderUpload,
  draftFieldOf,
  filingPasswordDigest,
  formatFinding,
  MappingError,
  parseFinding,
  readDownload,
  rejectionOf,
} from './mapping.ts';
import { buildUploadData, uploadData } from './miit/payloads/upload.ts';
import { bajgRejected } from './miit/testing/fixtures.ts';
import type { BureauSubmission, TargetSubject } from './port.ts';

const ISP = 110000000211;
const draft = personDraft('www.example-shop.cn') as unknown as FilingDraft;

const target: TargetSubject = {
  filingNumber: '粤ICP备26000001号',
  bureauId: 88000001,
  province: '广东',
  subject: draft.subject!,
  principal: draft.subjectPrincipal!,
  websites: [
    {
      filingNumber: '粤ICP备26000001号-1',
      bureauId: 88100001,
      data: draft.websites![0]!,
      accessBureauId: 88300001,
      domainIds: { 'www.example-shop.cn': 88200001 },
    },
  ],
};

function submission(
  orderType: OrderType,
  d: FilingDraft = draft,
  extra: Partial<BureauSubmission> = {},
): BureauSubmission {
  return { orderId: 'o1', orderType, ref: 100001, draft: { ...d, orderType }, target, ...extra };
}

describe('R-BUR-001 order → MIIT upload file', () => {
  const cases: [OrderType, Partial<FilingDraft>, string][] = [
    ['FIRST', {}, 'ICP.XZBA'],
    ['ADD_WEBSITE', { subjectFilingNumber: '粤ICP备26000001号' }, 'ICP.XZWZ'],
    ['ACCESS', { websites: [{ ...draft.websites![0]!, filingNumber: '浙ICP备18000002号-1' }] }, 'ICP.XZJR'],
    [
      'CHANGE_SUBJECT',
      {
        subject: { ...draft.subject, communicationAddress: { province: '广东', city: '广州市', detail: '新地址1号' } },
      },
      'ICP.BGBA',
    ],
    [
      'CHANGE_WEBSITE',
      { websites: [{ ...draft.websites![0]!, filingNumber: '粤ICP备26000001号-1', name: '新名字' }] },
      'ICP.BGBA',
    ],
    ['CHANGE_ACCESS', { websites: [{ filingNumber: '粤ICP备26000001号-1', accessIps: ['203.0.113.99'] }] }, 'ICP.BGBA'],
    ['CANCEL_SUBJECT', { subjectFilingNumber: '粤ICP备26000001号' }, 'ICP.ZXBA'],
    ['CANCEL_WEBSITE', { websites: [{ filingNumber: '粤ICP备26000001号-1' }] }, 'ICP.ZXBA'],
    ['CANCEL_ACCESS', { websites: [{ filingNumber: '粤ICP备26000001号-1' }] }, 'ICP.ZXBA'],
  ];
  for (const [type, patch, op] of cases)
    it(`${type} → ${op}, valid against 企业上报数据格式.xsd, with the keys its BAJG results will carry`, () => {
      const { data, resultKeys } = buildOrderUpload(
        submission(type, { ...draft, ...patch }, { filingPassword: 'Pw-123456' }),
        ISP,
      );
      const xml = buildUploadData(data);
      assert.deepEqual(uploadData.validate(data), []);
      const back = uploadData.parse(xml).data;
      assert.ok(back.ICP?.[op.split('.')[1] as 'XZBA'], op);
      assert.equal(back.ICP?.Qqdwid, ISP);
      assert.ok(resultKeys.length > 0 && resultKeys.every((k) => /^\d+:.+$/.test(k)));
    });

  it('R-BUR-003: FIRST uses the submission ref as IspZtid and ref·100+n for websites and access records', () => {
    const { data, resultKeys } = buildOrderUpload(submission('FIRST'), ISP);
    const rec = data.ICP!.XZBA!.Baxx[0]!;
    assert.equal(rec.Zt_xx.IspZtid, 100001);
    assert.equal(rec.Wz_xx[0]!.IspWzid, 10000101);
    assert.equal(rec.Wz_xx[0]!.Jr_xx[0]!.IspJrid, 10000101);
    assert.equal(rec.Wz_xx[0]!.Jr_xx[0]!.Ip_xx[0]!.Qsip, ipToLong('203.0.113.10'));
    assert.equal(rec.Zt_xx.Txdz.Shengid, 440000);
    assert.equal(rec.Zt_xx.Zj.Zjlx, 2, 'resident ID = query condition type 2');
    assert.deepEqual(resultKeys, ['1:100001']);
  });

  it('the same order gives byte-identical files (what lets a lost upload be recognised instead of resent)', () => {
    const a = buildUploadData(buildOrderUpload(submission('FIRST'), ISP).data);
    const b = buildUploadData(buildOrderUpload(submission('FIRST'), ISP).data);
    assert.equal(a, b);
  });

  it('R-BUR-005 R-BUR-008: ACCESS and CANCEL_SUBJECT need the password and carry only its MD5 digest (ICPmm)', () => {
    assert.throws(
      () => buildOrderUpload(submission('CANCEL_SUBJECT', { ...draft, subjectFilingNumber: '粤ICP备26000001号' }), ISP),
      (e) => e instanceof MappingError && e.reason === 'FILING_PASSWORD_REQUIRED',
    );
    const { data } = buildOrderUpload(submission('CANCEL_SUBJECT', draft, { filingPassword: 'Pw-123456' }), ISP);
    const xml = buildUploadData(data);
    assert.equal(data.ICP!.ZXBA!.Zx_xx[0]!.ICPmm, filingPasswordDigest('Pw-123456'));
    assert.ok(!xml.includes('Pw-123456'));
  });

  it("R-CHG-016: cancel access names this provider's access record (Jrid); refused when the website is not accessed here", () => {
    const { data } = buildOrderUpload(
      submission('CANCEL_ACCESS', { ...draft, websites: [{ filingNumber: '粤ICP备26000001号-1' }] }),
      ISP,
    );
    assert.deepEqual(data.ICP!.ZXBA!.Zx_xx[0], { Zxlb: 2, Jlid: 88300001, Zxly: 3 });
    const elsewhere = { ...target, websites: [{ ...target.websites[0]!, accessBureauId: null }] };
    assert.throws(
      () =>
        buildOrderUpload(
          {
            ...submission('CANCEL_ACCESS', { ...draft, websites: [{ filingNumber: '粤ICP备26000001号-1' }] }),
            target: elsewhere,
          },
          ISP,
        ),
      (e) => e instanceof MappingError && e.reason === 'NOT_ACCESSED_HERE',
    );
  });

  it('codes: province ids are GB/T 2260, the city comes from the ID number, IPs round-trip, licence codes query as type 1', () => {
    assert.equal(PROVINCE_CODES.浙江, 330000);
    assert.equal(cityCodeFor('广东', '440524188001010014'), 440500);
    assert.equal(cityCodeFor('广东', 'ABC'), 440100);
    assert.equal(longToIp(ipToLong('203.0.113.10')!), '203.0.113.10');
    assert.equal(ipToLong('256.0.0.1'), null);
    assert.equal(queryConditionOfZjlx(14), 1);
    assert.equal(queryConditionOfZjlx(12), undefined);
  });
});

describe('R-REJ-004 bureau findings → field-level reasons', () => {
  const two = { ...draft, websites: [draft.websites![0]!, draft.websites![0]!] } as FilingDraft;
  it('element paths map onto the draft fields the customer edits', () => {
    assert.equal(draftFieldOf('Wz_xx[1].Ym_xx[0].Ym', two), 'websites[1].domains[0]');
    assert.equal(draftFieldOf('Wz_xx.Ym_xx.Ym', draft), 'websites[0].domains');
    assert.equal(draftFieldOf('Wz_xx.Ym_xx.Ym', two), 'websites.domains');
    assert.equal(draftFieldOf('Wz_xx[0].Jr_xx[0].Ip_xx[0]', draft), 'websites[0].accessIps');
    assert.equal(draftFieldOf('Wz_xx[1].Wz_Fzr.Fzr_sjhm', two), 'websites[1].principal.mobile');
    assert.equal(draftFieldOf('Zt_xx.Fzr.Fzr_dzyj', draft), 'subjectPrincipal.email');
    assert.equal(draftFieldOf('Zt_xx.Zj.Zjhm', draft), 'subject.certificateNumber');
    assert.equal(draftFieldOf('Zt_xx.Txdz.Shengid', draft), 'province');
    assert.equal(draftFieldOf('Zt_xx', draft), 'subject');
    assert.equal(draftFieldOf('Ip_xx[0]', two, 1), 'websites[1].accessIps');
    assert.equal(draftFieldOf('ICPmm', draft), 'subjectFilingNumber');
  });

  it('the spec code table (fieldReasonsOf data) gives reason and field when the bureau writes free text', () => {
    const inbound = readDownload('F1', 'h', bajgRejected);
    const { reasons, photoFlagged } = rejectionOf(inbound.results, draft);
    assert.deepEqual(
      reasons.map((r) => [r.code, r.field]),
      [
        ['MIIT_1004', 'websites[0].domains'],
        ['BLACKLISTED', 'subject.certificateNumber'],
      ],
    );
    assert.equal(photoFlagged, false);
    assert.match(reasons[0]!.message, /无效域名/);
  });

  it('a tagged description keeps its reason and indexed path; photo reasons flag the photo (R-REJ-004 routing)', () => {
    const f = parseFinding(1002, formatFinding('PHOTO_SEASON', 'Fj', '照片着装与季节不符'));
    assert.deepEqual(f, { code: 1002, reason: 'PHOTO_SEASON', xsdPath: 'Fj', text: '照片着装与季节不符' });
    const { reasons, photoFlagged } = rejectionOf([{ key: '1:1', approved: false, findings: [f] }], draft);
    assert.deepEqual(
      reasons.map((r) => [r.code, r.field]),
      [['PHOTO_SEASON', 'materials']],
    );
    assert.ok(reasons[0]!.fix, 'the catalogue remedy comes along');
    assert.equal(photoFlagged, true);
  });

  it('a record rejected only because its sibling failed adds no reason', () => {
    const own = parseFinding(1018, formatFinding('FILING_PASSWORD_WRONG', 'ICPmm', '备案密码错误'));
    const sibling = parseFinding(
      1002,
      formatFinding('RELATED_RECORD_REJECTED', undefined, '同一申请中的其他记录未通过审核'),
    );
    const { reasons } = rejectionOf(
      [
        { key: '3:1', approved: false, findings: [own] },
        { key: '3:2', approved: false, findings: [sibling] },
      ],
      draft,
    );
    assert.deepEqual(
      reasons.map((r) => r.code),
      ['FILING_PASSWORD_WRONG'],
    );
  });
});
