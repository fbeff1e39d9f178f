import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { registrableDomain } from '../rules/validators/domain.ts';
import { canonicalIp, ipv4FromLong, ipv4ToLong, NO_DOMAIN, registrableOfHost } from './host.ts';

describe('host parsing on the gateway path', () => {
  it('R-ACS-002: the port never matters: every port gives the same registrable domain', () => {
    for (const h of ['example-nofile.cn', 'example-nofile.cn:80', 'example-nofile.cn:443', 'example-nofile.cn:8080'])
      assert.equal(registrableOfHost(h), 'example-nofile.cn', h);
  });

  it('R-ACS-005: www., mail. and any sub-domain map to the registrable domain, also under .com.cn', () => {
    assert.equal(registrableOfHost('www.example-shop.cn'), 'example-shop.cn');
    assert.equal(registrableOfHost('mail.example-corp.cn:443'), 'example-corp.cn');
    assert.equal(registrableOfHost('a.b.c.blog.example-shop.cn'), 'example-shop.cn');
    assert.equal(registrableOfHost('www.example-shop.com.cn'), 'example-shop.com.cn');
    assert.equal(registrableOfHost('mail.example-shop.com.cn:8080'), 'example-shop.com.cn');
    assert.equal(registrableOfHost('example-shop.com.cn'), 'example-shop.com.cn');
    assert.equal(registrableOfHost('shop.example.gov.cn'), 'example.gov.cn');
  });

  it('normalises case, a trailing FQDN dot and surrounding blanks', () => {
    assert.equal(registrableOfHost('WWW.Example-Shop.CN'), 'example-shop.cn');
    assert.equal(registrableOfHost('www.example-shop.cn.'), 'example-shop.cn');
    assert.equal(registrableOfHost('www.example-shop.cn.:8080'), 'example-shop.cn');
    assert.equal(registrableOfHost('  www.example-shop.cn  '), 'example-shop.cn');
  });

  it('IDN hosts in Unicode resolve to the punycode key the projection stores', () => {
    assert.equal(registrableOfHost('www.示例.中国'), registrableDomain('示例.中国'));
    const key = registrableDomain('示例.中国') as string;
    assert.match(key, /^xn--[a-z0-9]+\.xn--fiqs8s$/);
    assert.equal(registrableOfHost(`www.${key}`), key);
    assert.equal(registrableOfHost('商城.例子.公司:8443'), registrableDomain('例子.公司'));
  });

  it('FAQ-005 R-ACS-004: IP literals, a missing Host and single-label names are not subject to the check', () => {
    for (const h of [
      undefined,
      '',
      '   ',
      '203.0.113.10',
      '203.0.113.10:8080',
      '[2001:db8::1]',
      '[2001:db8::1]:443',
      '2001:db8::1',
      'localhost',
      'localhost:3000',
    ])
      assert.equal(registrableOfHost(h), NO_DOMAIN, String(h));
  });

  it('R-ACS-015: a name with no registrable part under an ICANN suffix cannot be filed (null → NOT_FILED)', () => {
    assert.equal(registrableOfHost('com.cn'), null);
    assert.equal(registrableOfHost('cn'), NO_DOMAIN, 'single label');
    assert.equal(registrableOfHost('example.not-a-real-tld'), null);
    assert.equal(registrableOfHost('exa mple.cn'), null);
    assert.equal(registrableOfHost('example.cn/evil'), null);
    assert.equal(registrableOfHost('user@example.cn'), null);
    // an unapproved but real suffix still has a registrable domain: it is simply never filed (blocked NOT_FILED)
    assert.equal(registrableOfHost('www.example-x.online'), 'example-x.online');
  });

  it('agrees with registrableDomain() (the projection key) on every host registrableDomain accepts', () => {
    const corpus = [
      'example-shop.cn',
      'www.example-shop.cn',
      'Mail.Example-Corp.CN',
      'a.b.example.com.cn',
      'x.example.net.cn',
      'shop.example.org',
      'example.co.uk',
      'www.example.co.uk',
      'deep.sub.example.com.hk',
      'blog.example.gov.cn',
      'user.github.io',
      'foo.blogspot.com',
      'www.示例.中国',
      'ÄÖÜ.example.de',
      'example.xn--fiqs8s',
      'www.example-shop.online',
      'a-b-c.example.tv',
      'www.example-shop.cn.',
      'x1.y2.example.me',
    ];
    for (const h of corpus) {
      const expected = registrableDomain(h);
      assert.notEqual(expected, null, `corpus host ${h} should be valid for registrableDomain`);
      assert.equal(registrableOfHost(h), expected, h);
    }
  });

  it('canonical server IPs: IPv4 as is, IPv6 compressed, IPv4-mapped IPv6 as IPv4, junk → null', () => {
    assert.equal(canonicalIp('198.51.100.10'), '198.51.100.10');
    assert.equal(canonicalIp(' 198.51.100.10 '), '198.51.100.10');
    assert.equal(canonicalIp('2001:0DB8:0:0:0:0:0:1'), '2001:db8::1');
    assert.equal(canonicalIp('[2001:db8::1]'), '2001:db8::1');
    assert.equal(canonicalIp('::ffff:198.51.100.10'), '198.51.100.10');
    assert.equal(canonicalIp('example.cn'), null);
    assert.equal(canonicalIp(''), null);
    assert.equal(canonicalIp(undefined), null);
  });

  it('MIIT IPv4 longs round-trip (WBAWZLB / WBACLJG `IP`)', () => {
    assert.equal(ipv4FromLong(3405803786), '203.0.113.10');
    assert.equal(ipv4ToLong('203.0.113.10'), 3405803786);
    assert.equal(ipv4FromLong(0xffffffff), '255.255.255.255');
    assert.equal(ipv4FromLong(-1), null);
    assert.equal(ipv4FromLong(2 ** 32), null);
    assert.equal(ipv4ToLong('2001:db8::1'), null);
  });
});
