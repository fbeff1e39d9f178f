import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { addMonths, addWorkingDays, ageOn, beijingDate } from '../dates.ts';
import { normalizeHost, parseDomain, registrableDomain, toAsciiLabel } from './domain.ts';
import { isValidEmail } from './email.ts';
import { ipKind, isPublicIp, parseIPv6 } from './ip.ts';
import { isCnLandline, isCnMobile, parseCnPhone, samePhone } from './phone.ts';
import { toUnicodeHost } from './punycode.ts';
import { provinceOfAddress } from './regions.ts';
import { parseResidentId, residentIdCheckChar } from './resident-id.ts';
import { parseRegistrationNumber, parseUscc, usccCheckChar } from './uscc.ts';

describe('resident ID (GB 11643-1999) — R-SUB-013, R-SUB-012', () => {
  test('accepts the GB examples and returns birth date and province', () => {
    const a = parseResidentId('11010519491231002X');
    assert.deepEqual(a, { ok: true, birthDate: '1949-12-31', sex: 'F', regionCode: '110105', province: '北京' });
    const b = parseResidentId('440524188001010014');
    assert.equal(b.ok && b.birthDate, '1880-01-01');
    assert.equal(b.ok && b.province, '广东');
    assert.equal(parseResidentId('11010519491231002x').ok, true, 'lower-case x');
  });
  test('rejects an altered check digit, a bad date and a bad shape', () => {
    assert.deepEqual(parseResidentId('110105194912310021'), { ok: false, reason: 'CHECK_DIGIT' });
    const bad = `44010619900230${'001'}`;
    assert.deepEqual(parseResidentId(bad + residentIdCheckChar(bad)), { ok: false, reason: 'BIRTH_DATE' });
    assert.deepEqual(parseResidentId('4401061990010100'), { ok: false, reason: 'FORMAT' });
    assert.deepEqual(parseResidentId('44010619900101001Y'), { ok: false, reason: 'FORMAT' });
  });
  test('residentIdCheckChar completes a valid number', () => {
    const first = '44010619900101001';
    assert.equal(parseResidentId(first + residentIdCheckChar(first)).ok, true);
  });
});

describe('USCC (GB 32100-2015) — R-SUB-002', () => {
  test('accepts known-valid codes and yields the region province', () => {
    for (const code of ['91440300708461136T', '91330100716105852F', '91110108551385082Q']) {
      assert.equal(parseUscc(code).ok, true, code);
    }
    const r = parseUscc('91440300708461136T');
    assert.equal(r.ok && r.province, '广东');
    assert.equal(r.ok && r.regionCode, '440300');
  });
  test('rejects an altered check character, the letters I O S V Z, and wrong length', () => {
    assert.deepEqual(parseUscc('91440300708461136U'), { ok: false, reason: 'CHECK_CHAR' });
    assert.deepEqual(parseUscc('9144030070846113IT'), { ok: false, reason: 'FORMAT' });
    assert.deepEqual(parseUscc('9144030070846113OT'), { ok: false, reason: 'FORMAT' });
    assert.deepEqual(parseUscc('9144030070846113'), { ok: false, reason: 'FORMAT' });
  });
  test('usccCheckChar reproduces the published check characters', () => {
    assert.equal(usccCheckChar('91440300708461136'), 'T');
    assert.equal(usccCheckChar('91110108551385082'), 'Q');
  });
  test('old 15-digit registration numbers are recognised by shape and region', () => {
    assert.deepEqual(parseRegistrationNumber('440101000000001'), { ok: true, province: '广东' });
    assert.deepEqual(parseRegistrationNumber('44010100000001'), { ok: false });
  });
});

describe('phone numbers (libphonenumber-js/max) — R-SUB-013, R-SUB-014, R-SUB-015', () => {
  test('mobiles are MOBILE, made-up numbers are invalid', () => {
    assert.equal(isCnMobile('13800000001'), true);
    assert.equal(isCnMobile('+86 138 0013 8000'), true);
    assert.equal(parseCnPhone('12345678901').kind, 'INVALID');
    assert.equal(parseCnPhone('1380013800').kind, 'INVALID');
  });
  test('landlines need an area code', () => {
    assert.equal(isCnLandline('010-12345678'), true);
    assert.equal(isCnLandline('0755-8601 3388'), true);
    assert.equal(isCnLandline('025-12345678'), true);
    assert.equal(isCnLandline('13800000002'), false);
    assert.equal(isCnLandline('025-1234567'), false);
    assert.equal(parseCnPhone('4009100100').kind, 'OTHER');
  });
  test('samePhone ignores formatting', () => {
    assert.equal(samePhone('138 0000 0001', '+8613800000001'), true);
    assert.equal(samePhone('13800000001', '13800000002'), false);
  });
});

describe('e-mail — R-SUB-013', () => {
  test('valid and invalid addresses', () => {
    for (const ok of ['zhangsan@example.com', 'a.b+c@mail.example.com.cn', 'x@xn--fiqs8s.cn'])
      assert.equal(isValidEmail(ok), true, ok);
    for (const bad of [
      'zhangsan',
      'a@b',
      '@example.com',
      'a@@example.com',
      'a b@example.com',
      'a@-x.com',
      'a@example.c0m',
    ]) {
      assert.equal(isValidEmail(bad), false, bad);
    }
  });
});

describe('domains (tldts, IDN) — R-WEB-003, R-WEB-005', () => {
  test('normalises case, trailing dot and IDN to punycode', () => {
    assert.equal(normalizeHost('WWW.Example-Shop.CN.'), 'www.example-shop.cn');
    assert.equal(normalizeHost('例子.中国'), 'xn--fsqu00a.xn--fiqs8s');
    assert.equal(normalizeHost('http://example.cn'), null);
    assert.equal(normalizeHost('exa mple.cn'), null);
    assert.equal(normalizeHost('-bad.cn'), null);
  });
  test('registrable domain is eTLD+1 under the ICANN section', () => {
    assert.equal(registrableDomain('a.b.example-shop.com.cn'), 'example-shop.com.cn');
    assert.equal(registrableDomain('a.b.example.co.uk'), 'example.co.uk');
    assert.equal(registrableDomain('test.ac.cn'), 'test.ac.cn');
    assert.equal(registrableDomain('www.gov.cn'), 'www.gov.cn');
    assert.equal(registrableDomain('foo.bar.github.io'), 'github.io');
    assert.equal(registrableDomain('例子.中国'), 'xn--fsqu00a.xn--fiqs8s');
  });
  test('parseDomain tells a host from its registrable domain and refuses IPs and unknown TLDs', () => {
    const p = parseDomain('www.example-shop.cn');
    assert.equal(p.ok && p.isRegistrable, false);
    assert.equal(p.ok && p.registrable, 'example-shop.cn');
    const q = parseDomain('example-bj.com.cn');
    assert.equal(q.ok && q.topLabel, 'cn');
    assert.equal(q.ok && q.publicSuffix, 'com.cn');
    assert.deepEqual(parseDomain('example.notarealtld'), { ok: false, reason: 'UNKNOWN_TLD' });
    assert.deepEqual(parseDomain('203.0.113.10'), { ok: false, reason: 'IP_ADDRESS' });
    assert.deepEqual(parseDomain('com.cn'), { ok: false, reason: 'NO_REGISTRABLE_PART' });
    assert.deepEqual(parseDomain('  '), { ok: false, reason: 'EMPTY' });
  });
  test('punycode round trip for display', () => {
    assert.equal(toUnicodeHost('xn--fsqu00a.xn--fiqs8s'), '例子.中国');
    assert.equal(toUnicodeHost('example.xn--czru2d'), 'example.商城');
    assert.equal(toAsciiLabel('中国'), 'xn--fiqs8s');
    assert.equal(toAsciiLabel('COM'), 'com');
    assert.equal(toUnicodeHost('xn--5'), 'xn--5', 'malformed punycode passes through');
  });
});

describe('IP addresses — R-ACC-011, R-WEB-020', () => {
  test('IPv4 ranges', () => {
    assert.equal(ipKind('8.8.8.8'), 'public');
    assert.equal(ipKind('10.1.2.3'), 'private');
    assert.equal(ipKind('172.31.255.255'), 'private');
    assert.equal(ipKind('172.32.0.1'), 'public');
    assert.equal(ipKind('192.168.1.1'), 'private');
    assert.equal(ipKind('100.64.0.1'), 'shared');
    assert.equal(ipKind('127.0.0.1'), 'loopback');
    assert.equal(ipKind('169.254.1.1'), 'link-local');
    assert.equal(ipKind('203.0.113.10'), 'documentation');
    assert.equal(ipKind('224.0.0.1'), 'multicast');
    assert.equal(ipKind('256.1.1.1'), null);
    assert.equal(ipKind('01.2.3.4'), null);
    assert.equal(isPublicIp('203.0.113.10'), false);
    assert.equal(isPublicIp('203.0.113.10', { allowDocumentation: true }), true);
    assert.equal(isPublicIp('10.0.0.1', { allowDocumentation: true }), false);
  });
  test('IPv6 parsing and ranges', () => {
    assert.deepEqual(parseIPv6('2001:db8::1'), [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    assert.deepEqual(parseIPv6('::ffff:192.0.2.1'), [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]);
    assert.equal(parseIPv6('1::2::3'), null);
    assert.equal(parseIPv6('1:2:3:4:5:6:7:8:9'), null);
    assert.equal(ipKind('2400:da00::6666'), 'public');
    assert.equal(ipKind('fd00::1'), 'private');
    assert.equal(ipKind('fe80::1'), 'link-local');
    assert.equal(ipKind('::1'), 'loopback');
    assert.equal(ipKind('::ffff:10.0.0.1'), 'private');
    assert.equal(ipKind('2001:db8::1'), 'documentation');
  });
});

describe('civil dates and working days', () => {
  test('addMonths clamps to the month end (§0.2 Month)', () => {
    assert.equal(addMonths('2018-10-15', 3), '2019-01-15');
    assert.equal(addMonths('2018-11-30', 3), '2019-02-28');
  });
  test('ageOn counts whole years', () => {
    assert.equal(ageOn('2000-11-06', '2018-11-05'), 17);
    assert.equal(ageOn('2000-11-05', '2018-11-05'), 18);
  });
  test('R-WEB-010: 3 working days after Friday 2018-11-02 is Wednesday 2018-11-07', () => {
    assert.equal(addWorkingDays('2018-11-02', 3), '2018-11-07');
  });
  test('make-up workdays and holidays count (FAQ-185 calendar)', () => {
    const cal = {
      holidays: ['2018-10-01', '2018-10-02', '2018-10-03', '2018-10-04', '2018-10-05'],
      makeupWorkdays: ['2018-09-29', '2018-09-30'],
    };
    assert.equal(addWorkingDays('2018-09-28', 20, cal), '2018-10-31');
  });
  test('beijingDate is UTC+8', () => {
    assert.equal(beijingDate(new Date('2018-11-04T16:30:00Z')), '2018-11-05');
    assert.equal(beijingDate(new Date('2018-11-04T15:59:59Z')), '2018-11-04');
  });
  test('address prefixes name a province', () => {
    assert.equal(provinceOfAddress('广东省广州市天河区示例路1号'), '广东');
    assert.equal(provinceOfAddress('内蒙古自治区呼和浩特市'), '内蒙古');
    assert.equal(provinceOfAddress('北京市朝阳区'), '北京');
    assert.equal(provinceOfAddress('示例路1号'), undefined);
  });
});
