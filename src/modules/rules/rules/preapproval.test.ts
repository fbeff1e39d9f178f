import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PRE_APPROVAL_INFO } from '../data/pre-approval.ts';
import type { PreApproval } from '../draft.ts';
import { provinceTable } from '../provinces/table.ts';
import {
  codesOf,
  ctx,
  filedSubject,
  filedWebsite,
  orgDraft,
  orgWebsite,
  personalDraft,
  personalWebsite,
  violationsOf,
} from '../test-fixtures.ts';

const approval = (over: Partial<PreApproval> = {}): PreApproval => ({
  category: 'BBS',
  number: '粤BBS-2018-001',
  authority: '广东省通信管理局',
  issueDate: '2018-01-01',
  expiryDate: '2020-12-31',
  documentBlobId: 'b-bbs',
  ...over,
});
const licence = (over: Partial<PreApproval> = {}) =>
  approval({
    category: 'CULTURE',
    cultureLicence: true,
    number: '浙网文〔2018〕0001-001',
    issueDate: '2018-01-10',
    expiryDate: '2021-01-10',
    activities: ['GAMES'],
    ...over,
  });

describe('R-PRE pre-approval and content rules', () => {
  test('R-PRE-001 R-PRE-002: the nine categories carry their issuing authority', () => {
    assert.equal(Object.keys(PRE_APPROVAL_INFO).length, 9);
    assert.equal(PRE_APPROVAL_INFO.PUBLISHING.authority.zh, '省新闻出版局');
    assert.equal(PRE_APPROVAL_INFO.BBS.authority.zh, '省通信管理局');
    assert.equal(PRE_APPROVAL_INFO.ONLINE_GAMES.authority.zh, '省文化厅');
  });
  test('R-PRE-003: a selected category needs its document; incomplete records are reported', () => {
    const d = orgDraft({ websites: [orgWebsite({ serviceContent: 'NEWS', name: '示例资讯' })] });
    assert.deepEqual(codesOf(d, ctx(), 'R-PRE-003'), ['PRE_APPROVAL_MISSING']);
    const ok = orgDraft({
      websites: [
        orgWebsite({ serviceContent: 'NEWS', name: '示例资讯', preApprovals: [approval({ category: 'NEWS' })] }),
      ],
    });
    assert.deepEqual(codesOf(ok, ctx(), 'R-PRE-003'), []);
    const part = orgDraft({
      websites: [
        orgWebsite({
          preApprovalCategories: ['NEWS'],
          preApprovals: [approval({ category: 'NEWS', documentBlobId: undefined })],
        }),
      ],
    });
    assert.deepEqual(codesOf(part, ctx(), 'R-PRE-003'), ['PRE_APPROVAL_INCOMPLETE']);
  });
  test('R-PRE-004: individuals cannot select pre-approval categories', () => {
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ preApprovalCategories: ['NEWS'] })] }), ctx(), 'R-PRE-004'),
      ['PERSONAL_PRE_APPROVAL_FORBIDDEN'],
    );
    assert.deepEqual(codesOf(personalDraft(), ctx(), 'R-PRE-004'), []);
  });
  test('R-PRE-005: 其他 + 以上都不涉及 needs no document', () => {
    assert.deepEqual(
      codesOf(orgDraft({ websites: [orgWebsite({ serviceContent: 'OTHER', preApprovalCategories: [] })] }), ctx()),
      [],
    );
  });
  test('R-PRE-006: forums — personal refused, organisation needs BBS approval, suspended provinces refuse all', () => {
    assert.deepEqual(codesOf(personalDraft({ websites: [personalWebsite({ nature: 'FORUM' })] }), ctx(), 'R-PRE-006'), [
      'PERSONAL_FORUM_FORBIDDEN',
    ]);
    assert.deepEqual(codesOf(orgDraft({ websites: [orgWebsite({ nature: 'FORUM' })] }), ctx(), 'R-PRE-006'), [
      'PRE_APPROVAL_MISSING',
    ]);
    const ok = orgDraft({ websites: [orgWebsite({ serviceContent: 'BBS', preApprovals: [approval()] })] });
    assert.deepEqual(codesOf(ok, ctx()), []);
    const suspended = ctx({ provinces: { ...provinceTable, 广东: { ...provinceTable.广东, bbsSuspended: true } } });
    assert.deepEqual(codesOf(ok, suspended, 'R-PRE-006'), ['BBS_SUSPENDED_IN_PROVINCE']);
  });
  test('R-PRE-007: adult products need scope, two approvals and the remark; never for individuals', () => {
    const w = orgWebsite({ contentTags: ['ADULT_PRODUCTS'], name: '示例商贸官网' });
    assert.deepEqual(codesOf(orgDraft({ websites: [w] }), ctx(), 'R-PRE-007'), ['ADULT_PRODUCTS_REQUIREMENTS']);
    const full = orgDraft({ websites: [{ ...w, remark: '网站不向公众展示涉性图片及描述' }] });
    full.subject = { ...full.subject, businessScope: '互联网成人用品信息服务；日用品销售' };
    full.materials = [
      ...(full.materials ?? []),
      { kind: 'ADULT_MARKET_APPROVAL', websiteIndex: 0, blobId: 'm', fileName: 'm.jpg', sizeBytes: 1000 },
      { kind: 'ADULT_HEALTH_APPROVAL', websiteIndex: 0, blobId: 'h', fileName: 'h.jpg', sizeBytes: 1000 },
    ];
    assert.deepEqual(codesOf(full, ctx(), 'R-PRE-007'), []);
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ contentTags: ['ADULT_PRODUCTS'] })] }), ctx(), 'R-PRE-007'),
      ['ADULT_PRODUCTS_REQUIREMENTS'],
    );
  });
  test('R-PRE-008: commercial culture needs a valid 文网文; non-commercial does not; 广东 new filings are R-PRV-021', () => {
    const game = orgWebsite({
      serviceContent: 'ONLINE_GAMES',
      preApprovalCategories: ['CULTURE'],
      cultureActivities: ['GAMES'],
      commercialCulture: true,
      name: '示例游戏',
      domains: ['example-game.cn'],
    });
    const zj = { province: '浙江' as const };
    const d = orgDraft({ ...zj, websites: [game] });
    d.subject = {
      ...d.subject,
      certificateAddress: '浙江省杭州市示例路1号',
      communicationAddress: { province: '浙江', detail: '杭州市示例路1号' },
    };
    assert.ok(codesOf(d, ctx()).includes('PRE_APPROVAL_MISSING'), 'reported once (R-PRE-003 and R-PRE-008 agree)');
    const music = {
      ...d,
      websites: [orgWebsite({ serviceContent: 'OTHER', cultureActivities: ['MUSIC'], commercialCulture: true })],
    };
    assert.deepEqual(codesOf(music, ctx(), 'R-PRE-008'), ['PRE_APPROVAL_MISSING']);
    d.websites = [{ ...game, preApprovals: [licence()] }];
    assert.deepEqual(codesOf(d, ctx(), 'R-PRE-008'), []);
    const nonCommercial = orgDraft({
      websites: [orgWebsite({ cultureActivities: ['GAMES'], commercialCulture: false })],
    });
    assert.deepEqual(codesOf(nonCommercial, ctx(), 'R-PRE-008'), []);
    const gd = orgDraft({ websites: [orgWebsite({ cultureActivities: ['MUSIC'], commercialCulture: true })] });
    assert.deepEqual(codesOf(gd, ctx(), 'R-PRE-008'), [], '广东 gameViaChangeOnly: R-PRV-021 decides');
  });
  test('R-PRE-009: an expired pre-approval is reported as expired', () => {
    const d = orgDraft({
      websites: [orgWebsite({ serviceContent: 'BBS', preApprovals: [approval({ expiryDate: '2018-10-01' })] })],
    });
    assert.deepEqual(codesOf(d, ctx(), 'R-PRE-009'), ['PRE_APPROVAL_EXPIRED']);
  });
  test('R-PRE-010: finance names recommend the finance approval slot (warning only)', () => {
    const d = orgDraft({ websites: [orgWebsite({ name: '示例理财资讯' })] });
    assert.deepEqual(
      violationsOf(d, ctx(), 'R-PRE-010').map((v) => [v.code, v.severity]),
      [['FINANCE_APPROVAL_RECOMMENDED', 'warn']],
    );
    d.materials = [
      ...(d.materials ?? []),
      { kind: 'FINANCE_APPROVAL', websiteIndex: 0, blobId: 'f', fileName: 'f.jpg', sizeBytes: 1000 },
    ];
    assert.deepEqual(codesOf(d, ctx(), 'R-PRE-010'), []);
  });
  test('R-PRE-012: personal commercial content is flagged for review', () => {
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ contentTags: ['ECOMMERCE'] })] }), ctx(), 'R-PRE-012'),
      ['CONTENT_SUBJECT_MISMATCH'],
    );
  });
  test('R-EXT-007: a 文网文 is valid for at most 3 years', () => {
    const game = (l: PreApproval) =>
      orgDraft({ websites: [orgWebsite({ preApprovalCategories: ['CULTURE'], preApprovals: [l] })] });
    assert.deepEqual(codesOf(game(licence({ expiryDate: '2022-01-10' })), ctx(), 'R-EXT-007'), [
      'CULTURE_LICENCE_VALIDITY',
    ]);
    assert.deepEqual(codesOf(game(licence()), ctx(), 'R-EXT-007'), []);
  });
  test('R-EXT-008: the seven 文网文 activity categories', async () => {
    const { CULTURE_ACTIVITY_INFO } = await import('../data/pre-approval.ts');
    assert.deepEqual(
      Object.values(CULTURE_ACTIVITY_INFO).map((x) => x.zh.slice(0, 2)),
      ['音乐', '游戏', '艺术', '演出', '动漫', '网吧', '展览'],
    );
  });
  test('R-EXT-009: individuals cannot attach a 文网文', () => {
    const d = personalDraft({ websites: [personalWebsite({ preApprovals: [licence()] })] });
    assert.deepEqual(codesOf(d, ctx(), 'R-EXT-009'), ['PERSONAL_PRE_APPROVAL_FORBIDDEN']);
    assert.match(violationsOf(d, ctx(), 'R-EXT-009')[0].fix?.zh ?? '', /注册企业/);
  });
  test('R-EXT-012: adding a 文网文 while the home page lacks its number warns', () => {
    const c = ctx({
      registry: {
        subjects: [filedSubject()],
        websites: [filedWebsite({ probe: { reachable: true, filingNumberShown: true, cultureLicenceShown: false } })],
      },
    });
    const d = orgDraft({
      orderType: 'CHANGE_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [
        orgWebsite({
          filingNumber: '粤ICP备18000001号-1',
          preApprovalCategories: ['CULTURE'],
          preApprovals: [licence()],
        }),
      ],
    });
    assert.deepEqual(codesOf(d, c, 'R-EXT-012'), ['CULTURE_LICENCE_NOT_DISPLAYED']);
    const shown = ctx({
      registry: {
        subjects: [filedSubject()],
        websites: [filedWebsite({ probe: { reachable: true, cultureLicenceShown: true } })],
      },
    });
    assert.deepEqual(codesOf(d, shown, 'R-EXT-012'), []);
  });
});
