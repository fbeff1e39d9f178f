import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { provinceTable } from '../provinces/table.ts';
import type { ProvinceTable } from '../provinces/types.ts';
import {
  codesOf,
  ctx,
  filedSubject,
  filedWebsite,
  ID_LS,
  ID_WW,
  OLD_REG_1,
  orgDraft,
  orgWebsite,
  personalDraft,
  principalUse,
  USCC_1,
  USCC_2,
  violationsOf,
  张三,
  李四,
  王五,
} from '../test-fixtures.ts';
import { residentIdCheckChar } from '../validators/resident-id.ts';

/** A province table with one key changed for one province (what an operator override does). */
function tableWith<K extends keyof ProvinceTable['广东']>(
  province: keyof ProvinceTable,
  key: K,
  value: ProvinceTable['广东'][K],
): ProvinceTable {
  return { ...provinceTable, [province]: { ...provinceTable[province], [key]: value } };
}

describe('R-SUB subject and principal rules', () => {
  test('R-SUB-001: organisation certificate types are mainland ones; a foreign registration is refused with the HK hint', () => {
    const d = orgDraft();
    d.subject = { ...d.subject, certificateType: 'FOREIGN_REGISTRATION' };
    const v = violationsOf(d, ctx(), 'R-SUB-001');
    assert.equal(v[0]?.code, 'FOREIGN_ORG_NOT_ALLOWED');
    assert.match(v[0].fix?.zh ?? '', /分公司/);
    assert.match(v[0].fix?.zh ?? '', /香港/);
    const p = personalDraft();
    p.subject = { ...p.subject, certificateType: 'USCC_LICENCE' };
    assert.deepEqual(codesOf(p, ctx(), 'R-SUB-001'), ['CERT_TYPE_NOT_ALLOWED']);
    assert.deepEqual(codesOf(orgDraft(), ctx(), 'R-SUB-001'), []);
    const empty = orgDraft();
    empty.subject = {};
    assert.deepEqual(codesOf(empty, ctx(), 'R-SUB-001'), [
      'FIELD_REQUIRED',
      'FIELD_REQUIRED',
      'FIELD_REQUIRED',
      'FIELD_REQUIRED',
    ]);
  });
  test('R-SUB-002: USCC check character, registration-number shape and resident ID are validated', () => {
    const bad = orgDraft();
    bad.subject = { ...bad.subject, certificateNumber: `${USCC_1.slice(0, 17)}${USCC_1[17] === '0' ? '1' : '0'}` };
    assert.deepEqual(codesOf(bad, ctx(), 'R-SUB-002'), ['CERT_NUMBER_INVALID']);
    const old = orgDraft();
    old.subject = { ...old.subject, certificateNumber: OLD_REG_1 };
    assert.match(violationsOf(old, ctx(), 'R-SUB-002')[0]?.fix?.zh ?? '', /注册号/);
    const reg = orgDraft();
    reg.subject = { ...reg.subject, certificateType: 'BUSINESS_REGISTRATION', certificateNumber: OLD_REG_1 };
    assert.deepEqual(codesOf(reg, ctx(), 'R-SUB-002'), []);
    const id = personalDraft();
    id.subject = {
      ...id.subject,
      certificateNumber:
        '440106199001010010' === id.subject?.certificateNumber ? '440106199001010011' : '440106199001010010',
    };
    assert.deepEqual(codesOf(id, ctx(), 'R-SUB-002'), ['CERT_NUMBER_INVALID']);
  });
  test('R-SUB-003: a FIRST with the old registration number warns; with a USCC upload it blocks', () => {
    const d = orgDraft();
    d.subject = { ...d.subject, certificateType: 'BUSINESS_REGISTRATION', certificateNumber: OLD_REG_1 };
    assert.deepEqual(
      violationsOf(d, ctx(), 'R-SUB-003').map((v) => [v.code, v.severity]),
      [['CERT_NOT_LATEST', 'warn']],
    );
    d.subject = { ...d.subject, uploadedCertificateNumber: USCC_1 };
    assert.deepEqual(
      violationsOf(d, ctx(), 'R-SUB-003').map((v) => [v.code, v.severity]),
      [['CERT_NOT_LATEST', 'block']],
    );
    assert.deepEqual(codesOf(orgDraft(), ctx(), 'R-SUB-003'), []);
  });
  test('R-SUB-004: a with-subject ADD_WEBSITE whose record holds the old number needs CERT_CHANGE_REQUIRED', () => {
    const rec = filedSubject({
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: OLD_REG_1,
      latestCertificateNumber: USCC_1,
    });
    const d = orgDraft({ orderType: 'ADD_WEBSITE', subjectFilingNumber: rec.filingNumber });
    const c = ctx({ registry: { subjects: [rec], websites: [filedWebsite()] } });
    assert.deepEqual(codesOf(d, c, 'R-SUB-004'), ['CERT_CHANGE_REQUIRED']);
    const fixed = ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } });
    assert.deepEqual(codesOf(d, fixed, 'R-SUB-004'), []);
    const pending = ctx({
      registry: { subjects: [filedSubject({ flags: ['CERT_UPDATE_PENDING'] })], websites: [filedWebsite()] },
    });
    assert.deepEqual(codesOf(d, pending, 'R-SUB-004'), ['CERT_CHANGE_REQUIRED'], 'R-CHG-020 obligation blocks too');
  });
  test('R-SUB-005: without-subject orders must enter the original number', () => {
    const rec = filedSubject({
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: OLD_REG_1,
      latestCertificateNumber: USCC_1,
      accessedHere: false,
      accountId: 'A',
    });
    const c = ctx({ registry: { subjects: [rec], websites: [] } });
    assert.deepEqual(codesOf(orgDraft({ orderType: 'ADD_WEBSITE' }), c, 'R-SUB-005'), ['CERT_NUMBER_NOT_ON_RECORD']);
    const old = orgDraft({ orderType: 'ADD_WEBSITE' });
    old.subject = {
      ...old.subject,
      certificateType: 'BUSINESS_REGISTRATION',
      certificateNumber: OLD_REG_1,
      uploadedCertificateNumber: USCC_1,
    };
    assert.deepEqual(codesOf(old, c, 'R-SUB-005'), []);
  });
  test('R-SUB-006: an organisation files in its certificate province (address, else code)', () => {
    assert.deepEqual(codesOf(orgDraft({ province: '北京' }), ctx(), 'R-SUB-006'), ['REGION_NOT_CERT_PROVINCE']);
    const noAddr = orgDraft({ province: '浙江' });
    noAddr.subject = { ...noAddr.subject, certificateAddress: undefined };
    assert.deepEqual(codesOf(noAddr, ctx(), 'R-SUB-006'), ['REGION_NOT_CERT_PROVINCE'], 'USCC region 440106 is 广东');
    assert.deepEqual(codesOf(orgDraft(), ctx(), 'R-SUB-006'), []);
    assert.deepEqual(codesOf(personalDraft({ province: '北京' }), ctx(), 'R-SUB-006'), [], 'not for individuals');
  });
  test('R-SUB-007: the communication address must be in the filing province', () => {
    const d = orgDraft();
    d.subject = { ...d.subject, communicationAddress: { province: '浙江省', city: '杭州', detail: '西湖区示例路2号' } };
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-007'), ['ADDRESS_PROVINCE_MISMATCH']);
    const missing = orgDraft();
    missing.subject = { ...missing.subject, communicationAddress: undefined };
    assert.deepEqual(codesOf(missing, ctx(), 'R-SUB-007'), ['FIELD_REQUIRED']);
    assert.deepEqual(codesOf(orgDraft(), ctx(), 'R-SUB-007'), []);
  });
  test('R-SUB-008: a person files in the ID province unless the province allows it and a residence permit is uploaded', () => {
    const d = personalDraft({ province: '浙江' });
    d.subject = {
      ...d.subject,
      certificateAddress: undefined,
      communicationAddress: { province: '浙江', detail: '杭州市西湖区示例路3号' },
    };
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-008'), ['NON_LOCAL_PERSONAL_NOT_ALLOWED']);
    d.materials = [
      ...(d.materials ?? []),
      { kind: 'RESIDENCE_PERMIT', blobId: 'rp', fileName: 'rp.jpg', sizeBytes: 1000 },
    ];
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-008'), []);
    const closed = ctx({ provinces: tableWith('浙江', 'allowNonLocalPersonal', false) });
    assert.match(violationsOf(d, closed, 'R-SUB-008')[0]?.message.zh ?? '', /不允许异地个人备案/);
  });
  test('R-SUB-009: an address without house number warns unless the remark explains it', () => {
    const d = orgDraft();
    d.subject = {
      ...d.subject,
      communicationAddress: { province: '广东', city: '广州', district: '天河区', detail: '示例村' },
    };
    assert.deepEqual(
      violationsOf(d, ctx(), 'R-SUB-009').map((v) => [v.code, v.severity]),
      [['SUBJECT_INFO_INCOMPLETE', 'warn']],
    );
    d.subject = { ...d.subject, remark: '通信地址已为最详细地址' };
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-009'), []);
  });
  test('R-SUB-010: the organisation principal is the legal representative; a branch uses the head office one', () => {
    assert.deepEqual(codesOf(orgDraft({ subjectPrincipal: { ...王五 } }), ctx(), 'R-SUB-010'), [
      'PRINCIPAL_NOT_LEGAL_REP',
    ]);
    const branch = orgDraft({ subjectPrincipal: { ...李四 } });
    branch.subject = {
      ...branch.subject,
      name: '广州示例科技有限公司深圳分公司',
      legalRepresentative: { name: '王五' },
      branchOf: { name: '广州示例科技有限公司', legalRepresentativeName: '李四' },
    };
    assert.deepEqual(codesOf(branch, ctx(), 'R-SUB-010'), []);
    assert.deepEqual(codesOf(orgDraft(), ctx(), 'R-SUB-010'), []);
  });
  test('R-SUB-011: a personal subject is its own principal', () => {
    assert.deepEqual(codesOf(personalDraft({ subjectPrincipal: { ...王五 } }), ctx(), 'R-SUB-011'), [
      'SUBJECT_PRINCIPAL_NOT_SELF',
      'SUBJECT_PRINCIPAL_NOT_SELF',
    ]);
    assert.deepEqual(codesOf(personalDraft(), ctx(), 'R-SUB-011'), []);
  });
  test('R-SUB-012: a principal under 18 per province policy (SUPPLEMENT default, REJECT, ALLOW)', () => {
    const first17 = '44010620010101001';
    const minor = { ...李四, certificateNumber: first17 + residentIdCheckChar(first17) };
    const d = orgDraft({ subjectPrincipal: minor });
    d.subject = { ...d.subject, legalRepresentative: { name: '李四' } };
    assert.deepEqual(
      violationsOf(d, ctx(), 'R-SUB-012').map((v) => [v.code, v.severity]),
      [['SUPPLEMENTARY_MATERIALS_REQUIRED', 'warn']],
    );
    assert.deepEqual(codesOf(d, ctx({ provinces: tableWith('广东', 'minorPrincipal', 'REJECT') }), 'R-SUB-012'), [
      'PRINCIPAL_UNDER_18',
    ]);
    assert.deepEqual(codesOf(d, ctx({ provinces: tableWith('广东', 'minorPrincipal', 'ALLOW') }), 'R-SUB-012'), []);
    assert.deepEqual(
      codesOf(orgDraft(), ctx({ provinces: tableWith('广东', 'minorPrincipal', 'REJECT') }), 'R-SUB-012'),
      [],
    );
  });
  test('R-SUB-013: principals need name, certificate, validity, mobile, office phone and e-mail, well-formed', () => {
    const d = orgDraft({
      subjectPrincipal: {
        name: '李四',
        certificateType: 'RESIDENT_ID',
        certificateNumber: ID_LS,
        mobile: '12345678901',
        officePhone: '025-1234567',
        email: 'x@',
      },
    });
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-013'), [
      'EMAIL_INVALID',
      'FIELD_REQUIRED',
      'MOBILE_INVALID',
      'PHONE_INVALID',
    ]);
    const w = orgDraft({ websites: [orgWebsite({ principal: undefined })] });
    assert.deepEqual(codesOf(w, ctx(), 'R-SUB-013'), ['FIELD_REQUIRED']);
    assert.deepEqual(codesOf(orgDraft(), ctx(), 'R-SUB-013'), []);
  });
  test('R-SUB-014: a personal office phone may be a mobile', () => {
    assert.deepEqual(
      codesOf(personalDraft(), ctx()).filter((c) => c.includes('PHONE') || c.includes('LANDLINE')),
      [],
    );
  });
  test('R-SUB-015: an organisation office phone may be a mobile except where orgLandlineRequired (江苏)', () => {
    const d = orgDraft({ subjectPrincipal: { ...李四, officePhone: '13800000002' } });
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-015'), []);
    const js = ctx({ provinces: tableWith('广东', 'orgLandlineRequired', true) });
    assert.deepEqual(codesOf(d, js, 'R-SUB-015'), ['LANDLINE_REQUIRED']);
    assert.equal(codesOf(d, js).filter((c) => c === 'LANDLINE_REQUIRED').length, 1, 'R-PRV-003 restating it is merged');
  });
  test('R-SUB-016: mobile must be local only where mobileMustBeLocal', () => {
    const mp = { '13800000009': '北京' as const };
    assert.deepEqual(codesOf(orgDraft(), ctx({ mobileProvinces: mp }), 'R-SUB-016'), []);
    assert.deepEqual(
      codesOf(
        orgDraft(),
        ctx({ mobileProvinces: mp, provinces: tableWith('广东', 'mobileMustBeLocal', true) }),
        'R-SUB-016',
      ),
      ['MOBILE_NOT_LOCAL'],
    );
  });
  test('R-SUB-017: mobiles must be SMS-verified when the server knows the verified set', () => {
    assert.deepEqual(codesOf(orgDraft(), ctx({ verifiedMobiles: ['13800000005'] }), 'R-SUB-017'), [
      'MOBILE_NOT_VERIFIED',
    ]);
    assert.deepEqual(
      codesOf(orgDraft(), ctx({ verifiedMobiles: ['13800000005', '+86 138 0000 0009'] }), 'R-SUB-017'),
      [],
    );
  });
  test('R-SUB-018: unsupported prefixes are refused (configurable)', () => {
    const d = personalDraft({ subjectPrincipal: { ...张三, mobile: '17000000001' } });
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-018'), ['MOBILE_SEGMENT_UNSUPPORTED']);
    assert.deepEqual(codesOf(d, ctx({ config: { supportedMobilePrefixes: ['170', '138'] } }), 'R-SUB-018'), []);
  });
  test('R-SUB-019: a mobile of another subject is refused unless the same person holds it (province may switch that off)', () => {
    const uses = [
      principalUse({
        subjectCertificateNumber: USCC_2,
        subjectName: '深圳另一有限公司',
        name: '王五',
        certificateNumber: ID_WW,
        mobile: '13800000005',
        role: 'WEBSITE',
      }),
    ];
    const d = orgDraft();
    assert.deepEqual(codesOf(d, ctx({ registry: { subjects: [], websites: [], principals: uses } }), 'R-SUB-019'), []);
    const off = ctx({
      registry: { subjects: [], websites: [], principals: uses },
      provinces: tableWith('广东', 'mobileSamePersonException', false),
    });
    assert.deepEqual(codesOf(d, off, 'R-SUB-019'), ['MOBILE_USED_BY_OTHER_SUBJECT']);
  });
  test('R-SUB-020: landline reuse across subjects only where landlineUniquePerSubject', () => {
    const uses = [
      principalUse({ subjectCertificateNumber: USCC_2, officePhone: '020-88888888', mobile: '13900000000' }),
    ];
    assert.deepEqual(
      codesOf(orgDraft(), ctx({ registry: { subjects: [], websites: [], principals: uses } }), 'R-SUB-020'),
      [],
    );
    assert.deepEqual(
      codesOf(
        orgDraft(),
        ctx({
          registry: { subjects: [], websites: [], principals: uses },
          provinces: tableWith('广东', 'landlineUniquePerSubject', true),
        }),
        'R-SUB-020',
      ),
      ['LANDLINE_USED_BY_OTHER_SUBJECT'],
    );
  });
  test('R-SUB-021 R-SUB-022: ADD_WEBSITE keeps the subject principal, website principals may differ', () => {
    const c = ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } });
    const d = orgDraft({
      orderType: 'ADD_WEBSITE',
      websites: [orgWebsite({ domains: ['example-new.cn'], principal: { ...李四 } })],
    });
    assert.deepEqual(codesOf(d, c, 'R-SUB-021'), []);
    d.subjectPrincipal = { ...王五 };
    assert.ok(
      codesOf(d, c, 'R-SUB-021').every((x) => x === 'CHANGE_REQUIRED') && codesOf(d, c, 'R-SUB-021').length > 0,
    );
  });
  test('R-SUB-023: website principal of a second organisation is refused; own personal subject is fine', () => {
    const personalUse = principalUse({
      subjectCertificateNumber: 'P',
      subjectName: '王五',
      subjectType: 'PERSONAL',
      name: '王五',
      certificateNumber: ID_WW,
      mobile: '13800000005',
    });
    assert.deepEqual(
      codesOf(orgDraft(), ctx({ registry: { subjects: [], websites: [], principals: [personalUse] } }), 'R-SUB-023'),
      [],
    );
    const otherOrg = principalUse({
      subjectCertificateNumber: USCC_2,
      subjectName: '广州另一科技有限公司',
      role: 'WEBSITE',
      name: '王五',
      certificateNumber: ID_WW,
      mobile: '13800000005',
    });
    assert.deepEqual(
      codesOf(orgDraft(), ctx({ registry: { subjects: [], websites: [], principals: [otherOrg] } }), 'R-SUB-023'),
      ['WEBSITE_PRINCIPAL_MULTI_COMPANY'],
    );
  });
  test('R-SUB-024: a linked website principal is the subject principal (no separate record to check)', () => {
    const d = orgDraft({ websites: [orgWebsite({ principal: undefined, principalSameAsSubject: true })] });
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-013'), []);
  });
  test('R-SUB-025: a non-legal-rep website principal is accepted outside the R-PRV-008 provinces', () => {
    assert.deepEqual(codesOf(orgDraft(), ctx()), []);
  });
  test('R-SUB-026: expired certificates block, ones expiring during the bureau review warn', () => {
    const d = orgDraft({ subjectPrincipal: { ...李四, certificateValidTo: '2018-10-01' } });
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-026'), ['CERT_EXPIRED']);
    const soon = orgDraft({ subjectPrincipal: { ...李四, certificateValidTo: '2018-11-20' } });
    assert.deepEqual(
      violationsOf(soon, ctx(), 'R-SUB-026').map((v) => [v.code, v.severity]),
      [['CERT_EXPIRES_DURING_REVIEW', 'warn']],
    );
    const long = orgDraft({ subjectPrincipal: { ...李四, certificateValidTo: 'LONG_TERM' } });
    assert.deepEqual(codesOf(long, ctx(), 'R-SUB-026'), []);
  });
  test('R-SUB-027: an expired principal ID on file blocks ADD_WEBSITE with CHANGE_REQUIRED', () => {
    const c = ctx({
      registry: {
        subjects: [filedSubject({ flags: ['PRINCIPAL_ID_EXPIRED'] })],
        websites: [
          filedWebsite({ principal: { name: '王五', certificateNumber: ID_WW, certificateValidTo: '2018-10-31' } }),
        ],
      },
    });
    const d = orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] });
    assert.deepEqual(codesOf(d, c, 'R-SUB-027'), ['CHANGE_REQUIRED', 'CHANGE_REQUIRED']);
    assert.deepEqual(
      codesOf(d, ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } }), 'R-SUB-027'),
      [],
    );
  });
  test('R-SUB-028: a passport principal is accepted; in 河北-style provinces a foreign legal rep must delegate', () => {
    const foreign = {
      ...李四,
      name: 'John Smith',
      certificateType: 'PASSPORT' as const,
      certificateNumber: 'E12345678',
      nationality: 'US',
    };
    const d = orgDraft({ subjectPrincipal: foreign });
    d.subject = {
      ...d.subject,
      legalRepresentative: { name: 'John Smith', certificateType: 'PASSPORT', nationality: 'US' },
    };
    assert.deepEqual(codesOf(d, ctx(), 'R-SUB-028'), []);
    const hb = ctx({ provinces: tableWith('广东', 'foreignLegalRepMustDelegate', true) });
    assert.deepEqual(codesOf(d, hb, 'R-SUB-028'), ['FOREIGN_PRINCIPAL_NOT_ALLOWED']);
    const delegated = { ...d, subjectPrincipal: { ...王五 } };
    assert.deepEqual(
      codesOf(delegated, hb).filter((x) => x === 'FOREIGN_PRINCIPAL_NOT_ALLOWED' || x === 'PRINCIPAL_NOT_LEGAL_REP'),
      ['FOREIGN_PRINCIPAL_NOT_ALLOWED'],
    );
    delegated.materials = [
      ...(delegated.materials ?? []),
      { kind: 'FOREIGN_REP_AUTHORISATION', blobId: 'fa', fileName: 'a.jpg', sizeBytes: 1000 },
    ];
    assert.deepEqual(
      codesOf(delegated, hb).filter((x) => x === 'FOREIGN_PRINCIPAL_NOT_ALLOWED' || x === 'PRINCIPAL_NOT_LEGAL_REP'),
      [],
    );
  });
  test('R-SUB-029: an ACCESS order cannot edit the copied subject data', () => {
    const c = ctx({
      registry: {
        subjects: [filedSubject({ accessedHere: false })],
        websites: [filedWebsite({ accessedHere: false })],
      },
    });
    const d = orgDraft({
      orderType: 'ACCESS',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1' })],
    });
    assert.deepEqual(codesOf(d, c, 'R-SUB-029'), []);
    d.subject = { ...d.subject, communicationAddress: { province: '广东', city: '广州', detail: '新地址9号' } };
    assert.deepEqual(codesOf(d, c, 'R-SUB-029'), ['ACCESS_DATA_READ_ONLY']);
  });
});
