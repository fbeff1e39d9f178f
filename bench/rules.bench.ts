// Benchmark of the rules engine: run with `node --import tsx bench/rules.bench.ts`.
// Measures checkFiling on a maximal order (10 websites × 10 domains, every field filled, a populated registry) and
// on a minimal one, in the same run. Goal: maximal median ≤ 1 ms. The last line is one JSON object.
import { checkFiling } from '../src/modules/rules/check.ts';
import type { CheckContext, DomainFacts } from '../src/modules/rules/context.ts';
import type { FilingDraft } from '../src/modules/rules/draft.ts';
import {
  ctx,
  filedSubject,
  filedWebsite,
  orgDraft,
  orgWebsite,
  principalUse,
  S1,
  server,
  USCC_2,
  王五,
} from '../src/modules/rules/test-fixtures.ts';

function maximal(): { draft: FilingDraft; context: CheckContext } {
  const websites = Array.from({ length: 10 }, (_, i) =>
    orgWebsite({
      name: `示例科技${i + 1}号站`,
      domains: Array.from({ length: 10 }, (_, j) => `example-d${String(i * 10 + j + 1).padStart(3, '0')}.cn`),
      homepageUrl: `http://example-d${String(i * 10 + 1).padStart(3, '0')}.cn/`,
      serviceContent: 'NEWS',
      nature: 'ENTERPRISE',
      languages: ['zh-CN', 'en'],
      preApprovalCategories: ['NEWS'],
      preApprovals: [
        {
          category: 'NEWS',
          number: `粤新闻-2018-${i}`,
          authority: '广东省新闻办公室',
          issueDate: '2018-01-01',
          expiryDate: '2021-01-01',
          documentBlobId: `n${i}`,
        },
      ],
      contentTags: ['ECOMMERCE'],
      cultureActivities: [],
      commercialCulture: false,
      principal: { ...王五, emergencyContact: { name: '赵六', mobile: '13800000066' } },
      accessIps: ['203.0.113.10'],
      serverIds: ['S1'],
      commercialLicensed: false,
      remark: 'ICP 号申请通过后办理经营性备案',
    }),
  );
  const draft = orgDraft({ websites, authCode: undefined, city: '广州', district: '天河区' });
  draft.subject = {
    ...draft.subject,
    businessScope: '软件开发；信息技术咨询',
    investorOrAuthority: '李四',
    nationalLevel: false,
    remark: '通信地址已为最详细地址',
  };
  const domains: Record<string, DomainFacts> = {};
  for (const w of websites)
    for (const d of w.domains ?? [])
      domains[d] = {
        registrar: '示例注册商',
        domesticQualified: true,
        realNameVerifiedOn: '2018-10-08',
        registrantType: 'ORGANISATION',
        registrantName: '广州示例科技有限公司',
        privacyProtection: false,
      };
  const others = Array.from({ length: 50 }, (_, i) =>
    filedSubject({
      filingNumber: `粤ICP备1800${String(i + 100).padStart(4, '0')}号`,
      name: `其他公司${i}`,
      certificateNumber: `X${i}`,
      accountId: `U${i}`,
    }),
  );
  const otherSites = others.map((s, i) =>
    filedWebsite({
      filingNumber: `${s.filingNumber}-1`,
      subjectFilingNumber: s.filingNumber,
      name: `其他网站${i}`,
      domains: [`other-${i}.cn`],
    }),
  );
  const context = ctx({
    servers: [S1, server({ id: 'S2', publicIpv4: '203.0.113.11' })],
    registry: {
      subjects: others,
      websites: otherSites,
      principals: Array.from({ length: 100 }, (_, i) =>
        principalUse({
          subjectCertificateNumber: USCC_2,
          mobile: `1390000${String(i).padStart(4, '0')}`,
          certificateNumber: `P${i}`,
        }),
      ),
    },
    openOrders: Array.from({ length: 20 }, (_, i) => ({
      id: `O${i}`,
      provider: 'OTHER' as const,
      accountId: null,
      orderType: 'FIRST' as const,
      state: 'IN_FLIGHT',
      atBureau: true,
      subjectCertificateNumber: `Y${i}`,
      domains: [`busy-${i}.cn`],
    })),
    domains,
    verifiedMobiles: ['13800000009', '13800000005'],
    mobileProvinces: { '13800000009': '广东', '13800000005': '广东' },
  });
  return { draft, context };
}

function minimal(): { draft: FilingDraft; context: CheckContext } {
  return {
    draft: { orderType: 'FIRST', province: '广东', subject: { type: 'PERSONAL', name: '张三' } },
    context: ctx(),
  };
}

function measure(label: string, make: () => { draft: FilingDraft; context: CheckContext }, iterations: number) {
  const samples: number[] = [];
  let violations = 0;
  for (let i = 0; i < iterations + 200; i++) {
    // A fresh draft per run: per-draft caches must not make the numbers look better than a real request.
    const { draft, context } = make();
    const t0 = performance.now();
    const r = checkFiling(draft, context);
    const t1 = performance.now();
    if (i >= 200) samples.push(t1 - t0);
    violations = r.violations.length;
  }
  samples.sort((a, b) => a - b);
  const q = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))];
  const out = { median: q(0.5), p99: q(0.99), violations };
  console.log(
    `${label}: median ${out.median.toFixed(3)} ms, p99 ${out.p99.toFixed(3)} ms, ${violations} violation(s), n=${samples.length}`,
  );
  return out;
}

const max = measure('maximal order (10 websites × 10 domains)', maximal, 2000);
const min = measure('minimal order', minimal, 2000);
const round = (x: number) => Math.round(x * 1000) / 1000;
console.log(
  JSON.stringify({
    max_order_median_ms: round(max.median),
    max_order_p99_ms: round(max.p99),
    min_order_median_ms: round(min.median),
    min_order_p99_ms: round(min.p99),
    max_order_violations: max.violations,
    goal_max_median_ms: 1,
    goal_met: max.median <= 1,
  }),
);
