import { checkEditSections } from './limits.ts';
import { type AccessGroup, accessGroupOf, type EditSection, hasPhotoStep, type OrderType } from './order-types.ts';
import { type Refusal, type RefusalCode, type RefusalParams, refusal } from './refusals.ts';
import {
  isTerminal,
  ORDER_STATES,
  type OrderState,
  STEP_VALIDITY_DAYS,
  stateLabel,
  type TimerKind,
  type TimerSpec,
  timerKindsOfState,
  timersForState,
} from './states.ts';

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------------------------

/** Who can trigger lifecycle events (DESIGN "Who uses it", requirements.md §0.4). */
export const ROLES = ['customer', 'reviewer', 'photo_agent', 'admin', 'system', 'bureau'] as const;
export type Role = (typeof ROLES)[number];
export interface Actor {
  role: Role;
}

/** The catalogue's transition numbers (§17.2). */
export const TRANSITION_IDS = [
  'T01',
  'T02',
  'T03',
  'T04',
  'T05',
  'T06',
  'T07',
  'T08',
  'T09',
  'T10',
  'T11',
  'T12',
  'T13',
  'T14',
  'T15',
  'T16',
  'T17',
  'T18',
  'T19',
  'T20',
  'T21',
  'T22',
  'T23',
  'T24',
] as const;
export type TransitionId = (typeof TRANSITION_IDS)[number];

/** Events on an existing order. Creation (T01) is `decideCreate`, since no order exists yet. */
export const ORDER_EVENT_TYPES = [
  'SUBMIT',
  'RESUBMIT',
  'REVOKE',
  'EDIT',
  'UPLOAD_PHOTO',
  'SUBMIT_PHOTOS',
  'ABANDON',
  'EXPIRE_45D',
  'INITIAL_APPROVE',
  'INITIAL_REJECT',
  'RE_REVIEW_APPROVE',
  'RE_REVIEW_REJECT',
  'BUREAU_APPROVE',
  'BUREAU_REJECT',
  'SERVER_EXPIRED',
  'SERVER_RENEWED',
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export type OrderEvent =
  /** 提交备案 from DRAFT (T02). */
  | { type: 'SUBMIT' }
  /** 重新提交备案 after an initial or bureau rejection (T09, T21). */
  | { type: 'RESUBMIT' }
  /** 撤销备案 / 返回修改: reopen a rejected order for editing; the order stays (R-ORD-014). Not ABANDON. */
  | { type: 'REVOKE' }
  /** Change order data other than curtain photos; `sections` are the parts touched. */
  | { type: 'EDIT'; sections: readonly EditSection[] }
  /** Attach or replace a curtain photo (R-MAT-017..019). */
  | { type: 'UPLOAD_PHOTO' }
  /** 提交照片 (T11, T16). */
  | { type: 'SUBMIT_PHOTOS' }
  /** 放弃备案 / 放弃注销: the order ends (R-ORD-015). */
  | { type: 'ABANDON' }
  /** The step timer fired; `at` is the timer run's time (R-ORD-026). */
  | { type: 'EXPIRE_45D'; at: Date }
  | { type: 'INITIAL_APPROVE' }
  | { type: 'INITIAL_REJECT'; reasons: readonly string[] }
  /** Photo re-review passes; the provider submits to the bureau (T13). */
  | { type: 'RE_REVIEW_APPROVE' }
  | { type: 'RE_REVIEW_REJECT'; reasons: readonly string[] }
  /** A synced bureau approval (T18). */
  | { type: 'BUREAU_APPROVE' }
  /** A synced bureau rejection (T19); `photoFlagged` when a reason concerns the curtain photo (R-REJ-004). */
  | { type: 'BUREAU_REJECT'; reasons: readonly string[]; photoFlagged: boolean }
  /** The access server or the authorisation code's server expired (T23, R-ACC-013). */
  | { type: 'SERVER_EXPIRED' }
  /** That server was renewed: the flag clears (R-ACC-013). */
  | { type: 'SERVER_RENEWED' };

/** Per-order facts the lifecycle remembers across states. */
export interface OrderFlags {
  /** R-ACC-013: reviews cannot pass while set. */
  serverExpired: boolean;
  /** R-ORD-014: 撤销备案/返回修改 was clicked since the last rejection. Every state change clears it. */
  editUnlocked: boolean;
  /** Initial review has passed at least once; for ACCESS this is when temporary access started (R-ACS-007). */
  initialReviewPassed: boolean;
  /** Photo re-review passed and no bureau rejection flagged the photo since; routes T05 vs T06 (R-ORD-019). */
  photoApproved: boolean;
}

export const INITIAL_FLAGS: OrderFlags = {
  serverExpired: false,
  editUnlocked: false,
  initialReviewPassed: false,
  photoApproved: false,
};

/** What `decide` needs to know about an order. The lead loads it inside the transaction. */
export interface OrderSnapshot {
  type: OrderType;
  state: OrderState;
  /** When the order entered `state`; the 45-day step limit counts from here (R-ORD-026). */
  stateEnteredAt: Date;
  /** `provider` for a provider-initiated cancel access (R-CHG-018): the back office (admin) acts as the owner. */
  initiator: 'customer' | 'provider';
  /** The authorisation code the order reserved (R-ACC-020/021), if any. */
  authCodeId: string | null;
  /** The bureau's review time for the order's province and type (R-ORD-022, R-PRV-002, R-CHG-012). */
  bureauWorkingDays: number;
  flags: OrderFlags;
  /** Every required curtain photo is attached (R-MAT-016). */
  curtainPhotosComplete: boolean;
  /** Block-severity violations the rules module reports for the current data (R-ORD-003). */
  openBlockingViolations: number;
}

/**
 * Effect on the gateway decision for one group of domains (R-ACS-006..010):
 * ALLOWED = filed and accessed here (permanent); TEMPORARY = an ACCESS order's temporary access (R-ACS-007);
 * BLOCKED = not served here (for ACC: this order's temporary access is revoked); UNCHANGED = whatever was in force.
 */
export type DomainAccess = 'ALLOWED' | 'BLOCKED' | 'TEMPORARY' | 'UNCHANGED';

/** CHG distinguishes the domains a CHANGE_WEBSITE adds or removes from those it leaves in place (R-ACS-009). */
export interface ChangeAccess {
  kept: DomainAccess;
  added: DomainAccess;
  removed: DomainAccess;
}

/** The §17.2 access column of one transition, per domain group. */
export interface AccessEffect {
  NEW: DomainAccess;
  ACC: DomainAccess;
  CHG: ChangeAccess;
  CXL: DomainAccess;
}

/** The part of an AccessEffect that concerns one order's domains (CXL = the websites the cancellation targets). */
export type ResolvedAccess =
  | { group: Exclude<AccessGroup, 'CHG'>; domains: DomainAccess }
  | ({ group: 'CHG' } & ChangeAccess);

/** Authorisation-code state changes (R-ACC-021). */
export type CodeEffect =
  | { codeId: string; from: 'AVAILABLE'; to: 'RESERVED' }
  | { codeId: string; from: 'RESERVED'; to: 'AVAILABLE' | 'CONSUMED' };

/** Work the lead starts after the transaction commits (outbox). */
export type SideEffect = 'SUBMIT_TO_BUREAU';

/** Notifications a transition sends, by catalogue rule. */
export type NotificationRule =
  | 'R-NTF-001'
  | 'R-NTF-002'
  | 'R-NTF-003'
  | 'R-NTF-004'
  | 'R-NTF-010'
  | 'R-NTF-012'
  | 'R-NTF-013'
  | 'R-NTF-017'
  | 'R-NTF-020';

/** The audit event each accepted decision appends (one per transition, same transaction). */
export const AUDIT_TYPES = [
  'ORDER_CREATED',
  'ORDER_SUBMITTED',
  'ORDER_RESUBMITTED',
  'ORDER_REVOKED_FOR_EDIT',
  'ORDER_EDITED',
  'CURTAIN_PHOTO_UPLOADED',
  'PHOTOS_SUBMITTED',
  'ORDER_ABANDONED',
  'ORDER_EXPIRED',
  'INITIAL_REVIEW_PASSED',
  'INITIAL_REVIEW_PASSED_SUBMITTED_TO_BUREAU',
  'INITIAL_REVIEW_REJECTED',
  'RE_REVIEW_PASSED_SUBMITTED_TO_BUREAU',
  'RE_REVIEW_REJECTED',
  'BUREAU_APPROVED',
  'BUREAU_REJECTED',
  'SERVER_EXPIRED_FLAGGED',
  'SERVER_RENEWED',
] as const;
export type AuditType = (typeof AUDIT_TYPES)[number];

// ---------------------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------------------

/** A condition on the order alone; answers the refusal, or null to let the event through. */
export type Guard = (order: OrderSnapshot) => RefusalCode | Refusal | null;
/** A check of the event's own data (reasons, timer time, edited sections). */
export type EventCheck = (event: OrderEvent, order: OrderSnapshot) => RefusalCode | Refusal | null;

export interface Outcome {
  /** The §17.2 row; null for same-state actions the catalogue states elsewhere (editing, revoking, renewal). */
  transition: TransitionId | null;
  rules: readonly string[];
  /** Picks this outcome when several exist (T05 vs T06); the last outcome has none. */
  when?: (order: OrderSnapshot) => boolean;
  to: OrderState | 'SAME';
  audit: AuditType;
  access: AccessEffect;
  flags?: Partial<OrderFlags> | ((event: OrderEvent) => Partial<OrderFlags>);
  code?: 'RELEASE' | 'CONSUME';
  effects?: readonly SideEffect[];
  notify?: readonly NotificationRule[] | ((order: OrderSnapshot) => readonly NotificationRule[]);
}

export interface AllowCell {
  kind: 'allow';
  roles: readonly Role[];
  guard?: Guard;
  check?: EventCheck;
  outcomes: readonly [Outcome, ...Outcome[]];
}

/** An event the catalogue names as refused in a state, with its specific code (e.g. T20). */
export interface RefuseCell {
  kind: 'refuse';
  code: RefusalCode;
  transition?: TransitionId;
  rules: readonly string[];
}

export type Cell = AllowCell | RefuseCell;
export type TransitionRow = Partial<Record<OrderEventType, Cell>>;

const CHG_UNCHANGED: ChangeAccess = { kept: 'UNCHANGED', added: 'UNCHANGED', removed: 'UNCHANGED' };
const NO_ACCESS_CHANGE: AccessEffect = { NEW: 'UNCHANGED', ACC: 'UNCHANGED', CHG: CHG_UNCHANGED, CXL: 'UNCHANGED' };
/** Abandon/expiry after initial review may have passed: an ACCESS order's temporary access ends (R-ACS-007). */
const REVOKE_TEMPORARY: AccessEffect = { ...NO_ACCESS_CHANGE, ACC: 'BLOCKED' };

/** T01: new and access domains are not served here yet; filed domains of change/cancel orders keep their access. */
export const CREATE_ACCESS: AccessEffect = {
  NEW: 'BLOCKED',
  ACC: 'BLOCKED',
  CHG: CHG_UNCHANGED,
  CXL: 'UNCHANGED',
};
/** T05: an ACCESS order's domains are served from the initial-review pass on (R-ACS-007); NEW stay blocked (R-ACS-008). */
const INITIAL_PASS_ACCESS: AccessEffect = { ...NO_ACCESS_CHANGE, NEW: 'BLOCKED', ACC: 'TEMPORARY' };
/** T18: approval after sync (R-ACS-006, R-ACS-009, R-ACS-010). */
const APPROVAL_ACCESS: AccessEffect = {
  NEW: 'ALLOWED',
  ACC: 'ALLOWED',
  CHG: { kept: 'UNCHANGED', added: 'ALLOWED', removed: 'BLOCKED' },
  CXL: 'BLOCKED',
};

const CUSTOMER: readonly Role[] = ['customer'];
const REVIEWER: readonly Role[] = ['reviewer'];
const SYSTEM: readonly Role[] = ['system'];
const BUREAU: readonly Role[] = ['bureau'];
/** R-MAT-018/019: the customer, photo-point staff, or the provider for a photo verification point. */
const PHOTO_UPLOADERS: readonly Role[] = ['customer', 'photo_agent', 'reviewer'];

const noOpenViolations: Guard = (o) =>
  o.openBlockingViolations > 0 ? refusal('RULE_VIOLATIONS_OPEN', { count: o.openBlockingViolations }) : null;
const photosComplete: Guard = (o) => (o.curtainPhotosComplete ? null : 'PHOTO_MISSING');
const serverValid: Guard = (o) => (o.flags.serverExpired ? 'SERVER_EXPIRED_FLAG' : null);
const editUnlocked: Guard = (o) => (o.flags.editUnlocked ? null : 'REVOKE_TO_MODIFY');
const notYetUnlocked: Guard = (o) => (o.flags.editUnlocked ? 'ORDER_ALREADY_EDITABLE' : null);

const reasonsGiven: EventCheck = (e) => ('reasons' in e && e.reasons.length > 0 ? null : 'REJECTION_REASON_REQUIRED');
const STEP_MS = STEP_VALIDITY_DAYS * 24 * 60 * 60 * 1000;
/** A stale or early timer must not expire an order: 45 × 24 h in the current state (R-ORD-026 note). */
const stepElapsed: EventCheck = (e, o) =>
  e.type === 'EXPIRE_45D' && e.at.getTime() - o.stateEnteredAt.getTime() >= STEP_MS ? null : 'STEP_NOT_EXPIRED';
const sectionsEditable: EventCheck = (e, o) => (e.type === 'EDIT' ? checkEditSections(o.type, e.sections) : null);

function abandon(transition: TransitionId, access: AccessEffect): AllowCell {
  return {
    kind: 'allow',
    roles: CUSTOMER,
    outcomes: [
      { transition, rules: ['R-ORD-015'], to: 'ABANDONED', audit: 'ORDER_ABANDONED', access, code: 'RELEASE' },
    ],
  };
}

function expire(transition: TransitionId, access: AccessEffect): AllowCell {
  return {
    kind: 'allow',
    roles: SYSTEM,
    check: stepElapsed,
    outcomes: [
      {
        transition,
        rules: ['R-ORD-026', 'R-ORD-028'],
        to: 'EXPIRED',
        audit: 'ORDER_EXPIRED',
        access,
        code: 'RELEASE',
      },
    ],
  };
}

function refuse(code: RefusalCode, rules: readonly string[], transition?: TransitionId): RefuseCell {
  return transition ? { kind: 'refuse', code, rules, transition } : { kind: 'refuse', code, rules };
}

/** T23 and its counterpart: the SERVER_EXPIRED flag is set and cleared in every non-terminal state (R-ACC-013). */
const SERVER_EVENTS = {
  SERVER_EXPIRED: {
    kind: 'allow',
    roles: SYSTEM,
    guard: (o) => (o.flags.serverExpired ? 'SERVER_ALREADY_FLAGGED' : null),
    outcomes: [
      {
        transition: 'T23',
        rules: ['R-ACC-013', 'R-NTF-010'],
        to: 'SAME',
        audit: 'SERVER_EXPIRED_FLAGGED',
        access: NO_ACCESS_CHANGE,
        flags: { serverExpired: true },
        notify: ['R-NTF-010'],
      },
    ],
  },
  SERVER_RENEWED: {
    kind: 'allow',
    roles: SYSTEM,
    guard: (o) => (o.flags.serverExpired ? null : 'SERVER_NOT_FLAGGED'),
    outcomes: [
      {
        transition: null,
        rules: ['R-ACC-013'],
        to: 'SAME',
        audit: 'SERVER_RENEWED',
        access: NO_ACCESS_CHANGE,
        flags: { serverExpired: false },
      },
    ],
  },
} satisfies TransitionRow;

/** Reopening a rejected order for editing, and editing it (R-ORD-014, R-REJ-002). */
const REJECTED_EDITING = {
  REVOKE: {
    kind: 'allow',
    roles: CUSTOMER,
    guard: notYetUnlocked,
    outcomes: [
      {
        transition: null,
        rules: ['R-ORD-014', 'R-REJ-001'],
        to: 'SAME',
        audit: 'ORDER_REVOKED_FOR_EDIT',
        access: NO_ACCESS_CHANGE,
        flags: { editUnlocked: true },
      },
    ],
  },
  EDIT: {
    kind: 'allow',
    roles: CUSTOMER,
    guard: editUnlocked,
    check: sectionsEditable,
    outcomes: [{ transition: null, rules: ['R-ORD-014'], to: 'SAME', audit: 'ORDER_EDITED', access: NO_ACCESS_CHANGE }],
  },
} satisfies TransitionRow;

const UPLOAD_PHOTO_CELL: AllowCell = {
  kind: 'allow',
  roles: PHOTO_UPLOADERS,
  outcomes: [
    {
      transition: null,
      rules: ['R-MAT-017', 'R-MAT-019', 'R-NTF-017'],
      to: 'SAME',
      audit: 'CURTAIN_PHOTO_UPLOADED',
      access: NO_ACCESS_CHANGE,
      // R-NTF-017: a photo point's upload is reported to the customer (the notifier skips the customer's own uploads)
      notify: ['R-NTF-017'],
    },
  ],
};

const LOCKED = ['R-ORD-016', 'R-CHG-014'] as const;

const TABLE = {
  DRAFT: {
    SUBMIT: {
      kind: 'allow',
      roles: CUSTOMER,
      guard: noOpenViolations,
      outcomes: [
        {
          transition: 'T02',
          rules: ['R-ORD-003', 'R-ORD-017'],
          to: 'PENDING_INITIAL_REVIEW',
          audit: 'ORDER_SUBMITTED',
          access: NO_ACCESS_CHANGE,
        },
      ],
    },
    EDIT: {
      kind: 'allow',
      roles: CUSTOMER,
      check: sectionsEditable,
      outcomes: [
        { transition: null, rules: ['R-ORD-014'], to: 'SAME', audit: 'ORDER_EDITED', access: NO_ACCESS_CHANGE },
      ],
    },
    REVOKE: refuse('ORDER_ALREADY_EDITABLE', ['R-ORD-014']),
    UPLOAD_PHOTO: refuse('PHOTO_UPLOAD_NOT_OPEN', ['R-MAT-017']),
    ABANDON: abandon('T03', NO_ACCESS_CHANGE),
    EXPIRE_45D: expire('T04', NO_ACCESS_CHANGE),
    ...SERVER_EVENTS,
  },

  PENDING_INITIAL_REVIEW: {
    INITIAL_APPROVE: {
      kind: 'allow',
      roles: REVIEWER,
      guard: serverValid,
      outcomes: [
        {
          transition: 'T05',
          rules: ['R-ORD-019', 'R-ACS-007', 'R-NTF-004'],
          when: (o) => hasPhotoStep(o.type) && !o.flags.photoApproved,
          to: 'PHOTO_PENDING',
          audit: 'INITIAL_REVIEW_PASSED',
          access: INITIAL_PASS_ACCESS,
          flags: { initialReviewPassed: true },
          notify: ['R-NTF-004'],
        },
        {
          transition: 'T06',
          rules: ['R-ORD-019', 'R-REJ-004', 'R-CHG-012'],
          to: 'PENDING_BUREAU',
          audit: 'INITIAL_REVIEW_PASSED_SUBMITTED_TO_BUREAU',
          access: NO_ACCESS_CHANGE,
          flags: { initialReviewPassed: true },
          effects: ['SUBMIT_TO_BUREAU'],
        },
      ],
    },
    INITIAL_REJECT: {
      kind: 'allow',
      roles: REVIEWER,
      check: reasonsGiven,
      outcomes: [
        {
          transition: 'T07',
          rules: ['R-REJ-001', 'R-NTF-001'],
          to: 'INITIAL_REJECTED',
          audit: 'INITIAL_REVIEW_REJECTED',
          access: NO_ACCESS_CHANGE,
          notify: ['R-NTF-001'],
        },
      ],
    },
    EDIT: refuse('WAIT_FOR_INITIAL_REVIEW', ['R-ORD-014']),
    REVOKE: refuse('WAIT_FOR_INITIAL_REVIEW', ['R-ORD-014']),
    UPLOAD_PHOTO: refuse('WAIT_FOR_INITIAL_REVIEW', ['R-ORD-014', 'R-MAT-017']),
    ABANDON: abandon('T08', REVOKE_TEMPORARY),
    EXPIRE_45D: expire('T24', REVOKE_TEMPORARY),
    ...SERVER_EVENTS,
  },

  INITIAL_REJECTED: {
    RESUBMIT: {
      kind: 'allow',
      roles: CUSTOMER,
      guard: noOpenViolations,
      outcomes: [
        {
          transition: 'T09',
          rules: ['R-REJ-002', 'R-ORD-017'],
          to: 'PENDING_INITIAL_REVIEW',
          audit: 'ORDER_RESUBMITTED',
          access: NO_ACCESS_CHANGE,
        },
      ],
    },
    ...REJECTED_EDITING,
    UPLOAD_PHOTO: refuse('PHOTO_UPLOAD_NOT_OPEN', ['R-MAT-017']),
    ABANDON: abandon('T10', REVOKE_TEMPORARY),
    EXPIRE_45D: expire('T10', REVOKE_TEMPORARY),
    ...SERVER_EVENTS,
  },

  PHOTO_PENDING: {
    SUBMIT_PHOTOS: {
      kind: 'allow',
      roles: ['customer', 'photo_agent'],
      guard: photosComplete,
      outcomes: [
        {
          transition: 'T11',
          rules: ['R-ORD-020', 'R-MAT-016', 'R-MAT-019'],
          to: 'PENDING_RE_REVIEW',
          audit: 'PHOTOS_SUBMITTED',
          access: NO_ACCESS_CHANGE,
        },
      ],
    },
    UPLOAD_PHOTO: UPLOAD_PHOTO_CELL,
    EDIT: refuse('ABANDON_TO_MODIFY', ['R-ORD-014']),
    REVOKE: refuse('ABANDON_TO_MODIFY', ['R-ORD-014']),
    ABANDON: abandon('T12', REVOKE_TEMPORARY),
    EXPIRE_45D: expire('T12', REVOKE_TEMPORARY),
    ...SERVER_EVENTS,
  },

  PENDING_RE_REVIEW: {
    RE_REVIEW_APPROVE: {
      kind: 'allow',
      roles: REVIEWER,
      guard: serverValid,
      outcomes: [
        {
          transition: 'T13',
          rules: ['R-ORD-021'],
          to: 'PENDING_BUREAU',
          audit: 'RE_REVIEW_PASSED_SUBMITTED_TO_BUREAU',
          access: NO_ACCESS_CHANGE,
          flags: { photoApproved: true },
          effects: ['SUBMIT_TO_BUREAU'],
        },
      ],
    },
    RE_REVIEW_REJECT: {
      kind: 'allow',
      roles: REVIEWER,
      check: reasonsGiven,
      outcomes: [
        {
          transition: 'T14',
          rules: ['R-ORD-021', 'R-REJ-003', 'R-NTF-002'],
          to: 'RE_REVIEW_REJECTED',
          audit: 'RE_REVIEW_REJECTED',
          access: NO_ACCESS_CHANGE,
          notify: ['R-NTF-002'],
        },
      ],
    },
    EDIT: refuse('ABANDON_TO_MODIFY', ['R-ORD-014']),
    REVOKE: refuse('ABANDON_TO_MODIFY', ['R-ORD-014']),
    UPLOAD_PHOTO: refuse('WAIT_FOR_RE_REVIEW', ['R-ORD-014']),
    ABANDON: abandon('T15', REVOKE_TEMPORARY),
    EXPIRE_45D: expire('T24', REVOKE_TEMPORARY),
    ...SERVER_EVENTS,
  },

  RE_REVIEW_REJECTED: {
    SUBMIT_PHOTOS: {
      kind: 'allow',
      roles: CUSTOMER,
      guard: photosComplete,
      outcomes: [
        {
          transition: 'T16',
          rules: ['R-REJ-003', 'R-ORD-020'],
          to: 'PENDING_RE_REVIEW',
          audit: 'PHOTOS_SUBMITTED',
          access: NO_ACCESS_CHANGE,
        },
      ],
    },
    UPLOAD_PHOTO: UPLOAD_PHOTO_CELL,
    EDIT: refuse('ABANDON_TO_MODIFY', ['R-ORD-014', 'R-REJ-003']),
    REVOKE: refuse('ABANDON_TO_MODIFY', ['R-ORD-014', 'R-REJ-003']),
    ABANDON: abandon('T17', REVOKE_TEMPORARY),
    EXPIRE_45D: expire('T17', REVOKE_TEMPORARY),
    ...SERVER_EVENTS,
  },

  PENDING_BUREAU: {
    BUREAU_APPROVE: {
      kind: 'allow',
      roles: BUREAU,
      outcomes: [
        {
          transition: 'T18',
          rules: ['R-BUR-011', 'R-ACS-006', 'R-ACS-009', 'R-ACS-010', 'R-ACC-021'],
          to: 'APPROVED',
          audit: 'BUREAU_APPROVED',
          access: APPROVAL_ACCESS,
          code: 'CONSUME',
          notify: (o) =>
            o.type === 'CANCEL_ACCESS'
              ? ['R-NTF-013', 'R-NTF-020']
              : accessGroupOf(o.type) === 'CXL'
                ? ['R-NTF-020']
                : ['R-NTF-012', 'R-NTF-020'],
        },
      ],
    },
    BUREAU_REJECT: {
      kind: 'allow',
      roles: BUREAU,
      check: reasonsGiven,
      outcomes: [
        {
          transition: 'T19',
          rules: ['R-BUR-011', 'R-REJ-004', 'R-NTF-003'],
          to: 'BUREAU_REJECTED',
          audit: 'BUREAU_REJECTED',
          access: NO_ACCESS_CHANGE,
          // A flagged photo must pass re-review again, so the resubmission is routed through PHOTO_PENDING (T05).
          flags: (e): Partial<OrderFlags> =>
            e.type === 'BUREAU_REJECT' && e.photoFlagged ? { photoApproved: false } : {},
          notify: ['R-NTF-003', 'R-NTF-020'],
        },
      ],
    },
    EDIT: refuse('ORDER_LOCKED_AT_BUREAU', LOCKED, 'T20'),
    ABANDON: refuse('ORDER_LOCKED_AT_BUREAU', LOCKED, 'T20'),
    REVOKE: refuse('ORDER_LOCKED_AT_BUREAU', LOCKED),
    UPLOAD_PHOTO: refuse('ORDER_LOCKED_AT_BUREAU', LOCKED),
    RESUBMIT: refuse('ORDER_LOCKED_AT_BUREAU', LOCKED),
    EXPIRE_45D: refuse('STEP_TIMER_EXEMPT', ['R-ORD-026']),
    ...SERVER_EVENTS,
  },

  BUREAU_REJECTED: {
    RESUBMIT: {
      kind: 'allow',
      roles: CUSTOMER,
      guard: noOpenViolations,
      outcomes: [
        {
          transition: 'T21',
          rules: ['R-REJ-004', 'R-ORD-017'],
          to: 'PENDING_INITIAL_REVIEW',
          audit: 'ORDER_RESUBMITTED',
          access: NO_ACCESS_CHANGE,
        },
      ],
    },
    ...REJECTED_EDITING,
    UPLOAD_PHOTO: refuse('PHOTO_UPLOAD_NOT_OPEN', ['R-MAT-017', 'R-REJ-004']),
    ABANDON: abandon('T22', REVOKE_TEMPORARY),
    EXPIRE_45D: expire('T22', REVOKE_TEMPORARY),
    ...SERVER_EVENTS,
  },

  APPROVED: {},
  ABANDONED: {},
  EXPIRED: {},
} satisfies Record<OrderState, TransitionRow>;

/**
 * THE transition table (DESIGN decision 1): state × event → cell. A missing cell is refused with
 * EVENT_NOT_ALLOWED_IN_STATE (ORDER_CLOSED in a terminal state); nothing is ever silently ignored.
 */
export const TRANSITIONS: Readonly<Record<OrderState, TransitionRow>> = TABLE;

/** T01: creation from the verify step (or a change/cancel action); `decideCreate` applies it. */
export const CREATE_TRANSITION = {
  transition: 'T01',
  rules: ['R-ORD-002', 'R-ORD-003', 'R-ORD-004', 'R-ACC-021'],
  to: 'DRAFT',
  audit: 'ORDER_CREATED',
  access: CREATE_ACCESS,
} as const satisfies Omit<Outcome, 'to'> & { to: OrderState };

// ---------------------------------------------------------------------------------------------------------------
// decide
// ---------------------------------------------------------------------------------------------------------------

export interface Accepted {
  ok: true;
  transition: TransitionId | null;
  rules: readonly string[];
  from: OrderState | null;
  to: OrderState;
  stateChanged: boolean;
  auditType: AuditType;
  /** The §17.2 access column of the transition, for every group. */
  accessEffect: AccessEffect;
  /** The part of `accessEffect` for this order's domains, for the access projection. */
  access: ResolvedAccess;
  /** Timers to set (relative to now) and to clear; the lead computes due dates with the calendar module. */
  timers: { set: TimerSpec[]; clear: TimerKind[] };
  codeEffect?: CodeEffect;
  /** Flags to write on the order. */
  flags: Partial<OrderFlags>;
  effects: readonly SideEffect[];
  notify: readonly NotificationRule[];
}

export type TransitionRefusal = Refusal & { transition?: TransitionId };
export type Decision = Accepted | TransitionRefusal;

/**
 * The "customer" side of a provider-initiated cancel access (R-CHG-018) is the provider's back office: there the
 * admin plays the owner and the customer does not.
 */
function playsRole(order: Pick<OrderSnapshot, 'initiator'>, actor: Actor, role: Role): boolean {
  if (role === 'customer') return actor.role === (order.initiator === 'provider' ? 'admin' : 'customer');
  return actor.role === role;
}

/** Every role that may trigger `event` in some state: an actor outside it is refused before the state is looked at. */
export function rolesForEvent(event: OrderEventType): readonly Role[] {
  return EVENT_ROLES[event];
}

const EVENT_ROLES = Object.fromEntries(
  ORDER_EVENT_TYPES.map((event) => {
    const roles = new Set<Role>();
    for (const state of ORDER_STATES) {
      const cell = TRANSITIONS[state][event];
      if (cell?.kind === 'allow') for (const r of cell.roles) roles.add(r);
    }
    return [event, [...roles]];
  }),
) satisfies Record<string, Role[]>;

function asRefusal(r: RefusalCode | Refusal, params?: RefusalParams): Refusal {
  return typeof r === 'string' ? refusal(r, params) : r;
}

export function resolveAccess(effect: AccessEffect, type: OrderType): ResolvedAccess {
  const group = accessGroupOf(type);
  if (group === 'CHG') return { group, ...effect.CHG };
  return { group, domains: effect[group] };
}

/** Checks role, cell and guard, without the event's own data: "could this actor do this now?" */
function evaluateCell(
  order: OrderSnapshot,
  eventType: OrderEventType,
  actor: Actor,
): { ok: true; cell: AllowCell } | TransitionRefusal {
  const label = stateLabel(order.state, order.type);
  const stateParams = { state: order.state, stateZh: label.zh, stateEn: label.en };
  if (!rolesForEvent(eventType).some((r) => playsRole(order, actor, r))) return refusal('ROLE_NOT_ALLOWED');
  const cell = TRANSITIONS[order.state][eventType];
  if (!cell) return refusal(isTerminal(order.state) ? 'ORDER_CLOSED' : 'EVENT_NOT_ALLOWED_IN_STATE', stateParams);
  if (cell.kind === 'refuse') {
    const r = refusal(cell.code, stateParams);
    return cell.transition ? { ...r, transition: cell.transition } : r;
  }
  if (!cell.roles.some((r) => playsRole(order, actor, r))) return refusal('ROLE_NOT_ALLOWED');
  const blocked = cell.guard?.(order);
  if (blocked) return asRefusal(blocked, stateParams);
  return { ok: true, cell };
}

/**
 * Decides an event on an order: the next state and everything the lead's `transition()` must write in the same
 * transaction (audit event, flags, timers, access projection, authorisation code), or the refusal. Pure.
 */
export function decide(order: OrderSnapshot, event: OrderEvent, actor: Actor): Decision {
  const evaluated = evaluateCell(order, event.type, actor);
  if (!evaluated.ok) return evaluated;
  const { cell } = evaluated;
  const invalid = cell.check?.(event, order);
  if (invalid) return asRefusal(invalid);

  const outcome = cell.outcomes.find((o) => !o.when || o.when(order)) ?? cell.outcomes[cell.outcomes.length - 1];
  const to = outcome.to === 'SAME' ? order.state : outcome.to;
  const stateChanged = to !== order.state;
  const flags: Partial<OrderFlags> = {
    // R-ORD-014: 撤销备案 opens editing for the current rejection only.
    ...(stateChanged && order.flags.editUnlocked ? { editUnlocked: false } : {}),
    ...(typeof outcome.flags === 'function' ? outcome.flags(event) : outcome.flags),
  };
  const codeEffect: CodeEffect | undefined =
    outcome.code && order.authCodeId
      ? outcome.code === 'RELEASE'
        ? { codeId: order.authCodeId, from: 'RESERVED', to: 'AVAILABLE' }
        : { codeId: order.authCodeId, from: 'RESERVED', to: 'CONSUMED' }
      : undefined;
  const notify = typeof outcome.notify === 'function' ? outcome.notify(order) : (outcome.notify ?? []);

  return {
    ok: true,
    transition: outcome.transition,
    rules: outcome.rules,
    from: order.state,
    to,
    stateChanged,
    auditType: outcome.audit,
    accessEffect: outcome.access,
    access: resolveAccess(outcome.access, order.type),
    timers: stateChanged
      ? { set: timersForState(to, order.bureauWorkingDays), clear: timerKindsOfState(order.state) }
      : { set: [], clear: [] },
    ...(codeEffect ? { codeEffect } : {}),
    flags,
    effects: outcome.effects ?? [],
    notify,
  };
}

/**
 * The snapshot after an accepted decision, as the lead's transaction will have written it. For simulations, the demo
 * clock and tests; the database remains the record.
 */
export function applyDecision(order: OrderSnapshot, decision: Accepted, at: Date): OrderSnapshot {
  return {
    ...order,
    state: decision.to,
    stateEnteredAt: decision.stateChanged ? at : order.stateEnteredAt,
    flags: { ...order.flags, ...decision.flags },
  };
}

export interface NewOrder {
  type: OrderType;
  initiator: 'customer' | 'provider';
  authCodeId: string | null;
  bureauWorkingDays: number;
}

/**
 * T01: an order comes into being in DRAFT. The account-level limits (one subject, one order in flight) and the verify
 * step are checked before this (limits.ts, detect-type.ts). A provider may only initiate CANCEL_ACCESS (R-CHG-018).
 */
export function decideCreate(order: NewOrder, actor: Actor): Decision {
  if (order.initiator === 'provider' && order.type !== 'CANCEL_ACCESS') {
    return refusal('PROVIDER_MAY_ONLY_CANCEL_ACCESS');
  }
  if (!playsRole(order, actor, 'customer')) return refusal('ROLE_NOT_ALLOWED');
  const t = CREATE_TRANSITION;
  return {
    ok: true,
    transition: t.transition,
    rules: t.rules,
    from: null,
    to: t.to,
    stateChanged: true,
    auditType: t.audit,
    accessEffect: t.access,
    access: resolveAccess(t.access, order.type),
    timers: { set: timersForState(t.to, order.bureauWorkingDays), clear: [] },
    ...(order.authCodeId
      ? { codeEffect: { codeId: order.authCodeId, from: 'AVAILABLE', to: 'RESERVED' } satisfies CodeEffect }
      : {}),
    flags: { ...INITIAL_FLAGS },
    effects: [],
    notify: [],
  };
}

/**
 * The events `actor` may trigger on `order` now (role, state and order guards; the event's own data such as
 * rejection reasons are not judged). Serialised to the console so the UI never restates a rule.
 */
export function allowedEvents(order: OrderSnapshot, actor: Actor): OrderEventType[] {
  return ORDER_EVENT_TYPES.filter((e) => evaluateCell(order, e, actor).ok);
}

/** One flat row per transition outcome, ordered by catalogue number (same-state actions last): for docs and reports. */
export interface TransitionListing {
  transition: TransitionId | null;
  from: OrderState | null;
  event: OrderEventType | 'CREATE';
  to: OrderState;
  roles: readonly Role[];
  audit: AuditType;
  access: AccessEffect;
  rules: readonly string[];
  condition: string | null;
}

const OUTCOME_CONDITIONS: Partial<Record<TransitionId, string>> = {
  T05: 'photo step not yet passed',
  T06: 'CANCEL_* or photo already approved',
};

export function listTransitions(): TransitionListing[] {
  const rows: TransitionListing[] = [
    {
      transition: CREATE_TRANSITION.transition,
      from: null,
      event: 'CREATE',
      to: CREATE_TRANSITION.to,
      roles: CUSTOMER,
      audit: CREATE_TRANSITION.audit,
      access: CREATE_TRANSITION.access,
      rules: CREATE_TRANSITION.rules,
      condition: null,
    },
  ];
  for (const from of ORDER_STATES) {
    for (const event of ORDER_EVENT_TYPES) {
      const cell = TRANSITIONS[from][event];
      if (cell?.kind !== 'allow') continue;
      for (const o of cell.outcomes) {
        rows.push({
          transition: o.transition,
          from,
          event,
          to: o.to === 'SAME' ? from : o.to,
          roles: cell.roles,
          audit: o.audit,
          access: o.access,
          rules: o.rules,
          condition: (o.transition && OUTCOME_CONDITIONS[o.transition]) ?? null,
        });
      }
    }
  }
  const rank = (r: TransitionListing) => (r.transition ? TRANSITION_IDS.indexOf(r.transition) : TRANSITION_IDS.length);
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** The refusals the table names explicitly (T20 and friends), for docs. */
export function listNamedRefusals(): { from: OrderState; event: OrderEventType; code: RefusalCode }[] {
  const out: { from: OrderState; event: OrderEventType; code: RefusalCode }[] = [];
  for (const from of ORDER_STATES) {
    for (const event of ORDER_EVENT_TYPES) {
      const cell = TRANSITIONS[from][event];
      if (cell?.kind === 'refuse') out.push({ from, event, code: cell.code });
    }
  }
  return out;
}
