import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { passInitialReview, personDraft } from '../../../test/support/drafts.ts';
import { pdfPagesText } from './documents/pdf-text.ts';
import { photo } from './test-images.ts';

const SYSTEM = { id: null, role: 'system' as const };

describe(`materials over HTTP (${testBackend})`, () => {
  let t: TestApp;
  let customer: string;
  let reviewer: string;
  let agent: string;
  let orderId: string;
  let version: number;
  let jpeg: Buffer;

  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00', env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0', BEIAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'beian-mat-')) } });
    const u = await t.accounts.createUser({ email: 'zhang@example.com', password: 'zhang-password', role: 'customer' });
    await t.accounts.createUser({ email: 'rev@example.com', password: 'reviewer-pass', role: 'reviewer' });
    await t.accounts.createUser({ email: 'agent@example.com', password: 'agent-password', role: 'photo_agent' });
    await t.accounts.createUser({ email: 'other@example.com', password: 'other-password', role: 'customer' });
    await t.servers.importMany([{ externalId: 'gz-1', accountNo: u.accountNo, name: 'GZ', region: 'ap-guangzhou', regionKind: 'mainland', billingMode: 'prepaid', prepaidMonths: 12, purchasedAt: '2026-10-01', expiresAt: '2027-10-01', publicIp: '203.0.113.10' }], SYSTEM);
    customer = await signIn(t, 'zhang@example.com', 'zhang-password');
    reviewer = await signIn(t, 'rev@example.com', 'reviewer-pass');
    agent = await signIn(t, 'agent@example.com', 'agent-password');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { cookie: customer }, payload: { subject: { type: 'PERSONAL', certificateType: 'RESIDENT_ID', certificateNumber: '440524188001010014', name: '张三' }, province: '广东', domains: ['example-shop.cn'] } });
    orderId = created.json().id;
    const { materials: _omit, ...withoutMaterials } = personDraft('example-shop.cn');
    const saved = await t.app.inject({ method: 'PUT', url: `/api/v1/orders/${orderId}/draft`, headers: { cookie: customer }, payload: { version: 1, draft: withoutMaterials } });
    assert.equal(saved.statusCode, 200, saved.body);
    version = saved.json().version;
    jpeg = await photo('jpeg', 800, 600);
  });
  after(() => t.close());

  const upload = (cookie: string, kind: string, file: { name: string; type: string; bytes: Buffer }, websiteIndex?: number) => {
    const m = multipart({ kind, ...(websiteIndex !== undefined ? { websiteIndex: String(websiteIndex) } : {}) }, file);
    return t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/materials`, headers: { cookie, ...m.headers }, payload: m.payload });
  };

  it('R-MAT-001: the upload attack set is refused, each with its code and the file field', async () => {
    const cases: [string, { name: string; type: string; bytes: Buffer }, string][] = [
      ['truncated JPEG', { name: 'id.jpg', type: 'image/jpeg', bytes: jpeg.subarray(0, Math.floor(jpeg.length / 2)) }, 'IMAGE_CORRUPT'],
      ['PNG with a script appended', { name: 'id.png', type: 'image/png', bytes: Buffer.concat([await photo('png', 300, 300), Buffer.from('<script>alert(1)</script>')]) }, 'IMAGE_POLYGLOT'],
      ['SVG renamed .png', { name: 'id.png', type: 'image/png', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><rect width="200" height="200"/></svg>') }, 'IMAGE_FORMAT'],
      ['exactly 2,097,152 bytes', { name: 'id.jpg', type: 'image/jpeg', bytes: Buffer.concat([jpeg, Buffer.alloc(2_097_152 - jpeg.length)]) }, 'IMAGE_TOO_LARGE'],
      ['an empty file', { name: 'id.jpg', type: 'image/jpeg', bytes: Buffer.alloc(0) }, 'IMAGE_EMPTY'],
      ['a path-traversal file name', { name: '../../etc/id.jpg', type: 'image/jpeg', bytes: jpeg }, 'FILE_NAME_INVALID'],
      ['a GIF for an ID card', { name: 'id.gif', type: 'image/gif', bytes: await photo('gif', 300, 300) }, 'IMAGE_FORMAT'],
    ];
    for (const [label, file, code] of cases) {
      const r = await upload(customer, 'SUBJECT_CERT_FRONT', file);
      assert.equal(r.statusCode, 422, `${label}: ${r.body}`);
      assert.equal(r.json().reason, code, label);
      assert.equal(r.json().errors[0].field, 'file', label);
    }
    const list = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/materials`, headers: { cookie: customer } });
    assert.deepEqual(list.json(), [], 'nothing refused was stored');
  });

  it('R-MAT-001: a lying content type is ignored (content wins); materials land in the draft and the order can be submitted', async () => {
    const lying = await upload(customer, 'SUBJECT_CERT_FRONT', { name: 'front.jpg', type: 'application/octet-stream', bytes: jpeg });
    assert.equal(lying.statusCode, 201, lying.body);
    assert.ok(lying.json().notes.some((n: { code: string }) => n.code === 'DECLARED_TYPE_MISMATCH'));
    assert.equal((await upload(customer, 'SUBJECT_CERT_BACK', { name: 'back.png', type: 'image/png', bytes: await photo('png', 800, 500) })).statusCode, 201);
    assert.equal((await upload(customer, 'HANDHELD_PHOTO', { name: 'hand.jpg', type: 'image/jpeg', bytes: jpeg }, 0)).statusCode, 201);
    assert.equal((await upload(customer, 'VERIFICATION_SHEET', { name: 'sheet.jpg', type: 'image/jpeg', bytes: jpeg }, 0)).statusCode, 201);
    const order = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}`, headers: { cookie: customer } })).json();
    assert.equal(order.draft.materials.length, 4);
    version = order.version;
  });

  it('R-MAT identity images are served to the owner and staff only, and every view is audited', async () => {
    const [m] = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/materials`, headers: { cookie: customer } })).json();
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/materials/${m.id}/content`, headers: { cookie: customer } });
    assert.equal(own.statusCode, 200);
    assert.equal(own.headers['content-type'], 'image/jpeg');
    assert.equal(own.rawPayload.subarray(0, 2).toString('hex'), 'ffd8');
    const other = await signIn(t, 'other@example.com', 'other-password');
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/materials/${m.id}/content`, headers: { cookie: other } })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: `/api/v1/materials/${m.id}/thumbnail`, headers: { cookie: reviewer } })).statusCode, 200);
    const audit = await t.database.db.selectFrom('audit_log').select(['action', 'actor_role']).where('object_id', '=', m.id).execute();
    assert.deepEqual(audit.filter((a) => a.action.startsWith('material.view')).map((a) => a.actor_role).sort(), ['customer', 'reviewer']);
  });

  it('R-MAT-007: the pre-filled verification sheet is a PDF showing the order data in Chinese', async () => {
    const r = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/documents/verification-sheet/0`, headers: { cookie: customer } });
    assert.equal(r.statusCode, 200, r.body);
    assert.equal(r.rawPayload.subarray(0, 4).toString(), '%PDF');
    const text = pdfPagesText(r.rawPayload).pages.join('\n');
    assert.match(text, /张三的技术博客/);
    assert.match(text, /example-shop\.cn/);
    assert.match(text, /网站备案信息真实性核验单/);
    const letter = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/documents/construction-letter/0`, headers: { cookie: customer } });
    assert.equal(letter.statusCode, 200, letter.body);
    assert.match(pdfPagesText(letter.rawPayload).pages.join('\n'), /网站建设书/);
    // a personal filing has no legal representative to authorise anyone (R-MAT-014)
    const auth = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/documents/authorization-letter`, headers: { cookie: customer } });
    assert.equal(auth.statusCode, 422);
  });

  it('R-ORD-020 / R-MAT-017..019: initial review, PHOTO_MISSING until a photo point uploads the curtain photo, then re-review', async () => {
    const sub = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/submit`, headers: { cookie: customer }, payload: { version } });
    assert.equal(sub.statusCode, 200, sub.body);
    const ok = await passInitialReview(t, reviewer, orderId, sub.json().version);
    assert.equal(ok.json().state, 'PHOTO_PENDING');
    const early = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/submit-photos`, headers: { cookie: customer }, payload: { version: ok.json().version } });
    assert.equal(early.statusCode, 422, early.body);
    assert.equal(early.json().reason, 'PHOTO_MISSING');

    const found = await t.app.inject({ method: 'GET', url: '/api/v1/photo-point/orders?domain=www.example-shop.cn', headers: { cookie: agent } });
    assert.equal(found.json().length, 1);
    // a photo point may upload curtain photos, nothing else
    const notAllowed = await upload(agent, 'SUBJECT_CERT_FRONT', { name: 'x.jpg', type: 'image/jpeg', bytes: jpeg });
    assert.equal(notAllowed.statusCode, 403);
    const curtainPhoto = await upload(agent, 'CURTAIN_PHOTO', { name: 'curtain.gif', type: 'image/gif', bytes: await photo('gif', 600, 800) }, 0);
    assert.equal(curtainPhoto.statusCode, 201, curtainPhoto.body);

    const v = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}`, headers: { cookie: customer } })).json().version;
    const photos = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/submit-photos`, headers: { cookie: agent }, payload: { version: v } });
    assert.equal(photos.statusCode, 200, photos.body);
    assert.equal(photos.json().state, 'PENDING_RE_REVIEW');
    const rr = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/re-review/approve`, headers: { cookie: reviewer }, payload: { version: photos.json().version } });
    assert.equal(rr.statusCode, 200, rr.body);
    assert.equal(rr.json().state, 'PENDING_BUREAU');
    const checklist = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${orderId}/photo-requirements`, headers: { cookie: reviewer } });
    assert.equal(checklist.statusCode, 200);
  });

  it('R-MAT-027: a curtain cannot be mailed abroad; a mainland address gets a dispatch date', async () => {
    const c2 = await t.accounts.createUser({ email: 'c2@example.com', password: 'c2-password', role: 'customer' });
    await t.servers.importMany([{ externalId: 'gz-2', accountNo: c2.accountNo, name: 'GZ', region: 'ap-guangzhou', regionKind: 'mainland', billingMode: 'prepaid', prepaidMonths: 12, purchasedAt: '2026-10-01', expiresAt: '2027-10-01', publicIp: '203.0.113.12' }], SYSTEM);
    const c = await signIn(t, 'c2@example.com', 'c2-password');
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { cookie: c }, payload: { subject: { type: 'PERSONAL', certificateType: 'RESIDENT_ID', certificateNumber: '11010519491231002X', name: '王五' }, province: '北京', domains: ['wangwu-blog.cn'] } });
    assert.equal(created.statusCode, 201, created.body);
    // before initial review passes there is no curtain to request
    const tooEarly = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${created.json().id}/curtain`, headers: { cookie: c }, payload: { address: { recipient: '王五', phone: '13800138000', province: '北京', city: '北京市', detail: '朝阳区示例路1号' } } });
    assert.equal(tooEarly.statusCode, 422);
    assert.ok(tooEarly.json().errors.some((e: { code: string }) => e.code === 'CURTAIN_NOT_AVAILABLE'));
    const abroad = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/curtain`, headers: { cookie: customer }, payload: { address: { recipient: '张三', phone: '13800138000', country: 'Japan', detail: 'Tokyo 1-1' } } });
    assert.equal(abroad.statusCode, 422);
  });

  it('R-MAT-028/029 R-NTF-016: dispatch by the 16:00 cut-off; after dispatch the address cannot change; the customer is told the tracking number', async () => {
    // the order above is at the bureau now; its curtain request row is written directly to test dispatch alone
    const rows = await t.database.db.selectFrom('orders').select(['id', 'state']).execute();
    const photoOrder = rows.find((r) => r.id === orderId)!;
    assert.equal(photoOrder.state, 'PENDING_BUREAU');
    const now = t.clock.now().getTime();
    const id = 'curtain-test-1';
    await t.database.db.insertInto('curtain_requests').values({ id, order_id: orderId, account_id: (await t.database.db.selectFrom('orders').select('account_id').where('id', '=', orderId).executeTakeFirstOrThrow()).account_id, address_enc: 'x', province: '广东', paid_resend: 0, state: 'REQUESTED', dispatch_date: '2026-11-02', dispatched_at: null, created_at: now, updated_at: now }).execute();
    const denied = await t.app.inject({ method: 'POST', url: `/api/v1/admin/curtain-requests/${id}/dispatch`, headers: { cookie: customer }, payload: { trackingNumber: 'SF1234567890' } });
    assert.equal(denied.statusCode, 403);
    const sent = await t.app.inject({ method: 'POST', url: `/api/v1/admin/curtain-requests/${id}/dispatch`, headers: { cookie: reviewer }, payload: { trackingNumber: 'SF1234567890' } });
    assert.equal(sent.statusCode, 200, sent.body);
    const change = await t.app.inject({ method: 'PUT', url: `/api/v1/curtain-requests/${id}/address`, headers: { cookie: customer }, payload: { address: { recipient: '张三', phone: '13800138000', province: '广东', city: '深圳市', detail: '南山区新地址2号' } } });
    assert.equal(change.statusCode, 422, change.body);
    const outbox = await t.database.db.selectFrom('outbox').select(['template']).where('template', '=', 'R-NTF-016').execute();
    assert.ok(outbox.length >= 1, 'the dispatch notification is in the outbox');
  });
});
