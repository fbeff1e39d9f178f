import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OpenOrderFacts } from '../context.ts';
import { detectOrderType } from '../order-type.ts';
import {
  codesOf,
  ctx,
  filedSubject,
  filedWebsite,
  OLD_REG_1,
  orgDraft,
  orgWebsite,
  personalDraft,
  USCC_1,
  violationsOf,
} from '../test-fixtures.ts';

const open = (over: Partial<OpenOrderFacts> = {}): OpenOrderFacts => ({
  id: 'O-1',
  provider: 'HERE',
  accountId: 'A',
  orderType: 'FIRST',
  state: 'DRAFT',
  atBureau: false,
  domains: [],
  ...over,
});
const travel = filedSubject({
  filingNumber: '浙ICP备18000002号',
  name: '杭州示例旅游有限公司',
  province: '浙江',
  accessedHere: false,
  accountId: 'B',
});
const travelSite = filedWebsite({
  filingNumber: '浙ICP备18000002号-1',
  subjectFilingNumber: '浙ICP备18000002号',
  name: '示例旅游',
  domains: ['example-travel.cn'],
  accessedHere: false,
  otherAccessProviders: 1,
});

describe('R-ORD-003 R-ORD-004 order-type detection', () => {
  const reg = {
    registry: { subjects: [filedSubject(), travel], websites: [filedWebsite(), travelSite] },
    openOrders: [],
  };
  test('R-ORD-004: no subject, no domain → FIRST; subject, no domain → ADD_WEBSITE with variant', () => {
    assert.equal(detectOrderType({ certificateNumber: 'X', domains: ['example-new.cn'] }, reg).type, 'FIRST');
    const d = detectOrderType({ certificateNumber: USCC_1, domains: ['example-new.cn'] }, reg);
    assert.deepEqual([d.type, d.variant], ['ADD_WEBSITE', 'with-subject']);
  });
  test('R-ORD-004: filed under this subject, not here → ACCESS; already here → ALREADY_ACCESSED', () => {
    const a = detectOrderType({ certificateNumber: USCC_1.replace(/.$/, 'Z'), domains: [] }, reg);
    assert.equal(a.type, undefined);
    const acc = detectOrderType(
      { certificateNumber: travel.certificateNumber, subjectName: travel.name, domains: ['example-travel.cn'] },
      { ...reg, registry: { subjects: [travel], websites: [travelSite] } },
    );
    assert.deepEqual([acc.type, acc.variant], ['ACCESS', 'without-subject']);
    const here = detectOrderType({ certificateNumber: USCC_1, domains: ['example-shop.cn'] }, reg);
    assert.equal('error' in here.outcomes[0] && here.outcomes[0].error, 'ALREADY_ACCESSED');
  });
  test('R-ORD-004: other-name subject → DOMAIN_ALREADY_FILED; in flight elsewhere → DOMAIN_CONFLICT', () => {
    const other = detectOrderType({ certificateNumber: 'NEW', subjectName: '陈九', domains: ['example-shop.cn'] }, reg);
    assert.equal('error' in other.outcomes[0] && other.outcomes[0].error, 'DOMAIN_ALREADY_FILED');
    const conflict = detectOrderType(
      { certificateNumber: 'NEW', domains: ['example-race.cn'] },
      {
        ...reg,
        openOrders: [
          open({ provider: 'OTHER', accountId: null, domains: ['example-race.cn'], subjectCertificateNumber: 'OTHER' }),
        ],
      },
    );
    assert.equal('error' in conflict.outcomes[0] && conflict.outcomes[0].error, 'DOMAIN_CONFLICT');
  });
  test('R-ORD-003: the verify step rejects a draft whose type the bureau data contradict', () => {
    const c = ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } });
    assert.deepEqual(codesOf(orgDraft({ websites: [orgWebsite({ domains: ['example-new.cn'] })] }), c, 'R-ORD-004'), [
      'WRONG_ORDER_TYPE',
    ]);
    assert.deepEqual(
      codesOf(
        orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] }),
        c,
        'R-ORD-004',
      ),
      [],
    );
    assert.deepEqual(codesOf(orgDraft({ orderType: 'ADD_WEBSITE' }), c, 'R-ORD-004'), ['ALREADY_ACCESSED']);
  });
});

describe('R-ORD validation rules', () => {
  test('R-ORD-005: same name with an older number gives the 情况二 guidance', () => {
    const old = filedSubject({
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: OLD_REG_1,
      accessedHere: false,
      accountId: 'A',
    });
    const c = ctx({ registry: { subjects: [old], websites: [filedWebsite({ accessedHere: false })] } });
    const v = violationsOf(orgDraft({ orderType: 'ACCESS' }), c, 'R-ORD-005');
    assert.equal(v[0]?.code, 'DOMAIN_ALREADY_FILED');
    assert.match(v[0].fix?.zh ?? '', /原证件号码/);
  });
  test('R-ORD-006: a certificate number on record under another name is INFO_CONFLICT with the filing number', () => {
    const c = ctx({
      registry: { subjects: [filedSubject({ name: '别的名字有限公司', accountId: null })], websites: [] },
    });
    const v = violationsOf(orgDraft({ orderType: 'ADD_WEBSITE' }), c, 'R-ORD-006');
    assert.equal(v[0]?.code, 'INFO_CONFLICT');
    assert.match(v[0].message.zh, /粤ICP备18000001号/);
  });
  test('R-ORD-007: one order in flight per account (its own id excluded)', () => {
    const c = ctx({ openOrders: [open({ id: 'O-1', state: 'INITIAL_REJECTED' })] });
    assert.deepEqual(codesOf(personalDraft(), c, 'R-ORD-007'), ['ORDER_IN_FLIGHT']);
    assert.deepEqual(codesOf(personalDraft(), ctx({ orderId: 'O-1', openOrders: [open()] }), 'R-ORD-007'), []);
    assert.match(
      violationsOf(
        personalDraft(),
        ctx({ openOrders: [open({ atBureau: true, state: 'PENDING_BUREAU' })] }),
        'R-ORD-007',
      )[0].fix?.zh ?? '',
      /锁定/,
    );
  });
  test('R-ORD-008: the subject in flight at another provider is SUBJECT_CONFLICT', () => {
    const c = ctx({
      openOrders: [
        open({ id: 'P2-1', provider: 'OTHER', accountId: null, subjectCertificateNumber: USCC_1, state: 'IN_FLIGHT' }),
      ],
    });
    assert.deepEqual(codesOf(orgDraft(), c, 'R-ORD-008'), ['SUBJECT_CONFLICT']);
    assert.deepEqual(codesOf(orgDraft(), ctx(), 'R-ORD-008'), []);
  });
  test('R-ORD-009: a domain in flight elsewhere is DOMAIN_CONFLICT', () => {
    const c = ctx({
      openOrders: [
        open({
          id: 'P2-2',
          provider: 'OTHER',
          accountId: null,
          subjectCertificateNumber: 'X',
          domains: ['example-zs.cn'],
        }),
      ],
    });
    assert.deepEqual(codesOf(personalDraft(), c, 'R-ORD-009'), ['DOMAIN_CONFLICT']);
  });
  test('R-ORD-011: domains of different types in one order are MIXED_ORDER_TYPES', () => {
    const c = ctx({ account: { id: 'B' }, registry: { subjects: [travel], websites: [travelSite] } });
    const d = orgDraft({
      orderType: 'ACCESS',
      websites: [orgWebsite({ domains: ['example-travel.cn'] }), orgWebsite({ domains: ['example-travel2.cn'] })],
    });
    d.subject = { ...d.subject, name: travel.name, certificateNumber: travel.certificateNumber };
    const v = violationsOf(d, c, 'R-ORD-011');
    assert.equal(v[0]?.code, 'MIXED_ORDER_TYPES');
    assert.match(v[0].message.en, /ACCESS.*ADD_WEBSITE/);
    assert.match(v[0].fix?.zh ?? '', /先进行接入备案/);
  });
  test('R-ORD-029: ADD_WEBSITE refuses subject data that differ from the record', () => {
    const c = ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } });
    const d = orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] });
    assert.deepEqual(codesOf(d, c, 'R-ORD-029'), []);
    d.subject = {
      ...d.subject,
      communicationAddress: { province: '广东', city: '广州', district: '天河区', detail: '新示例路2号' },
    };
    assert.deepEqual(codesOf(d, c, 'R-ORD-029'), ['CHANGE_REQUIRED']);
    const phone = {
      ...d,
      subject: orgDraft().subject,
      subjectPrincipal: { ...d.subjectPrincipal, officePhone: '020-22222222' },
    };
    assert.deepEqual(
      codesOf(phone, c).filter((x) => x === 'CHANGE_REQUIRED'),
      ['CHANGE_REQUIRED'],
      'the principal part is R-SUB-021',
    );
  });
  test('R-ORD-030: ADD_WEBSITE re-checks filed websites against current rules', () => {
    const c = ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite({ name: '中国示例网' })] } });
    const d = orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] });
    const v = violationsOf(d, c, 'R-ORD-030');
    assert.equal(v[0]?.code, 'EXISTING_DATA_NONCOMPLIANT');
    assert.match(v[0].message.zh, /规则 1/);
    const unreachable = ctx({
      registry: {
        subjects: [filedSubject()],
        websites: [filedWebsite({ probe: { reachable: false, filingNumberShown: false } })],
      },
    });
    assert.deepEqual(codesOf(d, unreachable, 'R-ORD-030'), [], 'an unreachable site is not a missing filing number');
    const noNumber = ctx({
      registry: {
        subjects: [filedSubject()],
        websites: [filedWebsite({ probe: { reachable: true, filingNumberShown: false } })],
      },
    });
    assert.deepEqual(codesOf(d, noNumber, 'R-ORD-030'), ['EXISTING_DATA_NONCOMPLIANT']);
  });
  test('R-ORD-032: ACCESS selects only websites of the subject', () => {
    const c = ctx({
      account: { id: 'B' },
      registry: { subjects: [travel, filedSubject()], websites: [travelSite, filedWebsite()] },
    });
    const d = orgDraft({
      orderType: 'ACCESS',
      subjectFilingNumber: travel.filingNumber,
      websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1', domains: ['example-shop.cn'] })],
    });
    d.subject = { ...d.subject, name: travel.name };
    assert.deepEqual(codesOf(d, c, 'R-ORD-032'), ['ACCESS_WEBSITE_NOT_OF_SUBJECT']);
  });
  test('R-ORD-033: certificate and domain on two same-name records is ACCESS_DATA_INCONSISTENT', () => {
    const a = filedSubject({ filingNumber: '粤ICP备18000009号', accessedHere: false });
    const b = filedSubject({ filingNumber: '粤ICP备18000001号', certificateNumber: OLD_REG_1, accessedHere: false });
    const c = ctx({ registry: { subjects: [a, b], websites: [filedWebsite({ accessedHere: false })] } });
    const v = violationsOf(orgDraft({ orderType: 'ACCESS' }), c, 'R-ORD-033');
    assert.equal(v[0]?.code, 'ACCESS_DATA_INCONSISTENT');
    assert.match(v[0].fix?.zh ?? '', /注销原备案/);
  });
  test('R-ORD-037: change orders only warn about the other filed websites', () => {
    const c = ctx({
      registry: {
        subjects: [filedSubject()],
        websites: [
          filedWebsite(),
          filedWebsite({ filingNumber: '粤ICP备18000001号-2', name: '国家示例网', domains: ['example-two.cn'] }),
        ],
      },
    });
    const d = orgDraft({
      orderType: 'CHANGE_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1' })],
    });
    const v = violationsOf(d, c, 'R-ORD-037');
    assert.deepEqual(
      v.map((x) => [x.code, x.severity, x.field]),
      [['EXISTING_WEBSITE_NONCOMPLIANT', 'warn', 'existingWebsites[粤ICP备18000001号-2].name']],
    );
  });
});
