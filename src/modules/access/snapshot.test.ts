import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCESS_REASONS, type AccessDecision } from './access.repository.ts';
import { AccessSnapshot, decisionOf, encodeAccess, isServed, reasonOf } from './snapshot.ts';

const FILED = encodeAccess('allow', 'FILED');
const TEMP = encodeAccess('temp_allow', 'ACCESS_IN_REVIEW');
const NOT_HERE = encodeAccess('block', 'NOT_ACCESSED_HERE');

describe('access snapshot (compact hash table over one Buffer)', () => {
  it('every decision × reason survives the one-byte encoding; only allow and temp_allow are served', () => {
    for (const d of ['allow', 'temp_allow', 'block'] as AccessDecision[])
      for (const r of ACCESS_REASONS) {
        const c = encodeAccess(d, r);
        assert.ok(c >= 0 && c < 256);
        assert.equal(decisionOf(c), d);
        assert.equal(reasonOf(c), r);
        assert.equal(isServed(c), d !== 'block');
      }
    assert.throws(() => encodeAccess('maybe' as AccessDecision, 'FILED'));
  });

  it('get answers -1 for a domain without a row, the code after set, the latest code after an overwrite', () => {
    const s = new AccessSnapshot({ domains: 4 });
    assert.equal(s.get('example-shop.cn'), -1);
    s.set('example-shop.cn', TEMP);
    assert.equal(s.get('example-shop.cn'), TEMP);
    s.set('example-shop.cn', FILED);
    assert.equal(s.get('example-shop.cn'), FILED);
    assert.equal(s.size, 1, 'an overwrite does not add an entry');
    assert.equal(s.get('example-shop.c'), -1, 'a prefix is not a match');
    assert.equal(s.get('xexample-shop.cn'), -1);
    assert.equal(s.get(''), -1);
  });

  it('keys are stored lower-case punycode: upper-case or Unicode input is found by its ASCII form', () => {
    const s = new AccessSnapshot();
    s.set('Example-Corp.CN', NOT_HERE);
    assert.equal(s.get('example-corp.cn'), NOT_HERE);
    s.set('示例.中国', FILED);
    assert.equal(s.get('xn--fsq092h.xn--fiqs8s'), FILED);
  });

  it('grows far past its initial size (entries, arena and slot table) and still finds every key', () => {
    const s = new AccessSnapshot({ domains: 16, meanLength: 4 });
    const n = 50_000;
    for (let i = 0; i < n; i++) s.set(`site-${i}.example${i % 13}.com.cn`, i % 3 === 0 ? FILED : NOT_HERE);
    assert.equal(s.size, n);
    for (let i = 0; i < n; i += 7)
      assert.equal(s.get(`site-${i}.example${i % 13}.com.cn`), i % 3 === 0 ? FILED : NOT_HERE);
    assert.equal(s.get('site-50000.example0.com.cn'), -1);
    const listed = new Map(s.entries());
    assert.equal(listed.size, n);
    assert.equal(listed.get('site-3.example3.com.cn'), FILED);
  });

  it('stays compact: well under the 150 bytes/domain goal at 200 000 domains', () => {
    const n = 200_000;
    const s = new AccessSnapshot({ domains: n, meanLength: 20 });
    for (let i = 0; i < n; i++) s.set(`d${i.toString(36)}-example.com.cn`, FILED);
    const perDomain = s.byteSize / n;
    assert.ok(perDomain < 60, `bytes per domain ${perDomain.toFixed(1)}`);
  });

  it('domains longer than 253 characters are never stored or found', () => {
    const s = new AccessSnapshot();
    const long = `${'a'.repeat(251)}.cn`;
    s.set(long, FILED);
    assert.equal(s.size, 0);
    assert.equal(s.get(long), -1);
  });
});
