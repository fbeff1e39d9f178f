import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWorkCalendar, WorkCalendar } from '../calendar/index.ts';
import { provinceRulesFor } from '../rules/provinces/table.ts';
import type { Violation } from '../rules/violation.ts';
import {
  checkCurtainAddressChange,
  curtainCharge,
  curtainDeliveryEstimate,
  curtainDispatch,
  curtainEntryVisible,
  defaultCurtainConfig,
  isViolation,
  photoMethods,
  photoUploadDeadline,
  planCurtainRequest,
  validateCurtainAddress,
} from './curtain.ts';

/** §15: the faq-cases calendar has no holidays. */
const noHolidays = new WorkCalendar({ years: {} });
/** The vendored State Council schedules (2026 National Day: 10-01..10-07 off, 09-20 and 10-10 worked). */
const real = createWorkCalendar();

const bj = (local: string) => new Date(`${local}+08:00`);

const okAddress = { recipient: '张三', phone: '13800138000' };

describe('R-MAT-028 curtain dispatch schedule', () => {
  const cases: [string, string, string, boolean][] = [
    ['(a) Tuesday 15:00 → same day', '2018-11-06T15:00:00', '2018-11-06', true],
    ['(b) Tuesday 17:00 → Wednesday', '2018-11-06T17:00:00', '2018-11-07', false],
    ['(c) Friday 16:30 → Monday 16:00', '2018-11-09T16:30:00', '2018-11-12', false],
    ['(d) Saturday 11:00 → Monday', '2018-11-10T11:00:00', '2018-11-12', false],
    ['(e) Friday exactly 16:00 counts as after → Monday', '2018-11-09T16:00:00', '2018-11-12', false],
  ];
  for (const [name, at, expected, sameDay] of cases) {
    test(`FAQ-163 R-MAT-028: ${name}`, () => {
      const d = curtainDispatch(bj(at), noHolidays);
      assert.equal(d.dispatchDate, expected);
      assert.equal(d.sameDay, sameDay);
      assert.equal(d.dispatchAt.toISOString(), bj(`${expected}T16:00:00`).toISOString());
    });
  }

  test('FAQ-163 R-MAT-028: one minute before the cut-off is still same day; Sunday → Monday', () => {
    assert.equal(curtainDispatch(bj('2018-11-09T15:59:59'), noHolidays).dispatchDate, '2018-11-09');
    assert.equal(curtainDispatch(bj('2018-11-11T09:00:00'), noHolidays).dispatchDate, '2018-11-12');
  });

  test('FAQ-163 R-MAT-028: the ETA is dispatch + 1–3 days, or + 3–5 days for remote areas', () => {
    const normal = curtainDeliveryEstimate('2018-11-12', '广东');
    assert.deepEqual([normal.earliest, normal.latest, normal.remote], ['2018-11-13', '2018-11-15', false]);
    const remote = curtainDeliveryEstimate('2018-11-12', '新疆');
    assert.deepEqual([remote.earliest, remote.latest, remote.remote], ['2018-11-15', '2018-11-17', true]);
    assert.match(remote.message.zh, /3~5 天/);
    const custom = curtainDeliveryEstimate('2018-11-12', '广东', {
      ...defaultCurtainConfig,
      remoteProvinces: ['广东'],
    });
    assert.equal(custom.remote, true);
  });

  test('R-MAT-028: the instant is read in Beijing time, whatever the server time zone', () => {
    // 2018-11-06T07:59:59Z is 15:59:59 in Beijing (same day); 08:00:00Z is 16:00 (next day).
    assert.equal(curtainDispatch(new Date('2018-11-06T07:59:59Z'), noHolidays).dispatchDate, '2018-11-06');
    assert.equal(curtainDispatch(new Date('2018-11-06T08:00:00Z'), noHolidays).dispatchDate, '2018-11-07');
    // 2018-11-06T17:00Z is already Wednesday 01:00 in Beijing: a same-day dispatch on Wednesday.
    assert.equal(curtainDispatch(new Date('2018-11-06T17:00:00Z'), noHolidays).dispatchDate, '2018-11-07');
  });

  test('R-MAT-028: around the 2026 National Day break, holidays are skipped and make-up Saturdays count', () => {
    // Wednesday 30 Sep before 16:00: same day.
    assert.equal(curtainDispatch(bj('2026-09-30T15:00:00'), real).dispatchDate, '2026-09-30');
    // After 16:00 on the eve of the break: the next working day is Thursday 8 Oct.
    assert.equal(curtainDispatch(bj('2026-09-30T16:00:00'), real).dispatchDate, '2026-10-08');
    // During the break.
    assert.equal(curtainDispatch(bj('2026-10-01T09:00:00'), real).dispatchDate, '2026-10-08');
    assert.equal(curtainDispatch(bj('2026-10-07T15:00:00'), real).dispatchDate, '2026-10-08');
    // Friday 9 Oct after 16:00: Saturday 10 Oct is a make-up workday (调休), so not Monday.
    assert.equal(curtainDispatch(bj('2026-10-09T16:30:00'), real).dispatchDate, '2026-10-10');
    // Saturday 10 Oct morning is a working day: same day.
    const sat = curtainDispatch(bj('2026-10-10T10:00:00'), real);
    assert.equal(sat.dispatchDate, '2026-10-10');
    assert.equal(sat.sameDay, true);
    // Sunday 20 Sep (make-up workday) before 16:00: same day.
    assert.equal(curtainDispatch(bj('2026-09-20T11:00:00'), real).dispatchDate, '2026-09-20');
    // Mid-Autumn: Thursday 24 Sep after 16:00 → Friday 25 is a holiday → Monday 28.
    assert.equal(curtainDispatch(bj('2026-09-24T17:00:00'), real).dispatchDate, '2026-09-28');
    // An ordinary Friday after 16:00 in 2026 → Monday.
    assert.equal(curtainDispatch(bj('2026-11-06T16:01:00'), real).dispatchDate, '2026-11-09');
  });
});

describe('R-MAT-027 curtain mailing address', () => {
  test('FAQ-164 R-MAT-027: a 浙江 filing may ship to 上海; the curtain carries the 浙江 text', () => {
    const plan = planCurtainRequest(
      {
        requestedAt: bj('2018-11-05T10:00:00'),
        orderState: 'PHOTO_PENDING',
        filingProvinceRules: provinceRulesFor('浙江'),
        address: { ...okAddress, detail: '上海市浦东新区示例路3号' },
        previousRequests: 0,
      },
      noHolidays,
    );
    assert.ok(plan.ok, JSON.stringify(plan));
    assert.equal(plan.plan.destinationProvince, '上海');
    assert.equal(plan.plan.curtainText, '腾讯云计算（北京）有限责任公司');
    assert.notEqual(plan.plan.curtainText, provinceRulesFor('上海').curtainText);
    assert.equal(plan.plan.dispatch.dispatchDate, '2018-11-05');
    assert.equal(plan.plan.charge.postageFen, 0);
  });

  test('FAQ-165 R-MAT-027: an address in Tokyo, Japan is refused CURTAIN_ADDRESS_ABROAD', () => {
    const variants = [
      { country: '日本', province: '东京都', detail: '千代田区丸之内1-1' },
      { country: 'Japan', detail: '1-1 Marunouchi, Chiyoda, Tokyo' },
      { detail: '1-1 Marunouchi, Chiyoda-ku, Tokyo, Japan' },
      { province: '东京都', detail: '千代田区丸之内1-1' },
    ];
    for (const v of variants) {
      const r = validateCurtainAddress({ ...okAddress, ...v });
      assert.equal(r.ok, false, JSON.stringify(v));
      if (!r.ok) {
        assert.deepEqual(
          r.violations.map((x) => [x.code, x.rule]),
          [['CURTAIN_ADDRESS_ABROAD', 'R-MAT-027']],
        );
      }
    }
  });

  test('R-MAT-027: Hong Kong, Macao and Taiwan are outside the mainland and refused with the same code', () => {
    for (const v of [
      { province: '香港' },
      { province: '香港特别行政区', detail: '中环皇后大道中1号' },
      { province: '澳门' },
      { detail: '台湾省台北市信义区示例路1号' },
      { detail: '中国台湾台北市信义区示例路1号' },
    ]) {
      const r = validateCurtainAddress({ ...okAddress, detail: '示例路1号', ...v });
      assert.ok(!r.ok && r.violations[0].code === 'CURTAIN_ADDRESS_ABROAD', JSON.stringify(v));
    }
  });

  test('R-MAT-027: mainland provinces written out in full are recognised', () => {
    const cases: [Record<string, string>, string][] = [
      [{ province: '广西壮族自治区', detail: '南宁市青秀区示例路1号' }, '广西'],
      [{ province: '内蒙古自治区', detail: '呼和浩特市示例路1号' }, '内蒙古'],
      [{ province: '北京市', detail: '海淀区示例路1号' }, '北京'],
      [{ province: '新疆', detail: '乌鲁木齐市示例路1号' }, '新疆'],
      [{ detail: '中国广东省广州市天河区示例路1号' }, '广东'],
      [{ country: '中国', detail: '黑龙江省哈尔滨市示例路1号' }, '黑龙江'],
    ];
    for (const [v, province] of cases) {
      const r = validateCurtainAddress({ ...okAddress, ...v });
      assert.ok(r.ok, JSON.stringify(v));
      assert.equal(r.ok && r.province, province);
    }
  });

  test('R-MAT-027: missing province, street, recipient or phone is CURTAIN_ADDRESS_INCOMPLETE, each named', () => {
    const r = validateCurtainAddress({ detail: '浦东新区示例路3号', phone: '12345' });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(
        r.violations.map((v) => [v.code, v.field]),
        [
          ['CURTAIN_ADDRESS_INCOMPLETE', 'curtainRequest.address.province'],
          ['CURTAIN_ADDRESS_INCOMPLETE', 'curtainRequest.address.recipient'],
          ['CURTAIN_ADDRESS_INCOMPLETE', 'curtainRequest.address.phone'],
        ],
      );
    }
    const noStreet = validateCurtainAddress({ ...okAddress, province: '广东', detail: '' });
    assert.ok(!noStreet.ok && noStreet.violations[0].field === 'curtainRequest.address.detail');
    assert.ok(
      validateCurtainAddress({ ...okAddress, phone: '020-87654321', province: '广东', detail: '示例路1号' }).ok,
    );
  });
});

describe('R-MAT-025 / R-MAT-026 curtain charges', () => {
  test('FAQ-159 R-MAT-025: first curtain free with postage; lost replacement free but customer pays postage; photo points free', () => {
    const first = curtainCharge({ previousRequests: 0 });
    assert.ok(!isViolation(first));
    assert.deepEqual(
      [first.reason, first.curtainFeeFen, first.postagePayer, first.postageFen],
      ['FIRST', 0, 'PROVIDER', 0],
    );
    const lost = curtainCharge({ previousRequests: 1, reason: 'LOST' });
    assert.ok(!isViolation(lost));
    assert.deepEqual([lost.curtainFeeFen, lost.postagePayer, lost.postageFen], [0, 'CUSTOMER', 2300]);
    assert.match(lost.message.zh, /邮费 ¥23\.00 由您承担/);
    assert.equal(photoMethods.AGENT_PHOTO_POINT.photoFeeFen, 0);
    assert.equal(photoMethods.PHOTO_VERIFICATION_POINT.photoFeeFen, 0);
  });

  test('FAQ-167 R-MAT-026: repeated lost-curtain requests are all accepted, each with customer-paid postage', () => {
    for (const previous of [1, 2, 7]) {
      const c = curtainCharge({ previousRequests: previous, reason: 'LOST' }, { lostReplacementPostageFen: 1800 });
      assert.ok(!isViolation(c));
      assert.deepEqual([c.curtainFeeFen, c.postagePayer, c.postageFen], [0, 'CUSTOMER', 1800]);
    }
  });

  test('FAQ-171 R-MAT-023 R-MAT-025: a replacement for an old 康盛 or another company’s curtain is free, postage included', () => {
    const c = curtainCharge({ previousRequests: 1, reason: 'OBSOLETE' });
    assert.ok(!isViolation(c));
    assert.deepEqual([c.curtainFeeFen, c.postagePayer, c.postageFen], [0, 'PROVIDER', 0]);
  });

  test('R-MAT-030: a repeat request without a reason is refused (the curtain is kept and reused)', () => {
    const c = curtainCharge({ previousRequests: 1 });
    assert.ok(isViolation(c));
    assert.equal((c as Violation).code, 'CURTAIN_REASON_REQUIRED');
  });
});

describe('R-MAT-029 curtain address changes', () => {
  const now = bj('2018-11-06T12:00:00');

  test('FAQ-162 R-MAT-029: before dispatch, support edits the address of a first online request', () => {
    assert.deepEqual(
      checkCurtainAddressChange({ channel: 'ONLINE', firstRequest: true, dispatchedAt: null }, 'SUPPORT', now),
      { ok: true },
    );
    // Scheduled for 16:00 today but not yet gone: still editable.
    assert.deepEqual(
      checkCurtainAddressChange(
        { channel: 'ONLINE', firstRequest: true, dispatchedAt: bj('2018-11-06T16:00:00') },
        'SUPPORT',
        now,
      ),
      { ok: true },
    );
  });

  test('FAQ-162 R-MAT-029 R-NTF-016: after dispatch, CURTAIN_ALREADY_SHIPPED names SF Express and the tracking number', () => {
    const r = checkCurtainAddressChange(
      {
        channel: 'ONLINE',
        firstRequest: true,
        dispatchedAt: bj('2018-11-05T16:00:00'),
        trackingNumber: 'SF1234567890',
      },
      'CUSTOMER',
      now,
    );
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.violation.code, 'CURTAIN_ALREADY_SHIPPED');
      assert.match(r.violation.message.zh, /顺丰速运.*SF1234567890/);
      assert.match(r.violation.message.en, /SF Express.*SF1234567890/);
    }
    const bySupport = checkCurtainAddressChange(
      { channel: 'OFFLINE', firstRequest: false, dispatchedAt: bj('2018-11-05T16:00:00'), trackingNumber: 'SF1' },
      'SUPPORT',
      now,
    );
    assert.ok(!bySupport.ok && bySupport.violation.code === 'CURTAIN_ALREADY_SHIPPED');
  });

  test('R-MAT-029: support may edit offline requests; a later online request is corrected by the customer’s ticket', () => {
    assert.ok(checkCurtainAddressChange({ channel: 'OFFLINE', firstRequest: false }, 'SUPPORT', now).ok);
    assert.ok(checkCurtainAddressChange({ channel: 'ONLINE', firstRequest: false }, 'CUSTOMER', now).ok);
    const r = checkCurtainAddressChange({ channel: 'ONLINE', firstRequest: false }, 'SUPPORT', now);
    assert.ok(!r.ok && r.violation.code === 'CURTAIN_ADDRESS_EDIT_NOT_ALLOWED');
  });
});

describe('R-MAT-017 / R-MAT-018 / R-ORD-024 curtain entry and photo-point deadlines', () => {
  test('FAQ-160 R-MAT-017: the curtain entry appears only after initial review passed', () => {
    assert.equal(curtainEntryVisible('DRAFT'), false);
    assert.equal(curtainEntryVisible('PENDING_INITIAL_REVIEW'), false);
    assert.equal(curtainEntryVisible('PHOTO_PENDING'), true);
    assert.equal(curtainEntryVisible('RE_REVIEW_REJECTED'), true);
    assert.equal(curtainEntryVisible('PENDING_BUREAU'), false);
  });

  test('FAQ-160 R-MAT-018 R-ORD-024: a verification-point photo of Monday 2018-11-05 is due by the end of Wednesday 11-07', () => {
    const d = photoUploadDeadline('PHOTO_VERIFICATION_POINT', bj('2018-11-05T10:00:00'), noHolidays);
    assert.ok(d);
    assert.equal(d.toProviderBy, '2018-11-06');
    assert.equal(d.date, '2018-11-07');
    assert.equal(d.endsAt.toISOString(), bj('2018-11-08T00:00:00').toISOString());
    // Taken on a Friday: Monday to the provider, Tuesday in the order.
    const fri = photoUploadDeadline('PHOTO_VERIFICATION_POINT', bj('2018-11-09T18:00:00'), noHolidays);
    assert.deepEqual([fri?.toProviderBy, fri?.date], ['2018-11-12', '2018-11-13']);
    // Across the 2026 National Day break.
    const holiday = photoUploadDeadline('PHOTO_VERIFICATION_POINT', bj('2026-09-30T10:00:00'), real);
    assert.deepEqual([holiday?.toProviderBy, holiday?.date], ['2026-10-08', '2026-10-09']);
  });

  test('R-MAT-019: an agent photo point uploads the same calendar day; a mailed curtain has no deadline', () => {
    const d = photoUploadDeadline('AGENT_PHOTO_POINT', bj('2018-11-10T15:00:00'), noHolidays);
    assert.equal(d?.date, '2018-11-10');
    assert.equal(d?.endsAt.toISOString(), bj('2018-11-11T00:00:00').toISOString());
    assert.equal(photoUploadDeadline('MAILED_CURTAIN', bj('2018-11-10T15:00:00'), noHolidays), null);
  });

  test('R-MAT-017 R-MAT-027: a request from a DRAFT order to Japan lists every reason at once', () => {
    const r = planCurtainRequest(
      {
        requestedAt: bj('2018-11-05T10:00:00'),
        orderState: 'DRAFT',
        filingProvinceRules: provinceRulesFor('广东'),
        address: { ...okAddress, country: '日本', detail: '東京都千代田区1-1' },
        previousRequests: 2,
      },
      noHolidays,
    );
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(
        r.violations.map((v) => v.code),
        ['CURTAIN_NOT_AVAILABLE', 'CURTAIN_ADDRESS_ABROAD', 'CURTAIN_REASON_REQUIRED'],
      );
    }
  });
});
