import { type PayloadCodec, payloadCodec } from './codec.ts';
import { type DownloadAckReturn, downloadAckReturnSchema } from './generated/download-ack-return.ts';
import { type DownloadReturn, downloadReturnSchema } from './generated/download-return.ts';
import { type QueryBeianStatusReturn, queryBeianStatusReturnSchema } from './generated/query-beian-status-return.ts';
import {
  type QueryPreviousUploadReturn,
  queryPreviousUploadReturnSchema,
} from './generated/query-previous-upload-return.ts';
import { type UploadReturn, uploadReturnSchema } from './generated/upload-return.ts';
import { type VerifyBammReturn, verifyBammReturnSchema } from './generated/verify-bamm-return.ts';
import type { ParsedDocument, ParseOptions } from './xsd-model.ts';

export type { DownloadAckReturn } from './generated/download-ack-return.ts';
export type { DownloadReturn, DownloadReturn_fileInfos } from './generated/download-return.ts';
export type {
  QueryBeianStatusReturn,
  QueryBeianStatusReturn_StatusInfo,
} from './generated/query-beian-status-return.ts';
export type {
  QueryPreviousUploadReturn,
  QueryPreviousUploadReturn_fileInfos,
} from './generated/query-previous-upload-return.ts';
export type { UploadReturn, UploadReturn_dataSequences } from './generated/upload-return.ts';
export type { VerifyBammReturn } from './generated/verify-bamm-return.ts';

/**
 * The XSDs declare `msg` with `<xs:length value="256"/>`: exactly 256 characters, almost certainly meant as a maximum.
 * To stay valid against the schema as published, answers we build pad msg with spaces to 256 (and cut longer text);
 * parsing trims the padding and does not insist on the length, so a bureau that sends "操作成功" as-is still parses.
 */
export const MSG_LENGTH = 256;

function padMsg(msg: string): string {
  const chars = [...msg];
  return chars.length >= MSG_LENGTH ? chars.slice(0, MSG_LENGTH).join('') : msg + ' '.repeat(MSG_LENGTH - chars.length);
}

interface HasMsg {
  msg_code: number;
  msg: string;
}

/** A method-return codec: like a payload codec, with the msg padding above and lenient facets on parse. */
export interface ReturnCodec<T extends HasMsg> extends PayloadCodec<T> {}

function returnCodec<T extends HasMsg>(codec: PayloadCodec<T>): ReturnCodec<T> {
  return {
    ...codec,
    build: (value) => codec.build({ ...value, msg: padMsg(value.msg) }),
    parse: (xml: string, opts?: ParseOptions): ParsedDocument<T> => {
      const doc = codec.parse(xml, { facets: false, ...opts });
      return { ...doc, data: { ...doc.data, msg: doc.data.msg.trimEnd() } };
    },
  };
}

// Returns travel as strings inside a UTF-8 SOAP message, so they declare UTF-8 (data files declare GBK).
export const uploadReturn = returnCodec(payloadCodec<UploadReturn>(uploadReturnSchema, 'UTF-8'));
export const downloadReturn = returnCodec(payloadCodec<DownloadReturn>(downloadReturnSchema, 'UTF-8'));
export const downloadAckReturn = returnCodec(payloadCodec<DownloadAckReturn>(downloadAckReturnSchema, 'UTF-8'));
export const queryPreviousUploadReturn = returnCodec(
  payloadCodec<QueryPreviousUploadReturn>(queryPreviousUploadReturnSchema, 'UTF-8'),
);
export const queryBeianStatusReturn = returnCodec(
  payloadCodec<QueryBeianStatusReturn>(queryBeianStatusReturnSchema, 'UTF-8'),
);
export const verifyBammReturn = returnCodec(payloadCodec<VerifyBammReturn>(verifyBammReturnSchema, 'UTF-8'));

/** isp_querybeianstatus queryConditionType / Cxtjlx (spec 3-3-5-4). */
export const QueryConditionType = {
  DOMAIN: 0,
  BUSINESS_LICENCE: 1,
  RESIDENT_ID_CARD: 2,
  PUBLIC_INSTITUTION_ORG_CODE: 3,
  PUBLIC_INSTITUTION_LEGAL_PERSON: 4,
  MILITARY_UNIT_CODE: 5,
  SOCIAL_ORGANISATION_LEGAL_PERSON: 6,
  PASSPORT: 7,
  MILITARY_OFFICER_ID: 8,
  GOVERNMENT_ORG_CODE: 9,
  SOCIAL_ORGANISATION_ORG_CODE: 10,
  TAIWAN_COMPATRIOT_PERMIT: 11,
} as const;
export type QueryConditionType = (typeof QueryConditionType)[keyof typeof QueryConditionType];

/** StatusInfo Bazt: 0 filed, 1 not filed. */
export const FilingState = { FILED: 0, NOT_FILED: 1 } as const;
/** VerifyRes: 0 the password is right, 1 it is wrong. */
export const VerifyResult = { MATCH: 0, MISMATCH: 1 } as const;
