import type { CheckContext } from '../context.ts';
import type { FilingDraft, Material, Principal, Province, SubjectType, Website } from '../draft.ts';
import { type RuleDef, ruleApplies } from '../rule.ts';
import type { Violation } from '../violation.ts';
import { PROVINCE_TABLE_VERSION, provinceTable } from './table.ts';
import type { ProvinceTable } from './types.ts';

/**
 * Builders for the province and materials tests, following the people and companies of requirements.md §15.
 * Not a test file itself: it has no assertions.
 */

export function ctxFor(over: Partial<CheckContext> = {}, table: ProvinceTable = provinceTable): CheckContext {
  return {
    today: '2018-11-05',
    ruleSetVersion: PROVINCE_TABLE_VERSION,
    provinces: table,
    account: { id: 'A' },
    ...over,
  };
}

/** What checkFiling does with a rule list: scope filter, then every check. */
export function run(rules: readonly RuleDef[], draft: FilingDraft, ctx: CheckContext = ctxFor()): Violation[] {
  return rules.filter((r) => ruleApplies(r, draft, ctx)).flatMap((r) => r.check(draft, ctx));
}

export const codes = (vs: readonly Violation[]): string[] => vs.map((v) => v.code).sort();

export const 李四: Principal = {
  name: '李四',
  certificateType: 'RESIDENT_ID',
  certificateNumber: '440106198005050017',
  mobile: '13800000001',
  officePhone: '020-87654321',
  email: 'lisi@example.cn',
};
export const 王五: Principal = {
  name: '王五',
  certificateType: 'RESIDENT_ID',
  certificateNumber: '440106199203030035',
  mobile: '13800000002',
  officePhone: '020-87654322',
  email: 'wangwu@example.cn',
};
export const 张三: Principal = {
  name: '张三',
  certificateType: 'RESIDENT_ID',
  certificateNumber: '440106199001010011',
  mobile: '13800000003',
  officePhone: '13800000003',
  email: 'zhangsan@example.cn',
};

export interface DraftOptions {
  province?: Province;
  subjectType?: SubjectType;
  orderType?: FilingDraft['orderType'];
  websites?: Website[];
  materials?: Material[];
  subjectRemark?: string;
  subjectPrincipal?: Principal;
}

/** An organisation (legal representative 李四) or a person (张三), with one website principal 王五 or 张三. */
export function draftFor(o: DraftOptions = {}): FilingDraft {
  const type = o.subjectType ?? 'ENTERPRISE';
  const personal = type === 'PERSONAL';
  const province = o.province ?? '广东';
  return {
    orderType: o.orderType ?? 'FIRST',
    province,
    city: '广州',
    subject: personal
      ? {
          type,
          name: '张三',
          certificateType: 'RESIDENT_ID',
          certificateNumber: 张三.certificateNumber,
          remark: o.subjectRemark,
        }
      : {
          type,
          name: `${province}示例科技有限公司`,
          certificateType: 'USCC_LICENCE',
          certificateNumber: '91440101MA59UQXX0X',
          legalRepresentative: {
            name: '李四',
            certificateType: 'RESIDENT_ID',
            certificateNumber: 李四.certificateNumber,
            nationality: 'CN',
          },
          remark: o.subjectRemark,
        },
    subjectPrincipal: o.subjectPrincipal ?? (personal ? 张三 : 李四),
    websites: o.websites ?? [
      {
        name: personal ? '张三的随笔' : '示例科技官网',
        domains: ['example-shop.cn'],
        serviceContent: 'OTHER',
        principal: personal ? undefined : 王五,
        principalSameAsSubject: personal,
      },
    ],
    materials: o.materials ?? [],
  };
}

/** One material of each standard kind the draft needs at submission, so that only the rule under test fires. */
export function withMaterials(draft: FilingDraft, extra: Material[] = []): FilingDraft {
  const ms: Material[] = [
    { kind: 'SUBJECT_CERT_FRONT', fileName: 'cert.jpg', sizeBytes: 500_000 },
    { kind: 'SUBJECT_CERT_BACK', fileName: 'cert-back.jpg', sizeBytes: 500_000 },
    { kind: 'SUBJECT_PRINCIPAL_ID_FRONT', fileName: 'p.jpg', sizeBytes: 500_000 },
    { kind: 'SUBJECT_PRINCIPAL_ID_BACK', fileName: 'p-back.jpg', sizeBytes: 500_000 },
  ];
  (draft.websites ?? []).forEach((_, i) => {
    ms.push(
      { kind: 'WEBSITE_PRINCIPAL_ID_FRONT', websiteIndex: i, fileName: 'w.png', sizeBytes: 400_000 },
      { kind: 'WEBSITE_PRINCIPAL_ID_BACK', websiteIndex: i, fileName: 'w-back.png', sizeBytes: 400_000 },
      { kind: 'VERIFICATION_SHEET', websiteIndex: i, fileName: 'sheet.png', sizeBytes: 900_000 },
      { kind: 'HANDHELD_PHOTO', websiteIndex: i, fileName: 'hand.jpg', sizeBytes: 700_000 },
    );
  });
  return { ...draft, materials: [...ms, ...extra] };
}
