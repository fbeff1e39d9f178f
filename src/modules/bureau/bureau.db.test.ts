import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testBackend } from '../../../test/support/db.ts';
import { DbUploadJournal } from './journal.ts';
import { createMiitAdapter } from './miit-adapter.ts';
import { DEMO_PROVIDER } from './simulator/http.ts';
import { customerWithServer, fileFirst, fresh, type Harness, harness, orderOf, residentId } from './testing.ts';

describe(`bureau over the MIIT interface, FIRST to filing number (${testBackend})`, () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('R-BUR-001 R-BUR-003 R-BUR-011: a FIRST order goes from submission to 粤ICP备NNNNNNNN号 and website -1 entirely over the protocol', async () => {
    const c = await customerWithServer(h, '203.0.113.10');
    const id = await fileFirst(
      h,
      c,
      'example-shop.cn',
      { name: '张三', certificateNumber: '440524188001010014' },
      '203.0.113.10',
    );

    // the upload: one file through isp_upload, recorded against the order's bureau round
    const up = await h.t.bureau.sync.sync();
    assert.equal(up.uploaded, 1);
    const status = (
      await h.t.app.inject({
        method: 'GET',
        url: `/api/v1/orders/${id}/bureau`,
        headers: { cookie: (await fresh(h, c)).cookie },
      })
    ).json();
    assert.equal(status.state, 'UPLOADED');
    assert.equal(status.dataSequence, 1);
    const subs = await h.sim.sim.controls.submissions();
    assert.equal(subs.length, 1);
    assert.equal(subs[0]!.op, 'XZBA');
    assert.equal(subs[0]!.decideOn, '2026-11-30', 'R-PRV-001: 20 working days in 广东');

    // nothing to download until the bureau decides
    assert.equal((await h.t.bureau.sync.sync()).files, 0);
    assert.equal((await orderOf(h, c, id)).state, 'PENDING_BUREAU');

    // the bureau's clock reaches the decision day; the sync downloads BAJG + BASJ, approves and acknowledges
    await h.advanceDays(28);
    const down = await h.t.bureau.sync.sync();
    assert.equal(down.approved, 1);
    const order = await orderOf(h, c, id);
    assert.equal(order.state, 'APPROVED');

    const subject = await h.t.database.db.selectFrom('subjects').selectAll().executeTakeFirstOrThrow();
    assert.match(subject.filing_number!, /^粤ICP备\d{8}号$/);
    assert.equal(subject.status, 'FILED');
    const site = await h.t.database.db
      .selectFrom('websites')
      .selectAll()
      .where('subject_id', '=', subject.id)
      .executeTakeFirstOrThrow();
    assert.equal(site.filing_number, `${subject.filing_number}-1`);
    assert.equal(site.accessed_here, 1);
    const row = await h.t.database.db
      .selectFrom('orders')
      .select('subject_id')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.subject_id, subject.id);
    const access = await h.t.database.db
      .selectFrom('access_domains')
      .selectAll()
      .where('domain', '=', 'example-shop.cn')
      .executeTakeFirstOrThrow();
    assert.deepEqual([access.decision, access.reason, access.subject_id], ['allow', 'FILED', subject.id]);

    // the bureau acknowledged: a second sync finds nothing; the public query answers from registry + bureau
    assert.equal((await h.t.bureau.sync.sync()).files, 0);
    const q = await h.t.app.inject({ method: 'GET', url: '/api/v1/public/query?domain=www.example-shop.cn' });
    assert.equal(q.statusCode, 200, q.body);
    assert.equal(q.json().records[0].websiteFilingNumber, `${subject.filing_number}-1`);
    assert.equal(q.json().source, 'bureau');
  });

  it('R-BUR-011: replaying a downloaded file changes nothing (an APPROVED order ignores the same approval)', async () => {
    const before = await h.t.database.db
      .selectFrom('order_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const files = await h.sim.sim.controls.submissions();
    const approvedKey = files.find((s) => s.state === 'APPROVED')!.key;
    const inbound = {
      fileName: 'REPLAY',
      payloadSha256: 'not-seen-before',
      results: [{ key: approvedKey, approved: true, findings: [] }],
      filed: [],
      cancellations: [],
      blacklist: [],
      other: [],
    };
    const r = await h.t.bureau.sync.applyInbound(inbound);
    assert.equal(r.approved, 0);
    const after = await h.t.database.db
      .selectFrom('order_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(after.n), Number(before.n));
  });

  it('R-BUR-006: the filing password is changed at the bureau through the platform; the current one is required', async () => {
    const c = await customerWithServer(h, '203.0.113.40');
    const number = (await h.t.database.db.selectFrom('subjects').select('filing_number').executeTakeFirstOrThrow())
      .filing_number!;
    const current = (await h.sim.sim.controls.outbox({ recipient: '13800138000', kind: 'PASSWORD' }))[0]!.text.match(
      /备案密码为(\w+)/,
    )![1]!;
    const change = (oldPassword: string) =>
      h.t.app.inject({
        method: 'POST',
        url: '/api/v1/filing-password/change',
        headers: { cookie: c.cookie },
        payload: { filingNumber: number, oldPassword, newPassword: 'Changed-Pw-9' },
      });
    const wrong = await change('not-the-password');
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().reason, 'FILING_PASSWORD_WRONG');
    assert.equal((await change(current)).statusCode, 200);
    assert.equal(await h.t.bureau.port.verifyFilingPassword(number, 'Changed-Pw-9'), true);
  });

  it('R-BUR-011: the durable BUREAU_SYNC timer runs the sync (upload) and re-arms itself', async () => {
    const c = await customerWithServer(h, '203.0.113.41');
    const id = await fileFirst(
      h,
      c,
      'example-timer.cn',
      { name: '周九', certificateNumber: residentId('44030119970808006') },
      '203.0.113.41',
    );
    await h.t.bureau.sync.ensureTimer();
    await h.t.bureau.sync.ensureTimer();
    h.t.clock.advance(61_000);
    await h.t.timers.runDue();
    const status = (
      await h.t.app.inject({
        method: 'GET',
        url: `/api/v1/orders/${id}/bureau`,
        headers: { cookie: (await fresh(h, c)).cookie },
      })
    ).json();
    assert.equal(status.state, 'UPLOADED');
    const pending = await h.t.database.db
      .selectFrom('timers')
      .selectAll()
      .where('kind', '=', 'BUREAU_SYNC')
      .where('done_at', 'is', null)
      .execute();
    assert.equal(pending.length, 1, 'one chain, re-armed');
    assert.ok(Number(pending[0]!.due_at) > h.t.clock.now().getTime());
    // leave the bureau queue as the next test expects it: decided
    await h.sim.sim.controls.decide({ all: true });
    await h.t.bureau.sync.sync();
  });

  it('R-REJ-004 R-BUR-002: the spec result codes surface as field-level reasons on the draft (reject with a code)', async () => {
    const c = await customerWithServer(h, '203.0.113.21');
    const id = await fileFirst(
      h,
      c,
      'example-codes.cn',
      { name: '王五', certificateNumber: residentId('44030119920303001') },
      '203.0.113.21',
    );
    await h.t.bureau.sync.sync();
    const sub = (await h.sim.sim.controls.submissions({ state: 'PENDING' }))[0]!;
    // 1005 域名冲突 (xsdField Wz_xx.Ym_xx.Ym, reason DOMAIN_CONFLICT) through the control, as a real bureau would send it
    await h.control('POST', '/sim/control/decide', { uploadId: sub.uploadId, reject: { code: 1005 } });
    const r = await h.t.bureau.sync.sync();
    assert.equal(r.rejected, 1);
    const order = await orderOf(h, c, id);
    assert.equal(order.state, 'BUREAU_REJECTED');
    assert.deepEqual(
      order.rejection.reasons.map((x: { code: string; field: string }) => [x.code, x.field]),
      [['DOMAIN_CONFLICT', 'websites[0].domains']],
    );
    assert.match(order.rejection.reasons[0].message, /域名冲突/);
  });

  it('R-BUR-002: a finding with its indexed element path lands on that exact field (1063 SERVER_INVALID on the access IP)', async () => {
    const c = await customerWithServer(h, '203.0.113.22');
    const id = await fileFirst(
      h,
      c,
      'example-ip.cn',
      { name: '赵六', certificateNumber: residentId('44030119930404002') },
      '203.0.113.22',
    );
    await h.t.bureau.sync.sync();
    await h.control('PUT', `/sim/control/facts/server/203.0.113.22`, { expiresOn: '2026-11-20' });
    const sub = (await h.sim.sim.controls.submissions({ state: 'PENDING' }))[0]!;
    await h.advanceDays(28);
    await h.t.bureau.sync.sync();
    const order = await orderOf(h, c, id);
    assert.equal(order.state, 'BUREAU_REJECTED', JSON.stringify(sub));
    const reason = order.rejection.reasons[0];
    assert.equal(reason.code, 'SERVER_INVALID');
    assert.equal(reason.field, 'websites[0].accessIps');
    assert.match(reason.message, /203\.0\.113\.22/);
  });
});

describe(`a crash between upload and acknowledgement (${testBackend})`, () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('R-BUR-001: the answer to isp_upload is lost, the process restarts, and the bureau still holds exactly one filing', async () => {
    const c = await customerWithServer(h, '203.0.113.30');
    const id = await fileFirst(
      h,
      c,
      'example-crash.cn',
      { name: '孙七', certificateNumber: residentId('44030119940505003') },
      '203.0.113.30',
    );
    // the bureau receives the upload, then the connection dies before the answer arrives (and retries are exhausted)
    const journal = new DbUploadJournal(h.t.database.db, () => h.t.clock.now().getTime());
    const losing = createMiitAdapter({
      baseUrl: h.sim.url,
      credentials: { ispId: DEMO_PROVIDER.ispId, userName: DEMO_PROVIDER.userName, password: DEMO_PROVIDER.password },
      journal,
      retries: 0,
      fetch: async (input, init) => {
        const res = await fetch(input, init);
        if (String(init?.body ?? '').includes('isp_upload')) {
          await res.text();
          throw new TypeError('socket hang up');
        }
        return res;
      },
    });
    const original = h.t.bureau.adapter();
    h.t.bureau.connect(h.sim.url);
    const port = h.t.bureau.port;
    const submit = port.submit;
    port.submit = (s) => losing.submit(s);
    await assert.rejects(h.t.bureau.sync.upload(), /isp_upload failed|unavailable/i);
    port.submit = submit;
    assert.equal((await h.sim.sim.controls.uploads()).length, 1, 'the bureau did receive the file');
    const row = await h.t.database.db
      .selectFrom('bureau_submissions')
      .selectAll()
      .where('order_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.state, 'UPLOADING', 'the outcome is unknown, so the row stays in flight');

    // "restart": a fresh adapter over the same database journal; the sync reconciles instead of uploading again
    assert.ok(original);
    h.t.bureau.connect(h.sim.url);
    const again = await h.t.bureau.sync.sync();
    assert.equal(again.uploaded, 1);
    assert.equal((await h.sim.sim.controls.uploads()).length, 1, 'nothing was sent twice');
    const settled = await h.t.database.db
      .selectFrom('bureau_submissions')
      .selectAll()
      .where('order_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(settled.state, 'UPLOADED');
    assert.deepEqual(JSON.parse(settled.last_result!), { alreadyAccepted: true });

    // the download side: applied, then the process dies before isp_downloadack; the file comes again and changes nothing
    await h.advanceDays(28);
    const inbound: unknown[] = [];
    await h.t.bureau.port
      .poll(async (f) => {
        inbound.push(f);
        throw new Error('crash before the acknowledgement');
      })
      .catch(() => {});
    assert.equal(inbound.length, 1);
    const r = await h.t.bureau.sync.sync();
    assert.equal(r.approved, 1);
    assert.equal(r.files, 1, 'the unacknowledged file was sent again');
    assert.equal((await orderOf(h, c, id)).state, 'APPROVED');
    const filings = await h.sim.sim.controls.filing({ domain: 'example-crash.cn' });
    assert.equal(filings?.websites.length, 1);
    const subjects = await h.t.database.db.selectFrom('subjects').selectAll().execute();
    assert.equal(subjects.length, 1, 'exactly one filing');
  });
});
