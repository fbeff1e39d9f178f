import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkFiling } from './check.ts';
import type { AuthCodeFacts, CheckContext, OpenOrderFacts } from './context.ts';
import type { FilingDraft, PreApproval } from './draft.ts';
import { detectOrderType } from './order-type.ts';
import { provinceTable } from './provinces/table.ts';
import {
  codesOf,
  ctx,
  filedSubject,
  filedWebsite,
  H1,
  ID_WW,
  OLD_REG_1,
  orgDraft,
  orgWebsite,
  personalDraft,
  personalWebsite,
  principalUse,
  S1,
  server,
  USCC_1,
  USCC_2,
  USCC_3,
  violationsOf,
  张三,
  李四,
  王五,
} from './test-fixtures.ts';
import { residentIdCheckChar } from './validators/resident-id.ts';

/**
 * The scenarios of faq-cases.jsonl whose outcome is a validation result of the rules engine (§15 conventions).
 * Each test names its FAQ- id and the R- ids it exercises.
 */

const has = (d: FilingDraft, c: CheckContext, code: string) => codesOf(d, c).includes(code);
const blocks = (d: FilingDraft, c: CheckContext) => checkFiling(d, c).blocking;
const open = (over: Partial<OpenOrderFacts>): OpenOrderFacts => ({
  id: 'O-1',
  provider: 'HERE',
  accountId: 'A',
  orderType: 'FIRST',
  state: 'DRAFT',
  atBureau: false,
  domains: [],
  ...over,
});
const code = (over: Partial<AuthCodeFacts> = {}): AuthCodeFacts => ({
  code: 'AC-1',
  state: 'AVAILABLE',
  server: S1,
  generatedByAccountId: 'A',
  ...over,
});
const company2 = (d: FilingDraft): FilingDraft => ({
  ...d,
  subject: { ...d.subject, name: '广州另一科技有限公司', certificateNumber: USCC_2 },
});
const travel = filedSubject({
  filingNumber: '浙ICP备18000002号',
  name: '杭州示例旅游有限公司',
  certificateNumber: USCC_3,
  province: '浙江',
  accessedHere: false,
  accountId: 'B',
});
const travelSite = (n = 1, domain = 'example-travel.cn') =>
  filedWebsite({
    filingNumber: `浙ICP备18000002号-${n}`,
    subjectFilingNumber: '浙ICP备18000002号',
    name: `示例旅游${n}`,
    domains: [domain],
    accessedHere: false,
    otherAccessProviders: 1,
    principal: undefined,
  });
const travelDraft = (over: Partial<FilingDraft> = {}) => {
  const d = orgDraft({ orderType: 'ACCESS', province: '浙江', subjectFilingNumber: '浙ICP备18000002号', ...over });
  d.subject = {
    ...d.subject,
    name: '杭州示例旅游有限公司',
    certificateNumber: USCC_3,
    certificateAddress: '浙江省杭州市西湖区示例路2号',
    communicationAddress: { province: '浙江', city: '杭州', detail: '西湖区示例路2号' },
  };
  return d;
};
const travelCtx = (sites = [travelSite()]) =>
  ctx({
    account: { id: 'B', subject: { certificateNumber: USCC_3, type: 'ENTERPRISE' } },
    servers: [server({ id: 'S2', publicIpv4: '203.0.113.10', accountId: 'B' })],
    registry: { subjects: [travel], websites: sites },
  });

describe('faq-cases: accounts, servers and authorisation codes', () => {
  test('FAQ-018 R-ACC-006: no server and no code → NO_AVAILABLE_RESOURCE offering both remedies', () => {
    const d = personalDraft({
      subject: { ...personalDraft().subject, name: '王五', certificateNumber: ID_WW },
      subjectPrincipal: { ...王五 },
    });
    const v = violationsOf(d, ctx({ account: { id: 'C' }, servers: [] }), 'R-ACC-006');
    assert.match(v[0].message.zh, /暂无可用资源/);
    assert.match(v[0].fix?.zh ?? '', /3 个月/);
    assert.match(v[0].fix?.zh ?? '', /授权码/);
  });
  test('FAQ-020 R-ACC-001 R-ACC-003: a second company in account A is refused; B files it while A adds a website', () => {
    const a = ctx({ account: { id: 'A', subject: { certificateNumber: USCC_1, type: 'ENTERPRISE' } } });
    assert.ok(has(company2(orgDraft()), a, 'ACCOUNT_HAS_OTHER_SUBJECT'));
    const b = ctx({
      account: { id: 'B' },
      openOrders: [open({ id: 'OA', orderType: 'ADD_WEBSITE', subjectCertificateNumber: USCC_1 })],
    });
    assert.equal(blocks(company2(orgDraft()), b), false);
  });
  test('FAQ-024 R-WEB-008 R-ACC-006: a domain from another domestic registrar files normally', () => {
    assert.deepEqual(
      codesOf(
        personalDraft(),
        ctx({
          domains: {
            'example-zs.cn': {
              registrar: '其他注册商',
              domesticQualified: true,
              realNameVerifiedOn: '2018-10-08',
              registrantName: '张三',
              registrantType: 'PERSONAL',
            },
          },
        }),
      ),
      [],
    );
  });
  test('FAQ-026 R-ACC-008 R-ACC-009 R-ACC-006: a pay-as-you-go trial is refused; prepaid 2018-11-05..2019-02-05 passes', () => {
    const trial = ctx({ servers: [server({ id: 'T1', billing: 'PAY_AS_YOU_GO' })] });
    assert.match(violationsOf(personalDraft(), trial, 'R-ACC-006')[0].message.zh, /按量计费/);
    const converted = ctx({ servers: [server({ id: 'T1', purchasedOn: '2018-11-05', expiresOn: '2019-02-05' })] });
    assert.deepEqual(codesOf(personalDraft(), converted, 'R-ACC-006'), []);
  });
  test('FAQ-030 R-ACC-020 R-WEB-020 R-ACC-016: account B files USCC-1 with code AC-1; the access IP is S1’s', () => {
    const d = orgDraft({ authCode: 'AC-1' });
    const c = ctx({ account: { id: 'B' }, servers: [], authCode: code() });
    assert.equal(blocks(d, c), false);
    assert.deepEqual(
      d.websites?.map((w) => w.accessIps),
      [['203.0.113.10']],
    );
  });
  test('FAQ-033 R-ACC-006 R-ACC-007: only a Hong Kong server → refused with the no-filing note; a new mainland server passes', () => {
    const v = violationsOf(personalDraft(), ctx({ servers: [H1] }), 'R-ACC-006');
    assert.match(v[0].message.zh, /无需备案/);
    const s13 = server({ id: 'S13', publicIpv4: '203.0.113.22' });
    const d = personalDraft({ websites: [personalWebsite({ accessIps: ['203.0.113.22'], serverIds: ['S13'] })] });
    assert.equal(blocks(d, ctx({ servers: [H1, s13] })), false);
  });
  test('FAQ-036 R-WEB-001 R-ACC-001: three websites in one FIRST order; the other company goes through account B', () => {
    const three = orgDraft({
      websites: ['a', 'b', 'c'].map((x) => orgWebsite({ name: `示例科技${x}站`, domains: [`example-${x}.cn`] })),
    });
    assert.equal(blocks(three, ctx()), false);
    const a = ctx({ account: { id: 'A', subject: { certificateNumber: USCC_1, type: 'ENTERPRISE' } } });
    assert.ok(
      has(
        company2(orgDraft({ websites: [orgWebsite({ domains: ['example-d.cn'] })] })),
        a,
        'ACCOUNT_HAS_OTHER_SUBJECT',
      ),
    );
  });
  test('FAQ-044 R-ACC-001 R-ORD-007: account A (personal 张三, order in flight) cannot start the company', () => {
    const c = ctx({
      account: {
        id: 'A',
        subject: { certificateNumber: personalDraft().subject?.certificateNumber ?? '', type: 'PERSONAL' },
      },
      openOrders: [open({ state: 'PENDING_INITIAL_REVIEW' })],
    });
    const v = violationsOf(orgDraft(), c).filter((x) => x.code === 'ACCOUNT_HAS_OTHER_SUBJECT');
    assert.ok(v.length === 1 && /账号/.test(v[0].fix?.zh ?? ''));
  });
  test('FAQ-046 R-ACC-001 R-ACC-002: account A (personal) refused for the company; a new account B passes as FIRST', () => {
    const a = ctx({ account: { id: 'A', subject: { certificateNumber: 'P', type: 'PERSONAL' } } });
    assert.ok(has(orgDraft(), a, 'ACCOUNT_HAS_OTHER_SUBJECT'));
    assert.equal(blocks(orgDraft(), ctx({ account: { id: 'B' } })), false);
  });
  test('FAQ-061 R-ACC-001 R-ACC-002: a filed personal account cannot add a company; advice names a new account and a code', () => {
    const v = violationsOf(
      orgDraft(),
      ctx({ account: { id: 'A', subject: { certificateNumber: 'P', type: 'PERSONAL', name: '张三' } } }),
      'R-ACC-002',
    );
    assert.match(v[0].fix?.zh ?? '', /账号/);
    assert.match(v[0].fix?.zh ?? '', /授权码/);
  });
  test('FAQ-073 R-ACC-011 R-ACC-006: a server without a public IP is refused; with an elastic IP it passes', () => {
    assert.match(
      violationsOf(personalDraft(), ctx({ servers: [server({ id: 'S11', publicIpv4: null })] }), 'R-ACC-006')[0].message
        .zh,
      /公网/,
    );
    assert.equal(blocks(personalDraft(), ctx({ servers: [server({ id: 'S11' })] })), false);
  });
  test('FAQ-075 FAQ-079 FAQ-081 R-ACC-004: USCC-1 bound to account A is refused in B with the masked account and the transfer option', () => {
    const c = ctx({
      account: { id: 'B', uin: '100000000002' },
      registry: { subjects: [filedSubject()], websites: [filedWebsite()] },
    });
    const v = violationsOf(
      orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] }),
      c,
      'R-ACC-004',
    );
    assert.match(v[0].message.zh, /证件已在其他账号下有备案记录（账号 1000\*\*\*\*0001）/);
    assert.match(v[0].fix?.zh ?? '', /备案转移/);
    const viaDomain = violationsOf(orgDraft({ orderType: 'ADD_WEBSITE' }), c, 'R-ACC-004');
    assert.equal(viaDomain[0]?.code, 'SUBJECT_BOUND_TO_OTHER_ACCOUNT');
    const afterTransfer = ctx({
      account: { id: 'B' },
      registry: {
        subjects: [filedSubject({ accountId: 'B', accountUin: '100000000002' })],
        websites: [filedWebsite()],
      },
    });
    assert.deepEqual(
      codesOf(
        orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] }),
        afterTransfer,
        'R-ACC-004',
      ),
      [],
    );
  });
  test('FAQ-241 R-ACC-021 R-ACC-023: an abandoned code is AVAILABLE again; a consumed one is AUTH_CODE_INVALID', () => {
    const d = personalDraft({ authCode: 'AC-6' });
    assert.equal(blocks(d, ctx({ account: { id: 'C' }, servers: [], authCode: code({ code: 'AC-6' }) })), false);
    assert.ok(
      has(
        d,
        ctx({ account: { id: 'D' }, servers: [], authCode: code({ code: 'AC-6', state: 'CONSUMED' }) }),
        'AUTH_CODE_INVALID',
      ),
    );
  });
  test('FAQ-242 R-ACC-022 R-ACC-021: a RESERVED code is CODE_IN_USE until the holder abandons', () => {
    const d = personalDraft({ authCode: 'AC-8' });
    assert.ok(
      has(
        d,
        ctx({ account: { id: 'C' }, servers: [], authCode: code({ state: 'RESERVED', reservedByOrderId: 'OB' }) }),
        'CODE_IN_USE',
      ),
    );
    assert.equal(blocks(d, ctx({ account: { id: 'C' }, servers: [], authCode: code() })), false);
  });
  test('FAQ-243 R-ACC-023 R-ACC-021: a code whose server expired on 2018-11-01 is invalid, saying the server expired', () => {
    const v = violationsOf(
      personalDraft({ authCode: 'AC-7' }),
      ctx({
        account: { id: 'B' },
        servers: [],
        authCode: code({ server: server({ id: 'S9', purchasedOn: '2018-08-01', expiresOn: '2018-11-01' }) }),
      }),
      'R-ACC-023',
    );
    assert.match(v[0].message.zh, /备案授权码无效.*服务器已过期/);
  });
});

describe('faq-cases: subject and principals', () => {
  test('FAQ-038 R-SUB-001: a foreign company certificate is refused; message names a mainland branch and HK servers', () => {
    const d = orgDraft();
    d.subject = {
      ...d.subject,
      name: 'Example Pte. Ltd.',
      certificateType: 'FOREIGN_REGISTRATION',
      certificateNumber: '201812345K',
    };
    const v = violationsOf(d, ctx()).find((x) => x.code === 'FOREIGN_ORG_NOT_ALLOWED');
    assert.match(v?.fix?.zh ?? '', /分公司.*香港/);
  });
  test('FAQ-064 R-SUB-023 R-SUB-019: 张三 is website principal of one company (same mobile ok) but not of a second', () => {
    const zsUse = principalUse({
      subjectCertificateNumber: 'ZS',
      subjectName: '张三',
      subjectType: 'PERSONAL',
      name: '张三',
      certificateNumber: 张三.certificateNumber ?? '',
      mobile: 张三.mobile,
    });
    const b = orgDraft({ websites: [orgWebsite({ principal: { ...张三 } })] });
    assert.equal(
      blocks(b, ctx({ account: { id: 'B' }, registry: { subjects: [], websites: [], principals: [zsUse] } })),
      false,
    );
    const bUse = principalUse({
      role: 'WEBSITE',
      name: '张三',
      certificateNumber: 张三.certificateNumber ?? '',
      mobile: 张三.mobile,
    });
    const c = company2(orgDraft({ websites: [orgWebsite({ domains: ['example-other.cn'], principal: { ...张三 } })] }));
    assert.ok(
      has(
        c,
        ctx({ account: { id: 'C' }, registry: { subjects: [], websites: [], principals: [zsUse, bUse] } }),
        'WEBSITE_PRINCIPAL_MULTI_COMPANY',
      ),
    );
  });
  test('FAQ-098 R-SUB-023 R-SUB-019: 张三’s own personal subject plus website principal of one company is accepted', () => {
    const zsUse = principalUse({
      subjectCertificateNumber: 'ZS',
      subjectName: '张三',
      subjectType: 'PERSONAL',
      name: '张三',
      certificateNumber: 张三.certificateNumber ?? '',
      mobile: 张三.mobile,
    });
    assert.equal(
      blocks(
        orgDraft({ websites: [orgWebsite({ principal: { ...张三 } })] }),
        ctx({ account: { id: 'B' }, registry: { subjects: [], websites: [], principals: [zsUse] } }),
      ),
      false,
    );
  });
  test('FAQ-065 R-SUB-006 R-SUB-008: the company cannot choose 北京; 广东省广州市天河区 passes; 张三 in 广东 passes', () => {
    assert.ok(has(orgDraft({ province: '北京' }), ctx(), 'REGION_NOT_CERT_PROVINCE'));
    assert.deepEqual(codesOf(orgDraft(), ctx(), 'R-SUB-006'), []);
    assert.deepEqual(codesOf(personalDraft(), ctx(), 'R-SUB-008'), []);
  });
  test('FAQ-084 R-SUB-007 R-SUB-006: head office with a 浙江 address is refused; the 杭州 branch files in 浙江', () => {
    const head = orgDraft();
    head.subject = {
      ...head.subject,
      communicationAddress: { province: '浙江', city: '杭州', district: '西湖区', detail: '示例路2号' },
    };
    assert.ok(has(head, ctx(), 'ADDRESS_PROVINCE_MISMATCH'));
    const branch = orgDraft({ province: '浙江' });
    branch.subject = {
      ...head.subject,
      name: '广州示例科技有限公司杭州分公司',
      certificateNumber: USCC_3,
      certificateAddress: '浙江省杭州市西湖区示例路2号',
      branchOf: { name: '广州示例科技有限公司', legalRepresentativeName: '李四' },
    };
    assert.deepEqual(
      codesOf(branch, ctx()).filter((x) => x === 'ADDRESS_PROVINCE_MISMATCH' || x === 'REGION_NOT_CERT_PROVINCE'),
      [],
    );
  });
  test('FAQ-067 R-ORD-005 R-SUB-005: entering USCC-1 for a domain filed under the old number gives the 情况二 guidance', () => {
    const old = filedSubject({
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: OLD_REG_1,
      accessedHere: false,
      accountId: 'A',
    });
    const c = ctx({
      registry: { subjects: [old], websites: [filedWebsite({ accessedHere: false, otherAccessProviders: 1 })] },
    });
    const v = violationsOf(orgDraft({ orderType: 'ACCESS' }), c).find((x) => x.code === 'DOMAIN_ALREADY_FILED');
    assert.equal(v?.rule, 'R-ORD-005');
    const withOld = orgDraft({
      orderType: 'ACCESS',
      subjectFilingNumber: old.filingNumber,
      websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1' })],
    });
    withOld.subject = {
      ...withOld.subject,
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: OLD_REG_1,
      uploadedCertificateNumber: USCC_1,
    };
    assert.equal(
      detectOrderType(
        { certificateNumber: OLD_REG_1, subjectName: '广州示例科技有限公司', domains: ['example-shop.cn'] },
        c,
      ).type,
      'ACCESS',
    );
    assert.deepEqual(
      codesOf(withOld, c).filter((x) =>
        ['DOMAIN_ALREADY_FILED', 'WRONG_ORDER_TYPE', 'CERT_NUMBER_NOT_ON_RECORD', 'CERT_NUMBER_INVALID'].includes(x),
      ),
      [],
    );
  });
  test('FAQ-078 R-SUB-005 R-ORD-004: the old number is recognised as a without-subject ACCESS, keeping both numbers', () => {
    const old = filedSubject({
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: OLD_REG_1,
      accessedHere: false,
    });
    const det = detectOrderType(
      { certificateNumber: OLD_REG_1, domains: ['example-shop.cn'] },
      { registry: { subjects: [old], websites: [filedWebsite({ accessedHere: false })] } },
    );
    assert.deepEqual([det.type, det.variant], ['ACCESS', 'without-subject']);
  });
  test('FAQ-139 R-SUB-005: a without-subject ADD_WEBSITE with the old number passes the certificate check in group A', () => {
    const hz = filedSubject({
      filingNumber: '浙ICP备18000005号',
      name: '杭州示例有限公司',
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: '330100000000001',
      latestCertificateNumber: USCC_3,
      province: '浙江',
      accessedHere: false,
      communicationAddress: { province: '浙江', detail: '杭州市示例路5号' },
    });
    const d = orgDraft({
      orderType: 'ADD_WEBSITE',
      province: '浙江',
      websites: [orgWebsite({ domains: ['example-hz-new.cn'] })],
    });
    d.subject = {
      ...d.subject,
      name: '杭州示例有限公司',
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: '330100000000001',
      uploadedCertificateNumber: USCC_3,
      certificateAddress: '浙江省杭州市示例路5号',
      communicationAddress: { province: '浙江', detail: '杭州市示例路5号' },
    };
    const c = ctx({ registry: { subjects: [hz], websites: [] } });
    assert.equal(
      detectOrderType({ certificateNumber: '330100000000001', domains: ['example-hz-new.cn'] }, c).variant,
      'without-subject',
    );
    assert.equal(blocks(d, c), false, JSON.stringify(codesOf(d, c)));
  });
  test('FAQ-085 R-SUB-004 R-CHG-006: with-subject ADD_WEBSITE under the old number → CERT_CHANGE_REQUIRED; after the change it passes', () => {
    const d = orgDraft({
      orderType: 'ADD_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [orgWebsite({ domains: ['example-new.cn'] })],
    });
    d.subject = { ...d.subject, certificateType: 'BUSINESS_REGISTRATION', certificateNumber: OLD_REG_1 };
    const before = ctx({
      registry: {
        subjects: [
          filedSubject({
            certificateType: 'BUSINESS_REGISTRATION',
            certificateNumber: OLD_REG_1,
            latestCertificateNumber: USCC_1,
          }),
        ],
        websites: [filedWebsite()],
      },
    });
    assert.ok(has(d, before, 'CERT_CHANGE_REQUIRED'));
    const after = ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } });
    assert.equal(
      blocks(
        orgDraft({
          orderType: 'ADD_WEBSITE',
          subjectFilingNumber: '粤ICP备18000001号',
          websites: [orgWebsite({ domains: ['example-new.cn'] })],
        }),
        after,
      ),
      false,
    );
  });
  test('FAQ-087 R-SUB-009: an address without house number is flagged until the remark explains it', () => {
    const d = orgDraft();
    d.subject = {
      ...d.subject,
      communicationAddress: { province: '广东', city: '广州', district: '天河区', detail: '示例村' },
    };
    assert.ok(has(d, ctx(), 'SUBJECT_INFO_INCOMPLETE'));
    d.subject = { ...d.subject, remark: '通信地址已为最详细地址' };
    assert.ok(!has(d, ctx(), 'SUBJECT_INFO_INCOMPLETE'));
  });
  test('FAQ-088 R-SUB-016: a 北京 mobile is accepted in 广东 until mobileMustBeLocal is switched on', () => {
    const mp = { [张三.mobile ?? '']: '北京' as const };
    assert.equal(blocks(personalDraft(), ctx({ mobileProvinces: mp })), false);
    const local = ctx({
      mobileProvinces: mp,
      provinces: { ...provinceTable, 广东: { ...provinceTable.广东, mobileMustBeLocal: true } },
    });
    assert.ok(has(personalDraft(), local, 'MOBILE_NOT_LOCAL'));
  });
  test('FAQ-089 R-SUB-010: a branch with principal 王五 is refused; 李四 (head office legal rep) passes', () => {
    const d = orgDraft({ subjectPrincipal: { ...王五 } });
    d.subject = {
      ...d.subject,
      name: '广州示例科技有限公司深圳分公司',
      legalRepresentative: { name: '王五' },
      branchOf: { name: '广州示例科技有限公司', legalRepresentativeName: '李四' },
    };
    assert.ok(has(d, ctx(), 'PRINCIPAL_NOT_LEGAL_REP'));
    assert.ok(!has({ ...d, subjectPrincipal: { ...李四 } }, ctx(), 'PRINCIPAL_NOT_LEGAL_REP'));
  });
  test('FAQ-091 R-SUB-014 R-SUB-011: 张三’s mobile as office phone is fine; another person as principal is refused', () => {
    assert.equal(blocks(personalDraft({ subjectPrincipal: { ...张三, officePhone: '13800000001' } }), ctx()), false);
    assert.ok(has(personalDraft({ subjectPrincipal: { ...王五 } }), ctx(), 'SUBJECT_PRINCIPAL_NOT_SELF'));
  });
  test('FAQ-092 R-SUB-015 R-SUB-013 R-PRV-003: 江苏 office phone: empty required, mobile LANDLINE_REQUIRED, 025 landline accepted', () => {
    const js = (officePhone: string | undefined) => {
      const d = orgDraft({ province: '江苏', subjectPrincipal: { ...李四, officePhone } });
      d.subject = {
        ...d.subject,
        name: '南京示例有限公司',
        certificateNumber: USCC_2,
        certificateAddress: '江苏省南京市示例路1号',
        communicationAddress: { province: '江苏', detail: '南京市示例路1号' },
      };
      return violationsOf(d, ctx())
        .filter((v) => v.field === 'subjectPrincipal.officePhone')
        .map((v) => v.code);
    };
    assert.deepEqual(js(undefined), ['FIELD_REQUIRED']);
    assert.deepEqual(js('13800000002'), ['LANDLINE_REQUIRED']);
    assert.deepEqual(js('025-12345678'), []);
  });
  test('FAQ-099 R-SUB-029: the subject principal’s address cannot be edited in ACCESS', () => {
    const d = travelDraft({
      websites: [
        orgWebsite({ filingNumber: '浙ICP备18000002号-1', domains: ['example-travel.cn'], name: '示例旅游1' }),
      ],
    });
    d.subject = { ...d.subject, communicationAddress: { province: '浙江', city: '杭州', detail: '新地址B号' } };
    const c = ctx({
      account: { id: 'B' },
      registry: {
        subjects: [{ ...travel, communicationAddress: { province: '浙江', city: '杭州', detail: '西湖区示例路2号' } }],
        websites: [travelSite()],
      },
    });
    const v = violationsOf(d, c, 'R-SUB-029');
    assert.equal(v[0]?.code, 'ACCESS_DATA_READ_ONLY');
    assert.match(v[0].fix?.zh ?? '', /原接入商/);
  });
  test('FAQ-100 R-SUB-017: saving without SMS verification is refused; after verification it passes', () => {
    assert.ok(has(personalDraft(), ctx({ verifiedMobiles: [] }), 'MOBILE_NOT_VERIFIED'));
    assert.ok(!has(personalDraft(), ctx({ verifiedMobiles: ['13800000001'] }), 'MOBILE_NOT_VERIFIED'));
  });
  test('FAQ-101 R-SUB-018: 17000000001 → 「不支持该手机号段」', () => {
    const v = violationsOf(personalDraft({ subjectPrincipal: { ...张三, mobile: '17000000001' } }), ctx(), 'R-SUB-018');
    assert.equal(v[0].message.zh, '不支持该手机号段');
  });
  test('FAQ-102 R-SUB-019 R-SUB-020: 李四’s mobile refused for 王五; the shared landline accepted by default', () => {
    const uses = [principalUse({ mobile: '13800000009', officePhone: '020-88888888' })];
    const d = personalDraft({ subjectPrincipal: { ...王五, mobile: '13800000009', officePhone: '020-88888888' } });
    d.subject = { ...d.subject, name: '王五', certificateNumber: ID_WW };
    const got = codesOf(d, ctx({ account: { id: 'B' }, registry: { subjects: [], websites: [], principals: uses } }));
    assert.ok(got.includes('MOBILE_USED_BY_OTHER_SUBJECT'));
    assert.ok(!got.includes('LANDLINE_USED_BY_OTHER_SUBJECT'));
  });
  test('FAQ-129 R-SUB-019: a website principal mobile of another subject is refused for a different person', () => {
    const uses = [principalUse({ role: 'WEBSITE', mobile: '13800000009' })];
    const d = company2(orgDraft({ websites: [orgWebsite({ principal: { ...王五, mobile: '13800000009' } })] }));
    assert.ok(
      has(
        d,
        ctx({ account: { id: 'B' }, registry: { subjects: [], websites: [], principals: uses } }),
        'MOBILE_USED_BY_OTHER_SUBJECT',
      ),
    );
  });
  test('FAQ-125 R-ORD-029 R-SUB-021: a new office phone in ADD_WEBSITE is refused with CHANGE_REQUIRED', () => {
    const c = ctx({
      registry: {
        subjects: [
          filedSubject({
            principal: {
              ...filedSubject().principal,
              name: '李四',
              certificateNumber: 李四.certificateNumber ?? '',
              officePhone: '020-11111111',
            },
          }),
        ],
        websites: [filedWebsite()],
      },
    });
    const d = orgDraft({
      orderType: 'ADD_WEBSITE',
      websites: [orgWebsite({ domains: ['example-new.cn'] })],
      subjectPrincipal: { ...李四, officePhone: '020-22222222' },
    });
    const v = violationsOf(d, c).filter((x) => x.code === 'CHANGE_REQUIRED');
    assert.ok(v.length >= 1 && /变更主体/.test(v[0].fix?.zh ?? ''));
  });
  test('FAQ-130 R-SUB-021 R-SUB-022: website principal 王五 is accepted; changing the subject principal is refused', () => {
    const c = ctx({
      registry: {
        subjects: [filedSubject()],
        websites: [
          filedWebsite({
            principal: { name: '李四', certificateNumber: 李四.certificateNumber ?? '', mobile: '13800000009' },
          }),
        ],
      },
    });
    const d = orgDraft({
      orderType: 'ADD_WEBSITE',
      websites: [orgWebsite({ domains: ['example-new.cn'], principal: { ...王五 } })],
    });
    assert.equal(blocks(d, c), false);
    assert.ok(has({ ...d, subjectPrincipal: { ...王五 } }, c, 'CHANGE_REQUIRED'));
  });
  test('FAQ-132 R-SUB-026: an ID that ended 2018-10-01 is CERT_EXPIRED at submission', () => {
    const d = personalDraft({ subjectPrincipal: { ...张三, certificateValidTo: '2018-10-01' } });
    assert.ok(has(d, ctx(), 'CERT_EXPIRED'));
  });
  test('FAQ-133 R-SUB-003: a FIRST with the old registration number is flagged CERT_NOT_LATEST for initial review', () => {
    const d = orgDraft();
    d.subject = { ...d.subject, certificateType: 'BUSINESS_REGISTRATION', certificateNumber: OLD_REG_1 };
    assert.deepEqual(
      violationsOf(d, ctx(), 'R-SUB-003').map((v) => v.code),
      ['CERT_NOT_LATEST'],
    );
  });
  test('FAQ-140 R-SUB-028 R-PRV-023: a passport principal passes in 广东; in 河北 refused until a PRC principal is authorised', () => {
    const john = {
      ...李四,
      name: 'John Smith',
      certificateType: 'PASSPORT' as const,
      certificateNumber: 'E12345678',
      nationality: 'US',
    };
    const gd = orgDraft({ subjectPrincipal: john });
    gd.subject = {
      ...gd.subject,
      name: '广州示例外资有限公司',
      legalRepresentative: { name: 'John Smith', certificateType: 'PASSPORT', nationality: 'US' },
    };
    assert.ok(!has(gd, ctx(), 'FOREIGN_PRINCIPAL_NOT_ALLOWED'));
    const hb = {
      ...gd,
      province: '河北' as const,
      subject: {
        ...gd.subject,
        name: '石家庄示例有限公司',
        certificateAddress: '河北省石家庄市示例路1号',
        communicationAddress: { province: '河北', detail: '石家庄市示例路1号' },
      },
    };
    assert.ok(has(hb, ctx(), 'FOREIGN_PRINCIPAL_NOT_ALLOWED'));
    const delegated = {
      ...hb,
      subjectPrincipal: { ...王五 },
      materials: [
        ...(hb.materials ?? []),
        { kind: 'FOREIGN_REP_AUTHORISATION' as const, blobId: 'auth', fileName: 'auth.jpg', sizeBytes: 1000 },
      ],
    };
    assert.ok(!has(delegated, ctx(), 'FOREIGN_PRINCIPAL_NOT_ALLOWED'));
    assert.ok(!has(delegated, ctx(), 'PRINCIPAL_NOT_LEGAL_REP'));
  });
  test('FAQ-220 R-SUB-027: expired principal IDs on file refuse ADD_WEBSITE with CHANGE_REQUIRED; after the changes it passes', () => {
    const d = orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] });
    const before = ctx({
      registry: {
        subjects: [
          filedSubject({
            principal: {
              ...filedSubject().principal,
              name: '李四',
              certificateNumber: 李四.certificateNumber ?? '',
              certificateValidTo: '2018-10-31',
            },
          }),
        ],
        websites: [
          filedWebsite({
            filingNumber: '粤ICP备18000001号-2',
            principal: { name: '王五', certificateNumber: ID_WW, certificateValidTo: '2018-10-31' },
          }),
        ],
      },
    });
    assert.deepEqual(codesOf(d, before, 'R-SUB-027'), ['CHANGE_REQUIRED', 'CHANGE_REQUIRED']);
    const after = ctx({
      registry: { subjects: [filedSubject()], websites: [filedWebsite({ filingNumber: '粤ICP备18000001号-2' })] },
    });
    assert.equal(blocks(d, after), false);
  });
});

describe('faq-cases: websites, domains and names', () => {
  test('FAQ-006 R-WEB-003: blog.example-shop.cn is refused with the hint example-shop.cn', () => {
    const v = violationsOf(
      orgDraft({ websites: [orgWebsite({ domains: ['blog.example-shop.cn'] })] }),
      ctx(),
      'R-WEB-003',
    );
    assert.equal(v[0].code, 'ENTER_MAIN_DOMAIN');
    assert.match(v[0].fix?.en ?? '', /enter example-shop\.cn/);
  });
  test('FAQ-017 R-WEB-001 R-ORD-032: ten filed websites are selectable in ACCESS; the 11th is MAX_WEBSITES_PER_ORDER', () => {
    const sites = Array.from({ length: 11 }, (_, i) =>
      travelSite(i + 1, `example-t${String(i + 1).padStart(2, '0')}.cn`),
    );
    const ws = sites.map((s) => orgWebsite({ filingNumber: s.filingNumber, name: s.name, domains: s.domains }));
    assert.ok(!has(travelDraft({ websites: ws.slice(0, 10) }), travelCtx(sites), 'MAX_WEBSITES_PER_ORDER'));
    assert.ok(has(travelDraft({ websites: ws }), travelCtx(sites), 'MAX_WEBSITES_PER_ORDER'));
  });
  test('FAQ-032 R-WEB-001 R-ORD-012 R-ORD-007: w11 cannot join the 10-website order nor a second order; after approval it can', () => {
    const ws = Array.from({ length: 11 }, (_, i) =>
      orgWebsite({ name: `示例科技${i + 1}号站`, domains: [`example-w${String(i + 1).padStart(2, '0')}.cn`] }),
    );
    const c = ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } });
    assert.ok(has(orgDraft({ orderType: 'ADD_WEBSITE', websites: ws }), c, 'MAX_WEBSITES_PER_ORDER'));
    const inFlight = { ...c, openOrders: [open({ orderType: 'ADD_WEBSITE', state: 'PENDING_INITIAL_REVIEW' })] };
    assert.ok(has(orgDraft({ orderType: 'ADD_WEBSITE', websites: ws.slice(10) }), inFlight, 'ORDER_IN_FLIGHT'));
    assert.equal(blocks(orgDraft({ orderType: 'ADD_WEBSITE', websites: ws.slice(10) }), c), false);
  });
  test('FAQ-057 R-WEB-002 R-WEB-001: an 11th domain on one website is refused; on a second website it is accepted', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `example-p${String(i + 1).padStart(2, '0')}.cn`);
    assert.ok(
      has(
        personalDraft({ websites: [personalWebsite({ domains: [...ten, 'example-p11.cn'] })] }),
        ctx(),
        'MAX_DOMAINS_PER_WEBSITE',
      ),
    );
    const two = personalDraft({
      websites: [
        personalWebsite({ domains: ten }),
        personalWebsite({ name: '张三的旅行相册', domains: ['example-p11.cn'] }),
      ],
    });
    assert.equal(blocks(two, ctx()), false);
  });
  test('FAQ-103 R-WEB-001 R-WEB-002 R-ORD-007: a 10×10 order is accepted; d101 is MAX_DOMAINS_PER_WEBSITE', () => {
    const ws = Array.from({ length: 10 }, (_, i) =>
      orgWebsite({
        name: `示例科技${i + 1}号站`,
        domains: Array.from({ length: 10 }, (_, j) => `example-d${String(i * 10 + j + 1).padStart(3, '0')}.cn`),
      }),
    );
    assert.equal(blocks(orgDraft({ websites: ws }), ctx()), false);
    const plus = ws.map((w, i) => (i === 0 ? { ...w, domains: [...(w.domains ?? []), 'example-d101.cn'] } : w));
    assert.ok(has(orgDraft({ websites: plus }), ctx(), 'MAX_DOMAINS_PER_WEBSITE'));
    assert.ok(
      has(
        orgDraft({ websites: ws }),
        ctx({ account: { id: 'X' }, openOrders: [open({ accountId: 'X' })] }),
        'ORDER_IN_FLIGHT',
      ),
    );
  });
  test('FAQ-048 R-WEB-009: an unverified domain passes verify and submit with the DOMAIN_NOT_REAL_NAME warning', () => {
    const r = checkFiling(
      personalDraft({ websites: [personalWebsite({ domains: ['example-nrn.cn'] })] }),
      ctx({ domains: { 'example-nrn.cn': { realNameVerifiedOn: null } } }),
    );
    assert.equal(r.blocking, false);
    assert.deepEqual(
      r.violations.map((v) => [v.code, v.severity]),
      [['DOMAIN_NOT_REAL_NAME', 'warn']],
    );
  });
  test('FAQ-049 R-WEB-011: an organisation-registered domain on 张三’s filing is flagged DOMAIN_OWNER_TYPE_MISMATCH', () => {
    const c = ctx({
      domains: {
        'example-co.cn': {
          registrantType: 'ORGANISATION',
          registrantName: '广州示例科技有限公司',
          realNameVerifiedOn: '2018-10-08',
        },
      },
    });
    assert.ok(
      has(
        personalDraft({ websites: [personalWebsite({ domains: ['example-co.cn'] })] }),
        c,
        'DOMAIN_OWNER_TYPE_MISMATCH',
      ),
    );
  });
  test('FAQ-107 R-WEB-011 R-WEB-012 R-CHG-009: both owner reasons until the registrar changes the registrant to 张三', () => {
    const d = personalDraft({ websites: [personalWebsite({ domains: ['example-corp2.cn'] })] });
    const before = codesOf(
      d,
      ctx({
        domains: { 'example-corp2.cn': { registrantType: 'ORGANISATION', registrantName: '广州示例科技有限公司' } },
      }),
    );
    assert.deepEqual(before, ['DOMAIN_OWNER_MISMATCH', 'DOMAIN_OWNER_TYPE_MISMATCH']);
    assert.deepEqual(
      codesOf(d, ctx({ domains: { 'example-corp2.cn': { registrantType: 'PERSONAL', registrantName: '张三' } } })),
      [],
    );
  });
  test('FAQ-082 R-WEB-005: example-shop.online → 「该域名后缀不支持备案」 suggesting a non-mainland server', () => {
    const v = violationsOf(
      personalDraft({ websites: [personalWebsite({ domains: ['example-shop.online'] })] }),
      ctx(),
      'R-WEB-005',
    );
    assert.match(v[0].message.zh, /该域名后缀不支持备案/);
    assert.match(v[0].fix?.zh ?? '', /中国大陆以外的服务器无需备案/);
  });
  test('FAQ-233 R-WEB-005 R-PRV-013: in 北京 .org/.info are refused, .top/.中国/.com.cn/.xin accepted; .org accepted in 广东', () => {
    const bj = orgDraft({ province: '北京' });
    bj.subject = {
      ...bj.subject,
      name: '北京示例有限公司',
      certificateNumber: USCC_2,
      certificateAddress: '北京市朝阳区示例路1号',
      communicationAddress: { province: '北京', detail: '朝阳区示例路1号' },
    };
    const list = [
      'example-bj.org',
      'example-bj.info',
      'example-bj.top',
      'example-bj.中国',
      'example-bj.com.cn',
      'example-bj.xin',
    ];
    bj.websites = [orgWebsite({ name: '示例官网', domains: list })];
    const refused = violationsOf(bj, ctx())
      .filter((v) => v.code === 'SUFFIX_NOT_ALLOWED_IN_PROVINCE' || v.code === 'SUFFIX_NOT_APPROVED')
      .map((v) => v.field);
    assert.deepEqual(refused, ['websites[0].domains[0]', 'websites[0].domains[1]']);
    assert.ok(
      !has(
        orgDraft({ websites: [orgWebsite({ domains: ['example-bj.org'] })] }),
        ctx(),
        'SUFFIX_NOT_ALLOWED_IN_PROVINCE',
      ),
    );
  });
  test('FAQ-105 R-WEB-010 R-WEB-009: verified Friday 2018-11-02 → warning on 11-07, none on 11-08', () => {
    const d = personalDraft({ websites: [personalWebsite({ domains: ['example-rn.cn'] })] });
    const facts = { domains: { 'example-rn.cn': { realNameVerifiedOn: '2018-11-02' } } };
    assert.match(violationsOf(d, ctx({ ...facts, today: '2018-11-07' }), 'R-WEB-010')[0].fix?.zh ?? '', /3 个工作日/);
    assert.deepEqual(codesOf(d, ctx({ ...facts, today: '2018-11-08' })), []);
  });
  test('FAQ-203 R-WEB-014 R-PRV-009: privacy on warns in 贵州, no effect in 广东', () => {
    const gz = orgDraft({ province: '贵州' });
    gz.subject = {
      ...gz.subject,
      name: '贵阳示例有限公司',
      certificateAddress: '贵州省贵阳市示例路1号',
      communicationAddress: { province: '贵州', detail: '贵阳市示例路1号' },
    };
    const facts = { domains: { 'example-shop.cn': { privacyProtection: true } } };
    assert.deepEqual(
      violationsOf(gz, ctx(facts), 'R-WEB-014').map((v) => v.severity),
      ['warn'],
    );
    assert.deepEqual(codesOf(orgDraft(), ctx(facts), 'R-WEB-014'), []);
  });
  test('FAQ-248 R-WEB-004: a domain still filed under 深圳旧主有限公司 is DOMAIN_ALREADY_FILED; after its cancellation the FIRST passes', () => {
    const old = filedSubject({
      filingNumber: '粤ICP备18000007号',
      name: '深圳旧主有限公司',
      certificateNumber: USCC_2,
      accountId: 'Z',
    });
    const sites = [
      filedWebsite({
        filingNumber: '粤ICP备18000007号-1',
        subjectFilingNumber: '粤ICP备18000007号',
        domains: ['example-keep.cn'],
      }),
      filedWebsite({
        filingNumber: '粤ICP备18000007号-2',
        subjectFilingNumber: '粤ICP备18000007号',
        domains: ['example-used.cn'],
      }),
    ];
    const first17 = '44030019850101001';
    const chen = personalDraft({
      websites: [personalWebsite({ name: '陈九的摄影作品', domains: ['example-used.cn'] })],
    });
    chen.subject = { ...chen.subject, name: '陈九', certificateNumber: first17 + residentIdCheckChar(first17) };
    chen.subjectPrincipal = {
      ...张三,
      name: '陈九',
      certificateNumber: first17 + residentIdCheckChar(first17),
      mobile: '13800000077',
      officePhone: '13800000077',
    };
    const g = ctx({ account: { id: 'G' }, registry: { subjects: [old], websites: sites } });
    const v = violationsOf(chen, g, 'R-WEB-004');
    assert.match(v[0].fix?.zh ?? '', /注销原备案/);
    assert.equal(
      blocks(chen, ctx({ account: { id: 'G' }, registry: { subjects: [old], websites: [sites[0]] } })),
      false,
    );
  });
  test('FAQ-110 R-WEB-024: removing example-travel-old.cn in ACCESS is refused with guidance', () => {
    const site = travelSite(1);
    site.domains = ['example-travel.cn', 'example-travel-old.cn'];
    const d = travelDraft({
      websites: [orgWebsite({ filingNumber: site.filingNumber, name: site.name, domains: ['example-travel.cn'] })],
    });
    const v = violationsOf(d, travelCtx([site]), 'R-WEB-024');
    assert.match(v[0].message.zh, /example-travel-old\.cn/);
  });
  test('FAQ-111 R-WEB-015: 「张三科技公司」 is rule 2', () => {
    assert.match(
      violationsOf(personalDraft({ websites: [personalWebsite({ name: '张三科技公司' })] }), ctx(), 'R-WEB-015')[0]
        .message.zh,
      /规则 2/,
    );
  });
  test('FAQ-113 R-WEB-015: personal 「广州摄影爱好」 and organisation 「广东示例科技」 are rule 8; 「广州示例科技」 passes', () => {
    assert.match(
      violationsOf(personalDraft({ websites: [personalWebsite({ name: '广州摄影爱好' })] }), ctx(), 'R-WEB-015')[0]
        .message.zh,
      /规则 8/,
    );
    assert.deepEqual(codesOf(orgDraft({ websites: [orgWebsite({ name: '广州示例科技' })] }), ctx(), 'R-WEB-015'), []);
    assert.match(
      violationsOf(orgDraft({ websites: [orgWebsite({ name: '广东示例科技' })] }), ctx(), 'R-WEB-015')[0].message.zh,
      /规则 8/,
    );
  });
  test('FAQ-114 R-WEB-015: 「李四个人网站」 is rule 9; 「张三个人网站」 passes', () => {
    assert.match(
      violationsOf(personalDraft({ websites: [personalWebsite({ name: '李四个人网站' })] }), ctx(), 'R-WEB-015')[0]
        .message.zh,
      /规则 9/,
    );
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ name: '张三个人网站' })] }), ctx(), 'R-WEB-015'),
      [],
    );
  });
  test('FAQ-115 R-WEB-015 R-PRE-003: 「示例文化传播有限公司官网」 passes; 「示例文化新闻网」 is rule 3', () => {
    const d = (name: string) => {
      const x = orgDraft({ websites: [orgWebsite({ name })] });
      x.subject = { ...x.subject, name: '示例文化传播有限公司' };
      return x;
    };
    assert.deepEqual(codesOf(d('示例文化传播有限公司官网'), ctx(), 'R-WEB-015'), []);
    assert.match(violationsOf(d('示例文化新闻网'), ctx(), 'R-WEB-015')[0].message.zh, /规则 3/);
  });
  test('FAQ-116 R-WEB-015 R-WEB-019: 「示例购物商城」 needs the remark; with it the warning remains for the reviewer', () => {
    const empty = checkFiling(orgDraft({ websites: [orgWebsite({ name: '示例购物商城' })] }), ctx());
    assert.equal(empty.blocking, true);
    assert.deepEqual(empty.violations.map((v) => v.code).sort(), ['WEBSITE_NAME_RISK', 'WEBSITE_REMARK_REQUIRED']);
    const ok = checkFiling(
      orgDraft({
        websites: [
          orgWebsite({
            name: '示例购物商城',
            remark: '已咨询广东省通信管理局经营性网站备案处，ICP 号申请通过后办理经营性备案',
          }),
        ],
      }),
      ctx(),
    );
    assert.equal(ok.blocking, false);
    assert.deepEqual(
      ok.violations.map((v) => v.code),
      ['WEBSITE_NAME_RISK'],
    );
  });
  test('FAQ-117 R-WEB-015 R-PRE-010: 「示例理财资讯」 in 北京 submits with the rule 4 warning and the finance slot offered', () => {
    const bj = orgDraft({ province: '北京', websites: [orgWebsite({ name: '示例理财资讯' })] });
    bj.subject = {
      ...bj.subject,
      name: '北京示例有限公司',
      certificateAddress: '北京市朝阳区示例路1号',
      communicationAddress: { province: '北京', detail: '朝阳区示例路1号' },
    };
    bj.materials = (bj.materials ?? []).map((m) =>
      m.kind === 'HANDHELD_PHOTO' ? { ...m, licenceCopy: 'DUPLICATE' as const } : m,
    );
    const r = checkFiling(bj, ctx());
    const mine = r.violations.filter((v) => v.rule === 'R-WEB-015' || v.rule === 'R-PRE-010');
    assert.deepEqual(
      mine.map((v) => [v.code, v.severity]),
      [
        ['WEBSITE_NAME_RISK', 'warn'],
        ['FINANCE_APPROVAL_RECOMMENDED', 'warn'],
      ],
    );
    assert.ok(!mine.some((v) => v.severity === 'block'));
  });
  test('FAQ-235 R-WEB-015 R-PRV-020: a 广东 finance name warns (rule 4) and needs the 承诺书 package', () => {
    const d = orgDraft({ websites: [orgWebsite({ name: '示例理财资讯' })] });
    d.subject = { ...d.subject, name: '广州示例金融信息有限公司' };
    const got = codesOf(d, ctx());
    assert.ok(got.includes('WEBSITE_NAME_RISK'));
    assert.ok(got.includes('GD_FINANCE_UNDERTAKING_MISSING'));
  });
  test('FAQ-058 R-WEB-016 R-WEB-018: 单位门户网站 and 综合门户 refused for 张三; 其他 + 个人博客 accepted', () => {
    assert.ok(
      has(
        personalDraft({ websites: [personalWebsite({ serviceContent: 'ORG_PORTAL' })] }),
        ctx(),
        'SERVICE_CONTENT_NOT_ALLOWED',
      ),
    );
    assert.ok(
      has(
        personalDraft({ websites: [personalWebsite({ serviceContent: 'COMPREHENSIVE_PORTAL' })] }),
        ctx(),
        'SERVICE_CONTENT_NOT_ALLOWED',
      ),
    );
    assert.equal(
      blocks(
        personalDraft({ websites: [personalWebsite({ serviceContent: 'OTHER', nature: 'PERSONAL_BLOG' })] }),
        ctx(),
      ),
      false,
    );
  });
  test('FAQ-120 R-WEB-017 R-WEB-016: 其他 for a company site and a shop is accepted', () => {
    const d = orgDraft({
      websites: [
        orgWebsite({ name: '示例科技官网' }),
        orgWebsite({ name: '示例科技网店', domains: ['example-store.cn'] }),
      ],
    });
    assert.equal(blocks(d, ctx()), false);
  });
});

describe('faq-cases: pre-approvals and culture licence', () => {
  const bbs = (over: Partial<PreApproval> = {}): PreApproval => ({
    category: 'BBS',
    number: '粤BBS-2018-001',
    authority: '广东省通信管理局',
    issueDate: '2018-01-01',
    expiryDate: '2020-12-31',
    documentBlobId: 'b',
    ...over,
  });
  const wenwangwen: PreApproval = {
    category: 'CULTURE',
    cultureLicence: true,
    number: '浙网文〔2018〕0001-001',
    issueDate: '2018-01-10',
    expiryDate: '2021-01-10',
    activities: ['GAMES'],
    documentBlobId: 'w',
  };
  const zj = (w: Parameters<typeof orgWebsite>[0]) => {
    const d = orgDraft({ province: '浙江', websites: [orgWebsite(w)] });
    d.subject = {
      ...d.subject,
      name: '杭州示例游戏有限公司',
      certificateNumber: USCC_3,
      certificateAddress: '浙江省杭州市示例路9号',
      communicationAddress: { province: '浙江', detail: '杭州市示例路9号' },
    };
    return d;
  };
  test('FAQ-029 R-PRE-006 R-PRE-004 R-WEB-018: 张三 choosing 电子公告服务 or forum nature → PERSONAL_FORUM_FORBIDDEN', () => {
    assert.ok(
      has(
        personalDraft({ websites: [personalWebsite({ domains: ['example-forum.cn'], serviceContent: 'BBS' })] }),
        ctx(),
        'PERSONAL_FORUM_FORBIDDEN',
      ),
    );
    assert.ok(
      has(
        personalDraft({ websites: [personalWebsite({ domains: ['example-forum.cn'], nature: 'FORUM' })] }),
        ctx(),
        'PERSONAL_FORUM_FORBIDDEN',
      ),
    );
  });
  test('FAQ-045 R-PRE-006 R-PRE-002 R-PRE-003: BBS without approval → missing; with 粤BBS-2018-001 accepted; bbsSuspended → refused', () => {
    const w = { name: '示例社区交流', domains: ['example-bbs.cn'], serviceContent: 'BBS' as const };
    assert.ok(has(orgDraft({ websites: [orgWebsite(w)] }), ctx(), 'PRE_APPROVAL_MISSING'));
    const ok = orgDraft({ websites: [orgWebsite({ ...w, preApprovals: [bbs()] })] });
    assert.equal(blocks(ok, ctx()), false);
    const suspended = ctx({ provinces: { ...provinceTable, 广东: { ...provinceTable.广东, bbsSuspended: true } } });
    assert.ok(has(ok, suspended, 'BBS_SUSPENDED_IN_PROVINCE'));
  });
  test('FAQ-037 R-PRE-008 R-PRE-003 R-EXT-007: a commercial game site needs the 文网文; with 浙网文〔2018〕0001-001 it submits', () => {
    const w = {
      name: '示例游戏',
      domains: ['example-game.cn'],
      serviceContent: 'ONLINE_GAMES' as const,
      preApprovalCategories: ['CULTURE' as const],
      cultureActivities: ['GAMES' as const],
      commercialCulture: true,
    };
    assert.ok(has(zj(w), ctx(), 'PRE_APPROVAL_MISSING'));
    assert.equal(blocks(zj({ ...w, preApprovals: [wenwangwen] }), ctx()), false);
  });
  test('FAQ-039 R-PRE-007 R-PRE-004: adult products without scope refused; with scope, approvals and remark accepted; 张三 refused', () => {
    const w = orgWebsite({ name: '示例商贸官网', domains: ['example-adult.cn'], contentTags: ['ADULT_PRODUCTS'] });
    const d = orgDraft({ websites: [w] });
    d.subject = { ...d.subject, name: '广州示例商贸有限公司', businessScope: '日用百货销售' };
    assert.ok(has(d, ctx(), 'ADULT_PRODUCTS_REQUIREMENTS'));
    const full = {
      ...d,
      subject: { ...d.subject, businessScope: '互联网成人用品信息服务' },
      websites: [{ ...w, remark: '本网站不向公众展示涉性图片及描述' }],
    };
    full.materials = [
      ...(d.materials ?? []),
      { kind: 'ADULT_MARKET_APPROVAL', websiteIndex: 0, blobId: 'm', fileName: 'm.jpg', sizeBytes: 1000 },
      { kind: 'ADULT_HEALTH_APPROVAL', websiteIndex: 0, blobId: 'h', fileName: 'h.jpg', sizeBytes: 1000 },
    ];
    assert.equal(blocks(full, ctx()), false);
    assert.ok(
      has(
        personalDraft({ websites: [personalWebsite({ contentTags: ['ADULT_PRODUCTS'] })] }),
        ctx(),
        'ADULT_PRODUCTS_REQUIREMENTS',
      ),
    );
  });
  test('FAQ-123 R-PRE-004 R-PRE-002: 张三 selecting 新闻 is refused; a 出版 approval shows 省新闻出版局', async () => {
    assert.ok(
      has(
        personalDraft({ websites: [personalWebsite({ preApprovalCategories: ['NEWS'] })] }),
        ctx(),
        'PERSONAL_PRE_APPROVAL_FORBIDDEN',
      ),
    );
    const { PRE_APPROVAL_INFO } = await import('./data/pre-approval.ts');
    assert.equal(PRE_APPROVAL_INFO.PUBLISHING.authority.zh, '省新闻出版局');
  });
  test('FAQ-124 R-PRE-005: 其他 + 以上都不涉及 submits with no prompt and no document', () => {
    assert.deepEqual(
      codesOf(orgDraft({ websites: [orgWebsite({ serviceContent: 'OTHER', preApprovalCategories: [] })] }), ctx()),
      [],
    );
  });
  test('FAQ-264 R-EXT-008 R-PRE-008: a non-commercial game company site with 其他 needs no 文网文', () => {
    assert.equal(
      blocks(
        zj({ name: '示例游戏官网', serviceContent: 'OTHER', cultureActivities: ['GAMES'], commercialCulture: false }),
        ctx(),
      ),
      false,
    );
  });
  test('FAQ-265 R-EXT-008 R-PRE-008: paid music downloads without a 文网文 → PRE_APPROVAL_MISSING', () => {
    assert.ok(
      has(
        zj({ name: '示例音乐', serviceContent: 'OTHER', cultureActivities: ['MUSIC'], commercialCulture: true }),
        ctx(),
        'PRE_APPROVAL_MISSING',
      ),
    );
  });
  test('FAQ-268 R-PRE-008 R-EXT-010: paid online games without a 文网文 are refused at submission', () => {
    assert.ok(
      has(
        zj({ name: '示例游戏', serviceContent: 'OTHER', contentTags: ['ONLINE_GAMES'], commercialCulture: true }),
        ctx(),
        'PRE_APPROVAL_MISSING',
      ),
    );
  });
  test('FAQ-270 R-EXT-007: a 4-year 文网文 is CULTURE_LICENCE_VALIDITY; 3 years accepted', () => {
    const w = { name: '示例游戏', serviceContent: 'OTHER' as const, preApprovalCategories: ['CULTURE' as const] };
    assert.ok(
      has(zj({ ...w, preApprovals: [{ ...wenwangwen, expiryDate: '2022-01-10' }] }), ctx(), 'CULTURE_LICENCE_VALIDITY'),
    );
    assert.ok(!has(zj({ ...w, preApprovals: [wenwangwen] }), ctx(), 'CULTURE_LICENCE_VALIDITY'));
  });
  test('FAQ-273 R-PRE-009 R-ORD-030 R-EXT-011: an expired 文网文 on a filed site refuses ADD_WEBSITE until renewed', () => {
    const site = filedWebsite({ preApprovals: [{ ...wenwangwen, expiryDate: '2018-11-12' }] });
    const d = orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] });
    const c = ctx({ today: '2018-11-13', registry: { subjects: [filedSubject()], websites: [site] } });
    assert.ok(has(d, c, 'EXISTING_DATA_NONCOMPLIANT'));
    const renewed = ctx({
      today: '2018-11-13',
      registry: {
        subjects: [filedSubject()],
        websites: [
          filedWebsite({ preApprovals: [{ ...wenwangwen, issueDate: '2018-11-10', expiryDate: '2021-11-10' }] }),
        ],
      },
    });
    assert.ok(!has(d, renewed, 'EXISTING_DATA_NONCOMPLIANT'));
  });
  test('FAQ-274 R-EXT-009 R-PRE-004: 张三 uploading a 文网文 → PERSONAL_PRE_APPROVAL_FORBIDDEN, register a company first', () => {
    const v = violationsOf(
      personalDraft({ websites: [personalWebsite({ preApprovals: [wenwangwen] })] }),
      ctx(),
      'R-EXT-009',
    );
    assert.equal(v[0].code, 'PERSONAL_PRE_APPROVAL_FORBIDDEN');
  });
});

describe('faq-cases: order types and concurrency', () => {
  test('FAQ-007 FAQ-015 R-ORD-004 R-ORD-032: account B’s verify step for example-travel.cn yields ACCESS (without-subject)', () => {
    const det = detectOrderType(
      { certificateNumber: USCC_3, subjectName: '杭州示例旅游有限公司', domains: ['example-travel.cn'] },
      { registry: { subjects: [travel], websites: [travelSite()] } },
    );
    assert.deepEqual([det.type, det.variant], ['ACCESS', 'without-subject']);
    const d = travelDraft({
      websites: [
        orgWebsite({ filingNumber: '浙ICP备18000002号-1', name: '示例旅游1', domains: ['example-travel.cn'] }),
      ],
    });
    assert.deepEqual(
      codesOf(d, travelCtx()).filter((x) => x === 'WRONG_ORDER_TYPE' || x === 'DOMAIN_ALREADY_FILED'),
      [],
    );
  });
  test('FAQ-028 R-ORD-011 R-ORD-007: ACCESS + ADD_WEBSITE domains in one order → MIXED_ORDER_TYPES listing both; a second order → ORDER_IN_FLIGHT', () => {
    const d = travelDraft({
      websites: [orgWebsite({ domains: ['example-travel.cn'] }), orgWebsite({ domains: ['example-travel2.cn'] })],
    });
    const v = violationsOf(d, travelCtx(), 'R-ORD-011');
    assert.match(v[0].message.en, /example-travel\.cn → ACCESS, example-travel2\.cn → ADD_WEBSITE/);
    const inFlight = { ...travelCtx(), openOrders: [open({ accountId: 'B', orderType: 'ACCESS' })] };
    assert.ok(
      has(
        travelDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-travel2.cn'] })] }),
        inFlight,
        'ORDER_IN_FLIGHT',
      ),
    );
  });
  test('FAQ-042 FAQ-180 R-ORD-007 R-REJ-005: a second order while one is PHOTO_PENDING or INITIAL_REJECTED → ORDER_IN_FLIGHT', () => {
    for (const state of ['PHOTO_PENDING', 'INITIAL_REJECTED']) {
      assert.ok(
        has(personalDraft({ orderType: 'ADD_WEBSITE' }), ctx({ openOrders: [open({ state })] }), 'ORDER_IN_FLIGHT'),
        state,
      );
    }
  });
  test('FAQ-043 FAQ-217 R-ORD-016 R-ORD-007: with an order at the bureau, creating ADD_WEBSITE or CHANGE_SUBJECT → ORDER_IN_FLIGHT', () => {
    const c = ctx({
      registry: { subjects: [filedSubject()], websites: [filedWebsite()] },
      openOrders: [open({ state: 'PENDING_BUREAU', atBureau: true, orderType: 'ADD_WEBSITE' })],
    });
    assert.ok(
      has(
        orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] }),
        c,
        'ORDER_IN_FLIGHT',
      ),
    );
    assert.ok(
      has(
        orgDraft({ orderType: 'CHANGE_SUBJECT', subjectFilingNumber: '粤ICP备18000001号', websites: [] }),
        c,
        'ORDER_IN_FLIGHT',
      ),
    );
  });
  test('FAQ-076 R-ORD-008 R-ORD-003: the subject in flight at P2 → SUBJECT_CONFLICT 「备案主办者冲突」', () => {
    const c = ctx({
      registry: { subjects: [filedSubject()], websites: [filedWebsite()] },
      openOrders: [
        open({ id: 'P2-9', provider: 'OTHER', accountId: null, state: 'IN_FLIGHT', subjectCertificateNumber: USCC_1 }),
      ],
    });
    const v = violationsOf(
      orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new2.cn'] })] }),
      c,
      'R-ORD-008',
    );
    assert.match(v[0].message.zh, /备案主办者冲突/);
  });
  test('FAQ-077 R-ORD-009 R-ORD-004: example-race.cn in flight at P2 → DOMAIN_CONFLICT 「备案域名冲突」', () => {
    const c = ctx({
      openOrders: [
        open({
          id: 'P2-1',
          provider: 'OTHER',
          accountId: null,
          state: 'IN_FLIGHT',
          subjectCertificateNumber: 'SZ',
          domains: ['example-race.cn'],
        }),
      ],
    });
    const v = violationsOf(
      personalDraft({ websites: [personalWebsite({ domains: ['example-race.cn'] })] }),
      c,
      'R-ORD-009',
    );
    assert.match(v[0].message.zh, /备案域名冲突/);
  });
  test('FAQ-106 R-ORD-030 R-WEB-015: filed 「中国示例网」 refuses ADD_WEBSITE (rule 1, CHANGE_WEBSITE); after the rename it proceeds', () => {
    const d = orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] });
    const v = violationsOf(
      d,
      ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite({ name: '中国示例网' })] } }),
      'R-ORD-030',
    );
    assert.match(v[0].message.zh, /example|中国示例网/);
    assert.match(v[0].message.zh, /规则 1/);
    assert.match(v[0].message.en, /CHANGE_WEBSITE/);
    assert.equal(
      blocks(d, ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite({ name: '示例科技官网' })] } })),
      false,
    );
  });
});

describe('faq-cases: changes and cancellations', () => {
  test('FAQ-109 R-CHG-015: 张三’s only filed domain is held by someone else → FILED_DOMAIN_NOT_HELD, pointing to CANCEL_SUBJECT then FIRST', () => {
    const zs = filedSubject({
      filingNumber: '粤ICP备18000003号',
      type: 'PERSONAL',
      name: '张三',
      certificateType: 'RESIDENT_ID',
      certificateNumber: 张三.certificateNumber ?? '',
    });
    const c = ctx({
      registry: {
        subjects: [zs],
        websites: [
          filedWebsite({
            subjectFilingNumber: zs.filingNumber,
            filingNumber: '粤ICP备18000003号-1',
            name: '张三的摄影作品',
            domains: ['example-lost.cn'],
          }),
        ],
      },
      domains: { 'example-lost.cn': { registrantName: '某某' } },
    });
    const v = violationsOf(
      personalDraft({ orderType: 'ADD_WEBSITE', websites: [personalWebsite({ domains: ['example-new.cn'] })] }),
      c,
      'R-CHG-015',
    );
    assert.match(v[0].fix?.zh ?? '', /注销主体.*首次备案/);
  });
  test('FAQ-211 R-CHG-006 R-CHG-001: account A may change its accessed subject; account B (filed only at P2) is refused', () => {
    const a = orgDraft({ orderType: 'CHANGE_SUBJECT', subjectFilingNumber: '粤ICP备18000001号', websites: [] });
    a.subject = {
      ...a.subject,
      communicationAddress: { province: '广东', city: '广州', district: '天河区', detail: '新示例路10号' },
    };
    assert.equal(blocks(a, ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } })), false);
    const b = travelDraft({ orderType: 'CHANGE_SUBJECT', websites: [] });
    assert.match(violationsOf(b, travelCtx(), 'R-CHG-006')[0]?.fix?.zh ?? '', /之前接入商/);
  });
  test('FAQ-213 R-CHG-004: 张三 → enterprise is SUBJECT_TYPE_CHANGE_NOT_ALLOWED with cancel-and-refile advice', () => {
    const zs = filedSubject({ type: 'PERSONAL', name: '张三' });
    const v = violationsOf(
      orgDraft({ orderType: 'CHANGE_SUBJECT', subjectFilingNumber: zs.filingNumber, websites: [] }),
      ctx({ registry: { subjects: [zs], websites: [] } }),
      'R-CHG-004',
    );
    assert.match(v[0].fix?.zh ?? '', /注销/);
  });
  test('FAQ-214 R-CHG-004: enterprise → 李四 personal is refused', () => {
    const d = personalDraft({ orderType: 'CHANGE_SUBJECT', subjectFilingNumber: '粤ICP备18000001号', websites: [] });
    assert.ok(
      has(d, ctx({ registry: { subjects: [filedSubject()], websites: [] } }), 'SUBJECT_TYPE_CHANGE_NOT_ALLOWED'),
    );
  });
  test('FAQ-227 R-CHG-017 R-CHG-013: the cancellation type must be confirmed by name; one of two websites may be cancelled', () => {
    const c = ctx({
      registry: {
        subjects: [filedSubject()],
        websites: [
          filedWebsite({ otherAccessProviders: 1 }),
          filedWebsite({ filingNumber: '粤ICP备18000001号-2', domains: ['example-blog.cn'] }),
        ],
      },
    });
    const cancel = orgDraft({
      orderType: 'CANCEL_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [{ filingNumber: '粤ICP备18000001号-1' }],
    });
    assert.ok(has(cancel, c, 'CANCEL_CONFIRMATION_REQUIRED'));
    assert.equal(blocks({ ...cancel, cancelConfirmation: 'CANCEL_WEBSITE' }, c), false);
  });
  test('FAQ-232 R-CHG-016: cancelling the only access record warns about the shell risk before submission', () => {
    const c = ctx({
      registry: {
        subjects: [filedSubject()],
        websites: [filedWebsite({ filingNumber: '粤ICP备18000001号-1', domains: ['example-p2only.cn'] })],
      },
    });
    const d = orgDraft({
      orderType: 'CANCEL_ACCESS',
      cancelConfirmation: 'CANCEL_ACCESS',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [{ filingNumber: '粤ICP备18000001号-1' }],
    });
    const r = checkFiling(d, c);
    assert.equal(r.blocking, false);
    assert.deepEqual(
      r.violations.map((v) => v.code),
      ['SHELL_RISK'],
    );
  });
});
