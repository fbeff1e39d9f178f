import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Value } from 'typebox/value';
import { curtainTextFor, defaultProviderConfig, ProviderConfigSchema, parseProviderConfig } from './provider-config.ts';

const defaults = defaultProviderConfig({ legalName: '示例云计算有限公司', hotline: '400-000-0000' });

describe('provider configuration', () => {
  it('the defaults fit the schema and mirror the FAQ provider (R-PRV-018, R-PRE-013)', () => {
    assert.ok(Value.Check(ProviderConfigSchema, defaults));
    assert.equal(defaults.miitUrl, 'http://www.miitbeian.gov.cn');
    assert.equal(curtainTextFor(defaults, '浙江', undefined), '腾讯云计算（北京）有限责任公司');
    assert.equal(curtainTextFor(defaults, '广东', undefined), '腾讯云计算（北京）有限责任公司广州分公司');
  });

  it('R-PRV-018: a dated province override wins over the configured text', () => {
    assert.equal(curtainTextFor(defaults, '浙江', '新幕布字样'), '新幕布字样');
  });

  it('a stored document keeps its valid fields and falls back for the rest', () => {
    const stored = JSON.stringify({ hotline: '400-111-2222', photoPoints: 'broken', unknown: 1 });
    const cfg = parseProviderConfig(stored, defaults);
    assert.equal(cfg.hotline, '400-111-2222');
    assert.deepEqual(cfg.photoPoints, []);
    assert.ok(!('unknown' in cfg));
    assert.deepEqual(parseProviderConfig('not json', defaults), defaults);
  });
});
