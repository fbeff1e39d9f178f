import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FilingDraft, Material, Principal, Province } from '../draft.ts';
import { ruleApplies } from '../rule.ts';
import {
  certMustMatchOriginal,
  certRenewalGroupA,
  financeUndertaking,
  foreignLegalRepDelegates,
  gameChangeNeedsCultureLicence,
  gameViaChangeOnly,
  landlineRequired,
  latestCertOnly,
  legalRepAuthLetter,
  officeMobileRemark,
  officePhoneDiffersFromMobile,
  partyBuildingProof,
  provinceRules,
  suffixAllowed,
} from './rules.ts';
import { applyOverrides, provinceTable } from './table.ts';
import { codes, ctxFor, draftFor, run, 张三, 李四, 王五 } from './test-support.ts';
import { PROVINCE_NAMES } from './types.ts';

const others = (...except: Province[]) => PROVINCE_NAMES.filter((p) => !except.includes(p));

describe('provinceRules registry', () => {
  test('R-PRV-001: every rule has a catalogue id, a code, zh/en titles and no province list in its scope', () => {
    for (const r of provinceRules) {
      assert.match(r.id, /^R-PRV-\d{3}$/);
      assert.ok(r.code && r.title.zh && r.title.en);
      assert.equal(r.scope.provinces, undefined, `${r.id} must read the table, not list provinces`);
    }
  });

  test('R-PRV-001: a clean organisation FIRST order (with 新疆’s party proof) raises nothing in any province', () => {
    for (const p of PROVINCE_NAMES) {
      const d = draftFor({
        province: p,
        subjectPrincipal: 李四,
        websites: [{ name: '示例科技官网', domains: ['example-shop.cn'], principal: 李四 }],
        materials: [{ kind: 'XJ_PARTY_PROOF' }],
      });
      assert.deepEqual(run(provinceRules, d), [], p);
    }
  });
});

describe('R-PRV-003 LANDLINE_REQUIRED', () => {
  const withOfficePhone = (
    province: Province,
    phone: string | undefined,
    subjectType: 'ENTERPRISE' | 'PERSONAL' = 'ENTERPRISE',
  ) =>
    draftFor({
      province,
      subjectType,
      subjectPrincipal: { ...(subjectType === 'PERSONAL' ? 张三 : 李四), officePhone: phone },
    });

  test('FAQ-092 R-PRV-003: 江苏 organisation: empty is left to the required-field rule, a mobile is refused, 025-12345678 passes', () => {
    assert.deepEqual(codes(run([landlineRequired], withOfficePhone('江苏', undefined))), []);
    const v = run([landlineRequired], withOfficePhone('江苏', '13800000002'));
    assert.deepEqual(codes(v), ['LANDLINE_REQUIRED']);
    assert.equal(v[0].field, 'subjectPrincipal.officePhone');
    assert.equal(v[0].severity, 'block');
    assert.ok(v[0].message.zh && v[0].message.en && v[0].fix?.zh);
    assert.deepEqual(run([landlineRequired], withOfficePhone('江苏', '025-12345678')), []);
  });

  test('R-PRV-003: truth table: a mobile office phone is refused in 江苏 only', () => {
    for (const p of PROVINCE_NAMES) {
      const got = codes(run([landlineRequired], withOfficePhone(p, '13800000002')));
      assert.deepEqual(got, p === '江苏' ? ['LANDLINE_REQUIRED'] : [], p);
    }
  });

  test('R-PRV-003 R-SUB-014: a personal subject in 江苏 may give a mobile', () => {
    assert.deepEqual(run([landlineRequired], withOfficePhone('江苏', '13800000003', 'PERSONAL')), []);
  });

  test('R-PRV-003: website principals of an organisation are held to the same rule', () => {
    const d = draftFor({
      province: '江苏',
      websites: [{ name: '官网', domains: ['example-nj.cn'], principal: { ...王五, officePhone: '13800000002' } }],
    });
    assert.deepEqual(
      run([landlineRequired], d).map((v) => v.field),
      ['websites[0].principal.officePhone'],
    );
  });

  test('R-PRV-003: an operator override extends it to another province', () => {
    const t = applyOverrides(
      provinceTable,
      [{ province: '浙江', key: 'orgLandlineRequired', value: true, effectiveFrom: '2018-11-01', source: 'test' }],
      '2018-11-05',
    );
    assert.deepEqual(codes(run([landlineRequired], withOfficePhone('浙江', '13800000002'), ctxFor({}, t))), [
      'LANDLINE_REQUIRED',
    ]);
  });
});

describe('R-PRV-004..006 OFFICE_MOBILE_REMARK_REQUIRED', () => {
  const org = (province: Province, remark: string | undefined, officePhone = '13900000003') =>
    draftFor({ province, subjectRemark: remark, subjectPrincipal: { ...李四, officePhone } });

  test('FAQ-093 R-PRV-004: 甘肃: empty remark refused; 「办公电话为手机，持有人职务：行政经理」 accepted', () => {
    const v = run([officeMobileRemark], org('甘肃', undefined));
    assert.deepEqual(codes(v), ['OFFICE_MOBILE_REMARK_REQUIRED']);
    assert.equal(v[0].rule, 'R-PRV-004');
    assert.equal(v[0].field, 'subject.remark');
    assert.deepEqual(run([officeMobileRemark], org('甘肃', '办公电话为手机，持有人职务：行政经理')), []);
  });

  test('FAQ-094 R-PRV-005 R-PRV-006: 重庆 accepts 「联系人：王五」; 天津 refuses 「王五」 and accepts 「王五，行政经理」', () => {
    assert.deepEqual(run([officeMobileRemark], org('重庆', '联系人：王五')), []);
    const v = run([officeMobileRemark], org('天津', '王五'));
    assert.deepEqual(codes(v), ['OFFICE_MOBILE_REMARK_REQUIRED']);
    assert.equal(v[0].rule, 'R-PRV-006');
    assert.match(v[0].message.zh, /缺少企业职务/);
    assert.deepEqual(run([officeMobileRemark], org('天津', '王五，行政经理')), []);
  });

  test('R-PRV-005: 重庆 refuses a remark without a name, citing R-PRV-005', () => {
    const v = run([officeMobileRemark], org('重庆', '行政经理'));
    assert.deepEqual(
      v.map((x) => x.rule),
      ['R-PRV-005'],
    );
  });

  test('R-PRV-004..006: truth table: an empty remark with a mobile office phone is refused in 甘肃, 重庆, 天津 only', () => {
    const expected: Partial<Record<Province, string>> = { 甘肃: 'R-PRV-004', 重庆: 'R-PRV-005', 天津: 'R-PRV-006' };
    for (const p of PROVINCE_NAMES) {
      const v = run([officeMobileRemark], org(p, ''));
      assert.deepEqual(
        v.map((x) => x.rule),
        expected[p] ? [expected[p]] : [],
        p,
      );
    }
  });

  test('R-PRV-004..006: a landline office phone needs no remark, and personal subjects are out of scope', () => {
    assert.deepEqual(run([officeMobileRemark], org('天津', undefined, '022-12345678')), []);
    const personal = draftFor({ province: '天津', subjectType: 'PERSONAL' });
    assert.deepEqual(run([officeMobileRemark], personal), []);
  });

  test('R-PRV-004 (interp.): a website principal with a mobile office phone is checked against the website remark', () => {
    const d = draftFor({
      province: '甘肃',
      subjectRemark: '持有人职务：经理',
      websites: [
        { name: '官网', domains: ['example-lz.cn'], principal: { ...王五, officePhone: '13800000002' }, remark: '' },
      ],
    });
    const v = run([officeMobileRemark], { ...d, subjectPrincipal: { ...李四, officePhone: '13900000003' } });
    assert.deepEqual(
      v.map((x) => x.field),
      ['websites[0].remark'],
    );
    d.websites![0].remark = '王五 行政专员';
    assert.deepEqual(run([officeMobileRemark], d), []);
  });
});

describe('R-PRV-007 OFFICE_PHONE_EQUALS_MOBILE', () => {
  test('R-PRV-007: truth table: office phone = own mobile is refused in 辽宁, 吉林, 北京 only', () => {
    for (const p of PROVINCE_NAMES) {
      const d = draftFor({ province: p, subjectPrincipal: { ...李四, officePhone: '138 0000 0001' } });
      assert.deepEqual(
        codes(run([officePhoneDiffersFromMobile], d)),
        ['辽宁', '吉林', '北京'].includes(p) ? ['OFFICE_PHONE_EQUALS_MOBILE'] : [],
        p,
      );
    }
  });

  test('R-PRV-007: a different mobile as office phone passes in 北京', () => {
    const d = draftFor({ province: '北京', subjectPrincipal: { ...李四, officePhone: '13800000009' } });
    assert.deepEqual(run([officePhoneDiffersFromMobile], d), []);
  });
});

describe('R-PRV-008 LEGAL_REP_AUTH_MISSING', () => {
  const letter: Material = { kind: 'LEGAL_REP_AUTH_LETTER', websiteIndex: 0, fileName: 'auth.png', sizeBytes: 300_000 };

  test('FAQ-128 R-PRV-008: 上海, 湖北, 贵州, 天津, 湖南 refuse a non-legal-rep website principal without the letter; with it, it passes', () => {
    for (const p of ['上海', '湖北', '贵州', '天津', '湖南'] as const) {
      const d = draftFor({ province: p });
      const v = run([legalRepAuthLetter], d);
      assert.deepEqual(codes(v), ['LEGAL_REP_AUTH_MISSING'], p);
      assert.equal(v[0].field, 'websites[0].principal');
      assert.deepEqual(run([legalRepAuthLetter], { ...d, materials: [letter] }), [], p);
    }
  });

  test('R-PRV-008 R-SUB-025: the other 26 provinces need no letter', () => {
    for (const p of others('上海', '湖北', '贵州', '天津', '湖南')) {
      assert.deepEqual(run([legalRepAuthLetter], draftFor({ province: p })), [], p);
    }
  });

  test('R-PRV-008: no letter is needed when the website principal is the legal rep, directly or via 同主体负责人', () => {
    const d1 = draftFor({
      province: '上海',
      websites: [{ name: '官网', domains: ['example-sh.cn'], principal: 李四 }],
    });
    const d2 = draftFor({
      province: '上海',
      websites: [{ name: '官网', domains: ['example-sh.cn'], principalSameAsSubject: true }],
    });
    assert.deepEqual(run([legalRepAuthLetter], d1), []);
    assert.deepEqual(run([legalRepAuthLetter], d2), []);
  });

  test('R-PRV-008: each website is judged separately; a letter of another website does not count', () => {
    const d = draftFor({
      province: '湖南',
      websites: [
        { name: 'A', domains: ['example-a.cn'], principal: 王五 },
        { name: 'B', domains: ['example-b.cn'], principal: 李四 },
        { name: 'C', domains: ['example-c.cn'], principal: 王五 },
      ],
      materials: [letter],
    });
    assert.deepEqual(
      run([legalRepAuthLetter], d).map((v) => v.field),
      ['websites[2].principal'],
    );
  });
});

describe('R-PRV-010 / R-PRV-011 certificate-renewal groups', () => {
  const renewed = (province: Province, orderType: 'ADD_WEBSITE' | 'ACCESS', uploaded: string): FilingDraft => {
    const d = draftFor({ province, orderType });
    d.subject = { ...d.subject!, certificateNumber: '440101000000001', uploadedCertificateNumber: uploaded };
    return d;
  };

  test('FAQ-067 R-PRV-010: 广东 (group A) ACCESS with the old number and the new licence passes, with the change-subject reminder', () => {
    const v = run(provinceRules, renewed('广东', 'ACCESS', '91440101MA59UQXX0X'));
    assert.deepEqual(codes(v), ['CERT_UPDATE_PENDING']);
    assert.equal(v[0].severity, 'warn');
    assert.equal(v[0].rule, 'R-PRV-010');
  });

  test('FAQ-068 R-PRV-011: 陕西 (group B) refuses the new licence, accepts a licence bearing the original number', () => {
    const v = run(provinceRules, renewed('陕西', 'ACCESS', '91440101MA59UQXX0X'));
    assert.deepEqual(codes(v), ['CERT_MUST_MATCH_ORIGINAL']);
    assert.equal(v[0].severity, 'block');
    assert.match(v[0].fix!.zh, /原接入商.*注销原主体/);
    assert.deepEqual(run(provinceRules, renewed('陕西', 'ACCESS', '440101000000001')), []);
  });

  test('FAQ-070 R-PRV-010 R-PRV-011: 江苏 accepts the new licence for ACCESS, refuses it for ADD_WEBSITE', () => {
    assert.deepEqual(codes(run(provinceRules, renewed('江苏', 'ACCESS', '91320100MA1XXXXX0X'))), [
      'CERT_UPDATE_PENDING',
    ]);
    assert.deepEqual(codes(run(provinceRules, renewed('江苏', 'ADD_WEBSITE', '91320100MA1XXXXX0X'))), [
      'CERT_MUST_MATCH_ORIGINAL',
    ]);
  });

  test('FAQ-139 R-PRV-010: 浙江 without-subject ADD_WEBSITE with the new licence passes the certificate check', () => {
    const v = run([certMustMatchOriginal, certRenewalGroupA], renewed('浙江', 'ADD_WEBSITE', '91330100MA2XXXXX0X'));
    assert.deepEqual(
      v.filter((x) => x.severity === 'block'),
      [],
    );
  });

  test('R-PRV-010 R-PRV-011: truth table over all provinces and both order types', () => {
    const groupB = ['陕西', '山东', '四川', '内蒙古', '河南', '湖北', '湖南', '贵州', '西藏'];
    for (const p of PROVINCE_NAMES) {
      for (const t of ['ADD_WEBSITE', 'ACCESS'] as const) {
        const b = groupB.includes(p) || (p === '江苏' && t === 'ADD_WEBSITE');
        const got = codes(run([certMustMatchOriginal, certRenewalGroupA], renewed(p, t, '91000000MA0XXXXX0X')));
        assert.deepEqual(got, b ? ['CERT_MUST_MATCH_ORIGINAL'] : ['CERT_UPDATE_PENDING'], `${p} ${t}`);
      }
    }
  });

  test('R-PRV-011: the printed number may come from the certificate material instead of the subject field', () => {
    const d = draftFor({ province: '四川', orderType: 'ADD_WEBSITE' });
    d.subject = { ...d.subject!, certificateNumber: '510100000000001' };
    d.materials = [{ kind: 'SUBJECT_CERT_FRONT', certificateNumber: '91510100MA6XXXXX0X' }];
    const v = run([certMustMatchOriginal], d);
    assert.deepEqual(
      v.map((x) => x.field),
      ['materials[0].certificateNumber'],
    );
  });

  test('R-PRV-010 R-PRV-011: FIRST and change orders are outside the groups', () => {
    for (const t of ['FIRST', 'CHANGE_SUBJECT', 'CHANGE_WEBSITE'] as const) {
      const d = renewed('陕西', 'ACCESS', '91610100MA6XXXXX0X');
      d.orderType = t;
      assert.deepEqual(run([certMustMatchOriginal, certRenewalGroupA], d), [], t);
    }
  });
});

describe('R-PRV-012 LATEST_CERT_ONLY', () => {
  const heilongjiang = (m: Material, orderType: FilingDraft['orderType'] = 'ACCESS', province: Province = '黑龙江') =>
    draftFor({ province, orderType, materials: [m] });

  test('FAQ-069 R-PRV-012: 黑龙江 refuses the old pre-merger licence and accepts the latest merged one', () => {
    const old: Material = { kind: 'SUBJECT_CERT_FRONT', certificateNumber: '230100000000001', fileName: 'old.jpg' };
    const v = run([latestCertOnly], heilongjiang(old));
    assert.deepEqual(codes(v), ['LATEST_CERT_ONLY']);
    assert.equal(v[0].field, 'materials[0]');
    const latest: Material = {
      kind: 'SUBJECT_CERT_FRONT',
      certificateNumber: '91230100MA1XXXXX0X',
      latestCertificate: true,
    };
    assert.deepEqual(run([latestCertOnly], heilongjiang(latest)), []);
  });

  test('R-PRV-012: the reviewer’s flag alone is enough, for every order type that uploads the certificate', () => {
    for (const t of ['FIRST', 'ADD_WEBSITE', 'ACCESS', 'CHANGE_SUBJECT', 'CHANGE_WEBSITE', 'CHANGE_ACCESS'] as const) {
      assert.deepEqual(
        codes(run([latestCertOnly], heilongjiang({ kind: 'SUBJECT_CERT_FRONT', latestCertificate: false }, t))),
        ['LATEST_CERT_ONLY'],
        t,
      );
    }
  });

  test('R-PRV-012: truth table: the old licence is refused in 黑龙江 only', () => {
    for (const p of PROVINCE_NAMES) {
      const got = codes(
        run(
          [latestCertOnly],
          heilongjiang({ kind: 'SUBJECT_CERT_FRONT', certificateNumber: '110100000000001' }, 'ACCESS', p),
        ),
      );
      assert.deepEqual(got, p === '黑龙江' ? ['LATEST_CERT_ONLY'] : [], p);
    }
  });
});

describe('R-PRV-013 SUFFIX_NOT_ALLOWED_IN_PROVINCE', () => {
  const domains = [
    'example-bj.org',
    'example-bj.info',
    'example-bj.top',
    'example-bj.中国',
    'example-bj.com.cn',
    'example-bj.xin',
  ];
  const bj = (province: Province, orderType: FilingDraft['orderType'] = 'FIRST') =>
    draftFor({ province, orderType, websites: [{ name: '北京示例官网', domains, principal: 李四 }] });

  test('FAQ-233 R-PRV-013: in 北京 .org and .info are refused, the rest accepted; the same domains pass in 广东', () => {
    const v = run([suffixAllowed], bj('北京'));
    assert.deepEqual(
      v.map((x) => x.field),
      ['websites[0].domains[0]', 'websites[0].domains[1]'],
    );
    assert.ok(v.every((x) => x.code === 'SUFFIX_NOT_ALLOWED_IN_PROVINCE'));
    assert.deepEqual(run([suffixAllowed], bj('广东')), []);
  });

  test('R-PRV-013: truth table: only 北京 restricts suffixes; ACCESS of filed domains is exempt', () => {
    for (const p of PROVINCE_NAMES) assert.equal(run([suffixAllowed], bj(p)).length, p === '北京' ? 2 : 0, p);
    assert.deepEqual(run([suffixAllowed], bj('北京', 'ACCESS')), []);
    assert.equal(run([suffixAllowed], bj('北京', 'CHANGE_WEBSITE')).length, 2);
  });
});

describe('R-PRV-019 XJ_PARTY_PROOF_MISSING', () => {
  const proof: Material = { kind: 'XJ_PARTY_PROOF', fileName: 'proof.jpg', sizeBytes: 200_000 };

  test('FAQ-234 R-PRV-019: 新疆 FIRST without the proof is refused; once support attaches it, the check passes', () => {
    const d = draftFor({ province: '新疆' });
    const v = run([partyBuildingProof], d);
    assert.deepEqual(codes(v), ['XJ_PARTY_PROOF_MISSING']);
    assert.match(v[0].fix!.zh, /客服/);
    assert.deepEqual(run([partyBuildingProof], { ...d, materials: [proof] }), []);
  });

  test('R-PRV-019: FIRST and ADD_WEBSITE need it, ACCESS not by default but after an override', () => {
    const need = (t: FilingDraft['orderType'], ctx = ctxFor()) =>
      run([partyBuildingProof], draftFor({ province: '新疆', orderType: t }), ctx).length > 0;
    assert.equal(need('FIRST'), true);
    assert.equal(need('ADD_WEBSITE'), true);
    assert.equal(need('ACCESS'), false);
    assert.equal(need('CHANGE_WEBSITE'), false);
    const t = applyOverrides(
      provinceTable,
      [
        {
          province: '新疆',
          key: 'partyBuildingProof',
          value: ['FIRST', 'ADD_WEBSITE', 'ACCESS'],
          effectiveFrom: '2018-01-01',
          source: 'test',
        },
      ],
      '2018-11-05',
    );
    assert.equal(need('ACCESS', ctxFor({}, t)), true);
  });

  test('R-PRV-019: no other province asks for it', () => {
    for (const p of others('新疆')) assert.deepEqual(run([partyBuildingProof], draftFor({ province: p })), [], p);
  });
});

describe('R-PRV-020 GD_FINANCE_UNDERTAKING_MISSING', () => {
  const SENTENCE = '在未取金融监管部门批准和省通管局同意之前，不利用互联网从事金融服务。';
  const pkg = (over: Partial<Material> = {}): Material[] => [
    {
      kind: 'GD_FINANCE_UNDERTAKING',
      websiteIndex: 0,
      title: '《承诺书》',
      text: `本公司承诺：${SENTENCE}`,
      sealed: true,
      signedByLegalRep: true,
      ...over,
    },
    { kind: 'GD_BUSINESS_INTRO', websiteIndex: 0 },
    { kind: 'GD_WEBSITE_INTRO', websiteIndex: 0 },
    { kind: 'LICENCE_COPY', websiteIndex: 0 },
  ];
  const finance = (province: Province, materials: Material[] = [], remark?: string) =>
    draftFor({
      province,
      websites: [{ name: '示例理财服务平台', domains: ['example-fin.cn'], principal: 李四, remark }],
      materials,
    });

  test('FAQ-235 R-PRV-020: 广东 finance website without the package is refused; with the four documents it passes', () => {
    const v = run([financeUndertaking], finance('广东'));
    assert.deepEqual(codes(v), Array(4).fill('GD_FINANCE_UNDERTAKING_MISSING'));
    assert.ok(v.some((x) => x.message.zh.includes('《承诺书》')));
    assert.ok(v.some((x) => x.message.zh.includes('营业执照复印件')));
    assert.deepEqual(run([financeUndertaking], finance('广东', pkg())), []);
  });

  test('R-PRV-020: the corrected wording 「未取得」 is accepted as well as the FAQ’s literal 「未取」', () => {
    assert.deepEqual(run([financeUndertaking], finance('广东', pkg({ text: SENTENCE.replace('未取', '未取得') }))), []);
  });

  test('R-PRV-020: a wrong title, missing sentence, missing seal or signature each fail on their own', () => {
    const fields = (over: Partial<Material>) =>
      run([financeUndertaking], finance('广东', pkg(over))).map((x) => x.field);
    assert.deepEqual(fields({ title: '保证书' }), ['materials[0].title']);
    assert.deepEqual(fields({ text: '我们承诺合法经营。' }), ['materials[0].text']);
    assert.deepEqual(fields({ sealed: false }), ['materials[0]']);
    assert.deepEqual(fields({ signedByLegalRep: false }), ['materials[0]']);
  });

  test('R-PRV-020: originals sent by courier (remark with courier and tracking number) stand in for the uploads', () => {
    assert.deepEqual(
      run([financeUndertaking], finance('广东', [], '承诺书等原件已通过顺丰快递寄出，单号 SF1234567890')),
      [],
    );
    assert.equal(run([financeUndertaking], finance('广东', [], '原件已寄出')).length, 4);
  });

  test('R-PRV-020: a declared 互联网金融 website is in scope even without a finance word in its name', () => {
    const d = draftFor({
      province: '广东',
      websites: [
        { name: '示例科技官网', domains: ['example-fin.cn'], contentTags: ['INTERNET_FINANCE'], principal: 李四 },
      ],
    });
    assert.equal(run([financeUndertaking], d).length, 4);
  });

  test('R-PRV-020: truth table: only 广东; non-finance websites and days before 2016-06-20 are out of scope', () => {
    for (const p of PROVINCE_NAMES) assert.equal(run([financeUndertaking], finance(p)).length > 0, p === '广东', p);
    assert.deepEqual(run([financeUndertaking], draftFor({ province: '广东' })), []);
    assert.equal(ruleApplies(financeUndertaking, finance('广东'), ctxFor({ today: '2016-06-19' })), false);
    assert.equal(ruleApplies(financeUndertaking, finance('广东'), ctxFor({ today: '2016-06-20' })), true);
  });
});

describe('R-PRV-021 game websites via CHANGE_WEBSITE', () => {
  const game = (
    province: Province,
    orderType: FilingDraft['orderType'],
    over: Partial<NonNullable<FilingDraft['websites']>[number]> = {},
  ) =>
    draftFor({
      province,
      orderType,
      websites: [{ name: '示例游戏中心', domains: ['example-game.cn'], principal: 李四, ...over }],
    });

  test('R-PRV-021: 广东 refuses a FIRST or ADD_WEBSITE game website with GD_GAME_FILE_PLAIN_FIRST', () => {
    for (const t of ['FIRST', 'ADD_WEBSITE'] as const) {
      const v = run([gameViaChangeOnly], game('广东', t));
      assert.deepEqual(codes(v), ['GD_GAME_FILE_PLAIN_FIRST'], t);
      assert.match(v[0].fix!.zh, /变更网站/);
    }
  });

  test('R-PRV-021: service content, pre-approval or declared content alone also count', () => {
    assert.equal(
      run([gameViaChangeOnly], game('广东', 'FIRST', { name: '示例官网', serviceContent: 'ONLINE_GAMES' })).length,
      1,
    );
    assert.equal(
      run([gameViaChangeOnly], game('广东', 'FIRST', { name: '示例官网', preApprovalCategories: ['CULTURE'] })).length,
      1,
    );
    assert.equal(
      run([gameViaChangeOnly], game('广东', 'FIRST', { name: '示例官网', contentTags: ['ONLINE_GAMES'] })).length,
      1,
    );
  });

  test('R-PRV-021 R-WEB-015(3): 文化 inside the organisation’s own name does not make it a culture website', () => {
    const d = game('广东', 'FIRST', { name: '广东示例科技有限公司官网' });
    d.subject!.name = '广东示例文化传播有限公司';
    d.websites![0].name = '广东示例文化传播有限公司官网';
    assert.deepEqual(run([gameViaChangeOnly], d), []);
  });

  test('R-PRV-021: the later CHANGE_WEBSITE needs a valid 文网文; without it PRE_APPROVAL_MISSING', () => {
    assert.deepEqual(codes(run([gameChangeNeedsCultureLicence, gameViaChangeOnly], game('广东', 'CHANGE_WEBSITE'))), [
      'PRE_APPROVAL_MISSING',
    ]);
    const licence = {
      category: 'CULTURE' as const,
      cultureLicence: true,
      number: '粤网文〔2018〕1234-567号',
      expiryDate: '2021-06-30',
      documentBlobId: 'b1',
    };
    assert.deepEqual(
      run([gameChangeNeedsCultureLicence], game('广东', 'CHANGE_WEBSITE', { preApprovals: [licence] })),
      [],
    );
    const expired = { ...licence, expiryDate: '2018-01-01' };
    assert.equal(
      run([gameChangeNeedsCultureLicence], game('广东', 'CHANGE_WEBSITE', { preApprovals: [expired] })).length,
      1,
    );
  });

  test('R-PRV-021: truth table: no other province routes games through a change', () => {
    for (const p of others('广东')) {
      assert.deepEqual(run([gameViaChangeOnly, gameChangeNeedsCultureLicence], game(p, 'FIRST')), [], p);
      assert.deepEqual(run([gameViaChangeOnly, gameChangeNeedsCultureLicence], game(p, 'CHANGE_WEBSITE')), [], p);
    }
  });
});

describe('R-PRV-023 FOREIGN_PRINCIPAL_NOT_ALLOWED', () => {
  const smith: Principal = {
    name: 'John Smith',
    certificateType: 'PASSPORT',
    certificateNumber: 'P1234567',
    nationality: 'GB',
    mobile: '13800000008',
    officePhone: '0311-12345678',
  };
  const foreignRep = (province: Province, principal: Principal, materials: Material[] = []): FilingDraft => {
    const d = draftFor({
      province,
      subjectPrincipal: principal,
      materials,
      websites: [{ name: '官网', domains: ['example-sjz.cn'], principal }],
    });
    d.subject!.legalRepresentative = {
      name: 'John Smith',
      certificateType: 'PASSPORT',
      certificateNumber: 'P1234567',
      nationality: 'GB',
    };
    return d;
  };

  test('FAQ-140 R-PRV-023: 广东 accepts John Smith (passport) as principal; 河北 refuses him', () => {
    assert.deepEqual(run([foreignLegalRepDelegates], foreignRep('广东', smith)), []);
    const v = run([foreignLegalRepDelegates], foreignRep('河北', smith));
    assert.deepEqual(codes(v), ['FOREIGN_PRINCIPAL_NOT_ALLOWED']);
    assert.equal(v[0].field, 'subjectPrincipal');
  });

  test('FAQ-140 R-PRV-023: 河北 with PRC principal 王五 needs the uploaded authorisation; with it, accepted', () => {
    assert.deepEqual(codes(run([foreignLegalRepDelegates], foreignRep('河北', 王五))), [
      'FOREIGN_PRINCIPAL_NOT_ALLOWED',
    ]);
    const auth: Material = { kind: 'FOREIGN_REP_AUTHORISATION', fileName: 'auth.jpg', sizeBytes: 100_000 };
    assert.deepEqual(run([foreignLegalRepDelegates], foreignRep('河北', 王五, [auth])), []);
  });

  test('R-PRV-023: truth table: only 河北 by default; a PRC legal rep is never affected', () => {
    for (const p of PROVINCE_NAMES) {
      assert.equal(run([foreignLegalRepDelegates], foreignRep(p, smith)).length, p === '河北' ? 1 : 0, p);
      assert.deepEqual(run([foreignLegalRepDelegates], draftFor({ province: p, subjectPrincipal: 李四 })), [], p);
    }
  });
});
