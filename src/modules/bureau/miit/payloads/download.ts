import { payloadCodec } from './codec.ts';
import {
  type DownloadData,
  type DownloadData_ICP_BAJG_GJSHS_Gjsh,
  type DownloadData_ICP_BAJG_Jg_xx,
  type DownloadData_ICP_BASJ_Baxx,
  type DownloadData_ICP_FFJRHMD_Ffjrxx,
  type DownloadData_ICP_HCJG_Jgxx,
  type DownloadData_ICP_HMDLB,
  type DownloadData_ICP_HSRW_Baxx,
  type DownloadData_ICP_WBAWZLB_Wbawz_xx,
  type DownloadData_ICP_XGTZ_Tzxx,
  type DownloadData_ICP_ZXSJ_Zxxx,
  downloadDataSchema,
} from './generated/download-data.ts';

export * from './generated/download-data.ts';

/**
 * The download data file (企业下载数据格式.xsd, spec 4-2). The root holds exactly one of ICP, IP, YM, JCDM (base
 * codes) or SJTB (full synchronisation).
 */
export const downloadData = payloadCodec<DownloadData>(downloadDataSchema, 'GBK');

/** BASJ ICP备案数据 — filed records as the bureau holds them. */
export type BasjRecord = DownloadData_ICP_BASJ_Baxx;
/** ZXSJ 注销数据 — cancellations. */
export type ZxsjRecord = DownloadData_ICP_ZXSJ_Zxxx;
/** HMDLB 黑名单列表 — subject and website blacklists (R-BUR-018). */
export type HmdlbList = DownloadData_ICP_HMDLB;
/** FFJRHMD 非法接入黑名单信息. */
export type FfjrhmdRecord = DownloadData_ICP_FFJRHMD_Ffjrxx;
/** WBAWZLB 未备案网站信息 — unfiled sites found on the provider's network. */
export type WbawzRecord = DownloadData_ICP_WBAWZLB_Wbawz_xx;
/** BAJG 备案结果 — one result per submitted operation: Jgxx codes (section 3-5), Czlx, Bs. */
export type BajgResult = DownloadData_ICP_BAJG_Jg_xx;
/** BAJG GJSHS 管局审核意见 — the bureau reviewer's decision and opinion. */
export type BajgReview = DownloadData_ICP_BAJG_GJSHS_Gjsh;
/** HSRW 核实任务 — records the bureau asks the provider to verify. */
export type HsrwRecord = DownloadData_ICP_HSRW_Baxx;
/** HCJG 核查结果 — subject, access, shell-site and liveness checks. */
export type HcjgResult = DownloadData_ICP_HCJG_Jgxx;
/** XGTZ 相关通知信息 — rectification notices. */
export type XgtzNotice = DownloadData_ICP_XGTZ_Tzxx;

/**
 * BAJG Czlx, the operation a result answers. The XSD caps it at 7; the V3.0 change notes add 35 for XZHYD
 * (单独提交真实性核验材料电子件) without widening the XSD, so 35 cannot pass the XSD until the bureau changes it.
 */
export const ResultOperation = {
  XZBA: 1,
  XZWZ: 2,
  XZJR: 3,
  BGBA: 4,
  CANCEL_ACCESS: 5,
  CANCEL_SUBJECT: 6,
  CANCEL_WEBSITE: 7,
  XZHYD: 35,
} as const;

/** GJSHS Shjg. */
export const ReviewDecision = { REJECTED: 0, APPROVED: 1 } as const;

export function buildDownloadData(data: DownloadData): string {
  return downloadData.build(data);
}
