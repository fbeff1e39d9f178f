import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filingLink, renderBlockPage } from './block-page.ts';

const opts = { consoleUrl: 'https://console.example-cloud.cn/', providerName: '示例云', hotline: '400-000-0000' };

describe('block page', () => {
  it('R-ACS-014: zh-CN page states what happened, the domain, the reason and how to file, with the console link', () => {
    const html = renderBlockPage(
      { host: 'www.example-a.cn', domain: 'example-a.cn', reason: 'NOT_FILED', lang: 'zh' },
      opts,
    );
    assert.match(html, /<html lang="zh-CN">/);
    assert.match(html, /网站暂时无法访问：该域名未备案/);
    assert.match(html, /example-a\.cn/);
    assert.match(html, /NOT_FILED/);
    assert.match(html, /办理备案/);
    assert.match(html, /400-000-0000/);
    assert.match(html, /示例云/);
    assert.match(
      html,
      /href="https:\/\/console\.example-cloud\.cn\/filings\/new\?domain=example-a\.cn&amp;intent=file"/,
    );
  });

  it('English by Accept-Language choice', () => {
    const html = renderBlockPage(
      { host: 'example-b.cn', domain: 'example-b.cn', reason: 'NOT_ACCESSED_HERE', lang: 'en' },
      opts,
    );
    assert.match(html, /<html lang="en">/);
    assert.match(html, /not accessed at this provider/);
    assert.match(html, /Request access filing/);
    assert.doesNotMatch(html, /接入备案初审/);
  });

  it('FAQ-275 R-ACS-014: each reason category has its own explanation', () => {
    const page = (reason: Parameters<typeof renderBlockPage>[0]['reason']) =>
      renderBlockPage({ host: 'x.cn', domain: 'x.cn', reason, lang: 'zh' }, opts);
    assert.match(page('NOT_FILED'), /未备案/);
    assert.match(page('FILING_IN_PROGRESS'), /备案正在办理中/);
    assert.match(page('NOT_ACCESSED_HERE'), /未在本服务商办理接入备案/);
    assert.match(page('CANCELLED'), /备案已注销或已取消接入/);
    assert.match(page('FILING_CANCELLED'), /备案号已被注销/);
    assert.match(page('ACCESS_CANCELLED'), /已取消在本服务商的接入/);
    const titles = new Set(
      (
        [
          'NOT_FILED',
          'FILING_IN_PROGRESS',
          'NOT_ACCESSED_HERE',
          'CANCELLED',
          'FILING_CANCELLED',
          'ACCESS_CANCELLED',
        ] as const
      ).map((r) => /<title>(.*)<\/title>/.exec(page(r))?.[1]),
    );
    assert.equal(titles.size, 6);
  });

  it('FAQ-276 R-ACS-014: NOT_FILED links to a filing verify step, NOT_ACCESSED_HERE to an access verify step', () => {
    assert.equal(
      filingLink('https://c.example/', 'example-a.cn', 'NOT_FILED'),
      'https://c.example/filings/new?domain=example-a.cn&intent=file',
    );
    assert.equal(
      filingLink('https://c.example', 'example-b.cn', 'NOT_ACCESSED_HERE'),
      'https://c.example/filings/new?domain=example-b.cn&intent=access',
    );
    assert.match(filingLink('https://c.example', 'x.cn', 'ACCESS_CANCELLED'), /intent=access/);
    assert.match(filingLink('https://c.example', 'x.cn', 'FILING_CANCELLED'), /intent=file/);
  });

  it('the host comes from the request: it is escaped, never markup', () => {
    const html = renderBlockPage(
      { host: '<script>alert(1)</script>', domain: null, reason: 'NOT_FILED', lang: 'zh' },
      opts,
    );
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;script&gt;/);
  });

  it('IDN domains are shown in Unicode beside their punycode form', () => {
    const html = renderBlockPage(
      { host: 'www.xn--fsq092h.xn--fiqs8s', domain: 'xn--fsq092h.xn--fiqs8s', reason: 'NOT_FILED', lang: 'zh' },
      opts,
    );
    assert.match(html, /示例\.中国 \(xn--fsq092h\.xn--fiqs8s\)/);
  });
});
