import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { passInitialReview } from '../../../test/support/drafts.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { photo } from '../materials/test-images.ts';
import type { FilingDraft } from '../rules/draft.ts';
import { filingPasswordDigest } from './mapping.ts';
import { MemoryUploadJournal, MiitClient } from './miit/client.ts';
import { DEMO_PROVIDER, P2_PROVIDER } from './simulator/http.ts';
import {
  accessOf,
  type Customer,
  customerWithServer,
  decideAndSync,
  fresh,
  type Harness,
  harness,
  orderOf,
  residentId,
} from './testing.ts';

/**
 * Access filings (接入备案, issues #6/#9) end to end: the verify step asks the bureau (a filing at P2 is detected as
 * ACCESS), the filing password unlocks the bureau record, which the order copies read-only, and the order travels
 * over the protocol to an access record here and a domain the gateway serves.
 */

const LISI = { name: '李四', certificateNumber: residentId('44010519850101001') };
const PASSWORD = 'LisiPw2018x';

async function fileAtP2(
  h: Harness,
  o: {
    person: { name: string; certificateNumber: string };
    password: string;
    mobile: string;
    websites: { name: string; domains: string[] }[];
  },
) {
  return h.control<{ filingNumber: string; websites: { filingNumber: string }[] }>('POST', '/sim/control/filings', {
    ispId: P2_PROVIDER.ispId,
    province: '广东',
    password: o.password,
    subject: {
      name: o.person.name,
      nature: 5,
      certificateType: 'RESIDENT_ID',
      certificateNumber: o.person.certificateNumber,
      address: '广东省广州市天河区体育西路1号',
    },
    principal: { name: o.person.name, mobile: o.mobile, email: 'lisi@example.com' },
    websites: o.websites.map((w) => ({ ...w, ip: '198.18.0.9' })),
  });
}

async function verify(h: Harness, c: Customer, person: { name: string; certificateNumber: string }, domains: string[]) {
  return h.t.app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: { cookie: (await fresh(h, c)).cookie },
    payload: {
      subject: {
        type: 'PERSONAL',
        certificateType: 'RESIDENT_ID',
        certificateNumber: person.certificateNumber,
        name: person.name,
      },
      province: '广东',
      domains,
    },
  });
}

async function enterPassword(h: Harness, c: Customer, id: string, password: string, websites?: string[]) {
  return h.t.app.inject({
    method: 'POST',
    url: `/api/v1/orders/${id}/filing-password`,
    headers: { cookie: c.cookie },
    payload: { password, ...(websites ? { websites } : {}) },
  });
}

async function saveDraft(h: Harness, c: Customer, id: string, edit: (d: FilingDraft) => void) {
  const order = await orderOf(h, c, id);
  const draft = structuredClone(order.draft) as FilingDraft;
  edit(draft);
  return h.t.app.inject({
    method: 'PUT',
    url: `/api/v1/orders/${id}/draft`,
    headers: { cookie: c.cookie },
    payload: { version: order.version, draft },
  });
}

/** What the customer provides for an access filing: the documents (the subject and websites come from the record). */
function accessMaterials(d: FilingDraft) {
  d.materials = [
    { kind: 'SUBJECT_CERT_FRONT', blobId: 'acc-b1', mimeType: 'image/jpeg', sizeBytes: 100000 },
    { kind: 'SUBJECT_CERT_BACK', blobId: 'acc-b2', mimeType: 'image/jpeg', sizeBytes: 100000 },
    ...(d.websites ?? []).flatMap((_, i) => [
      {
        kind: 'HANDHELD_PHOTO' as const,
        websiteIndex: i,
        blobId: `acc-h${i}`,
        mimeType: 'image/jpeg',
        sizeBytes: 100000,
      },
      {
        kind: 'VERIFICATION_SHEET' as const,
        websiteIndex: i,
        blobId: `acc-v${i}`,
        mimeType: 'image/jpeg',
        sizeBytes: 100000,
        signed: true,
      },
    ]),
  ];
}

describe(`access filings through the bureau (${testBackend})`, () => {
  let h: Harness;
  let filed: { filingNumber: string; websites: { filingNumber: string }[] };
  before(async () => {
    h = await harness();
    filed = await fileAtP2(h, {
      person: LISI,
      password: PASSWORD,
      mobile: '13700137001',
      websites: [
        { name: '李四的摄影作品', domains: ['lisi-photo.cn', 'lisi-photo-old.cn'] },
        { name: '李四的旅行日记', domains: ['lisi-travel.cn'] },
      ],
    });
  });
  after(() => h.close());

  it('FAQ-015 FAQ-028 R-ORD-004 R-ORD-032 R-ORD-011: a domain filed at P2 is detected as ACCESS at verify, from the bureau; mixed with a new one it is refused', async () => {
    const c = await customerWithServer(h, '203.0.113.61');
    const r = await verify(h, c, LISI, ['www.lisi-photo.cn']);
    assert.equal(r.statusCode, 201, r.body);
    const o = r.json();
    assert.equal(o.type, 'ACCESS');
    assert.equal(o.variant, 'WITHOUT_SUBJECT');
    assert.equal(o.bureauLookup, 'CONSULTED');
    assert.equal(o.subjectFilingNumber, filed.filingNumber);
    assert.equal(o.prefill, 'SUBJECT_AND_WEBSITES');
    // R-ORD-011 (FAQ-028): an ACCESS domain and a new one in one verify step are refused, each with its type
    const c2 = await customerWithServer(h, '203.0.113.62');
    const mixed = await verify(h, c2, LISI, ['lisi-travel.cn', 'lisi-new-site.cn']);
    assert.equal(mixed.statusCode, 422, mixed.body);
    assert.equal(mixed.json().reason, 'MIXED_ORDER_TYPES');
    assert.match(mixed.json().detail, /lisi-travel\.cn → ACCESS/);
  });

  it('R-ORD-033 R-WEB-004: a domain filed at P2 under a differently named subject is DOMAIN_ALREADY_FILED', async () => {
    const c = await customerWithServer(h, '203.0.113.63');
    const wang = { name: '王五', certificateNumber: residentId('44010519850101002') };
    const r = await verify(h, c, wang, ['lisi-photo.cn']);
    assert.equal(r.statusCode, 422, r.body);
    assert.equal(r.json().reason, 'DOMAIN_ALREADY_FILED');
  });

  it('FAQ-179 R-ORD-009 R-ORD-008: domains and subjects in an application in flight at P2 are refused at verify', async () => {
    const p2 = new MiitClient({
      baseUrl: h.sim.url,
      credentials: { ispId: P2_PROVIDER.ispId, userName: P2_PROVIDER.userName, password: P2_PROVIDER.password },
      journal: new MemoryUploadJournal(),
    });
    const { xzbaRecord } = await import('./miit/testing/fixtures.ts');
    const zhao = { name: '赵六', certificateNumber: residentId('44010519850101003') };
    await p2.upload({
      ICP: {
        XZBA: {
          Baxx: [
            {
              ...xzbaRecord,
              Zt_xx: {
                ...xzbaRecord.Zt_xx,
                Dwmc: zhao.name,
                Dwxz: 5,
                Zj: { Zjlx: 2, Zjhm: zhao.certificateNumber, Zjzs: '广东省广州市' },
              },
              Wz_xx: [{ ...xzbaRecord.Wz_xx[0]!, Ym_xx: [{ IspYmid: 1, Ym: 'zhao-race.cn' }] }],
              Fj: undefined,
            },
          ],
        },
        Qqdwid: P2_PROVIDER.ispId,
      },
    });
    const c = await customerWithServer(h, '203.0.113.64');
    const stranger = { name: '钱七', certificateNumber: residentId('44010519850101004') };
    const domain = await verify(h, c, stranger, ['zhao-race.cn']);
    assert.equal(domain.statusCode, 409, domain.body);
    assert.equal(domain.json().reason, 'DOMAIN_CONFLICT');
    const subject = await verify(h, c, zhao, ['zhao-other.cn']);
    assert.equal(subject.statusCode, 409, subject.body);
    assert.equal(subject.json().reason, 'SUBJECT_CONFLICT');
    await h.sim.sim.controls.decide({ ispId: P2_PROVIDER.ispId }, { reason: 'DOMAIN_NOT_REAL_NAME' });
  });

  it('FAQ-017 R-BUR-008 R-ORD-032 R-WEB-001 R-BUR-005: a wrong filing password is refused (FILING_PASSWORD_WRONG); the right one copies the record; 1–10 websites selectable', async () => {
    const c = await customerWithServer(h, '203.0.113.65');
    const created = await verify(h, c, LISI, ['lisi-photo.cn']);
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    // before the password the order cannot go to review: the record is not copied
    const early = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/submit`,
      headers: { cookie: c.cookie },
      payload: { version: 1 },
    });
    assert.equal(early.statusCode, 422, early.body);
    assert.equal(early.json().reason, 'FILING_PASSWORD_REQUIRED');
    const wrong = await enterPassword(h, c, id, 'not-the-password');
    assert.equal(wrong.statusCode, 422, wrong.body);
    assert.equal(wrong.json().reason, 'FILING_PASSWORD_WRONG');
    assert.equal((await orderOf(h, c, id)).draft.subjectPrincipal, undefined, 'nothing copied');
    const right = await enterPassword(h, c, id, PASSWORD);
    assert.equal(right.statusCode, 200, right.body);
    assert.equal(right.json().copied, true);
    assert.deepEqual(
      right.json().websites.map((w: { filingNumber: string; selected: boolean }) => [w.filingNumber, w.selected]),
      [
        [filed.websites[0]!.filingNumber, true],
        [filed.websites[1]!.filingNumber, false],
      ],
    );
    const order = await orderOf(h, c, id);
    const d = order.draft as FilingDraft;
    assert.equal(d.subjectFilingNumber, filed.filingNumber);
    assert.equal(d.subject?.name, '李四');
    assert.equal(d.subject?.certificateNumber, LISI.certificateNumber);
    assert.equal(d.subjectPrincipal?.mobile, '13700137001');
    assert.equal(d.websites?.length, 1);
    assert.equal(d.websites?.[0]?.filingNumber, filed.websites[0]!.filingNumber);
    assert.equal(d.websites?.[0]?.name, '李四的摄影作品');
    assert.deepEqual(d.websites?.[0]?.domains, ['lisi-photo.cn', 'lisi-photo-old.cn']);
    assert.deepEqual(d.websites?.[0]?.accessIps, ['203.0.113.65'], 'the access part stays the order’s own');
    // R-BUR-005: the password is in no table
    const events = await h.t.database.db
      .selectFrom('order_events')
      .select('details')
      .where('order_id', '=', id)
      .execute();
    assert.ok(events.every((e) => !(e.details ?? '').includes(PASSWORD)));
    // R-ORD-032b (FAQ-017): both websites may be selected; an 11th website is refused
    const both = await h.t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${id}/access-websites`,
      headers: { cookie: c.cookie },
      payload: { websites: filed.websites.map((w) => w.filingNumber) },
    });
    assert.equal(both.statusCode, 200, both.body);
    assert.equal((await orderOf(h, c, id)).draft.websites.length, 2);
    const eleven = await h.t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${id}/access-websites`,
      headers: { cookie: c.cookie },
      payload: { websites: Array.from({ length: 11 }, (_, i) => `粤ICP备26999999号-${i + 1}`) },
    });
    assert.equal(eleven.statusCode, 422, eleven.body);
    assert.equal(eleven.json().reason, 'MAX_WEBSITES_PER_ORDER');
    const stranger = await h.t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${id}/access-websites`,
      headers: { cookie: c.cookie },
      payload: { websites: ['粤ICP备26999999号-1'] },
    });
    assert.equal(stranger.json().reason, 'WEBSITE_NOT_IN_RECORD');
    await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/abandon`,
      headers: { cookie: c.cookie },
      payload: { version: (await orderOf(h, c, id)).version },
    });
  });

  it('FAQ-099 FAQ-110 R-SUB-029 R-WEB-024 R-ORD-014: edits to copied fields are refused field by field; the access part is editable', async () => {
    const c = await customerWithServer(h, '203.0.113.66');
    const id = (await verify(h, c, LISI, ['lisi-photo.cn'])).json().id as string;
    assert.equal((await enterPassword(h, c, id, PASSWORD)).statusCode, 200);
    const address = await saveDraft(h, c, id, (d) => {
      d.subject!.communicationAddress = { province: '广东', detail: '新身份证上的新地址 8 号' };
      d.subjectPrincipal!.mobile = '13900000000';
    });
    assert.equal(address.statusCode, 422, address.body);
    const p = address.json();
    assert.equal(p.reason, 'ACCESS_DATA_READ_ONLY');
    assert.deepEqual(p.errors.map((x: { field: string; code: string }) => [x.field, x.code]).sort(), [
      ['subject.communicationAddress.detail', 'ACCESS_DATA_READ_ONLY'],
      ['subjectPrincipal.mobile', 'ACCESS_DATA_READ_ONLY'],
    ]);
    assert.deepEqual(
      p.details.readOnly.map((x: { field: string; rule: string }) => x.rule),
      ['R-SUB-029', 'R-SUB-029'],
    );
    assert.match(p.errors[0].fix, /原接入商/);
    const domain = await saveDraft(h, c, id, (d) => {
      d.websites![0]!.domains = ['lisi-photo.cn'];
    });
    assert.equal(domain.statusCode, 422, domain.body);
    assert.deepEqual(domain.json().details.readOnly, [{ field: 'websites[0].domains', rule: 'R-WEB-024' }]);
    assert.match(domain.json().errors[0].message, /变更网站/);
    const name = await saveDraft(h, c, id, (d) => {
      d.websites![0]!.name = '改过的名字';
    });
    assert.equal(name.statusCode, 422, name.body);
    assert.deepEqual(
      name.json().errors.map((x: { field: string }) => x.field),
      ['websites[0].name'],
    );
    // the access part and the documents are the customer's
    const ok = await saveDraft(h, c, id, (d) => {
      d.websites![0]!.accessIps = ['203.0.113.66'];
      accessMaterials(d);
    });
    assert.equal(ok.statusCode, 200, ok.body);
    await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/abandon`,
      headers: { cookie: c.cookie },
      payload: { version: ok.json().version },
    });
  });

  it('FAQ-014 FAQ-053 R-ORD-032 R-BUR-021 R-ACS-006: the whole ACCESS order over the protocol to an access record; the gateway serves the domain', async () => {
    const c = await customerWithServer(h, '203.0.113.67');
    assert.notEqual((await accessOf(h, 'lisi-photo.cn'))?.decision, 'allow', 'not accessed here yet');
    const id = (await verify(h, c, LISI, ['lisi-photo.cn'])).json().id as string;
    assert.equal((await enterPassword(h, c, id, PASSWORD)).statusCode, 200);
    const saved = await saveDraft(h, c, id, accessMaterials);
    assert.equal(saved.statusCode, 200, saved.body);
    const blocking = saved.json().check.violations.filter((v: { severity: string }) => v.severity === 'block');
    assert.deepEqual(blocking, [], 'the copied record and the documents pass the rules');
    const submitted = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/submit`,
      headers: { cookie: c.cookie },
      payload: { version: saved.json().version },
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    // initial review: the confirmation call reaches the principal's mobile from the bureau record
    const approved = await passInitialReview(h.t, h.reviewer, id, submitted.json().version);
    assert.equal(approved.statusCode, 200, approved.body);
    let state = approved.json().state as string;
    let version = approved.json().version as number;
    if (state === 'PHOTO_PENDING') {
      const jpeg = await photo('jpeg', 1200, 900);
      const m = multipart(
        { kind: 'CURTAIN_PHOTO', websiteIndex: '0' },
        { name: 'curtain.jpg', type: 'image/jpeg', bytes: jpeg },
      );
      const up = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/orders/${id}/materials`,
        headers: { cookie: c.cookie, ...m.headers },
        payload: m.payload,
      });
      assert.equal(up.statusCode, 201, up.body);
      const photos = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/orders/${id}/submit-photos`,
        headers: { cookie: c.cookie },
        payload: { version: (await orderOf(h, c, id)).version },
      });
      assert.equal(photos.statusCode, 200, photos.body);
      const rr = await h.t.app.inject({
        method: 'POST',
        url: `/api/v1/orders/${id}/re-review/approve`,
        headers: { cookie: h.reviewer },
        payload: { version: photos.json().version },
      });
      assert.equal(rr.statusCode, 200, rr.body);
      state = rr.json().state;
      version = rr.json().version;
    }
    assert.equal(state, 'PENDING_BUREAU', `version ${version}`);
    // the sync uploads XZJR with the password's MD5 only (R-BUR-005) and forgets the password
    const report = await h.t.bureau.sync.sync();
    assert.equal(report.uploaded, 1, JSON.stringify(report));
    const uploads = await h.sim.sim.controls.uploads(DEMO_PROVIDER.ispId);
    const last = JSON.stringify(uploads.at(-1));
    assert.ok(last.includes(filingPasswordDigest(PASSWORD)) || !last.includes(PASSWORD));
    const r = await decideAndSync(h);
    assert.equal(r.approved, 1, JSON.stringify(r));
    const order = await orderOf(h, c, id);
    assert.equal(order.state, 'APPROVED');
    // the registry holds the website with both access records; the number and P2 are unchanged (R-BUR-021)
    const site = await h.t.database.db
      .selectFrom('websites')
      .selectAll()
      .where('filing_number', '=', filed.websites[0]!.filingNumber)
      .executeTakeFirstOrThrow();
    assert.equal(site.accessed_here, 1);
    const records = await h.t.database.db
      .selectFrom('registry_access')
      .select(['provider_id', 'status'])
      .where('website_id', '=', site.id)
      .execute();
    assert.ok(records.some((x) => Number(x.provider_id) === DEMO_PROVIDER.ispId && x.status === 'ACTIVE'));
    const subject = await h.t.database.db
      .selectFrom('subjects')
      .select(['account_id', 'filing_number'])
      .where('filing_number', '=', filed.filingNumber)
      .executeTakeFirstOrThrow();
    assert.equal(subject.account_id, c.id, 'the subject is bound to the account that accessed it');
    // the access projection and the gateway's decision
    assert.equal((await accessOf(h, 'lisi-photo.cn'))?.decision, 'allow');
    assert.equal((await accessOf(h, 'lisi-photo-old.cn'))?.decision, 'allow');
    const gw = h.t.access;
    await gw.refresh({ force: true });
    assert.equal(gw.decide('www.lisi-photo.cn').status, 200);
    assert.equal(gw.decide('lisi-travel.cn').status, 403, 'the website not selected stays at P2 only');
  });
});

describe(`access filings when the bureau cannot be reached (${testBackend})`, () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  before(async () => {
    // a port nothing listens on: the lookup fails at once
    t = await testApp({ env: { BEIAN_BUREAU_URL: 'http://127.0.0.1:9', BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' } });
  });
  after(() => t.close());

  it('R-ORD-003 R-ORD-004: the verify step falls back to the registry here and says the bureau was not consulted', async () => {
    const { signIn } = await import('../../../test/support/app.ts');
    const u = await t.accounts.createUser({
      email: 'offline@example.com',
      password: 'customer-pass',
      role: 'customer',
    });
    await t.servers.importMany(
      [
        {
          externalId: 'srv-offline',
          accountNo: u.accountNo,
          name: 'GZ',
          region: 'ap-guangzhou',
          regionKind: 'mainland',
          billingMode: 'prepaid',
          prepaidMonths: 12,
          purchasedAt: '2026-10-01',
          expiresAt: '2027-10-01',
          publicIp: '203.0.113.68',
        },
      ],
      { id: null, role: 'system' },
    );
    const cookie = await signIn(t, 'offline@example.com', 'customer-pass');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: LISI.certificateNumber,
          name: '李四',
        },
        province: '广东',
        domains: ['lisi-offline.cn'],
      },
    });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().type, 'FIRST');
    assert.equal(r.json().bureauLookup, 'UNAVAILABLE');
    assert.equal(r.json().warnings[0].code, 'BUREAU_UNAVAILABLE');
  });
});
