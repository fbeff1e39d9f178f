import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { initialInput, parseOverrideInput, valueKind } from './override-value.ts';

describe('province override input', () => {
  it('R-PRV-001: edits a value of the kind the rule has', () => {
    assert.equal(valueKind(true), 'boolean');
    assert.equal(valueKind(20), 'number');
    assert.equal(valueKind('腾讯云'), 'string');
    assert.equal(valueKind(null), 'json', 'allowedSuffixes: null or an object');
    assert.equal(valueKind(['FIRST']), 'json');
  });

  it('parses JSON and refuses what does not parse', () => {
    assert.deepEqual(parseOverrideInput('json', '{"suffixes":["com"],"anyChineseSuffix":false}'), {
      ok: true,
      value: { suffixes: ['com'], anyChineseSuffix: false },
    });
    assert.deepEqual(parseOverrideInput('json', '{oops'), { ok: false });
    assert.deepEqual(parseOverrideInput('number', 30), { ok: true, value: 30 });
    assert.deepEqual(parseOverrideInput('string', '  '), { ok: false });
    assert.deepEqual(parseOverrideInput('boolean', undefined), { ok: true, value: false });
    assert.equal(initialInput('json', { a: 1 }), '{\n  "a": 1\n}');
  });
});
