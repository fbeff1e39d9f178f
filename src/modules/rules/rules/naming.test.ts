import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { placesIn } from '../data/naming.ts';
import type { SubjectType } from '../draft.ts';
import { codesOf, ctx, orgDraft, orgWebsite, personalDraft, personalWebsite } from '../test-fixtures.ts';
import { lintWebsiteName } from './naming.ts';

const lint = (
  name: string,
  subjectType: SubjectType,
  subjectName: string,
  extra: Partial<Parameters<typeof lintWebsiteName>[1]> = {},
) =>
  lintWebsiteName(name, { subjectType, subjectName, approvedCategories: new Set(), ...extra }).map(
    (f) => `${f.ruleNo}:${f.severity}:${f.code}`,
  );

describe('R-WEB-015 naming rules (truth table)', () => {
  const rows: Array<[string, SubjectType, string, string[], Partial<Parameters<typeof lintWebsiteName>[1]>?]> = [
    ['示例科技官网', 'ENTERPRISE', '广州示例科技有限公司', []],
    ['中国示例网', 'ENTERPRISE', '广州示例科技有限公司', ['1:block:WEBSITE_NAME_INVALID']],
    ['中国示例网', 'ENTERPRISE', '中国示例集团', [], { nationalLevel: true }],
    ['国家示例网', 'ENTERPRISE', '广州示例科技有限公司', [], { nationalApproval: true }],
    ['张三科技公司', 'PERSONAL', '张三', ['2:block:WEBSITE_NAME_INVALID']],
    ['张三摄影俱乐部', 'PERSONAL', '张三', ['2:block:WEBSITE_NAME_INVALID']],
    ['示例科技公司', 'ENTERPRISE', '广州示例科技有限公司', []],
    ['示例文化传播有限公司官网', 'ENTERPRISE', '示例文化传播有限公司', []],
    ['示例文化新闻网', 'ENTERPRISE', '示例文化传播有限公司', ['3:block:WEBSITE_NAME_INVALID']],
    ['示例游戏官网', 'ENTERPRISE', '杭州示例游戏有限公司', []],
    ['文化资讯', 'ENTERPRISE', '示例文化传播有限公司', ['3:block:WEBSITE_NAME_INVALID']],
    ['示例新闻网', 'ENTERPRISE', '广州示例科技有限公司', [], { approvedCategories: new Set(['NEWS']) }],
    ['示例游戏', 'ENTERPRISE', '广州示例科技有限公司', [], { approvedCategories: new Set(['CULTURE']) }],
    ['示例BBS', 'ENTERPRISE', '广州示例科技有限公司', ['3:block:WEBSITE_NAME_INVALID']],
    ['示例理财资讯', 'ENTERPRISE', '北京示例有限公司', ['4:warn:WEBSITE_NAME_RISK']],
    [
      '示例购物商城',
      'ENTERPRISE',
      '广州示例科技有限公司',
      ['5:warn:WEBSITE_NAME_RISK', '5:block:WEBSITE_REMARK_REQUIRED'],
    ],
    [
      '示例购物商城',
      'ENTERPRISE',
      '广州示例科技有限公司',
      ['5:warn:WEBSITE_NAME_RISK'],
      { remark: 'ICP 号申请通过后办理经营性备案' },
    ],
    ['示例返利网', 'ENTERPRISE', '广州示例科技有限公司', ['6:warn:WEBSITE_NAME_RISK']],
    ['广州摄影爱好', 'PERSONAL', '张三', ['8:block:WEBSITE_NAME_INVALID']],
    ['广州示例科技', 'ENTERPRISE', '广州示例科技有限公司', []],
    ['广东示例科技', 'ENTERPRISE', '广州示例科技有限公司', ['8:block:WEBSITE_NAME_INVALID']],
    ['北京示例', 'ENTERPRISE', '广州示例科技有限公司', ['8:block:WEBSITE_NAME_INVALID']],
    ['广州示例', 'ENTERPRISE', '广东示例科技有限公司', []],
    ['石家庄示例', 'ENTERPRISE', '示例科技有限公司', ['8:block:WEBSITE_NAME_INVALID']],
    ['李四个人网站', 'PERSONAL', '张三', ['9:block:WEBSITE_NAME_INVALID']],
    ['张三个人网站', 'PERSONAL', '张三', []],
    ['风之子的博客', 'PERSONAL', '张三', ['9:warn:WEBSITE_NAME_RISK']],
    ['张三的博客', 'PERSONAL', '张三', ['10:warn:WEBSITE_NAME_RISK']],
    ['摄影空间', 'PERSONAL', '张三', ['10:warn:WEBSITE_NAME_RISK']],
  ];
  for (const [name, type, subject, want, extra] of rows) {
    test(`R-WEB-015: ${type} ${subject} / 「${name}」 → ${want.join(', ') || 'accepted'}`, () => {
      assert.deepEqual(lint(name, type, subject, extra), want);
    });
  }
  test('R-WEB-015 rule 11: no rule requires an organisation name to be the company name', () => {
    assert.deepEqual(lint('云上相册', 'ENTERPRISE', '广州示例科技有限公司'), []);
  });
  test('R-WEB-015: the rule reports on the website name, and the remark rule on the remark; name is required', () => {
    const d = orgDraft({
      websites: [orgWebsite({ name: '示例购物商城' }), orgWebsite({ name: '', domains: ['example-two.cn'] })],
    });
    const v = codesOf(d, ctx(), 'R-WEB-015');
    assert.deepEqual(v, ['FIELD_REQUIRED', 'WEBSITE_NAME_RISK', 'WEBSITE_REMARK_REQUIRED']);
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ name: '张三的摄影作品' })] }), ctx(), 'R-WEB-015'),
      [],
    );
  });
  test('R-WEB-015 rule 8: place matching takes the longest name and does not overlap', () => {
    assert.deepEqual(
      placesIn('内蒙古包头示例').map((p) => p.name),
      ['内蒙古', '包头'],
    );
    assert.deepEqual(
      placesIn('吉林示例').map((p) => `${p.name}:${p.level}`),
      ['吉林:province'],
    );
  });
});
