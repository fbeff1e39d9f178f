import type { LocalizedText } from '../../../platform/i18n.ts';

/**
 * The two code tables of the spec.
 *
 * Section 3-4 (接口返回状态代码表): msg_code of every method return. Codes 0–15 and 999 are listed in the return XSDs'
 * documentation; 22 comes from the V3.0 change notes (§10); 16–21, 901 and 902 are in the spec's table, whose text
 * did not survive the conversion to plain text (only fragments remain, e.g. "…个字符，", "…个文件），", "2 系统正在维护中，
 * 您的下载请求未被受理…"). Their wording is taken from the complete table as reproduced in the public provider
 * implementation ensorrow/easynode-ipc (lib/netease/icp/backend/services/IspService.js), which matches those fragments.
 *
 * Section 3-5 (数据处理结果代码表): Jgdm in the result files the bureau sends back (BAJG, IP BAJG, YM BAJG), same sources.
 * Codes that concern one field carry its path inside the submitted record (`xsdField`, relative to the record:
 * Baxx/Xzxx/Bgxx/Zx_xx for ICP, Ly/Fpsy/Jsxx/Zdxx for IP, Xzxx for YM), and, where the catalogue has one, the
 * R-REJ-007 reason code, so a bureau result can surface as a field-level rejection reason.
 */

export interface MsgCodeInfo {
  text: LocalizedText;
  /**
   * ok: the call did what was asked. retryLater: refused for now (maintenance, quota); the same call may succeed later.
   * refused: a definite refusal; repeating the same call gives the same answer.
   */
  outcome: 'ok' | 'retryLater' | 'refused';
}

const t = (zh: string, en: string): LocalizedText => ({ zh, en });

export const msgCodes: Record<number, MsgCodeInfo> = {
  0: { text: t('操作成功', 'Success'), outcome: 'ok' },
  1: { text: t('操作成功，数据已经下载完毕', 'Success; all data has been downloaded'), outcome: 'ok' },
  2: { text: t('目前服务器端没有可以下载的数据', 'No data to download'), outcome: 'ok' },
  3: {
    text: t('服务器端数据需要下载，请继续调用本接口进行下载', 'More data waiting; call again to download it'),
    outcome: 'ok',
  },
  4: { text: t('用户名错误', 'Wrong user name'), outcome: 'refused' },
  5: { text: t('密码错误', 'Wrong password'), outcome: 'refused' },
  6: { text: t('解密失败', 'Decryption failed'), outcome: 'refused' },
  7: { text: t('哈希值验证未通过', 'Hash check failed'), outcome: 'refused' },
  8: { text: t('解压缩失败', 'Decompression failed'), outcome: 'refused' },
  9: { text: t('加密算法类型错误', 'Unsupported encryption algorithm'), outcome: 'refused' },
  10: { text: t('Hash算法类型错误', 'Unsupported hash algorithm'), outcome: 'refused' },
  11: { text: t('压缩格式错误', 'Unsupported compression format'), outcome: 'refused' },
  12: { text: t('认证错误，服务器拒绝响应', 'Authentication failed; request refused'), outcome: 'refused' },
  13: {
    text: t('非本省ISP，服务器拒绝响应', 'Provider not registered in this province; request refused'),
    outcome: 'refused',
  },
  14: {
    text: t(
      '本次上载没有受理，请首先上载漏报的数据，然后再上载本次数据',
      'Upload not accepted: upload the missing sequence numbers first',
    ),
    outcome: 'refused',
  },
  15: {
    text: t(
      '本次上载没有受理，已上报的数据文件已超过最大受理数量，请稍后再提交',
      'Upload not accepted: too many pending files; retry later',
    ),
    outcome: 'retryLater',
  },
  16: {
    text: t(
      '认证错误，随机数小于20个字符，服务器拒绝响应',
      'Authentication failed: randVal shorter than 20 characters',
    ),
    outcome: 'refused',
  },
  17: {
    text: t(
      '您上报的备案数据文件数量不符合要求（每次必须上报1个文件），服务器拒绝受理，请调整后重新上报',
      'Wrong number of data files (exactly 1 per upload)',
    ),
    outcome: 'refused',
  },
  18: {
    text: t(
      '上报的备案数据文件过大，服务器拒绝响应，请将上报的备案数据文件调整为50MB内并重新上报',
      'Data file too large (limit 50 MB)',
    ),
    outcome: 'refused',
  },
  19: {
    text: t(
      '您的报备权限未开放，请联系所在省通信管理局',
      'Reporting is not enabled for this provider; contact the province bureau',
    ),
    outcome: 'refused',
  },
  20: {
    text: t('请您在规定的时间段内进行报备，报备时间为：', 'Reporting is only accepted within the set hours'),
    outcome: 'retryLater',
  },
  21: {
    text: t('回调响应文件名称不能为空，请核实后继续调用', 'The acknowledged file name must not be empty'),
    outcome: 'refused',
  },
  22: {
    text: t('备案密码校验超过X次，请仔细核对备案密码', 'Too many filing-password checks; check the password'),
    outcome: 'refused',
  },
  901: {
    text: t(
      '系统正在维护中，您的报备请求未被受理，请稍后重新报备',
      'Bureau system under maintenance; upload not accepted, retry later',
    ),
    outcome: 'retryLater',
  },
  902: {
    text: t(
      '系统正在维护中，您的下载请求未被受理，请稍后重新下载',
      'Bureau system under maintenance; download not served, retry later',
    ),
    outcome: 'retryLater',
  },
  999: { text: t('其他错误', 'Other error'), outcome: 'refused' },
};

export function msgCodeInfo(code: number): MsgCodeInfo {
  return msgCodes[code] ?? { text: t(`未知返回状态${code}`, `Unknown msg_code ${code}`), outcome: 'refused' };
}

// ---------------------------------------------------------------------------------------------------------------
// Section 3-5.

export interface ResultCodeInfo {
  text: LocalizedText;
  /** approved / rejected: the bureau's decision; success: processed; error: the submission was refused for a fault. */
  kind: 'approved' | 'rejected' | 'success' | 'error';
  /** Path of the field inside the submitted record, e.g. `Wz_xx.Ym_xx.Ym`. */
  xsdField?: string;
  /** The R-REJ-007 rejection reason this result is. */
  reason?: string;
}

type Row = [number, string, string, Partial<Omit<ResultCodeInfo, 'text'>>?];

const rows: Row[] = [
  [1001, '管局审核通过', 'Approved by the bureau', { kind: 'approved' }],
  [1002, '管局审核拒绝', 'Rejected by the bureau', { kind: 'rejected' }],
  [
    1003,
    '网站主办者冲突，请核实后再次报备',
    'Website sponsor conflict',
    { xsdField: 'Zt_xx', reason: 'SUBJECT_CONFLICT' },
  ],
  [1004, '无效域名，请核实后再次报备', 'Invalid domain', { xsdField: 'Wz_xx.Ym_xx.Ym' }],
  [
    1005,
    '域名冲突，该域名在备案信息库中已存在，请核实后再次报备',
    'Domain conflict: already filed',
    { xsdField: 'Wz_xx.Ym_xx.Ym', reason: 'DOMAIN_CONFLICT' },
  ],
  [1006, '无效IP，请核实后再次报备', 'Invalid IP', { xsdField: 'Wz_xx.Jr_xx.Ip_xx' }],
  [
    1007,
    '无效联系方式，请核实后再次报备',
    'Invalid contact details',
    { xsdField: 'Zt_xx.Fzr', reason: 'SUBJECT_INFO_INCOMPLETE' },
  ],
  [1008, '无效证件，请核实后再次报备', 'Invalid certificate', { xsdField: 'Zt_xx.Zj.Zjhm' }],
  [1009, '无效邮箱，请核实后再次报备', 'Invalid email', { xsdField: 'Zt_xx.Fzr.Fzr_dzyj' }],
  [1010, '无效办公电话，请核实后再次报备', 'Invalid office phone', { xsdField: 'Zt_xx.Fzr.Fzr_dhhm' }],
  [1011, '无效手机号码，请核实后再次报备', 'Invalid mobile number', { xsdField: 'Zt_xx.Fzr.Fzr_sjhm' }],
  [1012, '无效MSN，请核实后再次报备', 'Invalid MSN', { xsdField: 'Zt_xx.Fzr.Msn' }],
  [1013, '无效QQ，请核实后再次报备', 'Invalid QQ', { xsdField: 'Zt_xx.Fzr.Qq' }],
  [1014, '无效主办单位性质，请核实后再次报备', 'Invalid sponsor type', { xsdField: 'Zt_xx.Dwxz' }],
  [1015, '无效身份证号码，请核实后再次报备', 'Invalid resident ID number', { xsdField: 'Zt_xx.Zj.Zjhm' }],
  [1016, '备案申请中的数据在备案信息库中不存在，请核实后再次报备', 'The referenced filing data does not exist'],
  [1017, '备案变更中，审核通过后可再次申请变更', 'A change is already in progress'],
  [
    1018,
    'ICP备案密码错误，请核实后再次报备',
    'Wrong ICP filing password',
    { xsdField: 'ICPmm', reason: 'FILING_PASSWORD_WRONG' },
  ],
  [1019, '省市县代码错误，请核实后再次报备', 'Wrong province/city/county code', { xsdField: 'Zt_xx.Txdz' }],
  [1020, '网站名称冲突，请核实后再次报备', 'Website name conflict', { xsdField: 'Wz_xx.Wzmc' }],
  [
    1021,
    '网站首页地址冲突，在备案信息库中已存在该首页地址，请核实后再次报备',
    'Home page URL already filed',
    { xsdField: 'Wz_xx.Syurl' },
  ],
  [1022, '网站首页地址格式错误，请核实后再次报备', 'Malformed home page URL', { xsdField: 'Wz_xx.Syurl' }],
  [
    1023,
    '备案申请中的IP数据在备案信息库中不存在，请核实后再次报备',
    'The referenced IP data does not exist',
    { xsdField: 'Wz_xx.Jr_xx.Ip_xx' },
  ],
  [1024, '备案信息中的IP地址冲突，请核实后再次报备', 'IP address conflict', { xsdField: 'Wz_xx.Jr_xx.Ip_xx' }],
  [1025, '该网站只有一个接入，不能取消该接入', 'The website has only this access record; it cannot be removed'],
  [1026, '注销理由代码错误，请核实后再次报备', 'Wrong cancellation reason code', { xsdField: 'Zxly' }],
  [1027, '注销主体冲突，无需重复提交该主体的注销申请', 'Subject cancellation already submitted'],
  [1028, 'ICP用户名错误，请核实后再次报备', 'Wrong ICP user name'],
  [
    1029,
    '同一个网站不允许有相同的接入，请核实后再次报备',
    'Duplicate access record for one website',
    { xsdField: 'Wz_xx.Jr_xx' },
  ],
  [1030, '注销网站冲突，无需重复提交该网站的注销申请', 'Website cancellation already submitted'],
  [
    1031,
    '网站负责人办公电话不能为空，请核实后再次报备',
    'Website principal office phone is required',
    { xsdField: 'Wz_xx.Wz_Fzr.Fzr_dhhm', reason: 'WEBSITE_INFO_INCOMPLETE' },
  ],
  [1032, '接入商已经对该网站提出取消接入请求，无需重复提交', 'Cancel-access request already submitted'],
  [
    1033,
    '无效的前置或专项审批内容类型，请核实后再次报备',
    'Invalid pre-approval content type',
    { xsdField: 'Wz_xx.Nrlx.Nrlx_xx.Nrlx_id' },
  ],
  [1034, '无效网站服务内容，请核实后再次报备', 'Invalid website service content', { xsdField: 'Wz_xx.Fwnr.Fwnr_id' }],
  [1035, '无效网站接入方式，请核实后再次报备', 'Invalid access method', { xsdField: 'Wz_xx.Jr_xx.Wzjrfs.Jrfs' }],
  [1036, '无效服务器放置地点，请核实后再次报备', 'Invalid server location', { xsdField: 'Wz_xx.Jr_xx.Wzfb.Fbdd' }],
  [1037, '该网站已经报备，无需重复报备', 'Website already reported'],
  [1038, '该接入已经报备，无需重复报备', 'Access already reported'],
  [
    1039,
    '该备案信息中的网站域名已经报备，无需重复报备',
    'Domain already reported',
    { xsdField: 'Wz_xx.Ym_xx.Ym', reason: 'DOMAIN_CONFLICT' },
  ],
  [1040, '该备案接入信息中的IP信息已经报备，无需重复报备', 'IP already reported', { xsdField: 'Wz_xx.Jr_xx.Ip_xx' }],
  [
    1041,
    '网站首页URL中必须包含域名中的其中一项，请核实后再次报备',
    'The home page URL must contain one of the domains',
    { xsdField: 'Wz_xx.Syurl' },
  ],
  [1042, '主体正在注销中，不允许注销网站', 'The subject is being cancelled; website cancellation refused'],
  [1043, '网站正在注销中，不允许注销主体', 'A website is being cancelled; subject cancellation refused'],
  [
    1044,
    '主体负责人姓名不能为空',
    'Subject principal name is required',
    { xsdField: 'Zt_xx.Fzr.Fzr_xm', reason: 'SUBJECT_INFO_INCOMPLETE' },
  ],
  [
    1045,
    '接入商只能到其所在省通信管理局系统进行ICP备案信息的报备',
    "A provider reports only to its own province's bureau",
  ],
  [
    1046,
    '变更备案时不能改变主体所在省，如果需要修改，请先申请注销主体，然后重新报备',
    'A change cannot move the subject to another province',
    { xsdField: 'Zt_xx.Txdz.Shengid' },
  ],
  [1047, '只能取消本接入商的接入信息，请核实后再次报备', "Only this provider's access records can be cancelled"],
  [
    1048,
    '您试图操作的不是您接入的备案，这种操作是非法的，请核实后再次报备',
    'The filing is not accessed through this provider',
  ],
  [1049, '主体已注销，您的请求被拒绝', 'The subject is cancelled'],
  [1050, '网站已注销，您的请求被拒绝', 'The website is cancelled'],
  [
    1051,
    '同一个接入商对同一个主体变更备案申请超过最大数，请稍后再试',
    'Too many change requests for this subject; retry later',
  ],
  [
    1052,
    '您所提交的请求在原系统中正在受理，请稍后提交',
    'The request is being processed in the legacy system; retry later',
  ],
  [1053, '您所提交的请求的单位已经被删除  请确认', 'The organisation of the request has been deleted'],
  [1054, '报备单位无效', 'Invalid reporting provider'],
  [1055, '核验单提交信息不是该备案核验单，请确认', 'The verification sheet does not belong to this filing'],
  [
    1056,
    '附件格式类型代码错误，请核实后再次报备',
    'Wrong attachment format code',
    { xsdField: 'Fj.Fjxx.Fjwjgs', reason: 'MATERIALS_NOT_AS_REQUIRED' },
  ],
  [
    1057,
    '附件用途类型代码错误，请核实后再次报备',
    'Wrong attachment purpose code',
    { xsdField: 'Fj.Fjxx.Fjyt', reason: 'MATERIALS_NOT_AS_REQUIRED' },
  ],
  [1058, '主体信息不存在', 'Subject not found'],
  [1059, '网站信息不存在', 'Website not found'],
  [1060, '核验单信息成功入库', 'Verification sheet stored', { kind: 'success' }],
  [1061, '核验单用途类型与报备标识不匹配', 'Verification sheet purpose does not match the record'],
  [1062, 'ICP接入信息比对IP库信息成功', 'ICP access data matches the IP filing', { kind: 'success' }],
  [
    1063,
    'ICP备案接入信息中所使用的IP地址与你单位IP地址备案中报备的IP信息不一致，请核实后再次提交',
    "The access IP is not in this provider's IP filing",
    { xsdField: 'Wz_xx.Jr_xx.Ip_xx', reason: 'SERVER_INVALID' },
  ],
  [
    1064,
    '“XX”网站的“XX域名”在黑名单中，请核实后再次报备',
    'A domain of the website is blacklisted',
    { xsdField: 'Wz_xx.Ym_xx.Ym', reason: 'BLACKLISTED' },
  ],
  [
    1065,
    '主体在黑名单中，请核实后再次报备',
    'The subject is blacklisted',
    { xsdField: 'Zt_xx.Zj.Zjhm', reason: 'BLACKLISTED' },
  ],
  [1066, '网站语言类别错误，请核实后再次报备', 'Wrong website language code', { xsdField: 'Wz_xx.Yylb.Yylb_id' }],
  [1067, '网站备案号或主键对应多个网站，请核实后再报备', 'The website number or id matches several websites'],
  [1068, '网站备案号或主键对应多个缩略信息，请核实后再报备', 'The website number or id matches several summaries'],
  [1999, '其他错误', 'Other ICP error'],
  [2001, '没有此报备单位，请核实后再次报备', 'No such reporting organisation'],
  [2002, '报备信息中的起始IP大于终止IP，请核实后再次报备', 'Start IP is greater than end IP', { xsdField: 'Qsip' }],
  [2003, '此IP段已报备，请核实后再次报备', 'IP range already reported', { xsdField: 'Qsip' }],
  [2004, '此IP广播已经报备，请核查后再次报备', 'IP broadcast already reported'],
  [2005, '此IP段未报备来源信息，请首先报备来源信息', 'Report the source of this IP range first', { xsdField: 'Qsip' }],
  [2006, '报备信息中的起始IP不是合法IP地址，请核实后再次报备', 'Start IP is not a valid address', { xsdField: 'Qsip' }],
  [2007, '报备信息中的终止IP不是合法IP地址', 'End IP is not a valid address', { xsdField: 'Zzip' }],
  [
    2008,
    '报备信息中的网关地址不是合法IP地址，请核实后再次报备',
    'Gateway is not a valid IP address',
    { xsdField: 'Wgip' },
  ],
  [2009, '报备信息中的单位分类不正确，请核实后再次报备', 'Wrong organisation category', { xsdField: 'Dwfl' }],
  [2010, '报备信息中的分配使用方式不能为空，请核实后再次报备', 'Allocation method is required', { xsdField: 'Fpfs' }],
  [2011, '报备信息中的省市县信息错误，请核实后再次报备', 'Wrong province/city/county', { xsdField: 'Shengid' }],
  [2012, '报备信息中的电话号码不是合法的电话号码，请核实后再次报备', 'Invalid phone number', { xsdField: 'Lxrdh' }],
  [2013, '报备信息中的Email不是有效的电子邮箱，请核实后再次报备', 'Invalid email', { xsdField: 'Lxrdzyj' }],
  [2014, '报备信息中的起始IP不能为空，请核实后再次报备', 'Start IP is required', { xsdField: 'Qsip' }],
  [2015, '报备信息中的终止IP不能为空，请核实后再次报备', 'End IP is required', { xsdField: 'Zzip' }],
  [
    2016,
    '报备信息中的广播单位不能为空，请核实后再次报备',
    'Broadcasting organisation is required',
    { xsdField: 'Gbdw' },
  ],
  [
    2017,
    '报备信息中的广播单位不存在，请核实后再次报备',
    'Broadcasting organisation does not exist',
    { xsdField: 'Gbdw' },
  ],
  [
    2018,
    '报备信息中的申请广播单位不存在，请核实后再次报备',
    'Requesting organisation does not exist',
    { xsdField: 'Sqdw' },
  ],
  [2019, '报备信息中的单位性质无效，请核实后再次报备', 'Invalid organisation type', { xsdField: 'Dwxz' }],
  [2020, '报备信息中的单位行业分类无效，请核实后再次报备', 'Invalid industry category', { xsdField: 'Dwhyfl' }],
  [2021, '报备信息中的IP使用方式无效，请核实后再次报备', 'Invalid IP usage', { xsdField: 'Syfs' }],
  [2022, '报备信息中的经营许可证不能为空，请核实后再次报备', 'Operating licence is required'],
  [2023, '报备信息中的单位行政级别无效，请核实后再次报备', 'Invalid administrative level'],
  [2024, '报备信息中的省信息无效，请核实后再次报备', 'Invalid province', { xsdField: 'Shengid' }],
  [2025, '报备信息中的市信息无效，请核实后再次报备', 'Invalid city', { xsdField: 'Shiid' }],
  [2026, '报备信息中的县信息无效，请核实后再次报备', 'Invalid county', { xsdField: 'Xianid' }],
  [2027, '报备信息中的报备单位不能为空，请核实后再次报备', 'Reporting organisation is required'],
  [2028, '报备信息中的来源单位不能为空，请核实后再次报备', 'Source organisation is required', { xsdField: 'Lydw' }],
  [2029, '报备信息中的来源单位不正确，请核实后再次报备', 'Wrong source organisation', { xsdField: 'Lydw' }],
  [2030, '报备信息中的使用时间不能为空，请核实后再次报备', 'Usage date is required', { xsdField: 'Fprq' }],
  [2031, '报备信息中的单位名称不能为空，请核实后再次报备', 'Organisation name is required', { xsdField: 'Dwmc' }],
  [2032, '报备信息中的IP使用方式不能为空，请核实后再次报备', 'IP usage is required', { xsdField: 'Syfs' }],
  [2033, '报备信息中的域名跳转不能为空，请核实后再次报备', 'Domain redirect flag is required', { xsdField: 'Sfymtz' }],
  [2034, '报备信息中的单位性质不能为空，请核实后再次报备', 'Organisation type is required', { xsdField: 'Dwxz' }],
  [2035, '报备信息中的单位分类不能为空，请核实后再次报备', 'Organisation category is required', { xsdField: 'Dwfl' }],
  [2036, '报备信息中的单位详细地址不能为空，请核实后再次报备', 'Address is required', { xsdField: 'Xxdz' }],
  [2037, '报备信息中的省信息不能为空，请核实后再次报备', 'Province is required', { xsdField: 'Shengid' }],
  [2038, '报备信息中的市信息不能为空，请核实后再次报备', 'City is required', { xsdField: 'Shiid' }],
  [2039, '报备信息中的联系人电话不能为空，请核实后再次报备', 'Contact phone is required', { xsdField: 'Lxrdh' }],
  [2040, '报备信息中的联系人姓名不能为空，请核实后再次报备', 'Contact name is required', { xsdField: 'Lxrxm' }],
  [2041, '报备信息中的分配使用方式无效，请核实后再次报备', 'Invalid allocation method', { xsdField: 'Fpfs' }],
  [2042, '报备信息中的联系人邮件不能为空，请核实后再次报备', 'Contact email is required', { xsdField: 'Lxrdzyj' }],
  [2043, '报备信息中的网关IP地址不能为空，请核实后再次报备', 'Gateway IP is required', { xsdField: 'Wgip' }],
  [2044, '报备信息中的网关物理地址不能为空，请核实后再次报备', 'Gateway location is required', { xsdField: 'Wgdz' }],
  [
    2045,
    '报备信息中的来源单位名称不能为空，请核实后再次报备',
    'Source organisation name is required',
    { xsdField: 'Lydw.Ly_dwmc' },
  ],
  [
    2046,
    '报备信息中的来源单位类型不能为空，请核实后再次报备',
    'Source organisation type is required',
    { xsdField: 'Ly_dwlx' },
  ],
  [2047, '报备信息中的分配对象不能为空，请核实后再次报备', 'Allocation target is required', { xsdField: 'Fpdx' }],
  [
    2048,
    '报备信息中的分配单位不存在，请核实后再次报备',
    'Allocation organisation does not exist',
    { xsdField: 'Fpdx' },
  ],
  [2049, '此信息已经报备，请核实后再次报备', 'Already reported'],
  [2050, '分配和使用单位不能相同，请核实后再次报备', 'Allocating and using organisations must differ'],
  [2051, '无效的广播报备单位', 'Invalid broadcasting reporter'],
  [2052, '报备信息中的来源单位和请求单位不能相同，请核实后再次报备', 'Source and requesting organisations must differ'],
  [
    2053,
    '报备信息中的申请广播单位与广播单位不能相同，请核实后再次报备',
    'Requesting and broadcasting organisations must differ',
  ],
  [2054, '接入商只能操作属于本接入商的IP备案信息，请核实后再次报备', "Only this provider's IP filings can be changed"],
  [2055, '备案申请中的IP数据在备案信息库中不存在，请核实后再次报备', 'The referenced IP data does not exist'],
  [2056, '备案信息中的IP地址冲突，请核实后再次报备', 'IP address conflict', { xsdField: 'Qsip' }],
  [2998, 'IP备案操作成功', 'IP filing operation succeeded', { kind: 'success' }],
  [2999, '其他错误', 'Other IP error'],
  [3001, '报备信息中的域名类型错误 ，请核实后再次报备', 'Wrong domain type', { xsdField: 'Ymlx' }],
  [3002, '报备信息中的域名注册时间不能为空，请核实后再次报备', 'Registration date is required', { xsdField: 'Zcsj' }],
  [3003, '报备信息中的域名有效日期不能为空，请核实后再次报备', 'Expiry date is required', { xsdField: 'Yxrq' }],
  [
    3004,
    '报备信息中的域名有效日期不能早于当前日期，请核实后再次报备',
    'Expiry date is in the past',
    { xsdField: 'Yxrq' },
  ],
  [3005, '报备信息中的域名服务器不能为空，请核实后再次报备', 'Name server is required', { xsdField: 'Ym_fwq' }],
  [3006, '报备信息中的域名所属注册商不能为空，请核实后再次报备', 'Registrar is required', { xsdField: 'Ym_zcs' }],
  [
    3007,
    '报备信息中的域名所属注册商名称中包含特殊字符、格式不正确或为空，请核实后再次报备',
    'Malformed registrar name',
    { xsdField: 'Ym_zcs' },
  ],
  [3008, '报备信息中的域名注册人名称不能为空，请核实后再次报备', 'Registrant name is required', { xsdField: 'Zcr_mc' }],
  [
    3009,
    '报备信息中的域名注册人所在组织不能为空，请核实后再次报备',
    'Registrant organisation is required',
    { xsdField: 'Zcr_zz' },
  ],
  [
    3010,
    '报备信息中的域名注册人所在省不能为空，请核实后再次报备',
    'Registrant province is required',
    { xsdField: 'Zcr_shengid' },
  ],
  [
    3011,
    '报备信息中的域名注册人所在城市不能为空，请核实后再次报备',
    'Registrant city is required',
    { xsdField: 'Zcr_shiid' },
  ],
  [
    3012,
    '报备信息中的域名注册人电子邮件不能为空，请核实后再次报备',
    'Registrant email is required',
    { xsdField: 'Zcr_dzyj' },
  ],
  [
    3013,
    '报备信息中的域名注册人电子邮件格式错误，请核实后再次报备',
    'Malformed registrant email',
    { xsdField: 'Zcr_dzyj' },
  ],
  [
    3014,
    '报备信息中的域名注册人电话号码不能为空，请核实后再次报备',
    'Registrant phone is required',
    { xsdField: 'Zcr_dhhm' },
  ],
  [
    3015,
    '报备信息中的域名注册人电话号码格式错误，请核实后再次报备',
    'Malformed registrant phone',
    { xsdField: 'Zcr_dhhm' },
  ],
  [
    3016,
    '报备信息中的域名注册人通信地址不能为空，请核实后再次报备',
    'Registrant address is required',
    { xsdField: 'Zcr_txdz' },
  ],
  [
    3017,
    '报备信息中的域名管理员名称不能为空，请核实后再次报备',
    'Administrator name is required',
    { xsdField: 'Gly_mz' },
  ],
  [
    3018,
    '报备信息中的域名管理员所在组织不能为空，请核实后再次报备',
    'Administrator organisation is required',
    { xsdField: 'Gly_zz' },
  ],
  [
    3019,
    '报备信息中的域名管理员所在省不能为空，请核实后再次报备',
    'Administrator province is required',
    { xsdField: 'Gly_shengid' },
  ],
  [
    3020,
    '报备信息中的域名管理员所在城市不能为空，请核实后再次报备',
    'Administrator city is required',
    { xsdField: 'Gly_shiid' },
  ],
  [
    3021,
    '报备信息中的域名管理员电子邮件不能为空，请核实后再次报备',
    'Administrator email is required',
    { xsdField: 'Gly_dzyj' },
  ],
  [
    3022,
    '报备信息中的域名管理员电子邮件格式错误，请核实后再次报备',
    'Malformed administrator email',
    { xsdField: 'Gly_dzyj' },
  ],
  [
    3023,
    '报备信息中的域名管理员电话号码不能为空，请核实后再次报备',
    'Administrator phone is required',
    { xsdField: 'Gly_dh' },
  ],
  [
    3024,
    '报备信息中的域名管理员电话号码格式错误，请核实后再次报备',
    'Malformed administrator phone',
    { xsdField: 'Gly_dh' },
  ],
  [
    3025,
    '报备信息中的域名管理员通信地址不能为空，请核实后再次报备',
    'Administrator address is required',
    { xsdField: 'Gly_dz' },
  ],
  [3026, '报备信息中的接入方式无效，请核实后再次报备', 'Invalid access method'],
  [3027, '报备信息中的服务器放置地无效，请核实后再次报备', 'Invalid server location'],
  [3028, '报备信息中的注册人省市错误，请核实后再次报备', 'Wrong registrant province/city', { xsdField: 'Zcr_shengid' }],
  [
    3029,
    '报备信息中的管理员省市错误，请核实后再次报备',
    'Wrong administrator province/city',
    { xsdField: 'Gly_shengid' },
  ],
  [3030, '报备信息中的缴费人省市错误，请核实后再次报备', 'Wrong payer province/city', { xsdField: 'Jfr_shengid' }],
  [3031, '报备信息中的注册时间格式错误，请核实后再次报备', 'Malformed registration date', { xsdField: 'Zcsj' }],
  [3032, '报备信息中的有效日期格式错误，请核实后再次报备', 'Malformed expiry date', { xsdField: 'Yxrq' }],
  [3033, '报备信息中的缴费人电话号码格式错误，请核实后再次报备', 'Malformed payer phone', { xsdField: 'Jfr_dh' }],
  [3034, '报备信息中的缴费人电子邮件格式错误，请核实后再次报备', 'Malformed payer email', { xsdField: 'Jfr_dzyj' }],
  [
    3035,
    '报备信息中的域名注册时间超过当前时间，请核实后再次报备',
    'Registration date is in the future',
    { xsdField: 'Zcsj' },
  ],
  [
    3036,
    '域名报备单位只能到工信部备案系统进行域名报备，请核实后再次报备',
    'Domain registries report only to the MIIT system',
  ],
  [
    3037,
    '接入商只能操作属于本接入商的域名备案信息，请核实后再次报备',
    "Only this provider's domain filings can be changed",
  ],
  [3998, '域名备案操作成功', 'Domain filing operation succeeded', { kind: 'success' }],
  [3999, '其他错误', 'Other domain error'],
  [5001, '数据文件格式不符合接口XSD规范，请核实后再次报备', 'The data file does not conform to the interface XSD'],
  [5002, '该属性不存在，请核实后再次报备', 'No such attribute'],
  [
    5003,
    'XML中请求单位Id和报备单位Id不一致，请核实后再次报备',
    'Qqdwid in the XML differs from the caller ispId',
    { xsdField: 'Qqdwid' },
  ],
  [5004, '接口版本错误，当前接口版本为“当前版本信息”', 'Wrong interface version'],
  [
    5005,
    '企业上报的未备案网站处理结果中的网站不属于该企业，请核实后再次报备',
    'The unfiled site does not belong to this provider',
    { xsdField: 'Ym' },
  ],
  [5006, '该未备案网站的处理结果已经上报，无需重复上报', 'Handling result already reported'],
  [5007, '处理结果代码错误，请核实后再次报备', 'Wrong handling result code', { xsdField: 'Cljg' }],
  [5008, '上报信息中存在非法字符，请核实后再次报备', 'Illegal characters in the data'],
  [5009, '报备单位无此业务权限', 'The provider lacks permission for this operation'],
  [
    5010,
    '您提交的附件格式不符合规范',
    'Attachment format not accepted',
    { xsdField: 'Fj.Fjxx.Fjwjgs', reason: 'MATERIALS_NOT_AS_REQUIRED' },
  ],
  [5011, '该功能目前未开放', 'This function is not open yet'],
  [5999, '其他错误', 'Other error'],
];

export const resultCodes: ReadonlyMap<number, ResultCodeInfo> = new Map(
  rows.map(([code, zh, en, extra]) => [code, { text: t(zh, en), kind: extra?.kind ?? 'error', ...extra }]),
);

export function resultCodeInfo(code: number): ResultCodeInfo {
  return resultCodes.get(code) ?? { text: t(`未知结果代码${code}`, `Unknown result code ${code}`), kind: 'error' };
}

/** Result codes that concern one field, as field-level reasons: the adapter maps `xsdField` onto the filing draft. */
export function fieldReasonsOf(
  codes: number[],
): { code: number; xsdField: string; reason?: string; text: LocalizedText }[] {
  return codes.flatMap((code) => {
    const info = resultCodeInfo(code);
    return info.xsdField ? [{ code, xsdField: info.xsdField, reason: info.reason, text: info.text }] : [];
  });
}
