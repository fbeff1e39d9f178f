import { MAX_RECORDS_PER_FILE } from '../envelope.ts';
import { miitError } from '../errors.ts';
import { payloadCodec } from './codec.ts';
import {
  type UploadData,
  type UploadData_ICP,
  type UploadData_ICP_BGBA_Bgxx,
  type UploadData_ICP_HSJG_Hsjgxx,
  type UploadData_ICP_WBACLJG_Clxx,
  type UploadData_ICP_XZBA_Baxx,
  type UploadData_ICP_XZHYD_Fjxx,
  type UploadData_ICP_XZJR_Xzxx,
  type UploadData_ICP_XZWZ_Xzxx,
  type UploadData_ICP_ZXBA_Zx_xx,
  uploadDataSchema,
} from './generated/upload-data.ts';

export * from './generated/upload-data.ts';

/**
 * The upload data file (企业上报数据格式.xsd, spec 4-1). The root holds exactly one of ICP, IP or YM; inside ICP the
 * operations below may be combined in one file (xs:all), each with 1..n records, plus Qqdwid (the provider's id).
 */
export const uploadData = payloadCodec<UploadData>(uploadDataSchema, 'GBK');

/** XZBA 新增备案 — a first filing: a new subject with its websites (order type FIRST). */
export type XzbaRecord = UploadData_ICP_XZBA_Baxx;
/** XZWZ 新增网站 — websites added to a filed subject, named by Ztbah or Ztid (ADD_WEBSITE). */
export type XzwzRecord = UploadData_ICP_XZWZ_Xzxx;
/** XZJR 新增接入 — this provider's access added to a filed website, with the filing password (ACCESS). */
export type XzjrRecord = UploadData_ICP_XZJR_Xzxx;
/**
 * BGBA 变更备案 — the XSD has one change shape carrying the full subject, its websites and their access records;
 * a subject change, a website change and an access change (CHANGE_SUBJECT/CHANGE_WEBSITE/CHANGE_ACCESS) all send it
 * with the changed values in place.
 */
export type BgbaRecord = UploadData_ICP_BGBA_Bgxx;
/** ZXBA 注销备案 — cancel a subject (Zxlb 0), a website (1), or this provider's access (2, 取消接入). */
export type ZxbaRecord = UploadData_ICP_ZXBA_Zx_xx;
/** HSJG 核实结果 — results of bureau-assigned verification tasks. */
export type HsjgRecord = UploadData_ICP_HSJG_Hsjgxx;
/** WBACLJG 未备案网站处理结果 — how the provider handled an unfiled site from WBAWZLB. */
export type WbacljgRecord = UploadData_ICP_WBACLJG_Clxx;
/** XZHYD 上报真实性核验材料电子件 — verification materials submitted on their own. */
export type XzhydRecord = UploadData_ICP_XZHYD_Fjxx;
export type IcpUpload = UploadData_ICP;

/** ZXBA Zxlb (spec 4-1-1-5). */
export const CancellationCategory = { SUBJECT: 0, WEBSITE: 1, ACCESS: 2 } as const;
/** Zt_xx Bbfs / Bbyhlx: who reported the filing. */
export const ReportMode = { SELF: 0, ON_BEHALF: 1 } as const;

/** The operations present in a file, e.g. ['ICP.XZBA', 'ICP.ZXBA'], for logs and the simulator's dispatch. */
export function uploadOperations(data: UploadData): string[] {
  const ops: string[] = [];
  for (const [area, body] of Object.entries(data)) {
    if (!body || typeof body !== 'object') continue;
    for (const op of Object.keys(body)) if (op !== 'Qqdwid') ops.push(`${area}.${op}`);
  }
  return ops;
}

/** Builds an upload file, enforcing the 1000-record limit of section 3-3-1-3 on top of the XSD. */
export function buildUploadData(data: UploadData): string {
  const records = uploadData.records(data);
  if (records > MAX_RECORDS_PER_FILE) {
    throw miitError(
      'MIIT_TOO_MANY_RECORDS',
      `单个数据文件内的备案数据不能超过${MAX_RECORDS_PER_FILE}条（当前${records}条）`,
      `one data file may hold at most ${MAX_RECORDS_PER_FILE} records, this one has ${records}`,
    );
  }
  return uploadData.build(data);
}
