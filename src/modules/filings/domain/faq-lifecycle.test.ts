// faq-cases.jsonl scenarios about the order lifecycle that can be decided without I/O: each walks an order through
// `decide`, applying every accepted decision to the snapshot as the lead's transaction would.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEditSections, checkOneOrderInFlight } from './limits.ts';
import type { OrderType } from './order-types.ts';
import type { OrderState } from './states.ts';
import {
  type Accepted,
  type Actor,
  applyDecision,
  type Decision,
  decide,
  decideCreate,
  INITIAL_FLAGS,
  type OrderEvent,
  type OrderSnapshot,
} from './transitions.ts';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const T0 = new Date('2018-11-05T02:00:00Z'); // Monday 2018-11-05 10:00 Asia/Shanghai (§15)

const customer: Actor = { role: 'customer' };
const reviewer: Actor = { role: 'reviewer' };
const bureau: Actor = { role: 'bureau' };
const system: Actor = { role: 'system' };

/** A test order that records every accepted decision, like the orders table plus its audit log. */
class Order {
  snapshot: OrderSnapshot;
  readonly log: Accepted[] = [];
  now: Date;

  constructor(type: OrderType, opts: { authCodeId?: string; at?: Date } = {}) {
    this.now = opts.at ?? T0;
    const created = decideCreate(
      { type, initiator: 'customer', authCodeId: opts.authCodeId ?? null, bureauWorkingDays: 20 },
      customer,
    );
    assert.ok(created.ok);
    this.log.push(created);
    this.snapshot = {
      type,
      state: created.to,
      stateEnteredAt: this.now,
      initiator: 'customer',
      authCodeId: opts.authCodeId ?? null,
      bureauWorkingDays: 20,
      flags: { ...INITIAL_FLAGS },
      curtainPhotosComplete: true,
      openBlockingViolations: 0,
    };
  }

  get state(): OrderState {
    return this.snapshot.state;
  }

  advance(ms: number): this {
    this.now = new Date(this.now.getTime() + ms);
    return this;
  }

  try(event: OrderEvent, actor: Actor): Decision {
    const d = decide(this.snapshot, event, actor);
    if (d.ok) {
      this.snapshot = applyDecision(this.snapshot, d, this.now);
      this.log.push(d);
    }
    return d;
  }

  do(event: OrderEvent, actor: Actor): Accepted {
    const d = this.try(event, actor);
    if (!d.ok) assert.fail(`${event.type} in ${this.state} refused: ${d.code}`);
    return d;
  }

  expire(): Decision {
    return this.try({ type: 'EXPIRE_45D', at: this.now }, system);
  }

  /** DRAFT → … → PENDING_BUREAU along the normal path. */
  toBureau(): this {
    this.do({ type: 'SUBMIT' }, customer);
    this.do({ type: 'INITIAL_APPROVE' }, reviewer);
    if (this.state === 'PHOTO_PENDING') {
      this.do({ type: 'SUBMIT_PHOTOS' }, customer);
      this.do({ type: 'RE_REVIEW_APPROVE' }, reviewer);
    }
    assert.equal(this.state, 'PENDING_BUREAU');
    return this;
  }
}

function refusedWith(d: Decision, code: string): void {
  assert.equal(d.ok, false, `expected ${code}`);
  if (!d.ok) assert.equal(d.code, code);
}

/** The domains of an ACCESS order are served while its latest access effect is TEMPORARY or ALLOWED (R-ACS-006/007). */
function accessServed(o: Order): boolean {
  let served = false;
  for (const d of o.log) {
    if (d.access.group !== 'ACC' || d.access.domains === 'UNCHANGED') continue;
    served = d.access.domains === 'TEMPORARY' || d.access.domains === 'ALLOWED';
  }
  return served;
}

describe('one order in flight and abandoning (R-ORD-007, R-ORD-013, R-ORD-015, R-ORD-016)', () => {
  test('FAQ-042 R-ORD-007 R-ORD-013 R-ORD-015: a second order is refused while O1 is in PHOTO_PENDING; after abandoning O1 a merged O2 is accepted', () => {
    const o1 = new Order('ADD_WEBSITE');
    o1.do({ type: 'SUBMIT' }, customer);
    o1.do({ type: 'INITIAL_APPROVE' }, reviewer);
    assert.equal(o1.state, 'PHOTO_PENDING');
    assert.equal(checkOneOrderInFlight([o1.state])?.code, 'ORDER_IN_FLIGHT');
    o1.do({ type: 'ABANDON' }, customer);
    assert.equal(o1.state, 'ABANDONED');
    assert.equal(checkOneOrderInFlight([o1.state]), null);
  });

  test('FAQ-043 R-ORD-016 R-ORD-013: at the bureau abandon and edit are refused (ORDER_LOCKED_AT_BUREAU) and a new order too (ORDER_IN_FLIGHT); after approval a new order is accepted', () => {
    const o1 = new Order('ADD_WEBSITE').toBureau();
    refusedWith(o1.try({ type: 'ABANDON' }, customer), 'ORDER_LOCKED_AT_BUREAU');
    refusedWith(o1.try({ type: 'EDIT', sections: ['WEBSITES'] }, customer), 'ORDER_LOCKED_AT_BUREAU');
    assert.equal(checkOneOrderInFlight([o1.state])?.code, 'ORDER_IN_FLIGHT');
    o1.do({ type: 'BUREAU_APPROVE' }, bureau);
    assert.equal(checkOneOrderInFlight([o1.state]), null);
  });

  test('FAQ-217 R-ORD-016 R-ORD-007: a change order cannot start while an ADD_WEBSITE is at the bureau, and the ADD_WEBSITE cannot be edited', () => {
    const o = new Order('ADD_WEBSITE').toBureau();
    assert.equal(checkOneOrderInFlight([o.state])?.code, 'ORDER_IN_FLIGHT');
    refusedWith(o.try({ type: 'EDIT', sections: ['WEBSITES'] }, customer), 'ORDER_LOCKED_AT_BUREAU');
    o.do({ type: 'BUREAU_REJECT', reasons: ['WEBSITE_NAME_INVALID'], photoFlagged: false }, bureau);
    // After the bureau decided (here: rejected), abandoning frees the account for the change order.
    o.do({ type: 'ABANDON' }, customer);
    assert.equal(checkOneOrderInFlight([o.state]), null);
  });

  test('FAQ-180 R-REJ-005 R-ORD-007: an initially rejected order still blocks a new order', () => {
    const o = new Order('FIRST');
    o.do({ type: 'SUBMIT' }, customer);
    o.do({ type: 'INITIAL_REJECT', reasons: ['SUBJECT_INFO_INCOMPLETE'] }, reviewer);
    assert.equal(checkOneOrderInFlight([o.state])?.code, 'ORDER_IN_FLIGHT');
  });

  test('FAQ-032 R-ORD-012 R-ORD-007: the 11th website waits for the first order’s approval', () => {
    const o = new Order('ADD_WEBSITE');
    assert.equal(checkOneOrderInFlight([o.state])?.code, 'ORDER_IN_FLIGHT');
    o.toBureau().do({ type: 'BUREAU_APPROVE' }, bureau);
    assert.equal(checkOneOrderInFlight([o.state]), null);
  });

  test('FAQ-228 R-ORD-015: abandoning ADD_WEBSITE O2 leaves the already filed website untouched', () => {
    const o2 = new Order('ADD_WEBSITE');
    o2.do({ type: 'SUBMIT' }, customer);
    o2.do({ type: 'INITIAL_APPROVE' }, reviewer);
    const d = o2.do({ type: 'ABANDON' }, customer);
    assert.equal(o2.state, 'ABANDONED');
    // Only ACCESS domains lose anything on abandonment; filed (accessed) domains are not in the effect at all.
    assert.deepEqual(d.access, { group: 'NEW', domains: 'UNCHANGED' });
    assert.equal(d.accessEffect.CHG.kept, 'UNCHANGED');
  });
});

describe('editing by state (R-ORD-014, R-REJ-002..004)', () => {
  test('FAQ-186 R-ORD-014 R-ORD-015: adding a domain in PHOTO_PENDING is refused with ABANDON_TO_MODIFY offering both ways', () => {
    const o = new Order('FIRST');
    o.do({ type: 'SUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    const d = o.try({ type: 'EDIT', sections: ['WEBSITES'] }, customer);
    refusedWith(d, 'ABANDON_TO_MODIFY');
    if (!d.ok) {
      assert.match(d.message.zh, /放弃备案/);
      assert.match(d.message.zh, /变更备案/);
    }
    o.do({ type: 'ABANDON' }, customer);
    assert.equal(o.state, 'ABANDONED');
  });

  test('FAQ-190 R-REJ-003 R-ORD-014 R-ORD-021: after a re-review rejection only photos change; 提交照片 skips initial review; the re-review pass goes to the bureau', () => {
    const o = new Order('FIRST');
    o.do({ type: 'SUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    o.do({ type: 'SUBMIT_PHOTOS' }, customer);
    const rej = o.do({ type: 'RE_REVIEW_REJECT', reasons: ['PHOTO_SEASON'] }, reviewer);
    assert.deepEqual(rej.notify, ['R-NTF-002']);
    refusedWith(o.try({ type: 'EDIT', sections: ['SUBJECT'] }, customer), 'ABANDON_TO_MODIFY');
    o.do({ type: 'UPLOAD_PHOTO' }, customer);
    o.do({ type: 'SUBMIT_PHOTOS' }, customer);
    assert.equal(o.state, 'PENDING_RE_REVIEW');
    o.do({ type: 'RE_REVIEW_APPROVE' }, reviewer);
    assert.equal(o.state, 'PENDING_BUREAU');
    assert.equal(o.log.filter((d) => d.auditType === 'INITIAL_REVIEW_PASSED').length, 1);
  });

  test('FAQ-191 R-REJ-004 R-ORD-019: a bureau rejection that did not flag the photo: modify, resubmit, pass → straight to PENDING_BUREAU', () => {
    const o = new Order('FIRST').toBureau();
    const rej = o.do({ type: 'BUREAU_REJECT', reasons: ['WEBSITE_NAME_INVALID'], photoFlagged: false }, bureau);
    assert.deepEqual(rej.notify, ['R-NTF-003', 'R-NTF-020']);
    o.do({ type: 'REVOKE' }, customer);
    o.do({ type: 'EDIT', sections: ['WEBSITES'] }, customer);
    o.do({ type: 'RESUBMIT' }, customer);
    assert.equal(o.state, 'PENDING_INITIAL_REVIEW');
    const pass = o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    assert.equal(pass.transition, 'T06');
    assert.equal(o.state, 'PENDING_BUREAU');
  });

  test('R-REJ-004: a bureau rejection that flagged the photo goes through PHOTO_PENDING again', () => {
    const o = new Order('FIRST').toBureau();
    o.do({ type: 'BUREAU_REJECT', reasons: ['PHOTO_EDITED'], photoFlagged: true }, bureau);
    o.do({ type: 'RESUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    assert.equal(o.state, 'PHOTO_PENDING');
  });

  test('FAQ-099 R-SUB-029: editing the subject principal’s address in an ACCESS order is refused as read-only', () => {
    const o = new Order('ACCESS');
    const d = o.try({ type: 'EDIT', sections: ['SUBJECT'] }, customer);
    refusedWith(d, 'ACCESS_DATA_READ_ONLY');
    if (!d.ok) assert.match(d.message.zh, /原接入商/);
  });

  test('FAQ-110 R-WEB-024: removing a domain in an ACCESS order is refused; a CHANGE_WEBSITE may do it', () => {
    assert.equal(checkEditSections('ACCESS', ['WEBSITES'])?.code, 'ACCESS_DATA_READ_ONLY');
    assert.equal(checkEditSections('CHANGE_WEBSITE', ['WEBSITES']), null);
  });

  test('FAQ-125 R-ORD-029: entering a new office phone in an ADD_WEBSITE subject section → CHANGE_REQUIRED', () => {
    const o = new Order('ADD_WEBSITE');
    const d = o.try({ type: 'EDIT', sections: ['SUBJECT'] }, customer);
    refusedWith(d, 'CHANGE_REQUIRED');
    if (!d.ok) assert.match(d.message.zh, /变更主体/);
  });
});

describe('photos (R-ORD-020, R-MAT-019)', () => {
  test('FAQ-158 R-MAT-016 R-ORD-020: 提交照片 without the curtain photo → PHOTO_MISSING, the order stays in PHOTO_PENDING', () => {
    const o = new Order('FIRST');
    o.do({ type: 'SUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    o.snapshot = { ...o.snapshot, curtainPhotosComplete: false };
    refusedWith(o.try({ type: 'SUBMIT_PHOTOS' }, customer), 'PHOTO_MISSING');
    assert.equal(o.state, 'PHOTO_PENDING');
  });

  test('FAQ-172 R-MAT-019: photo-point staff upload and submit the photo; the order moves to PENDING_RE_REVIEW', () => {
    const o = new Order('FIRST');
    o.do({ type: 'SUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    o.do({ type: 'UPLOAD_PHOTO' }, { role: 'photo_agent' });
    o.do({ type: 'SUBMIT_PHOTOS' }, { role: 'photo_agent' });
    assert.equal(o.state, 'PENDING_RE_REVIEW');
  });
});

describe('bureau outcomes (R-ORD-008/010, R-CHG-012, R-CHG-016)', () => {
  test('FAQ-177 R-ORD-008: the bureau’s SUBJECT_CONFLICT rejection puts the order in BUREAU_REJECTED', () => {
    const o = new Order('ADD_WEBSITE').toBureau();
    o.do({ type: 'BUREAU_REJECT', reasons: ['SUBJECT_CONFLICT'], photoFlagged: false }, bureau);
    assert.equal(o.state, 'BUREAU_REJECTED');
  });

  test('FAQ-226 R-CHG-012: CANCEL_SUBJECT has no photo step: initial review passes straight to the bureau', () => {
    const o = new Order('CANCEL_SUBJECT');
    o.do({ type: 'SUBMIT' }, customer);
    const pass = o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    assert.equal(o.state, 'PENDING_BUREAU');
    assert.deepEqual(pass.effects, ['SUBMIT_TO_BUREAU']);
    refusedWith(o.try({ type: 'SUBMIT_PHOTOS' }, customer), 'EVENT_NOT_ALLOWED_IN_STATE');
  });

  test('FAQ-227 R-CHG-016 R-CHG-013: approved CANCEL_ACCESS and CANCEL_WEBSITE both block their websites here', () => {
    for (const type of ['CANCEL_ACCESS', 'CANCEL_WEBSITE'] as const) {
      const o = new Order(type).toBureau();
      const d = o.do({ type: 'BUREAU_APPROVE' }, bureau);
      assert.deepEqual(d.access, { group: 'CXL', domains: 'BLOCKED' });
    }
  });

  test('R-CHG-014: a cancellation can be withdrawn (放弃注销) before the bureau but not at it', () => {
    const before = new Order('CANCEL_WEBSITE');
    before.do({ type: 'SUBMIT' }, customer);
    before.do({ type: 'ABANDON' }, customer);
    assert.equal(before.state, 'ABANDONED');
    const at = new Order('CANCEL_WEBSITE').toBureau();
    refusedWith(at.try({ type: 'ABANDON' }, customer), 'ORDER_LOCKED_AT_BUREAU');
  });
});

describe('authorisation codes across the lifecycle (R-ACC-021/022)', () => {
  test('FAQ-241 R-ACC-021: an abandoned order releases AC-6; an approved one consumes it', () => {
    const b = new Order('FIRST', { authCodeId: 'AC-6' });
    assert.deepEqual(b.log[0].codeEffect, { codeId: 'AC-6', from: 'AVAILABLE', to: 'RESERVED' });
    assert.deepEqual(b.do({ type: 'ABANDON' }, customer).codeEffect, {
      codeId: 'AC-6',
      from: 'RESERVED',
      to: 'AVAILABLE',
    });
    const c = new Order('FIRST', { authCodeId: 'AC-6' }).toBureau();
    assert.deepEqual(c.do({ type: 'BUREAU_APPROVE' }, bureau).codeEffect, {
      codeId: 'AC-6',
      from: 'RESERVED',
      to: 'CONSUMED',
    });
  });

  test('FAQ-242 R-ACC-022: AC-8 stays reserved through initial review and is released when B abandons', () => {
    const b = new Order('FIRST', { authCodeId: 'AC-8' });
    assert.equal(b.do({ type: 'SUBMIT' }, customer).codeEffect, undefined);
    assert.deepEqual(b.do({ type: 'ABANDON' }, customer).codeEffect, {
      codeId: 'AC-8',
      from: 'RESERVED',
      to: 'AVAILABLE',
    });
  });
});

describe('temporary access of ACCESS orders (R-ACS-007, R-ORD-028)', () => {
  test('FAQ-282 FAQ-176 R-ACS-007: an ACCESS order’s domains are allowed once initial review passes; a FIRST order’s are not', () => {
    const acc = new Order('ACCESS');
    acc.do({ type: 'SUBMIT' }, customer);
    assert.equal(accessServed(acc), false);
    acc.do({ type: 'INITIAL_APPROVE' }, reviewer);
    assert.equal(accessServed(acc), true);
    const first = new Order('FIRST');
    first.do({ type: 'SUBMIT' }, customer);
    assert.deepEqual(first.do({ type: 'INITIAL_APPROVE' }, reviewer).access, { group: 'NEW', domains: 'BLOCKED' });
  });

  test('FAQ-283 R-ACS-007: an initial-review rejection keeps the domain blocked until a later pass', () => {
    const o = new Order('ACCESS');
    o.do({ type: 'SUBMIT' }, customer);
    o.do({ type: 'INITIAL_REJECT', reasons: ['SUBJECT_INFO_INCOMPLETE'] }, reviewer);
    assert.equal(accessServed(o), false);
    o.do({ type: 'RESUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    assert.equal(accessServed(o), true);
  });

  test('FAQ-285 R-ACS-007: in PENDING_BUREAU, and after a bureau rejection, the temporary access survives; approval makes it permanent', () => {
    const o = new Order('ACCESS').toBureau();
    assert.equal(accessServed(o), true);
    o.do({ type: 'BUREAU_REJECT', reasons: ['WEBSITE_NAME_INVALID'], photoFlagged: false }, bureau);
    assert.equal(accessServed(o), true);
    o.do({ type: 'RESUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    const approved = o.do({ type: 'BUREAU_APPROVE' }, bureau);
    assert.deepEqual(approved.access, { group: 'ACC', domains: 'ALLOWED' });
  });

  test('FAQ-284 R-ORD-028 R-ORD-026: 45 days in PHOTO_PENDING after the 2018-11-05 10:00 pass: still allowed at 12-20 09:00, expired and blocked by 10:40', () => {
    const o = new Order('ACCESS');
    o.do({ type: 'SUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    o.advance(45 * DAY - HOUR); // 2018-12-20 09:00
    refusedWith(o.expire(), 'STEP_NOT_EXPIRED');
    assert.equal(accessServed(o), true);
    o.advance(HOUR + 40 * 60 * 1000); // 2018-12-20 10:40
    o.expire();
    assert.equal(o.state, 'EXPIRED');
    assert.equal(accessServed(o), false);
  });

  test('FAQ-288 R-ACS-009 R-CHG-003: a CHANGE_SUBJECT never touches access, in any state', () => {
    const o = new Order('CHANGE_SUBJECT');
    o.toBureau();
    o.do({ type: 'BUREAU_REJECT', reasons: ['SUBJECT_INFO_INCOMPLETE'], photoFlagged: false }, bureau);
    for (const d of o.log) assert.equal(d.access.group === 'CHG' && d.access.kept, 'UNCHANGED', d.auditType);
  });
});

describe('45-day step validity (R-ORD-026, R-ORD-027)', () => {
  test('FAQ-204 R-ORD-026: 40 days in DRAFT, 40 in PHOTO_PENDING and 30 WD at the bureau never expire the order', () => {
    const o = new Order('FIRST');
    o.advance(40 * DAY);
    refusedWith(o.expire(), 'STEP_NOT_EXPIRED');
    o.do({ type: 'SUBMIT' }, customer);
    o.do({ type: 'INITIAL_APPROVE' }, reviewer);
    o.advance(40 * DAY);
    refusedWith(o.expire(), 'STEP_NOT_EXPIRED');
    o.do({ type: 'SUBMIT_PHOTOS' }, customer);
    const toBureau = o.do({ type: 'RE_REVIEW_APPROVE' }, reviewer);
    assert.ok(!toBureau.timers.set.some((t) => t.kind === 'STEP_EXPIRY'));
    o.advance(60 * DAY); // 30 working days and more
    refusedWith(o.expire(), 'STEP_TIMER_EXEMPT');
    o.do({ type: 'BUREAU_APPROVE' }, bureau);
    assert.equal(o.state, 'APPROVED');
  });

  test('R-ORD-027 R-REJ-006: a rejected order can be resubmitted on day 44 and expires after 45 days', () => {
    const kept = new Order('FIRST');
    kept.do({ type: 'SUBMIT' }, customer);
    kept.do({ type: 'INITIAL_REJECT', reasons: ['WEBSITE_INFO_INCOMPLETE'] }, reviewer);
    kept.advance(44 * DAY);
    kept.do({ type: 'RESUBMIT' }, customer);
    assert.equal(kept.state, 'PENDING_INITIAL_REVIEW');

    const lapsed = new Order('FIRST');
    lapsed.do({ type: 'SUBMIT' }, customer);
    lapsed.do({ type: 'INITIAL_REJECT', reasons: ['WEBSITE_INFO_INCOMPLETE'] }, reviewer);
    lapsed.advance(45 * DAY);
    lapsed.expire();
    assert.equal(lapsed.state, 'EXPIRED');
  });
});
