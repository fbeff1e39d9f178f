import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diffDrafts, flatten } from './diff.ts';

describe('draft diff since the last rejection', () => {
  it('flattens to draft paths; empty containers vanish', () => {
    assert.deepEqual(
      [...flatten({ subject: { name: 'a', tags: [] }, websites: [{ domains: ['x.cn', 'y.cn'] }] })],
      [
        ['subject.name', 'a'],
        ['websites[0].domains[0]', 'x.cn'],
        ['websites[0].domains[1]', 'y.cn'],
      ],
    );
  });

  it('R-REJ-002: lists added, removed and changed fields, each with the reasons whose field holds it', () => {
    const before = { subject: { name: '张三', remark: '旧' }, websites: [{ name: '博客', domains: ['a.cn'] }] };
    const after = { subject: { name: '张三' }, websites: [{ name: '技术分享', domains: ['a.cn', 'b.cn'] }] };
    const d = diffDrafts(before, after, [
      { code: 'WEBSITE_NAME_INVALID', field: 'websites[0].name' },
      { code: 'WEBSITE_INFO_INCOMPLETE', field: 'websites[0]' },
      { code: 'SUBJECT_INFO_INCOMPLETE', field: 'subject.communicationAddress' },
    ]);
    assert.deepEqual(
      d.changes.map((c) => [c.path, c.kind, c.before, c.after, c.flaggedBy]),
      [
        ['subject.remark', 'removed', '旧', undefined, []],
        ['websites[0].domains[1]', 'added', undefined, 'b.cn', ['WEBSITE_INFO_INCOMPLETE']],
        ['websites[0].name', 'changed', '博客', '技术分享', ['WEBSITE_NAME_INVALID', 'WEBSITE_INFO_INCOMPLETE']],
      ],
    );
    assert.deepEqual(
      d.flagged.map((f) => [f.code, f.changed]),
      [
        ['WEBSITE_NAME_INVALID', true],
        ['WEBSITE_INFO_INCOMPLETE', true],
        ['SUBJECT_INFO_INCOMPLETE', false],
      ],
      'a flagged field the customer left unchanged stands out',
    );
  });

  it('orders array indices numerically (websites[10] after websites[2])', () => {
    const mk = (n: number) => ({ websites: Array.from({ length: n }, (_, i) => ({ name: `w${i}` })) });
    const d = diffDrafts(mk(0), mk(11));
    assert.equal(d.changes[2].path, 'websites[2].name');
    assert.equal(d.changes[10].path, 'websites[10].name');
  });
});
