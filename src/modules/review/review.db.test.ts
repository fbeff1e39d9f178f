import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { orderVersion, signInAs, submittedOrder, usersByRole } from './test-support.ts';
import { testPerson } from '../../../test/support/drafts.ts';

const ENV = { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' };
const HOUR = 3_600_000;

describe(`review back office over HTTP (${testBackend})`, () => {
  let t: TestApp;
  let who: Awaited<ReturnType<typeof usersByRole>>;
  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00', env: ENV });
    who = await usersByRole(t);
  });
  after(() => t.close());

  const post = (cookie: string, url: string, payload: unknown) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });
  const get = (cookie: string, url: string) => t.app.inject({ method: 'GET', url, headers: { cookie } });

  it('R-ORD-017 R-ORD-018: the initial queue shows the order with its SLA clock in working days and its call count', async () => {
    const o = await submittedOrder(t, 1);
    const r = await get(who.reviewer, '/api/v1/review/queues/initial');
    assert.equal(r.statusCode, 200, r.body);
    const row = r.json().find((x: { id: string }) => x.id === o.id);
    assert.ok(row, 'the submitted order is queued');
    assert.equal(row.orderNo, o.orderNo);
    assert.equal(row.subjectName, '张*', 'lists mask personal names');
    assert.deepEqual(row.domains, [o.domain]);
    // submitted Monday 2026-11-02: 1 working day → due at the end of Tuesday 11-03
    assert.equal(row.sla.startedOn, '2026-11-02');
    assert.equal(row.sla.dueOn, '2026-11-03');
    assert.equal(row.sla.elapsedWorkingDays, 0);
    assert.equal(row.sla.breached, false);
    assert.deepEqual(row.calls, { attempts: 0, failed: 0, reached: false });

    const other = await get(who.reviewer, '/api/v1/review/queues/initial?province=北京');
    assert.equal(
      other.json().some((x: { id: string }) => x.id === o.id),
      false,
      'the province filter excludes it',
    );
    const typed = await get(who.reviewer, '/api/v1/review/queues/initial?type=FIRST&minAgeDays=0');
    assert.ok(typed.json().some((x: { id: string }) => x.id === o.id));
    const bad = await get(who.reviewer, '/api/v1/review/queues/initial?province=Atlantis');
    assert.equal(bad.statusCode, 400);
  });

  it('FAQ R-ORD-018 R-NTF-008: two missed confirmation calls (2 hours apart) reject the order as CONFIRMATION_CALL_UNREACHED', async () => {
    const o = await submittedOrder(t, 2);
    const url = `/api/v1/review/orders/${o.id}/calls`;

    const approveEarly = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/approve`, {
      version: o.version,
    });
    assert.equal(approveEarly.statusCode, 422, approveEarly.body);
    assert.equal(approveEarly.json().reason, 'CONFIRMATION_CALL_REQUIRED');

    const first = await post(who.reviewer, url, { outcome: 'unreached', note: '无人接听' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().call.attempt, 1);
    assert.equal(first.json().status.failedInRound, 1);
    assert.equal(first.json().autoRejection, null);

    const sms = await t.database.db
      .selectFrom('outbox')
      .selectAll()
      .where('template', '=', 'R-NTF-008')
      .where('event_ref', 'like', `%review_call:${first.json().call.id}%`)
      .execute();
    assert.equal(sms.length, 1, 'R-NTF-008: one SMS after the missed call');
    assert.equal(sms[0].channel, 'sms');
    assert.equal(t.notifications.outbox.decodeRecipient(sms[0]), testPerson(2).mobile);
    assert.notEqual(sms[0].recipient, testPerson(2).mobile, 'the number is stored encrypted');
    assert.equal((t.notifications.outbox.decodePayload(sms[0]) as { attempt: number }).attempt, 1);

    const tooSoon = await post(who.reviewer, url, { outcome: 'unreached' });
    assert.equal(tooSoon.statusCode, 409, tooSoon.body);
    assert.equal(tooSoon.json().reason, 'CALL_RETRY_TOO_SOON');

    const manual = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/reject`, {
      version: o.version,
      reasons: [{ code: 'CONFIRMATION_CALL_UNREACHED', field: 'subjectPrincipal.mobile', message: '未接通' }],
    });
    assert.equal(manual.statusCode, 422, 'one missed call does not allow the unreachable rejection');
    assert.equal(manual.json().reason, 'CALL_ATTEMPTS_REQUIRED');

    t.clock.advance(2 * HOUR);
    const second = await post(who.reviewer, url, { outcome: 'unreached' });
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json().call.attempt, 2);
    assert.deepEqual(second.json().autoRejection.ok, true, second.body);
    assert.equal(second.json().autoRejection.state, 'INITIAL_REJECTED');

    const order = (await get(o.cookie, `/api/v1/orders/${o.id}`)).json();
    assert.equal(order.state, 'INITIAL_REJECTED');
    assert.equal(order.rejection.reasons.length, 1);
    assert.equal(order.rejection.reasons[0].code, 'CONFIRMATION_CALL_UNREACHED');
    assert.equal(order.rejection.reasons[0].field, 'subjectPrincipal.mobile');
    assert.match(order.rejection.reasons[0].fix, /重新提交/);

    const outbox = await t.database.db.selectFrom('outbox').selectAll().where('template', '=', 'R-NTF-008').execute();
    assert.equal(
      outbox.filter((x) => x.event_ref?.includes(`review_call:${second.json().call.id}`)).length,
      0,
      'no "we will call again" SMS after the call that rejects',
    );

    const page = await get(who.reviewer, `/api/v1/review/orders/${o.id}`);
    assert.equal(page.statusCode, 200, page.body);
    const p = page.json();
    assert.deepEqual(
      p.calls.attempts.map((c: { attempt: number; outcome: string }) => [c.attempt, c.outcome]),
      [
        [1, 'unreached'],
        [2, 'unreached'],
      ],
    );
    assert.equal(p.calls.attempts[0].callee, `138****${testPerson(2).mobile.slice(-4)}`);
    assert.deepEqual(
      p.timeline.filter((e: { kind: string }) => e.kind === 'call').map((e: { attempt: number }) => e.attempt),
      [1, 2],
      'calls appear in the trail',
    );
    assert.equal(p.rejections.length, 1);
    assert.equal(p.rejections[0].reasons[0].code, 'CONFIRMATION_CALL_UNREACHED');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_id', '=', o.id)
      .where('action', '=', 'review.call_logged')
      .execute();
    assert.equal(audit.length, 2, 'each attempt is audited');

    const afterReject = await post(who.reviewer, url, { outcome: 'reached' });
    assert.equal(afterReject.statusCode, 409, 'no calls outside initial review');
    assert.equal(afterReject.json().reason, 'CALL_NOT_IN_INITIAL_REVIEW');
  });

  it('R-REJ-001 R-REJ-007: rejection reasons must come from the catalogue, fit the step and name a field of this order', async () => {
    const o = await submittedOrder(t, 3);
    const reject = (reasons: unknown[]) =>
      post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/reject`, { version: o.version, reasons });
    const cases: [string, unknown, string, string][] = [
      [
        'unknown code',
        { code: 'NOT_A_REASON', field: 'subject.name', message: 'x' },
        'UNKNOWN_REASON_CODE',
        'reasons[0].code',
      ],
      [
        're-review code at initial review',
        { code: 'CURTAIN_NOT_PROVIDER', field: 'materials', message: 'x' },
        'REASON_NOT_FOR_STAGE',
        'reasons[0].code',
      ],
      [
        'no such field',
        { code: 'SUBJECT_INFO_INCOMPLETE', field: 'subject.shoeSize', message: 'x' },
        'UNKNOWN_FIELD',
        'reasons[0].field',
      ],
      [
        'field outside the reason',
        { code: 'WEBSITE_NAME_INVALID', field: 'subject.name', message: 'x' },
        'FIELD_NOT_FOR_REASON',
        'reasons[0].field',
      ],
      [
        'index beyond the order',
        { code: 'WEBSITE_NAME_INVALID', field: 'websites[3].name', message: 'x' },
        'UNKNOWN_FIELD',
        'reasons[0].field',
      ],
    ];
    for (const [name, reason, code, field] of cases) {
      const r = await reject([reason]);
      assert.equal(r.statusCode, 400, `${name}: ${r.body}`);
      assert.equal(r.json().reason, code, name);
      assert.equal(r.json().errors[0].field, field, name);
    }
    assert.equal(
      (await get(o.cookie, `/api/v1/orders/${o.id}`)).json().state,
      'PENDING_INITIAL_REVIEW',
      'nothing changed',
    );
    const catalogue = await get(who.reviewer, '/api/v1/review/rejection-reasons?stage=initial');
    assert.equal(catalogue.statusCode, 200);
    const entry = catalogue.json().find((c: { code: string }) => c.code === 'SITE_OPEN_BEFORE_FILING');
    assert.deepEqual(entry.fields, ['websites[].domains']);
    assert.ok(entry.rules.includes('R-PRE-014'));
    assert.match(entry.fix.zh, /网站正在建设中/);
    assert.equal(
      catalogue.json().some((c: { code: string }) => c.code === 'CURTAIN_NOT_PROVIDER'),
      false,
      'photo reasons are not offered at initial review',
    );
  });

  it('FAQ R-REJ-001 R-REJ-002 R-ORD-018: one missed and one reached call, a rejection with two field-level reasons, then the resubmission with its diff is approved', async () => {
    const o = await submittedOrder(t, 4);
    const calls = `/api/v1/review/orders/${o.id}/calls`;
    assert.equal((await post(who.reviewer, calls, { outcome: 'unreached' })).statusCode, 201);
    // the principal calls back within the hour: a reached call has no waiting time
    t.clock.advance(HOUR / 2);
    const reached = await post(who.reviewer, calls, { outcome: 'reached', note: '本人确认' });
    assert.equal(reached.statusCode, 201, reached.body);
    assert.equal(reached.json().status.confirmed, true);

    const rej = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/reject`, {
      version: o.version,
      note: '请修改后重新提交',
      reasons: [
        {
          code: 'WEBSITE_NAME_INVALID',
          field: 'websites[0].name',
          message: '网站名称不能为「张三的技术博客」以外的描述性词语',
        },
        {
          code: 'SUBJECT_INFO_INCOMPLETE',
          field: 'subject.communicationAddress.detail',
          message: '通信地址需详细到门牌号',
        },
      ],
    });
    assert.equal(rej.statusCode, 200, rej.body);
    assert.equal(rej.json().state, 'INITIAL_REJECTED');

    const seen = (await get(o.cookie, `/api/v1/orders/${o.id}`)).json();
    assert.deepEqual(
      seen.rejection.reasons.map((r: { code: string; field: string }) => [r.code, r.field]),
      [
        ['WEBSITE_NAME_INVALID', 'websites[0].name'],
        ['SUBJECT_INFO_INCOMPLETE', 'subject.communicationAddress.detail'],
      ],
      'the customer sees each reason at its field',
    );
    assert.match(seen.rejection.reasons[0].fix, /命名规则/, 'R-REJ-008: the catalogue remedy is filled in');

    // the customer reopens, edits the two flagged fields and resubmits (R-REJ-002)
    let v = seen.version;
    const revoke = await post(o.cookie, `/api/v1/orders/${o.id}/revoke`, { version: v });
    assert.equal(revoke.statusCode, 200, revoke.body);
    v = revoke.json().version;
    const draft = structuredClone(o.draft);
    draft.websites[0].name = '张三技术分享';
    draft.subject.communicationAddress.detail = '科技园路1号2栋301室';
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${o.id}/draft`,
      headers: { cookie: o.cookie },
      payload: { version: v, draft },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const resub = await post(o.cookie, `/api/v1/orders/${o.id}/submit`, { version: saved.json().version });
    assert.equal(resub.statusCode, 200, resub.body);

    const page = (await get(who.reviewer, `/api/v1/review/orders/${o.id}`)).json();
    assert.equal(page.stage, 'initial');
    assert.equal(page.rejections.length, 1);
    assert.equal(page.rejections[0].note, '请修改后重新提交');
    assert.deepEqual(
      page.diff.changes.map((c: { path: string; flaggedBy: string[] }) => [c.path, c.flaggedBy]),
      [
        ['subject.communicationAddress.detail', ['SUBJECT_INFO_INCOMPLETE']],
        ['websites[0].name', ['WEBSITE_NAME_INVALID']],
      ],
    );
    assert.equal(page.diff.changes[1].before, '张三的技术博客');
    assert.equal(page.diff.changes[1].after, '张三技术分享');
    assert.ok(page.diff.flagged.every((f: { changed: boolean }) => f.changed));
    assert.equal(page.calls.status.confirmed, true, 'the principal reached in the first round is still the principal');
    assert.equal(page.decision.canApprove, true, JSON.stringify(page.decision.blockers));
    const checklistIds = page.checklist.items.map((i: { id: string }) => i.id);
    for (const id of ['R-ORD-018', 'R-ACC-013', 'R-SUB-007', 'R-PRE-012', 'R-PRE-014'])
      assert.ok(checklistIds.includes(id), id);

    const ok = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/approve`, {
      version: resub.json().version,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().state, 'PHOTO_PENDING');
  });

  it('R-PRV-001: an admin province-rule override is applied by the next check, the review checklist and the approval guard', async () => {
    const o = await submittedOrder(t, 5);
    await post(who.reviewer, `/api/v1/review/orders/${o.id}/calls`, { outcome: 'reached' });
    const before = (await get(who.reviewer, `/api/v1/review/orders/${o.id}`)).json();
    assert.equal(
      before.checklist.items.find((i: { id: string }) => i.id === 'R-PRV-013').status,
      'pass',
      '广东 has no whitelist',
    );

    const invalid = await post(who.admin, '/api/v1/admin/province-overrides', {
      province: '广东',
      key: 'allowedSuffixes',
      value: ['com'],
      effectiveFrom: '2026-11-02',
      source: '测试',
    });
    assert.equal(invalid.statusCode, 400, invalid.body);
    assert.equal(invalid.json().reason, 'PROVINCE_OVERRIDE_INVALID');

    const created = await post(who.admin, '/api/v1/admin/province-overrides', {
      province: '广东',
      key: 'allowedSuffixes',
      value: { suffixes: ['com'], anyChineseSuffix: false },
      effectiveFrom: '2026-11-02',
      source: '粤通管〔2026〕1号（测试）',
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().revision, 1);

    const page = (await get(who.reviewer, `/api/v1/review/orders/${o.id}`)).json();
    const item = page.checklist.items.find((i: { id: string }) => i.id === 'R-PRV-013');
    assert.equal(item.status, 'fail');
    assert.equal(item.violations[0].code, 'SUFFIX_NOT_ALLOWED_IN_PROVINCE');
    assert.match(page.checklist.ruleSetVersion, /\+[0-9a-f]{8}$/, 'the rule-set version names the override');
    const approve = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/approve`, { version: o.version });
    assert.equal(approve.statusCode, 422, approve.body);
    assert.equal(approve.json().reason, 'REVIEW_CHECKLIST_OPEN');
    assert.equal(approve.json().errors[0].code, 'SUFFIX_NOT_ALLOWED_IN_PROVINCE');

    // the customer's own next check (a new order in 广东) sees it too
    const c = await submittedOrder(t, 6, { domain: 'review-site-6.com' }).catch((e: Error) => e);
    assert.ok(!(c instanceof Error), '.com stays allowed');
    const refused = await submittedOrder(t, 7).catch((e: Error) => e);
    assert.ok(refused instanceof Error && /SUFFIX_NOT_ALLOWED_IN_PROVINCE/.test(refused.message), String(refused));

    const future = await post(who.admin, '/api/v1/admin/province-overrides', {
      province: '广东',
      key: 'allowedSuffixes',
      value: null,
      effectiveFrom: '2026-12-01',
      source: '撤销（测试）',
    });
    assert.equal(future.statusCode, 201);
    assert.equal(future.json().revision, 2);
    const rules = (await get(who.admin, '/api/v1/admin/province-rules?date=2026-12-01')).json();
    assert.equal(rules.table['广东'].allowedSuffixes, null, 'in force from its date');
    const now = (await get(who.admin, '/api/v1/admin/province-rules')).json();
    assert.deepEqual(now.table['广东'].allowedSuffixes, { suffixes: ['com'], anyChineseSuffix: false });

    const delInForce = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/province-overrides/${created.json().id}`,
      headers: { cookie: who.admin },
    });
    assert.equal(delInForce.statusCode, 409);
    assert.equal(delInForce.json().reason, 'OVERRIDE_IN_FORCE');
    const delFuture = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/province-overrides/${future.json().id}`,
      headers: { cookie: who.admin },
    });
    assert.equal(delFuture.statusCode, 200, delFuture.body);

    // and it is undone by a new override in force today, after which the order can pass
    const undo = await post(who.admin, '/api/v1/admin/province-overrides', {
      province: '广东',
      key: 'allowedSuffixes',
      value: null,
      effectiveFrom: '2026-11-02',
      source: '恢复（测试）',
    });
    assert.equal(undo.statusCode, 201);
    const v = await orderVersion(t, who.reviewer, o.id);
    const ok = await post(who.reviewer, `/api/v1/orders/${o.id}/initial-review/approve`, { version: v });
    assert.equal(ok.statusCode, 200, ok.body);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('object_type', '=', 'province_override')
      .execute();
    assert.deepEqual(audit.map((a) => a.action).sort(), [
      'province_override.created',
      'province_override.created',
      'province_override.created',
      'province_override.withdrawn',
    ]);
  });

  it('R-ORD-035 R-ORD-017: a calendar override rebuilds the working-day calendar and moves the SLA clocks', async () => {
    const o = await submittedOrder(t, 8);
    const dueOn = async () =>
      (await get(who.reviewer, '/api/v1/review/queues/initial')).json().find((x: { id: string }) => x.id === o.id).sla
        .dueOn;
    assert.equal(await dueOn(), '2026-11-03');
    const add = await post(who.admin, '/api/v1/admin/calendar/overrides', {
      date: '2026-11-03',
      kind: 'holiday',
      name: '临时休假（测试）',
      source: '测试通知',
    });
    assert.equal(add.statusCode, 201, add.body);
    assert.equal(t.calendar.isWorkingDay('2026-11-03'), false, 'beian.calendar is the rebuilt one');
    assert.equal(await dueOn(), '2026-11-04');
    // the durable SLA timer computed under the old calendar moved with it (it would otherwise fire a day early)
    const slaTimers = async () =>
      (
        await t.database.db
          .selectFrom('timers')
          .select(['due_at', 'calendar_version'])
          .where('object_id', '=', o.id)
          .where('done_at', 'is', null)
          .where('calendar_version', 'is not', null)
          .execute()
      ).map((r) => ({ due: new Date(Number(r.due_at) + 8 * 3_600_000).toISOString().slice(0, 10), v: r.calendar_version }));
    assert.ok((await slaTimers()).length > 0, 'submission set a working-day SLA timer');
    for (const timer of await slaTimers()) {
      assert.equal(timer.due, '2026-11-04');
      assert.equal(timer.v, t.calendar.version);
    }
    const dup = await post(who.admin, '/api/v1/admin/calendar/overrides', {
      date: '2026-11-03',
      kind: 'holiday',
      source: 'x',
    });
    assert.equal(dup.statusCode, 409);
    const year = (await get(who.admin, '/api/v1/admin/calendar?year=2026')).json();
    assert.ok(
      year.days.some((d: { date: string; origin: string }) => d.date === '2026-11-03' && d.origin === 'override'),
    );
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/admin/calendar/overrides/${add.json().id}`,
      headers: { cookie: who.admin },
    });
    assert.equal(del.statusCode, 200, del.body);
    assert.equal(await dueOn(), '2026-11-03');
    assert.equal(t.calendar.isWorkingDay('2026-11-03'), true);
    for (const timer of await slaTimers()) assert.equal(timer.due, '2026-11-03');
  });

  it('provider configuration: typed, audited, public read', async () => {
    const cfg = (await get(who.admin, '/api/v1/admin/provider-config')).json();
    assert.equal(cfg.hotline, '4009-100-100');
    assert.equal(cfg.curtainText.byProvince[0].province, '浙江');
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/provider-config',
      headers: { cookie: who.admin },
      payload: { ...cfg, hotline: '' },
    });
    assert.equal(bad.statusCode, 400);
    const next = {
      ...cfg,
      hotline: '400-800-8888',
      photoPoints: [
        {
          name: '广州天河拍照点',
          kind: 'AGENT',
          province: '广东',
          city: '广州市',
          address: '天河路1号',
          phone: '020-12345678',
        },
      ],
    };
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/admin/provider-config',
      headers: { cookie: who.admin },
      payload: next,
    });
    assert.equal(put.statusCode, 200, put.body);
    const pub = await t.app.inject({ method: 'GET', url: '/api/v1/provider' });
    assert.equal(pub.json().hotline, '400-800-8888');
    assert.equal(pub.json().photoPoints.length, 1);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('action', '=', 'provider_config.updated')
      .execute();
    assert.deepEqual(JSON.parse(audit[0].details!).changed, ['hotline', 'photoPoints']);
  });

  it('R-ORD-017 R-ORD-026: breaches and orders about to expire show in their queues; the dashboard reports them', async () => {
    const o = await submittedOrder(t, 9);
    t.clock.advance(39 * 24 * HOUR); // day 39 of the 45-day step: within the 7-day warning window
    who.reviewer = await signInAs(t, 'reviewer');
    who.admin = await signInAs(t, 'admin');
    const q = await get(who.reviewer, '/api/v1/review/queues/initial?breachedOnly=true');
    assert.equal(q.statusCode, 200, q.body);
    const initial = q.json();
    const row = initial.find((x: { id: string }) => x.id === o.id);
    assert.ok(row, 'breached orders are listed');
    assert.equal(row.sla.breached, true);
    assert.ok(row.ageWorkingDays >= 20);
    const expiring = (await get(who.reviewer, '/api/v1/review/queues/expiring')).json();
    const e = expiring.find((x: { id: string }) => x.id === o.id);
    assert.ok(e, 'the STEP_EXPIRY timer is due within 7 days');
    assert.equal(e.expiry.daysLeft, 6);

    const d = await get(who.admin, '/api/v1/review/dashboard');
    assert.equal(d.statusCode, 200, d.body);
    const dash = d.json();
    assert.ok(dash.ordersByState.PENDING_INITIAL_REVIEW >= 1);
    assert.ok(dash.ordersByProvince['广东'] >= 1);
    const unreached = dash.rejectionsByCode.find((r: { code: string }) => r.code === 'CONFIRMATION_CALL_UNREACHED');
    assert.equal(unreached.initial, 1);
    assert.ok(unreached.rules.includes('R-ORD-018'));
    const initialStep = dash.timeInStep.find((s: { state: string }) => s.state === 'PENDING_INITIAL_REVIEW');
    assert.ok(initialStep.count >= 3);
    const breaches = dash.slaBreaches.initial.reduce((n: number, p: { breached: number }) => n + p.breached, 0);
    assert.ok(breaches >= 1, JSON.stringify(dash.slaBreaches));
  });
});
