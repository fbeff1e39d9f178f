import { checkFiling } from './check.ts';
import type { CheckContext, PrincipalUse, RegistrySubject, RegistryWebsite, ServerFacts } from './context.ts';
import { contextWithDefaults } from './defaults.ts';
import type { FilingDraft, Material, Principal, Website } from './draft.ts';
import { residentIdCheckChar } from './validators/resident-id.ts';
import { usccCheckChar } from './validators/uscc.ts';
import type { Violation } from './violation.ts';

/**
 * Builders for the rules tests, following requirements.md §15 (clock 2018-11-05, accounts A/B/C, servers S1/S2/H1,
 * 张三/李四/王五, 广州示例科技有限公司 with USCC-1). Not a test file: no assertions here.
 */

const id = (first17: string) => first17 + residentIdCheckChar(first17);
const uscc = (first17: string) => first17 + usccCheckChar(first17);

export const TODAY = '2018-11-05';
export const ID_ZS = id('44010619900101001');
export const ID_LS = id('44010619800505003');
export const ID_WW = id('44010619920303005');
export const USCC_1 = uscc('91440106MA59ABCDE');
export const USCC_2 = uscc('91440106MA59FGHJK');
export const USCC_3 = uscc('91330100MA27LMNPQ');
export const OLD_REG_1 = '440101000000001';
export const UIN_A = '100000000001';
export const UIN_B = '100000000002';

export const 张三: Principal = {
  name: '张三',
  certificateType: 'RESIDENT_ID',
  certificateNumber: ID_ZS,
  certificateValidFrom: '2010-01-01',
  certificateValidTo: '2030-01-01',
  mobile: '13800000001',
  officePhone: '13800000001',
  email: 'zhangsan@example.cn',
};
export const 李四: Principal = {
  ...张三,
  name: '李四',
  certificateNumber: ID_LS,
  mobile: '13800000009',
  officePhone: '020-88888888',
  email: 'lisi@example.cn',
};
export const 王五: Principal = {
  ...张三,
  name: '王五',
  certificateNumber: ID_WW,
  mobile: '13800000005',
  officePhone: '020-87654321',
  email: 'wangwu@example.cn',
};

export function server(over: Partial<ServerFacts> = {}): ServerFacts {
  return {
    id: 'S1',
    region: 'ap-guangzhou',
    mainland: true,
    billing: 'PREPAID',
    purchasedOn: '2018-10-01',
    expiresOn: '2019-10-01',
    publicIpv4: '203.0.113.10',
    loadBalancer: false,
    accountId: 'A',
    ...over,
  };
}
export const S1 = server();
export const H1 = server({ id: 'H1', region: 'ap-hongkong', mainland: false, publicIpv4: '198.51.100.10' });

/** Materials that satisfy the materials rules for the draft's websites (all valid images). */
export function validMaterials(draft: FilingDraft): Material[] {
  const org = draft.subject?.type !== 'PERSONAL';
  const ms: Material[] = [
    { kind: 'SUBJECT_CERT_FRONT', blobId: 'b-cert', fileName: 'cert.jpg', mimeType: 'image/jpeg', sizeBytes: 400_000 },
  ];
  if (!org)
    ms.push({
      kind: 'SUBJECT_CERT_BACK',
      blobId: 'b-cert-back',
      fileName: 'cert-back.jpg',
      mimeType: 'image/jpeg',
      sizeBytes: 400_000,
    });
  if (org) {
    ms.push(
      {
        kind: 'SUBJECT_PRINCIPAL_ID_FRONT',
        blobId: 'b-sp',
        fileName: 'sp.jpg',
        mimeType: 'image/jpeg',
        sizeBytes: 300_000,
      },
      {
        kind: 'SUBJECT_PRINCIPAL_ID_BACK',
        blobId: 'b-sp2',
        fileName: 'sp2.jpg',
        mimeType: 'image/jpeg',
        sizeBytes: 300_000,
      },
    );
  }
  (draft.websites ?? []).forEach((w, i) => {
    if (!w.principalSameAsSubject) {
      ms.push(
        {
          kind: 'WEBSITE_PRINCIPAL_ID_FRONT',
          websiteIndex: i,
          blobId: `b-wp${i}`,
          fileName: 'wp.png',
          mimeType: 'image/png',
          sizeBytes: 300_000,
        },
        {
          kind: 'WEBSITE_PRINCIPAL_ID_BACK',
          websiteIndex: i,
          blobId: `b-wpb${i}`,
          fileName: 'wpb.png',
          mimeType: 'image/png',
          sizeBytes: 300_000,
        },
      );
    }
    ms.push(
      {
        kind: 'VERIFICATION_SHEET',
        websiteIndex: i,
        blobId: `b-sheet${i}`,
        fileName: 'sheet.jpg',
        mimeType: 'image/jpeg',
        sizeBytes: 600_000,
        signed: true,
        seal: org ? 'OFFICIAL' : 'NONE',
      },
      {
        kind: 'HANDHELD_PHOTO',
        websiteIndex: i,
        blobId: `b-hand${i}`,
        fileName: 'hand.jpg',
        mimeType: 'image/jpeg',
        sizeBytes: 600_000,
      },
    );
  });
  return ms;
}

export function personalWebsite(over: Partial<Website> = {}): Website {
  return {
    name: '张三的摄影作品',
    domains: ['example-zs.cn'],
    serviceContent: 'OTHER',
    nature: 'PERSONAL_BLOG',
    languages: ['zh-CN'],
    preApprovalCategories: [],
    principalSameAsSubject: true,
    accessIps: ['203.0.113.10'],
    serverIds: ['S1'],
    ...over,
  };
}

/** FIRST order of personal subject 张三 in 广东, complete and valid. */
export function personalDraft(over: Partial<FilingDraft> = {}): FilingDraft {
  const d: FilingDraft = {
    orderType: 'FIRST',
    province: '广东',
    city: '广州',
    district: '天河区',
    subject: {
      type: 'PERSONAL',
      name: '张三',
      certificateType: 'RESIDENT_ID',
      certificateNumber: ID_ZS,
      certificateValidFrom: '2010-01-01',
      certificateValidTo: '2030-01-01',
      certificateAddress: '广东省广州市天河区示例路8号',
      communicationAddress: { province: '广东', city: '广州', district: '天河区', detail: '示例路8号' },
    },
    subjectPrincipal: { ...张三 },
    websites: [personalWebsite()],
    ...over,
  };
  return over.materials ? d : { ...d, materials: validMaterials(d) };
}

export function orgWebsite(over: Partial<Website> = {}): Website {
  return {
    name: '示例科技官网',
    domains: ['example-shop.cn'],
    serviceContent: 'OTHER',
    nature: 'ENTERPRISE',
    languages: ['zh-CN'],
    preApprovalCategories: [],
    principal: { ...王五 },
    accessIps: ['203.0.113.10'],
    serverIds: ['S1'],
    ...over,
  };
}

/** FIRST order of 广州示例科技有限公司 (USCC-1, legal rep 李四) in 广东, complete and valid. */
export function orgDraft(over: Partial<FilingDraft> = {}): FilingDraft {
  const d: FilingDraft = {
    orderType: 'FIRST',
    province: '广东',
    city: '广州',
    district: '天河区',
    subject: {
      type: 'ENTERPRISE',
      name: '广州示例科技有限公司',
      certificateType: 'USCC_LICENCE',
      certificateNumber: USCC_1,
      certificateValidFrom: '2015-01-01',
      certificateValidTo: '2038-12-31',
      certificateAddress: '广东省广州市天河区示例路1号',
      communicationAddress: { province: '广东', city: '广州', district: '天河区', detail: '示例路1号' },
      legalRepresentative: {
        name: '李四',
        certificateType: 'RESIDENT_ID',
        certificateNumber: ID_LS,
        nationality: 'CN',
      },
      hasOfficialSeal: true,
    },
    subjectPrincipal: { ...李四 },
    websites: [orgWebsite()],
    ...over,
  };
  return over.materials ? d : { ...d, materials: validMaterials(d) };
}

/** Context of account A (no subject) owning S1, with an empty registry. */
export function ctx(over: Partial<CheckContext> = {}): CheckContext {
  return contextWithDefaults({
    today: TODAY,
    account: { id: 'A', uin: UIN_A, subject: null },
    servers: [S1],
    registry: { subjects: [], websites: [], principals: [] },
    openOrders: [],
    domains: {},
    ...over,
  });
}

/** A filed subject record (defaults: 广州示例科技有限公司, USCC-1, accessed here, bound to account A). */
export function filedSubject(over: Partial<RegistrySubject> = {}): RegistrySubject {
  return {
    filingNumber: '粤ICP备18000001号',
    type: 'ENTERPRISE',
    name: '广州示例科技有限公司',
    certificateType: 'USCC_LICENCE',
    certificateNumber: USCC_1,
    province: '广东',
    accountId: 'A',
    accountUin: UIN_A,
    accessedHere: true,
    communicationAddress: { province: '广东', city: '广州', district: '天河区', detail: '示例路1号' },
    principal: {
      name: '李四',
      certificateNumber: ID_LS,
      certificateValidTo: '2030-01-01',
      mobile: '13800000009',
      officePhone: '020-88888888',
      email: 'lisi@example.cn',
    },
    ...over,
  };
}

export function filedWebsite(over: Partial<RegistryWebsite> = {}): RegistryWebsite {
  return {
    filingNumber: '粤ICP备18000001号-1',
    subjectFilingNumber: '粤ICP备18000001号',
    name: '示例科技官网',
    domains: ['example-shop.cn'],
    serviceContent: 'OTHER',
    accessedHere: true,
    otherAccessProviders: 0,
    principal: { name: '王五', certificateNumber: ID_WW, certificateValidTo: '2030-01-01', mobile: '13800000005' },
    ...over,
  };
}

export function principalUse(over: Partial<PrincipalUse> = {}): PrincipalUse {
  return {
    subjectCertificateNumber: USCC_1,
    subjectName: '广州示例科技有限公司',
    subjectType: 'ENTERPRISE',
    role: 'SUBJECT',
    name: '李四',
    certificateNumber: ID_LS,
    mobile: '13800000009',
    ...over,
  };
}

/** Violations of a full check, optionally only those of one rule id. */
export function violationsOf(draft: FilingDraft, c: CheckContext = ctx(), ruleId?: string): Violation[] {
  const vs = checkFiling(draft, c).violations;
  return ruleId ? vs.filter((v) => v.rule === ruleId) : vs;
}

/** Codes of a full check (sorted), optionally of one rule id. */
export function codesOf(draft: FilingDraft, c: CheckContext = ctx(), ruleId?: string): string[] {
  return violationsOf(draft, c, ruleId)
    .map((v) => v.code)
    .sort();
}
