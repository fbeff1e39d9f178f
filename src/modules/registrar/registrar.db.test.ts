import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { seedDemo } from '../../cli/seed-demo.ts';
import { parseRegistrarFile } from './registrar.import.ts';

describe('registrar: import and lookup (R-WEB-007..014)', () => {
  let t: TestApp;
  let admin: string;
  let customer: string;
  before(async () => {
    t = await testApp();
    await t.accounts.createUser({ email: 'admin@example.com', password: 'admin-password', role: 'admin' });
    await t.accounts.createUser({ email: 'c@example.com', password: 'customer-password', role: 'customer' });
    admin = await signIn(t, 'admin@example.com', 'admin-password');
    customer = await signIn(t, 'c@example.com', 'customer-password');
  });
  after(async () => t.close());

  const put = (cookie: string, domains: unknown[]) =>
    t.app.inject({ method: 'PUT', url: '/api/v1/admin/registrar/domains', headers: { cookie }, payload: { domains } });

  test('R-WEB-007 R-WEB-009 R-WEB-012 R-WEB-014: an admin upserts domains; the port answers their facts, the registrant name encrypted at rest', async () => {
    const first = await put(admin, [
      {
        domain: 'ZhangSan-Notes.CN',
        registrar: '演示云',
        domesticQualified: true,
        realNameVerifiedOn: '2026-09-01',
        registrantType: 'PERSONAL',
        registrantName: '张三',
        privacyProtection: true,
        expiresOn: '2026-10-31',
      },
      { domain: '例子.中国', registrar: 'Overseas Registrar Inc.', domesticQualified: false },
    ]);
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(first.json(), { imported: 2, created: 2, updated: 0 });
    const facts = await t.registrar.port.lookup(['www.zhangsan-notes.cn', '例子.中国', 'unknown-domain.cn']);
    assert.deepEqual(facts['zhangsan-notes.cn'], {
      registrar: '演示云',
      domesticQualified: true,
      realNameVerifiedOn: '2026-09-01',
      privacyProtection: true,
      registrantType: 'PERSONAL',
      registrantName: '张三',
      // the testApp clock is 2026-11-02: the registration lapsed after 2026-10-31 (R-CHG-015)
      expired: true,
    });
    assert.deepEqual(facts['xn--fsqu00a.xn--fiqs8s'], {
      registrar: 'Overseas Registrar Inc.',
      domesticQualified: false,
      realNameVerifiedOn: null,
      privacyProtection: false,
    });
    assert.equal(facts['unknown-domain.cn'], undefined, 'a domain the registrar does not hold has no facts');
    const raw = await t.database.db
      .selectFrom('registrar_domains')
      .selectAll()
      .where('domain', '=', 'zhangsan-notes.cn')
      .executeTakeFirstOrThrow();
    assert.ok(raw.registrant_name_enc && !raw.registrant_name_enc.includes('张三'));

    // a second import replaces the row as a whole: privacy off, verification unknown → null
    const second = await put(admin, [{ domain: 'zhangsan-notes.cn', registrar: '演示云', domesticQualified: true }]);
    assert.deepEqual(second.json(), { imported: 1, created: 0, updated: 1 });
    const again = await t.registrar.port.lookup(['zhangsan-notes.cn']);
    assert.equal(again['zhangsan-notes.cn']?.privacyProtection, false);
    assert.equal(again['zhangsan-notes.cn']?.realNameVerifiedOn, null);
    assert.equal(again['zhangsan-notes.cn']?.registrantName, undefined);
  });

  test('R-WEB-007: a host or a bad date refuses the whole file with its row number; a customer may not import', async () => {
    const bad = await put(admin, [
      { domain: 'ok-domain.cn', registrar: 'r', domesticQualified: true },
      { domain: 'www.not-registrable.cn', registrar: 'r', domesticQualified: true },
    ]);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().details?.row ?? bad.json().row, 2, bad.body);
    assert.equal((await t.registrar.port.lookup(['ok-domain.cn']))['ok-domain.cn'], undefined, 'all or nothing');
    const badDate = await put(admin, [
      { domain: 'ok-domain.cn', registrar: 'r', domesticQualified: true, expiresOn: '2026-02-30' },
    ]);
    assert.equal(badDate.statusCode, 400, badDate.body);
    const forbidden = await put(customer, [{ domain: 'ok-domain.cn', registrar: 'r', domesticQualified: true }]);
    assert.equal(forbidden.statusCode, 403);
  });

  test('R-WEB-007: `beian registrar import` reads CSV with empty cells as "not stated" and JSON', () => {
    const csv =
      'domain,registrar,domesticQualified,realNameVerifiedOn,registrantType,registrantName,privacyProtection\n' +
      'zhangsan-notes.cn,演示云,true,2026-09-01,PERSONAL,"张三",0\nforeign.cn,Overseas,false,,,,\n';
    assert.deepEqual(parseRegistrarFile(csv, 'x.csv'), [
      {
        domain: 'zhangsan-notes.cn',
        registrar: '演示云',
        domesticQualified: true,
        realNameVerifiedOn: '2026-09-01',
        registrantType: 'PERSONAL',
        registrantName: '张三',
        privacyProtection: false,
      },
      { domain: 'foreign.cn', registrar: 'Overseas', domesticQualified: false },
    ]);
    assert.equal(
      parseRegistrarFile(
        JSON.stringify({ domains: [{ domain: 'a.cn', registrar: 'r', domesticQualified: true }] }),
        'x.json',
      ).length,
      1,
    );
    assert.throws(
      () => parseRegistrarFile('domain,registrar,domesticQualified\na.cn,r,maybe\n', 'x.csv'),
      /Row 1|第 1 行|VALIDATION/,
    );
  });

  test('R-WEB-010 R-WEB-014: the demo seed gives the demo registrar domains, one verified yesterday and one with privacy protection', async () => {
    assert.deepEqual(await seedDemo(t), { seeded: true });
    const facts = await t.registrar.port.lookup([
      'zhangsan-demo-blog.cn',
      'zhangsan-demo-new.cn',
      'zhangsan-demo-private.cn',
      'zhangsan-demo-overseas.com',
    ]);
    assert.equal(facts['zhangsan-demo-new.cn']?.realNameVerifiedOn, '2026-11-01');
    assert.equal(facts['zhangsan-demo-private.cn']?.privacyProtection, true);
    assert.equal(facts['zhangsan-demo-overseas.com']?.domesticQualified, false);
    assert.equal(facts['zhangsan-demo-blog.cn']?.registrantName, '张三');
    assert.deepEqual(await seedDemo(t), { seeded: false });
  });
});
