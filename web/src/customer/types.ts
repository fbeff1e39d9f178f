import type { OrderVariant } from '../../../src/modules/filings/domain/order-types.ts';
import type { OrderState } from '../../../src/modules/filings/domain/states.ts';
import type { OrderEventType } from '../../../src/modules/filings/domain/transitions.ts';
import type { AuthCodeState } from '../../../src/modules/rules/context.ts';
import type { FilingDraft, MaterialKind, OrderType } from '../../../src/modules/rules/draft.ts';

/** Shapes the console reads from the API (src/modules/filings/orders.service.ts `view`, resources routes …). */

export interface RejectionReasonView {
  code: string;
  field: string;
  message: string;
  fix?: string;
}

export interface OrderView {
  id: string;
  orderNo: string;
  type: OrderType;
  variant: OrderVariant | null;
  state: OrderState;
  version: number;
  province: string | null;
  accessIp: string | null;
  summary: {
    subjectName: string | null;
    subjectType: string | null;
    certMasked: string | null;
    websites: { name: string | null; domains: string[] }[];
  };
  flags: Partial<{
    serverExpired: boolean;
    editUnlocked: boolean;
    initialReviewPassed: boolean;
    photoApproved: boolean;
  }>;
  rejection: { step: OrderState; reasons: RejectionReasonView[]; at: number } | null;
  stateEnteredAt: number;
  submittedAt: number | null;
  createdAt: number;
}

export interface OrderDetail extends OrderView {
  draft: FilingDraft;
  allowedEvents: OrderEventType[];
}

export interface OrderEventView {
  seq: number;
  at: number;
  actorRole: string;
  event: string;
  from: OrderState | null;
  to: OrderState;
  details: Record<string, unknown> | null;
}

/** POST /api/v1/orders (the verify step). */
export interface VerifyResult {
  id: string;
  orderNo: string;
  /** The verify step only ever creates these three (R-ORD-004). */
  type: Extract<OrderType, 'FIRST' | 'ADD_WEBSITE' | 'ACCESS'>;
  variant: OrderVariant | null;
  state: OrderState;
  version: number;
}

export interface AuthCodeView {
  id: string;
  code: string;
  serverId: string;
  serverName: string;
  ip: string | null;
  state: AuthCodeState;
  orderId: string | null;
  createdAt: number;
}

/** POST/GET /api/v1/orders/:id/materials (being added by the lead). */
export interface MaterialView {
  id: string;
  kind: MaterialKind;
  websiteIndex?: number | null;
  width?: number;
  height?: number;
  size?: number;
  fileName?: string;
  createdAt?: number;
}

/** PUT /api/v1/orders/:id/draft. */
export interface SaveDraftResult {
  id: string;
  state: OrderState;
  version: number;
  check: { blocking: number; violations: import('../../../src/modules/rules/violation.ts').Violation[] };
}

export type { ServerView } from '../../../src/modules/resources/servers.service.ts';
