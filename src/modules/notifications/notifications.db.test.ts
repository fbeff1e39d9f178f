import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { passInitialReview, personDraft, personDraftFor, testPerson } from '../../../test/support/drafts.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { loadPiiCrypto } from '../../platform/crypto/boot.ts';
import type { Tx } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { beijingInstant } from '../calendar/index.ts';
import { createDraftChecker } from '../filings/checker.ts';
import { decide, INITIAL_FLAGS } from '../filings/domain/transitions.ts';
import { createOrdersService, type OrderRow } from '../filings/orders.service.ts';
import { photo } from '../materials/test-images.ts';
import { SERVER_WARNING_SWEEP } from './notification-timers.ts';
import { PSB_REMINDER_TIMER } from './notifier.ts';
import { CULTURE_LICENCE_TIMER } from './senders.ts';
import { type ReceivedMail, type SmtpSink, startSmtpSink } from './testing.ts';
import { loggingSmsSender, type NotificationLog, smtpMailer } from './transports.ts';
import { createNotificationWorker } from './worker.ts';

const SYSTEM = { id: null, role: 'system' as const };
const BUREAU = { id: null, role: 'bureau' as const };
const silent: NotificationLog = { info() {}, warn() {}, error() {} };

/** A real SMTP server whose refusals the test controls, and a Beian sending to it. */
async function setup(now: string, refuse: { policy: ((messageId: string, attempt: number) => number | null) | null }) {
  const sink = await startSmtpSink({ refuse: (id, n) => refuse.policy?.(id, n) ?? null });
  const t = await testApp({
    now,
    env: {
      SMTP_URL: sink.url,
      PUBLIC_URL: 'https://beian.example.com',
      BEIAN_SERVER_SYNC_DELAY_MINUTES: '0',
      BEIAN_DATA_DIR: mkdtempSync(join(tmpdir(), 'beian-ntf-')),
    },
  });
  let seen = 0;
  /** Runs the app's delivery worker and returns the mail the SMTP server received since the last call. */
  const deliver = async (): Promise<ReceivedMail[]> => {
    await t.notifications.worker.runDue();
    const fresh = sink.received.slice(seen);
    seen = sink.received.length;
    return fresh;
  };
  return { sink, t, deliver };
}

const to = (mails: ReceivedMail[], address: string) => mails.filter((m) => m.to.includes(address));

async function customerWithServer(
  t: TestApp,
  email: string,
  ip: string,
  server: Partial<{ purchasedAt: string; expiresAt: string; prepaidMonths: number; name: string }> = {},
) {
  const u = await t.accounts.createUser({ email, password: 'customer-password', role: 'customer' });
  await t.servers.importMany(
    [
      {
        externalId: `srv-${ip}`,
        accountNo: u.accountNo,
        name: server.name ?? 'GZ',
        region: 'ap-guangzhou',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: server.prepaidMonths ?? 12,
        purchasedAt: server.purchasedAt ?? '2026-10-01',
        expiresAt: server.expiresAt ?? '2027-10-01',
        publicIp: ip,
      },
    ],
    SYSTEM,
  );
  return { user: u, cookie: await signIn(t, email, 'customer-password') };
}

/** Verify step + complete draft + submit, over HTTP; returns the order id and version. */
async function submittedOrder(
  t: TestApp,
  cookie: string,
  domain: string,
  ip: string,
  edit: (d: ReturnType<typeof personDraft>) => void = () => {},
  /** Test person number: another account's submitted order binds its subject (R-ACC-004). */
  person = 1,
) {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/orders',
    headers: { cookie },
    payload: {
      subject: {
        type: 'PERSONAL',
        certificateType: 'RESIDENT_ID',
        certificateNumber: testPerson(person).certificateNumber,
        name: '张三',
      },
      province: '广东',
      domains: [domain],
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const draft = personDraftFor(domain, person);
  draft.websites[0].accessIps = [ip];
  edit(draft);
  const saved = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/orders/${created.json().id}/draft`,
    headers: { cookie },
    payload: { version: 1, draft },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const sub = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orders/${created.json().id}/submit`,
    headers: { cookie },
    payload: { version: saved.json().version },
  });
  assert.equal(sub.statusCode, 200, sub.body);
  return {
    id: created.json().id as string,
    orderNo: created.json().orderNo as string,
    version: sub.json().version as number,
  };
}

describe(`notifications through the lifecycle, over HTTP and SMTP (${testBackend})`, () => {
  const refuse: { policy: ((messageId: string, attempt: number) => number | null) | null } = { policy: null };
  let sink: SmtpSink;
  let t: TestApp;
  let deliver: () => Promise<ReceivedMail[]>;
  let customer: string;
  let accountId: string;
  let reviewer: string;
  let agent: string;
  let admin: string;
  let order: { id: string; orderNo: string; version: number };

  const ACCOUNT = 'zhang@example.com';
  const PRINCIPAL = 'zhangsan@example.com';
  const version = async () =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}`, headers: { cookie: customer } })).json()
      .version as number;
  const upload = async (cookie: string) => {
    const m = multipart(
      { kind: 'CURTAIN_PHOTO', websiteIndex: '0' },
      { name: 'curtain.jpg', type: 'image/jpeg', bytes: await photo('jpeg', 600, 800) },
    );
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/materials`,
      headers: { cookie, ...m.headers },
      payload: m.payload,
    });
    assert.equal(r.statusCode, 201, r.body);
  };

  before(async () => {
    ({ sink, t, deliver } = await setup('2026-11-02T09:00:00+08:00', refuse));
    const c = await customerWithServer(t, ACCOUNT, '203.0.113.10');
    customer = c.cookie;
    accountId = c.user.id;
    await t.accounts.createUser({ email: 'rev@example.com', password: 'reviewer-pass', role: 'reviewer' });
    await t.accounts.createUser({ email: 'agent@example.com', password: 'agent-password', role: 'photo_agent' });
    await t.accounts.createUser({ email: 'admin@example.com', password: 'admin-password', role: 'admin' });
    reviewer = await signIn(t, 'rev@example.com', 'reviewer-pass');
    agent = await signIn(t, 'agent@example.com', 'agent-password');
    admin = await signIn(t, 'admin@example.com', 'admin-password');
  });
  after(async () => {
    await t.close();
    await sink.close();
  });

  it('FAQ-188 R-NTF-001 R-REJ-001: an initial-review rejection mails both reasons with their items named in Chinese, the suggestions and the deadline, to the account and the subject principal', async () => {
    order = await submittedOrder(t, customer, 'example-shop.cn', '203.0.113.10');
    assert.deepEqual(await deliver(), [], 'submitting sends nothing');
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/initial-review/reject`,
      headers: { cookie: reviewer },
      payload: {
        version: order.version,
        reasons: [
          {
            code: 'WEBSITE_NAME_INVALID',
            field: 'websites[0].name',
            message: '网站名称不能使用“技术博客”以外的泛指词',
            fix: '请使用能体现网站内容的名称',
          },
          { code: 'SEAL_INVALID', field: 'materials[3]', message: '核验单签字不清晰', fix: '请重新签字后上传核验单' },
        ],
      },
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const mails = await deliver();
    assert.deepEqual(mails.flatMap((m) => m.to).sort(), [ACCOUNT, PRINCIPAL].sort());
    for (const m of mails) {
      assert.match(m.subject, new RegExp(`【备案初审驳回】订单 ${order.orderNo}`));
      assert.match(m.text, /网站1「张三的技术博客」 › 网站名称/);
      assert.match(m.text, /驳回原因：网站名称不能使用“技术博客”以外的泛指词（WEBSITE_NAME_INVALID）/);
      assert.match(m.text, /修改意见：请使用能体现网站内容的名称/);
      assert.match(m.text, /网站备案信息真实性核验单（网站1）/);
      assert.match(m.text, /驳回原因：核验单签字不清晰（SEAL_INVALID）/);
      // 45 × 24 h after the rejection (2026-11-02 09:00 Beijing)
      assert.match(m.text, /2026-12-17 09:00（北京时间）前/);
      assert.match(m.text, new RegExp(`https://beian\\.example\\.com/console/orders/${order.id}`));
      assert.match(m.html, /网站1「张三的技术博客」 › 网站名称/);
      // idempotency: the Message-ID is the outbox row's
      assert.equal(m.messageId, `<${m.outboxId}@beian.localhost>`);
    }
    const centre = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: { cookie: customer } });
    assert.equal(centre.statusCode, 200, centre.body);
    assert.deepEqual(
      centre.json().map((n: { rule: string }) => n.rule),
      ['R-NTF-001'],
      'the message centre lists the account copy once',
    );
    assert.match(centre.json()[0].text, /核验单签字不清晰/);
  });

  it('DESIGN 7: outbox rows keep recipient and content encrypted', async () => {
    const rows = await t.database.db.selectFrom('outbox').select(['recipient', 'payload']).execute();
    assert.ok(rows.length >= 2);
    for (const r of rows) {
      assert.doesNotMatch(r.recipient, /@/);
      assert.doesNotMatch(r.payload, /核验单|张三/);
    }
  });

  it('FAQ-160 R-NTF-004: revoke, edit, resubmit (no mail), then the initial pass sends the curtain-photo notice with the order number, the three methods and the province photo points', async () => {
    const cfg = (
      await t.app.inject({ method: 'GET', url: '/api/v1/admin/provider-config', headers: { cookie: admin } })
    ).json();
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/provider-config',
      headers: { cookie: admin },
      payload: {
        ...cfg,
        photoPoints: [
          {
            name: '天河代理拍照点',
            kind: 'AGENT',
            province: '广东',
            city: '广州市',
            address: '天河路 1 号',
            phone: '020-12345678',
          },
          {
            name: '朝阳拍照核验点',
            kind: 'VERIFICATION',
            province: '北京',
            city: '北京市',
            address: '朝阳路 2 号',
            phone: '010-12345678',
          },
        ],
      },
    });
    assert.equal(put.statusCode, 200, put.body);
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/revoke`,
      headers: { cookie: customer },
      payload: { version: await version() },
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    const draft = personDraft('example-shop.cn');
    draft.websites[0].name = '张三的摄影作品集';
    draft.websites[0].accessIps = ['203.0.113.10'];
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${order.id}/draft`,
      headers: { cookie: customer },
      payload: { version: revoked.json().version, draft },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const resubmitted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/submit`,
      headers: { cookie: customer },
      payload: { version: saved.json().version },
    });
    assert.equal(resubmitted.statusCode, 200, resubmitted.body);
    assert.equal(resubmitted.json().state, 'PENDING_INITIAL_REVIEW');
    assert.deepEqual(await deliver(), [], 'revoke, edit and resubmit send nothing');

    const passed = await passInitialReview(t, reviewer, order.id, resubmitted.json().version);
    assert.equal(passed.statusCode, 200, passed.body);
    assert.equal(passed.json().state, 'PHOTO_PENDING');
    const mails = await deliver();
    assert.equal(mails.length, 2);
    for (const m of mails) {
      assert.match(m.subject, /【备案幕布拍照通知】/);
      assert.match(m.text, new RegExp(order.orderNo));
      assert.match(m.text, /方法一：前往备案线下渠道代理商免费办理幕布拍照/);
      assert.match(m.text, /方法二：申请邮寄幕布/);
      assert.match(m.text, /方法三：前往指定拍照核验点免费办理拍照/);
      assert.match(m.text, /天河代理拍照点（代理商拍照点） · 广东广州市 天河路 1 号/);
      assert.doesNotMatch(m.text, /朝阳拍照核验点/, 'photo points of the order province only');
      assert.match(m.text, new RegExp(`console/orders/${order.id}#curtain`));
    }
  });

  it('FAQ-190 R-NTF-002: a photo re-review rejection mails the photo reason; replacing the photo and passing re-review sends nothing', async () => {
    await upload(agent);
    // a photo point's upload is reported to the customer (R-NTF-017, FAQ-172); drain it before counting
    assert.ok((await deliver()).length >= 1);
    const photos = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/submit-photos`,
      headers: { cookie: agent },
      payload: { version: await version() },
    });
    assert.equal(photos.statusCode, 200, photos.body);
    const rejected = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/re-review/reject`,
      headers: { cookie: reviewer },
      payload: {
        version: photos.json().version,
        reasons: [
          {
            code: 'PHOTO_SEASON',
            field: 'materials[4]',
            message: '照片着装与拍摄季节不符',
            fix: '请穿着当季服装重新拍摄',
          },
        ],
      },
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const mails = await deliver();
    assert.equal(mails.length, 2);
    for (const m of mails) {
      assert.match(m.subject, /【备案复审驳回】/);
      assert.match(m.text, /幕布照片（网站1）/);
      assert.match(m.text, /照片着装与拍摄季节不符（PHOTO_SEASON）/);
      assert.match(m.text, /修改意见：请穿着当季服装重新拍摄/);
      assert.match(m.text, /提交照片/);
    }
    await upload(customer);
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/submit-photos`,
      headers: { cookie: customer },
      payload: { version: await version() },
    });
    assert.equal(again.statusCode, 200, again.body);
    const rr = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/re-review/approve`,
      headers: { cookie: reviewer },
      payload: { version: again.json().version },
    });
    assert.equal(rr.statusCode, 200, rr.body);
    assert.equal(rr.json().state, 'PENDING_BUREAU');
    assert.deepEqual(await deliver(), []);
  });

  it('FAQ-191 FAQ-206 R-NTF-003 R-NTF-020: a synced bureau rejection relays the bureau reason verbatim with the provider suggestion', async () => {
    await t.orders.transition(
      order.id,
      { type: 'BUREAU_REJECT', reasons: ['WEBSITE_NAME_INVALID'], photoFlagged: false },
      BUREAU,
      {
        rejection: [
          {
            code: 'WEBSITE_NAME_INVALID',
            field: 'websites[0].name',
            message: '网站名称与网站内容不符',
            fix: '建议改为与内容一致的名称',
          },
        ],
      },
    );
    const mails = await deliver();
    assert.equal(mails.length, 2, 'one mail per recipient: R-NTF-020 adds no second mail');
    for (const m of mails) {
      assert.match(m.subject, /【管局审核驳回】/);
      assert.match(m.text, /管局驳回原因（原文转达）/);
      assert.match(m.text, /网站1「张三的摄影作品集」 › 网站名称/);
      assert.match(m.text, /驳回原因：网站名称与网站内容不符（WEBSITE_NAME_INVALID）/);
      assert.match(m.text, /修改意见：建议改为与内容一致的名称/);
    }
  });

  it('FAQ-187 R-NTF-012 R-NTF-020 R-EXT-001: the synced approval mails the filing numbers, the display snippet and the public-security deadline; a reminder timer is set', async () => {
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/revoke`,
      headers: { cookie: customer },
      payload: { version: await version() },
    });
    const draft = personDraft('example-shop.cn');
    draft.websites[0].name = '张三的摄影作品集';
    draft.websites[0].accessIps = ['203.0.113.10'];
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${order.id}/draft`,
      headers: { cookie: customer },
      payload: { version: await version(), draft },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const sub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/submit`,
      headers: { cookie: customer },
      payload: { version: saved.json().version },
    });
    assert.equal(sub.statusCode, 200, sub.body);
    const passed = await passInitialReview(t, reviewer, order.id, sub.json().version);
    assert.equal(passed.statusCode, 200, passed.body);
    assert.equal(passed.json().state, 'PENDING_BUREAU', 'T06: the photo was not flagged');
    assert.deepEqual(await deliver(), []);

    await t.orders.transition(order.id, { type: 'BUREAU_APPROVE' }, BUREAU, {
      // what the bureau sync writes into the registry in the same transaction
      inTransaction: async (tx: Tx, { row, now }) => {
        const subjectId = newId();
        const websiteId = newId();
        await tx
          .insertInto('subjects')
          .values({
            id: subjectId,
            account_id: row.account_id,
            subject_key: `k-${subjectId}`,
            subject_type: 'PERSONAL',
            name: '张三',
            province: '广东',
            cert_type: 'RESIDENT_ID',
            cert_number_enc: '-',
            cert_number_masked: '4405**********0014',
            filing_number: '粤ICP备26000003号',
            status: 'FILED',
            data_enc: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await tx
          .insertInto('websites')
          .values({
            id: websiteId,
            subject_id: subjectId,
            name: '张三的摄影作品集',
            filing_number: '粤ICP备26000003号-1',
            status: 'FILED',
            accessed_here: 1,
            access_ip: '203.0.113.10',
            server_id: null,
            data_enc: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await tx
          .insertInto('domains')
          .values({
            id: newId(),
            website_id: websiteId,
            subject_id: subjectId,
            domain: 'example-shop.cn',
            status: 'FILED',
            created_at: now,
          })
          .execute();
      },
    });
    const mails = await deliver();
    assert.equal(mails.length, 2);
    for (const m of mails) {
      assert.match(m.subject, /【备案成功】.*粤ICP备26000003号-1/);
      assert.match(m.text, /主体备案号：粤ICP备26000003号（张三）/);
      assert.match(m.text, /网站「张三的摄影作品集」（example-shop\.cn）：粤ICP备26000003号-1/);
      assert.match(
        m.text,
        /张三 <a href="http:\/\/www\.miitbeian\.gov\.cn" target="_blank" rel="noopener">粤ICP备26000003号-1<\/a>/,
      );
      // approved 2026-11-02 → public-security filing due 30 days later
      assert.match(m.text, /2026-12-02 前/);
      assert.match(m.text, /警告或者停机整顿不超过六个月/);
    }
    const timer = await t.database.db
      .selectFrom('timers')
      .selectAll()
      .where('kind', '=', PSB_REMINDER_TIMER)
      .where('object_id', '=', order.id)
      .executeTakeFirstOrThrow();
    assert.equal(timer.due_at, beijingInstant('2026-11-25', 9).getTime(), '7 days before the due date, 09:00 Beijing');
  });

  it('FAQ-162 R-NTF-016: a curtain dispatch notice names the courier and tracking number, in the language the account chose', async () => {
    const en = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      headers: { cookie: customer },
      payload: { lang: 'en' },
    });
    assert.equal(en.statusCode, 200, en.body);
    assert.equal(
      (
        await t.app.inject({ method: 'GET', url: '/api/v1/notifications/settings', headers: { cookie: customer } })
      ).json().lang,
      'en',
    );
    const dispatch = () =>
      t.database.db.transaction().execute((tx) =>
        t.notifications.notifyCurtainDispatched(
          tx,
          {
            orderId: order.id,
            curtainRequestId: 'c-1',
            courier: '顺丰速运',
            trackingNumber: 'SF1234567890',
            dispatchedOn: '2026-11-02',
          },
          t.clock.now().getTime(),
        ),
      );
    await dispatch();
    await dispatch();
    const mails = await deliver();
    assert.equal(mails.length, 1, 'the account only, once per dispatch');
    assert.deepEqual(mails[0].to, [ACCOUNT]);
    assert.match(mails[0].subject, /\[Curtain dispatched\] Order \d+: 顺丰速运 SF1234567890/);
    assert.match(mails[0].text, /contact 顺丰速运 yourself/);
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      headers: { cookie: customer },
      payload: { lang: 'zh' },
    });
  });

  it('FAQ-075 R-NTF-018 R-ACC-005: a completed filing transfer is mailed to both accounts', async () => {
    const b = await t.accounts.createUser({ email: 'b@example.com', password: 'b-password', role: 'customer' });
    await t.database.db
      .transaction()
      .execute((tx) =>
        t.notifications.notifyFilingTransfer(
          tx,
          { fromAccountId: accountId, toAccountId: b.id, subjectName: '广州示例科技有限公司', transferId: 'tr-1' },
          t.clock.now().getTime(),
        ),
      );
    const mails = await deliver();
    assert.equal(mails.length, 2);
    assert.match(to(mails, ACCOUNT)[0].text, /已转移至账号 1000\*{4}\d{4}/);
    assert.match(to(mails, 'b@example.com')[0].text, /转入您的账号，您现在可以为该主体办理备案/);
  });

  it('FAQ-232 R-NTF-013 R-NTF-020: an approved CANCEL_ACCESS sends the cancel-access notice; an approved CANCEL_WEBSITE a status mail naming the blocked domain', async () => {
    const row = await t.database.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    const draft = personDraft('example-shop.cn') as never;
    for (const type of ['CANCEL_ACCESS', 'CANCEL_WEBSITE'] as const) {
      const d = decide(
        {
          type,
          state: 'PENDING_BUREAU',
          stateEnteredAt: new Date(),
          initiator: 'customer',
          authCodeId: null,
          bureauWorkingDays: 20,
          flags: INITIAL_FLAGS,
          curtainPhotosComplete: false,
          openBlockingViolations: 0,
        },
        { type: 'BUREAU_APPROVE' },
        { role: 'bureau' },
      );
      assert.ok(d.ok);
      const cancelRow: OrderRow = {
        ...row,
        order_type: type,
        version: row.version + (type === 'CANCEL_ACCESS' ? 10 : 20),
      };
      await t.database.db.transaction().execute((tx) =>
        t.notifications.notify(tx, {
          row: cancelRow,
          decision: d,
          draft,
          actor: BUREAU,
          now: t.clock.now().getTime(),
        }),
      );
    }
    const mails = to(await deliver(), ACCOUNT);
    assert.equal(mails.length, 2);
    const cancelAccess = mails.find((m) => /【取消接入成功】/.test(m.subject));
    const cancelWebsite = mails.find((m) => /【备案进度同步】.*注销成功/.test(m.subject));
    assert.ok(cancelAccess && cancelWebsite, mails.map((m) => m.subject).join(' / '));
    assert.match(cancelAccess.text, /example-shop\.cn（粤ICP备26000003号-1）/);
    assert.match(cancelAccess.text, /该网站的工信部备案号仍然存在/);
    assert.match(cancelWebsite.text, /以下域名已停止在.*访问：example-shop\.cn/);
  });

  it("FAQ-172 R-NTF-017: a photo uploaded by photo-point staff is reported to the customer; the customer's own upload is not", async () => {
    const row = await t.database.db
      .selectFrom('orders')
      .selectAll()
      .where('id', '=', order.id)
      .executeTakeFirstOrThrow();
    const d = decide(
      {
        type: 'FIRST',
        state: 'PHOTO_PENDING',
        stateEnteredAt: new Date(),
        initiator: 'customer',
        authCodeId: null,
        bureauWorkingDays: 20,
        flags: INITIAL_FLAGS,
        curtainPhotosComplete: false,
        openBlockingViolations: 0,
      },
      { type: 'UPLOAD_PHOTO' },
      { role: 'photo_agent' },
    );
    assert.ok(d.ok);
    // the transition table does not list R-NTF-017 for UPLOAD_PHOTO yet; this is the decision once it does
    const decision = { ...d, notify: ['R-NTF-017'] as never };
    const draft = personDraft('example-shop.cn') as never;
    for (const [actor, v] of [
      [{ id: 'agent', role: 'photo_agent' as const }, 30],
      [{ id: accountId, role: 'customer' as const }, 31],
    ] as const)
      await t.database.db.transaction().execute((tx) =>
        t.notifications.notify(tx, {
          row: { ...row, version: row.version + v },
          decision,
          draft,
          actor,
          now: t.clock.now().getTime(),
        }),
      );
    const mails = await deliver();
    assert.equal(mails.length, 1);
    assert.deepEqual(mails[0].to, [ACCOUNT]);
    assert.match(mails[0].text, /拍照点工作人员已于 .*将幕布照片上传至您的订单/);
  });

  it('worker: a 451 on the first attempt is retried after the backoff, with the same Message-ID, and delivered once', async () => {
    refuse.policy = (_id, attempt) => (attempt === 1 ? 451 : null);
    try {
      await t.database.db
        .transaction()
        .execute((tx) =>
          t.notifications.notifyAccount(
            tx,
            { accountId, template: 'R-NTF-015', payload: { domain: 'example-exp.cn' }, eventKey: 'retry-test' },
            t.clock.now().getTime(),
          ),
        );
      assert.deepEqual(await deliver(), []);
      const row = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('event_ref', 'like', '%|retry-test|%')
        .executeTakeFirstOrThrow();
      assert.equal(row.status, 'failed');
      assert.equal(row.attempts, 1);
      assert.match(row.last_error ?? '', /451/);
      assert.equal(row.next_attempt_at, t.clock.now().getTime() + 60_000, 'first retry after one minute');
      t.clock.advance(59_000);
      assert.deepEqual(await deliver(), [], 'not before the backoff');
      t.clock.advance(1_000);
      const mails = await deliver();
      assert.equal(mails.length, 1);
      assert.equal(mails[0].outboxId, row.id);
      assert.deepEqual(sink.attempts.filter((m) => m === mails[0].messageId).length, 2, 'refused once, accepted once');
      const sent = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow();
      assert.equal(sent.status, 'sent');
      assert.equal(sent.attempts, 2);
      assert.equal(sent.sent_at, t.clock.now().getTime());
    } finally {
      refuse.policy = null;
    }
  });

  it('worker: a permanent refusal (550) goes dead at once; an admin sees it masked and can queue it again', async () => {
    refuse.policy = () => 550;
    let id: string;
    try {
      await t.database.db
        .transaction()
        .execute((tx) =>
          t.notifications.notifyAccount(
            tx,
            { accountId, template: 'R-NTF-015', payload: { domain: 'example-dead.cn' }, eventKey: 'dead-test' },
            t.clock.now().getTime(),
          ),
        );
      assert.deepEqual(await deliver(), []);
      const row = await t.database.db
        .selectFrom('outbox')
        .selectAll()
        .where('event_ref', 'like', '%|dead-test|%')
        .executeTakeFirstOrThrow();
      id = row.id;
      assert.equal(row.status, 'dead');
      assert.equal(row.attempts, 1);
    } finally {
      refuse.policy = null;
    }
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/outbox?status=dead',
      headers: { cookie: admin },
    });
    assert.equal(list.statusCode, 200, list.body);
    const entry = list.json().find((r: { id: string }) => r.id === id);
    assert.equal(entry.to, 'z***g@example.com');
    assert.equal(entry.template, 'R-NTF-015');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: { cookie: customer } })).statusCode,
      403,
    );
    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/outbox/${id}/retry`,
      headers: { cookie: admin },
    });
    assert.equal(retry.statusCode, 200, retry.body);
    const mails = await deliver();
    assert.equal(mails.length, 1);
    assert.match(mails[0].subject, /example-dead\.cn/);
    assert.equal(
      (await t.app.inject({ method: 'POST', url: `/api/v1/admin/outbox/${id}/retry`, headers: { cookie: admin } }))
        .statusCode,
      409,
      'a sent row is not retried',
    );
  });

  it('worker: after the maximum number of attempts a row goes dead', async () => {
    refuse.policy = () => 421;
    try {
      const w = createNotificationWorker({
        database: t.database,
        clock: t.clock,
        outbox: t.notifications.outbox,
        env: t.notifications.env,
        from: t.config.MAIL_FROM,
        mailer: smtpMailer(sink.url),
        sms: loggingSmsSender(silent),
        maxAttempts: 3,
        baseDelayMs: 1_000,
      });
      await t.database.db
        .transaction()
        .execute((tx) =>
          t.notifications.notifyAccount(
            tx,
            { accountId, template: 'R-NTF-015', payload: { domain: 'example-max.cn' }, eventKey: 'max-test' },
            t.clock.now().getTime(),
          ),
        );
      const statuses: string[] = [];
      for (let i = 0; i < 4; i++) {
        await w.runDue();
        const r = await t.database.db
          .selectFrom('outbox')
          .selectAll()
          .where('event_ref', 'like', '%|max-test|%')
          .executeTakeFirstOrThrow();
        statuses.push(`${r.status}/${r.attempts}`);
        t.clock.advance(10_000);
      }
      await w.stop();
      assert.deepEqual(statuses, ['failed/1', 'failed/2', 'dead/3', 'dead/3']);
    } finally {
      refuse.policy = null;
    }
  });

  it('worker: two workers running at once never send one message twice', async () => {
    const now = t.clock.now().getTime();
    await t.database.db.transaction().execute(async (tx) => {
      for (let i = 0; i < 24; i++)
        await t.notifications.notifyAccount(
          tx,
          { accountId, template: 'R-NTF-015', payload: { domain: `race-${i}.cn` }, eventKey: `race-${i}` },
          now,
        );
    });
    const make = () =>
      createNotificationWorker({
        database: t.database,
        clock: t.clock,
        outbox: t.notifications.outbox,
        env: t.notifications.env,
        from: t.config.MAIL_FROM,
        mailer: smtpMailer(sink.url),
        sms: loggingSmsSender(silent),
        batch: 5,
      });
    const [a, b] = [make(), make()];
    const before = sink.attempts.length;
    const [ra, rb] = await Promise.all([a.runDue(), b.runDue()]);
    await Promise.all([a.stop(), b.stop()]);
    assert.equal(ra.sent + rb.sent, 24);
    const delivered = sink.attempts.slice(before);
    assert.equal(delivered.length, 24, 'no message reached the server twice');
    assert.equal(new Set(delivered).size, 24);
    const left = await t.database.db
      .selectFrom('outbox')
      .select('id')
      .where('event_ref', 'like', '%|race-%')
      .where('status', '!=', 'sent')
      .execute();
    assert.deepEqual(left, []);
    await deliver(); // keep the running index in step
  });

  it('R-NTF-008 R-NTF-009: SMS go through the SmsSender port; the logging sender masks the number and hides codes', async () => {
    const lines: { obj: Record<string, unknown>; msg: string }[] = [];
    const log: NotificationLog = {
      info: (obj, msg) => lines.push({ obj: obj as Record<string, unknown>, msg }),
      warn() {},
      error() {},
    };
    const now = t.clock.now().getTime();
    await t.database.db.transaction().execute(async (tx) => {
      await t.notifications.notifyPerson(
        tx,
        {
          mobile: '13800138000',
          template: 'R-NTF-008',
          payload: { orderNo: order.orderNo, hotline: '4009-100-100' },
          eventKey: 'call-1',
        },
        now,
      );
      await t.notifications.notifyPerson(
        tx,
        {
          mobile: '13800138000',
          email: PRINCIPAL,
          template: 'R-NTF-009',
          payload: { code: '482913', ttlMinutes: 5 },
          eventKey: 'code-1',
        },
        now,
      );
    });
    const w = createNotificationWorker({
      database: t.database,
      clock: t.clock,
      outbox: t.notifications.outbox,
      env: t.notifications.env,
      from: t.config.MAIL_FROM,
      mailer: null,
      sms: loggingSmsSender(log),
    });
    const r = await w.runDue();
    assert.equal(r.sent, 2, 'R-NTF-009 has no email form, so only SMS rows exist');
    assert.equal(lines.length, 2);
    for (const l of lines) {
      assert.equal(l.obj.to, '138****8000');
      assert.doesNotMatch(JSON.stringify(l.obj), /13800138000/);
    }
    assert.match(String(lines.find((l) => l.obj.template === 'R-NTF-008')?.obj.text), /再适时拨打一次/);
    assert.equal(lines.find((l) => l.obj.template === 'R-NTF-009')?.obj.text, '[secret]');
    const code = await t.database.db
      .selectFrom('outbox')
      .select('payload')
      .where('template', '=', 'R-NTF-009')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      t.notifications.outbox.decodePayload({
        id: (
          await t.database.db
            .selectFrom('outbox')
            .select('id')
            .where('template', '=', 'R-NTF-009')
            .executeTakeFirstOrThrow()
        ).id,
        payload: code.payload,
      }),
      { redacted: true },
      'a delivered code is not kept',
    );
  });

  it('outbox: a transition that rolls back after writing its notifications leaves nothing in the outbox', async () => {
    const c = await customerWithServer(t, 'rollback@example.com', '203.0.113.20');
    const pii = loadPiiCrypto(t.config, { ephemeral: true });
    let crash = true;
    const orders = createOrdersService({
      database: t.database,
      clock: t.clock,
      calendar: t.calendar,
      pii,
      authCodes: t.authCodes,
      checkDraft: createDraftChecker(t.database, t.provinceRules.source),
      syncDelayMinutes: 0,
      notify: async (tx, ctx) => {
        await t.notifications.notify(tx, ctx);
        if (crash) throw new Error('crash after the outbox write');
      },
    });
    const actor = { id: c.user.id, role: 'customer' as const };
    const created = await orders.create(actor, {
      subject: {
        type: 'PERSONAL',
        certificateType: 'RESIDENT_ID',
        certificateNumber: '11010519491231002X',
        name: '王五',
      },
      province: '广东',
      domains: ['rollback-site.cn'],
    });
    const d = personDraft('rollback-site.cn');
    d.subject.name = '王五';
    d.subject.certificateNumber = '11010519491231002X';
    d.subjectPrincipal = {
      ...d.subjectPrincipal,
      name: '王五',
      certificateNumber: '11010519491231002X',
      email: 'wangwu@example.com',
    };
    d.websites[0].name = '王五的博客';
    d.websites[0].principal = d.subjectPrincipal;
    d.websites[0].accessIps = ['203.0.113.20'];
    const saved = await orders.saveDraft(actor, created.id, 1, d as never);
    const sub = await orders.submit(actor, created.id, saved.version);
    const reviewerActor = { id: 'r-1', role: 'reviewer' as const };
    const reject = () =>
      orders.transition(created.id, { type: 'INITIAL_REJECT', reasons: ['WEBSITE_NAME_INVALID'] }, reviewerActor, {
        expectedVersion: sub.version,
        rejection: [{ code: 'WEBSITE_NAME_INVALID', field: 'websites[0].name', message: '名称不规范' }],
      });
    await assert.rejects(reject(), /crash after the outbox write/);
    const rows = () =>
      t.database.db
        .selectFrom('outbox')
        .select('id')
        .where('event_ref', 'like', `${c.user.id}|order:${created.id}:%`)
        .execute();
    assert.deepEqual(await rows(), []);
    assert.equal(
      (await t.database.db.selectFrom('orders').select('state').where('id', '=', created.id).executeTakeFirstOrThrow())
        .state,
      'PENDING_INITIAL_REVIEW',
    );
    crash = false;
    await reject();
    assert.equal((await rows()).length, 2, 'account and subject principal');
    await deliver();
  });

  it('R-EXT-001: seven days before the public-security filing is due, the reminder timer mails the account', async () => {
    t.clock.set(beijingInstant('2026-11-25', 9));
    await t.timers.runDue();
    const mails = await deliver();
    const psb = mails.filter((m) => /公安备案提醒/.test(m.subject));
    assert.equal(psb.length, 1);
    assert.deepEqual(psb[0].to, [ACCOUNT]);
    assert.match(psb[0].subject, /请在 2026-12-02 前完成公安备案/);
    assert.match(psb[0].text, /example-shop\.cn/);
    assert.match(psb[0].text, /https:\/\/beian\.mps\.gov\.cn\//);
  });
});

describe(`notification timers (${testBackend})`, () => {
  const refuse = { policy: null };
  let sink: SmtpSink;
  let t: TestApp;
  let deliver: () => Promise<ReceivedMail[]>;

  before(async () => {
    ({ sink, t, deliver } = await setup('2026-11-02T09:00:00+08:00', refuse));
  });
  after(async () => {
    await t.close();
    await sink.close();
  });

  it('FAQ-182 R-NTF-010 R-ACC-013: a server expiring within 7 days gets one renewal reminder; its expiry flags the order and sends the expiry notice', async () => {
    const c = await customerWithServer(t, 's15@example.com', '203.0.113.15', {
      name: 'S15',
      purchasedAt: '2026-08-07',
      prepaidMonths: 3,
      expiresAt: '2026-11-07',
    });
    const o = await submittedOrder(t, c.cookie, 'example-s15.cn', '203.0.113.15');
    await t.database.db
      .insertInto('timers')
      .values({
        id: newId(),
        kind: SERVER_WARNING_SWEEP,
        object_id: 'servers',
        due_at: t.clock.now().getTime(),
        payload: null,
        lease_until: null,
        lease_owner: null,
        attempts: 0,
        done_at: null,
        last_error: null,
        calendar_version: null,
        created_at: t.clock.now().getTime(),
      })
      .execute();
    await t.timers.runDue();
    let mails = await deliver();
    assert.equal(mails.length, 2, 'account and subject principal');
    assert.match(mails[0].subject, new RegExp(`【续费提醒】订单 ${o.orderNo} 的接入服务器将于 2026-11-07 到期`));
    assert.match(mails[0].text, /会影响备案审批/);
    // the sweep reschedules itself daily; the same expiry date is not reported twice
    t.clock.set(beijingInstant('2026-11-03', 9));
    await t.timers.runDue();
    assert.deepEqual(await deliver(), []);
    const next = await t.database.db
      .selectFrom('timers')
      .select('due_at')
      .where('kind', '=', SERVER_WARNING_SWEEP)
      .where('done_at', 'is', null)
      .executeTakeFirstOrThrow();
    assert.equal(next.due_at, beijingInstant('2026-11-04', 9).getTime());

    // 2026-11-07: the server expires; the filings sweep flags the order (T23), which sends the expiry notice
    t.clock.set(beijingInstant('2026-11-07', 9));
    await t.timerHandlers.SERVER_EXPIRY_SWEEP({
      id: 'x',
      kind: 'SERVER_EXPIRY_SWEEP',
      object_id: 'servers',
      due_at: 0,
      payload: null,
      attempts: 1,
    });
    mails = await deliver();
    assert.equal(mails.length, 2);
    assert.match(mails[0].subject, /接入服务器已到期/);
    assert.match(mails[0].text, /已于 2026-11-07 到期/);
    assert.match(mails[0].text, /无效服务器/);
  });

  it('R-NTF-011 R-ORD-026: 38 days into a step the customer is warned of the expiry date', async () => {
    const c = await customerWithServer(t, 'idle@example.com', '203.0.113.16');
    const start = t.clock.now().getTime();
    const o = await submittedOrder(t, c.cookie, 'example-idle.cn', '203.0.113.16', undefined, 2);
    t.clock.set(new Date(start + 38 * 86_400_000 + 60_000));
    await t.timers.runDue();
    const mails = (await deliver()).filter((m) => m.subject.includes(o.orderNo));
    assert.equal(mails.length, 2);
    assert.match(mails[0].subject, /【订单即将失效】/);
    // the order entered PENDING_INITIAL_REVIEW on 2026-11-07 09:00 Beijing (the clock of the test before)
    assert.equal(start, beijingInstant('2026-11-07', 9).getTime());
    assert.match(mails[0].text, /在“初审中”步骤已停留较长时间/);
    assert.match(mails[0].text, /订单将于 2026-12-22 09:00（北京时间）失效/);
  });
});

describe(`culture licence reminders (${testBackend})`, () => {
  const refuse = { policy: null };
  let sink: SmtpSink;
  let t: TestApp;
  let deliver: () => Promise<ReceivedMail[]>;

  before(async () => {
    ({ sink, t, deliver } = await setup('2018-01-10T10:00:00+08:00', refuse));
  });
  after(async () => {
    await t.close();
    await sink.close();
  });

  it('FAQ-270 R-NTF-019 R-EXT-011: a licence expiring 2021-01-10 is reminded at 60 working days before, and again on the expiry date', async () => {
    const u = await t.accounts.createUser({ email: 'game@example.com', password: 'game-password', role: 'customer' });
    const { renewalAt } = await t.database.db.transaction().execute((tx) =>
      t.notifications.scheduleCultureLicenceReminders(
        tx,
        t.calendar,
        {
          accountId: u.id,
          objectId: 'website-1',
          licenceNumber: '粤网文〔2018〕0001-001号',
          expiresOn: '2021-01-10',
          websiteName: '示例游戏',
          domain: 'example-game.cn',
        },
        t.clock.now().getTime(),
      ),
    );
    const renewalDay = t.calendar.addWorkingDays('2021-01-10', -60);
    // the 60th working day before the expiry date (2021-01-10 is a Sunday)
    assert.equal(t.calendar.workingDaysBetween('2021-01-10', renewalDay), -60);
    assert.equal(renewalAt, beijingInstant(renewalDay, 9).getTime());
    const timers = await t.database.db
      .selectFrom('timers')
      .select('due_at')
      .where('kind', '=', CULTURE_LICENCE_TIMER)
      .orderBy('due_at')
      .execute();
    assert.deepEqual(
      timers.map((x) => x.due_at),
      [renewalAt, beijingInstant('2021-01-10', 9).getTime()],
    );

    t.clock.set(new Date(renewalAt - 60_000));
    await t.timers.runDue();
    assert.deepEqual(await deliver(), [], 'not before the 60th working day');
    t.clock.set(new Date(renewalAt));
    await t.timers.runDue();
    const [renewal, ...rest] = await deliver();
    assert.deepEqual(rest, []);
    assert.match(renewal.subject, /【文网文续期提醒】许可证 粤网文〔2018〕0001-001号 将于 2021-01-10 到期/);
    assert.match(renewal.text, /60 个工作日内办理续延手续/);

    t.clock.set(beijingInstant('2021-01-10', 9));
    await t.timers.runDue();
    const [expired] = await deliver();
    assert.match(expired.subject, /【文网文已过期】/);
    assert.match(expired.text, /过期后就不再有效/);
  });
});
