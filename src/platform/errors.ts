import type { Violation } from '../modules/rules/violation.ts';
import type { LocalizedText } from './i18n.ts';

/**
 * The closed set of error codes the API can answer with. Each maps to exactly one HTTP status in
 * `httpStatusOf` (keyed by the union, so a code without a status does not compile) and to a default message.
 * Domain code throws `DomainError`; only the HTTP edge knows about statuses.
 */
export const errorCatalog = {
  VALIDATION_FAILED: { status: 400, zh: '提交的数据未通过校验', en: 'The submitted data failed validation' },
  BAD_REQUEST: { status: 400, zh: '请求格式错误', en: 'The request is malformed' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '请求体过大', en: 'The request body is too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录', en: 'Sign in first' },
  INVALID_CREDENTIALS: { status: 401, zh: '账号或密码错误', en: 'Wrong email or password' },
  FORBIDDEN: { status: 403, zh: '无权执行此操作', en: 'You are not allowed to do this' },
  NOT_FOUND: { status: 404, zh: '对象不存在', en: 'Not found' },
  CONFLICT: { status: 409, zh: '与现有数据冲突', en: 'Conflicts with existing data' },
  EMAIL_TAKEN: { status: 409, zh: '该邮箱已注册', en: 'This email is already registered' },
  STALE_VERSION: {
    status: 409,
    zh: '数据已被他人修改，请刷新后重试',
    en: 'The data was changed by someone else; reload and retry',
  },
  ILLEGAL_TRANSITION: {
    status: 409,
    zh: '当前状态不允许此操作',
    en: 'This action is not allowed in the current state',
  },
  RULE_VIOLATION: { status: 422, zh: '不符合备案规则', en: 'The request breaks a filing rule' },
  TOO_MANY_REQUESTS: { status: 429, zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  SERVICE_UNAVAILABLE: { status: 503, zh: '服务暂不可用', en: 'Service unavailable' },
  INTERNAL: { status: 500, zh: '服务器内部错误', en: 'Internal error' },
} as const satisfies Record<string, { status: number; zh: string; en: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export function httpStatusOf(code: ErrorCode): number {
  return errorCatalog[code].status;
}

/** A field-level problem in a validation failure: which field, which rule, what to do. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
  severity?: 'block' | 'warn';
  fix?: string;
}

export interface DomainErrorOptions {
  /** A more specific, stable reason code from the catalogue (e.g. `ORDER_LOCKED_AT_BUREAU`). */
  reason?: string;
  message?: LocalizedText;
  violations?: Violation[];
  details?: Record<string, unknown>;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly reason?: string;
  readonly localized?: LocalizedText;
  readonly violations: Violation[];
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, opts: DomainErrorOptions = {}) {
    super(opts.message?.en ?? opts.reason ?? errorCatalog[code].en);
    this.name = 'DomainError';
    this.code = code;
    this.reason = opts.reason;
    this.localized = opts.message;
    this.violations = opts.violations ?? [];
    this.details = opts.details;
  }
}

/** Shorthand for a refusal that carries a catalogue reason code and its bilingual message. */
export function refuse(
  code: ErrorCode,
  reason: string,
  zh: string,
  en: string,
  details?: Record<string, unknown>,
): DomainError {
  return new DomainError(code, { reason, message: { zh, en }, details });
}

/** Shorthand for a rule refusal: blocking violations become a 422 naming each field and rule. */
export function ruleViolation(violations: Violation[]): DomainError {
  const first = violations[0];
  return new DomainError('RULE_VIOLATION', { reason: first?.code, message: first?.message, violations });
}
