import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../test/support/app.ts';
import { testBackend } from '../../test/support/db.ts';
import { DEMO_LOGINS, seedDemo } from './seed-demo.ts';

describe(`demo seed (${testBackend})`, () => {
  let t: TestApp;
  before(async () => {
    // the production default: a newly bought server becomes usable 30 minutes after its sync (R-ACC-012)
    t = await testApp({ env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '30' } });
  });
  after(() => t.close());

  it('R-ACC-012 R-ACC-006: the demo customer can start a filing right after `npm start` (the demo servers were bought weeks ago)', async () => {
    assert.deepEqual(await seedDemo(t), { seeded: true });
    const customer = DEMO_LOGINS[0];
    const cookie = await signIn(t, customer.email, customer.password);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: '440524188001010014',
          name: '张三',
        },
        province: '广东',
        domains: ['demo-first-site.cn'],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().type, 'FIRST');
  });
});
