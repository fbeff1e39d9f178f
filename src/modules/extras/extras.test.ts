import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagnosisHints, gatewayVerdict, type HostResolution, PROPAGATION_MS } from './diagnosis.ts';
import { psbHtmlSnippet, psbTasks, psbViolations } from './psb.ts';

const unresolved = (host: string): HostResolution => ({
  host,
  status: 'UNRESOLVED',
  ips: [],
  server: null,
  error: 'ENOTFOUND',
});
const NOW = Date.parse('2018-11-05T10:00:00+08:00');
const likely = (
  domain: string,
  access: { decision: string; reason: string; updatedAt: number } | null,
  r: HostResolution[],
) =>
  diagnosisHints({ domain, access, resolutions: r, now: NOW })
    .filter((h) => h.likely)
    .map((h) => h.code);

describe('R-ACS-016 diagnosis hints (pure)', () => {
  it('R-ACS-016: the 5-day real-name hint is likely only for an unresolvable .com/.net; every hint is always listed', () => {
    const old = { decision: 'allow', reason: 'FILED', updatedAt: NOW - 2 * PROPAGATION_MS };
    assert.deepEqual(likely('example-new.net', old, [unresolved('example-new.net')]), [
      'REGISTRY_HOLD',
      'REAL_NAME_5_DAYS',
    ]);
    assert.deepEqual(likely('example-new.cn', old, [unresolved('example-new.cn')]), ['REGISTRY_HOLD']);
    assert.equal(diagnosisHints({ domain: 'example-new.cn', access: old, resolutions: [], now: NOW }).length, 5);
  });

  it('R-ACS-012 R-ACS-016: the wait hint appears only for a served domain changed within 30 minutes', () => {
    const recent = (decision: string) => ({ decision, reason: 'FILED', updatedAt: NOW - PROPAGATION_MS + 1 });
    assert.ok(likely('example.cn', recent('allow'), []).includes('PROPAGATION_WAIT'));
    assert.ok(!likely('example.cn', recent('block'), []).includes('PROPAGATION_WAIT'));
    assert.ok(
      !likely('example.cn', { decision: 'allow', reason: 'FILED', updatedAt: NOW - PROPAGATION_MS }, []).includes(
        'PROPAGATION_WAIT',
      ),
    );
  });

  it('R-ACS-014: no projection row is a NOT_FILED block; a block keeps its R-ACS-014 reason', () => {
    assert.deepEqual([gatewayVerdict(null).allowed, gatewayVerdict(null).reason], [false, 'NOT_FILED']);
    const v = gatewayVerdict({ decision: 'block', reason: 'FILING_CANCELLED', updatedAt: 0 });
    assert.equal(v.reason, 'FILING_CANCELLED');
    assert.match(v.explanation.zh, /注销|取消|file/);
  });
});

describe('R-EXT-001/002 public-security tasks (pure)', () => {
  it('FAQ-256 FAQ-258 R-EXT-001 R-EXT-002: due dates are +30 calendar days across the month end; overdue after the due day', () => {
    const psb = { psbNumber: '44010602000001', approvedOn: '2018-11-20' };
    const open = psbTasks({ openedOn: '2018-11-05', psb: null }, '2018-12-05');
    assert.deepEqual(
      open.map((t) => [t.kind, t.dueOn, t.done, t.overdue]),
      [['PSB_FILING', '2018-12-05', false, false]],
    );
    assert.equal(psbTasks({ openedOn: '2018-11-05', psb: null }, '2018-12-06')[0].overdue, true);
    const both = psbTasks({ openedOn: '2018-11-05', psb }, '2018-12-21');
    assert.deepEqual(
      both.map((t) => [t.kind, t.dueOn, t.done, t.overdue]),
      [
        ['PSB_FILING', '2018-12-05', true, false],
        ['PSB_DISPLAY', '2018-12-20', false, true],
      ],
    );
  });

  it('R-EXT-002: the number is 14 digits with an optional 「X公网安备 …号」 wrapper; dates must be real and not in the future', () => {
    const ok = (n: string) => psbViolations({ psbNumber: n, approvedOn: '2018-11-20' }, '2018-11-21');
    assert.deepEqual(ok('44010602000001'), []);
    assert.deepEqual(ok('京公网安备 11010502030143号'), []);
    assert.deepEqual(ok(' 粤公网安备44010602000001 '), []);
    assert.deepEqual(
      ok('4401060200000').map((v) => v.code),
      ['PSB_NUMBER_FORMAT'],
    );
    assert.deepEqual(
      ok('<script>').map((v) => v.code),
      ['PSB_NUMBER_FORMAT'],
    );
    assert.deepEqual(
      psbViolations({ psbNumber: '44010602000001', approvedOn: '1999-12-31' }, '2018-11-21').map((v) => v.code),
      ['PSB_DATE_INVALID'],
    );
  });

  it('R-EXT-002: the HTML code links the 14-digit core and escapes the label', () => {
    assert.equal(
      psbHtmlSnippet('粤公网安备 44010602000001号'),
      '<a href="https://beian.mps.gov.cn/portal/registerSystemInfo?recordcode=44010602000001" target="_blank" rel="noreferrer">粤公网安备 44010602000001号</a>',
    );
    assert.match(psbHtmlSnippet('44010602000001'), />公网安备 44010602000001号<\/a>$/);
  });
});
