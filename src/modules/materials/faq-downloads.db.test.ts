import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { orgDraft } from '../rules/test-fixtures.ts';
import { pdfPagesText } from './documents/pdf-text.ts';

/**
 * 核验单上传 › 授权书、网站建设书、核验单等哪里下载？ — the documents a logged-in customer downloads for an order
 * (R-MAT-014), pre-filled from the order. Only the owner (and staff) may download them.
 */
describe(`downloadable filing documents (${testBackend})`, () => {
  let t: TestApp;
  let customer: string;
  let other: string;
  let orderId: string;
  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00', env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' } });
    const u = await t.accounts.createUser({ email: 'corp@example.com', password: 'corp-password', role: 'customer' });
    await t.accounts.createUser({ email: 'other@example.com', password: 'other-password', role: 'customer' });
    await t.servers.importMany(
      [
        {
          externalId: 'gz-corp',
          accountNo: u.accountNo,
          name: 'GZ',
          region: 'ap-guangzhou',
          regionKind: 'mainland',
          billingMode: 'prepaid',
          prepaidMonths: 12,
          purchasedAt: '2026-10-01',
          expiresAt: '2027-10-01',
          publicIp: '203.0.113.60',
        },
      ],
      { id: null, role: 'system' },
    );
    customer = await signIn(t, 'corp@example.com', 'corp-password');
    other = await signIn(t, 'other@example.com', 'other-password');
    const draft = orgDraft();
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: customer },
      payload: {
        subject: {
          type: 'ENTERPRISE',
          certificateType: draft.subject!.certificateType!,
          certificateNumber: draft.subject!.certificateNumber!,
          name: draft.subject!.name!,
        },
        province: '广东',
        domains: draft.websites![0].domains!,
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    orderId = created.json().id;
    const { materials: _none, ...withoutMaterials } = draft;
    withoutMaterials.websites![0].accessIps = ['203.0.113.60'];
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${orderId}/draft`,
      headers: { cookie: customer },
      payload: { version: 1, draft: withoutMaterials },
    });
    assert.equal(saved.statusCode, 200, saved.body);
  });
  after(() => t.close());

  const download = (path: string, cookie = customer) =>
    t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/documents/${path}`, headers: { cookie } });
  const textOf = (pdf: Buffer) => pdfPagesText(pdf).pages.join('\n').replace(/\s+/g, '');

  it('FAQ-152 R-MAT-014: the verification sheet, the 法人授权书 and the 网站建设书 are offered, pre-filled, to the logged-in customer', async () => {
    const sheet = await download('verification-sheet/0');
    assert.equal(sheet.statusCode, 200, sheet.body);
    assert.equal(sheet.headers['content-type'], 'application/pdf');
    assert.match(String(sheet.headers['content-disposition']), /attachment/);
    const sheetText = textOf(sheet.rawPayload);
    assert.match(sheetText, /网站备案信息真实性核验单/);
    assert.match(sheetText, /广州示例科技有限公司/);

    const auth = await download('authorization-letter');
    assert.equal(auth.statusCode, 200, auth.body);
    const authText = textOf(auth.rawPayload);
    assert.match(authText, /法人授权书/);
    assert.match(authText, /李四/, 'the legal representative of the company');

    const construction = await download('construction-letter/0');
    assert.equal(construction.statusCode, 200, construction.body);
    assert.match(textOf(construction.rawPayload), /网站建设书/);

    // another customer cannot download this order's documents
    assert.equal((await download('verification-sheet/0', other)).statusCode, 404);
  });
});
