import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { Value } from 'typebox/value';
import { runCheckCli } from './check.cli.ts';
import { checkFiling } from './check.ts';
import { DEFAULT_RULE_SET_VERSION } from './defaults.ts';
import { FilingDraftSchema } from './draft.ts';
import { ruleRegistry, validationRuleIds } from './registry.ts';
import { defineRule, type RuleDef } from './rule.ts';
import { ctx, orgDraft, personalDraft, personalWebsite, TODAY } from './test-fixtures.ts';

const here = new URL('.', import.meta.url).pathname;
const examples = new URL('../../../examples/', import.meta.url).pathname;

const probe = (over: Partial<RuleDef> = {}): RuleDef =>
  defineRule({
    id: 'R-TEST-001',
    code: 'PROBE',
    severity: 'block',
    field: 'x',
    scope: {},
    title: { zh: '测试', en: 'probe' },
    check: (_d, _c, report) => [report('x', { zh: '命中', en: 'hit' })],
    ...over,
  });

describe('checkFiling', () => {
  test('returns every violation at once with the blocking flag and the rule-set version', () => {
    const d = personalDraft({ websites: [personalWebsite({ name: '李四个人网站', domains: ['example.online'] })] });
    const r = checkFiling(d, ctx());
    assert.equal(r.blocking, true);
    assert.equal(r.ruleSetVersion, DEFAULT_RULE_SET_VERSION);
    assert.deepEqual(r.violations.map((v) => v.code).sort(), ['SUFFIX_NOT_APPROVED', 'WEBSITE_NAME_INVALID']);
    const clean = checkFiling(personalDraft(), ctx());
    assert.deepEqual(clean, { violations: [], blocking: false, ruleSetVersion: DEFAULT_RULE_SET_VERSION });
  });
  test('warnings alone do not block', () => {
    const r = checkFiling(personalDraft(), ctx({ domains: { 'example-zs.cn': { realNameVerifiedOn: null } } }));
    assert.equal(r.blocking, false);
    assert.equal(r.violations.length, 1);
  });
  test('scope: province, subject type and order type filter rules; effectiveFrom is compared with today', () => {
    const d = personalDraft();
    assert.equal(checkFiling(d, ctx(), [probe({ scope: { provinces: ['北京'] } })]).violations.length, 0);
    assert.equal(checkFiling(d, ctx(), [probe({ scope: { provinces: ['广东'] } })]).violations.length, 1);
    assert.equal(checkFiling(d, ctx(), [probe({ scope: { subjectTypes: ['ENTERPRISE'] } })]).violations.length, 0);
    assert.equal(checkFiling(d, ctx(), [probe({ scope: { orderTypes: ['ACCESS'] } })]).violations.length, 0);
    assert.equal(checkFiling(d, ctx(), [probe({ effectiveFrom: '2018-11-06' })]).violations.length, 0);
    assert.equal(checkFiling(d, ctx(), [probe({ effectiveFrom: TODAY })]).violations.length, 1);
  });
  test('a province rule restating a generic one is reported once (same code and field)', () => {
    const twice = [probe(), probe({ id: 'R-TEST-002' })];
    assert.deepEqual(
      checkFiling(personalDraft(), ctx(), twice).violations.map((v) => v.rule),
      ['R-TEST-001'],
    );
  });
  test('a rule that throws becomes RULE_FAILED naming the rule, and the other rules still run', () => {
    const broken = probe({
      id: 'R-TEST-009',
      check: () => {
        throw new Error('boom');
      },
    });
    const r = checkFiling(personalDraft(), ctx(), [broken, probe()]);
    assert.deepEqual(
      r.violations.map((v) => [v.rule, v.code]),
      [
        ['R-TEST-009', 'RULE_FAILED'],
        ['R-TEST-001', 'PROBE'],
      ],
    );
  });
  test('a half-filled draft gets "what is missing" instead of an exception', () => {
    const r = checkFiling(
      { orderType: 'FIRST', province: '广东', subject: { type: 'PERSONAL' }, websites: [{}] },
      ctx(),
    );
    assert.equal(r.blocking, true);
    assert.ok(r.violations.some((v) => v.code === 'FIELD_REQUIRED'));
    assert.ok(
      !r.violations.some((v) => v.code === 'RULE_FAILED'),
      JSON.stringify(r.violations.filter((v) => v.code === 'RULE_FAILED')),
    );
    assert.ok(!checkFiling({}, ctx()).violations.some((v) => v.code === 'RULE_FAILED'));
  });
  test('every registry rule has an R- id, a code, a field and bilingual titles', () => {
    for (const r of ruleRegistry) {
      assert.match(r.id, /^R-(ACC|SUB|WEB|PRE|ORD|REJ|CHG|EXT|PRV|MAT)-\d{3}$/);
      assert.ok(r.code && r.field && r.title.zh && r.title.en, r.id);
    }
    assert.ok(validationRuleIds().includes('R-ACC-017'));
  });
});

describe('browser safety', () => {
  test('no module under src/modules/rules imports a node: builtin (tests excluded)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) {
          const src = readFileSync(p, 'utf8');
          const re =
            /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
          for (const m of src.matchAll(re)) {
            const spec = m[1] ?? m[2] ?? m[3];
            const builtins = [
              'fs',
              'path',
              'url',
              'crypto',
              'os',
              'child_process',
              'util',
              'punycode',
              'buffer',
              'stream',
            ];
            if (spec.startsWith('node:') || builtins.includes(spec.split('/')[0])) offenders.push(`${p}: ${spec}`);
          }
        }
      }
    };
    walk(here);
    assert.deepEqual(offenders, []);
  });
});

describe('FilingDraftSchema', () => {
  test('accepts the fixtures and refuses unknown properties', () => {
    assert.equal(Value.Check(FilingDraftSchema, personalDraft()), true);
    assert.equal(Value.Check(FilingDraftSchema, orgDraft()), true);
    assert.equal(Value.Check(FilingDraftSchema, { ...personalDraft(), extra: 1 }), false);
    assert.equal(Value.Check(FilingDraftSchema, { province: '香港' }), false);
    assert.equal(
      Value.Check(FilingDraftSchema, { websites: Array.from({ length: 11 }, () => ({})) }),
      true,
      '11 websites reach the rules',
    );
  });
});

describe('beian check (runCheckCli)', () => {
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const code = await runCheckCli(args, (s) => lines.push(s));
    return { code, out: lines.join('\n') };
  };
  test('examples/first-person-clean.json passes with exit 0', async () => {
    const r = await run(join(examples, 'first-person-clean.json'));
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /0 个阻断问题/);
  });
  test('examples/first-enterprise-bad-phone.json fails on the principal phone, mobile and e-mail (R-SUB-013)', async () => {
    const r = await run(join(examples, 'first-enterprise-bad-phone.json'), '--json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.out);
    assert.deepEqual(out.violations.map((v: { code: string; field: string }) => `${v.field}:${v.code}`).sort(), [
      'subjectPrincipal.email:EMAIL_INVALID',
      'subjectPrincipal.mobile:MOBILE_INVALID',
      'subjectPrincipal.officePhone:PHONE_INVALID',
    ]);
  });
  test('examples/website-bad-name.json fails with WEBSITE_NAME_INVALID rules 9 and 2 (R-WEB-015), human output in English', async () => {
    const r = await run(join(examples, 'website-bad-name.json'), '--lang', 'en');
    assert.equal(r.code, 1);
    assert.match(r.out, /websites\[0\]\.name {2}WEBSITE_NAME_INVALID \(R-WEB-015\)/);
    assert.match(r.out, /rule 9/);
    assert.match(r.out, /rule 2/);
    assert.match(r.out, /fix: /);
  });
  test('examples/unapproved-suffix.json fails with SUFFIX_NOT_APPROVED (R-WEB-005) and ENTER_MAIN_DOMAIN (R-WEB-003)', async () => {
    const r = await run(join(examples, 'unapproved-suffix.json'), '--json');
    assert.equal(r.code, 1);
    assert.deepEqual(
      JSON.parse(r.out)
        .violations.map((v: { code: string }) => v.code)
        .sort(),
      ['ENTER_MAIN_DOMAIN', 'SUFFIX_NOT_APPROVED'],
    );
  });
  test('usage errors, unreadable files and schema errors exit 2', async () => {
    assert.equal((await run()).code, 2);
    assert.equal((await run('/nonexistent/file.json')).code, 2);
    const bad = join(examples, '..', 'package.json');
    assert.equal((await run(bad)).code, 2);
  });
});

describe('filingNumberSnippet', () => {
  test('FAQ-247 R-PRE-013: the footer shows the company name and number, centred, linked to the configured MIIT URL', async () => {
    const { filingNumberSnippet } = await import('./snippet.ts');
    const html = filingNumberSnippet('广州示例科技有限公司', '粤ICP备18000001号-1');
    assert.match(html, /text-align:center/);
    assert.match(html, /广州示例科技有限公司 <a href="http:\/\/www\.miitbeian\.gov\.cn"[^>]*>粤ICP备18000001号-1<\/a>/);
    assert.match(
      filingNumberSnippet('A&B', 'X', 'https://beian.miit.gov.cn/'),
      /A&amp;B <a href="https:\/\/beian\.miit\.gov\.cn\/"/,
    );
    assert.match(filingNumberSnippet('A', 'X', 'javascript:alert(1)'), /href="http:\/\/www\.miitbeian\.gov\.cn"/);
  });
});
