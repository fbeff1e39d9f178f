import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FilingDraft } from '../../../../src/modules/rules/draft.ts';
import { cleanDraft, draftSchemaErrors, materialFor, withMaterial, withoutMaterial } from './draft-utils.ts';

describe('draft values from the form', () => {
  it('R-ORD-003: cleared inputs leave the draft, while empty entries of a list keep their position', () => {
    const d = cleanDraft({
      subject: { name: '', certificateValidTo: undefined, communicationAddress: { detail: '', city: '深圳市' } },
      websites: [{ name: '张三的博客', domains: ['example-shop.cn', ''] }],
    });
    assert.deepEqual(d, {
      subject: { communicationAddress: { city: '深圳市' } },
      websites: [{ name: '张三的博客', domains: ['example-shop.cn', ''] }],
    });
  });

  it('R-ORD-003: schema limits are reported at their field before anything is sent', () => {
    const errors = draftSchemaErrors({
      websites: [{ name: 'x'.repeat(101) }],
      subject: { certificateValidTo: '2040/01/01' },
    } as FilingDraft);
    assert.deepEqual(errors.map((e) => [e.field, e.code]).sort(), [
      ['subject.certificateValidTo', 'SCHEMA_PATTERN'],
      ['websites[0].name', 'SCHEMA_MAXLENGTH'],
    ]);
    assert.deepEqual(draftSchemaErrors({ orderType: 'FIRST', province: '广东' }), []);
  });

  it('R-MAT-002: an upload replaces the earlier one of the same slot only', () => {
    let ms = withMaterial([], { kind: 'SUBJECT_CERT_FRONT', blobId: 'a' });
    ms = withMaterial(ms, { kind: 'VERIFICATION_SHEET', websiteIndex: 0, blobId: 'b' });
    ms = withMaterial(ms, { kind: 'VERIFICATION_SHEET', websiteIndex: 1, blobId: 'c' });
    ms = withMaterial(ms, { kind: 'VERIFICATION_SHEET', websiteIndex: 0, blobId: 'd' });
    assert.equal(materialFor(ms, 'VERIFICATION_SHEET', 0)?.blobId, 'd');
    assert.equal(materialFor(ms, 'VERIFICATION_SHEET', 1)?.blobId, 'c');
    assert.equal(materialFor(ms, 'SUBJECT_CERT_FRONT')?.blobId, 'a');
    assert.equal(withoutMaterial(ms, 'VERIFICATION_SHEET', 1).length, 2);
  });
});
