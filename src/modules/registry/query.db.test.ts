import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackend } from '../../../test/support/db.ts';
import { customerWithServer, filed, type Harness, harness } from '../bureau/testing.ts';

describe(`R-BUR-012 public query: API and page (${testBackend})`, () => {
  let h: Harness;
  let numbers: { subject: string; website: string };
  before(async () => {
    // the tests speak for several clients through X-Forwarded-For from the loopback proxy
    h = await harness({ env: { BEIAN_TRUST_PROXY: '127.0.0.1' } });
    const c = await customerWithServer(h, '203.0.113.10');
    const f = await filed(
      h,
      c,
      'example-shop.com.cn',
      { name: '张三', certificateNumber: '440524188001010014' },
      '203.0.113.10',
    );
    numbers = { subject: f.subjectNumber, website: f.websiteNumbers[0]! };
  });
  after(() => h.close());

  const get = (q: string, headers: Record<string, string> = {}) =>
    h.t.app.inject({
      method: 'GET',
      url: `/api/v1/public/query?${q}`,
      headers: { 'x-forwarded-for': '198.51.100.7', ...headers },
    });

  it('any host resolves to its registrable domain (shop.example-shop.com.cn → example-shop.com.cn); no login needed', async () => {
    const r = await get('domain=shop.example-shop.com.cn');
    assert.equal(r.statusCode, 200, r.body);
    const rec = r.json().records[0];
    assert.deepEqual(
      [rec.subjectFilingNumber, rec.websiteFilingNumber, rec.websiteName, rec.domains, rec.subjectType],
      [numbers.subject, numbers.website, '张三的技术博客', ['example-shop.com.cn'], 'PERSONAL'],
    );
    assert.match(rec.approvedOn, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(rec.subjectName, '张*', 'a personal name is masked unless the query named it');
    assert.equal(r.json().source, 'bureau');
  });

  it('by subject number (all its websites), by website number, by subject name, by certificate number (echoed masked)', async () => {
    assert.equal(
      (await get(`number=${encodeURIComponent(numbers.subject)}`)).json().records[0].websiteFilingNumber,
      numbers.website,
    );
    assert.equal((await get(`number=${encodeURIComponent(numbers.website)}`)).json().records.length, 1);
    const byName = (await get(`subject=${encodeURIComponent('张三')}`)).json();
    assert.equal(byName.records[0].subjectName, '张三');
    const byCert = (await get('cert=440524188001010014')).json();
    assert.equal(byCert.records[0].websiteFilingNumber, numbers.website);
    assert.equal(byCert.query.value, '4405**********0014');
    assert.ok(!JSON.stringify(byCert).includes('440524188001010014'));
    assert.deepEqual((await get('domain=never-filed-example.cn')).json().records, []);
  });

  it('exactly one query field; unknown fields and non-domains are refused with field-level errors', async () => {
    const none = await get('');
    assert.equal(none.statusCode, 400);
    assert.equal(none.json().errors[0].field, 'query');
    assert.equal((await get('domain=a.cn&number=x')).statusCode, 400);
    assert.equal((await get('foo=bar')).statusCode, 400);
    const ip = await get('domain=203.0.113.10');
    assert.equal(ip.statusCode, 400);
    assert.equal(ip.json().errors[0].field, 'domain');
  });

  it('the page: server-rendered HTML in zh-CN and English, values escaped', async () => {
    const zh = await h.t.app.inject({ method: 'GET', url: '/query?by=domain&q=example-shop.com.cn' });
    assert.equal(zh.statusCode, 200);
    assert.match(zh.headers['content-type'] as string, /text\/html/);
    assert.match(zh.body, /<html lang="zh-CN">/);
    assert.ok(zh.body.includes(numbers.website));
    // on a phone the 7-column table becomes one labelled card per record (each cell names its column)
    assert.match(zh.body, new RegExp(`<td data-label="网站备案号">${numbers.website}</td>`));
    assert.match(zh.body, /@media \(max-width:640px\)/);
    const en = await h.t.app.inject({
      method: 'GET',
      url: `/query?by=domain&q=${encodeURIComponent('<script>x</script>.cn')}&lang=en`,
    });
    assert.match(en.body, /<html lang="en">/);
    assert.ok(!en.body.includes('<script>x'), 'escaped');
    assert.match(en.body, /Invalid query/);
  });

  it('the bureau unreachable: the registry answers and says so', async () => {
    h.t.bureau.connect('http://127.0.0.1:9');
    try {
      const r = await get('domain=example-shop.com.cn', { 'x-forwarded-for': '198.51.100.8' });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().source, 'registry');
      assert.equal(r.json().records[0].websiteFilingNumber, numbers.website);
    } finally {
      h.t.bureau.connect(h.sim.url);
    }
  });

  it('rate-limited per client: the 31st request in a minute is 429 with Retry-After; another client is unaffected', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++)
      last = (await get('domain=never-filed-example.cn', { 'x-forwarded-for': '198.51.100.9' })).statusCode;
    assert.equal(last, 429);
    assert.equal((await get('domain=never-filed-example.cn', { 'x-forwarded-for': '198.51.100.10' })).statusCode, 200);
  });
});
