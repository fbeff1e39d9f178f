import type { Province } from '../draft.ts';

/**
 * GB/T 2260 province codes: the first two digits of a resident ID, of a USCC's region code (characters 3–8) and of a
 * 15-digit registration number. They let the rules know which province issued a certificate (R-SUB-006, R-SUB-008).
 */
export const PROVINCE_BY_CODE: Readonly<Record<string, Province>> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
};

/** Full names as they begin a written address (广东省…, 内蒙古自治区…, 北京市…). */
const ADDRESS_PREFIXES: ReadonlyArray<readonly [string, Province]> = Object.values(PROVINCE_BY_CODE).flatMap(
  (p): Array<readonly [string, Province]> => [
    [`${p}省`, p],
    [`${p}市`, p],
    [`${p}自治区`, p],
    [`${p}壮族自治区`, p],
    [`${p}回族自治区`, p],
    [`${p}维吾尔自治区`, p],
    [p, p],
  ],
);

export function provinceOfCode(code: string): Province | undefined {
  return PROVINCE_BY_CODE[code.slice(0, 2)];
}

/** The province a written address starts with, if it names one. */
export function provinceOfAddress(address: string): Province | undefined {
  const a = address.trim();
  let best: readonly [string, Province] | undefined;
  for (const entry of ADDRESS_PREFIXES) {
    if (a.startsWith(entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
  }
  return best?.[1];
}
