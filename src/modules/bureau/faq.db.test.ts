import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { testBackend } from '../../../test/support/db.ts';
import { filingPasswordDigest } from './mapping.ts';
import { MemoryUploadJournal, MiitClient } from './miit/client.ts';
import { DEMO_PROVIDER, P2_PROVIDER } from './simulator/http.ts';
import {
  accessOf,
  createOrderDirect,
  customerWithServer,
  decideAndSync,
  draftFor,
  filed,
  fileFirst,
  fresh,
  type Harness,
  harness,
  mobileOf,
  orderOf,
  postFiling,
  publicQuery,
  residentId,
  toBureau,
} from './testing.ts';

/** faq-cases.jsonl, the bureau / filing-number / password / public-query cases, over the platform and the simulator. */

const ZHANG = { name: '张三', certificateNumber: '440524188001010014' };
const person = (name: string, body: string) => ({ name, certificateNumber: residentId(body) });

async function passwordOf(h: Harness, recipient = '13800138000'): Promise<string> {
  const msgs = await h.sim.sim.controls.outbox({ recipient, kind: 'PASSWORD' });
  const m = msgs.at(-1)?.text.match(/备案密码为(\w+)/);
  assert.ok(m, 'a password message');
  return m[1]!;
}

function p2Client(h: Harness) {
  return new MiitClient({
    baseUrl: h.sim.url,
    credentials: { ispId: P2_PROVIDER.ispId, userName: P2_PROVIDER.userName, password: P2_PROVIDER.password },
    journal: new MemoryUploadJournal(),
  });
}

/** P2 adds its access record to a filed website (XZJR with the filing password), approved by the bureau. */
async function p2Access(h: Harness, websiteNumber: string, password: string) {
  const c = p2Client(h);
  await c.upload({
    ICP: {
      XZJR: {
        Xzxx: [
          {
            Wz_xx: { Wzbah: websiteNumber },
            IspJrid: 7001,
            Wzfb: { Fbdd: [1] },
            Wzjrfs: { Jrfs: [4] },
            Ip_xx: [{ IspIpid: 1, Qsip: 3325256714, Zzip: 3325256714 }],
            ICPmm: filingPasswordDigest(password),
          },
        ],
      },
      Qqdwid: P2_PROVIDER.ispId,
    },
  });
  const [d] = await h.sim.sim.controls.decide({ ispId: P2_PROVIDER.ispId });
  assert.equal(d!.outcome, 'APPROVED');
  await c.drain(async () => {});
}

describe(`FAQ bureau cases: decisions and sync (${testBackend})`, () => {
  it('FAQ-178 R-ORD-010 R-BUR-002: a FIRST whose subject got a number at P2 meanwhile is rejected WRONG_ORDER_TYPE', async () => {
    const h = await harness();
    try {
      const c = await customerWithServer(h, '203.0.113.10');
      const id = await fileFirst(h, c, 'example-corp.cn', ZHANG, '203.0.113.10');
      await h.t.bureau.sync.sync();
      await h.control('POST', '/sim/control/filings', {
        ispId: P2_PROVIDER.ispId,
        province: '广东',
        subject: {
          name: '张三',
          nature: 5,
          certificateType: 'RESIDENT_ID',
          certificateNumber: ZHANG.certificateNumber,
        },
        principal: { name: '张三', mobile: '13800138000', email: 'zhangsan@example.com' },
        websites: [{ name: '张三在P2的网站', domains: ['example-p2.cn'] }],
      });
      await decideAndSync(h);
      const order = await orderOf(h, c, id);
      assert.equal(order.state, 'BUREAU_REJECTED');
      assert.deepEqual(
        order.rejection.reasons.map((r: { code: string; field: string }) => [r.code, r.field]),
        [['WRONG_ORDER_TYPE', 'subject.certificateNumber']],
      );
      assert.match(order.rejection.reasons[0].message, /备案类型提交错误/);
    } finally {
      await h.close();
    }
  });

  it('FAQ-049 R-WEB-011 R-BUR-002: the bureau rejects a personal subject whose domain is registered to an organisation (DOMAIN_OWNER_TYPE_MISMATCH)', async () => {
    const h = await harness();
    try {
      const c = await customerWithServer(h, '203.0.113.10');
      await h.control('PUT', '/sim/control/facts/domain/example-co.cn', {
        realNameVerifiedOn: '2026-10-08',
        registrantType: 'ORGANISATION',
        registrantName: '广州示例科技有限公司',
      });
      const id = await fileFirst(h, c, 'example-co.cn', ZHANG, '203.0.113.10');
      await h.t.bureau.sync.sync();
      await decideAndSync(h);
      const order = await orderOf(h, c, id);
      assert.equal(order.state, 'BUREAU_REJECTED');
      assert.deepEqual(
        order.rejection.reasons.map((r: { code: string; field: string }) => [r.code, r.field]),
        [['DOMAIN_OWNER_TYPE_MISMATCH', 'websites[0].domains[0]']],
      );
    } finally {
      await h.close();
    }
  });

  it('FAQ-182 R-ACC-013 R-BUR-002: the server expires before the decision → SERVER_INVALID; renewed before it → approved', async () => {
    const h = await harness();
    try {
      const c1 = await customerWithServer(h, '203.0.113.24', {
        purchasedAt: '2026-08-10',
        prepaidMonths: 3,
        expiresAt: '2026-11-10',
      });
      const c2 = await customerWithServer(h, '203.0.113.25', {
        purchasedAt: '2026-08-10',
        prepaidMonths: 3,
        expiresAt: '2026-11-10',
      });
      const expired = await fileFirst(h, c1, 'example-s15.cn', person('周八', '44030119950606004'), '203.0.113.24');
      const renewed = await fileFirst(h, c2, 'example-s16.cn', person('吴九', '44030119960707005'), '203.0.113.25');
      await h.t.bureau.sync.sync();
      // variant 2: renewed on 11-12 (the inventory says so; the bureau asks it by IP)
      await h.t.database.db
        .updateTable('servers')
        .set({ expires_at: '2027-02-10' })
        .where('public_ip', '=', '203.0.113.25')
        .execute();
      await h.advanceDays(18); // decision day 2026-11-20
      await decideAndSync(h);
      const a = await orderOf(h, c1, expired);
      assert.equal(a.state, 'BUREAU_REJECTED');
      assert.equal(a.rejection.reasons[0].code, 'SERVER_INVALID');
      assert.match(a.rejection.reasons[0].message, /接入服务器无效/);
      assert.equal((await orderOf(h, c2, renewed)).state, 'APPROVED');
    } finally {
      await h.close();
    }
  });

  it('FAQ-187 R-BUR-011 R-BUR-010: with a 2-working-day sync delay the public query shows the number at once, the console two days later', async () => {
    const h = await harness({ settings: { syncDelayWorkingDays: 2 } });
    try {
      const c = await customerWithServer(h, '203.0.113.10');
      const id = await fileFirst(h, c, 'example-new.cn', ZHANG, '203.0.113.10');
      await h.t.bureau.sync.sync();
      await decideAndSync(h); // the bureau approves on Monday 2026-11-02
      assert.equal((await orderOf(h, c, id)).state, 'PENDING_BUREAU');
      assert.equal((await accessOf(h, 'example-new.cn'))?.decision, 'block');
      const q = await publicQuery(h, 'domain=example-new.cn');
      assert.match(q.records[0]!.websiteFilingNumber, /^粤ICP备\d{8}号-1$/);
      const sms = await h.sim.sim.controls.outbox({ recipient: '13800138000', kind: 'APPROVED' });
      assert.equal(sms.length, 1, 'the bureau told the principal itself, on the decision day');
      await h.advanceDays(2); // Wednesday 11-04
      const r = await h.t.bureau.sync.sync();
      assert.equal(r.approved, 1);
      assert.equal((await orderOf(h, c, id)).state, 'APPROVED');
      assert.equal((await accessOf(h, 'example-new.cn'))?.decision, 'allow');
    } finally {
      await h.close();
    }
  });

  it('FAQ-206 R-BUR-011: with a 1-working-day delay a rejection reaches the console the next day', async () => {
    const h = await harness({ settings: { syncDelayWorkingDays: 1 } });
    try {
      const c = await customerWithServer(h, '203.0.113.10');
      const id = await fileFirst(h, c, 'example-rej.cn', ZHANG, '203.0.113.10');
      await h.t.bureau.sync.sync();
      const sub = (await h.sim.sim.controls.submissions({ state: 'PENDING' }))[0]!;
      await h.control('POST', '/sim/control/decide', {
        uploadId: sub.uploadId,
        reject: { reason: 'WEBSITE_NAME_INVALID', path: 'Wz_xx[0].Wzmc' },
      });
      await h.t.bureau.sync.sync();
      assert.equal((await orderOf(h, c, id)).state, 'PENDING_BUREAU');
      await h.advanceDays(1);
      await h.t.bureau.sync.sync();
      const order = await orderOf(h, c, id);
      assert.equal(order.state, 'BUREAU_REJECTED');
      assert.deepEqual(
        [order.rejection.reasons[0].code, order.rejection.reasons[0].field],
        ['WEBSITE_NAME_INVALID', 'websites[0].name'],
      );
    } finally {
      await h.close();
    }
  });
});

describe(`FAQ bureau cases: access, numbers and passwords (${testBackend})`, () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('FAQ-014 FAQ-053 R-BUR-021 R-ORD-032 R-BUR-012: ACCESS of a P2 filing adds a second access record; the number and P2 are unchanged', async () => {
    const injected = await h.control<{ filingNumber: string; websites: { filingNumber: string }[] }>(
      'POST',
      '/sim/control/filings',
      {
        ispId: P2_PROVIDER.ispId,
        province: '浙江',
        filingNumber: '浙ICP备18000002号',
        password: 'TravelPw2018',
        subject: {
          name: '杭州示例旅游有限公司',
          nature: 4,
          certificateType: 'USCC_LICENCE',
          certificateNumber: '91330100MA2CXXXX1X',
        },
        principal: { name: '钱十', mobile: '13700137000', email: 'qian@example-travel.cn' },
        websites: [{ name: '示例旅游', domains: ['example-travel.cn', 'www.example-travel.cn'], ip: '198.18.0.9' }],
      },
    );
    assert.equal(injected.websites[0]!.filingNumber, '浙ICP备18000002号-1');
    const b = await customerWithServer(h, '203.0.113.11');
    assert.equal((await accessOf(h, 'example-travel.cn'))?.decision ?? 'block', 'block', 'not accessed here yet');
    const id = await createOrderDirect(h, b, {
      type: 'ACCESS',
      variant: 'WITHOUT_SUBJECT',
      province: '浙江',
      serverIp: '203.0.113.11',
      draft: {
        subjectFilingNumber: '浙ICP备18000002号',
        subject: {
          type: 'ENTERPRISE',
          name: '杭州示例旅游有限公司',
          certificateType: 'USCC_LICENCE',
          certificateNumber: '91330100MA2CXXXX1X',
        },
        websites: [
          {
            filingNumber: '浙ICP备18000002号-1',
            name: '示例旅游',
            domains: ['example-travel.cn'],
            accessIps: ['203.0.113.11'],
          },
        ],
      },
    });
    // R-BUR-008: the password is verified at the bureau and held in memory for the upload
    const wrong = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/filing-password`,
      headers: { cookie: b.cookie },
      payload: { password: 'nope' },
    });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().reason, 'FILING_PASSWORD_WRONG');
    const right = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/filing-password`,
      headers: { cookie: b.cookie },
      payload: { password: 'TravelPw2018' },
    });
    assert.equal(right.statusCode, 200, right.body);
    await toBureau(h, b, id);
    assert.equal((await h.t.bureau.sync.sync()).uploaded, 1);
    await decideAndSync(h);
    assert.equal((await orderOf(h, b, id)).state, 'APPROVED');
    assert.equal((await accessOf(h, 'example-travel.cn'))?.decision, 'allow');
    const q = await publicQuery(h, 'domain=example-travel.cn');
    assert.equal(q.records[0]!.websiteFilingNumber, '浙ICP备18000002号-1');
    const bureau = await h.sim.sim.controls.filing({ domain: 'example-travel.cn' });
    const access = bureau!.websites[0]!.access;
    assert.deepEqual(
      access.map((a) => [a.ispId, a.status]).sort(),
      [
        [DEMO_PROVIDER.ispId, 'ACTIVE'],
        [P2_PROVIDER.ispId, 'ACTIVE'],
      ].sort(),
    );
    const site = await h.t.database.db
      .selectFrom('websites')
      .selectAll()
      .where('filing_number', '=', '浙ICP备18000002号-1')
      .executeTakeFirstOrThrow();
    const records = await h.t.database.db
      .selectFrom('registry_access')
      .selectAll()
      .where('website_id', '=', site.id)
      .where('status', '=', 'ACTIVE')
      .execute();
    assert.deepEqual(records.map((r) => Number(r.provider_id)).sort(), [DEMO_PROVIDER.ispId, P2_PROVIDER.ispId].sort());
  });

  it('FAQ-253 R-BUR-004 R-BUR-003: one password message at FIRST approval, none at ADD_WEBSITE, which gets the next suffix', async () => {
    const c = await customerWithServer(h, '203.0.113.12');
    const p = {
      name: '李雷',
      certificateNumber: residentId('44010519900101006'),
      mobile: '13600136000',
      email: 'lilei@example.com',
    };
    const first = await filed(h, c, 'example-lilei.cn', p, '203.0.113.12');
    assert.equal((await h.sim.sim.controls.outbox({ recipient: '13600136000', kind: 'PASSWORD' })).length, 1);
    const id = await createOrderDirect(h, c, {
      type: 'ADD_WEBSITE',
      variant: 'WITH_SUBJECT',
      province: '广东',
      serverIp: '203.0.113.12',
      draft: {
        subjectFilingNumber: first.subjectNumber,
        subjectPrincipal: {
          name: p.name,
          mobile: p.mobile,
          email: p.email,
          certificateType: 'RESIDENT_ID',
          certificateNumber: p.certificateNumber,
        },
        websites: [
          {
            name: '李雷的相册',
            domains: ['example-lilei-photo.cn'],
            serviceContent: 'OTHER',
            languages: ['zh-CN'],
            accessIps: ['203.0.113.12'],
            principalSameAsSubject: true,
          },
        ],
      },
    });
    await toBureau(h, c, id);
    await h.t.bureau.sync.sync();
    const r = await decideAndSync(h);
    assert.equal(r.approved, 1, JSON.stringify(await h.sim.sim.controls.submissions()));
    const site = await h.t.database.db
      .selectFrom('websites')
      .selectAll()
      .where('name', '=', '李雷的相册')
      .executeTakeFirstOrThrow();
    assert.equal(site.filing_number, `${first.subjectNumber}-2`);
    const sms = await h.sim.sim.controls.outbox({ recipient: '13600136000' });
    assert.equal(sms.filter((m) => m.kind === 'PASSWORD').length, 1, 'still exactly one password SMS');
    assert.equal((await h.sim.sim.controls.outbox({ recipient: 'lilei@example.com', kind: 'PASSWORD' })).length, 1);
  });

  it('FAQ-255 R-BUR-007 R-BUR-009 R-PRV-022: online retrieval by the four inputs; a mismatch sends nothing; offline only outside 广东', async () => {
    const c = await customerWithServer(h, '203.0.113.13');
    const p = {
      name: '韩梅梅',
      certificateNumber: residentId('44010519910202007'),
      mobile: '13500135000',
      email: 'hanmm@example.com',
    };
    const f = await filed(h, c, 'example-hanmm.cn', p, '203.0.113.13');
    const retrieve = (certificateNumber: string) =>
      h.t.app.inject({
        method: 'POST',
        url: '/api/v1/filing-password/retrieve',
        headers: { cookie: c.cookie },
        payload: { province: '广东', filingNumber: f.subjectNumber, certificateType: 'RESIDENT_ID', certificateNumber },
      });
    const before = (await h.sim.sim.controls.outbox({ recipient: p.mobile, kind: 'PASSWORD' })).length;
    const ok = await retrieve(p.certificateNumber);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal((await h.sim.sim.controls.outbox({ recipient: p.mobile, kind: 'PASSWORD' })).length, before + 1);
    const bad = await retrieve(residentId('44010519910202015'));
    assert.equal(bad.statusCode, 422);
    assert.equal(bad.json().reason, 'RETRIEVAL_DATA_MISMATCH');
    assert.equal(
      (await h.sim.sim.controls.outbox({ recipient: p.mobile, kind: 'PASSWORD' })).length,
      before + 1,
      'nothing sent',
    );
    const offline = (province: string, filingNumber: string, certificateNumber: string) =>
      h.t.app.inject({
        method: 'POST',
        url: '/api/v1/filing-password/retrieve-offline',
        headers: { cookie: c.cookie },
        payload: {
          province,
          filingNumber,
          certificateType: 'RESIDENT_ID',
          certificateNumber,
          contactPhone: '010-12345678',
        },
      });
    const gd = await offline('广东', f.subjectNumber, p.certificateNumber);
    assert.equal(gd.statusCode, 422);
    assert.equal(gd.json().reason, 'ONLINE_RETRIEVAL_ONLY');
    const bj = await h.control<{ filingNumber: string }>('POST', '/sim/control/filings', {
      ispId: P2_PROVIDER.ispId,
      province: '北京',
      password: 'BeijingPw1',
      subject: {
        name: '王北京',
        nature: 5,
        certificateType: 'RESIDENT_ID',
        certificateNumber: residentId('11010519880808001'),
      },
      principal: { name: '王北京', mobile: '13400134000', email: 'wang@example-bj.cn' },
      websites: [{ name: '北京示例', domains: ['example-bj.cn'] }],
    });
    const accepted = await offline('北京', bj.filingNumber, residentId('11010519880808001'));
    assert.equal(accepted.statusCode, 202, accepted.body);
    assert.equal(
      (await h.sim.sim.controls.outbox({ recipient: '13400134000', kind: 'PASSWORD' })).length,
      0,
      'not before the bureau answers',
    );
    await h.advanceDays(7);
    await h.sim.sim.controls.tick();
    const call = await h.sim.sim.controls.outbox({ recipient: '010-12345678' });
    assert.deepEqual(
      call.map((m) => [m.channel, m.kind]),
      [['PHONE', 'RETRIEVAL_CALL']],
    );
    const sent = await h.sim.sim.controls.outbox({ recipient: '13400134000', kind: 'PASSWORD' });
    assert.equal(sent.length, 1);
    assert.match(sent[0]!.text, /BeijingPw1/);
  });

  it('FAQ-082 R-BUR-015 R-WEB-006: the public suffix list has .cn and not .online', async () => {
    const r = await h.t.app.inject({ method: 'GET', url: '/api/v1/public/suffixes' });
    assert.equal(r.statusCode, 200);
    assert.ok(r.json().suffixes.includes('cn'));
    assert.ok(!r.json().suffixes.includes('online'));
    const page = await h.t.app.inject({ method: 'GET', url: '/query', headers: { 'accept-language': 'en' } });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Domain suffixes that can be filed/);
    assert.doesNotMatch(page.body, /\.online\b/);
  });
});

describe(`FAQ bureau cases: changes and cancellations (${testBackend})`, () => {
  it('FAQ-212 R-CHG-001 R-BUR-012: a renamed website keeps its number; the public query shows the old name until approval', async () => {
    const h = await harness();
    try {
      const c = await customerWithServer(h, '203.0.113.14');
      const f = await filed(h, c, 'example-rename.cn', person('陈一', '44010519920303008'), '203.0.113.14');
      const id = await postFiling(h, c, { type: 'CHANGE_WEBSITE', websiteIds: [f.websites[0]!.id] });
      const order = await orderOf(h, c, id);
      const draft = { ...order.draft, websites: [{ ...order.draft.websites[0], name: '陈一的新博客' }] };
      // CHANGE_WEBSITE edits only the website section (R-ORD-014)
      await h.t.orders.transition(
        id,
        { type: 'EDIT', sections: ['WEBSITES'] },
        { id: c.id, role: 'customer' },
        { expectedVersion: order.version, draft },
      );
      await toBureau(h, c, id);
      await h.t.bureau.sync.sync();
      assert.equal((await publicQuery(h, 'domain=example-rename.cn')).records[0]!.websiteName, '陈一的技术博客');
      await decideAndSync(h);
      assert.equal((await orderOf(h, c, id)).state, 'APPROVED');
      const q = await publicQuery(h, 'domain=example-rename.cn');
      assert.equal(q.records[0]!.websiteName, '陈一的新博客');
      assert.equal(q.records[0]!.websiteFilingNumber, f.websiteNumbers[0]);
    } finally {
      await h.close();
    }
  });

  it('FAQ-226 FAQ-229 R-CHG-011 R-BUR-008 R-BUR-005: CANCEL_SUBJECT with the password completes in 3 working days; no record afterwards; the password is nowhere in the database', async () => {
    const h = await harness();
    try {
      const c = await customerWithServer(h, '203.0.113.15');
      const f = await filed(h, c, 'example-cancel.cn', ZHANG, '203.0.113.15');
      const password = await passwordOf(h);
      const wrong = await h.t.app.inject({
        method: 'POST',
        url: '/api/v1/orders/post-filing',
        headers: { cookie: (await fresh(h, c)).cookie },
        payload: { type: 'CANCEL_SUBJECT', confirm: 'CANCEL_SUBJECT', filingPassword: 'wrong-one' },
      });
      assert.equal(wrong.statusCode, 422, wrong.body);
      const id = await postFiling(h, c, {
        type: 'CANCEL_SUBJECT',
        confirm: 'CANCEL_SUBJECT',
        filingPassword: password,
      });
      await toBureau(h, c, id); // submitted on Monday 2026-11-02
      assert.equal((await h.t.bureau.sync.sync()).uploaded, 1);
      const sub = (await h.sim.sim.controls.submissions({ state: 'PENDING' }))[0]!;
      assert.equal(sub.decideOn, '2026-11-05', 'R-CHG-012: the simulator default of 3 working days, Thursday');
      await h.advanceDays(3);
      const r = await h.t.bureau.sync.sync();
      assert.equal(r.approved, 1);
      assert.equal((await orderOf(h, c, id)).state, 'APPROVED');
      assert.deepEqual((await publicQuery(h, `number=${encodeURIComponent(f.subjectNumber)}`)).records, []);
      assert.deepEqual((await publicQuery(h, 'domain=example-cancel.cn')).records, []);
      assert.equal((await accessOf(h, 'example-cancel.cn'))?.decision, 'block');
      // R-BUR-005: neither the password nor the digest sent as ICPmm is stored in any platform table
      const tables =
        h.t.database.dialect === 'sqlite'
          ? (
              await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(h.t.database.db)
            ).rows.map((x) => x.name)
          : (
              await sql<{
                name: string;
              }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(
                h.t.database.db,
              )
            ).rows.map((x) => x.name);
      for (const table of tables) {
        const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(h.t.database.db))
          .rows;
        const dump = JSON.stringify(rows);
        assert.ok(
          !dump.includes(password) && !dump.includes(filingPasswordDigest(password)),
          `the password is in ${table}`,
        );
      }
    } finally {
      await h.close();
    }
  });

  it('FAQ-227 FAQ-231 R-CHG-016 R-CHG-013 R-BUR-021: cancel access keeps the number and P2; cancel website deletes it and leaves -2 served', async () => {
    const h = await harness();
    try {
      const c = await customerWithServer(h, '203.0.113.16');
      const f = await filed(
        h,
        c,
        ['example-two.cn', 'example-two-blog.cn'],
        person('刘二', '44010519930404009'),
        '203.0.113.16',
      );
      assert.deepEqual(f.websiteNumbers, [`${f.subjectNumber}-1`, `${f.subjectNumber}-2`]);
      await p2Access(
        h,
        f.websiteNumbers[0]!,
        await passwordOf(h, mobileOf(person('刘二', '44010519930404009').certificateNumber)),
      );

      // variant 1: cancel access of -1 here
      const ca = await postFiling(h, c, {
        type: 'CANCEL_ACCESS',
        websiteIds: [f.websites[0]!.id],
        confirm: 'CANCEL_ACCESS',
      });
      await toBureau(h, c, ca);
      await h.t.bureau.sync.sync();
      await decideAndSync(h);
      assert.equal((await orderOf(h, c, ca)).state, 'APPROVED');
      assert.equal((await accessOf(h, 'example-two.cn'))?.decision, 'block');
      assert.equal(
        (await publicQuery(h, 'domain=example-two.cn')).records[0]!.websiteFilingNumber,
        f.websiteNumbers[0],
      );
      const site1 = await h.t.database.db
        .selectFrom('websites')
        .selectAll()
        .where('id', '=', f.websites[0]!.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([site1.status, site1.accessed_here], ['FILED', 0], 'P2 still hosts it: not a shell');
      const bureau1 = (await h.sim.sim.controls.filing({ number: f.websiteNumbers[0]! }))!.websites[0]!;
      assert.deepEqual(
        bureau1.access.filter((a) => a.status === 'ACTIVE').map((a) => a.ispId),
        [P2_PROVIDER.ispId],
      );

      // variant 2 (on -2): cancel website; -1 (at P2) and the subject stay
      const cw = await postFiling(h, c, {
        type: 'CANCEL_WEBSITE',
        websiteIds: [f.websites[1]!.id],
        confirm: 'CANCEL_WEBSITE',
      });
      await toBureau(h, c, cw);
      await h.t.bureau.sync.sync();
      await decideAndSync(h);
      assert.equal((await orderOf(h, c, cw)).state, 'APPROVED');
      assert.deepEqual((await publicQuery(h, 'domain=example-two-blog.cn')).records, []);
      assert.equal((await accessOf(h, 'example-two-blog.cn'))?.decision, 'block');
      assert.equal((await publicQuery(h, 'domain=example-two.cn')).records.length, 1);
    } finally {
      await h.close();
    }
  });

  it('FAQ-231 R-CHG-013 R-ACS-010: cancelling website -1 leaves -2 allowed', async () => {
    const h = await harness();
    try {
      const c = await customerWithServer(h, '203.0.113.17');
      const f = await filed(
        h,
        c,
        ['example-one.cn', 'example-one-two.cn'],
        person('黄三', '44010519940505000'),
        '203.0.113.17',
      );
      const cw = await postFiling(h, c, {
        type: 'CANCEL_WEBSITE',
        websiteIds: [f.websites[0]!.id],
        confirm: 'CANCEL_WEBSITE',
      });
      await toBureau(h, c, cw);
      await h.t.bureau.sync.sync();
      await decideAndSync(h);
      assert.equal((await accessOf(h, 'example-one.cn'))?.decision, 'block');
      assert.equal((await accessOf(h, 'example-one-two.cn'))?.decision, 'allow');
      const subject = await h.t.database.db
        .selectFrom('subjects')
        .select('status')
        .where('id', '=', f.subject.id)
        .executeTakeFirstOrThrow();
      assert.equal(subject.status, 'FILED');
    } finally {
      await h.close();
    }
  });

  it('FAQ-232 R-BUR-017 R-CHG-016: cancel access of a website accessed only here makes a shell; 91 days later the bureau cancels it', async () => {
    const h = await harness();
    try {
      const c = await customerWithServer(h, '203.0.113.18');
      const f = await filed(h, c, 'example-p2only.cn', person('郑四', '44010519950606001'), '203.0.113.18');
      const ca = await h.t.app.inject({
        method: 'POST',
        url: '/api/v1/orders/post-filing',
        headers: { cookie: (await fresh(h, c)).cookie },
        payload: { type: 'CANCEL_ACCESS', websiteIds: [f.websites[0]!.id], confirm: 'CANCEL_ACCESS' },
      });
      assert.equal(ca.statusCode, 201, ca.body);
      assert.equal(ca.json().warnings[0].code, 'MAY_BECOME_SHELL');
      await toBureau(h, c, ca.json().id);
      await h.t.bureau.sync.sync();
      await decideAndSync(h);
      assert.equal((await accessOf(h, 'example-p2only.cn'))?.decision, 'block');
      assert.equal(
        (await publicQuery(h, 'domain=example-p2only.cn')).records[0]!.websiteFilingNumber,
        f.websiteNumbers[0],
      );
      const site = await h.t.database.db
        .selectFrom('websites')
        .selectAll()
        .where('id', '=', f.websites[0]!.id)
        .executeTakeFirstOrThrow();
      assert.equal(site.status, 'SHELL');
      assert.equal((await h.sim.sim.controls.filing({ number: f.websiteNumbers[0]! }))!.websites[0]!.status, 'SHELL');
      await h.advanceDays(91);
      const r = await h.t.bureau.sync.sync();
      assert.ok(r.cancellations >= 1);
      const bureau = (await h.sim.sim.controls.filing({ number: f.websiteNumbers[0]! }))!;
      assert.deepEqual(
        [bureau.websites[0]!.status, bureau.websites[0]!.cancelReason],
        ['CANCELLED', 'SHELL_NO_ACCESS'],
      );
      assert.deepEqual((await publicQuery(h, 'domain=example-p2only.cn')).records, []);
      const after = await h.t.database.db
        .selectFrom('websites')
        .selectAll()
        .where('id', '=', f.websites[0]!.id)
        .executeTakeFirstOrThrow();
      assert.deepEqual([after.status, after.cancel_reason], ['CANCELLED', 'SHELL_NO_ACCESS']);
      assert.equal((await accessOf(h, 'example-p2only.cn'))?.reason, 'FILING_CANCELLED');
    } finally {
      await h.close();
    }
  });
});

describe(`FAQ bureau cases: bureau-initiated cancellations (${testBackend})`, () => {
  let h: Harness;
  before(async () => {
    h = await harness();
  });
  after(() => h.close());

  it('FAQ-248 R-BUR-019: a domain holder has only that website cancelled; the other stays; the domain can then be filed anew', async () => {
    const old = await h.control<{ filingNumber: string; websites: { filingNumber: string }[] }>(
      'POST',
      '/sim/control/filings',
      {
        ispId: P2_PROVIDER.ispId,
        province: '广东',
        subject: {
          name: '深圳旧主有限公司',
          nature: 4,
          certificateType: 'USCC_LICENCE',
          certificateNumber: '91440300MA5OLD0001',
        },
        principal: { name: '旧主', mobile: '13300133000', email: 'old@example-keep.cn' },
        websites: [
          { name: '保留站', domains: ['example-keep.cn'] },
          { name: '旧站', domains: ['example-used.cn'] },
        ],
      },
    );
    const g = await customerWithServer(h, '203.0.113.23');
    const req = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/bureau/cancellation-requests',
      headers: { cookie: g.cookie },
      payload: { domain: 'example-used.cn', requesterName: '陈九', explanation: '该域名已由本人注册，附域名证书' },
    });
    assert.equal(req.statusCode, 202, req.body);
    await h.control('POST', `/sim/control/requests/${req.json().requestId}/approve`);
    assert.deepEqual((await publicQuery(h, 'domain=example-used.cn')).records, []);
    assert.equal(
      (await publicQuery(h, 'domain=example-keep.cn')).records[0]!.websiteFilingNumber,
      old.websites[0]!.filingNumber,
    );
    const id = await fileFirst(h, g, 'example-used.cn', person('陈九', '44010519960707002'), '203.0.113.23');
    await h.t.bureau.sync.sync();
    await decideAndSync(h);
    assert.equal((await orderOf(h, g, id)).state, 'APPROVED');
    const q = await publicQuery(h, 'domain=example-used.cn');
    assert.notEqual(q.records[0]!.subjectFilingNumber, old.filingNumber, 'R-BUR-014: a new number');
  });

  it('FAQ-249 R-BUR-016 R-ACS-010: an INACCURATE_INFO cancellation is synced; the domain is blocked and has no record', async () => {
    const c = await customerWithServer(h, '203.0.113.26');
    const f = await filed(h, c, 'example-shop.cn', person('冯五', '44010519970808003'), '203.0.113.26');
    assert.equal((await accessOf(h, 'example-shop.cn'))?.decision, 'allow');
    await h.control('POST', '/sim/control/cancellations', {
      filingNumber: f.websiteNumbers[0],
      reason: 'INACCURATE_INFO',
    });
    const r = await h.t.bureau.sync.sync();
    assert.ok(r.cancellations >= 1);
    const access = await accessOf(h, 'example-shop.cn');
    assert.deepEqual([access?.decision, access?.reason], ['block', 'FILING_CANCELLED']);
    assert.deepEqual((await publicQuery(h, 'domain=example-shop.cn')).records, []);
    const site = await h.t.database.db
      .selectFrom('websites')
      .selectAll()
      .where('id', '=', f.websites[0]!.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([site.status, site.cancel_reason], ['CANCELLED', 'INACCURATE_INFO']);
  });

  it('FAQ-250 R-BUR-018 R-BUR-016: after a serious ILLEGAL_CONTENT cancellation the certificate and the website name are blacklisted', async () => {
    const bad = await h.control<{ filingNumber: string }>('POST', '/sim/control/filings', {
      ispId: DEMO_PROVIDER.ispId,
      province: '广东',
      subject: {
        name: '深圳违规有限公司',
        nature: 4,
        certificateType: 'USCC_LICENCE',
        certificateNumber: '91440300MA5BAD0007',
      },
      principal: { name: '违规', mobile: '13200132000', email: 'bad@example-bad.cn' },
      websites: [{ name: '示例违规网', domains: ['example-bad.cn'] }],
    });
    await h.control('POST', '/sim/control/cancellations', {
      filingNumber: bad.filingNumber,
      reason: 'ILLEGAL_CONTENT',
      severity: 'serious',
    });
    await h.t.bureau.sync.sync();
    assert.deepEqual((await publicQuery(h, 'domain=example-bad.cn')).records, []);
    // account K: a FIRST for USCC-7 (through another provider's upload, the bureau's check is the same)
    const k = p2Client(h);
    const { xzbaRecord } = await import('./miit/testing/fixtures.ts');
    await k.upload({
      ICP: {
        XZBA: {
          Baxx: [
            {
              ...xzbaRecord,
              Zt_xx: {
                ...xzbaRecord.Zt_xx,
                Dwmc: '深圳违规有限公司',
                Zj: { Zjlx: 1, Zjhm: '91440300MA5BAD0007', Zjzs: '深圳' },
              },
              Wz_xx: [{ ...xzbaRecord.Wz_xx[0]!, Ym_xx: [{ IspYmid: 1, Ym: 'example-k.cn' }] }],
            },
          ],
        },
        Qqdwid: P2_PROVIDER.ispId,
      },
    });
    await h.sim.sim.controls.decide({ ispId: P2_PROVIDER.ispId });
    const findings: string[] = [];
    await k.drain(async (f) => {
      for (const jg of f.data.ICP?.BAJG?.Jg_xx ?? []) findings.push(...jg.Jgxx.map((x) => `${x.Jgdm}`));
    });
    assert.ok(findings.includes('1065'), findings.join());
    // account L: another subject with the website name 示例违规网, through this platform — the synced blacklist
    // (HMDLB) refuses it at submission, naming the field, instead of after 20 working days at the bureau
    const l = await customerWithServer(h, '203.0.113.27');
    const wei = person('卫六', '44010519980909004');
    const created = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: l.cookie },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: wei.certificateNumber,
          name: wei.name,
        },
        province: '广东',
        domains: ['example-l.cn'],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id as string;
    const saved = await h.t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${id}/draft`,
      headers: { cookie: l.cookie },
      payload: { version: 1, draft: draftFor('example-l.cn', wei, '203.0.113.27', '示例违规网') },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const submitted = await h.t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${id}/submit`,
      headers: { cookie: l.cookie },
      payload: { version: saved.json().version },
    });
    assert.equal(submitted.statusCode, 422, submitted.body);
    assert.deepEqual(
      submitted.json().errors.map((e: { field: string; code: string }) => [e.code, e.field]),
      [['BLACKLISTED', 'websites[0].name']],
    );
    assert.equal((await orderOf(h, l, id)).state, 'DRAFT');
  });

  it('FAQ-252 FAQ-209 R-BUR-013 R-BUR-020 R-BUR-017: a filing has no expiry and survives the domain changing hands; a shell clean-up cancels it', async () => {
    const c = await customerWithServer(h, '203.0.113.28');
    const f = await filed(h, c, 'example-exp.cn', person('蒋七', '44010519990101005'), '203.0.113.28');
    await h.control('PUT', '/sim/control/facts/domain/example-exp.cn', {
      realNameVerifiedOn: '2027-01-05',
      registrantType: 'PERSONAL',
      registrantName: '陈九',
    });
    await h.advanceDays(3 * 365 + 1);
    await h.t.bureau.sync.sync();
    assert.equal((await publicQuery(h, 'domain=example-exp.cn')).records[0]!.websiteFilingNumber, f.websiteNumbers[0]);
    await h.control('POST', '/sim/control/cancellations', {
      filingNumber: f.websiteNumbers[0],
      reason: 'SHELL_NO_ACCESS',
    });
    await h.t.bureau.sync.sync();
    assert.deepEqual((await publicQuery(h, 'domain=example-exp.cn')).records, []);
    assert.equal((await accessOf(h, 'example-exp.cn'))?.decision, 'block');
  });
});

describe(`FAQ bureau cases: conflicts, existing websites and resubmission (${testBackend})`, () => {
  let h: Harness;
  before(async () => {
    h = await harness({ settings: { provinceRules: { 广东: { checkUnreachableFiledSites: true } } } });
  });
  after(() => h.close());

  it('FAQ-177 FAQ-076 R-ORD-008: P2 reached the bureau first with an order for the same subject → SUBJECT_CONFLICT', async () => {
    const filedAtP2 = await h.control<{ filingNumber: string }>('POST', '/sim/control/filings', {
      ispId: P2_PROVIDER.ispId,
      province: '广东',
      subject: {
        name: '广州示例科技有限公司',
        nature: 4,
        certificateType: 'USCC_LICENCE',
        certificateNumber: '91440101MA5CXXXX0X',
      },
      principal: { name: '李四', mobile: '13900139000', email: 'lisi@example-corp.cn' },
      websites: [{ name: '示例科技', domains: ['example-corp-p2.cn'] }],
    });
    const p2 = p2Client(h);
    const { xzwzRecord } = await import('./miit/testing/fixtures.ts');
    await p2.upload({
      ICP: {
        XZWZ: { Xzxx: [{ ...xzwzRecord, Zt_xx: { Ztbah: filedAtP2.filingNumber }, Fj: undefined }] },
        Qqdwid: P2_PROVIDER.ispId,
      },
    });
    const a = await customerWithServer(h, '203.0.113.50');
    const id = await createOrderDirect(h, a, {
      type: 'ADD_WEBSITE',
      variant: 'WITHOUT_SUBJECT',
      province: '广东',
      serverIp: '203.0.113.50',
      draft: {
        subjectFilingNumber: filedAtP2.filingNumber,
        subject: {
          type: 'ENTERPRISE',
          name: '广州示例科技有限公司',
          certificateType: 'USCC_LICENCE',
          certificateNumber: '91440101MA5CXXXX0X',
        },
        subjectPrincipal: { name: '李四', mobile: '13900139000', email: 'lisi@example-corp.cn' },
        websites: [
          {
            name: '示例科技二站',
            domains: ['example-new2.cn'],
            serviceContent: 'OTHER',
            accessIps: ['203.0.113.50'],
            principalSameAsSubject: true,
          },
        ],
      },
    });
    await toBureau(h, a, id);
    await h.t.bureau.sync.sync();
    const order = await orderOf(h, a, id);
    assert.equal(order.state, 'BUREAU_REJECTED');
    assert.deepEqual(
      order.rejection.reasons.map((r: { code: string; field: string }) => [r.code, r.field]),
      [['SUBJECT_CONFLICT', 'subject']],
    );
    assert.match(order.rejection.reasons[0].message, /备案主办者冲突/);
    await h.sim.sim.controls.decide({ ispId: P2_PROVIDER.ispId });
  });

  it("FAQ-179 R-ORD-009: a domain in P2's order in flight → DOMAIN_CONFLICT on that domain", async () => {
    // P2 reaches the bureau after this order passed the verify step (which now asks the bureau, access-filing.db.test.ts)
    const c = await customerWithServer(h, '203.0.113.51');
    const id = await fileFirst(h, c, 'example-race2.cn', ZHANG, '203.0.113.51');
    const p2 = p2Client(h);
    const { xzbaRecord } = await import('./miit/testing/fixtures.ts');
    await p2.upload({
      ICP: {
        XZBA: {
          Baxx: [
            {
              ...xzbaRecord,
              Zt_xx: {
                ...xzbaRecord.Zt_xx,
                Dwmc: '深圳他人有限公司',
                Zj: { Zjlx: 1, Zjhm: '91440300MA5OTHER01', Zjzs: '深圳' },
              },
              Wz_xx: [{ ...xzbaRecord.Wz_xx[0]!, Ym_xx: [{ IspYmid: 1, Ym: 'example-race2.cn' }] }],
              Fj: undefined,
            },
          ],
        },
        Qqdwid: P2_PROVIDER.ispId,
      },
    });
    await h.t.bureau.sync.sync();
    const order = await orderOf(h, c, id);
    assert.equal(order.state, 'BUREAU_REJECTED');
    assert.deepEqual(
      order.rejection.reasons.map((r: { code: string; field: string }) => [r.code, r.field]),
      [['DOMAIN_CONFLICT', 'websites[0].domains[0]']],
    );
    await h.sim.sim.controls.decide({ ispId: P2_PROVIDER.ispId });
  });

  it('FAQ-051 R-ORD-031: with checkUnreachableFiledSites on, an unreachable filed website makes the bureau reject an ADD_WEBSITE, naming it', async () => {
    const c = await customerWithServer(h, '203.0.113.52');
    const p = {
      name: '杨八',
      certificateNumber: residentId('44010519800101007'),
      mobile: '13100131000',
      email: 'yang@example.com',
    };
    const f = await filed(h, c, 'example-rebuild.cn', p, '203.0.113.52');
    await h.control('PUT', `/sim/control/facts/website/${encodeURIComponent(f.websiteNumbers[0]!)}`, {
      unreachable: true,
    });
    const id = await createOrderDirect(h, c, {
      type: 'ADD_WEBSITE',
      variant: 'WITH_SUBJECT',
      province: '广东',
      serverIp: '203.0.113.52',
      draft: {
        subjectFilingNumber: f.subjectNumber,
        subjectPrincipal: { name: p.name, mobile: p.mobile, email: p.email },
        websites: [
          {
            name: '杨八的新站',
            domains: ['example-rebuild-new.cn'],
            serviceContent: 'OTHER',
            accessIps: ['203.0.113.52'],
            principalSameAsSubject: true,
          },
        ],
      },
    });
    await toBureau(h, c, id);
    await h.t.bureau.sync.sync();
    await decideAndSync(h);
    const order = await orderOf(h, c, id);
    assert.equal(order.state, 'BUREAU_REJECTED');
    assert.equal(order.rejection.reasons[0].code, 'EXISTING_WEBSITE_UNUSED_OR_UNREACHABLE');
    assert.ok(order.rejection.reasons[0].message.includes(f.websiteNumbers[0]!));
  });

  it('FAQ-191 R-REJ-004: a bureau rejection that did not flag the photo goes back to the bureau without a new photo, as a new upload round', async () => {
    const c = await customerWithServer(h, '203.0.113.53');
    const id = await fileFirst(h, c, 'example-rename2.cn', person('秦九', '44010519810202008'), '203.0.113.53');
    await h.t.bureau.sync.sync();
    const sub = (await h.sim.sim.controls.submissions({ state: 'PENDING' })).at(-1)!;
    await h.control('POST', '/sim/control/decide', {
      uploadId: sub.uploadId,
      reject: { reason: 'WEBSITE_NAME_INVALID', path: 'Wz_xx[0].Wzmc' },
    });
    await h.t.bureau.sync.sync();
    let order = await orderOf(h, c, id);
    assert.equal(order.state, 'BUREAU_REJECTED');
    const owner = { id: c.id, role: 'customer' as const };
    const draft = { ...order.draft, websites: [{ ...order.draft.websites[0], name: '秦九的随笔' }] };
    await h.t.orders.transition(id, { type: 'REVOKE' }, owner);
    order = await orderOf(h, c, id);
    await h.t.orders.transition(id, { type: 'EDIT', sections: ['WEBSITES'] }, owner, {
      expectedVersion: order.version,
      draft,
    });
    await h.t.orders.transition(id, { type: 'RESUBMIT' }, owner, { extra: { openBlockingViolations: 0 } });
    const passed = await h.t.orders.transition(id, { type: 'INITIAL_APPROVE' }, { id: null, role: 'reviewer' });
    assert.equal(passed.state, 'PENDING_BUREAU', 'no photo step');
    assert.equal((await h.t.bureau.sync.sync()).uploaded, 1);
    const rounds = await h.t.database.db
      .selectFrom('bureau_submissions')
      .select(['state', 'ref'])
      .where('order_id', '=', id)
      .orderBy('created_at')
      .execute();
    assert.deepEqual(
      rounds.map((r) => r.state),
      ['REJECTED', 'UPLOADED'],
    );
    assert.notEqual(rounds[0]!.ref, rounds[1]!.ref);
    await decideAndSync(h);
    assert.equal((await orderOf(h, c, id)).state, 'APPROVED');
    assert.equal((await publicQuery(h, 'domain=example-rename2.cn')).records[0]!.websiteName, '秦九的随笔');
  });

  it('FAQ-208 R-CHG-019: nothing cancels a filing whose domain is pointed elsewhere; 31 days later it is filed and served', async () => {
    const c = await customerWithServer(h, '203.0.113.54');
    const f = await filed(h, c, 'example-hk.cn', person('许十', '44010519820303009'), '203.0.113.54');
    await h.advanceDays(31);
    await h.t.bureau.sync.sync();
    assert.equal((await publicQuery(h, 'domain=example-hk.cn')).records[0]!.websiteFilingNumber, f.websiteNumbers[0]);
    assert.equal((await accessOf(h, 'example-hk.cn'))?.decision, 'allow');
  });
});
