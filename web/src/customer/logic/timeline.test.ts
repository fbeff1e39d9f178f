import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkCalendar } from '../../../../src/modules/calendar/index.ts';
import { bureauWorkingDaysOf, expectedApprovalIfStartedOn, orderTimeline, rejectionDeadline } from './timeline.ts';

const calendar = createWorkCalendar();
const at = (iso: string) => Date.parse(iso);

describe('order progress timeline', () => {
  it('R-ORD-017 R-ORD-021 R-ORD-022 R-ORD-023: a draft projects every step and the bureau decision as an estimate', () => {
    const created = at('2026-11-02T09:00:00+08:00');
    const tl = orderTimeline(
      {
        type: 'FIRST',
        state: 'DRAFT',
        province: '广东',
        createdAt: created,
        stateEnteredAt: created,
        submittedAt: null,
      },
      [{ at: created, from: null, to: 'DRAFT' }],
      calendar,
      '2026-11-02',
    );
    assert.deepEqual(
      tl.steps.map((s) => [s.key, s.status]),
      [
        ['FILL_IN', 'process'],
        ['INITIAL_REVIEW', 'wait'],
        ['PHOTO', 'wait'],
        ['PHOTO_RE_REVIEW', 'wait'],
        ['BUREAU', 'wait'],
      ],
    );
    assert.equal(tl.steps[1].expectedDueOn, '2026-11-03');
    assert.equal(tl.steps[3].expectedDueOn, '2026-11-04');
    assert.deepEqual(tl.bureauDecision, { on: '2026-12-02', latestOn: undefined, estimate: true });
    // R-BUR-011: the sync delay is explained only once the order is at the bureau
    assert.equal(tl.bureauSync, null);
    assert.equal(tl.totalWorkingDays, 22);
    // R-ORD-026: the draft step expires 45 × 24 h after it was entered
    assert.equal(tl.stepExpiresAt, created + 45 * 86_400_000);
  });

  it('R-ORD-022 R-ORD-035: at the bureau the decision date counts working days over the National Day break', () => {
    const t = (d: string) => at(`${d}T10:00:00+08:00`);
    const tl = orderTimeline(
      {
        type: 'FIRST',
        state: 'PENDING_BUREAU',
        province: '广东',
        createdAt: t('2026-09-20'),
        stateEnteredAt: t('2026-09-30'),
        submittedAt: t('2026-09-21'),
      },
      [
        { at: t('2026-09-20'), from: null, to: 'DRAFT' },
        { at: t('2026-09-21'), from: 'DRAFT', to: 'PENDING_INITIAL_REVIEW' },
        { at: t('2026-09-22'), from: 'PENDING_INITIAL_REVIEW', to: 'PHOTO_PENDING' },
        { at: t('2026-09-28'), from: 'PHOTO_PENDING', to: 'PENDING_RE_REVIEW' },
        { at: t('2026-09-30'), from: 'PENDING_RE_REVIEW', to: 'PENDING_BUREAU' },
      ],
      calendar,
      '2026-10-09',
    );
    assert.deepEqual(tl.bureauDecision, { on: '2026-11-03', latestOn: undefined, estimate: false });
    // R-BUR-011 R-ACS-017: the decision reaches the console and the gateway at the latest 2 working days later
    assert.deepEqual(tl.bureauSync, { latestOn: '2026-11-05', workingDays: 2 });
    const photo = tl.steps.find((s) => s.key === 'PHOTO')!;
    assert.deepEqual([photo.status, photo.startedOn, photo.finishedOn], ['finish', '2026-09-22', '2026-09-28']);
    // PENDING_BUREAU has no 45-day step timer (R-ORD-026)
    assert.equal(tl.stepExpiresAt, null);
  });

  it('R-PRV-002: 浙江 takes 30 working days at the bureau, other provinces 20', () => {
    assert.equal(bureauWorkingDaysOf('FIRST', '浙江').days, 30);
    assert.equal(bureauWorkingDaysOf('FIRST', '北京').days, 20);
    assert.equal(expectedApprovalIfStartedOn('FIRST', '浙江', calendar, '2026-11-02').workingDays, 32);
  });

  it('R-CHG-012: a cancellation skips the photo steps and shows the 3–20 working-day bureau window', () => {
    const created = at('2026-11-02T09:00:00+08:00');
    const entered = at('2026-11-03T09:00:00+08:00');
    const tl = orderTimeline(
      {
        type: 'CANCEL_WEBSITE',
        state: 'PENDING_BUREAU',
        province: '广东',
        createdAt: created,
        stateEnteredAt: entered,
        submittedAt: created,
      },
      [
        { at: created, from: null, to: 'DRAFT' },
        { at: created, from: 'DRAFT', to: 'PENDING_INITIAL_REVIEW' },
        { at: entered, from: 'PENDING_INITIAL_REVIEW', to: 'PENDING_BUREAU' },
      ],
      calendar,
      '2026-11-03',
    );
    assert.deepEqual(
      tl.steps.map((s) => s.key),
      ['FILL_IN', 'INITIAL_REVIEW', 'BUREAU'],
    );
    assert.deepEqual(tl.bureauDecision, { on: '2026-11-06', latestOn: '2026-12-01', estimate: false });
    // the sync bound counts from the end of the bureau's window
    assert.deepEqual(tl.bureauSync, { latestOn: '2026-12-03', workingDays: 2 });
  });

  it('R-REJ-001 R-ORD-027: a rejected step is marked failed and its 45-day deadline is shown', () => {
    const created = at('2026-11-02T09:00:00+08:00');
    const rejected = at('2026-11-03T15:00:00+08:00');
    const tl = orderTimeline(
      {
        type: 'FIRST',
        state: 'INITIAL_REJECTED',
        province: '广东',
        createdAt: created,
        stateEnteredAt: rejected,
        submittedAt: created,
      },
      [
        { at: created, from: null, to: 'DRAFT' },
        { at: created, from: 'DRAFT', to: 'PENDING_INITIAL_REVIEW' },
        { at: rejected, from: 'PENDING_INITIAL_REVIEW', to: 'INITIAL_REJECTED' },
      ],
      calendar,
      '2026-11-03',
    );
    assert.equal(tl.steps[1].status, 'error');
    assert.equal(tl.bureauDecision, null);
    assert.equal(rejectionDeadline(rejected), '2026-12-18');
  });

  it('R-ORD-017: a review past its 1-working-day SLA is flagged overdue', () => {
    const created = at('2026-11-02T09:00:00+08:00');
    const tl = orderTimeline(
      {
        type: 'FIRST',
        state: 'PENDING_INITIAL_REVIEW',
        province: '广东',
        createdAt: created,
        stateEnteredAt: created,
        submittedAt: created,
      },
      [
        { at: created, from: null, to: 'DRAFT' },
        { at: created, from: 'DRAFT', to: 'PENDING_INITIAL_REVIEW' },
      ],
      calendar,
      '2026-11-05',
    );
    assert.equal(tl.steps[1].dueOn, '2026-11-03');
    assert.equal(tl.steps[1].overdue, true);
  });

  it('R-REJ-004 R-ORD-019: after a bureau rejection that did not flag the photo, the photo steps are not repeated', () => {
    const t = (d: string) => at(`${d}T10:00:00+08:00`);
    const tl = orderTimeline(
      {
        type: 'FIRST',
        state: 'PENDING_INITIAL_REVIEW',
        province: '广东',
        createdAt: t('2026-11-02'),
        stateEnteredAt: t('2026-12-07'),
        submittedAt: t('2026-12-07'),
        photoApproved: true,
      },
      [
        { at: t('2026-11-02'), from: null, to: 'DRAFT' },
        { at: t('2026-11-02'), from: 'DRAFT', to: 'PENDING_INITIAL_REVIEW' },
        { at: t('2026-11-03'), from: 'PENDING_INITIAL_REVIEW', to: 'PHOTO_PENDING' },
        { at: t('2026-11-04'), from: 'PHOTO_PENDING', to: 'PENDING_RE_REVIEW' },
        { at: t('2026-11-05'), from: 'PENDING_RE_REVIEW', to: 'PENDING_BUREAU' },
        { at: t('2026-12-04'), from: 'PENDING_BUREAU', to: 'BUREAU_REJECTED' },
        { at: t('2026-12-07'), from: 'BUREAU_REJECTED', to: 'PENDING_INITIAL_REVIEW' },
      ],
      calendar,
      '2026-12-07',
    );
    assert.deepEqual(
      tl.steps.map((s) => s.status),
      ['finish', 'process', 'finish', 'finish', 'wait'],
    );
    // initial review due 12-08, then straight to the bureau: 20 working days from 12-08
    assert.equal(tl.bureauDecision?.on, calendar.addWorkingDays('2026-12-08', 20));
  });
});
