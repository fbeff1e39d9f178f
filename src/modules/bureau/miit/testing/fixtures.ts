import type { DownloadData } from '../payloads/download.ts';
import type { BgbaRecord, UploadData, XzbaRecord, XzjrRecord, XzwzRecord, ZxbaRecord } from '../payloads/upload.ts';

/**
 * Test support: realistic payloads for the catalogue's order types, with the example data of faq-cases.jsonl
 * (example-shop.cn on 203.0.113.10). Filing numbers follow R-BUR-003's interpreted format.
 */

export const PROVIDER_ISP_ID = 110000000211;
/** 203.0.113.10 as the unsigned 32-bit integer the XSD uses for Qsip/Zzip. */
export const IP_203_0_113_10 = 203 * 2 ** 24 + 0 * 2 ** 16 + 113 * 2 ** 8 + 10;

const principal = {
  Fzr_xm: '张三',
  Fzr_dhhm: '020-12345678',
  Fzr_sjhm: '13800138000',
  Fzr_dzyj: 'zhangsan@example-shop.cn',
  Fzr_zjlx: 2,
  Fzr_zjhm: '110101199003077777',
};

const website = {
  Wzmc: '示例商城',
  Fwnr: { Fwnr_id: [1] },
  Yylb: { Yylb_id: [1] },
  Wz_Fzr: principal,
  Syurl: 'www.example-shop.cn',
};

/** XZBA — FIRST: a company with one website on one access record. */
export const xzbaRecord: XzbaRecord = {
  Zt_xx: {
    IspZtid: 1001,
    Dwmc: '广州示例网络科技有限公司',
    Dwxz: 4,
    Txdz: { Shengid: 440000, Shiid: 440100, Xianid: 440106, Xxdz: '广州市天河区示例路1号' },
    Zj: { Zjlx: 1, Zjhm: '91440101MA5CXXXX0X', Zjzs: '广州市天河区示例路1号' },
    Fzr: principal,
    Bbfs: 0,
  },
  Wz_xx: [
    {
      IspWzid: 2001,
      ...website,
      Ym_xx: [
        { IspYmid: 3001, Ym: 'example-shop.cn' },
        { IspYmid: 3002, Ym: 'www.example-shop.cn' },
      ],
      Jr_xx: [
        {
          IspJrid: 4001,
          Wzfb: { Fbdd: [1] },
          Wzjrfs: { Jrfs: [1] },
          Ip_xx: [{ IspIpid: 5001, Qsip: IP_203_0_113_10, Zzip: IP_203_0_113_10 }],
        },
      ],
    },
  ],
  Fj: [{ Fjxx: { Fjwjgs: 1, Fjyt: 1, Fjnr: '/9j/4AAQSkZJRgABAQ==', Fjssdx: { Ssdxlx: 1, Ssdxbs: 1001 } } }],
};

/** XZWZ — ADD_WEBSITE under a filed subject named by its filing number. */
export const xzwzRecord: XzwzRecord = {
  Zt_xx: { Ztbah: '粤ICP备18000001号' },
  Wz_xx: [
    {
      IspWzid: 2002,
      ...website,
      Wzmc: '示例博客',
      Ym_xx: [{ IspYmid: 3003, Ym: 'example-blog.cn' }],
      Jr_xx: [
        {
          IspJrid: 4002,
          Wzfb: { Fbdd: [1] },
          Wzjrfs: { Jrfs: [1] },
          Ip_xx: [{ IspIpid: 5002, Qsip: IP_203_0_113_10, Zzip: IP_203_0_113_10 }],
        },
      ],
      Syurl: 'www.example-blog.cn',
    },
  ],
  Fj: [
    {
      Fjxx: {
        Fjwjgs: 1,
        Fjyt: 2,
        Fjnr: '/9j/4AAQSkZJRgABAQ==',
        Fjssdx: { Ssdxlx: 1, Ssdxbs: { Baxh: '粤ICP备18000001号' } },
      },
    },
  ],
};

/** XZJR — ACCESS: this provider is added to a website filed elsewhere; the filing password is required. */
export const xzjrRecord: XzjrRecord = {
  Wz_xx: { Wzbah: '粤ICP备18000002号-1' },
  IspJrid: 4003,
  Wzfb: { Fbdd: [1] },
  Wzjrfs: { Jrfs: [1] },
  Ip_xx: [{ IspIpid: 5003, Qsip: IP_203_0_113_10, Zzip: IP_203_0_113_10 }],
  ICPmm: 'Ab3dEf7hJk',
};

/** BGBA — CHANGE_WEBSITE: the full current data with the website renamed and a domain added. */
export const bgbaRecord: BgbaRecord = {
  Zt_xx: {
    Ztid: 88001,
    Dwmc: '广州示例网络科技有限公司',
    Baxh: '粤ICP备18000001号',
    Dwxz: 4,
    Txdz: { Shengid: 440000, Shiid: 440100, Xxdz: '广州市天河区示例路1号' },
    Zj: { Zjlx: 1, Zjhm: '91440101MA5CXXXX0X', Zjzs: '广州市天河区示例路1号' },
    Fzr: principal,
  },
  Wz_xx: [
    {
      Wzid: 88101,
      Wzmc: '示例商城旗舰店',
      Fwnr: { Fwnr_id: [1] },
      Yylb: { Yylb_id: [1, 2] },
      Ym_xx: [
        { IspYmid: 3001, Ymid: 88301, Ym: 'example-shop.cn' },
        { IspYmid: 3004, Ym: 'shop.example-shop.cn' },
      ],
      Jr_xx: [
        {
          Jrid: 88201,
          Wzfb: { Fbdd: [1] },
          Wzjrfs: { Jrfs: [1] },
          Ip_xx: [{ IspIpid: 5001, Ipid: 88401, Qsip: IP_203_0_113_10, Zzip: IP_203_0_113_10 }],
        },
      ],
      Wz_Fzr: principal,
      Baxh: '粤ICP备18000001号-1',
      Syurl: 'www.example-shop.cn',
    },
  ],
};

/** ZXBA — the three cancellations: website (CANCEL_WEBSITE), subject (CANCEL_SUBJECT), access (CANCEL_ACCESS). */
export const zxbaRecords: ZxbaRecord[] = [
  { Zxlb: 1, Jlid: 88101, Zxly: 2, Zxlybz: '网站不再运营' },
  { Zxlb: 0, Jlid: 88001, Zxly: 1, ICPmm: 'Ab3dEf7hJk' },
  { Zxlb: 2, Jlid: 88201, Zxly: 3 },
];

export const uploads: Record<string, UploadData> = {
  XZBA: { ICP: { XZBA: { Baxx: [xzbaRecord] }, Qqdwid: PROVIDER_ISP_ID } },
  XZWZ: { ICP: { XZWZ: { Xzxx: [xzwzRecord] }, Qqdwid: PROVIDER_ISP_ID } },
  XZJR: { ICP: { XZJR: { Xzxx: [xzjrRecord] }, Qqdwid: PROVIDER_ISP_ID } },
  BGBA: { ICP: { BGBA: { Bgxx: [bgbaRecord] }, Qqdwid: PROVIDER_ISP_ID } },
  ZXBA_WEBSITE: { ICP: { ZXBA: { Zx_xx: [zxbaRecords[0]] }, Qqdwid: PROVIDER_ISP_ID } },
  ZXBA_SUBJECT: { ICP: { ZXBA: { Zx_xx: [zxbaRecords[1]] }, Qqdwid: PROVIDER_ISP_ID } },
  ZXBA_ACCESS: { ICP: { ZXBA: { Zx_xx: [zxbaRecords[2]] }, Qqdwid: PROVIDER_ISP_ID } },
};

/** BAJG — the bureau's answer to the XZBA above: approved (1001) with its review opinion. */
export const bajgApproved: DownloadData = {
  ICP: {
    BAJG: {
      Jg_xx: [{ Jgxx: [{ Jgdm: 1001, Dmms: '管局审核通过' }], Czlx: 1, Bs: '1001' }],
      GJSHS: { Gjsh: [{ Shrxm: '李审核', Shsj: '2026-01-20', Shyj: '同意', Shjg: 1, Czlx: 1, Jlid: 88001 }] },
    },
  },
};

/** BAJG — a rejection with two field-level reasons (invalid domain, blacklisted subject). */
export const bajgRejected: DownloadData = {
  ICP: {
    BAJG: {
      Jg_xx: [
        {
          Jgxx: [
            { Jgdm: 1004, Dmms: '无效域名，请核实后再次报备' },
            { Jgdm: 1065, Dmms: '主体在黑名单中，请核实后再次报备' },
          ],
          Czlx: 1,
          Bs: '1001',
        },
      ],
    },
  },
};

/** WBAWZLB — an unfiled site found on the provider's network. */
export const wbawzlb: DownloadData = {
  ICP: {
    WBAWZLB: {
      Wbawz_xx: [
        {
          Id: 9001,
          Wzym_mc: 'unfiled-example.cn',
          IP: IP_203_0_113_10,
          Dqjcsj: '2026-01-05 10:00:00',
          Jccs: 3,
          Yys: 1,
        },
      ],
    },
  },
};

/** HCJG — an access-accuracy check: the provider under-reported a domain (少报). */
export const hcjg: DownloadData = {
  ICP: {
    HCJG: {
      Jgxx: {
        Jrhc: [
          {
            Wzid: 88101,
            Wz_Baxh: '粤ICP备18000001号-1',
            Ym: 'shop.example-shop.cn',
            Jxip: IP_203_0_113_10,
            Hcjg: 2,
            Hcsj: '2026-01-06',
          },
        ],
      },
    },
  },
};

/** HMDLB — a blacklisted subject and website (R-BUR-018). */
export const hmdlb: DownloadData = {
  ICP: {
    HMDLB: {
      Zthmdxxs: [{ Zt_xx: { Dwmc: '某违法网络公司', Dwxz: 4, Zj: { Zjlx: 1, Zjhm: '91440101MA5CYYYY0Y' } }, Czlx: 0 }],
      Wzhmdxxs: [{ Wz_xx: { Wzmc: '违法网站', Ym_xx: [{ Ym: 'illegal-example.cn' }] }, Czlx: 0 }],
    },
  },
};

export const downloads: Record<string, DownloadData> = {
  BAJG_APPROVED: bajgApproved,
  BAJG_REJECTED: bajgRejected,
  WBAWZLB: wbawzlb,
  HCJG: hcjg,
  HMDLB: hmdlb,
};
