import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readOnlyEdits } from '../filings/orders.service.ts';
import type { FilingDraft } from '../rules/draft.ts';
import { copyRecordIntoDraft, type PortalRecordAnswer, recordFromPortal, selectWebsites } from './record-mapping.ts';

const answer: PortalRecordAnswer = {
  subject: {
    filingNumber: '浙ICP备18000002号',
    province: '浙江',
    name: '杭州示例旅游有限公司',
    nature: 4,
    data: {
      Dwmc: '杭州示例旅游有限公司',
      Dwxz: 4,
      Txdz: { Shengid: 330000, Xxdz: '浙江省杭州市西湖区文三路1号' },
      Zj: { Zjlx: 1, Zjhm: '91330100MA2CXXXX1X', Zjzs: '浙江省杭州市西湖区文三路1号' },
      Fzr: { Fzr_xm: '钱十', Fzr_sjhm: '13700137000', Fzr_dzyj: 'qian@example-travel.cn', Fzr_zjlx: 2 },
    },
  },
  websites: [
    {
      filingNumber: '浙ICP备18000002号-1',
      name: '示例旅游',
      domains: ['example-travel.cn', 'www.example-travel.cn', 'example-travel-old.cn'],
      accessProviders: [110000000299],
      data: {
        Wzmc: '示例旅游',
        Fwnr: { Fwnr_id: [3] },
        Yylb: { Yylb_id: [1, 3] },
        Wz_Fzr: { Fzr_xm: '钱十', Fzr_sjhm: '13700137000' },
      },
    },
    { filingNumber: '浙ICP备18000002号-2', name: '示例游记', domains: ['example-trip.cn'], data: { Wzmc: '示例游记' } },
  ],
};

describe('R-ORD-032 R-SUB-029: the bureau record in draft shape and its copy into an ACCESS order', () => {
  it('R-SUB-029 R-WEB-003: the record maps back to the draft shape through the shared code tables; hosts become registrable domains', () => {
    const r = recordFromPortal(answer);
    assert.equal(r.province, '浙江');
    assert.deepEqual(r.subject, {
      type: 'ENTERPRISE',
      name: '杭州示例旅游有限公司',
      certificateType: 'USCC_LICENCE',
      certificateNumber: '91330100MA2CXXXX1X',
      certificateAddress: '浙江省杭州市西湖区文三路1号',
      communicationAddress: { province: '浙江', detail: '浙江省杭州市西湖区文三路1号' },
    });
    assert.deepEqual(r.principal, {
      name: '钱十',
      certificateType: 'RESIDENT_ID',
      mobile: '13700137000',
      email: 'qian@example-travel.cn',
    });
    assert.deepEqual(r.websites[0]!.domains, ['example-travel.cn', 'example-travel-old.cn']);
    assert.equal(r.websites[0]!.serviceContent, 'OTHER');
    assert.deepEqual(r.websites[0]!.languages, ['zh-CN', 'en']);
  });

  it('R-ORD-032b FAQ-017: the selection defaults to the websites of the entered domains, 1–10 of the record', () => {
    const r = recordFromPortal(answer);
    assert.deepEqual(selectWebsites(r, undefined, ['example-trip.cn']), ['浙ICP备18000002号-2']);
    assert.deepEqual(selectWebsites(r, undefined, ['unrelated.cn']), { code: 'NO_WEBSITE_SELECTED' });
    assert.deepEqual(selectWebsites(r, ['浙ICP备18000002号-9'], []), {
      code: 'WEBSITE_NOT_IN_RECORD',
      filingNumber: '浙ICP备18000002号-9',
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `浙ICP备18000002号-${i + 1}`);
    assert.deepEqual(selectWebsites(r, eleven, []), { code: 'MAX_WEBSITES_PER_ORDER', max: 10 });
  });

  it('R-SUB-029 R-WEB-024: the copy keeps the access part and names what became read-only; edits of it are found', () => {
    const r = recordFromPortal(answer);
    const draft: FilingDraft = {
      orderType: 'ACCESS',
      province: '浙江',
      subject: { type: 'ENTERPRISE', name: '杭州示例旅游有限公司', uploadedCertificateNumber: '91330100MA2CNEW01X' },
      websites: [{ domains: ['example-travel.cn'], accessIps: ['203.0.113.11'], serverIds: ['s1'] }],
    };
    const { draft: copied, copiedPaths } = copyRecordIntoDraft(draft, r, ['浙ICP备18000002号-1']);
    assert.equal(copied.subjectFilingNumber, '浙ICP备18000002号');
    assert.equal(copied.subject?.uploadedCertificateNumber, '91330100MA2CNEW01X', 'R-SUB-005: the newer number stays');
    assert.deepEqual(copied.websites?.[0]?.accessIps, ['203.0.113.11']);
    assert.ok(copiedPaths.includes('subjectPrincipal.mobile'));
    assert.ok(copiedPaths.includes('websites[0].domains'));
    assert.ok(!copiedPaths.some((p) => p.includes('accessIps') || p.includes('uploadedCertificateNumber')));
    const edited = structuredClone(copied);
    edited.subjectPrincipal!.mobile = '13900000000';
    edited.websites![0]!.domains = ['example-travel.cn'];
    edited.websites![0]!.accessIps = ['203.0.113.12'];
    assert.deepEqual(readOnlyEdits(copied, edited, copiedPaths).sort(), [
      'subjectPrincipal.mobile',
      'websites[0].domains',
    ]);
    // the same domains in another order or case are no edit
    const reordered = structuredClone(copied);
    reordered.websites![0]!.domains = ['EXAMPLE-TRAVEL-OLD.CN', 'example-travel.cn'];
    assert.deepEqual(readOnlyEdits(copied, reordered, copiedPaths), []);
    // the selection changes only at the selection step
    const added = structuredClone(copied);
    added.websites!.push({ filingNumber: '浙ICP备18000002号-2' });
    assert.deepEqual(readOnlyEdits(copied, added, copiedPaths), ['websites']);
  });
});
