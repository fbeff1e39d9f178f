import { DomainError, type ErrorCode } from '../../../platform/errors.ts';
import type { Violation } from '../../rules/violation.ts';

/**
 * Why a MIIT protocol step failed. Each reason maps to one platform ErrorCode and, where the spec has one, to the
 * msg_code the bureau side answers with (section 3-4), so the simulator and the client agree on the same table.
 */
export const miitFailures = {
  MIIT_UNSUPPORTED_ENCRYPT_ALGORITHM: { code: 'BAD_REQUEST', msgCode: 9 },
  MIIT_UNSUPPORTED_HASH_ALGORITHM: { code: 'BAD_REQUEST', msgCode: 10 },
  MIIT_UNSUPPORTED_COMPRESSION: { code: 'BAD_REQUEST', msgCode: 11 },
  MIIT_DECRYPT_FAILED: { code: 'BAD_REQUEST', msgCode: 6 },
  MIIT_HASH_MISMATCH: { code: 'BAD_REQUEST', msgCode: 7 },
  MIIT_DECOMPRESS_FAILED: { code: 'BAD_REQUEST', msgCode: 8 },
  MIIT_RANDVAL_INVALID: { code: 'BAD_REQUEST', msgCode: 16 },
  MIIT_FILE_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', msgCode: 18 },
  MIIT_FILE_NAME_INVALID: { code: 'VALIDATION_FAILED', msgCode: 999 },
  MIIT_TOO_MANY_RECORDS: { code: 'VALIDATION_FAILED', msgCode: 5001 },
  MIIT_PAYLOAD_INVALID: { code: 'VALIDATION_FAILED', msgCode: 5001 },
  MIIT_VERSION_MISMATCH: { code: 'VALIDATION_FAILED', msgCode: 5004 },
  MIIT_SOAP_MALFORMED: { code: 'BAD_REQUEST', msgCode: 999 },
  MIIT_SOAP_FAULT: { code: 'SERVICE_UNAVAILABLE', msgCode: 999 },
  MIIT_REFUSED: { code: 'CONFLICT', msgCode: 999 },
  MIIT_OUT_OF_SEQUENCE: { code: 'CONFLICT', msgCode: 14 },
  MIIT_UNAVAILABLE: { code: 'SERVICE_UNAVAILABLE', msgCode: 999 },
} as const satisfies Record<string, { code: ErrorCode; msgCode: number }>;

export type MiitFailure = keyof typeof miitFailures;

export interface MiitErrorOptions {
  zh: string;
  en: string;
  /** The msg_code the bureau answered with, when the failure is the bureau's answer. */
  msgCode?: number;
  violations?: Violation[];
  details?: Record<string, unknown>;
}

/** A DomainError whose `reason` is a closed MIIT failure, so callers can branch on it without string matching. */
export class MiitProtocolError extends DomainError {
  readonly failure: MiitFailure;
  readonly msgCode: number;

  constructor(failure: MiitFailure, opts: MiitErrorOptions) {
    const msgCode = opts.msgCode ?? miitFailures[failure].msgCode;
    super(miitFailures[failure].code, {
      reason: failure,
      message: { zh: opts.zh, en: opts.en },
      violations: opts.violations,
      details: { msgCode, ...opts.details },
    });
    this.name = 'MiitProtocolError';
    this.failure = failure;
    this.msgCode = msgCode;
  }
}

export function miitError(
  failure: MiitFailure,
  zh: string,
  en: string,
  extra: Omit<MiitErrorOptions, 'zh' | 'en'> = {},
) {
  return new MiitProtocolError(failure, { zh, en, ...extra });
}
