import type { FastifyError } from 'fastify';
import type { Violation } from '../../modules/rules/violation.ts';
import { DomainError, type ErrorCode, errorCatalog, type FieldError, httpStatusOf } from '../errors.ts';
import type { Lang } from '../i18n.ts';

/** RFC 9457 problem document, the only error shape the API answers with. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  reason?: string;
  detail: string;
  errors?: FieldError[];
  details?: Record<string, unknown>;
  requestId?: string;
}

function fieldFromViolation(v: Violation, lang: Lang): FieldError {
  return { field: v.field, code: v.code, message: v.message[lang], severity: v.severity, fix: v.fix?.[lang] };
}

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const ajvMessages: Record<string, { zh: string; en: string }> = {
  required: { zh: '必填项缺失', en: 'is required' },
  additionalProperties: { zh: '不允许的字段', en: 'is not an allowed field' },
  type: { zh: '类型错误', en: 'has the wrong type' },
  format: { zh: '格式错误', en: 'has the wrong format' },
  pattern: { zh: '格式错误', en: 'has the wrong format' },
  enum: { zh: '取值不在允许范围内', en: 'is not one of the allowed values' },
  const: { zh: '取值不在允许范围内', en: 'is not the allowed value' },
  maxLength: { zh: '过长', en: 'is too long' },
  minLength: { zh: '过短', en: 'is too short' },
  maximum: { zh: '过大', en: 'is too large' },
  minimum: { zh: '过小', en: 'is too small' },
  maxItems: { zh: '条目过多', en: 'has too many items' },
  minItems: { zh: '条目过少', en: 'has too few items' },
};

/** Turns an Ajv issue into a dotted field path naming the offending field, including the unknown or missing one. */
function ajvField(issue: AjvIssue, part: string): string {
  const base = (issue.instancePath ?? '')
    .split('/')
    .filter(Boolean)
    .map((seg) => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`))
    .join('')
    .replace(/^\./, '');
  const extra = (issue.params?.missingProperty ?? issue.params?.additionalProperty) as string | undefined;
  const path = extra ? (base ? `${base}.${extra}` : extra) : base;
  return path || part;
}

export function toProblem(err: unknown, lang: Lang, requestId?: string): { problem: Problem; internal: boolean } {
  let code: ErrorCode = 'INTERNAL';
  let reason: string | undefined;
  let detail: string | undefined;
  let errors: FieldError[] | undefined;
  let details: Record<string, unknown> | undefined;
  let internal = false;

  if (err instanceof DomainError) {
    code = err.code;
    reason = err.reason;
    detail = err.localized?.[lang];
    if (err.violations.length) errors = err.violations.map((v) => fieldFromViolation(v, lang));
    details = err.details;
  } else {
    const fe = err as FastifyError & { validation?: AjvIssue[]; validationContext?: string };
    if (Array.isArray(fe.validation)) {
      code = 'VALIDATION_FAILED';
      const part = fe.validationContext ?? 'body';
      errors = fe.validation.map((i) => {
        const m = ajvMessages[i.keyword ?? ''];
        const field = ajvField(i, part);
        return {
          field,
          code: `SCHEMA_${(i.keyword ?? 'invalid').toUpperCase()}`,
          message: m ? `${field} ${m[lang]}` : `${field}: ${i.message ?? 'invalid'}`,
        };
      });
    } else if (fe.statusCode === 413 || fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      code = 'PAYLOAD_TOO_LARGE';
      errors = [{ field: 'body', code: 'BODY_TOO_LARGE', message: errorCatalog.PAYLOAD_TOO_LARGE[lang] }];
    } else if (fe.statusCode === 415 || fe.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      code = 'UNSUPPORTED_MEDIA_TYPE';
    } else if (fe.statusCode === 429) {
      code = 'TOO_MANY_REQUESTS';
    } else if (
      fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
      fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
      err instanceof SyntaxError
    ) {
      code = 'BAD_REQUEST';
      reason = 'MALFORMED_JSON';
      errors = [
        {
          field: 'body',
          code: 'MALFORMED_JSON',
          message: lang === 'zh' ? '请求体不是合法的 JSON' : 'The body is not valid JSON',
        },
      ];
    } else if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
      code = fe.statusCode === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
      reason = fe.code;
    } else {
      internal = true;
    }
  }
  const status = httpStatusOf(code);
  const entry = errorCatalog[code];
  return {
    internal,
    problem: {
      type: `https://beian.dev/problems/${code.toLowerCase().replaceAll('_', '-')}`,
      title: entry[lang],
      status,
      code,
      ...(reason ? { reason } : {}),
      detail: detail ?? errors?.[0]?.message ?? entry[lang],
      ...(errors ? { errors } : {}),
      ...(details ? { details } : {}),
      ...(requestId ? { requestId } : {}),
    },
  };
}
