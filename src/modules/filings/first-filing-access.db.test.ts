import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackend } from '../../../test/support/db.ts';
import { passInitialReview } from '../../../test/support/drafts.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { type Customer, customerWithServer, draftFor, type Harness, harness } from '../bureau/testing.ts';
import { photo } from '../materials/test-images.ts';

/**
 * A first filing seen through the customer's API, end to end against the simulated bureau: what the order offers at
 * the photo step, and what GET /api/v1/filings reports per domain before and after the provider's sync.
 */

const IP = '203.0.113.61';
const PERSON = { name: '赵六', certificateNumber: '440524188001010014' };
const DOMAIN = 'zhao-notes.cn';

interface FilingsBody {
  subject: { filingNumber: string };
  websites: {
    filingNumber: string;
    domains: string[];
    access: { domain: string; decision: string; reason: string }[];
  }[];
}

describe(`first filing: photo step and per-domain access in GET /api/v1/filings (${testBackend})`, () => {
  let h: Harness;
  let c: Customer;
  let id = '';
  before(async () => {
    h = await harness();
    c = await customerWithServer(h, IP);
  });
  after(() => h.close());

  const get = (url: string) => h.t.app.inject({ method: 'GET', url, headers: { cookie: c.cookie } });

  it('R-ORD-020 R-MAT-016: 提交照片 is offered (allowedEvents) only once the curtain photo is attached', async () => {
    const created = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: c.cookie },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: PERSON.certificateNumber,
          name: PERSON.name,
        },
        province: '广东',
        domains: [DOMAIN],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    id = created.json().id;
    const saved = await h.t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${id}/draft`,
      headers: { cookie: c.cookie },
      payload: { version: 1, draft: draftFor(DOMAIN, PERSON, IP) },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const submitted = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/submit`,
      headers: { cookie: c.cookie },
      payload: { version: saved.json().version },
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    const approved = await passInitialReview(h.t, h.reviewer, id, submitted.json().version);
    assert.equal(approved.json().state, 'PHOTO_PENDING', approved.body);

    const before = (await get(`/api/v1/orders/${id}`)).json();
    assert.equal(before.allowedEvents.includes('SUBMIT_PHOTOS'), false, 'no photo yet: not offered');
    const refused = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/submit-photos`,
      headers: { cookie: c.cookie },
      payload: { version: before.version },
    });
    assert.equal(refused.statusCode >= 400, true, 'and refused if sent anyway');

    const m = multipart(
      { kind: 'CURTAIN_PHOTO', websiteIndex: '0' },
      { name: 'curtain.jpg', type: 'image/jpeg', bytes: await photo('jpeg', 1200, 900) },
    );
    const up = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/materials`,
      headers: { cookie: c.cookie, ...m.headers },
      payload: m.payload,
    });
    assert.equal(up.statusCode, 201, up.body);
    const ready = (await get(`/api/v1/orders/${id}`)).json();
    assert.equal(ready.allowedEvents.includes('SUBMIT_PHOTOS'), true, 'photo attached: offered');
    const photos = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/submit-photos`,
      headers: { cookie: c.cookie },
      payload: { version: ready.version },
    });
    assert.equal(photos.json().state, 'PENDING_RE_REVIEW', photos.body);
    const after = (await get(`/api/v1/orders/${id}`)).json();
    assert.equal(after.allowedEvents.includes('SUBMIT_PHOTOS'), false, 'in re-review: no longer offered');
    const rr = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/re-review/approve`,
      headers: { cookie: h.reviewer },
      payload: { version: photos.json().version },
    });
    assert.equal(rr.json().state, 'PENDING_BUREAU', rr.body);
  });

  it('R-BUR-011 R-ACS-017: a decision the bureau announced reaches the filings API and the gateway only with the sync', async () => {
    await h.t.bureau.sync.sync(); // the upload
    await h.sim.sim.controls.decide({ all: true });
    // announced at the bureau (its public query has the number) but not synced: the provider still knows nothing
    assert.equal((await get(`/api/v1/orders/${id}`)).json().state, 'PENDING_BUREAU');
    assert.equal((await get('/api/v1/filings')).json(), null);
    await h.t.access.refresh({ force: true });
    assert.equal(h.t.access.decide(DOMAIN, IP).status, 403);
    assert.equal(h.t.access.decide(`www.${DOMAIN}`, IP).status, 403);

    const report = await h.t.bureau.sync.sync();
    assert.equal(report.approved, 1, JSON.stringify(report));
    assert.equal((await get(`/api/v1/orders/${id}`)).json().state, 'APPROVED');
    await h.t.access.refresh({ force: true });
    assert.equal(h.t.access.decide(DOMAIN, IP).status, 200);
    assert.equal(h.t.access.decide(`www.${DOMAIN}`, IP).status, 200);
  });

  it('R-ACS-006 R-ACS-014: GET /api/v1/filings lists the numbers and, per domain, the decision the gateway enforces', async () => {
    const r = await get('/api/v1/filings');
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json() as FilingsBody;
    assert.match(body.subject.filingNumber, /^粤ICP备\d{8}号$/);
    assert.equal(body.websites.length, 1);
    const w = body.websites[0]!;
    assert.equal(w.filingNumber, `${body.subject.filingNumber}-1`);
    assert.deepEqual(w.access, [{ domain: DOMAIN, decision: 'allow', reason: 'FILED' }]);

    // the dashboard shows what the projection says: a provider block is reported, not hidden behind the registry
    const db = h.t.database.db;
    await db
      .updateTable('access_domains')
      .set({ decision: 'block', reason: 'ACCESS_CANCELLED' })
      .where('domain', '=', DOMAIN)
      .execute();
    const blocked = (await get('/api/v1/filings')).json() as FilingsBody;
    assert.deepEqual(blocked.websites[0]!.access, [{ domain: DOMAIN, decision: 'block', reason: 'ACCESS_CANCELLED' }]);
    await db.deleteFrom('access_domains').where('domain', '=', DOMAIN).execute();
    const absent = (await get('/api/v1/filings')).json() as FilingsBody;
    assert.deepEqual(absent.websites[0]!.access, [{ domain: DOMAIN, decision: 'block', reason: 'NOT_FILED' }]);
  });
});
