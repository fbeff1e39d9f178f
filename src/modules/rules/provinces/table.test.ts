import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Value } from 'typebox/value';
import { DomainError } from '../../../platform/errors.ts';
import { addWorkingDays } from '../dates.ts';
import {
  allProvinceRequirementsPages,
  applyOverrides,
  certRenewalGroupFor,
  commercialAssistanceAvailable,
  DEFAULT_CURTAIN_TEXT,
  PROVINCE_DEFAULTS,
  PROVINCE_RULE_KEYS,
  PROVINCE_TABLE_VERSION,
  ProvinceOverrideError,
  ProvinceOverrideSchema,
  provinceRequirementsPage,
  provinceRulesFor,
  provinceTable,
  resolveProvinceTable,
  suffixAllowedInProvince,
  validateOverride,
} from './table.ts';
import { PROVINCE_NAMES, type ProvinceName, type ProvinceOverride, type ProvinceRuleValues } from './types.ts';

/**
 * §10.1 written out independently of table.ts: for every province, the filing-number prefix and every value that
 * differs from the national defaults of R-PRV-025. The test below requires each row to be exactly defaults + these.
 */
const A = { ADD_WEBSITE: 'A', ACCESS: 'A' } as const;
const B = { ADD_WEBSITE: 'B', ACCESS: 'B' } as const;
const EXPECTED: Record<ProvinceName, [string, Partial<ProvinceRuleValues>]> = {
  北京: [
    '京',
    {
      certRenewalGroup: A,
      officePhoneDiffersFromPrincipalMobile: true,
      allowedSuffixes: {
        suffixes: [
          'com',
          'cn',
          'cc',
          'gov',
          'net',
          '商城',
          '网址',
          '中信',
          '中国',
          '网络',
          '公司',
          '我爱你',
          'citic',
          'mobi',
          'ren',
          'tel',
          'top',
          'tv',
          'wang',
          'xin',
        ],
        anyChineseSuffix: true,
      },
      sheetRegistrarRemark: true,
      handheldLicenceCopyOnly: true,
      seasonalClothing: true,
      commercialAssistance: { scope: 'province' },
    },
  ],
  天津: [
    '津',
    {
      certRenewalGroup: A,
      mobileAsOfficePhoneRemark: ['name', 'jobTitle'],
      legalRepAuthLetterIfNotLegalRep: true,
      commercialAssistance: { scope: 'province' },
    },
  ],
  河北: ['冀', { certRenewalGroup: A, foreignLegalRepMustDelegate: true }],
  山西: ['晋', { certRenewalGroup: A }],
  内蒙古: ['蒙', { certRenewalGroup: B }],
  辽宁: ['辽', { certRenewalGroup: A, officePhoneDiffersFromPrincipalMobile: true }],
  吉林: ['吉', { certRenewalGroup: A, officePhoneDiffersFromPrincipalMobile: true, domainOwnerMustMatch: true }],
  黑龙江: ['黑', { certRenewalGroup: A, latestCertOnly: true }],
  上海: [
    '沪',
    {
      certRenewalGroup: A,
      legalRepAuthLetterIfNotLegalRep: true,
      domainOwnerMustMatch: true,
      commercialAssistance: { scope: 'province' },
    },
  ],
  江苏: [
    '苏',
    { certRenewalGroup: { ADD_WEBSITE: 'B', ACCESS: 'A' }, orgLandlineRequired: true, domainOwnerMustMatch: true },
  ],
  浙江: ['浙', { certRenewalGroup: A, bureauWorkingDays: 30, curtainText: '腾讯云计算（北京）有限责任公司' }],
  安徽: ['皖', { certRenewalGroup: A, domainOwnerMustMatch: true }],
  福建: ['闽', { certRenewalGroup: A, domainOwnerMustMatch: true }],
  江西: ['赣', { certRenewalGroup: A, seasonalClothing: true, personalFingerprint: true }],
  山东: ['鲁', { certRenewalGroup: B }],
  河南: ['豫', { certRenewalGroup: B }],
  湖北: ['鄂', { certRenewalGroup: B, legalRepAuthLetterIfNotLegalRep: true }],
  湖南: ['湘', { certRenewalGroup: B, legalRepAuthLetterIfNotLegalRep: true, domainOwnerMustMatch: true }],
  广东: [
    '粤',
    {
      certRenewalGroup: A,
      financeUndertaking: true,
      gameViaChangeOnly: true,
      passwordOnlineOnly: true,
      commercialAssistance: { scope: 'cities', cities: ['广州', '深圳'] },
    },
  ],
  广西: ['桂', { certRenewalGroup: A, domainOwnerMustMatch: true }],
  海南: ['琼', { certRenewalGroup: A }],
  重庆: ['渝', { certRenewalGroup: A, mobileAsOfficePhoneRemark: ['name'], domainOwnerMustMatch: true }],
  四川: ['蜀', { certRenewalGroup: B, domainOwnerMustMatch: true }],
  贵州: ['黔', { certRenewalGroup: B, legalRepAuthLetterIfNotLegalRep: true, domainOwnerMustMatch: true }],
  云南: ['滇', { certRenewalGroup: A }],
  西藏: ['藏', { certRenewalGroup: B }],
  陕西: ['陕', { certRenewalGroup: B, domainOwnerMustMatch: true }],
  甘肃: ['陇', { certRenewalGroup: A, mobileAsOfficePhoneRemark: ['jobTitle'], domainOwnerMustMatch: true }],
  青海: ['青', { certRenewalGroup: A, domainOwnerMustMatch: true }],
  宁夏: ['宁', { certRenewalGroup: A, domainOwnerMustMatch: true }],
  新疆: ['新', { certRenewalGroup: A, domainOwnerMustMatch: true, partyBuildingProof: ['FIRST', 'ADD_WEBSITE'] }],
};

const where = <K extends keyof ProvinceRuleValues>(key: K, pred: (v: ProvinceRuleValues[K]) => boolean): string[] =>
  PROVINCE_NAMES.filter((p) => pred(provinceTable[p][key])).sort();
const sorted = (xs: string[]) => [...xs].sort();

describe('R-PRV-001 province table', () => {
  test('R-PRV-001: 31 rows, one per province of §0.2, each carrying its own name', () => {
    assert.equal(Object.keys(provinceTable).length, 31);
    assert.deepEqual(Object.keys(provinceTable).sort(), [...PROVINCE_NAMES].sort());
    for (const p of PROVINCE_NAMES) assert.equal(provinceTable[p].name, p);
  });

  test('R-BUR-003 §10.1: filing-number prefixes are unique and match the catalogue list in §0.2 order', () => {
    const abbrs = PROVINCE_NAMES.map((p) => provinceTable[p].abbreviation);
    assert.equal(new Set(abbrs).size, 31);
    assert.equal(
      abbrs.join(' '),
      '京 津 冀 晋 蒙 辽 吉 黑 沪 苏 浙 皖 闽 赣 鲁 豫 鄂 湘 粤 桂 琼 渝 蜀 黔 滇 藏 陕 陇 青 宁 新',
    );
  });

  test('R-PRV-001 §10.1: every row is exactly the national defaults plus the values §10.1 names for it', () => {
    for (const p of PROVINCE_NAMES) {
      const [abbr, specials] = EXPECTED[p];
      assert.deepEqual(provinceTable[p], { name: p, abbreviation: abbr, ...PROVINCE_DEFAULTS, ...specials }, p);
    }
  });

  test('R-PRV-001: every key the catalogue names is a key of the rule set', () => {
    const named =
      'bureauWorkingDays orgLandlineRequired mobileAsOfficePhoneRemark officePhoneDiffersFromPrincipalMobile legalRepAuthLetterIfNotLegalRep domainOwnerMustMatch certRenewalGroup latestCertOnly allowedSuffixes sheetRegistrarRemark handheldLicenceCopyOnly seasonalClothing personalFingerprint curtainText partyBuildingProof financeUndertaking gameViaChangeOnly passwordOnlineOnly foreignLegalRepMustDelegate certNumberChangeAllowed subjectReplaceAllowed minorPrincipal allowNonLocalPersonal mobileMustBeLocal landlineUniquePerSubject mobileSamePersonException bbsSuspended individualBusinessSealRequired checkUnusedFiledSites checkUnreachableFiledSites commercialAssistance'.split(
        ' ',
      );
    assert.deepEqual(sorted(PROVINCE_RULE_KEYS), sorted(named));
    for (const p of PROVINCE_NAMES)
      assert.deepEqual(sorted(Object.keys(provinceTable[p])), sorted([...named, 'name', 'abbreviation']));
  });

  test('R-PRV-002: 浙江 has 30 bureau working days and the other 30 provinces 20', () => {
    assert.deepEqual(
      where('bureauWorkingDays', (v) => v === 30),
      ['浙江'],
    );
    assert.equal(where('bureauWorkingDays', (v) => v === 20).length, 30);
  });

  test('FAQ-184 R-PRV-002: submitted Monday 2018-11-05, 浙江 expects 2018-12-17 and 广东 2018-12-03', () => {
    assert.equal(addWorkingDays('2018-11-05', provinceTable.浙江.bureauWorkingDays), '2018-12-17');
    assert.equal(addWorkingDays('2018-11-05', provinceTable.广东.bureauWorkingDays), '2018-12-03');
  });

  test('R-PRV-003: only 江苏 requires an organisation landline', () => {
    assert.deepEqual(
      where('orgLandlineRequired', (v) => v),
      ['江苏'],
    );
  });

  test('R-PRV-004..006: remark elements are 甘肃 job title, 重庆 name, 天津 both, nobody else', () => {
    assert.deepEqual(
      where('mobileAsOfficePhoneRemark', (v) => v.length > 0),
      sorted(['甘肃', '重庆', '天津']),
    );
    assert.deepEqual(provinceTable.甘肃.mobileAsOfficePhoneRemark, ['jobTitle']);
    assert.deepEqual(provinceTable.重庆.mobileAsOfficePhoneRemark, ['name']);
    assert.deepEqual(provinceTable.天津.mobileAsOfficePhoneRemark, ['name', 'jobTitle']);
  });

  test('R-PRV-007: office phone ≠ mobile in 辽宁, 吉林 and 北京 only', () => {
    assert.deepEqual(
      where('officePhoneDiffersFromPrincipalMobile', (v) => v),
      sorted(['辽宁', '吉林', '北京']),
    );
  });

  test('R-PRV-008: legal-rep letter in 湖北, 贵州, 天津, 湖南 and 上海 only', () => {
    assert.deepEqual(
      where('legalRepAuthLetterIfNotLegalRep', (v) => v),
      sorted(['湖北', '贵州', '天津', '湖南', '上海']),
    );
  });

  test('R-PRV-009: domainOwnerMustMatch in exactly the 15 listed provinces', () => {
    const listed = [
      '贵州',
      '四川',
      '上海',
      '江苏',
      '广西',
      '重庆',
      '吉林',
      '甘肃',
      '安徽',
      '湖南',
      '陕西',
      '宁夏',
      '新疆',
      '青海',
      '福建',
    ];
    assert.deepEqual(
      where('domainOwnerMustMatch', (v) => v),
      sorted(listed),
    );
  });

  test('FAQ-203 R-PRV-009: 贵州 requires owner match / privacy off, 广东 does not', () => {
    assert.equal(provinceRulesFor('贵州').domainOwnerMustMatch, true);
    assert.equal(provinceRulesFor('广东').domainOwnerMustMatch, false);
  });

  test('R-PRV-010 / R-PRV-011: group A and group B partition the provinces, 江苏 by order type', () => {
    const groupA = [
      '北京',
      '上海',
      '广东',
      '天津',
      '甘肃',
      '新疆',
      '福建',
      '安徽',
      '江西',
      '浙江',
      '海南',
      '云南',
      '广西',
      '辽宁',
      '吉林',
      '青海',
      '宁夏',
      '河北',
      '重庆',
      '山西',
      '黑龙江',
    ];
    const groupB = ['陕西', '山东', '四川', '内蒙古', '河南', '湖北', '湖南', '贵州', '西藏'];
    assert.deepEqual(
      where('certRenewalGroup', (g) => g.ACCESS === 'A' && g.ADD_WEBSITE === 'A'),
      sorted(groupA),
    );
    assert.deepEqual(
      where('certRenewalGroup', (g) => g.ACCESS === 'B' && g.ADD_WEBSITE === 'B'),
      sorted(groupB),
    );
    assert.deepEqual(
      where('certRenewalGroup', (g) => g.ACCESS !== g.ADD_WEBSITE),
      ['江苏'],
    );
    assert.equal(certRenewalGroupFor(provinceTable.江苏, 'ACCESS'), 'A');
    assert.equal(certRenewalGroupFor(provinceTable.江苏, 'ADD_WEBSITE'), 'B');
    assert.equal(certRenewalGroupFor(provinceTable.江苏, 'FIRST'), null);
    assert.equal(certRenewalGroupFor(provinceTable.江苏, 'CHANGE_SUBJECT'), null);
  });

  test('R-PRV-012..017: the single-province switches sit where §10.1 puts them', () => {
    assert.deepEqual(
      where('latestCertOnly', (v) => v),
      ['黑龙江'],
    );
    assert.deepEqual(
      where('allowedSuffixes', (v) => v !== null),
      ['北京'],
    );
    assert.deepEqual(
      where('sheetRegistrarRemark', (v) => v),
      ['北京'],
    );
    assert.deepEqual(
      where('handheldLicenceCopyOnly', (v) => v),
      ['北京'],
    );
    assert.deepEqual(
      where('seasonalClothing', (v) => v),
      sorted(['北京', '江西']),
    );
    assert.deepEqual(
      where('personalFingerprint', (v) => v),
      ['江西'],
    );
  });

  test('R-PRV-018: curtain text 「腾讯云计算（北京）有限责任公司」 in 浙江, the 广州分公司 text elsewhere', () => {
    assert.equal(provinceTable.浙江.curtainText, '腾讯云计算（北京）有限责任公司');
    assert.deepEqual(where('curtainText', (v) => v === DEFAULT_CURTAIN_TEXT).length, 30);
    assert.equal(DEFAULT_CURTAIN_TEXT, '腾讯云计算（北京）有限责任公司广州分公司');
  });

  test('R-PRV-019..023: 新疆 party proof for FIRST/ADD_WEBSITE, 广东 finance/game/password, 河北 foreign rep', () => {
    assert.deepEqual(
      where('partyBuildingProof', (v) => v.length > 0),
      ['新疆'],
    );
    assert.deepEqual(provinceTable.新疆.partyBuildingProof, ['FIRST', 'ADD_WEBSITE']);
    assert.deepEqual(
      where('financeUndertaking', (v) => v),
      ['广东'],
    );
    assert.deepEqual(
      where('gameViaChangeOnly', (v) => v),
      ['广东'],
    );
    assert.deepEqual(
      where('passwordOnlineOnly', (v) => v),
      ['广东'],
    );
    assert.deepEqual(
      where('foreignLegalRepMustDelegate', (v) => v),
      ['河北'],
    );
  });

  test('FAQ-255 R-PRV-022: 广东 retrieves the filing password online only, 北京 also offline', () => {
    assert.equal(provinceRulesFor('广东').passwordOnlineOnly, true);
    assert.equal(provinceRulesFor('北京').passwordOnlineOnly, false);
  });

  test('R-PRV-024: commercial assistance in 北京, 天津, 上海, and 广东 only for 广州 and 深圳', () => {
    assert.deepEqual(
      where('commercialAssistance', (v) => v.scope !== 'none'),
      sorted(['北京', '天津', '上海', '广东']),
    );
    assert.equal(commercialAssistanceAvailable(provinceTable.北京, undefined), true);
    assert.equal(commercialAssistanceAvailable(provinceTable.天津, '天津市'), true);
    assert.equal(commercialAssistanceAvailable(provinceTable.广东, '广州'), true);
    assert.equal(commercialAssistanceAvailable(provinceTable.广东, '深圳市'), true);
    assert.equal(commercialAssistanceAvailable(provinceTable.广东, '佛山'), false);
    assert.equal(commercialAssistanceAvailable(provinceTable.广东, undefined), false);
    assert.equal(commercialAssistanceAvailable(provinceTable.浙江, '杭州'), false);
  });

  test('FAQ-259 R-PRV-024: a 北京 subject may request the qualification documents', () => {
    assert.equal(commercialAssistanceAvailable(provinceRulesFor('北京'), '北京'), true);
  });

  test('R-PRV-025: the FAQ-silent rules carry their defaults in all 31 provinces', () => {
    for (const p of PROVINCE_NAMES) {
      const r = provinceTable[p];
      assert.equal(r.minorPrincipal, 'SUPPLEMENT', p);
      assert.equal(r.allowNonLocalPersonal, true, p);
      assert.equal(r.mobileMustBeLocal, false, p);
      assert.equal(r.landlineUniquePerSubject, false, p);
      assert.equal(r.mobileSamePersonException, true, p);
      assert.equal(r.bbsSuspended, false, p);
      assert.equal(r.individualBusinessSealRequired, false, p);
      assert.equal(r.checkUnusedFiledSites, false, p);
      assert.equal(r.checkUnreachableFiledSites, false, p);
      assert.equal(r.certNumberChangeAllowed, true, p);
      assert.equal(r.subjectReplaceAllowed, false, p);
    }
  });

  test('R-PRV-001: provinceRulesFor refuses an unknown province with a DomainError', () => {
    assert.throws(
      () => provinceRulesFor('台湾'),
      (e: unknown) => e instanceof DomainError && e.reason === 'UNKNOWN_PROVINCE',
    );
    assert.throws(() => provinceRulesFor('Guangdong'), DomainError);
  });
});

describe('R-PRV-013 北京 suffix whitelist', () => {
  const bj = provinceTable.北京;
  test('FAQ-233 R-PRV-013: .org and .info refused in 北京; .top, .中国, .com.cn, .xin accepted; .org fine in 广东', () => {
    assert.equal(suffixAllowedInProvince(bj, 'example-bj.org'), false);
    assert.equal(suffixAllowedInProvince(bj, 'example-bj.info'), false);
    assert.equal(suffixAllowedInProvince(bj, 'example-bj.top'), true);
    assert.equal(suffixAllowedInProvince(bj, 'example-bj.中国'), true);
    assert.equal(suffixAllowedInProvince(bj, 'example-bj.com.cn'), true);
    assert.equal(suffixAllowedInProvince(bj, 'example-bj.xin'), true);
    assert.equal(suffixAllowedInProvince(provinceTable.广东, 'example-bj.org'), true);
  });
  test('R-PRV-013: punycode and case are normalised; any Chinese suffix passes; listed foreign ones do not', () => {
    assert.equal(suffixAllowedInProvince(bj, 'example.XN--FIQS8S'), true);
    assert.equal(suffixAllowedInProvince(bj, 'EXAMPLE.COM'), true);
    assert.equal(suffixAllowedInProvince(bj, 'example.org.cn'), true);
    assert.equal(suffixAllowedInProvince(bj, 'example.游戏'), true);
    for (const s of ['hk', 'tw', 'asia', 'jp', 'co', 'so', 'me', 'info', 'org', 'vip', 'club']) {
      assert.equal(suffixAllowedInProvince(bj, `example.${s}`), false, s);
    }
  });
});

describe('R-PRV-001 overrides', () => {
  const o = (over: Partial<ProvinceOverride>): ProvinceOverride => ({
    province: '广东',
    key: 'mobileMustBeLocal',
    value: true,
    effectiveFrom: '2018-11-01',
    source: '粤通信管局通知 2018-10',
    ...over,
  });

  test('R-PRV-001: an override applies from its effectiveFrom day, not before', () => {
    const ov = [o({ effectiveFrom: '2018-11-06' })];
    assert.equal(applyOverrides(provinceTable, ov, '2018-11-05').广东.mobileMustBeLocal, false);
    assert.equal(applyOverrides(provinceTable, ov, '2018-11-06').广东.mobileMustBeLocal, true);
    assert.equal(applyOverrides(provinceTable, ov, '2019-01-01').广东.mobileMustBeLocal, true);
  });

  test('R-PRV-001: the latest override in force wins, later future ones wait, other provinces are untouched', () => {
    const ov = [
      o({ key: 'bureauWorkingDays', value: 25, effectiveFrom: '2018-01-01' }),
      o({ key: 'bureauWorkingDays', value: 15, effectiveFrom: '2018-10-01' }),
      o({ key: 'bureauWorkingDays', value: 40, effectiveFrom: '2019-01-01' }),
    ];
    const t = applyOverrides(provinceTable, [...ov].reverse(), '2018-11-05');
    assert.equal(t.广东.bureauWorkingDays, 15);
    assert.equal(t.浙江.bureauWorkingDays, 30);
    assert.equal(t.北京.bureauWorkingDays, 20);
    assert.equal(applyOverrides(provinceTable, ov, '2019-01-01').广东.bureauWorkingDays, 40);
  });

  test('R-PRV-001: on the same effective date the override listed last wins', () => {
    const ov = [o({ value: true }), o({ value: false })];
    assert.equal(applyOverrides(provinceTable, ov, '2018-11-05').广东.mobileMustBeLocal, false);
  });

  test('R-PRV-001: applyOverrides is pure: the shipped table is not modified', () => {
    const before = JSON.stringify(provinceTable);
    const t = applyOverrides(provinceTable, [o({})], '2018-11-05');
    assert.equal(JSON.stringify(provinceTable), before);
    assert.notEqual(t.广东, provinceTable.广东);
    assert.equal(t.北京, provinceTable.北京);
  });

  test('R-PRV-019: 新疆 can be configured to require the party proof for ACCESS too', () => {
    const t = applyOverrides(
      provinceTable,
      [o({ province: '新疆', key: 'partyBuildingProof', value: ['FIRST', 'ADD_WEBSITE', 'ACCESS'] })],
      '2018-11-05',
    );
    assert.deepEqual(t.新疆.partyBuildingProof, ['FIRST', 'ADD_WEBSITE', 'ACCESS']);
  });

  test('FAQ-088 R-PRV-025: mobileMustBeLocal is false by default and an override switches it on for 广东 only', () => {
    assert.equal(provinceTable.广东.mobileMustBeLocal, false);
    const t = applyOverrides(provinceTable, [o({})], '2018-11-05');
    assert.equal(t.广东.mobileMustBeLocal, true);
    assert.deepEqual(
      PROVINCE_NAMES.filter((p) => t[p].mobileMustBeLocal),
      ['广东'],
    );
  });

  const wrong: [Partial<ProvinceOverride>, string][] = [
    [{ key: 'mobileMustBeLocal', value: 'yes' }, 'boolean'],
    [{ key: 'bureauWorkingDays', value: '20' }, 'integer'],
    [{ key: 'bureauWorkingDays', value: 0 }, 'integer'],
    [{ key: 'bureauWorkingDays', value: 20.5 }, 'integer'],
    [{ key: 'minorPrincipal', value: 'DENY' }, 'REJECT'],
    [{ key: 'certRenewalGroup', value: 'A' }, 'ADD_WEBSITE'],
    [{ key: 'certRenewalGroup', value: { ADD_WEBSITE: 'C', ACCESS: 'A' } }, 'ADD_WEBSITE'],
    [{ key: 'mobileAsOfficePhoneRemark', value: ['name', 'title'] }, 'jobTitle'],
    [{ key: 'mobileAsOfficePhoneRemark', value: ['name', 'name'] }, 'duplicates'],
    [{ key: 'partyBuildingProof', value: ['CHANGE_SUBJECT'] }, 'FIRST'],
    [{ key: 'allowedSuffixes', value: ['com'] }, 'suffixes'],
    [{ key: 'allowedSuffixes', value: { suffixes: ['.com'], anyChineseSuffix: false } }, 'suffixes'],
    [{ key: 'curtainText', value: '' }, 'non-empty'],
    [{ key: 'commercialAssistance', value: true }, 'scope'],
    [{ key: 'commercialAssistance', value: { scope: 'cities', cities: [] } }, 'cities'],
  ];
  for (const [over, expected] of wrong) {
    test(`R-PRV-001: an override of ${over.key} with ${JSON.stringify(over.value)} is refused as the wrong type`, () => {
      assert.throws(
        () => applyOverrides(provinceTable, [o(over)], '2018-11-05'),
        (e: unknown) =>
          e instanceof ProvinceOverrideError &&
          e instanceof DomainError &&
          e.code === 'VALIDATION_FAILED' &&
          e.reason === 'PROVINCE_OVERRIDE_INVALID' &&
          e.field === 'value' &&
          String(e.details?.expected).includes(expected),
      );
    });
  }

  test('R-PRV-001: well-typed values of every shape are accepted', () => {
    const ok: Partial<ProvinceOverride>[] = [
      { key: 'allowedSuffixes', value: null },
      { key: 'allowedSuffixes', value: { suffixes: ['com', '中国'], anyChineseSuffix: false } },
      { key: 'commercialAssistance', value: { scope: 'cities', cities: ['广州'] } },
      { key: 'commercialAssistance', value: { scope: 'none' } },
      { key: 'certRenewalGroup', value: { ADD_WEBSITE: 'B', ACCESS: 'A' } },
      { key: 'mobileAsOfficePhoneRemark', value: [] },
      { key: 'minorPrincipal', value: 'REJECT' },
      { key: 'curtainText', value: '示例云（广州）有限公司' },
    ];
    for (const over of ok) assert.doesNotThrow(() => validateOverride(o(over)), JSON.stringify(over));
  });

  test('R-PRV-001: unknown province or key, a bad date and an empty source are refused naming the field', () => {
    const field = (over: Partial<ProvinceOverride>) => {
      try {
        validateOverride(o(over));
      } catch (e) {
        return e instanceof ProvinceOverrideError ? e.field : 'other';
      }
      return 'none';
    };
    assert.equal(field({ province: '台湾' as ProvinceName }), 'province');
    assert.equal(field({ key: 'name' as 'curtainText' }), 'key');
    assert.equal(field({ key: 'abbreviation' as 'curtainText' }), 'key');
    assert.equal(field({ effectiveFrom: '2018-02-30' }), 'effectiveFrom');
    assert.equal(field({ effectiveFrom: '20181105' }), 'effectiveFrom');
    assert.equal(field({ source: ' ' }), 'source');
  });

  test('R-PRV-001: ProvinceOverrideSchema accepts a well-formed body and refuses unknown provinces, keys and fields', () => {
    assert.equal(Value.Check(ProvinceOverrideSchema, o({})), true);
    assert.equal(Value.Check(ProvinceOverrideSchema, o({ version: 'v2' })), true);
    assert.equal(Value.Check(ProvinceOverrideSchema, o({ province: '台湾' as ProvinceName })), false);
    assert.equal(Value.Check(ProvinceOverrideSchema, o({ key: 'abbreviation' as 'curtainText' })), false);
    assert.equal(Value.Check(ProvinceOverrideSchema, o({ effectiveFrom: '5 Nov 2018' })), false);
    assert.equal(Value.Check(ProvinceOverrideSchema, { ...o({}), extra: 1 }), false);
  });

  test('R-PRV-001: a wrongly typed override is refused even while it is not yet in force', () => {
    assert.throws(
      () => applyOverrides(provinceTable, [o({ value: 'on', effectiveFrom: '2030-01-01' })], '2018-11-05'),
      ProvinceOverrideError,
    );
  });

  test('R-PRV-001: resolveProvinceTable names the rule set: base version alone, or a stable suffix per override set', () => {
    assert.equal(resolveProvinceTable(provinceTable, [], '2018-11-05').version, PROVINCE_TABLE_VERSION);
    const future = resolveProvinceTable(provinceTable, [o({ effectiveFrom: '2019-01-01' })], '2018-11-05');
    assert.equal(future.version, PROVINCE_TABLE_VERSION);
    const a = resolveProvinceTable(provinceTable, [o({}), o({ province: '北京', key: 'bbsSuspended' })], '2018-11-05');
    const b = resolveProvinceTable(provinceTable, [o({ province: '北京', key: 'bbsSuspended' }), o({})], '2018-11-05');
    const c = resolveProvinceTable(provinceTable, [o({ value: false })], '2018-11-05');
    assert.match(a.version, new RegExp(`^${PROVINCE_TABLE_VERSION.replace(/\./g, '\\.')}\\+[0-9a-f]{8}$`));
    assert.equal(a.version, b.version);
    assert.notEqual(a.version, c.version);
    assert.equal(a.applied.length, 2);
    assert.equal(a.table.北京.bbsSuspended, true);
  });
});

describe('R-PRV-001 requirements page', () => {
  test('R-PRV-001: one page per province, one line per rule key, zh and en filled', () => {
    const pages = allProvinceRequirementsPages();
    assert.equal(pages.length, 31);
    for (const page of pages) {
      assert.equal(page.lines.length, PROVINCE_RULE_KEYS.length);
      assert.deepEqual(sorted(page.lines.map((l) => l.key)), sorted(PROVINCE_RULE_KEYS));
      for (const l of page.lines) {
        assert.ok(l.text.zh.length > 0 && l.text.en.length > 0, `${page.province}.${l.key}`);
        assert.match(l.rule, /^R-[A-Z]{3}-\d{3}$/);
      }
      assert.ok(page.filingNumberExample.startsWith(`${page.abbreviation}ICP备`));
    }
  });

  test('R-PRV-001: a province’s own rules come first and are marked special; 山西 has none beyond its group', () => {
    const bj = provinceRequirementsPage('北京');
    const specials = bj.lines.filter((l) => l.special).map((l) => l.key);
    assert.deepEqual(
      sorted(specials),
      sorted([
        'officePhoneDiffersFromPrincipalMobile',
        'allowedSuffixes',
        'sheetRegistrarRemark',
        'handheldLicenceCopyOnly',
        'seasonalClothing',
        'commercialAssistance',
      ]),
    );
    assert.ok(bj.lines.slice(0, specials.length).every((l) => l.special));
    const suffix = bj.lines.find((l) => l.key === 'allowedSuffixes')!;
    assert.match(suffix.text.zh, /\.com .*\.xin/);
    assert.deepEqual(
      provinceRequirementsPage('山西').lines.filter((l) => l.special),
      [],
    );
  });

  test('R-PRV-001: the page reflects the values of the table it is given (overrides included)', () => {
    const t = applyOverrides(
      provinceTable,
      [{ province: '广东', key: 'bureauWorkingDays', value: 25, effectiveFrom: '2018-01-01', source: 'test' }],
      '2018-11-05',
    );
    const line = provinceRequirementsPage('广东', t, 'v-test').lines.find((l) => l.key === 'bureauWorkingDays')!;
    assert.equal(line.special, true);
    assert.match(line.text.zh, /25 个工作日/);
    assert.equal(
      provinceRequirementsPage('浙江').lines.find((l) => l.key === 'curtainText')!.text.zh,
      '幕布背景字样为「腾讯云计算（北京）有限责任公司」',
    );
    assert.match(
      provinceRequirementsPage('江苏').lines.find((l) => l.key === 'certRenewalGroup')!.text.zh,
      /新增接入（A 类）.*新增网站（B 类）/,
    );
  });
});
