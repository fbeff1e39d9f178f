import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { needToFile } from './need-to-file.ts';

describe('do I need to file? (R-ACS-001)', () => {
  it('FAQ-001 R-ACS-001 R-ACS-003: a site on a non-mainland server needs no filing; on a mainland server it does', () => {
    const hk = needToFile({ domain: 'example-shop.cn', hosting: 'PROVIDER_NON_MAINLAND', serving: 'NOW', filed: 'NO' });
    assert.equal(hk.verdict, 'NOT_NEEDED');
    assert.equal(hk.blockedIfServedHere, false);
    assert.ok(hk.rules.includes('R-ACS-003'));
    const mainland = needToFile({
      domain: 'example-shop.cn',
      hosting: 'PROVIDER_MAINLAND',
      serving: 'NOW',
      filed: 'NO',
    });
    assert.equal(mainland.verdict, 'FILE_HERE');
    assert.equal(mainland.blockedIfServedHere, true);
  });

  it('FAQ-002 R-ACS-005: a webmail sub-domain is decided by its registrable domain', () => {
    const a = needToFile({ domain: 'mail.example-corp.cn', hosting: 'PROVIDER_MAINLAND', serving: 'NOW' });
    assert.equal(a.verdict, 'FILE_HERE');
    assert.equal(a.registrable, 'example-corp.cn');
    assert.equal(a.subdomain, true);
    assert.ok(a.rules.includes('R-ACS-005'));
  });

  it('FAQ-003 R-ACS-001: a registered domain that serves nothing needs no filing', () => {
    const a = needToFile({ domain: 'example-idle.cn', hosting: 'NOWHERE', serving: 'NO' });
    assert.equal(a.verdict, 'NOT_NEEDED');
  });

  it('FAQ-004 R-ACS-001 R-ORD-022: a site going live later is not yet mandatory but recommended now', () => {
    const a = needToFile({ domain: 'example-future.cn', hosting: 'NOWHERE', serving: 'LATER' });
    assert.equal(a.verdict, 'NOT_YET_RECOMMENDED');
    assert.ok(a.rules.includes('R-ORD-022'));
    const b = needToFile({ domain: 'example-future.cn', hosting: 'PROVIDER_MAINLAND', serving: 'LATER' });
    assert.equal(b.verdict, 'NOT_YET_RECOMMENDED');
  });

  it('FAQ-005 R-ACS-004: an IP address needs no filing', () => {
    assert.equal(
      needToFile({ domain: '203.0.113.10', hosting: 'PROVIDER_MAINLAND', serving: 'NOW' }).verdict,
      'IP_ADDRESS',
    );
    assert.equal(
      needToFile({ domain: 'http://203.0.113.10/', hosting: 'PROVIDER_MAINLAND', serving: 'NOW' }).verdict,
      'IP_ADDRESS',
    );
  });

  it('R-ORD-004 R-ACS-006: a domain filed through another provider needs an access filing here', () => {
    const a = needToFile({
      domain: 'www.example-shop.cn',
      hosting: 'PROVIDER_MAINLAND',
      serving: 'NOW',
      filed: 'OTHER_PROVIDER',
    });
    assert.equal(a.verdict, 'ACCESS_HERE');
    const done = needToFile({
      domain: 'blog.example-shop.cn',
      hosting: 'PROVIDER_MAINLAND',
      serving: 'NOW',
      filed: 'HERE',
    });
    assert.equal(done.verdict, 'ALREADY_DONE');
    assert.equal(done.blockedIfServedHere, false);
  });

  it("R-ORD-036: a site on another provider's mainland server is filed there", () => {
    assert.equal(
      needToFile({ domain: 'example-shop.cn', hosting: 'OTHER_MAINLAND', serving: 'NOW' }).verdict,
      'FILE_AT_OTHER_PROVIDER',
    );
  });

  it('FAQ-291 R-WEB-005 R-ACS-015: an unfilable suffix is blocked on the mainland and fine elsewhere', () => {
    const here = needToFile({ domain: 'example-x.online', hosting: 'PROVIDER_MAINLAND', serving: 'NOW' });
    assert.equal(here.verdict, 'SUFFIX_NOT_FILABLE');
    assert.equal(here.suffixFilable, false);
    const hk = needToFile({ domain: 'example-y.online', hosting: 'PROVIDER_NON_MAINLAND', serving: 'NOW' });
    assert.equal(hk.verdict, 'NOT_NEEDED');
  });

  it('R-WEB-003: something that is not a host name is reported, not guessed', () => {
    assert.equal(
      needToFile({ domain: 'not a domain', hosting: 'PROVIDER_MAINLAND', serving: 'NOW' }).verdict,
      'INVALID_DOMAIN',
    );
    assert.equal(needToFile({ domain: '', hosting: 'PROVIDER_MAINLAND', serving: 'NOW' }).verdict, 'INVALID_DOMAIN');
  });
});
