import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { addServer, type ExtrasTestApp, extrasTestApp, seedApprovedOrder, seedFiled } from './testing.ts';

function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'beian-sheet-'));
  try {
    const file = join(dir, 'sheet.pdf');
    writeFileSync(file, pdf);
    return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`R-EXT-002 public-security record and R-EXT-003 access provider sheet (${testBackend})`, () => {
  let t: ExtrasTestApp;
  let a: string;
  let b: string;
  let site: string;
  let elsewhere: string;
  let moved: string;
  before(async () => {
    t = await extrasTestApp({ env: { BEIAN_ACCESS_LICENCE_NUMBER: 'B1.B2-20180001' } });
    const A = await t.accounts.createUser({ email: 'a@example.com', password: 'a-password-1', role: 'customer' });
    await t.accounts.createUser({ email: 'b@example.com', password: 'b-password-1', role: 'customer' });
    const s1 = await addServer(t, A.accountNo, { externalId: 'S1', ip: '203.0.113.10' });
    const seeded = await seedFiled(t, {
      accountId: A.id,
      name: '广州示例科技有限公司',
      province: '广东',
      filingNumber: '粤ICP备18000001号',
      websites: [
        {
          domain: 'example-shop.cn',
          name: '示例商城',
          accessedHere: true,
          server: { id: s1, ip: '203.0.113.10' },
          approvedOn: '2018-11-05',
          access: { decision: 'allow', reason: 'FILED' },
        },
        { domain: 'example-b.cn', accessedHere: false, otherProviders: [{ providerId: 2002, ip: '192.0.2.50' }] },
        {
          domain: 'example-moved.cn',
          accessedHere: true,
          server: { id: s1, ip: '203.0.113.10' },
          approvedOn: '2016-03-01',
        },
      ],
    });
    [site, elsewhere, moved] = seeded.websiteIds;
    // example-shop.cn opened here with its FIRST approval today; example-moved.cn came by ACCESS (opened elsewhere)
    await seedApprovedOrder(t, { accountId: A.id, type: 'FIRST', domains: ['www.example-shop.cn'] });
    await seedApprovedOrder(t, { accountId: A.id, type: 'ACCESS', domains: ['example-moved.cn'] });
    a = await signIn(t, 'a@example.com', 'a-password-1');
    b = await signIn(t, 'b@example.com', 'b-password-1');
  });
  after(() => t.close());

  const websites = async (cookie = a) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/extras/websites', headers: { cookie } })).json();
  const record = (id: string, body: Record<string, unknown>, cookie = a) =>
    t.app.inject({ method: 'PUT', url: `/api/v1/extras/websites/${id}/psb`, headers: { cookie }, payload: body });

  it('FAQ-256 R-EXT-001: a website opened here by its FIRST approval on 2018-11-05 has an open 公安备案 task due 2018-12-05', async () => {
    const list = await websites();
    const w = list.find((x: { id: string }) => x.id === site);
    assert.deepEqual(
      w.tasks.map((k: { kind: string; dueOn: string; done: boolean }) => [k.kind, k.dueOn, k.done]),
      [['PSB_FILING', '2018-12-05', false]],
    );
    assert.match(w.tasks[0].text.zh, /警告或者停机整顿不超过六个月/);
    // accessed only at another provider, or moved here by ACCESS: no opening here, no 30-day clock
    assert.deepEqual(list.find((x: { id: string }) => x.id === elsewhere).tasks, []);
    assert.deepEqual(list.find((x: { id: string }) => x.id === moved).tasks, []);
    assert.deepEqual(await websites(b), []);
  });

  it('R-EXT-002: refuses empty, malformed and impossible input with one field error per field', async () => {
    const empty = await record(site, { psbNumber: '  ', approvedOn: '' });
    assert.equal(empty.statusCode, 400, empty.body);
    assert.deepEqual(
      empty.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [
        ['psbNumber', 'PSB_NUMBER_REQUIRED'],
        ['approvedOn', 'PSB_DATE_INVALID'],
      ],
    );
    const bad = await record(site, { psbNumber: 'abc123', approvedOn: '2018-02-30' });
    assert.deepEqual(
      bad.json().errors.map((e: { code: string }) => e.code),
      ['PSB_NUMBER_FORMAT', 'PSB_DATE_INVALID'],
    );
    const future = await record(site, { psbNumber: '44010602000001', approvedOn: '2018-11-20' });
    assert.deepEqual(
      future.json().errors.map((e: { field: string; code: string }) => [e.field, e.code]),
      [['approvedOn', 'PSB_DATE_IN_FUTURE']],
    );
    assert.equal((await record(site, { psbNumber: '4401060200000', approvedOn: '2018-11-01' })).statusCode, 400);
    assert.equal((await record(site, { psbNumber: '44010602000001', approvedOn: '2018-11-01' }, b)).statusCode, 404);
    assert.ok((await websites()).every((x: { psb: unknown }) => x.psb === null));
  });

  it('FAQ-258 R-EXT-002: recording 44010602000001 approved 2018-11-20 closes the filing task and opens the display task due 2018-12-20', async () => {
    t.clock.advance(16 * 24 * 60 * 60_000); // 2018-11-21; sessions do not last that long
    a = await signIn(t, 'a@example.com', 'a-password-1');
    b = await signIn(t, 'b@example.com', 'b-password-1');
    const res = await record(site, { psbNumber: '44010602000001', approvedOn: '2018-11-20' });
    assert.equal(res.statusCode, 200, res.body);
    const w = res.json();
    assert.deepEqual(
      w.tasks.map((k: { kind: string; dueOn: string; done: boolean; rule: string }) => [
        k.kind,
        k.rule,
        k.dueOn,
        k.done,
      ]),
      [
        ['PSB_FILING', 'R-EXT-001', '2018-12-05', true],
        ['PSB_DISPLAY', 'R-EXT-002', '2018-12-20', false],
      ],
    );
    assert.match(w.tasks[1].text.zh, /复制备案编号 HTML 代码/);
    assert.equal(w.psb.psbNumber, '44010602000001');
    assert.match(w.psb.htmlCode, /recordcode=44010602000001/);
    // the prefixed form the national platform prints is accepted as typed; a correction replaces the record
    const again = await record(site, { psbNumber: '粤公网安备  44010602000002号', approvedOn: '2018-11-21' });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().psb.psbNumber, '粤公网安备 44010602000002号');
    assert.equal(again.json().tasks[1].dueOn, '2018-12-21');
    assert.match(again.json().psb.htmlCode, /粤公网安备 44010602000002号<\/a>$/);
    assert.equal((await websites()).filter((x: { psb: unknown }) => x.psb).length, 1);
  });

  it('R-EXT-003: the access provider sheet carries provider, licence, IPs, region and both filing numbers', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/extras/websites/${site}/access-info.pdf`,
      headers: { cookie: a },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(String(res.headers['content-disposition']), /attachment; filename="access-provider-info-.+\.pdf"/);
    const text = pdfText(res.rawPayload).replace(/[ \t]+/g, ' ');
    for (const expected of [
      '接入服务商名称：腾讯云计算（北京）有限责任公司',
      '接入服务商经营许可证号：B1.B2-20180001',
      '主办单位名称：广州示例科技有限公司',
      'ICP 主体备案号：粤ICP备18000001号',
      'ICP 网站备案号：粤ICP备18000001号-1',
      '网站名称：示例商城',
      '网站域名：example-shop.cn',
      '接入 IP 地址：203.0.113.10',
      '服务器所在地区：中国大陆 · ap-guangzhou',
    ])
      assert.ok(text.replace(/ ?： ?/g, '：').includes(expected), `missing ${expected} in:\n${text}`);
  });

  it("R-EXT-003: no sheet for a website not accessed here (409) nor for another account's website (404)", async () => {
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/extras/websites/${elsewhere}/access-info.pdf`,
      headers: { cookie: a },
    });
    assert.equal(other.statusCode, 409);
    assert.equal(other.json().reason, 'NOT_ACCESSED_HERE');
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/v1/extras/websites/${site}/access-info.pdf`,
      headers: { cookie: b },
    });
    assert.equal(foreign.statusCode, 404);
  });
});
